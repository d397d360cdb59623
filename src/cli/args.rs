//! Command-line arguments. The doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Full-text search for Dutch parliamentary letters (Kamerbrieven).
///
/// The first search without an index of your own searches the bundled sample letters.
#[derive(Debug, Parser)]
#[command(name = "kamerzoek", version, about, long_about = None, after_help = MORE_HELP)]
pub struct Opts {
    #[command(subcommand)]
    pub command: Command,
}

/// Below the commands of the main help.
const MORE_HELP: &str = "\
The query language: kamerzoek help query
Measuring (for the benchmarks): kamerzoek eval --help, kamerzoek bench --help";

/// `kamerzoek help query`, and after `kamerzoek search --help`.
pub const QUERY_LANGUAGE: &str = "\
Plain words are ranked: the letters with every word first, then the best with some.
Anything below makes the query exact, every clause must hold:

  remotie AND reservisten        both words
  remotie OR reservisten         either (operators in capitals: AND, OR, NOT)
  NOT DCR, -DCR                  without
  (remotie OR reservisten) defensie      grouping
  \"minister van defensie\"        a phrase; \"minister defensie\"~2 with 2 positions of slack
  defensie*                      words starting so (veteraan* finds veteranen)
  title:remotie                  in one field
  date:2020, date:2020-06, date:2020-06-01            a year, month or day
  date:[2015 TO 2020], date:{2015 TO 2020}, date:>=2021  ranges and comparisons
  cites:\"Kamerstuk 33 763, nr. 176\", cites:33763-176, cites:Awb   citing a paper

Fields (English or Dutch): title/titel, subject/onderwerp, section/sectie (headings),
text/tekst, sender/afzender, signer/ondertekenaar, number/nummer, kamerstuk,
date/datum, cites/citeert. A word without a field is looked for in title, subject,
headings, text, sender and signer.

Words match as Dutch is written: case and accents do not matter, stop words are left
out, words are stemmed (militair finds militairen), compounds meet their parts (beleid
finds remotiebeleid), an acronym its name (KMar, Koninklijke Marechaussee).

Examples:
  kamerzoek search 'Alcohol en drugs bij Defensie?'
  kamerzoek search '\"sociale partners\" date:>=2020'
  kamerzoek search defensie -remotie
  kamerzoek search --scope sections 'sanctieregime proportionaliteit'
  kamerzoek search --scope citations 'Groei van de krijgsmacht'

--from and --to take the forms date: takes (2020, 2020-06, 2020-06-01).";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index letters: .pdf and .txt files, JSON Lines (.jsonl, .jsonl.gz), official XML, or directories of them.
    ///
    /// Re-running updates the index: new letters are added, changed ones re-indexed,
    /// unchanged ones skipped. Exit status: 0 all indexed, 1 some inputs skipped, 2 error.
    Index(IndexArgs),
    /// Search the index: plain words ranked, or the query language (`kamerzoek help query`).
    #[command(after_long_help = QUERY_LANGUAGE)]
    Search(SearchArgs),
    /// Show one letter: metadata, sections, citations, warnings.
    Show(ShowArgs),
    /// List the letters in the index: id, date, title, source.
    List(ListArgs),
    /// Remove letters from the index by id. Exit status 1 when an id is not there.
    Remove(RemoveArgs),
    /// List the most cited papers.
    Citations(CitationsArgs),
    /// Show what the index holds.
    Stats(StatsArgs),
    /// Serve the JSON API and the web page over the index (http://127.0.0.1:7700).
    Serve(ServeArgs),
    /// Analyse text from stdin: the analyzer's tokens or the citations, as JSON Lines.
    Analyze(AnalyzeArgs),
    /// The query language: operators, phrases, fields, dates, citations, with examples.
    #[command(long_about = QUERY_LANGUAGE)]
    Query,
    /// Print shell completions (bash, zsh, fish, elvish, powershell) to install.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to install, e.g. as kamerzoek.1.
    Manpage,
    /// Measure ranking quality on judged queries (MRR@10, nDCG@10, Recall@10/100).
    #[command(hide = true)]
    Eval(EvalArgs),
    /// Measure indexing speed, index size, memory and query latency.
    #[command(hide = true)]
    Bench(BenchArgs),
}

