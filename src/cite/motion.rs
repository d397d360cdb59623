//! Mentions of motions: by name (`motie-Boon`, `motie-Struijs c.s.`, `de motie van het
//! lid van Baarle`, `de moties van de leden Dobbe (SP) en Jagtenberg (D66)`) and the bare
//! word (`Deze motie is aangenomen (Kamerstuk …)`).
//!
//! A mention is not a citation by itself: [`extract`](super::extract) ties it to the
//! Kamerstuk cited right after it in the same sentence, and only a named motion with no
//! Kamerstuk beside it becomes a citation of its own (key `motie-` + the slug of the
//! name, e.g. `motie-van-baarle`).

use std::sync::LazyLock;

use regex::Regex;

use super::text::{char_at, re};

/// A member's name: optional lowercase or capitalised tussenvoegsels, then a capitalised
/// surname (`Boon`, `van Baarle`, `Van der Lee`, `Hennis-Plasschaert`).
const NAME: &str = r"(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]en|[Tt]er|[Ii]n|'t|’t)\s+)*\p{Lu}[\p{L}'’\-]*\p{L}";
const PARTY: &str = r"(?:\s*\([^()\n]{1,30}\))?";

static NAMED_DASH: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"\b([Mm]oties?)-({NAME})(\s+c\.s\.)?")));
static NAMED_MEMBER: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"\b([Mm]oties?)\s+van\s+(?:het\s+lid|de\s+leden)\s+({NAME}{PARTY}(?:\s*(?:,|\ben\b)\s*{NAME}{PARTY})*)(\s+c\.s\.)?")));
static GENERIC: LazyLock<Regex> = LazyLock::new(|| re(r"\b[Mm]oties?\b"));
static PARTY_RE: LazyLock<Regex> = LazyLock::new(|| re(r"\s*\([^()]*\)"));

/// One mention of a motion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    /// The member(s) who moved it, parties and `c.s.` left out; `None` for the bare word.
    pub by: Option<String>,
}

/// All mentions in `text`, in text order, named ones taking precedence over the bare
/// word they contain.
pub(crate) fn find(text: &str) -> Vec<Mention> {
    let mut named: Vec<Mention> = Vec::new();
    for c in NAMED_DASH.captures_iter(text).chain(NAMED_MEMBER.captures_iter(text)) {
        let (Some(m), Some(name)) = (c.get(0), c.get(2)) else {
            continue;
        };
        named.push(Mention { start: m.start(), end: m.end(), by: Some(clean_name(name.as_str())) });
    }
    let mut out = named.clone();
    for m in GENERIC.find_iter(text) {
        let inside = named.iter().any(|n| n.start <= m.start() && m.end() <= n.end);
        if !inside && char_at(text, m.end()) != Some('-') {
            out.push(Mention { start: m.start(), end: m.end(), by: None });
        }
    }
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    out.dedup_by(|b, a| b.start < a.end); // drop overlaps, keep the first (longest)
    out
}

fn clean_name(raw: &str) -> String {
    let without_party = PARTY_RE.replace_all(raw, "");
    without_party.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_table() {
        let cases: [(&str, &[Option<&str>]); 8] = [
            ("de motie-Boon (Kamerstuk", &[Some("Boon")]),
            ("de motie-Struijs c.s. over", &[Some("Struijs")]),
            ("de moties van het lid Ellian (VVD) over", &[Some("Ellian")]),
            ("De motie van het lid van Baarle zal ik", &[Some("van Baarle")]),
            ("de motie van de leden Dobbe (SP) en Jagtenberg (D66) is", &[Some("Dobbe en Jagtenberg")]),
            ("Deze motie is aangenomen", &[None]),
            ("de motie-Boswijk en de motie-Van Dijk", &[Some("Boswijk"), Some("Van Dijk")]),
            ("geen motivatie of promotie", &[]),
        ];
        for (text, expected) in cases {
            let found = find(text);
            let got: Vec<Option<&str>> = found.iter().map(|m| m.by.as_deref()).collect();
            assert_eq!(got, expected.to_vec(), "{text:?}");
        }
    }
}
