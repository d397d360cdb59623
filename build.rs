//! Compiles the bundled OpenTaal word list (`data/opentaal/words.txt.gz`) into an
//! `fst::Set` in `OUT_DIR`, which `src/lexicon.rs` embeds, so that no word list is read
//! from the system at run time.

use std::env;
use std::fs::File;
use std::io::{BufWriter, Read};
use std::path::PathBuf;

const WORD_LIST: &str = "data/opentaal/words.txt.gz";

fn main() {
    println!("cargo:rerun-if-changed={WORD_LIST}");
    println!("cargo:rerun-if-changed=build.rs");

    let mut text = String::new();
    flate2::read::GzDecoder::new(File::open(WORD_LIST).expect("open word list"))
        .read_to_string(&mut text)
        .expect("word list is gzipped UTF-8");

    // The file is stored sorted and deduplicated; sorting again costs little and keeps the
    // build working if someone regenerates the file carelessly.
    let mut words: Vec<String> = text
        .lines()
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.dedup();

    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR set by cargo")).join("lexicon.fst");
    let writer = BufWriter::new(File::create(&out).expect("create lexicon.fst"));
    let mut builder = fst::SetBuilder::new(writer).expect("start fst");
    builder.extend_iter(words.iter()).expect("words are sorted");
    builder.finish().expect("write fst");
}
