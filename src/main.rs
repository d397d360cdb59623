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
    // A PDF the reader panics on is reported as that file's error and skipped; its
    // panic message would only look like kamerzoek crashing.
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some(kamerzoek::ingest::PDF_THREAD_NAME) {
            report(info);
        }
    }));
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
