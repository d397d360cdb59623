//! What a query asks to mark in a letter's text: its analysed words, prefixes and
//! phrases, gathered as it is compiled. `search::snippet` marks them.

use std::collections::HashSet;

/// A phrase to mark: analysed terms at their relative positions, with slop.
#[derive(Debug, Clone, Default)]
pub struct PhraseTarget {
    /// `(relative position, term)`, in order.
    pub terms: Vec<(usize, String)>,
    /// How many extra positions the phrase may stretch over.
    pub slop: u32,
}

/// What a query asks to mark in text.
#[derive(Debug, Clone, Default)]
pub struct Highlighter {
    /// Single analysed terms.
    pub terms: HashSet<String>,
    /// Analysed prefixes (`prefix*`).
    pub prefixes: Vec<String>,
    /// Phrases.
    pub phrases: Vec<PhraseTarget>,
}
