//! The syntax tree of a query.
//!
//! The tree keeps what the user typed: terms and phrases hold their raw text, because
//! analysis (lowercasing, stemming, splitting compounds) belongs to the compile step,
//! which uses the same Dutch analyzer as indexing. Every node carries the byte span of
//! the query text it came from, so later stages can point at it.
//!
//! [`Query`]'s `Display` prints a compact s-expression: `(or (and a b) c)`,
//! `(title (or remotie reservisten))`, `(date [2015-01-01 TO 2020-12-31])`,
//! `(not DCR)`, `"minister van defensie"~3`, `defensie*`, `(cites "33763-176")`.

use std::fmt;
use std::ops::Bound;

use time::Date;

/// A half-open byte range `start..end` in the query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The same range as a `Range`, for slicing the query string.
    #[cfg(test)]
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A node of the query tree with the span of the text it was parsed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// What the node means.
    pub kind: QueryKind,
    /// Where it is in the query string.
    pub span: Span,
}

impl Query {
    /// The query with its top-level clauses made alternatives, for a ranked search
    /// where any clause may match (letters with every clause first): `a b -c` becomes
    /// `(a OR b) -c`. `None` when there is nothing to loosen: one clause, or clauses
    /// that are alternatives already.
    pub fn any_clause(&self) -> Option<Query> {
        let QueryKind::And(children) = &self.kind else { return None };
        let (excluded, wanted): (Vec<&Query>, Vec<&Query>) = children.iter().partition(|c| matches!(c.kind, QueryKind::Not(_)));
        if wanted.len() < 2 {
            return None;
        }
        let span = wanted.iter().map(|q| q.span).reduce(Span::to).unwrap_or(self.span);
        let any = Query { kind: QueryKind::Or(wanted.into_iter().cloned().collect()), span };
        if excluded.is_empty() {
            return Some(any);
        }
        Some(Query { kind: QueryKind::And(std::iter::once(any).chain(excluded.into_iter().cloned()).collect()), span: self.span })
    }
}

/// The kinds of query nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryKind {
    /// A word as typed: `re-integratie`, `36800-X`, `zo’n`, `P&O-functionarissen`.
    Term(String),
    /// A quoted phrase: the raw text between the quotes, and how many positions the
    /// words may move (`"…"~N`; 0 when no slop is given).
    Phrase {
        /// The raw text between the quotes.
        text: String,
        /// The allowed word movement, at most [`MAX_SLOP`](crate::query::parser::MAX_SLOP).
        slop: u32,
    },
    /// Words starting with this raw text (`defensie*` holds `defensie`).
    Prefix(String),
    /// All of these must match (`a b`, `a AND b`); at least two children.
    And(Vec<Query>),
    /// At least one of these must match (`a OR b`); at least two children.
    Or(Vec<Query>),
    /// This must not match (`NOT a`, `-a`).
    Not(Box<Query>),
    /// The inner query searched in one field only (`title:remotie`,
    /// `titel:(remotie OR reservisten)`). The inner query holds no other field.
    Field {
        /// The field.
        field: Field,
        /// What to look for in it.
        query: Box<Query>,
    },
    /// Letters dated within this range (`date:2020`, `date:[2015 TO 2020]`,
    /// `date:>=2020-06-01`). Years and months are already expanded to days.
    Date(DateRange),
    /// Letters citing this paper, as typed (`cites:"Kamerstuk 33 763, nr. 176"`,
    /// `cites:kst-33763-176`); normalising it to a citation key is left to the compile step.
    Cites(String),
}

/// The fields that hold words. Dates and citations have node kinds of their own
/// ([`QueryKind::Date`], [`QueryKind::Cites`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// `title:` / `titel:` — the letter's title.
    Title,
    /// `subject:` / `onderwerp:` — the subject line.
    Subject,
    /// `section:` / `sectie:` — section headings.
    Section,
    /// `text:` / `tekst:` — the body text.
    Text,
    /// `sender:` / `afzender:` — the sending minister or ministry.
    Sender,
    /// `signer:` / `ondertekenaar:` — who signed the letter.
    Signer,
    /// `number:` / `nummer:` — the letter's number or reference.
    Number,
    /// `kamerstuk:` — the Kamerstuk the letter was published as.
    Kamerstuk,
}

