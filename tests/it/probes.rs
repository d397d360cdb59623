//! Dutch search probes: what a correct Dutch search engine should return for compounds,
//! elided compounds (samentrekkingen), inflection, false friends, prefixes, phrases with
//! stop words, acronyms, sections, pasted questions, plain-word ranking, numbers, paging
//! and dates, and precision, asked through the command line as users ask it.
//!
//! The table is `tests/data/probes/probes.tsv` (see `tests/data/probes/README.md`); it
//! states the right answers, not what the current build returns. The rows this build
//! still gets wrong are listed, each with why, in `tests/data/probes/shortfalls.tsv`:
//! the test fails on any other failing row, and on a listed row that passes. It prints a
//! report to stderr: the pass count per category and in all (`probes: 47/112 pass`), and
//! every failing row with what came back.
//!
//! ```sh
//! cargo test --test it probes -- --nocapture                                   # this build
//! KAMERZOEK_PROBES_BIN=/path/to/old/kamerzoek cargo test --test it probes -- --nocapture
//! scripts/probes [BINARY]
//! ```
//!
//! The index is built once per run, into a temporary directory, by the binary under test
//! (`KAMERZOEK_PROBES_BIN` when set, else this build's `kamerzoek`), from the bundled
//! letters and `tests/data/probes/defensie-regelingen.jsonl`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The categories of the table, in report order.
const CATEGORIES: &[&str] = &[
    "compound-part",
    "compound-whole",
    "compound-rank",
    "samentrekking",
    "inflection",
    "false-friend",
    "prefix",
    "phrase-stopword",
    "acronym",
    "section",
    "pasted",
    "plain-ranking",
    "number",
    "paging-dates",
    "over-matching",
];

/// The table must not shrink below these without the test saying so.
const MIN_ROWS: usize = 110;
const MIN_PER_CATEGORY: usize = 3;

/// Expected ids must be among the first `TOP` hits; forbidden ids among none of the `LIMIT`.
const TOP: usize = 10;
const LIMIT: &str = "50";

const HEADER: &str = "category\targs\tquery\texpect\tforbid\twhy";

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/probes")
}

/// One document, or one of its sections when `heading` is given (a hit whose `section`
/// contains it, case-insensitively).
#[derive(Debug, Clone)]
struct Target {
    id: String,
    heading: Option<String>,
}

impl Target {
    fn parse(s: &str) -> Target {
        match s.split_once('#') {
            Some((id, heading)) => Target { id: id.trim().to_string(), heading: Some(heading.trim().to_string()) },
            None => Target { id: s.trim().to_string(), heading: None },
        }
    }

    fn matches(&self, hit: &Hit) -> bool {
        hit.letter == self.id
            && match &self.heading {
                None => true,
                Some(h) => hit.section.as_deref().is_some_and(|s| s.to_lowercase().contains(&h.to_lowercase())),
            }
    }

    /// The 0-based rank of the first hit this target matches.
    fn position(&self, hits: &[Hit]) -> Option<usize> {
        hits.iter().position(|h| self.matches(h))
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.heading {
            None => write!(f, "{}", self.id),
            Some(h) => write!(f, "{}#{}", self.id, h),
        }
    }
}

#[derive(Debug)]
enum Expect {
    /// Among the first `TOP` hits.
    Present(Target),
    /// Both among the first `TOP` hits, the first above the second.
    Above(Target, Target),
}

#[derive(Debug)]
struct Probe {
    line: usize,
    category: String,
    args: Vec<String>,
    query: String,
    expect: Vec<Expect>,
    forbid: Vec<Target>,
    why: String,
}

impl Probe {
    /// Whether a hit is a section (`--scope sections`) rather than a letter.
    fn sections_scope(&self) -> bool {
        self.args.windows(2).any(|w| w[0] == "--scope" && w[1] == "sections") || self.args.iter().any(|a| a == "--scope=sections")
    }
}

#[derive(Debug)]
struct Hit {
    letter: String,
    section: Option<String>,
}

fn list(field: &str) -> Vec<&str> {
    let field = field.trim();
    if field.is_empty() || field == "-" {
        return Vec::new();
    }
    field.split(',').map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// Reads the table; a malformed row is an error of the table, reported with its line.
fn read_table(path: &Path) -> Vec<Probe> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let mut lines = text.lines().enumerate();
    let (_, header) = lines.next().expect("the probe table is empty");
    assert_eq!(header.trim_end(), HEADER, "{}: unexpected header", path.display());
    let mut probes = Vec::new();
    for (i, line) in lines {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 6, "{}:{line_no}: expected 6 tab-separated columns, found {}", path.display(), cols.len());
        let category = cols[0].trim().to_string();
        assert!(CATEGORIES.contains(&category.as_str()), "{}:{line_no}: unknown category `{category}`; the categories are {CATEGORIES:?}", path.display());
        let query = cols[2].to_string();
        assert!(!query.trim().is_empty(), "{}:{line_no}: empty query", path.display());
        let expect = list(cols[3])
            .into_iter()
            .map(|item| match item.split_once('<') {
                Some((a, b)) => Expect::Above(Target::parse(a), Target::parse(b)),
                None => Expect::Present(Target::parse(item)),
            })
            .collect::<Vec<_>>();
        let forbid = list(cols[4]).into_iter().map(Target::parse).collect::<Vec<_>>();
        assert!(!expect.is_empty() || !forbid.is_empty(), "{}:{line_no}: a row must expect or forbid something", path.display());
        probes.push(Probe {
            line: line_no,
            category,
            args: cols[1].split_whitespace().map(str::to_string).collect(),
            query,
            expect,
            forbid,
            why: cols[5].trim().to_string(),
        });
    }
    probes
}

