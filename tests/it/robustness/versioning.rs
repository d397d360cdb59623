use super::*;

fn copy_of(name: &str) -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("temp dir");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    for entry in fs::read_dir(&source).expect(name) {
        let path = entry.expect("entry").path();
        fs::copy(&path, copy.path().join(path.file_name().expect("name"))).expect("copy");
    }
    copy
}

/// Every file in `dir`, by name, with its bytes.
fn files_of(dir: &Path) -> Vec<(std::ffi::OsString, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(dir).expect("dir").map(|e| e.expect("entry").path()).collect();
    files.sort();
    files.iter().map(|p| (p.file_name().expect("name").to_owned(), fs::read(p).expect("read"))).collect()
}

/// `tests/data/index-v13`: letters 000 and 002, written by schema version 13
/// (`scripts/index-fixture`).
#[test]
fn the_committed_version_13_index_opens() {
    let copy = copy_of("index-v13");
    let run = kamerzoek(&[std::ffi::OsStr::new("stats"), "--json".as_ref(), "--index".as_ref(), copy.path().as_os_str()]);
    run.expect_code(0);
    assert!(run.stdout.contains("\"letters\":2"), "{}", run.stdout);
    let run = kamerzoek(&[std::ffi::OsStr::new("search"), "--index".as_ref(), copy.path().as_os_str(), "subject:remotie".as_ref()]);
    run.expect_code(0);
    assert!(run.stdout.contains(L000), "{}", run.stdout);
    let run = kamerzoek(&[std::ffi::OsStr::new("show"), "--index".as_ref(), copy.path().as_os_str(), L002.as_ref()]);
    run.expect_code(0);
    assert!(run.stdout.contains(L002), "{}", run.stdout);
}

/// `tests/data/index-v12`: the same letters, written by schema version 12 (without
/// the columns that facets count), which this build no longer reads: refused with
/// what to do, and not touched.
#[test]
fn the_committed_version_12_index_is_refused_and_left_alone() {
    let copy = copy_of("index-v12");
    let before = files_of(copy.path());
    for sub in ["stats", "search"] {
        let mut args: Vec<&std::ffi::OsStr> = vec![sub.as_ref(), "--index".as_ref(), copy.path().as_os_str()];
        if sub == "search" {
            args.push("defensie".as_ref());
        }
        kamerzoek(&args).expect_code(2).says("has schema version 12, this kamerzoek needs version 13").says("index the letters again");
    }
    assert!(before == files_of(copy.path()), "the version 11 index was changed");
}

#[test]
fn an_index_of_another_version_is_refused_and_left_alone() {
    let ws = Workspace::new();
    ws.index(&[]).expect_code(0);
    let meta = ws.index_dir().join("kamerzoek.json");
    fs::write(&meta, r#"{"schema_version":99}"#).expect("write");
    for run in [ws.run("stats", &[]), ws.run("search", &["defensie"]), ws.index(&[])] {
        run.expect_code(2).says("has schema version 99, this kamerzoek needs version 13").says("index the letters again");
    }
    assert_eq!(fs::read_to_string(&meta).expect("meta"), r#"{"schema_version":99}"#);
}
