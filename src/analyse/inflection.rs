//! Dutch inflection that the classic Snowball stemmer misses, resolved before it.
//!
//! The classic algorithm only cuts suffixes, so some plurals never meet their singular
//! (`moties` stays `moties`, `brieven` gives `briev`), some singulars lose a letter that
//! belongs to the word (`arts` -> `art`, `kans` -> `kan`) and one verb meets an unrelated
//! noun (`weten` -> `wet`). [`resolve`] gives the stem of such a word, with the
//! [`Rule`] that decided it; every other word keeps its classic stem. The rules:
//!
//! - **false friends** ([`FALSE_FRIENDS`]): `weten`, `weet` (to know) get `weet`, not
//!   `wet` (law; also `wetten`); `staten` (`Staten-Generaal`) gets `staten`, not `stat`
//!   (`staat`).
//! - **over-cut singulars** ([`OVER_CUT`]): `arts`, `kans`, `mens`, … keep their `s`
//!   (the stem their plural already has), so `kans` meets `kansen` and not `kan`;
//!   compounds with such a head too (`bedrijfsarts`, `kernwapen`).
//! - **irregular plurals** ([`IRREGULAR`]): `kinderen` -> the stem of `kind`, `leden` ->
//!   `lid`, `criteria` -> `criterium`, also as compound heads (`kamerleden`).
//! - **plural -s** after an unstressed `-e` (`moties`, `keuzes`, `meisjes`): the
//!   classic stemmer removes an `s` only after a consonant.
//! - **plural -zen / -ven** (`ziekenhuizen`, `brieven`, `dozen`): the singular ends in
//!   `-s` / `-f`, which the classic stemmer cannot restore.
//!
//! A plural rule fires only when the OpenTaal list ([`crate::lexicon`]) knows the
//! singular, and gives the plural the singular's stem, so the two always meet. Words
//! that only look plural are told apart by the list too; each rule's documentation
//! names the words it keeps out. `analyse/tests/stemming.rs` has real examples of each rule,
//! and `tests/data/snowball-dutch/differences.tsv` every word of the Snowball
//! vocabulary whose stem the rules change.

use crate::lexicon::contains as listed;

use super::stemming::stem;

/// Why a word's stem differs from its classic Snowball stem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// A plural in `-es` stemmed as its singular in `-e`.
    PluralS,
    /// A plural in `-zen` stemmed as its singular in `-s`.
    PluralZen,
    /// A plural in `-ven` stemmed as its singular in `-f`.
    PluralVen,
    /// A plural in `-ën` (folded `-en`) stemmed as its singular in `-ie` or `-ee`.
    PluralTrema,
    /// A consonant doubled before `-en` or `-e` made single again, as the classic
    /// stemmer does only for `k`, `d` and `t`.
    Undouble,
    /// An irregular plural stemmed as its singular.
    Irregular,
    /// A singular the classic stemmer cuts too far.
    OverCut,
    /// A word the classic stemmer conflates with an unrelated one.
    FalseFriend,
}

impl Rule {
    /// The rule's name, as `tests/data/snowball-dutch/differences.tsv` writes it.
    #[cfg(test)]
    pub fn name(self) -> &'static str {
        match self {
            Rule::PluralS => "plural-s",
            Rule::PluralZen => "plural-zen",
            Rule::PluralVen => "plural-ven",
            Rule::PluralTrema => "plural-trema",
            Rule::Undouble => "undouble",
            Rule::Irregular => "irregular",
            Rule::OverCut => "over-cut",
            Rule::FalseFriend => "false-friend",
        }
    }
}

/// Words whose classic stem is an unrelated word's, with their own stem. `weet` is no
/// classic stem of anything (step 4 would undouble its `ee`), so it meets nothing else.
/// `staten` alone is the `Staten` of `Staten-Generaal` and `Provinciale Staten` far
/// more often than the plural of `staat` (which compounds keep: `lidstaten`), and
/// `staten` is no classic stem either.
const FALSE_FRIENDS: &[(&str, &str)] = &[("weten", "weet"), ("weet", "weet"), ("staten", "staten")];

