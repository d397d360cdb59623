//! Single-query latency on an in-memory index of the five bundled letters: a phrase, a
//! field query with a date range, a boolean query, a compound, with and without
//! snippets; and plain words.
//!
//! Run: `cargo bench --bench query`. Each iteration checks the first hit, so a broken
//! query cannot look fast.

use criterion::{criterion_group, criterion_main, Criterion};
use kamerzoek::ingest;
use kamerzoek::{LetterIndex, SearchOptions};

fn query(c: &mut Criterion) {
    let index = LetterIndex::create_in_ram().unwrap();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    ingest::index_paths(&index, &[corpus], &Default::default(), &mut |_| {}).unwrap();
    let cases = [
        ("phrase", "\"sociale partners\"", "001_7caab24e6105f95a"),
        ("field+date", "signer:Knops date:[2020 TO 2021] thuiswerken", "003_16c0e16309443de4"),
        ("boolean", "(remotie OR reservisten) NOT salarisschaal", "001_7caab24e6105f95a"),
        ("compound", "re-integratieproces", "002_e57fd0cb040071f5"),
    ];
    let mut group = c.benchmark_group("query");
    for snippets in [true, false] {
        let options = SearchOptions { snippets, ..SearchOptions::default() };
        for (name, q, first) in cases {
            let label = format!("{name}/{}", if snippets { "snippets" } else { "no snippets" });
            group.bench_function(label, |b| b.iter(|| assert_eq!(index.search(q, &options).unwrap()[0].letter, first)));
        }
    }
    // Plain words, ranked as `kamerzoek search` ranks them.
    let plain = SearchOptions { snippets: false, ..SearchOptions::default() };
    group.bench_function("plain words", |b| {
        b.iter(|| assert_eq!(index.search("remotie voor burgerpersoneel", &plain).unwrap()[0].letter, "000_7103214013612ba8"))
    });
    group.finish();
}

criterion_group!(benches, query);
criterion_main!(benches);
