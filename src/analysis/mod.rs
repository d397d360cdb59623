//! Dutch text analysis: one tantivy analyzer, used for indexing and querying alike.

use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer, TokenizerManager};

/// The name under which the Dutch analyzer is registered in the index.
pub const DUTCH: &str = "kz_dutch";

/// Builds the Dutch analyzer.
pub fn dutch_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).build()
}

/// Registers kamerzoek's analyzers with an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(DUTCH, dutch_analyzer());
}