/// A singular the classic stemmer cuts too far, with its other forms and their stem.
struct OverCut {
    /// The singular first, then forms whose classic stem differs from `stem`.
    forms: &'static [&'static str],
    /// The stem of all of them: the classic stem of the plural where there is one.
    stem: &'static str,
    /// Whether compounds with this head are stemmed alike.
    compounds: bool,
}

const fn over_cut(forms: &'static [&'static str], stem: &'static str) -> OverCut {
    OverCut { forms, stem, compounds: true }
}

/// Singulars whose classic stem meets another word or parts them from their plural;
/// most are also a compound's head (`huisarts`, `kernwapens`, `landsgrenzen`).
const OVER_CUT: &[OverCut] = &[
    // `art` is also `art.` (artikel).
    over_cut(&["arts"], "arts"),
    // `kan` is also `kannen`; `kansen` -> `kans`.
    over_cut(&["kans"], "kans"),
    // `men` is also `menen`; `mensen` -> `mens`.
    over_cut(&["mens"], "mens"),
    // `wapen` -> `wap`, its plural `wapens` -> `wapen` (as `wapenen`).
    over_cut(&["wapen"], "wapen"),
    // `gren` (`grenen`, `green`) and `grenz` for `grenzen`.
    over_cut(&["grens", "grenzen"], "grens"),
    // `wen` is also `wenen` and `wennen`; `wensen` -> `wens`.
    over_cut(&["wens"], "wens"),
    // `per` is the preposition (and `peer`, `peren`). Not as a head: most words in
    // `-pers` are plurals in `-pper` (`toppers`, `schoppers`).
    OverCut { forms: &["pers"], stem: "pers", compounds: false },
    // `ver` (far) and `veer`, `veren`; `verse` (fresh) and `verzen` parted too.
    // Not as a head: `perverse` is no compound of `vers`.
    OverCut { forms: &["vers", "verse", "verzen"], stem: "vers", compounds: false },
    // `hal` is also `halen` and `haal`.
    over_cut(&["hals", "halzen"], "hals"),
];

/// An irregular plural and its singular.
struct Irregular {
    plural: &'static str,
    singular: &'static str,
    /// Whether the plural alone is one (`lieden` alone means people; `bewindslieden`
    /// is the plural of `bewindsman`).
    alone: bool,
}

const fn irregular(plural: &'static str, singular: &'static str) -> Irregular {
    Irregular { plural, singular, alone: true }
}

/// Plurals no suffix rule can reach: `-eren` plurals, vowel changes and Latin plurals.
/// Each is also a compound's head (`kamerleden`, `oorlogsschepen`, `kenniscentra`).
const IRREGULAR: &[Irregular] = &[
    irregular("kinderen", "kind"),
    irregular("leden", "lid"),
    irregular("schepen", "schip"),
    irregular("steden", "stad"),
    irregular("smeden", "smid"),
    irregular("volkeren", "volk"),
    irregular("liederen", "lied"),
    irregular("kalveren", "kalf"),
    irregular("lammeren", "lam"),
    irregular("runderen", "rund"),
    irregular("eieren", "ei"),
    irregular("gelederen", "gelid"),
    Irregular { plural: "lieden", singular: "man", alone: false },
    irregular("criteria", "criterium"),
    irregular("centra", "centrum"),
    irregular("musea", "museum"),
    irregular("politici", "politicus"),
    irregular("technici", "technicus"),
    irregular("academici", "academicus"),
];

/// What a rule decided for a word (the rule and the singular are for the list of
/// differences and its tests).
#[derive(Debug)]
#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct Resolved {
    /// The word's stem.
    pub stem: String,
    pub rule: Rule,
    /// The singular whose stem a plural takes (`None` for the other rules).
    pub singular: Option<String>,
}

/// The stem of `word` (lower case, folded, long enough to stem) where a rule decides
/// it; `None` where the classic stem stands.
///
/// Cost: a comparison with each table row, and a few lookups in the word list only for
/// words that end like a plural or a table's head.
pub(super) fn resolve(word: &str) -> Option<Resolved> {
    table(word).or_else(|| plural(word)).or_else(|| undouble(word))
}

