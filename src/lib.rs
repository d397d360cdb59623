//! kamerzoek
#![deny(missing_docs)]

pub mod analysis;
mod error;
pub mod letter;

pub use error::{Error, Result};
