use std::process::ExitCode;

use clap::Parser;

// regorus allocates and frees small values for every loop iteration and every call; mimalloc
// makes the whole run about a third faster than glibc malloc (BENCHMARKS.md, "The allocator").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = nis2check::cli::Cli::parse();
    ExitCode::from(nis2check::run(cli))
}
