use kamerzoek::LetterIndex;

use super::*;

/// A second writer gets the lock holder's pid at once, not a wait.
#[test]
fn a_second_writer_is_refused_with_the_holder() {
    let ws = Workspace::new();
    ws.index(&[]).expect_code(0);
    let index = LetterIndex::open(&ws.index_dir()).expect("opens");
    let writer = index.writer().expect("first writer");
    let run = ws.index(&[]);
    run.expect_code(2).says(&format!("is locked by pid {} (kamerzoek), since ", std::process::id())).says("searches keep working");
    drop(writer);
    ws.index(&[]).expect_code(0).says("2 unchanged");
}

/// Another process commits every 20 ms; every search meanwhile answers, and the
/// letters it sees never go back.
#[test]
fn searches_answer_while_another_process_commits() {
    let ws = Workspace::new();
    ws.index(&[]).expect_code(0);
    let copies = ws.dir.path().join("copies");
    let (copied, _) = copy_corpus(&copies, 30);
    let mut child = super::crash::spawn_child_indexer(&ws.index_dir(), &copies);
    let mut seen = Vec::new();
    while child.try_wait().expect("child state").is_none() {
        // The copies match too, in no fixed order.
        assert!(ws.search("subject:remotie").iter().any(|id| id == L000));
        seen.push(ws.letter_count());
    }
    assert!(child.wait().expect("reaped").success());
    assert!(seen.len() >= 2, "the run ended before searches could overlap it: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "letters went back: {seen:?}");
    assert_eq!(ws.letter_count(), 2 + copied);
}
