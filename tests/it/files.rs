//! Every file accounted for, and managing what is in the index: a missing path, files
//! of kinds kamerzoek does not read, a broken PDF or foreign XML named as a letter, two files
//! with the same name in different folders, `list`, `remove`, and the bundled sample
//! letters kept apart from the user's own index.

use std::path::Path;

use crate::util::{corpus, kamerzoek, path_str, Indexed, L000, L001, L002};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn copy_letter(id: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().expect("parent")).expect("dir");
    std::fs::copy(corpus().join(format!("{id}.txt")), to).expect("copied");
}

#[test]
fn a_missing_path_is_an_error_and_creates_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let index = tmp.path().join("index");
    let out = kamerzoek(&["index", "--index", path_str(&index), path_str(&corpus()), path_str(&tmp.path().join("brieven-die-er-niet-zijn"))]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("brieven-die-er-niet-zijn: no such file or directory; nothing was indexed"), "{}", stderr(&out));
    assert!(!index.exists(), "an index was created");
}

#[test]
fn files_of_other_kinds_in_a_folder_are_counted_and_named() {
    let tmp = tempfile::tempdir().expect("tmp");
    let letters = tmp.path().join("brieven");
    copy_letter(L000, &letters.join(format!("{L000}.txt")));
    copy_letter(L001, &letters.join("kopie.html"));
    copy_letter(L002, &letters.join("notities.md"));
    let out = kamerzoek(&["index", "--index", path_str(&tmp.path().join("index")), path_str(&letters)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("not read: 2 files of kinds kamerzoek does not read (1 .html, 1 .md)"), "{said}");
    assert!(said.contains("kopie.html") && said.contains("notities.md"), "{said}");
    assert!(said.contains("indexed 1 letter ("), "{said}");
}

#[test]
fn a_broken_pdf_or_foreign_xml_named_as_a_letter_is_skipped_with_the_reason() {
    let tmp = tempfile::tempdir().expect("tmp");
    // The first bytes of a real PDF file, then letter text as a PDF's objects are not.
    let pdf = tmp.path().join("brief.pdf");
    let mut bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
    bytes.extend(std::fs::read(corpus().join(format!("{L000}.txt"))).expect("letter"));
    std::fs::write(&pdf, bytes).expect("written");
    let xml = tmp.path().join("pagina.xml");
    std::fs::write(&xml, "<html><body><p>Kamerbrief over het personeelsbeleid van Defensie.</p></body></html>").expect("written");
    let index = tmp.path().join("index");
    let out = kamerzoek(&["index", "--index", path_str(&index), path_str(&pdf), path_str(&xml), path_str(&corpus().join(format!("{L001}.txt")))]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("brief.pdf: cannot read this PDF (Invalid PDF: Catalog missing /Pages entry); it may be damaged"), "{said}");
    assert!(said.contains("pagina.xml: not an official publication: its root element is <html>"), "{said}");
    let listed = kamerzoek(&["list", "--index", path_str(&index)]);
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.contains(L001) && listed.ends_with("1 letter\n"), "{listed}");
}

