use kamerzoek::ingest::{self, IndexOptions};
use kamerzoek::LetterIndex;

use super::*;

/// Set, to `INDEX\nINPUT`, for [`child_indexer`] run as a child process.
const CHILD: &str = "KAMERZOEK_TEST_INDEXING_CHILD";

/// The indexing run the crash tests kill: the library, committing every 20 ms so a
/// kill lands before, during and after commits, and printing a line per letter added
/// so the tests kill it at a chosen point of the run, whatever the machine's speed.
/// Does nothing unless started by them.
#[test]
#[ignore = "a child process of the crash tests"]
fn child_indexer() {
    let Ok(spec) = std::env::var(CHILD) else { return };
    let (index, input) = spec.split_once('\n').expect("INDEX\\nINPUT");
    let index = LetterIndex::open_or_create(Path::new(index)).expect("index opens");
    let options = IndexOptions { commit_every: Duration::from_millis(20), ..IndexOptions::default() };
    ingest::index_paths(&index, &[PathBuf::from(input)], &options, &mut |p| {
        if let ingest::Progress::Indexed { .. } = p {
            println!("{INDEXED}");
        }
    })
    .expect("indexing");
}

/// The line [`child_indexer`] prints for each letter added.
const INDEXED: &str = "kamerzoek-test: letter added";

pub(crate) fn spawn_child_indexer(index: &Path, input: &Path) -> std::process::Child {
    std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "robustness::crash::child_indexer", "--ignored", "--test-threads=1", "--quiet", "--nocapture"])
        .env(CHILD, format!("{}\n{}", index.display(), input.display()))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("child starts")
}

/// Kills `child` (`kill -9`) once it has reported `letters` letters added, or when
/// it ends first; how many it reported.
pub(crate) fn kill_after(child: &mut std::process::Child, letters: usize) -> usize {
    use std::io::BufRead;
    let out = std::io::BufReader::new(child.stdout.take().expect("piped"));
    let mut added = 0;
    for line in out.lines() {
        if line.expect("child output") == INDEXED {
            added += 1;
            if added == letters {
                break;
            }
        }
    }
    child.kill().expect("kill -9");
    child.wait().expect("reaped");
    added
}

/// After a kill the index opens, and holds whole letters only: each letter with all
/// its sections (every copy of a seed has that seed's sections).
fn check_consistent(dir: &Path, sections_of: &dyn Fn(&str) -> u64) -> u64 {
    let index = LetterIndex::open(dir).expect("index opens after a kill");
    let stats = index.stats().expect("stats");
    let known = index.known_letters().expect("known letters");
    assert_eq!(stats.letters, known.len() as u64, "a letter counted twice");
    let expected_sections: u64 = known.keys().map(|id| sections_of(id)).sum();
    assert_eq!(stats.sections, expected_sections, "letters and their sections out of step");
    index.search("defensie", &kamerzoek::SearchOptions::default()).expect("answers a query");
    stats.letters
}

#[test]
fn killed_library_runs_leave_whole_letters_and_a_rerun_completes() {
    let work = tempfile::tempdir().expect("temp dir");
    let (input, dir) = (work.path().join("copies"), work.path().join("index"));
    let (letters, sections) = copy_corpus(&input, 30);
    let per_seed: Vec<(String, u64)> = fs::read_dir(util::corpus())
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .map(|p| (p.file_stem().and_then(|s| s.to_str()).expect("stem").to_string(), ingest::read_letter(&p).expect("seed").sections.len() as u64))
        .collect();
    let sections_of = |id: &str| per_seed.iter().find(|(seed, _)| id.starts_with(seed.as_str())).map_or(0, |&(_, n)| n);

    // Killed at three points of the run (each run resumes the index the last left).
    let mut counts = Vec::new();
    for after in [10, 40, 80] {
        let mut child = spawn_child_indexer(&dir, &input);
        let reported = kill_after(&mut child, after);
        assert_eq!(reported, after, "the child ended before it was killed");
        counts.push(check_consistent(&dir, &sections_of));
    }
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "committed letters were lost: {counts:?}");
    assert!(counts[0] < letters, "the first kill came after the whole run: {counts:?}");

    let index = LetterIndex::open(&dir).expect("opens");
    let summary = ingest::index_paths(&index, std::slice::from_ref(&input), &IndexOptions::default(), &mut |_| {}).expect("re-run");
    assert_eq!(summary.added as u64 + summary.unchanged as u64, letters);
    assert_eq!(summary.updated, 0);
    let stats = index.stats().expect("stats");
    assert_eq!((stats.letters, stats.sections), (letters, sections));
}

/// The command line, killed twice while indexing copies into an index of the seeds:
/// each time once a reader sees a commit of more letters than before (the run commits
/// every 50 ms), so the kills land mid-run whatever the machine's speed.
#[test]
fn killed_cli_runs_leave_an_openable_index() {
    let ws = Workspace::new();
    ws.index(&[]).expect_code(0);
    let copies = ws.dir.path().join("copies");
    let (copied, _) = copy_corpus(&copies, 30);
    let mut committed = ws.letter_count();
    for _ in 0..2 {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("kamerzoek"))
            .args(["index", "--commit-every", "0.05", "--index"])
            .arg(ws.index_dir())
            .arg(&copies)
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("index starts");
        let seen = wait_for_commit_beyond(&ws.index_dir(), committed, &mut child);
        child.kill().expect("kill -9");
        child.wait().expect("reaped");
        let count = ws.letter_count();
        assert!(seen.is_some_and(|n| n < 2 + copied), "the run ended before a commit mid-run: {seen:?}");
        assert!((committed..=2 + copied).contains(&count), "{count} letters after {committed}");
        committed = count;
        // Copies committed before the kill match too.
        let found = ws.search("subject:remotie");
        assert!(found.contains(&L000.to_string()) && found.iter().all(|id| id.starts_with(L000)), "{found:?}");
        assert!(ws.search("\"verzuimende medewerkers\"~3").contains(&L002.to_string()));
    }
    ws.index_paths(&[], &[ws.letters(), copies]).expect_code(0);
    assert_eq!(ws.letter_count(), 2 + copied);
}

/// Watches the index at `dir` (as a reader, beside the writing `child`) until it holds
/// more than `letters` letters; that count, or `None` when the child ends first.
fn wait_for_commit_beyond(dir: &Path, letters: u64, child: &mut std::process::Child) -> Option<u64> {
    let started = std::time::Instant::now();
    while started.elapsed() < HANG {
        if child.try_wait().expect("child status").is_some() {
            return None;
        }
        let seen = LetterIndex::open(dir).and_then(|index| index.stats()).map_or(0, |s| s.letters);
        if seen > letters {
            return Some(seen);
        }
        // A poll interval, not a guess at how long indexing takes.
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("no commit within {HANG:?}");
}

/// A create killed between tantivy's files and `kamerzoek.json` is taken over.
#[test]
fn an_interrupted_create_is_taken_over() {
    let ws = Workspace::new();
    ws.index(&[]).expect_code(0);
    fs::remove_file(ws.index_dir().join("kamerzoek.json")).expect("rm");
    ws.run("stats", &[]).expect_code(2).says("no kamerzoek index at");
    ws.index(&[]).expect_code(0).summary(0, 0).says("2 unchanged");
    assert_eq!(ws.letter_count(), 2);
}
