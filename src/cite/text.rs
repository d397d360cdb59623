//! Small text helpers shared by the citation recognisers: folding names into keys
//! and moving safely around byte offsets.

/// Compiles one of the fixed citation patterns (a bad pattern is a bug, found by any test).
pub(crate) fn re(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).expect("citation pattern compiles")
}

/// Lowercases, strips the accents Dutch uses (é, ë, ï, ö, ü …), turns typographic
/// apostrophes into `'` and collapses every run of whitespace into one space, so that
/// `Wet op de  Defensie-\ngereedheid` and `wet op de defensie-gereedheid` agree.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            '’' | '‘' | '`' => out.push('\''),
            c => crate::fold::push_folded_char(c, &mut out),
        }
    }
    out
}

/// A name as a key fragment: folded, with every run of non-alphanumerics turned into
/// one `-` (`Van Baarle` -> `van-baarle`).
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The largest char boundary at or below `i` (clamped to the text).
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or above `i` (clamped to the text).
pub(crate) fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The text just before `end`, at most about `len` bytes, starting on a char boundary.
pub(crate) fn window_before(s: &str, end: usize, len: usize) -> &str {
    let end = floor_boundary(s, end);
    let start = ceil_boundary(s, end.saturating_sub(len));
    &s[start..end]
}

/// The char right before byte offset `i`, if any.
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    s[..floor_boundary(s, i)].chars().next_back()
}

/// The char starting at byte offset `i`, if any.
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// Dutch month names, for telling `nr. 171, 2 oktober` (a date) from a list of numbers.
pub(crate) const MONTHS: &str = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_table() {
        for (input, expected) in [
            ("Wet op de  Defensiegereedheid", "wet op de defensiegereedheid"),
            ("  Kaderwet\n Dienstplicht ", "kaderwet dienstplicht"),
            ("Besluit beëindiging", "besluit beeindiging"),
            ("Curaçao’s", "curacao's"),
        ] {
            assert_eq!(fold(input), expected, "{input:?}");
        }
    }

    #[test]
    fn slug_table() {
        for (input, expected) in [
            ("Van Baarle", "van-baarle"),
            ("Boon", "boon"),
            ("Hennis-Plasschaert", "hennis-plasschaert"),
            ("Dobbe en Jagtenberg", "dobbe-en-jagtenberg"),
            ("  Ten Hove ", "ten-hove"),
        ] {
            assert_eq!(slug(input), expected, "{input:?}");
        }
    }

    #[test]
    fn windows_stay_on_char_boundaries() {
        let s = "é€a";
        for i in 0..=s.len() + 2 {
            let w = window_before(s, i, 2);
            assert!(s.contains(w));
            let _ = char_before(s, i);
            let _ = char_at(s, floor_boundary(s, i));
        }
    }
}