/// `stappen` -> `stap`, `salarissen` -> `salaris`, `processen` -> `proces`, `stille`
/// -> `stil`: Dutch doubles the consonant after a short vowel before `-en` and `-e`,
/// and the classic stemmer, having cut the ending, makes `kk`, `dd` and `tt` single
/// again but no other pair (`stapp`, `salariss`), so the plural never met its singular.
fn undouble(word: &str) -> Option<Resolved> {
    let classic = super::stemming::classic(word);
    let bytes = classic.as_bytes();
    let n = bytes.len();
    let doubled = n >= 3 && bytes[n - 1] == bytes[n - 2] && b"bfglmnprs".contains(&bytes[n - 1]) && is_vowel(bytes[n - 3] as char);
    let cut = word.len() > classic.len() && (word.ends_with("en") || word.ends_with('e'));
    (doubled && cut && word.is_ascii()).then(|| Resolved { stem: classic[..n - 1].to_string(), rule: Rule::Undouble, singular: None })
}

fn found(stem: String, rule: Rule, singular: Option<String>) -> Option<Resolved> {
    Some(Resolved { stem, rule, singular })
}

/// `singular`'s stem, for its plural.
fn as_singular(singular: String, rule: Rule) -> Option<Resolved> {
    found(singular_stem(&singular), rule, Some(singular))
}

/// The stem of a singular a rule found, as [`stem`] gives it, so that the plural
/// always meets it. (A singular is shorter than its plural: this ends.)
fn singular_stem(singular: &str) -> String {
    stem(singular).into_owned()
}

/// The tables: false friends, over-cut singulars and irregular plurals, alone or as a
/// compound's head.
fn table(word: &str) -> Option<Resolved> {
    if let Some(&(_, stem)) = FALSE_FRIENDS.iter().find(|(w, _)| *w == word) {
        return found(stem.to_string(), Rule::FalseFriend, None);
    }
    for row in OVER_CUT {
        for &form in row.forms {
            if word == form {
                return found(row.stem.to_string(), Rule::OverCut, None);
            }
            if !row.compounds {
                continue;
            }
            // `kluwens` ends in `wens` but is the plural of `kluwen`.
            if let Some(modifier) = compound_modifier(word, form, row.forms[0]) {
                if !(form.ends_with('s') && listed(&word[..word.len() - 1])) {
                    return found(format!("{modifier}{}", row.stem), Rule::OverCut, None);
                }
            }
        }
    }
    for row in IRREGULAR {
        if row.alone && word == row.plural {
            return as_singular(row.singular.to_string(), Rule::Irregular);
        }
        if let Some(modifier) = compound_modifier(word, row.plural, row.singular) {
            return as_singular(format!("{modifier}{}", row.singular), Rule::Irregular);
        }
    }
    None
}

/// The part of `word` before `head`, when `word` is a compound of a listed word and
/// `head`: the modifier (of three letters or more, perhaps with a linking `s`) is
/// listed, and so is the compound's singular, `modifier` + `singular`. The second test
/// keeps out words that merely end alike (`verleden` is no plural of `verlid`, and
/// `geleden` has no modifier).
fn compound_modifier<'a>(word: &'a str, head: &str, singular: &str) -> Option<&'a str> {
    let modifier = word.strip_suffix(head).filter(|m| !m.is_empty())?;
    let word_before = |m: &str| m.chars().count() >= 3 && listed(m);
    let linked = modifier.strip_suffix('s').is_some_and(word_before);
    if !(word_before(modifier) || linked) {
        return None;
    }
    listed(&format!("{modifier}{singular}")).then_some(modifier)
}

/// The plural rules: `-es`, `-zen`, `-ven`.
fn plural(word: &str) -> Option<Resolved> {
    if let Some(singular) = word.strip_suffix('s').filter(|s| s.ends_with('e')) {
        return plural_s(word, singular);
    }
    // `categorieën`, `ideeën` (folded: `categorieen`): the singular in `-ie`, `-ee`.
    if let Some(singular) = word.strip_suffix("en").filter(|s| s.ends_with("ie") || s.ends_with("ee")) {
        return (singular.chars().count() >= 4 && listed(singular)).then(|| as_singular(singular.to_string(), Rule::PluralTrema)).flatten();
    }
    if let Some(before) = word.strip_suffix("zen") {
        return plural_en(word, before, ('z', 's'), Rule::PluralZen);
    }
    if let Some(before) = word.strip_suffix("ven") {
        return plural_en(word, before, ('v', 'f'), Rule::PluralVen);
    }
    None
}