/// The ids of the documents the index is built from: the letters' file stems and the
/// regulations' `id` fields.
fn known_ids(regulations: &Path) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for entry in std::fs::read_dir(crate::util::corpus()).expect("corpus directory") {
        let path = entry.expect("corpus entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            ids.insert(path.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    let text = std::fs::read_to_string(regulations).expect("regulations file");
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let doc: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{}:{}: {e}", regulations.display(), i + 1));
        ids.insert(doc["id"].as_str().expect("every regulation has an id").to_string());
    }
    ids
}

/// The binary under test: `KAMERZOEK_PROBES_BIN`, else this build's.
fn binary() -> PathBuf {
    match std::env::var_os("KAMERZOEK_PROBES_BIN") {
        Some(p) if !p.is_empty() => {
            let p = PathBuf::from(p);
            assert!(p.is_file(), "KAMERZOEK_PROBES_BIN={} is not a file", p.display());
            p
        }
        _ => PathBuf::from(env!("CARGO_BIN_EXE_kamerzoek")),
    }
}

fn run(bin: &Path, args: &[&str]) -> Output {
    Command::new(bin).args(args).env_remove("KAMERZOEK_INDEX").env("NO_COLOR", "1").output().unwrap_or_else(|e| panic!("running {}: {e}", bin.display()))
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Runs one probe: `Ok(hits)` on exit status 0 or 1, `Err(message)` otherwise.
fn search(bin: &Path, index: &Path, probe: &Probe) -> Result<Vec<Hit>, String> {
    let mut args = vec!["search", "--index", path_str(index), "--json", "--limit", LIMIT];
    args.extend(probe.args.iter().map(String::as_str));
    args.push("--");
    args.push(&probe.query);
    let out = run(bin, &args);
    match out.status.code() {
        Some(0) | Some(1) => {}
        code => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let status = code.map_or_else(|| "killed by a signal".to_string(), |c| format!("exit status {c}"));
            return Err(format!("{status}: {}", stderr.trim()));
        }
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("output is not JSON Lines ({e}): {line}"))?;
            let letter = v["letter"].as_str().ok_or_else(|| format!("a hit without `letter`: {line}"))?.to_string();
            let section = v["section"].as_str().map(str::to_string);
            Ok(Hit { letter, section })
        })
        .collect()
}

/// What is wrong with these hits for this probe; empty when it passes.
fn judge(probe: &Probe, hits: &[Hit]) -> Vec<String> {
    let top = &hits[..hits.len().min(TOP)];
    let mut problems = Vec::new();
    for e in &probe.expect {
        match e {
            Expect::Present(t) => {
                if t.position(top).is_none() {
                    problems.push(format!("{t} not in the top {TOP}"));
                }
            }
            Expect::Above(a, b) => match (a.position(top), b.position(top)) {
                (Some(pa), Some(pb)) if pa < pb => {}
                (Some(pa), Some(pb)) => problems.push(format!("{a} (rank {}) not above {b} (rank {})", pa + 1, pb + 1)),
                (pa, pb) => {
                    for (t, p) in [(a, pa), (b, pb)] {
                        if p.is_none() {
                            problems.push(format!("{t} not in the top {TOP} (needed for {a} < {b})"));
                        }
                    }
                }
            },
        }
    }
    for t in &probe.forbid {
        if let Some(p) = t.position(hits) {
            problems.push(format!("forbidden {t} found at rank {}", p + 1));
        }
    }
    problems
}

