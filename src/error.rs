//! The library's one error type.
//!
//! A variant that wraps a cause (an OS error, a tantivy error) returns it from
//! `source()` and leaves it out of its own message, so a printer that walks the chain
//! (`anyhow`'s `{:#}`, as the command line prints errors) shows each part once. Use
//! [`Error::chain`] where one string is wanted.

use std::path::PathBuf;

/// Everything that can go wrong in kamerzoek, with enough context to act on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The query string is not valid query syntax.
    #[error("query error at position {position}: {message}")]
    Query {
        /// Byte offset into the query string where the problem is.
        position: usize,
        /// What is wrong and what would be valid.
        message: String,
    },
    /// The index directory holds an index of another schema version.
    #[error("the index at {path} has schema version {found}, this kamerzoek needs version {expected}: delete the directory (or pass --rebuild) and index the letters again")]
    SchemaVersion {
        /// The index directory.
        path: PathBuf,
        /// The version recorded in the index.
        found: u32,
        /// The version this build writes and reads.
        expected: u32,
    },
    /// The index claims this schema version but does not match this build's schema
    /// (built by a development build of kamerzoek).
    #[error("the index at {path} does not match this kamerzoek's schema ({detail}): delete the directory (or pass --rebuild) and index the letters again")]
    Incompatible {
        /// The index directory.
        path: PathBuf,
        /// What differs.
        detail: String,
    },
    /// The index directory does not hold a kamerzoek index.
    #[error("no kamerzoek index at {path}: run `kamerzoek index --index {path} PATH...` first")]
    NoIndex {
        /// The directory that was looked at.
        path: PathBuf,
    },
    /// The schema declaration in `index_schema/` is invalid (a build defect).
    #[error("invalid index schema declaration: {0}")]
    Schema(String),
    /// A letter id was not found in the index.
    #[error("no letter with id {0:?} in the index; `kamerzoek search` lists letter ids")]
    UnknownLetter(String),
    /// Another process is writing to the index.
    #[error("the index at {path} is locked by {holder}; wait for it to finish (searches keep working meanwhile)")]
    Locked {
        /// The index directory.
        path: PathBuf,
        /// Who holds the lock, as far as is known (`pid 4242, kamerzoek index, since …`).
        holder: String,
    },
    /// An input file or document could not be indexed, and `--strict` makes that fatal.
    #[error("{reason} (stopped by --strict; what was committed before stays in the index)")]
    Input {
        /// The file.
        path: PathBuf,
        /// What is wrong, with the line or offset where known.
        reason: String,
    },
    /// The index directory cannot be written.
    #[error("cannot write to the index at {path} (check its permissions and free disk space; the last commit is intact)")]
    Write {
        /// The index directory.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// An error from the tantivy search library.
    #[error("index error")]
    Tantivy(#[from] tantivy::TantivyError),
    /// Any other I/O error, with what was being done.
    #[error("{context}")]
    Io {
        /// What was being done.
        context: String,
        /// What the OS said.
        source: std::io::Error,
    },
}

impl Error {
    /// The message with its causes, `what: why: …`, each once.
    pub fn chain(&self) -> String {
        let mut out = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(c) = cause {
            out.push_str(": ");
            out.push_str(&c.to_string());
            cause = c.source();
        }
        out
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn os_error() -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::PermissionDenied, "Permission denied (os error 13)")
    }

    #[test]
    fn each_cause_is_named_once() {
        let cases = [
            (Error::Read { path: "a.txt".into(), source: os_error() }, "cannot read a.txt: Permission denied (os error 13)"),
            (Error::Io { context: "x/kamerzoek.json is damaged".into(), source: os_error() }, "x/kamerzoek.json is damaged: Permission denied (os error 13)"),
            (
                Error::Write { path: "idx".into(), source: os_error() },
                "cannot write to the index at idx (check its permissions and free disk space; the last commit is intact): Permission denied (os error 13)",
            ),
            (Error::Tantivy(tantivy::TantivyError::IndexAlreadyExists), "index error: Index already exists"),
        ];
        for (error, expected) in cases {
            assert_eq!(error.chain(), expected);
            // anyhow, as the binary prints errors
            assert_eq!(format!("{:#}", anyhow::Error::new(error)), expected);
        }
    }
}
