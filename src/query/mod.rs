//! The query language: parsing query strings into a syntax tree, and compiling the
//! tree into tantivy queries.

pub(crate) mod acronyms;
pub(crate) mod ast;
pub(crate) mod compile;
pub(crate) mod highlight;
pub(crate) mod parser;