/// `moties` -> `motie`, `keuzes` -> `keuze`, `meisjes` -> `meisje`: an `-s` plural of a
/// listed word of four letters or more in unstressed `-e`. Not a plural: a one-syllable
/// `-ie` (`bries`, `dries` and `fries` are no plurals of `brie`, `drie`, `frie`:
/// stressed `-ie` and `-ee` take `-ën`), a singular in `-es` (`prinses`, whose plural
/// `prinsessen` is listed), and an inflected adjective with an `s` (`leges`, fees, is no
/// plural of `lege`).
///
/// Only after `-e`: a plural of a word in another vowel is written with `'s`
/// (`scenario's`, which the apostrophe rule cuts), and an `-s` after one is mostly part
/// of the word (`reis` is no plural of `rei`). Not after `-en` either: `volgens`,
/// `tevens`, `jongens` are no plurals of `volgen`, `teven`, `jongen` (whose classic stems
/// are `volg`, `tev`, `jong`); `wapen`/`wapens` is in [`OVER_CUT`] instead. After `-el`,
/// `-em`, `-er` the classic stemmer removes the `s` itself.
fn plural_s(word: &str, singular: &str) -> Option<Resolved> {
    let adjective = one_syllable_adjective(&singular[..singular.len() - 1]);
    let fires = !singular.ends_with("ee")
        && singular.chars().count() >= 4
        && syllables(singular) >= 2
        && listed(singular)
        && !listed(&format!("{word}sen"))
        && !adjective;
    if !fires {
        return None;
    }
    as_singular(singular.to_string(), Rule::PluralS)
}

/// `ziekenhuizen` -> `ziekenhuis`, `brieven` -> `brief`, `dozen` -> `doos`: the `-en`
/// plural of a listed word in `-s` or `-f` (after a long vowel written double in the
/// singular, `doos`; after a vowel pair, `huis`; or, for `-f`, after `l` or `r`, `golf`).
///
/// Verbs look the same (`reizen`, `geven`, `leven`), and the list cannot say which a
/// word is in a text; it can say which words have a noun and which a verb:
/// - a word whose noun in `-ing` is listed is a verb and keeps its classic stem:
///   `werven` (recruit, `werving`) does not become `werf` (shipyard), and `verwijzen`
///   still meets `verwijzing`;
/// - after a double vowel the singular must be a noun (its diminutive listed: `doosje`)
///   and no verb (its third person not listed): `leven`/`leeft`, `geven`/`geeft`,
///   `lezen`/`leest`, `zeven`/`zeeft` keep theirs, or they would meet `lef`, `gef`,
///   `les`, `zef`;
/// - after a vowel pair or a consonant the singular must be a noun or no verb:
///   `reizen`/`reisje`, `prijzen`/`prijsje`, `bedrijven`/`bedrijfje` meet their
///   singulars; `schrijven`/`schrijft`, `blijven`/`blijft` do not;
/// - a word whose form in `-e` is listed meets that form already and keeps its stem:
///   the `-en` plural of a noun in `-e` (`keuzen`/`keuze`, `uitgaven`/`uitgave`), and
///   the plural of a noun that is also an adjective (`alternatieven` meets
///   `alternatieve`, though not `alternatief`, as before).
///
/// `-zen` after a consonant is left alone: the classic stem of its singular drops the
/// `s` (`grens` -> `gren`, `brons` -> `bron`), so the plural would meet the wrong word
/// (`bronzen` -> `bron`); [`OVER_CUT`] handles `grenzen`.
///
/// `letters` are the plural's consonant and the singular's (`z`, `s`).
fn plural_en(word: &str, before: &str, letters: (char, char), rule: Rule) -> Option<Resolved> {
    let (plural_consonant, consonant) = letters;
    let mut ending = before.chars().rev();
    let (last, second) = (ending.next()?, ending.next()?);
    let (singular, doubled) = if is_vowel(last) || (last, second) == ('j', 'i') {
        if matches!(last, 'a' | 'e' | 'o' | 'u') && !is_vowel(second) {
            (format!("{before}{last}{consonant}"), true)
        } else {
            // A vowel pair (`ui`, `ie`, `ij`, …): written the same in the singular.
            (format!("{before}{consonant}"), false)
        }
    } else if consonant == 'f' && matches!(last, 'l' | 'r') {
        (format!("{before}f"), false)
    } else {
        return None;
    };
    let noun_in_e = &word[..word.len() - 1];
    if listed(noun_in_e) || listed(&format!("{before}{plural_consonant}ing")) {
        return None;
    }
    if !listed(&singular) {
        return None;
    }
    let noun = listed(&format!("{singular}je"));
    let verb = listed(&format!("{singular}t"));
    let fires = if doubled { noun && !verb } else { noun || !verb };
    if !fires {
        return None;
    }
    as_singular(singular, rule)
}