fn describe(hits: &[Hit], sections: bool) -> String {
    if hits.is_empty() {
        return "no hits".to_string();
    }
    let mut s = hits
        .iter()
        .take(5)
        .map(|h| match &h.section {
            Some(sec) if sections => format!("{}#{sec}", h.letter),
            _ => h.letter.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ");
    if hits.len() > 5 {
        let _ = write!(s, " … ({} hits)", hits.len());
    }
    s
}

fn shell_words(probe: &Probe) -> String {
    let mut s = String::new();
    for a in &probe.args {
        let _ = write!(s, "{a} ");
    }
    let _ = write!(s, "'{}'", probe.query.replace('\'', "'\\''"));
    s
}

#[test]
fn dutch_search_probes() {
    let table = data_dir().join("probes.tsv");
    let regulations = data_dir().join("defensie-regelingen.jsonl");
    let probes = read_table(&table);

    // Every id the table names must be a document of the index: a typo would otherwise
    // make a `forbid` pass silently.
    let ids = known_ids(&regulations);
    for p in &probes {
        let named = p
            .expect
            .iter()
            .flat_map(|e| match e {
                Expect::Present(t) => vec![t],
                Expect::Above(a, b) => vec![a, b],
            })
            .chain(p.forbid.iter());
        for t in named {
            assert!(ids.contains(&t.id), "{}:{}: unknown document id `{}`", table.display(), p.line, t.id);
        }
    }

    let bin = binary();
    let index = tempfile::tempdir().expect("temp dir");
    let out = run(&bin, &["index", "--index", path_str(index.path()), path_str(&crate::util::corpus()), path_str(&regulations)]);
    assert!(out.status.success(), "indexing with {} failed ({}): {}", bin.display(), out.status, String::from_utf8_lossy(&out.stderr));

    let shortfalls = read_shortfalls();
    let mut listed_but_passing = Vec::new();
    let mut unlisted_failures = 0;

    // (category, passed, rows), in the order of CATEGORIES.
    let mut per_category: Vec<(&str, usize, usize)> = CATEGORIES.iter().map(|c| (*c, 0, 0)).collect();
    let mut failures = String::new();
    let mut passed = 0;
    for p in &probes {
        let (problems, got) = match search(&bin, index.path(), p) {
            Ok(hits) => (judge(p, &hits), describe(&hits, p.sections_scope())),
            Err(e) => (vec![e], "error".to_string()),
        };
        let entry = per_category.iter_mut().find(|c| c.0 == p.category).expect("known category");
        entry.2 += 1;
        let listed = shortfalls.iter().find(|(c, q, _)| *c == p.category && *q == p.query);
        if problems.is_empty() {
            entry.1 += 1;
            passed += 1;
            if listed.is_some() {
                listed_but_passing.push(format!("[{}] {}", p.category, p.query));
            }
        } else {
            unlisted_failures += usize::from(listed.is_none());
            if let Some((_, _, reason)) = listed {
                let _ = writeln!(failures, "  (a listed shortfall: {reason})");
            }
            let _ = writeln!(failures, "  line {} [{}] {}", p.line, p.category, shell_words(p));
            for problem in &problems {
                let _ = writeln!(failures, "      {}", problem.trim_end().replace('\n', "\n        "));
            }
            let _ = writeln!(failures, "      got: {got}");
            let _ = writeln!(failures, "      why: {}", p.why);
        }
    }

    let mut report = String::new();
    let _ = writeln!(report, "\nDutch search probes ({}), binary {}", table.display(), bin.display());
    if !failures.is_empty() {
        let _ = writeln!(report, "failing rows:\n{failures}");
    }
    let _ = writeln!(report, "per category:");
    for (cat, ok, all) in &per_category {
        let _ = writeln!(report, "  {cat:<16} {ok:>3}/{all}");
    }
    let _ = writeln!(report, "probes: {passed}/{} pass", probes.len());

    let mut too_few = Vec::new();
    if probes.len() < MIN_ROWS {
        too_few.push(format!("the table has {} rows, fewer than {MIN_ROWS}", probes.len()));
    }
    for (cat, _, all) in &per_category {
        if *all < MIN_PER_CATEGORY {
            too_few.push(format!("category {cat} has {all} rows, fewer than {MIN_PER_CATEGORY}"));
        }
    }
    for t in &too_few {
        let _ = writeln!(report, "table too small: {t}");
    }
    eprint!("{report}");

    assert!(too_few.is_empty(), "the probe table is too small: {}", too_few.join("; "));
    let unknown: Vec<_> = shortfalls.iter().filter(|(c, q, _)| !probes.iter().any(|p| p.category == *c && p.query == *q)).collect();
    assert!(unknown.is_empty(), "shortfalls.tsv lists rows the table does not have: {unknown:?}");
    assert!(listed_but_passing.is_empty(), "these rows pass now; remove them from shortfalls.tsv: {listed_but_passing:?}");
    assert_eq!(unlisted_failures, 0, "probes: {passed}/{} pass, {unlisted_failures} failing rows are not listed shortfalls (report above)", probes.len());
}

/// The rows known to fail, with why: `tests/data/probes/shortfalls.tsv`
/// (`category<TAB>query<TAB>reason`). A listed row that passes fails the test, so the
/// list stays true.
fn read_shortfalls() -> Vec<(String, String, String)> {
    let path = data_dir().join("shortfalls.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "{}: expected category, query, reason: {l:?}", path.display());
            (cols[0].to_string(), cols[1].to_string(), cols[2].to_string())
        })
        .collect()
}
