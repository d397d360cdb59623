//! Citations: references to other parliamentary papers, found in letter text and
//! normalised to one key per cited document.
//!
//! [`extract`] finds them in running text (hard-wrapped PDF text included) and
//! [`normalize`] turns one citation as a user types it into the same key, so that a
//! query `cites:"Kamerstuk 33 763, nr. 176"` finds letters that wrote `33763-176`.
//!
//! | written | key |
//! |---|---|
//! | `Kamerstukken II 2015/16, 33 763, nr. 96`, `33763-96`, `kst-33763-96` | `kst-33763-96` |
//! | `Kamerstuk 34 000 X, nr. 9`, `36800-X nr 43` | `kst-34000-X-9`, `kst-36800-X-43` |
//! | `Handelingen II 2010/11, nr. 108, item 5` | `h-tk-20102011-108-5` |
//! | `Aanhangsel Handelingen II 2014/15, nr. 12` | `ah-tk-20142015-12` |
//! | `Staatscourant 2025, nr. 17540` / `Staatscourant nr. 17540` | `stcrt-2025-17540` / `stcrt-?-17540` (partial) |
//! | `Stb. 1971, 231` | `stb-1971-231` |
//! | `Kamerstuknummer TZ202604-190` | `TZ202604-190` |
//! | `de motie-Boon (Kamerstuk 36800-X nr 43)` | `kst-36800-X-43`, kind [`CitationKind::Motie`], `motion_by` `Boon` |
//! | `De motie van het lid van Baarle` (no Kamerstuk beside it) | `motie-van-baarle` |
//! | `Kaderwet Dienstplicht` | `wet:kaderwet dienstplicht` |
//! | `Algemene wet bestuursrecht (Awb)`, `Awb` | `wet:algemene wet bestuursrecht` (one citation) |
//! | `BWBR0032514` | `BWBR0032514` |
//!
//! What is never a citation: dates, amounts, page references, the letter's own number
//! (`Nr. 96`, a bare `nr. N` without a dossier) and the running footer of a printed
//! Kamerstuk (`Tweede Kamer, vergaderjaar 2022–2023, 36 360 X, nr. 1`).
//!
//! Everything here is pure: no files, no index; patterns are compiled once.

mod answer;
mod kamerstuk;
pub(crate) mod law;
mod motion;
mod publication;
mod sentence;
mod text;

#[cfg(test)]
mod tests;

use std::cmp::Reverse;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

pub use sentence::sentence_span;

pub(crate) use crate::keys::kamerstuk_key;
use text::{fold, re, slug, window_before, MONTHS};

/// The key of a law or regulation known by name: `wet:` + the name lowercased, accents
/// folded and whitespace collapsed (`Kaderwet  Dienstplicht` -> `wet:kaderwet dienstplicht`).
/// Use it for a regulation's own (short) title; [`normalize`] instead recognises a law
/// *mentioned* in a text, which in a long title may be another law than the title's own.
pub fn law_key(name: &str) -> String {
    let folded = fold(name);
    match law::ALIASES.iter().find(|(alias, _)| *alias == folded) {
        Some((_, canonical)) => format!("wet:{canonical}"),
        None => format!("wet:{folded}"),
    }
}

static STCRT_KEY: LazyLock<Regex> = LazyLock::new(|| re(r"^stcrt-(\d{4}|\?)-(\d{1,6})$"));

/// The keys a query for `key` also means, as a regular expression over keys, when
/// there are such: a Staatscourant number cited without its year (`stcrt-?-17540`) is
/// the same paper as the one with it (`stcrt-2025-17540`), so each finds the other.
pub(crate) fn same_paper_pattern(key: &str) -> Option<String> {
    let c = STCRT_KEY.captures(key)?;
    let year = if &c[1] == "?" { r"(\d{4}|\?)".to_string() } else { format!(r"({}|\?)", &c[1]) };
    Some(format!(r"stcrt-{year}-{}", &c[2]))
}

/// Whether a citation with key `cited` cites the paper a query asked for by `asked`.
pub(crate) fn same_paper(asked: &str, cited: &str) -> bool {
    if asked == cited {
        return true;
    }
    match (STCRT_KEY.captures(asked), STCRT_KEY.captures(cited)) {
        (Some(a), Some(c)) => a[2] == c[2] && (&a[1] == "?" || &c[1] == "?"),
        _ => false,
    }
}

