//! Where a letter's sections lie, kept in one column value per letter.
//!
//! Sections are not documents of their own: each is a byte range of its letter's body
//! and the matching range of positions in its letter's `text`, so a section query reads
//! the letter's positions and counts what falls in each range. The ranges are written
//! as variable-length integers, each relative to the previous section (sections follow
//! each other, so most deltas are zero): about six bytes a section.

use std::ops::Range;

/// One section of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionSpan {
    /// Byte range of the letter's body; a heading is the range's first line.
    pub bytes: Range<u32>,
    /// Positions of the section's tokens in the letter's `text`, heading included.
    pub positions: Range<u32>,
    /// Where the heading's tokens end (`positions.start` when there is no heading).
    pub heading_end: u32,
    /// True when the section starts with a heading.
    pub has_heading: bool,
}

impl SectionSpan {
    /// Positions of the heading's tokens.
    pub fn heading_positions(&self) -> Range<u32> {
        self.positions.start..self.heading_end
    }

    /// Number of tokens in the section (its length for ranking).
    pub fn len(&self) -> u32 {
        self.positions.end - self.positions.start
    }

    /// The heading as written: the first line of the section's text in `body`.
    pub fn heading<'b>(&self, body: &'b str) -> Option<&'b str> {
        self.heading_of(body.get(self.bytes.start as usize..self.bytes.end as usize)?)
    }

    /// The heading as written, from the section's own `text`.
    pub fn heading_of<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.has_heading.then(|| first_line(text).trim_end())
    }
}

/// The first line of a section's text: its heading, when it has one.
pub fn first_line(text: &str) -> &str {
    text.split('\n').next().unwrap_or(text)
}

/// A letter's sections in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline(pub Vec<SectionSpan>);

impl Outline {
    /// The column value.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.0.len() * 6 + 2);
        put(&mut out, self.0.len() as u32);
        let (mut byte, mut position) = (0u32, 0u32);
        for s in &self.0 {
            put(&mut out, s.bytes.start.wrapping_sub(byte));
            put(&mut out, s.bytes.end.wrapping_sub(s.bytes.start));
            put(&mut out, s.positions.start.wrapping_sub(position));
            put(&mut out, ((s.heading_end.wrapping_sub(s.positions.start)) << 1) | s.has_heading as u32);
            put(&mut out, s.positions.end.wrapping_sub(s.heading_end));
            (byte, position) = (s.bytes.end, s.positions.end);
        }
        out
    }

    /// Reads a column value back; `None` when it is not one [`Outline::encode`] wrote.
    pub fn decode(mut bytes: &[u8]) -> Option<Outline> {
        let count = take(&mut bytes)?;
        // Every section takes at least five bytes: a count beyond that is damage.
        if count as usize > bytes.len() / 5 {
            return None;
        }
        let mut sections = Vec::with_capacity(count as usize);
        let (mut byte, mut position) = (0u32, 0u32);
        for _ in 0..count {
            let start = byte.checked_add(take(&mut bytes)?)?;
            let end = start.checked_add(take(&mut bytes)?)?;
            let first = position.checked_add(take(&mut bytes)?)?;
            let heading = take(&mut bytes)?;
            let heading_end = first.checked_add(heading >> 1)?;
            let last = heading_end.checked_add(take(&mut bytes)?)?;
            sections.push(SectionSpan { bytes: start..end, positions: first..last, heading_end, has_heading: heading & 1 == 1 });
            (byte, position) = (end, last);
        }
        bytes.is_empty().then_some(Outline(sections))
    }

    /// The section whose positions hold `position`.
    pub fn at_position(&self, position: u32) -> Option<usize> {
        let i = self.0.partition_point(|s| s.positions.end <= position);
        self.0.get(i).filter(|s| s.positions.contains(&position)).map(|_| i)
    }

    /// The section whose bytes hold `byte`.
    pub fn at_byte(&self, byte: u32) -> Option<usize> {
        let i = self.0.partition_point(|s| s.bytes.end <= byte);
        self.0.get(i).filter(|s| s.bytes.contains(&byte)).map(|_| i)
    }
}

/// Appends `value` as a LEB128 variable-length integer.
fn put(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads one LEB128 integer off the front of `bytes`.
fn take(bytes: &mut &[u8]) -> Option<u32> {
    let mut value = 0u32;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        value |= ((b & 0x7f) as u32).checked_shl(7 * i as u32)?;
        if b & 0x80 == 0 {
            *bytes = &bytes[i + 1..];
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn span(bytes: Range<u32>, positions: Range<u32>, heading: u32) -> SectionSpan {
        SectionSpan { heading_end: positions.start + heading, has_heading: heading > 0, bytes, positions }
    }

    #[test]
    fn finds_sections_by_position_and_byte() {
        let o = Outline(vec![span(10..50, 0..8, 0), span(50..90, 8..15, 2), span(90..200, 15..15, 1)]);
        let cases = [(0, Some(0)), (7, Some(0)), (8, Some(1)), (14, Some(1)), (15, None), (99, None)];
        for (position, expected) in cases {
            assert_eq!(o.at_position(position), expected, "position {position}");
        }
        for (byte, expected) in [(9, None), (10, Some(0)), (49, Some(0)), (50, Some(1)), (199, Some(2)), (200, None)] {
            assert_eq!(o.at_byte(byte), expected, "byte {byte}");
        }
        assert_eq!(o.0[1].heading_positions(), 8..10);
    }

    #[test]
    fn heading_is_the_first_line() {
        let body = "Inleiding\nTekst.\n\n1. Werving\nMeer tekst.";
        let headless = SectionSpan { bytes: 0..18, positions: 0..2, heading_end: 0, has_heading: false };
        let headed = SectionSpan { bytes: 18..body.len() as u32, positions: 2..6, heading_end: 4, has_heading: true };
        assert_eq!(headless.heading(body), None);
        assert_eq!(headed.heading(body), Some("1. Werving"));
    }

    #[test]
    fn damaged_values_are_refused() {
        let o = Outline(vec![span(0..10, 0..3, 1), span(10..20, 3..6, 0)]);
        let bytes = o.encode();
        assert_eq!(Outline::decode(&bytes), Some(o));
        for cut in 0..bytes.len() {
            assert_eq!(Outline::decode(&bytes[..cut]), None, "cut at {cut}");
        }
        assert_eq!(Outline::decode(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), None);
        assert_eq!(Outline::decode(&[1, 0, 0, 0, 0, 0, 7]), None, "trailing bytes");
    }

    proptest! {
        #[test]
        fn round_trips(gaps in proptest::collection::vec((0u32..1000, 0u32..100_000, 0u32..50, 0u32..20, 0u32..5000), 0..50)) {
            let (mut byte, mut position) = (0u32, 0u32);
            let sections: Vec<SectionSpan> = gaps.into_iter().map(|(skip, len, pskip, heading, plen)| {
                let s = SectionSpan {
                    bytes: byte + skip..byte + skip + len,
                    positions: position + pskip..position + pskip + heading + plen,
                    heading_end: position + pskip + heading,
                    has_heading: heading % 2 == 0,
                };
                (byte, position) = (s.bytes.end, s.positions.end);
                s
            }).collect();
            let outline = Outline(sections);
            prop_assert_eq!(Outline::decode(&outline.encode()), Some(outline));
        }

        #[test]
        fn decoding_anything_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = Outline::decode(&bytes);
        }
    }
}
