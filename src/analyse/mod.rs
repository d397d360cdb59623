//! Dutch text analysis: one tantivy analyzer, used for indexing and querying alike.
//!
//! [`DUTCH`] (`kz_dutch`) is a tokenizer and a chain of small token filters, one
//! module per rule; the rules that see one token at a time are [`TokenRule`]s run by
//! the [`PerToken`] filter:
//!
//! 1. [`WordTokenizer`] (`words`, on [`Segments`] from `segments`): UAX#29 word
//!    segments with alphanumeric content, found chunk by chunk between whitespace with
//!    a fast path for ASCII chunks; segments glued by an in-word hyphen or `&` with
//!    letters on both sides form one written word (`re-integratie`,
//!    `P&O-functionarissen`); numbers stay (`2026`, `120.000`, `81%` -> `81`), and
//!    `2026-2028` is two numbers.
//! 2. [`GluedSentences`] (`glued`): a word glued to the next sentence by text
//!    extraction (`verliep.Het`) is split in two; abbreviations (`z.g.`) stay whole.
//! 3. [`HyphenatedCompounds`] (`compounds`): a hyphenated word gives the joined word
//!    (position `p`, `position_length` = parts, offsets over the whole word), then each
//!    part at `p`, `p + 1`, …; the next word is at `p + parts`.
//! 4. [`Apostrophes`] (`apostrophes`): `scenario’s` -> `scenario`; the clitics `'t`,
//!    `'n`, `'s` keep their apostrophe; every apostrophe is written `'`.
//! 5. [`FoldDiacritics`] (`folding`): lower case, no diacritics (`continuïteit` =
//!    `continuiteit`), ligatures spelled out, soft hyphens removed.
//! 6. [`SplitCompounds`] (`decompound`): a solid compound is laid out as a hyphenated
//!    one (`personeelsbeleid` at `p`, `position_length` 2, then `personeel` at `p` and
//!    `beleid` at `p + 1`, all with the word's offsets), its parts found in the OpenTaal
//!    word list.
//! 7. [`ElidedCompounds`] (`elision`): an elided word (`thuiswerk- en een
//!    internetvergoeding`, `in- en doorstroom`, `(vrouwen)vesten`) is preceded by the
//!    compound it stands for (`thuiswerkvergoeding`, `instroom`, `vrouwenvesten`), at
//!    its position and offsets.
//! 8. [`DutchStopWords`] (`stop_words`): the Snowball Dutch list plus `'t`, `'n`,
//!    `zo'n`, …; a removed word keeps its position.
//! 9. [`DutchStemmer`] (`stemming`): the classic Snowball Dutch stemmer
//!    (`rust-stemmers`, not tantivy's newer algorithm), with the inflection it misses
//!    resolved first (`inflection`: plurals, over-cut singulars, false friends), and a
//!    bounded cache of stems.
//!
//! [`EXACT`] (`kz_exact`) is steps 1–7: unstemmed terms that keep every word.
//!
//! [`TRUNCATED`] (`kz_truncated`) writes a variant of a letter's text for free-text
//! ranking: steps 1–8, and every term (compounds and their parts alike) cut to five
//! letters ([`Truncate`]) instead of stemmed.
//!
//! [`TextVariants`] gives both forms of a letter's text from one pass, for the
//! indexer; queries use the analyzers.
//!
//! Invariants, for every input (checked by property tests):
//! - no panic, and no empty term;
//! - offsets are byte offsets into the input, on char boundaries, `start < end`;
//! - positions never decrease in stream order; each written word or compound part has
//!   a position of its own (a joined compound shares it with its first part) and a
//!   removed stop word leaves its position unused, so an analysed phrase query lines
//!   up with the analysed text;
//! - the parts of a compound follow its joined word, at positions `p .. p + n`, with
//!   offsets inside the joined word's offsets (a solid compound's parts have the
//!   word's own); an elided compound's full form stands before its elided word, with
//!   its position and offsets;
//! - the same text gives the same terms at indexing and at query time: both use the
//!   analyzer registered under the field's name by [`register`].
//!
//! For a query, a token with `position_length` > 1 is a joined compound and the
//! tokens after it at positions `p .. p + n` are its parts: query the joined term, or
//! the phrase of its parts (not both as one phrase: text written without the hyphen
//! has only the joined term).
//!
//! Cost: no allocation per token once the buffers have grown, except for stems missing
//! from the cache.

mod apostrophes;
mod compounds;
mod decompound;
mod elision;
mod encoded;
mod folding;
mod forms;
mod glued;
mod inflection;
mod per_token;
pub(crate) mod pool;
mod segments;
mod stemming;
mod stop_words;
mod truncate;
mod variants;
mod words;

#[cfg(test)]
mod tests;

use serde::Serialize;
use tantivy::tokenizer::{TextAnalyzer, TextAnalyzerBuilder, Tokenizer, TokenizerManager};

