use std::io::Write;
use std::process::ExitCode;

// regorus allocates and frees small values for every loop iteration and every call; mimalloc
// makes the whole run about a third faster than glibc malloc (BENCHMARKS.md, "What changed").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = nis2check::cli::Cli::parse_with_sources();
    let code = nis2check::run(cli);
    // Everything is written: files are closed by now, and stdout is the one buffer left.
    let _ = std::io::stdout().flush();
    end(code)
}

/// Ends the process without running exit handlers. mimalloc's handler hands every page back to
/// the OS, one `madvise` per range (a thousand calls after a 10k-asset check, ~10 ms), just
/// before the OS takes all of the process's memory back anyway.
#[cfg(unix)]
fn end(code: u8) -> ExitCode {
    // SAFETY: `_exit` ends the process at once; nothing after it runs, and every output has
    // been written and flushed above.
    unsafe { libc::_exit(i32::from(code)) }
}

#[cfg(not(unix))]
fn end(code: u8) -> ExitCode {
    ExitCode::from(code)
}
