//! Embedding kamerzoek: index the bundled letters into a temporary directory, then run
//! a few queries and print the hits.
//!
//! Run it with `cargo run --example embed`.

use std::path::Path;

use kamerzoek::ingest;
use kamerzoek::{LetterIndex, Scope, SearchOptions};

fn main() -> kamerzoek::Result<()> {
    // An index lives in a directory; `open_or_create` makes a new one when there is none.
    let dir = std::env::temp_dir().join(format!("kamerzoek-example-{}", std::process::id()));
    let index = LetterIndex::open_or_create(&dir)?;

    // `index_paths` walks files and directories, parses each letter and commits; a
    // callback sees every letter (or skipped file) as it goes.
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let summary = ingest::index_paths(&index, &[corpus], &Default::default(), &mut |_progress| {})?;
    println!("indexed {} letters with {} sections\n", summary.letters(), summary.sections);

    // Queries use the same language as the command line.
    for query in ["\"sociale partners\"", "re-integratie date:[2015 TO 2016]", "signer:Knops thuiswerken"] {
        println!("{query}");
        for hit in index.search(query, &SearchOptions::default())? {
            println!("  {}. {} ({}) {}", hit.rank, hit.title, hit.letter, hit.date.unwrap_or_default());
        }
    }

    // Per section instead of per letter.
    let options = SearchOptions { scope: Scope::Sections, limit: 3, ..SearchOptions::default() };
    println!("\nsections about reservisten");
    for hit in index.search("reservisten", &options)? {
        println!("  § {} — {}", hit.section.unwrap_or_default(), hit.snippet);
    }

    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}
