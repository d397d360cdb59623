//! The `kamerzoek` command line: a thin layer over the library that parses arguments,
//! prints results and turns errors into exit codes.

mod cli;
mod serve;

use std::process::ExitCode;

// Faster than the system allocator for the many small allocations of indexing and
// querying (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("kamerzoek: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// `kamerzoek search … | head` closing the pipe early is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}
