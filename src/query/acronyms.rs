//! Acronyms and the names they stand for, which letters use interchangeably: a query
//! for one finds letters that write the other.
//!
//! The table holds the abbreviations of the Dutch central government and the defence
//! organisation as their own publications spell them out (the Rijksoverheid's and
//! Defensie's lists of abbreviations, and the laws and regulations that define them:
//! the AMAR and the BARD are named so in their own titles, the Wmt in the Wet
//! militair tuchtrecht); an entry is added only where a letter or regulation uses both
//! forms. [`expand`] rewrites a parsed query: an acronym (`KMar`) becomes "the acronym
//! or its phrase", a phrase or a run of plain words that spells a name out
//! (`Koninklijke Marechaussee`) "the phrase or the acronym".

use crate::query::ast::{Query, QueryKind};
use crate::{analyse, cite};

/// Acronym, and what it stands for (as written in the letters); the laws known by an
/// acronym (`Awb`, `AMAR`, …) are the citation table's ([`cite::law::ACRONYMS`]), added by [`entries`].
const TABLE: &[(&str, &str)] = &[
    ("KMar", "Koninklijke Marechaussee"),
    ("AOW", "Algemene Ouderdomswet"),
    ("MIVD", "Militaire Inlichtingen- en Veiligheidsdienst"),
    ("AIVD", "Algemene Inlichtingen- en Veiligheidsdienst"),
    ("VWS", "Volksgezondheid, Welzijn en Sport"),
    ("BZK", "Binnenlandse Zaken en Koninkrijksrelaties"),
    ("CLAS", "Commando Landstrijdkrachten"),
    ("CZSK", "Commando Zeestrijdkrachten"),
    ("CLSK", "Commando Luchtstrijdkrachten"),
    ("D&I", "diversiteit en inclusie"),
    ("P&O", "personeel en organisatie"),
    // Full-time equivalent and its Dutch name (voltijdequivalent): one measure.
    ("fte", "vte"),
];

/// `query` with each acronym and each name of the table as "either of the two", and
/// the other forms it added (words to rank a query of plain words by).
pub fn expand(query: Query) -> (Query, String) {
    let mut added = String::new();
    let query = expand_node(query, &mut added);
    (query, added)
}

fn expand_node(query: Query, added: &mut String) -> Query {
    let span = query.span;
    match query.kind {
        QueryKind::Term(raw) => match acronym_of(&raw) {
            Some((acronym, name)) => either(Query { kind: QueryKind::Term(raw), span }, acronym, name, added),
            None => Query { kind: QueryKind::Term(raw), span },
        },
        QueryKind::Phrase { text, slop } => match name_of(&[text.as_str()]) {
            Some((acronym, name)) if slop == 0 => either(Query { kind: QueryKind::Phrase { text, slop }, span }, acronym, name, added),
            _ => Query { kind: QueryKind::Phrase { text, slop }, span },
        },
        QueryKind::And(children) => Query { kind: QueryKind::And(runs(children, added)), span },
        QueryKind::Or(children) => Query { kind: QueryKind::Or(children.into_iter().map(|c| expand_node(c, added)).collect()), span },
        QueryKind::Not(inner) => Query { kind: QueryKind::Not(Box::new(expand_node(*inner, added))), span },
        QueryKind::Field { field, query } => Query { kind: QueryKind::Field { field, query: Box::new(expand_node(*query, added)) }, span },
        other => Query { kind: other, span },
    }
}

/// The children of an AND, each run of plain words that spells a name out (the longest
/// from where it starts) made one "either" node.
fn runs(children: Vec<Query>, added: &mut String) -> Vec<Query> {
    let mut out = Vec::with_capacity(children.len());
    let mut rest: Vec<Option<Query>> = children.into_iter().map(Some).collect();
    let mut i = 0;
    while i < rest.len() {
        let terms: Vec<&str> = rest[i..]
            .iter()
            .map_while(|q| match q.as_ref().map(|q| &q.kind) {
                Some(QueryKind::Term(raw)) => Some(raw.as_str()),
                _ => None,
            })
            .collect();
        let found = (2..=terms.len()).rev().find_map(|n| name_of(&terms[..n]).map(|entry| (n, entry)));
        match found {
            Some((n, (acronym, name))) => {
                let run: Vec<Query> = rest[i..i + n].iter_mut().filter_map(Option::take).collect();
                let span = run[0].span.to(run[n - 1].span);
                out.push(either(Query { kind: QueryKind::Phrase { text: name.to_string(), slop: 0 }, span }, acronym, name, added));
                i += n;
            }
            None => {
                if let Some(q) = rest[i].take() {
                    out.push(expand_node(q, added));
                }
                i += 1;
            }
        }
    }
    out
}

