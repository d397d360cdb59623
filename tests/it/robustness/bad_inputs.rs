use super::*;

#[test]
fn a_binary_file_named_txt_is_skipped() {
    let ws = Workspace::new();
    let pdf = ws.put("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 42 >>\nstream\n\x00\x00\x78\x9c\x00binary\nendstream\n");
    let image = ws.put("scan2.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00");
    let run = ws.index(&[]);
    run.expect_code(1)
        .summary(2, 2)
        // A PDF by its bytes is read as one, whatever its name: this one is broken.
        .says(&format!("skipped: {}: cannot read this PDF (Invalid cross-reference table); it may be damaged", pdf.display()))
        .says(&format!("skipped: {}: not a text file (it holds NUL bytes)", image.display()));
    assert_eq!(ws.letter_count(), 2);
    ws.assert_good_letters_searchable();
}

#[test]
fn invalid_utf8_is_indexed_lossily_with_a_warning() {
    let ws = Workspace::new();
    let mut text = b"Den Haag, 3 maart 2021\n\nDe Commissaris van de Marine schreef over het na".to_vec();
    let bad_at = text.len();
    text.extend_from_slice(b"\xefve personeelsbeleid van de onderzeedienst.\n");
    ws.put("latin1.txt", text);
    let run = ws.index(&[]);
    run.expect_code(0).summary(3, 0).says(&format!("warning: latin1: not valid UTF-8 (first bad byte at offset {bad_at})"));
    assert_eq!(ws.search("onderzeedienst"), ["latin1"]);
    ws.assert_good_letters_searchable();
}

#[test]
fn empty_and_blank_files_are_skipped() {
    let ws = Workspace::new();
    let empty = ws.put("empty.txt", "");
    let blank = ws.put("blank.txt", " \n\n\t\u{a0}\n");
    let run = ws.index(&[]);
    run.expect_code(1).summary(2, 2);
    run.says(&format!("skipped: {}: empty file", empty.display())).says(&format!("skipped: {}: empty file", blank.display()));
    ws.assert_good_letters_searchable();
}

/// 3 MB here; 100 MB is measured by hand in release (see the report of the crash
/// trials script). Both were quadratic once: the date scan and section citations.
#[test]
fn a_long_letter_is_indexed_whole() {
    let ws = Workspace::new();
    let seed = seed_text(L001);
    let mut text = seed.repeat(3_000_000 / seed.len() + 1);
    text.push_str("\n\nTot slot: de vlootschouw gaat door.\n");
    ws.put("long.txt", text);
    ws.index(&[]).expect_code(0).summary(3, 0);
    assert_eq!(ws.search("vlootschouw"), ["long"]);
    ws.assert_good_letters_searchable();
}

#[test]
fn ten_thousand_tiny_files() {
    let ws = Workspace::new();
    for i in 0..10_000 {
        ws.put(&format!("tiny/t{i:05}.txt"), format!("Den Haag, 1 mei 2020\n\nBrief met kenmerk kz{i}x over de inzet van reservisten.\n"));
    }
    ws.index(&[]).expect_code(0).summary(10_002, 0);
    assert_eq!(ws.letter_count(), 10_002);
    assert_eq!(ws.search("kz7777x"), ["t07777"]);
    ws.assert_good_letters_searchable();
}

/// `chmod 000` stops reading only for users other than root, and the tests may run as
/// root; a link to `/proc/self/mem` fails to read (EIO at offset 0) for root too.
#[test]
fn unreadable_files_are_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    let locked = ws.put("locked.txt", seed_text(L001));
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    let root_reads_anyway = fs::File::open(&locked).is_ok();
    let mem = ws.letters().join("mem.txt");
    std::os::unix::fs::symlink("/proc/self/mem", &mem).expect("symlink");

    let run = ws.index(&[]);
    run.expect_code(1).says(&format!("skipped: {}: cannot read: Input/output error", mem.display()));
    if root_reads_anyway {
        run.summary(3, 1);
        assert_eq!(ws.search("\"sociale partners\""), ["locked"]);
    } else {
        run.summary(2, 2).says(&format!("skipped: {}: cannot read: Permission denied", locked.display()));
    }
    ws.assert_good_letters_searchable();
}

