//! Compiles the bundled OpenTaal word list (`data/opentaal/words.txt.gz`) and the words
//! in common use (the Snowball Dutch vocabulary, `data/snowball-dutch/voc.txt.gz`) into
//! `fst::Set`s in `OUT_DIR`, which `src/lexicon.rs` embeds, so that no word list is read
//! from the system at run time.

use std::env;
use std::fs::File;
use std::io::{BufWriter, Read};
use std::path::PathBuf;

const WORD_LIST: &str = "data/opentaal/words.txt.gz";

const COMMON_WORDS: &str = "data/snowball-dutch/voc.txt.gz";

fn main() {
    println!("cargo:rerun-if-changed={WORD_LIST}");
    println!("cargo:rerun-if-changed={COMMON_WORDS}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/fold.rs");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR set by cargo"));
    compile(WORD_LIST, &out.join("lexicon.fst"));
    compile(COMMON_WORDS, &out.join("common.fst"));
}

/// The folding of the analyzer (`src/fold.rs`, std only): the word list holds each word
/// as written and as the analyzer folds it before looking it up (`enquête` -> `enquete`).
#[allow(dead_code)]
#[path = "src/fold.rs"]
mod fold;

/// Compiles a gzipped list of words, one a line, into an `fst::Set` of them lowercased.
fn compile(list: &str, out: &std::path::Path) {
    let mut text = String::new();
    flate2::read::GzDecoder::new(File::open(list).unwrap_or_else(|e| panic!("open {list}: {e}")))
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{list} is gzipped UTF-8: {e}"));

    // The files are stored sorted and deduplicated; sorting again costs little and keeps
    // the build working if someone regenerates a file carelessly.
    // Each word as written and folded.
    let mut words: Vec<String> = text.lines().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).flat_map(|w| [fold::folded(&w), w]).collect();
    words.sort_unstable();
    words.dedup();

    let writer = BufWriter::new(File::create(out).expect("create an fst"));
    let mut builder = fst::SetBuilder::new(writer).expect("start fst");
    builder.extend_iter(words.iter()).expect("words are sorted");
    builder.finish().expect("write fst");
}
