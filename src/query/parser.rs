//! The query parser.