/// What kind of document a citation points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum CitationKind {
    /// A Kamerstuk (parliamentary paper): `kst-…`.
    Kamerstuk,
    /// A motion; its key is the motion's Kamerstuk key when one is cited beside it,
    /// else `motie-` + the member's name.
    Motie,
    /// A report of proceedings: `h-tk-…`, `h-ek-…`.
    Handelingen,
    /// An answer to written questions in the Aanhangsel der Handelingen: `ah-tk-…`.
    Aanhangsel,
    /// The Staatscourant (government gazette): `stcrt-…`.
    Staatscourant,
    /// The Staatsblad (bulletin of acts): `stb-…`.
    Staatsblad,
    /// A promise to parliament (toezegging): `TZ202604-190`.
    Toezegging,
    /// A law or regulation cited by name: `wet:…`.
    Wet,
}

impl CitationKind {
    /// The lowercase name used in keys, JSON and queries (`kamerstuk`, `motie`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            CitationKind::Kamerstuk => "kamerstuk",
            CitationKind::Motie => "motie",
            CitationKind::Handelingen => "handelingen",
            CitationKind::Aanhangsel => "aanhangsel",
            CitationKind::Staatscourant => "staatscourant",
            CitationKind::Staatsblad => "staatsblad",
            CitationKind::Toezegging => "toezegging",
            CitationKind::Wet => "wet",
        }
    }
}

/// One citation found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// The normalised key of the cited document (see the module docs).
    pub key: String,
    /// What kind of document is cited.
    pub kind: CitationKind,
    /// The citation as written: always `&input[start..end]`. In a list
    /// (`nr. 171 en 172`) later items span only their own number (`172`).
    pub text: String,
    /// Byte offset of the first byte, on a char boundary.
    pub start: usize,
    /// Byte offset one past the last byte, on a char boundary.
    pub end: usize,
    /// The key does not identify one document: a Staatscourant number without a year
    /// (`stcrt-?-17540`), Handelingen without a chamber, or a dossier without a paper
    /// number (`Kamerstuk 36 800 X` -> `kst-36800-X`).
    pub partial: bool,
    /// The title the letter gives the cited paper, e.g. `Groei van de krijgsmacht` in
    /// `de Kamerbrief ‘Groei van de krijgsmacht’ (Kamerstuk 33763, nr. 176)`.
    pub title: Option<String>,
    /// For a motion, the member(s) who moved it (`Boon`, `van Baarle`), when named.
    pub motion_by: Option<String>,
    /// For a toezegging or a motion: the text reports on it (what was promised or asked
    /// is done, or how it stands), not just mentions it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub answers: bool,
}

impl Citation {
    /// A citation of `key` written as `text[start..end]`, with nothing more known.
    pub(crate) fn at(key: String, kind: CitationKind, text: &str, start: usize, end: usize) -> Citation {
        Citation { key, kind, text: text[start..end].to_string(), start, end, partial: false, title: None, motion_by: None, answers: false }
    }
}

/// A run of text that cites one or more documents together (`nr. 171 en 172`): the
/// unit that a motion mention or a title before it applies to.
pub(crate) struct Phrase {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) citations: Vec<Citation>,
}

/// All citations in `text`, in text order, with distinct, non-overlapping spans.
pub fn extract(text: &str) -> Vec<Citation> {
    extract_with(text, false)
}

