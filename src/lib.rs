//! kamerzoek
#![deny(missing_docs)]

pub mod analysis;
pub mod citations;
mod error;
pub mod index;
pub mod ingest;
pub mod letter;
pub mod lexicon;
pub mod query;
pub mod record;
pub mod schema;
// pub mod search;

pub use error::{Error, Result};
pub use index::LetterIndex;
