//! Tables and properties of the Dutch analysis, on its parts as well as whole.

mod rules;
mod stemming;
