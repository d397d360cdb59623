//! Throughput of the Dutch analyzer (`kz_dutch`) on the five bundled letters, in MB/s.
//!
//! Run: `cargo bench --bench analyzer`. Each iteration analyses all five letters and
//! checks the token count, so a broken analyzer cannot look fast.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

fn analyze(c: &mut Criterion) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut analyzer = kamerzoek::dutch_analyzer();
    let count = |analyzer: &mut tantivy::tokenizer::TextAnalyzer| {
        texts
            .iter()
            .map(|t| {
                let mut stream = analyzer.token_stream(t);
                let mut n = 0usize;
                while stream.advance() {
                    n += 1;
                }
                n
            })
            .sum::<usize>()
    };
    let expected = count(&mut analyzer);
    assert!(expected > 4000, "the letters give {expected} tokens");

    let mut group = c.benchmark_group("analyzer");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("kz_dutch/seed letters", |b| {
        b.iter(|| assert_eq!(count(&mut analyzer), expected));
    });
    group.finish();
}

criterion_group!(benches, analyze);
criterion_main!(benches);
