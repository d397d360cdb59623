//! Reading and converting the regulations benchmark collection (438 MB of JSON, gzipped):
//! MB/s of letters' bodies, one pass. Run: `cargo bench --bench jsonl`; set
//! `KAMERZOEK_BENCH_JSONL` to read another copy (say, decompressed, to leave gzip out).
//! Without the file (a clone without `../shared`) it says so and measures nothing.

use std::path::PathBuf;

use kamerzoek::ingest::read_json_lines;

fn main() {
    let Some(path) = std::env::var_os("KAMERZOEK_BENCH_JSONL")
        .map(PathBuf::from)
        .into_iter()
        .chain(["../shared/bench/nl-regelingen-2015.jsonl.gz"].map(|p| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)))
        .find(|p| p.exists())
    else {
        eprintln!("SKIPPED jsonl benchmark: ../shared/bench/nl-regelingen-2015.jsonl.gz is not beside the repository");
        return;
    };
    let started = std::time::Instant::now();
    let (mut letters, mut errors, mut text_bytes, mut sections) = (0, 0, 0, 0);
    for result in read_json_lines(&path).expect("the benchmark file opens") {
        match result {
            Ok(letter) => {
                letters += 1;
                text_bytes += letter.body.len();
                sections += letter.sections.len();
            }
            Err(e) => {
                errors += 1;
                eprintln!("{e}");
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{letters} letters, {sections} sections, {:.0} MB of body in {seconds:.1} s: {:.0} MB/s of body",
        text_bytes as f64 / 1e6,
        text_bytes as f64 / 1e6 / seconds
    );
    // 28 regulations of the collection have an empty text (`"text": "\n"`): a reading
    // that finds other counts measured something else.
    if path.ends_with("nl-regelingen-2015.jsonl.gz") {
        assert_eq!((letters, errors), (19_657, 28));
    }
}
