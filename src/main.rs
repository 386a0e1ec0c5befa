use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = nis2check::cli::Cli::parse();
    ExitCode::from(nis2check::run(cli))
}