impl Field {
    /// Every word field, in the order the documentation lists them.
    pub const ALL: [Field; 8] = [Field::Title, Field::Subject, Field::Section, Field::Text, Field::Sender, Field::Signer, Field::Number, Field::Kamerstuk];

    /// The English name, used in the canonical form: `title`.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Subject => "subject",
            Field::Section => "section",
            Field::Text => "text",
            Field::Sender => "sender",
            Field::Signer => "signer",
            Field::Number => "number",
            Field::Kamerstuk => "kamerstuk",
        }
    }

    /// The Dutch alias: `titel`. `kamerstuk` is the same in both languages.
    pub fn dutch_name(self) -> &'static str {
        match self {
            Field::Title => "titel",
            Field::Subject => "onderwerp",
            Field::Section => "sectie",
            Field::Text => "tekst",
            Field::Sender => "afzender",
            Field::Signer => "ondertekenaar",
            Field::Number => "nummer",
            Field::Kamerstuk => "kamerstuk",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A range of days. Years and months are expanded when parsed: `date:2020` is
/// `[2020-01-01 TO 2020-12-31]`, `date:>2020` is `{2020-12-31 TO *]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    /// The first day, or the day just before the range.
    pub from: Bound<Date>,
    /// The last day, or the day just after the range.
    pub to: Bound<Date>,
}

impl DateRange {
    /// The first and last day inside the range, `None` for an open side.
    /// An empty range (say `{2020-01-01 TO 2020-01-02}`) gives `first > last`.
    pub fn inclusive(&self) -> (Option<Date>, Option<Date>) {
        let first = match self.from {
            Bound::Included(d) => Some(d),
            Bound::Excluded(d) => Some(d.next_day().unwrap_or(d)),
            Bound::Unbounded => None,
        };
        let last = match self.to {
            Bound::Included(d) => Some(d),
            Bound::Excluded(d) => Some(d.previous_day().unwrap_or(d)),
            Bound::Unbounded => None,
        };
        (first, last)
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.from {
            Bound::Included(d) => write!(f, "[{}", Day(d))?,
            Bound::Excluded(d) => write!(f, "{{{}", Day(d))?,
            Bound::Unbounded => f.write_str("[*")?,
        }
        f.write_str(" TO ")?;
        match self.to {
            Bound::Included(d) => write!(f, "{}]", Day(d)),
            Bound::Excluded(d) => write!(f, "{}}}", Day(d)),
            Bound::Unbounded => f.write_str("*]"),
        }
    }
}

/// `YYYY-MM-DD`, spelled out here so the canonical form does not depend on how the
/// `time` crate chooses to print dates.
struct Day(Date);

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            QueryKind::Term(text) => f.write_str(text),
            QueryKind::Phrase { text, slop: 0 } => write!(f, "\"{text}\""),
            QueryKind::Phrase { text, slop } => write!(f, "\"{text}\"~{slop}"),
            QueryKind::Prefix(text) => write!(f, "{text}*"),
            QueryKind::And(children) => list(f, "and", children),
            QueryKind::Or(children) => list(f, "or", children),
            QueryKind::Not(inner) => write!(f, "(not {inner})"),
            QueryKind::Field { field, query } => write!(f, "({field} {query})"),
            QueryKind::Date(range) => write!(f, "(date {range})"),
            QueryKind::Cites(raw) => write!(f, "(cites \"{raw}\")"),
        }
    }
}

fn list(f: &mut fmt::Formatter<'_>, op: &str, children: &[Query]) -> fmt::Result {
    write!(f, "({op}")?;
    for child in children {
        write!(f, " {child}")?;
    }
    f.write_str(")")
}
