//! The syntax tree of a query.
