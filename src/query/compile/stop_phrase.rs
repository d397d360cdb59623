//! Phrases that hold stop words: `"na de zomer"` is not `"voor de zomer"`.
//!
//! Stop words are not indexed (they would make the positions, the largest part of the
//! index, half as large again), but keep their positions, so the phrase query of the
//! other words matches wherever those stand with the right gaps: `"na de zomer"` asks
//! for `zomer` after any two words. [`StopWordPhrase`] keeps of those letters the ones
//! whose text holds the phrase as written: each stop word itself, at its place, and the
//! other words as the analyzer indexes them. Only the letter's body (with its
//! headings) and its title are read, and only around the places where the phrase's
//! longest stop word stands.

use std::fmt;
use std::sync::Arc;

use tantivy::columnar::StrColumn;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::store::StoreReader;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED};

use crate::analyse;
use crate::analyse::pool::{Kind, Pooled};
use crate::index::schema::Fields;
use crate::index::stored::{self, Body};

/// What a phrase holds at each of its positions.
#[derive(Debug, Clone, PartialEq)]
enum Slot {
    /// A stop word, folded, as written.
    Stop(String),
    /// Any of these terms (stems; a compound and its first part share a position).
    Terms(Vec<String>),
    /// Nothing the analyzer keeps (a position no word takes).
    Any,
}

/// A phrase with stop words, as its words must stand in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    slots: Vec<Slot>,
    /// The slot of the stop word to look for first: the longest, as the rarest.
    anchor: usize,
}

impl Pattern {
    /// The pattern of phrase `text`, when it holds a stop word and another word; `None`
    /// otherwise (a phrase without stop words needs no check).
    pub(crate) fn of(text: &str) -> Option<Pattern> {
        let mut exact = Pooled::lend(Kind::Exact);
        let mut slots: Vec<Slot> = Vec::new();
        for t in analyse::tokens(&mut exact, text) {
            if slots.len() <= t.position {
                slots.resize(t.position + 1, Slot::Any);
            }
            let slot = &mut slots[t.position];
            if analyse::is_stop_word(&t.text) {
                if *slot == Slot::Any {
                    *slot = Slot::Stop(t.text);
                }
            } else {
                let stem = analyse::stem(&t.text).into_owned();
                match slot {
                    Slot::Terms(terms) => terms.push(stem),
                    _ => *slot = Slot::Terms(vec![stem]),
                }
            }
        }
        let anchor = (0..slots.len()).filter(|&i| matches!(slots[i], Slot::Stop(_))).max_by_key(|&i| match &slots[i] {
            Slot::Stop(word) => (word.len(), usize::MAX - i),
            _ => (0, 0),
        })?;
        slots.iter().any(|s| matches!(s, Slot::Terms(_))).then_some(Pattern { slots, anchor })
    }

    /// True when `text` holds the phrase.
    pub(crate) fn found_in(&self, text: &str, analyzer: &mut TextAnalyzer) -> bool {
        let Slot::Stop(anchor) = &self.slots[self.anchor] else { return false };
        let lower = text.as_bytes().to_ascii_lowercase();
        // Bytes around each place the anchor stands: enough for the words before and
        // after it in the phrase, widened to whitespace so no word is cut.
        const PER_WORD: usize = 80;
        let (before, after) = (PER_WORD * self.anchor + 16, PER_WORD * (self.slots.len() - self.anchor) + 16);
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for at in memchr::memmem::find_iter(&lower, anchor.as_bytes()) {
            let end = at + anchor.len();
            let letter = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
            if letter(at.checked_sub(1).and_then(|i| lower.get(i))) || letter(lower.get(end)) {
                continue;
            }
            let start = widen_back(text, at.saturating_sub(before));
            let stop = widen_forward(text, (end + after).min(text.len()));
            match windows.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(stop),
                _ => windows.push((start, stop)),
            }
        }
        windows.into_iter().any(|(start, end)| self.holds_at_some_place(&text[start..end], analyzer))
    }

    /// True when the phrase starts at some position of `text`.
    fn holds_at_some_place(&self, text: &str, analyzer: &mut TextAnalyzer) -> bool {
        // Per position: the stop word written there, or the stems of the words there.
        let mut at: Vec<(Option<String>, Vec<String>)> = Vec::new();
        for t in analyse::tokens(analyzer, text) {
            if at.len() <= t.position {
                at.resize(t.position + 1, (None, Vec::new()));
            }
            if analyse::is_stop_word(&t.text) {
                at[t.position].0.get_or_insert(t.text);
            } else {
                at[t.position].1.push(analyse::stem(&t.text).into_owned());
            }
        }
        (0..at.len()).any(|p| {
            self.slots.iter().enumerate().all(|(i, slot)| match (slot, at.get(p + i)) {
                (Slot::Any, _) => true,
                (Slot::Stop(word), Some((Some(written), _))) => written == word,
                (Slot::Terms(terms), Some((_, stems))) => terms.iter().any(|t| stems.contains(t)),
                _ => false,
            })
        })
    }
}

