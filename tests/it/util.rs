//! Shared helpers for the integration tests: a fresh index of the bundled letters per
//! test, running `kamerzoek` against it, and recording a test that cannot check what
//! it is for.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

/// The bundled letters.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The bundled letters, parsed (in file order), and an index of them in memory: built
/// once for all the tests that read it through the library.
pub fn bundled() -> &'static (kamerzoek::LetterIndex, Vec<kamerzoek::Letter>) {
    static BUNDLED: std::sync::OnceLock<(kamerzoek::LetterIndex, Vec<kamerzoek::Letter>)> = std::sync::OnceLock::new();
    BUNDLED.get_or_init(|| {
        let mut paths: Vec<_> = std::fs::read_dir(corpus()).expect("corpus").map(|e| e.expect("entry").path()).collect();
        paths.sort();
        let letters: Vec<kamerzoek::Letter> = paths.iter().map(|p| kamerzoek::ingest::read_letter(p).expect("a bundled letter")).collect();
        let index = kamerzoek::LetterIndex::create_in_ram().expect("index");
        let mut writer = index.writer().expect("writer");
        for letter in &letters {
            writer.add(letter).expect("added");
        }
        writer.commit().expect("committed");
        index.reload().expect("reloaded");
        (index, letters)
    })
}

/// A temporary index of the bundled letters.
pub struct Indexed {
    dir: TempDir,
}

impl Indexed {
    /// Indexes the bundled corpus into a new temporary directory.
    pub fn corpus() -> Indexed {
        Indexed::of(&[&corpus()])
    }

    /// Indexes the given files and folders into a new temporary directory.
    pub fn of(paths: &[&Path]) -> Indexed {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut args = vec!["index", "--index", path_str(dir.path())];
        args.extend(paths.iter().map(|p| path_str(p)));
        let out = kamerzoek(&args);
        assert!(out.status.success(), "indexing failed: {}", String::from_utf8_lossy(&out.stderr));
        Indexed { dir }
    }

    /// The index directory.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `kamerzoek SUBCOMMAND --index DIR ARGS...`.
    pub fn run(&self, subcommand: &str, args: &[&str]) -> Output {
        let mut all = vec![subcommand, "--index", path_str(self.dir.path())];
        all.extend_from_slice(args);
        kamerzoek(&all)
    }

    /// `search --json` hits as JSON values; panics unless the command succeeded or found nothing.
    pub fn search_json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.run("search", &all);
        assert!(out.status.code() == Some(0) || out.status.code() == Some(1), "search {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8 output").lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
    }

    /// The letter ids of `search --json` hits, in rank order.
    pub fn letters(&self, args: &[&str]) -> Vec<String> {
        self.search_json(args).iter().map(|h| h["letter"].as_str().expect("letter id").to_string()).collect()
    }
}

/// Runs the `kamerzoek` binary with no colour and no default index from the environment.
pub fn kamerzoek(args: &[&str]) -> Output {
    Command::cargo_bin("kamerzoek").expect("binary built").args(args).env_remove("KAMERZOEK_INDEX").env("NO_COLOR", "1").output().expect("kamerzoek runs")
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Short names for the seed letters.
pub const L000: &str = "000_7103214013612ba8";
pub const L001: &str = "001_7caab24e6105f95a";
pub const L002: &str = "002_e57fd0cb040071f5";
pub const L003: &str = "003_16c0e16309443de4";
pub const L004: &str = "004_7d131c89f8bf0dc6";

/// Records that a test could not check what it is for, because `reason`: printed, and
/// appended to `skipped.txt` in cargo's directory for test files, which `.ci/run` counts
/// and prints after the tests. The test then returns without asserting.
pub fn skipped(test: &str, reason: &str) {
    use std::io::Write;
    eprintln!("SKIPPED {test}: {reason}");
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("skipped.txt");
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    writeln!(file, "{test}: {reason}").unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