#[test]
fn a_letter_of_the_same_name_from_another_folder_never_replaces_one_silently() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    copy_letter(L000, &a.join("brief.txt"));
    copy_letter(L002, &b.join("brief.txt"));
    let index = tmp.path().join("index");
    // In one run: the second is skipped, naming the first.
    let out = kamerzoek(&["index", "--index", path_str(&index), path_str(&a), path_str(&b)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("letter id \"brief\" was already read from"), "{}", stderr(&out));
    assert!(stderr(&out).contains("skipped 1 input (listed above: 1 duplicate id)"), "{}", stderr(&out));
    // In a later run: the same.
    let later = tmp.path().join("later");
    let out = kamerzoek(&["index", "--index", path_str(&later), path_str(&a)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = kamerzoek(&["index", "--index", path_str(&later), path_str(&b)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("letter id \"brief\" is already in the index from") && said.contains("kamerzoek remove brief"), "{said}");
    let shown = kamerzoek(&["show", "--json", "--index", path_str(&later), "brief"]);
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("json");
    assert!(shown["source"].as_str().expect("source").ends_with("a/brief.txt"), "{shown}");
    // Removed first, the other takes its place.
    assert_eq!(kamerzoek(&["remove", "--index", path_str(&later), "brief"]).status.code(), Some(0));
    assert_eq!(kamerzoek(&["index", "--index", path_str(&later), path_str(&b)]).status.code(), Some(0));
    let shown = kamerzoek(&["show", "--json", "--index", path_str(&later), "brief"]);
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("json");
    assert!(shown["source"].as_str().expect("source").ends_with("b/brief.txt"), "{shown}");
}

#[test]
fn list_and_remove_manage_the_letters() {
    let index = Indexed::corpus();
    let listed = index.run("list", &["--json"]);
    let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&listed.stdout).lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[2]["id"], L002);
    assert_eq!(rows[2]["date"], "2015-12-14");
    assert!(rows[2]["source"].as_str().expect("source").ends_with(&format!("corpus/{L002}.txt")));
    assert!(!rows[2]["title"].as_str().expect("title").is_empty());

    let out = index.run("remove", &[L000, "geen-brief"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("no letter \"geen-brief\""), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&index.run("list", &[]).stdout).into_owned();
    assert!(!text.contains(L000) && text.ends_with("4 letters\n"), "{text}");
    assert!(index.letters(&["subject:remotie"]).is_empty(), "the removed letter is still found");
    assert_eq!(index.letters(&["cites:kst-33763-38"]), [L002]);
}

#[test]
fn the_sample_letters_stay_apart_from_the_users_own_index() {
    let home = tempfile::tempdir().expect("home");
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("kamerzoek")
            .expect("binary")
            .args(args)
            .env_remove("KAMERZOEK_INDEX")
            .env_remove("XDG_DATA_HOME")
            .env("HOME", home.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("runs")
    };
    let first = run(&["search", "--json", "subject:remotie"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(stderr(&first).contains("building one of the bundled sample letters"), "{}", stderr(&first));
    assert!(String::from_utf8_lossy(&first.stdout).contains(L000));
    let data = home.path().join(".local/share/kamerzoek");
    assert!(data.join("sample").is_dir() && !data.join("index").exists());

    let mine = home.path().join("mijn-brieven");
    copy_letter(L001, &mine.join(format!("{L001}.txt")));
    assert_eq!(run(&["index", path_str(&mine)]).status.code(), Some(0));
    let listed = String::from_utf8_lossy(&run(&["list"]).stdout).into_owned();
    assert!(listed.contains(L001) && listed.ends_with("1 letter\n"), "the sample letters mixed in: {listed}");
    assert_eq!(run(&["search", "subject:remotie"]).status.code(), Some(1), "a sample letter is found in the user's index");
}

/// The JSON Lines record the README shows in full indexes as the README says: its
/// title, date and sender read, its markdown heading a section, the other fields kept.
#[test]
fn the_readme_json_lines_record_indexes_as_documented() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README.md");
    let record = readme.split("```json\n").nth(1).and_then(|r| r.split("\n```").next()).expect("a JSON record in the README");
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("export.jsonl");
    std::fs::write(&file, format!("{record}\n")).expect("written");
    let index = tmp.path().join("index");
    let out = kamerzoek(&["index", "--index", path_str(&index), path_str(&file)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("indexed 1 letter (1 section, 0 warnings)"), "{}", stderr(&out));
    let shown = kamerzoek(&["show", "--json", "--index", path_str(&index), "kst-36800-X-43"]);
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("json");
    assert_eq!(shown["title"], "Motie van het lid Boon over fysieke en mentale geschiktheid");
    assert_eq!(shown["date"], "2026-03-11");
    assert_eq!(shown["sender"], "Tweede Kamer");
    assert_eq!(shown["sections"][0]["heading"], "Motie van het lid Boon");
    assert_eq!(shown["extra"]["category"], "motie");
    assert_eq!(shown["extra"]["url"], "https://zoek.officielebekendmakingen.nl/kst-36800-X-43.html");
}
