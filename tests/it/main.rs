//! The integration tests, in one binary: each module tests kamerzoek through its
//! public API or its command line, on real letters; `util` holds the shared fixtures.
//! Tables of the parts (analysis rules, stemming, citation forms, file formats, the
//! query parser, ranking techniques) are unit tests beside the code they test.

mod util;

mod citations;
mod cli;
mod files;
mod letters;
mod pdf;
mod probes;
mod robustness;
mod sections;
mod serve;