/// The key of one citation however it is written (`"Kamerstuk 33 763, nr. 176"`,
/// `33763-176`, `kst-33763-176`, `33 763 nr 176` -> `kst-33763-176`), or `None` when the
/// input holds no citation or cites more than one document.
pub fn normalize(written: &str) -> Option<String> {
    let w = written.trim().trim_matches(|c: char| c.is_whitespace() || "()[]\"'“”‘’,;".contains(c));
    if let Some(key) = key_form(w) {
        return Some(key);
    }
    let mut keys: Vec<String> = extract_with(w, true).into_iter().map(|c| c.key).collect();
    keys.dedup();
    match keys.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

static KST_KEY: LazyLock<Regex> = LazyLock::new(|| re(r"^(?i:kst)-(\d{4,5})(?:-([A-Za-z0-9]{1,6}))?-(\d{1,4}[A-Za-z]?|[A-Za-z]{1,2})$"));
static SITTING_KEY: LazyLock<Regex> = LazyLock::new(|| re(r"^(?i)(h|ah)-(tk|ek|\?)-(\d{8})-(p?\d{1,5})(?:-(\d{1,3}))?$"));
static GAZETTE_KEY: LazyLock<Regex> = LazyLock::new(|| re(r"^(?i)(stcrt|stb)-(\d{4}|\?)-(\d{1,6})([a-z]?)$"));
static TZ_KEY: LazyLock<Regex> = LazyLock::new(|| re(r"^(?i)tz(\d{6})-(\d{2,4})$"));
static LAW_KEY: LazyLock<Regex> = LazyLock::new(|| re(r"^(?i)wet:(.+)$"));
static BWBR_KEY: LazyLock<Regex> = LazyLock::new(|| re(r"^(?i)bwbr\d{7}$"));
static MOTION_KEY: LazyLock<Regex> = LazyLock::new(|| re(r"^(?i)motie-(\p{L}[\p{L}'’ \-]*)$"));

/// Input that is already a key (in any letter case) is returned in canonical form.
fn key_form(w: &str) -> Option<String> {
    if let Some(c) = KST_KEY.captures(w) {
        // A rijkswet number is no part of the key (`kst-34356-R2064-3` is `kst-34356-3`).
        let suffix = c.get(2).map(|s| s.as_str().to_uppercase()).filter(|s| !(s.starts_with('R') && s.len() > 2 && s[1..].bytes().all(|b| b.is_ascii_digit())));
        // An Eerste Kamer paper is its capitals; a paper number keeps its letter small (`42e`).
        let nr = match c[3].starts_with(|ch: char| ch.is_ascii_digit()) {
            true => c[3].to_lowercase(),
            false => c[3].to_uppercase(),
        };
        return Some(kamerstuk_key(&c[1], suffix.as_deref(), &nr));
    }
    if SITTING_KEY.is_match(w) {
        return Some(w.to_lowercase());
    }
    if let Some(c) = GAZETTE_KEY.captures(w) {
        // A number's letter in capitals, as printed (`Stb. 1930, 388A`).
        return Some(format!("{}-{}-{}{}", c[1].to_lowercase(), &c[2], &c[3], c[4].to_uppercase()));
    }
    if let Some(c) = TZ_KEY.captures(w) {
        return Some(format!("TZ{}-{}", &c[1], &c[2]));
    }
    if BWBR_KEY.is_match(w) {
        return Some(w.to_uppercase());
    }
    if let Some(c) = LAW_KEY.captures(w) {
        return Some(law_key(&c[1]));
    }
    if let Some(c) = MOTION_KEY.captures(w) {
        return Some(format!("motie-{}", slug(&c[1])));
    }
    None
}

fn extract_with(text: &str, lenient: bool) -> Vec<Citation> {
    let mut phrases = kamerstuk::find(text, lenient);
    kamerstuk::fill_text(text, &mut phrases);
    for p in &mut phrases {
        if let Some(title) = title_before(text, p.start) {
            for c in &mut p.citations {
                c.title = Some(title.clone());
            }
        }
    }
    let singles = publication::find(text).into_iter().chain(law::find(text));
    phrases.extend(singles.map(|c| Phrase { start: c.start, end: c.end, citations: vec![c] }));
    phrases.sort_by_key(|p| (p.start, Reverse(p.end)));
    let mut kept: Vec<Phrase> = Vec::with_capacity(phrases.len());
    for p in phrases {
        if kept.last().is_none_or(|k| p.start >= k.end) {
            kept.push(p);
        }
    }
    let own = tie_motions(text, &mut kept);
    let mut out: Vec<Citation> = kept.into_iter().flat_map(|p| p.citations).chain(own).collect();
    out.sort_by_key(|c| (c.start, c.end));
    let numbered = motions_by_number(text, &out);
    if !numbered.is_empty() {
        out.extend(numbered);
        out.sort_by_key(|c| (c.start, c.end));
    }
    for c in &mut out {
        c.answers = answer::answers(text, c);
    }
    out
}

/// ASCII word boundaries keep the regex on its fast engine.
static MOTION_NR: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)[Mm]otie\s+(?:nr\.?|nummer)\s*(\d{1,4})(?-u:\b)"));