/// Whether `stem` (an `-e` word without its `e`) is a one-syllable adjective: its
/// superlative is listed (`zacht`: `zachtst`; `leg`: `leegst`).
fn one_syllable_adjective(stem: &str) -> bool {
    if syllables(stem) != 1 {
        return false;
    }
    listed(&format!("{stem}st")) || long_vowel(stem).is_some_and(|long| listed(&format!("{long}st")))
}

/// `stem` with its last vowel written double, as a closed syllable writes a long vowel
/// (`leg` -> `leeg`); `None` unless it ends in one vowel between consonants.
fn long_vowel(stem: &str) -> Option<String> {
    let mut letters = stem.chars().rev();
    let (last, vowel) = (letters.next()?, letters.next()?);
    let before = letters.next();
    let single = matches!(vowel, 'a' | 'e' | 'o' | 'u') && !is_vowel(last) && before.is_none_or(|c| !is_vowel(c));
    single.then(|| {
        let cut = stem.len() - last.len_utf8();
        format!("{}{vowel}{last}", &stem[..cut])
    })
}

/// Vowels, for syllables: any letter with a diacritic counts as one (the stemmer's
/// input is folded, the Snowball vocabulary is not).
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') || (!c.is_ascii() && c.is_alphabetic())
}

/// The number of vowel groups in `word`: its syllables, near enough.
fn syllables(word: &str) -> usize {
    let mut count = 0;
    let mut in_vowel = false;
    for c in word.chars() {
        let vowel = is_vowel(c);
        if vowel && !in_vowel {
            count += 1;
        }
        in_vowel = vowel;
    }
    count
}

/// The start of `term` that every word whose stem begins with `term` is written with
/// (folded), as far as these rules go: `term` itself unless a rule gives such a stem to
/// a word written otherwise. The classic stemmer keeps a word's start (but for its own
/// changes, such as `maan` -> `man`); these rules do not always: `reizen` -> `reis`,
/// `leden` -> `lid`, `kamerleden` -> `kamerlid`, `weten` -> `weet`. So a term ending in
/// `s` or `f` loses that letter (`rei`), and a term ending in the start of an irregular
/// singular or a false friend's stem keeps only what its words share (`l` for `lid`,
/// `sch` for `schi`, `kamerl` for `kamerlid`, `bewinds` for `bewindsman`, `we` for
/// `weet`). `term` may be a whole stem or a prefix of stems.
pub(crate) fn written_prefix(term: &str) -> &str {
    let shared = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    // Rule stems and their written forms are ASCII (`ei`, `lid`, `weet`, …).
    let rows = FALSE_FRIENDS
        .iter()
        .map(|&(word, stem)| (stem, shared(word, stem), true))
        .chain(IRREGULAR.iter().map(|row| (row.singular, shared(row.singular, row.plural), row.alone)));
    let mut keep = term.len();
    for (stem, written, alone) in rows {
        // `term` ends in the first `k` letters of `stem`, of which only `written` are
        // written so (`man` is a rule's stem only after a modifier).
        for k in written + 1..=stem.len().min(term.len()) {
            if term.ends_with(&stem[..k]) && (alone || term.len() > k) {
                keep = keep.min(term.len() - k + written);
            }
        }
    }
    if term.ends_with(['s', 'f']) {
        keep = keep.min(term.len() - 1);
    }
    &term[..keep]
}
