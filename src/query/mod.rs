//! The query language: parsing query strings into a syntax tree, and compiling the
//! tree into tantivy queries.

pub mod acronyms;
pub mod ast;
pub mod compile;
pub mod highlight;
pub mod parser;
