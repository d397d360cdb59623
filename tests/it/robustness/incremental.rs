use super::*;

#[test]
fn a_rerun_adds_new_letters_and_skips_unchanged_ones() {
    let ws = Workspace::new();
    ws.index(&[]).expect_code(0).summary(2, 0);
    ws.put(&format!("{L001}.txt"), seed_text(L001));
    ws.index(&[]).expect_code(0).summary(1, 0).says("; 2 unchanged");
    ws.index(&[]).expect_code(0).summary(0, 0).says("; 3 unchanged");
    assert_eq!(ws.letter_count(), 3);
}

#[test]
fn a_changed_letter_is_reindexed() {
    let ws = Workspace::new();
    ws.index(&[]).expect_code(0);
    assert!(ws.search("vlootschouw").is_empty());
    ws.put(&format!("{L000}.txt"), seed_text(L000) + "\nDe vlootschouw gaat door.\n");
    ws.index(&[]).expect_code(0).summary(1, 0).says("; 1 updated; 1 unchanged");
    assert_eq!(ws.search("vlootschouw"), [L000]);
    assert_eq!(ws.letter_count(), 2);
    ws.assert_good_letters_searchable();
}

/// `--sync` removes the letters whose files (or lines) are gone, and nothing else:
/// not letters from other paths, not those of a file that failed to read this time.
#[test]
fn sync_removes_only_letters_whose_source_is_gone() {
    let ws = Workspace::new();
    let gone = ws.put("gone.txt", "Den Haag, 1 mei 2020\n\nOver veteranen.\n");
    let broken = ws.put("broken.txt", "Den Haag, 1 mei 2020\n\nOver reservisten.\n");
    ws.put("docs.jsonl", "{\"id\":\"j1\",\"text\":\"Over de marechaussee.\"}\n{\"id\":\"j2\",\"text\":\"Over de luchtmacht.\"}\n");
    let elsewhere = ws.dir.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).expect("mkdir");
    fs::write(elsewhere.join("other.txt"), "Den Haag, 1 mei 2020\n\nOver de landmacht.\n").expect("write");
    ws.index_paths(&[], &[ws.letters(), elsewhere]).expect_code(0).summary(7, 0);

    fs::remove_file(gone).expect("rm");
    fs::write(&broken, "").expect("empty it");
    ws.put("docs.jsonl", "{\"id\":\"j1\",\"text\":\"Over de marechaussee.\"}\n");
    ws.index(&["--sync"]).expect_code(1).summary(0, 1).says("; 2 removed");
    assert_eq!(ws.letter_count(), 5);
    assert!(ws.search("veteranen").is_empty());
    assert!(ws.search("luchtmacht").is_empty());
    assert_eq!(ws.search("reservisten"), ["broken"]);
    assert_eq!(ws.search("landmacht"), ["other"]);
    assert_eq!(ws.search("marechaussee"), ["j1"]);
    ws.assert_good_letters_searchable();
}