#[test]
fn dangling_and_self_links_are_skipped() {
    let ws = Workspace::new();
    let dangling = ws.letters().join("gone.txt");
    std::os::unix::fs::symlink(ws.letters().join("nowhere.txt"), &dangling).expect("symlink");
    let selfish = ws.letters().join("self.txt");
    std::os::unix::fs::symlink("self.txt", &selfish).expect("symlink");
    let run = ws.index(&[]);
    run.expect_code(1).summary(2, 2);
    run.says(&format!("skipped: {}: No such file or directory", dangling.display()));
    run.says(&format!("skipped: {}: Too many levels of symbolic links", selfish.display()));
    ws.assert_good_letters_searchable();
}

#[test]
fn a_symlink_loop_is_reported_not_followed() {
    let ws = Workspace::new();
    let up = ws.letters().join("sub/up");
    fs::create_dir_all(up.parent().expect("parent")).expect("mkdir");
    std::os::unix::fs::symlink("..", &up).expect("symlink");
    let run = ws.index(&[]);
    run.expect_code(1).summary(2, 1).says(&format!("skipped: {}: File system loop found", up.display()));
    ws.assert_good_letters_searchable();
}

/// A FIFO would block a run on its first read. In a directory it is passed over like
/// any file that is no letter; named on the command line it is reported.
#[test]
fn a_fifo_is_never_read() {
    let ws = Workspace::new();
    let fifo = ws.letters().join("pipe.txt");
    mkfifo(&fifo);
    ws.index(&[]).expect_code(0).summary(2, 0);
    let run = ws.index_paths(&[], std::slice::from_ref(&fifo));
    run.expect_code(1).says(&format!("skipped: {}: not a regular file or directory", fifo.display()));
    ws.assert_good_letters_searchable();
}

#[test]
fn json_lines_bad_lines_are_skipped_by_line_number() {
    let ws = Workspace::new();
    let lines = [
        r#"{"id":"j1","text":"Eerste goede regel over veteranen."}"#,
        r#"{broken"#,
        r#"{"id":"j3"}"#,
        r#"{"text":"geen id"}"#,
        "",
        "[1,2]",
        r#"{"id":"j7","text":"   "}"#,
        r#"{"id":8,"text":"Een getal als id, over de marechaussee."}"#,
        r#"{"id":"j1","text":"Dezelfde id nog eens."}"#,
        r#"{"id":"j10","text":"Laatste goede regel over de luchtmacht."}"#,
    ];
    let docs = ws.put("docs.jsonl", lines.join("\n"));
    let run = ws.index(&[]);
    run.expect_code(1).summary(5, 6);
    let d = docs.display();
    for (line, why) in [(2, "invalid JSON"), (3, "no `text`"), (4, "no `id`"), (6, "an array, not a JSON object"), (7, "empty `text`")] {
        run.says(&format!("skipped: {d}:{line}: {why}"));
    }
    run.says(&format!("skipped: {d}: letter id \"j1\" was already read from {d}"));
    assert_eq!(ws.search("veteranen"), ["j1"]);
    assert_eq!(ws.search("marechaussee"), ["8"]);
    assert_eq!(ws.search("luchtmacht"), ["j10"]);
    ws.assert_good_letters_searchable();
}

