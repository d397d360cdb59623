//! The integration tests, in one binary: each module tests one part of kamerzoek
//! through its public API or its command line, on real letters; `util` holds the
//! shared fixtures.

mod util;

mod analysis;
mod citations;
mod cli;
mod formats;
mod letters;
mod probes;
mod query_parser;
mod ranking;
mod robustness;
mod sections;
mod stemming;
