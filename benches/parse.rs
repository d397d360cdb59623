//! Letter parsing (PDF repair, metadata, sections) and citation extraction on the five
//! bundled letters, in MB/s.
//!
//! Run: `cargo bench --bench parse`. Each iteration checks the section and citation
//! counts, so a broken parser cannot look fast.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kamerzoek::{extract_citations, parse_text};

fn corpus() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(p).unwrap())).collect()
}

fn parse(c: &mut Criterion) {
    let letters = corpus();
    let bytes: usize = letters.iter().map(|(_, t)| t.len()).sum();
    let sections = |letters: &[(String, String)]| letters.iter().map(|(id, t)| parse_text(id, t).sections.len()).sum::<usize>();
    let expected_sections = sections(&letters);
    let bodies: Vec<String> = letters.iter().map(|(id, t)| parse_text(id, t).body).collect();
    let cited = |bodies: &[String]| bodies.iter().map(|b| extract_citations(b).len()).sum::<usize>();
    let expected_citations = cited(&bodies);
    assert!(expected_sections >= 20 && expected_citations >= 20);

    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("letter::parse_text/seed letters", |b| b.iter(|| assert_eq!(sections(&letters), expected_sections)));
    group.bench_function("citations::extract/seed letters", |b| b.iter(|| assert_eq!(cited(&bodies), expected_citations)));
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