/// Moves `at` back to just after the whitespace before it (or the start).
fn widen_back(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    while i > 0 && !bytes[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    i
}

/// Moves `at` on to the next whitespace (or the end).
fn widen_forward(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The letters `inner` (the phrase's query of its other words) matches whose body or
/// title holds the phrase as written.
pub(crate) struct StopWordPhrase {
    inner: Box<dyn Query>,
    pattern: Arc<Pattern>,
    fields: Fields,
}

impl StopWordPhrase {
    pub(crate) fn new(inner: Box<dyn Query>, pattern: Pattern, fields: Fields) -> StopWordPhrase {
        StopWordPhrase { inner, pattern: Arc::new(pattern), fields }
    }
}

impl Clone for StopWordPhrase {
    fn clone(&self) -> Self {
        StopWordPhrase { inner: self.inner.box_clone(), pattern: self.pattern.clone(), fields: self.fields }
    }
}

impl fmt::Debug for StopWordPhrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StopWordPhrase").field("inner", &self.inner).field("pattern", &self.pattern).finish()
    }
}

impl Query for StopWordPhrase {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let searcher = scoring.searcher().ok_or_else(|| tantivy::TantivyError::InvalidArgument("a phrase with stop words needs a searcher".into()))?.clone();
        let stores = stored::open(&searcher).map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
        Ok(Box::new(CheckedWeight {
            inner: self.inner.weight(scoring)?,
            check: Arc::new(Check { pattern: self.pattern.clone(), fields: self.fields, searcher, stores }),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

/// What the check reads: the searcher's stored letters.
struct Check {
    pattern: Arc<Pattern>,
    fields: Fields,
    searcher: Searcher,
    stores: Vec<StoreReader>,
}

impl Check {
    /// True when letter document `addr` holds the phrase in its body or its title (from
    /// `titles`, the segment's column). A document whose body cannot be read (no
    /// letter) does not.
    fn holds(&self, addr: DocAddress, analyzer: &mut TextAnalyzer, titles: Option<&StrColumn>) -> bool {
        let body = Body::read(&self.stores, &self.searcher, &self.fields, addr);
        if body.is_ok_and(|body| body.whole().is_ok_and(|text| self.pattern.found_in(&text, analyzer))) {
            return true;
        }
        let mut title = String::new();
        let ord = titles.and_then(|column| column.term_ords(addr.doc_id).next());
        ord.is_some_and(|ord| titles.is_some_and(|column| column.ord_to_str(ord, &mut title).unwrap_or(false)) && self.pattern.found_in(&title, analyzer))
    }
}

struct CheckedWeight {
    inner: Box<dyn Weight>,
    check: Arc<Check>,
}

impl Weight for CheckedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let segment = self.check.searcher.segment_readers().iter().position(|r| r.segment_id() == reader.segment_id());
        let segment = segment.ok_or_else(|| tantivy::TantivyError::InternalError("a segment of another searcher".into()))? as u32;
        let titles = reader.fast_fields().str("display_title")?;
        let mut scorer = Checked { inner: self.inner.scorer(reader, boost)?, check: self.check.clone(), segment, analyzer: Pooled::lend(Kind::Exact), titles };
        let first = scorer.inner.doc();
        scorer.settle(first);
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }
}

/// The inner scorer's documents that hold the phrase.
struct Checked {
    inner: Box<dyn Scorer>,
    check: Arc<Check>,
    segment: u32,
    analyzer: Pooled,
    titles: Option<StrColumn>,
}

impl Checked {
    /// The first document from `doc` on that holds the phrase.
    fn settle(&mut self, mut doc: DocId) -> DocId {
        while doc != TERMINATED && !self.check.holds(DocAddress::new(self.segment, doc), &mut self.analyzer, self.titles.as_ref()) {
            doc = self.inner.advance();
        }
        doc
    }
}

impl DocSet for Checked {
    fn advance(&mut self) -> DocId {
        let doc = self.inner.advance();
        self.settle(doc)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.inner.seek(target);
        self.settle(doc)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for Checked {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(phrase: &str, text: &str) -> bool {
        Pattern::of(phrase).expect("a phrase with a stop word").found_in(text, &mut Pooled::lend(Kind::Exact))
    }

    /// Phrases and sentences of the bundled letters and regulations.
    #[test]
    fn a_stop_word_holds_its_own_place() {
        let rows = [
            ("na de zomer", "Ik verwacht het wetsvoorstel Kaderwet Dienstplicht na de zomer starten.", true),
            ("na de zomer", "Ik informeer uw Kamer nog voor de zomer nader.", false),
            ("voor de zomer", "om voor de zomer, in de eerstvolgende personeelsbrief", true),
            ("uit dienst", "voor militairen die uit dienst treden", true),
            ("uit dienst", "burgerambtenaren in dienst van de Minister", false),
            ("in dienst", "burgerambtenaren in dienst van de Minister", true),
            ("niet in staat", "indien de medewerker niet in staat is de benodigde re-integratieactiviteiten", true),
            ("niet in staat", "om Defensie in staat te stellen", false),
            ("in strijd met", "Het is verboden te handelen in strijd met de artikelen", true),
            ("strijd tegen", "Het is verboden te handelen in strijd met de artikelen", false),
            ("strijd tegen", "bijgedragen aan de strijd tegen de georganiseerde criminaliteit", true),
            ("in de toekomst", "hoe we In de toekomst het werk organiseren", true),
            ("in de toekomst", "Toekomst van de krijgsmacht", false),
            // Punctuation between the words is no word.
            ("voor vrouwen", "speciaal voor, vrouwen ontworpen", true),
            // The other words as the analyzer indexes them: stemmed, compounds split.
            ("na de zomers", "na de zomer", true),
            ("voor het personeel", "voor het personeelsbeleid", true),
        ];
        for (phrase, text, expected) in rows {
            assert_eq!(found(phrase, text), expected, "{phrase:?} in {text:?}");
        }
    }

    #[test]
    fn phrases_without_a_stop_word_or_another_word_need_no_check() {
        assert_eq!(Pattern::of("sociale partners"), None);
        assert_eq!(Pattern::of("na de"), None);
    }
}