#[derive(Debug, Args)]
pub struct IndexLocation {
    /// The index directory [default: $KAMERZOEK_INDEX, else ~/.local/share/kamerzoek/index].
    #[arg(long, value_name = "DIR", global = true)]
    pub index: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Build the index anew (beside the old one, which it replaces only when complete).
    #[arg(long)]
    pub rebuild: bool,
    /// Commit at least this often (seconds), so an interrupted run loses little.
    #[arg(long, value_name = "SECS", default_value_t = kamerzoek::ingest::DEFAULT_COMMIT_SECS, value_parser = positive_seconds)]
    pub commit_every: f64,
    /// Memory for building the index, in MiB: more makes fewer, larger segments and
    /// less merging; peak memory stays near this whatever the size of the input.
    #[arg(long, value_name = "MIB", default_value_t = kamerzoek::ingest::DEFAULT_HEAP_MIB, value_parser = clap::value_parser!(u32).range(64..=16384))]
    pub heap: u32,
    /// Stop at the first file or document that cannot be indexed (exit status 2).
    #[arg(long)]
    pub strict: bool,
    /// Also remove letters that came from these paths but are no longer there.
    #[arg(long)]
    pub sync: bool,
    /// Files and directories to index.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Print JSON Lines, one hit per line.
    #[arg(long)]
    pub json: bool,
    /// What a hit is.
    #[arg(long, value_enum, default_value_t = ScopeArg::Letters)]
    pub scope: ScopeArg,
    /// How hits are ordered.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// At most this many hits.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub limit: u32,
    /// Skip this many hits: the next page of `--limit` hits.
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub offset: u32,
    /// Every word must match, also in a query of plain words (the query language's AND).
    #[arg(long, conflicts_with = "any")]
    pub all: bool,
    /// Rank letters with any of the words or clauses, those with all of them first
    /// (plain words are ranked so by default).
    #[arg(long)]
    pub any: bool,
    /// Letters dated on or after this day (YYYY-MM-DD), and letters without a date.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Letters dated on or before this day (YYYY-MM-DD), and letters without a date.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// With --from or --to: leave out the letters without a date.
    #[arg(long)]
    pub dated: bool,
    /// When to colour highlights.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Wrap hits at this many columns [default: the terminal's width; none when piped].
    /// 0 does not wrap.
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<usize>,
    /// The query; several words are joined with spaces. Plain words are ranked (letters
    /// with every word first); operators, fields, quotes or a prefix make it the query
    /// language, where every clause must match. A word after the first may start with
    /// `-` to exclude it (`defensie -remotie`).
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Print the letter's repaired text instead of its metadata.
    #[arg(long)]
    pub text: bool,
    /// With --text: only this section (numbered from 0, as `show` lists them).
    #[arg(long, value_name = "N", requires = "text")]
    pub section: Option<usize>,
    /// With --text: mark what this query matches, as `search` marks snippets.
    #[arg(long, value_name = "QUERY", requires = "text")]
    pub query: Option<String>,
    /// Colour the marks: auto (when printing to a terminal), always or never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// The letter id (the file stem, as `search` lists it).
    pub letter: String,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// One JSON object a line.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// The letter ids (as `list` and `search` show them).
    #[arg(required = true)]
    pub letters: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Address to listen on. The default answers this machine only; give 0.0.0.0:PORT
    /// to answer others too (the API has no authentication).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:7700")]
    pub bind: std::net::SocketAddr,
    /// Longest a search may take, in seconds, before it is answered 503.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub timeout: u64,
    /// Longest a client may take to send a request's headers, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub header_timeout: u64,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Also break the size down by field and part (terms, postings, positions, ...).
    #[arg(long)]
    pub space: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScopeArg {
    /// One hit per letter, naming its best section.
    Letters,
    /// One hit per section.
    Sections,
    /// One hit per cited paper, found through the sentences and titles that cite it.
    Citations,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorArg {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct AnalyzeWhat {
    /// Print the analyzer's tokens: text, position, position_length, start, end.
    #[arg(long)]
    pub tokens: bool,
    /// Print the citations found: id (the normalised key), text, start, end.
    #[arg(long)]
    pub citations: bool,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub what: AnalyzeWhat,
    /// With --tokens: the exact-form analyzer (no stop words, no stemming).
    #[arg(long, requires = "tokens")]
    pub exact: bool,
}

#[derive(Debug, Args)]
pub struct CitationsArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// How many papers to list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// List the toezeggingen and motions the letters cite and the letters that answer
    /// each (report on it), those no letter answers yet first.
    #[arg(long, conflicts_with = "top")]
    pub commitments: bool,
    /// Print JSON Lines, one paper per line.
    #[arg(long)]
    pub json: bool,
}

/// What `eval` and `bench` measure on, and how they report.
#[derive(Debug, Args)]
pub struct Measured {
    /// Documents: JSON Lines (.jsonl or .jsonl.gz) with `id` and `text`.
    #[arg(long, value_name = "FILE")]
    pub docs: PathBuf,
    /// Queries: TSV with a header and `qid`, `query`, `relevant` (comma-separated ids).
    #[arg(long, value_name = "FILE")]
    pub queries: PathBuf,
    /// Build the index here instead of in a temporary directory.
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Print one JSON object with the peer harness's keys.
    #[arg(long)]
    pub json: bool,
    /// The engine name to report.
    #[arg(long, default_value = "kamerzoek")]
    pub engine: String,
    /// Memory for building the index, in MiB: more makes fewer, larger segments and
    /// less merging; peak memory stays near this whatever the size of the input.
    #[arg(long, value_name = "MIB", default_value_t = kamerzoek::ingest::DEFAULT_HEAP_MIB, value_parser = clap::value_parser!(u32).range(64..=16384))]
    pub heap: u32,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub on: Measured,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(flatten)]
    pub on: Measured,
    /// Search an index already built in --index instead of building it.
    #[arg(long, requires = "index")]
    pub reuse: bool,
    /// Timed rounds over all queries.
    #[arg(long, default_value_t = 5)]
    pub reps: usize,
    /// Untimed warm-up: at least this many rounds …
    #[arg(long, default_value_t = 2)]
    pub warmup: usize,
    /// … and at least this many seconds of them.
    #[arg(long, default_value_t = 10.0)]
    pub warmup_s: f64,
}

fn positive_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() => Ok(s),
        _ => Err(format!("{text:?} is not a positive number of seconds")),
    }
}