/// `Motie nr. 171` without a dossier: the motion the text cites elsewhere with that
/// paper number (`Kamerstuk 33 763, nr. 171`), when exactly one Kamerstuk of the text has it.
fn motions_by_number(text: &str, found: &[Citation]) -> Vec<Citation> {
    let mut out = Vec::new();
    for c in MOTION_NR.captures_iter(text) {
        let (Some(whole), Some(nr)) = (c.get(0), c.get(1)) else { continue };
        if found.iter().any(|f| f.start < whole.end() && whole.start() < f.end) {
            continue;
        }
        let suffix = format!("-{}", nr.as_str());
        let mut keys: Vec<&str> = found
            .iter()
            .filter(|f| matches!(f.kind, CitationKind::Kamerstuk | CitationKind::Motie) && f.key.ends_with(&suffix))
            .map(|f| f.key.as_str())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        if let [key] = keys[..] {
            out.push(Citation::at(key.to_string(), CitationKind::Motie, text, whole.start(), whole.end()));
        }
    }
    out
}

/// How far a bare `motie` may stand before the Kamerstuk it refers to
/// (`Deze motie is aangenomen (Kamerstuk …)`); named motions may be a sentence away.
const BARE_MOTION_REACH: usize = 40;

/// Marks the Kamerstuk phrase right after each motion mention (same sentence, nothing
/// cited in between) as that motion; returns citations for named motions that have no
/// Kamerstuk beside them.
fn tie_motions(text: &str, phrases: &mut [Phrase]) -> Vec<Citation> {
    let mentions = motion::find(text);
    let mut own = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        let next_mention = mentions.get(i + 1).map_or(usize::MAX, |n| n.start);
        let (_, sentence_end) = sentence_span(text, m.start, m.end);
        let target = phrases.iter_mut().find(|p| p.start >= m.end).filter(|p| {
            let is_paper = p.citations.iter().all(|c| c.kind == CitationKind::Kamerstuk);
            let near = m.by.is_some() || p.start - m.end <= BARE_MOTION_REACH;
            is_paper && near && p.start < next_mention && p.start < sentence_end
        });
        match (target, &m.by) {
            (Some(p), _) => {
                for c in &mut p.citations {
                    c.kind = CitationKind::Motie;
                    c.motion_by.clone_from(&m.by);
                }
            }
            (None, Some(name)) => {
                let overlaps = phrases.iter().any(|p| p.start < m.end && m.start < p.end);
                if !overlaps {
                    own.push(Citation {
                        key: format!("motie-{}", slug(name)),
                        kind: CitationKind::Motie,
                        text: text[m.start..m.end].to_string(),
                        start: m.start,
                        end: m.end,
                        partial: false,
                        title: None,
                        motion_by: Some(name.clone()),
                        answers: false,
                    });
                }
            }
            (None, None) => {}
        }
    }
    own
}

static DATE_TAIL: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"\s+(?:van|d\.d\.)\s+\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?$")));

/// The quoted title right before a citation: `brief ‘Titel’ (Kamerstuk …`, optionally
/// with a date between (`‘Titel’ van 15 oktober 2024 (Kamerstuk …`) or a comma instead
/// of the bracket.
fn title_before(text: &str, phrase_start: usize) -> Option<String> {
    let before = window_before(text, phrase_start, 400).trim_end();
    let mut s = before.strip_suffix('(').or_else(|| before.strip_suffix(','))?.trim_end();
    if let Some(m) = DATE_TAIL.find(s) {
        s = s[..m.start()].trim_end();
    }
    let close = s.chars().next_back()?;
    let open = match close {
        '’' => '‘',
        '”' => '“',
        '»' => '«',
        '\'' => '\'',
        '"' => '"',
        _ => return None,
    };
    let inner = &s[..s.len() - close.len_utf8()];
    let open_at = inner.rfind(open)?;
    let title = inner[open_at + open.len_utf8()..].trim();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some(title)
}