/// The lines before the cut are indexed; the error names the line where reading stopped.
#[test]
fn a_truncated_gzip_keeps_the_lines_before_the_cut() {
    use std::io::Write;
    let ws = Workspace::new();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..2000 {
        writeln!(gz, r#"{{"id":"g{i}","text":"Document {i} over de krijgsmacht, kenmerk q{i}q, {}."}}"#, "opvulling ".repeat(20)).expect("gzip");
    }
    let whole = gz.finish().expect("gzip");
    let cut = ws.put("cut.jsonl.gz", &whole[..whole.len() / 2]);
    let run = ws.index(&[]);
    run.expect_code(1).says(&format!("skipped: {}:", cut.display())).says("truncated or corrupt file?");
    let line: usize =
        run.stderr.split(&format!("{}:", cut.display())).nth(1).and_then(|r| r.split(':').next()).and_then(|n| n.parse().ok()).expect("a line number");
    assert!((2..2000).contains(&line), "line {line}");
    run.summary(2 + line - 1, 1);
    assert_eq!(ws.letter_count(), 2 + line as u64 - 1);
    assert_eq!(ws.search("q0q"), ["g0"]);
    ws.assert_good_letters_searchable();
}

#[test]
fn malformed_and_truncated_xml_are_skipped_with_an_offset() {
    let ws = Workspace::new();
    let real = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats/h-tk-20172018-70-6.xml")).expect("xml sample");
    let truncated = ws.put("truncated.xml", &real[..real.len() / 2]);
    let mismatched = ws.put("mismatched.xml", "<officiele-publicatie><a><b></a></officiele-publicatie>");
    let prose = ws.put("prose.xml", "Dit is geen XML.");
    let run = ws.index(&[]);
    run.expect_code(1).summary(2, 3);
    run.says(&format!("skipped: {}: byte ", truncated.display())).says(&format!("skipped: {}: byte ", mismatched.display()));
    run.says(&format!("skipped: {}: byte ", prose.display()));
    ws.assert_good_letters_searchable();
}

#[test]
fn a_gz_that_is_not_gzip_is_skipped() {
    let ws = Workspace::new();
    let fake = ws.put("plain.jsonl.gz", r#"{"id":"p1","text":"niet gecomprimeerd"}"#);
    ws.index(&[]).expect_code(1).summary(2, 1).says(&format!("skipped: {}: named .gz but is not gzip-compressed", fake.display()));
    ws.assert_good_letters_searchable();
}

/// Two files with one id: the first read wins, the other is reported, and re-runs
/// settle instead of swapping them.
#[test]
fn a_second_file_with_the_same_id_is_skipped() {
    let ws = Workspace::new();
    let first = ws.put("2020/brief.txt", "Den Haag, 1 mei 2020\n\nOver veteranen.\n");
    let second = ws.put("2021/brief.txt", "Den Haag, 1 mei 2021\n\nOver reservisten.\n");
    let message = format!("skipped: {}: letter id \"brief\" was already read from {}", second.display(), first.display());
    ws.index(&[]).expect_code(1).summary(3, 1).says(&message);
    ws.index(&[]).expect_code(1).summary(0, 1).says("; 3 unchanged").says(&message);
    assert_eq!(ws.search("veteranen"), ["brief"]);
    assert!(ws.search("reservisten").is_empty());
}

/// `--strict` stops at the first problem (exit 2) and leaves the index as it was.
#[test]
fn strict_stops_at_the_first_problem_and_keeps_the_index() {
    let ws = Workspace::new();
    ws.index(&[]).expect_code(0).summary(2, 0);
    ws.put("zz-later.txt", seed_text(L001));
    let empty = ws.put("empty.txt", "");
    ws.put("bad.xml", "<a>");
    let run = ws.index(&["--strict"]);
    run.expect_code(2).says(&format!("kamerzoek: {}: ", ws.letters().join("bad.xml").display())).says("stopped by --strict");
    assert!(!run.stderr.contains(&empty.display().to_string()), "only the first problem is named:\n{}", run.stderr);
    assert_eq!(ws.letter_count(), 2);
    ws.assert_good_letters_searchable();
    // Without --strict the same inputs index what they can.
    ws.index(&[]).expect_code(1).summary(1, 2);
    assert_eq!(ws.letter_count(), 3);
}

#[test]
fn a_file_larger_than_any_letter_is_not_read() {
    let ws = Workspace::new();
    let huge = ws.put("archief.txt", b"Geachte voorzitter,\n");
    // Sparse: 300 MiB that take no disk, which kamerzoek must not read into memory.
    std::fs::OpenOptions::new().write(true).open(&huge).expect("open").set_len(300 << 20).expect("grown");
    let run = ws.index(&[]);
    run.expect_code(1)
        .summary(2, 1)
        .says(&format!("skipped: {}: a file of 300 MiB, more than the 256 MiB kamerzoek reads as one letter", huge.display()))
        .says("(listed above: 1 too large)");
    assert_eq!(ws.letter_count(), 2);
}