pub(crate) use apostrophes::Apostrophes;
pub(crate) use compounds::HyphenatedCompounds;
pub(crate) use decompound::SplitCompounds;
pub(crate) use elision::ElidedCompounds;
pub(crate) use encoded::{TokenDecoder, DECODED};
pub(crate) use folding::{fold_into, push_folded, FoldDiacritics};
pub(crate) use glued::GluedSentences;
pub(crate) use per_token::PerToken;
pub(crate) use stemming::{stem, written_prefix, DutchStemmer};
pub(crate) use stop_words::{is_stop_word, DutchStopWords};
pub(crate) use truncate::Truncate;
pub(crate) use variants::{holds_elided, TextVariants};
/// Words after an elided word that may complete it (see [`ElidedCompounds`]).
pub(crate) const ELISION_LOOK_AHEAD: usize = elision::LOOK_AHEAD;
pub(crate) use words::{is_hyphen, WordTokenizer};
// The parts the tables test one by one.
#[cfg(test)]
pub(crate) use {
    crate::lexicon::compound_parts,
    segments::Segments,
    stop_words::{CLITICS, SNOWBALL_DUTCH},
};

/// The name under which the Dutch analyzer is registered in the index.
pub const DUTCH: &str = "kz_dutch";

/// The name under which the exact-form analyzer (no stop words, no stemming) is registered.
pub const EXACT: &str = "kz_exact";

/// The name under which the truncating analyzer is registered.
pub const TRUNCATED: &str = "kz_truncated";

/// Letters a truncated term keeps: five conflates the forms of a word (`zwangere`,
/// `zwangerschap` -> `zwang`) and measured best on the Belgian answers, above four
/// and six.
pub const TRUNCATED_LETTERS: usize = 5;

/// Builds the truncating analyzer: the Dutch chain up to stop words, each solid
/// compound followed by its parts (at its position), and every word and part cut to
/// its first [`TRUNCATED_LETTERS`] letters instead of stemmed, a crude stem that
/// complements the Snowball one.
pub fn truncated_analyzer() -> TextAnalyzer {
    written_words().filter(PerToken(DutchStopWords)).filter(PerToken(Truncate(TRUNCATED_LETTERS))).build()
}

/// The chain up to stemming: what [`TextVariants`] derives both forms from.
fn unstemmed_words() -> TextAnalyzer {
    written_words().filter(PerToken(DutchStopWords)).build()
}

/// The start every chain shares: words (glued sentences split), hyphenated compounds,
/// apostrophes, folding, solid compounds split, elided compounds completed.
fn written_words() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(GluedSentences)
        .filter(HyphenatedCompounds)
        .filter(PerToken(Apostrophes::default()))
        .filter(PerToken(FoldDiacritics::default()))
        .filter(SplitCompounds)
        .filter(ElidedCompounds)
}

/// Builds the Dutch analyzer: words, glued sentences, compounds, apostrophes, folding, stop words,
/// stemming. It is what kamerzoek indexes letter text with; register it in a tantivy index of
/// your own to analyse Dutch the same way.
pub fn dutch_analyzer() -> TextAnalyzer {
    written_words().filter(PerToken(DutchStopWords)).filter(PerToken(DutchStemmer::default())).build()
}

/// Builds the exact-form analyzer: the Dutch chain without stop-word removal and stemming.
pub fn exact_analyzer() -> TextAnalyzer {
    written_words().build()
}

/// Registers kamerzoek's analyzers with an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(DUTCH, dutch_analyzer());
    manager.register(EXACT, exact_analyzer());
    manager.register(TRUNCATED, truncated_analyzer());
    manager.register(DECODED, TextAnalyzer::from(TokenDecoder::default()));
}

/// One term as an analyzer produced it, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnalyzedToken {
    /// The term as indexed.
    pub text: String,
    /// Position in the token stream; compound parts and stop words use positions too.
    pub position: usize,
    /// Number of positions the term covers: the number of parts for a joined compound, else 1.
    pub position_length: usize,
    /// Byte offset of the term's first character in the analysed text.
    pub start: usize,
    /// Byte offset just past the term's last character in the analysed text.
    pub end: usize,
}

/// Which analysis [`analyze`] applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Analysis {
    /// The analysis of letter text (`text`, `title`, … fields): folding, stop words,
    /// compounds and the Dutch stemmer.
    #[default]
    Dutch,
    /// The analysis of exact (`=word`) matching: folding only.
    Exact,
}

/// The tokens the index makes of `text`: what a query word must meet to match.
///
/// ```
/// let stems: Vec<String> = kamerzoek::analyze("de militairen", kamerzoek::Analysis::Dutch).into_iter().map(|t| t.text).collect();
/// assert_eq!(stems, ["militair"]);
/// ```
pub fn analyze(text: &str, analysis: Analysis) -> Vec<AnalyzedToken> {
    let mut analyzer = match analysis {
        Analysis::Dutch => dutch_analyzer(),
        Analysis::Exact => exact_analyzer(),
    };
    tokens(&mut analyzer, text)
}

/// Runs `analyzer` over `text` and collects its tokens.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<AnalyzedToken> {
    let mut stream = analyzer.token_stream(text);
    let mut collected = Vec::new();
    while let Some(token) = stream.next() {
        collected.push(AnalyzedToken {
            text: token.text.clone(),
            position: token.position,
            position_length: token.position_length,
            start: token.offset_from,
            end: token.offset_to,
        });
    }
    collected
}
