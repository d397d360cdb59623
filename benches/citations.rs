//! Citation extraction over real collections: the 439 defence regulations and the
//! 19,685 regulations of the benchmark corpus, in MB/s of body, best of three passes
//! (the bodies read into memory first). Run: `cargo bench --bench citations`. Without
//! `../shared` beside the repository it says so and measures nothing.

use std::path::PathBuf;
use std::time::Instant;

use kamerzoek::extract_citations;
use kamerzoek::ingest::read_json_lines;

fn main() {
    for name in ["corpus/nl-defensie-regelingen.jsonl.gz", "bench/nl-regelingen-2015.jsonl.gz"] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared").join(name);
        if !path.exists() {
            eprintln!("SKIPPED citations benchmark on {name}: ../shared is not beside the repository");
            continue;
        }
        let bodies: Vec<String> = read_json_lines(&path).expect("the collection opens").filter_map(Result::ok).map(|l| l.body).collect();
        let bytes: usize = bodies.iter().map(String::len).sum();
        let mut best = f64::MAX;
        let mut found = 0;
        for _ in 0..3 {
            let started = Instant::now();
            found = bodies.iter().map(|b| extract_citations(b).len()).sum::<usize>();
            best = best.min(started.elapsed().as_secs_f64());
        }
        println!("{name}: {} documents, {:.0} MB, {found} citations in {best:.2} s: {:.1} MB/s", bodies.len(), bytes as f64 / 1e6, bytes as f64 / 1e6 / best);
    }
}