/// `written` or the other form of its table entry, in that order; the other form is
/// added to `added`.
fn either(written: Query, acronym: &str, name: &str, added: &mut String) -> Query {
    let span = written.span;
    let other = match &written.kind {
        QueryKind::Term(raw) if folded(raw) == folded(acronym) && name.contains(' ') => QueryKind::Phrase { text: name.to_string(), slop: 0 },
        QueryKind::Term(raw) if folded(raw) == folded(acronym) => QueryKind::Term(name.to_string()),
        _ => QueryKind::Term(acronym.to_string()),
    };
    if let QueryKind::Phrase { text, .. } | QueryKind::Term(text) = &other {
        added.push(' ');
        added.push_str(text);
    }
    Query { kind: QueryKind::Or(vec![written, Query { kind: other, span }]), span }
}

/// The entry whose acronym `word` is; `fte` and `vte` either way.
/// Every acronym and its name: the table's, then the laws'.
fn entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    TABLE.iter().copied().chain(cite::law::ACRONYMS.iter().map(|(spellings, name, _)| (spellings[0], *name)))
}

fn acronym_of(word: &str) -> Option<(&'static str, &'static str)> {
    let word = folded(word);
    entries().find(|(acronym, name)| folded(acronym) == word || (!name.contains(' ') && folded(name) == word))
}

/// The entry whose name `words` spell out.
fn name_of(words: &[&str]) -> Option<(&'static str, &'static str)> {
    let written = folded(&words.join(" "));
    entries().find(|(_, name)| name.contains(' ') && folded(name) == written)
}

/// Lower case, no diacritics, words separated by one space and no punctuation but
/// what joins a word (`P&O`, `Inlichtingen-`).
fn folded(text: &str) -> String {
    let mut out = String::new();
    analyse::fold_into(text, &mut out);
    out.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parser::{parse, plain_words};

    fn shown(query: &str) -> String {
        expand(parse(query).expect("parses")).0.to_string()
    }

    #[test]
    fn acronyms_and_names_stand_for_each_other() {
        for (query, expected) in [
            ("KMar", "(or KMar \"Koninklijke Marechaussee\")"),
            ("kmar grenstoezicht", "(and (or kmar \"Koninklijke Marechaussee\") grenstoezicht)"),
            ("\"Algemene wet bestuursrecht\"", "(or \"Algemene wet bestuursrecht\" Awb)"),
            ("P&O", "(or P&O \"personeel en organisatie\")"),
            ("fte", "(or fte vte)"),
            ("vte", "(or vte fte)"),
            // Plain words that spell a name out, in any case.
            ("koninklijke marechaussee grenstoezicht", "(and (or \"Koninklijke Marechaussee\" KMar) grenstoezicht)"),
            ("de Wet militair tuchtrecht", "(and de (or \"Wet militair tuchtrecht\" Wmt))"),
            // No entry, or a phrase with slop: as written.
            ("marechaussee", "marechaussee"),
            ("\"Koninklijke Marechaussee\"~2", "\"Koninklijke Marechaussee\"~2"),
            ("titel:AMAR", "(title (or AMAR \"Algemeen militair ambtenarenreglement\"))"),
        ] {
            assert_eq!(shown(query), expected, "{query}");
        }
        let (_, added) = expand(plain_words("Koninklijke Marechaussee en AOW").expect("words"));
        assert_eq!(added.split_whitespace().collect::<Vec<_>>(), ["KMar", "Algemene", "Ouderdomswet"]);
    }
}
