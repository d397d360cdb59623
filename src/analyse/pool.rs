//! Analyzers lent from a pool per thread and given back when dropped: an analyzer's
//! caches (stems, compound splits) then outlast one query, where a fresh analyzer works
//! every word out anew (most of a snippet's cost, and dozens of word-list lookups per
//! compound in a query).

use std::cell::RefCell;
use std::ops::{Deref, DerefMut};

use tantivy::tokenizer::TextAnalyzer;

/// The analyzers a pool lends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    /// [`super::DUTCH`]: what the index and queries are analysed with.
    Dutch,
    /// [`super::TRUNCATED`]: the ranking copy.
    Truncated,
    /// [`super::EXACT`]: every written word, unstemmed.
    Exact,
}

impl Kind {
    fn make(self) -> TextAnalyzer {
        match self {
            Kind::Dutch => super::dutch_analyzer(),
            Kind::Truncated => super::truncated_analyzer(),
            Kind::Exact => super::exact_analyzer(),
        }
    }
}

thread_local! {
    static POOL: RefCell<Vec<(Kind, TextAnalyzer)>> = const { RefCell::new(Vec::new()) };
}

/// An analyzer lent from this thread's pool until dropped.
pub(crate) struct Pooled(Option<(Kind, TextAnalyzer)>);

impl Pooled {
    /// An analyzer of `kind`: one given back earlier on this thread, or a new one.
    pub(crate) fn lend(kind: Kind) -> Pooled {
        let kept = POOL.with(|pool| {
            let mut pool = pool.borrow_mut();
            let at = pool.iter().rposition(|(k, _)| *k == kind)?;
            Some(pool.swap_remove(at))
        });
        Pooled(Some(kept.unwrap_or_else(|| (kind, kind.make()))))
    }
}

impl Deref for Pooled {
    type Target = TextAnalyzer;
    fn deref(&self) -> &TextAnalyzer {
        &self.0.as_ref().expect("lent until dropped").1
    }
}

impl DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut TextAnalyzer {
        &mut self.0.as_mut().expect("lent until dropped").1
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        if let Some(lent) = self.0.take() {
            // During thread teardown the pool may be gone; the analyzer is then dropped.
            let _ = POOL.try_with(|pool| pool.borrow_mut().push(lent));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Kind, Pooled};

    #[test]
    fn an_analyzer_given_back_is_lent_again_and_kinds_stay_apart() {
        let tokens = |a: &mut Pooled| crate::analyse::tokens(a, "de personeelsbrieven").into_iter().map(|t| t.text).collect::<Vec<_>>();
        let (mut dutch, mut truncated) = (Pooled::lend(Kind::Dutch), Pooled::lend(Kind::Truncated));
        let (d, t) = (tokens(&mut dutch), tokens(&mut truncated));
        assert_ne!(d, t);
        drop((dutch, truncated));
        // Two lent at once are two analyzers; each kind comes back as itself.
        let (mut a, mut b) = (Pooled::lend(Kind::Dutch), Pooled::lend(Kind::Dutch));
        assert_eq!((tokens(&mut a), tokens(&mut b)), (d.clone(), d));
        assert_eq!(tokens(&mut Pooled::lend(Kind::Truncated)), t);
    }
}
