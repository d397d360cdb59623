//! UAX#29 word segments, with a fast path for ASCII.
//!
//! No word segment contains ASCII whitespace, so the text is cut into chunks at
//! whitespace and each chunk is segmented on its own: an ASCII chunk (most Dutch
//! words) by the handful of UAX#29 rules that concern ASCII, any other chunk by
//! `unicode-segmentation`. Whitespace itself is not reported. The ASCII rules are
//! checked against `unicode-segmentation` by a property test.

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// Iterator over `(byte offset, segment)` of the non-whitespace UAX#29 word segments.
pub struct Segments<'a> {
    text: &'a str,
    /// Where the next ASCII segment starts, inside an ASCII chunk.
    position: usize,
    /// End of the current chunk.
    chunk_end: usize,
    /// The segments of the current chunk when it is not ASCII, and its offset.
    unicode: Option<(UWordBoundIndices<'a>, usize)>,
}

impl<'a> Segments<'a> {
    /// Segments `text`.
    pub fn new(text: &'a str) -> Self {
        Segments { text, position: 0, chunk_end: 0, unicode: None }
    }

    /// Finds the next chunk; returns false at the end of the text.
    fn start_chunk(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let mut start = self.chunk_end;
        while start < bytes.len() && bytes[start].is_ascii_whitespace() {
            start += 1;
        }
        if start == bytes.len() {
            return false;
        }
        let mut end = start;
        let mut ascii = true;
        while end < bytes.len() && !bytes[end].is_ascii_whitespace() {
            ascii &= bytes[end].is_ascii();
            end += 1;
        }
        self.position = start;
        self.chunk_end = end;
        // Whitespace is ASCII, so `start` and `end` are char boundaries.
        self.unicode = match self.text.get(start..end) {
            Some(chunk) if !ascii => Some((chunk.split_word_bound_indices(), start)),
            _ => None,
        };
        true
    }

    fn next_ascii(&mut self) -> Option<(usize, &'a str)> {
        let bytes = &self.text.as_bytes()[..self.chunk_end];
        let start = self.position;
        let end = if is_word_byte(bytes[start]) { ascii_word_end(bytes, start) } else { start + 1 };
        self.position = end;
        Some((start, self.text.get(start..end)?))
    }
}

impl<'a> Iterator for Segments<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((segments, offset)) = &mut self.unicode {
                if let Some((start, segment)) = segments.next() {
                    return Some((*offset + start, segment));
                }
                self.unicode = None;
                self.position = self.chunk_end;
            }
            if self.position < self.chunk_end {
                return self.next_ascii();
            }
            if !self.start_chunk() {
                return None;
            }
        }
    }
}

/// Letters, digits and `_` (ExtendNumLet): any two of them stay together.
fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// The end of the ASCII word segment starting at `start` (a word byte).
///
/// Between letters, `:` (MidLetter), `.` (MidNumLet) and `'` (Single_Quote) do not
/// break (WB6, WB7); between digits, `,` `;` (MidNum), `.` and `'` do not (WB11, WB12).
fn ascii_word_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start + 1;
    loop {
        while end < bytes.len() && is_word_byte(bytes[end]) {
            end += 1;
        }
        let (Some(&middle), Some(&after)) = (bytes.get(end), bytes.get(end + 1)) else {
            return end;
        };
        let before = bytes[end - 1];
        let joins_letters = before.is_ascii_alphabetic() && after.is_ascii_alphabetic() && matches!(middle, b':' | b'.' | b'\'');
        let joins_digits = before.is_ascii_digit() && after.is_ascii_digit() && matches!(middle, b',' | b';' | b'.' | b'\'');
        if !(joins_letters || joins_digits) {
            return end;
        }
        end += 2;
    }
}
