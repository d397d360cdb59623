//! kamerzoek
#![deny(missing_docs)]

pub mod analysis;
pub mod citations;
mod error;
pub mod letter;
pub mod lexicon;
pub mod query;

pub use error::{Error, Result};
