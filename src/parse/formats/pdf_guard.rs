//! A look at a PDF's bytes before the reader gets them, for the two bombs a reader
//! cannot survive: objects nested so deep that its recursive parser overflows the
//! thread's stack (which aborts the whole process: no panic to catch), and streams that
//! inflate to gigabytes (which exhausts memory). Both are refused with the reason.
//!
//! The scan follows PDF's lexical rules only as far as it must: it skips comments,
//! literal and hex strings, and stream data. Every Flate stream's inflated size is
//! counted; object streams and content streams, which hold objects too, are scanned
//! the same way (inline images skipped), while images, fonts and colour profiles are
//! binary and their bytes are not read as brackets.

use std::io::Read;

use memchr::memmem;

/// Deeper nesting of arrays and dictionaries than this is refused. The PDF reference
/// suggests readers support 28 levels; real files stay under ten.
pub(crate) const MAX_DEPTH: usize = 256;

/// A stream that inflates to more than this is refused.
pub(crate) const MAX_INFLATED: u64 = 256 << 20;

/// Why a PDF is refused before reading, if it is.
pub(crate) fn refuse(bytes: &[u8]) -> Option<String> {
    scan(bytes, 0).err()
}

fn scan(bytes: &[u8], level: u8) -> Result<(), String> {
    let mut depth = 0usize;
    let mut i = 0;
    let n = bytes.len();
    while i < n {
        match bytes[i] {
            b'%' => i = memchr::memchr2(b'\n', b'\r', &bytes[i..]).map_or(n, |e| i + e),
            b'(' => i = skip_literal(bytes, i),
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 2;
            }
            b'<' => i = memchr::memchr(b'>', &bytes[i..]).map_or(n, |e| i + e + 1),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 2;
            }
            b'[' => {
                depth += 1;
                i += 1;
            }
            b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b's' if bytes[i..].starts_with(b"stream") && !bytes[..i].ends_with(b"end") => {
                let mut start = i + 6;
                if bytes.get(start) == Some(&b'\r') {
                    start += 1;
                }
                if bytes.get(start) == Some(&b'\n') {
                    start += 1;
                }
                let end = memmem::find(&bytes[start.min(n)..], b"endstream").map_or(n, |e| start + e);
                // The stream's dictionary is what came before it in this object.
                let dict_from = memmem::rfind(&bytes[..i], b"obj").unwrap_or(0);
                let dict = &bytes[dict_from..i];
                if level < 2 && memmem::find(dict, b"/FlateDecode").is_some() {
                    // Images, fonts and colour profiles are binary: their size is
                    // checked, their bytes are not read as objects.
                    let syntax = holds_syntax(dict);
                    if let Some(inflated) = inflate(&bytes[start.min(end)..end], syntax)? {
                        scan(&inflated, level + 1)?;
                    }
                }
                i = end + 9;
            }
            // An inline image's data in a content stream, `BI … ID data EI`, is binary.
            b'I' if level > 0
                && i > 0
                && bytes[i..].starts_with(b"ID")
                && bytes[i - 1].is_ascii_whitespace()
                && bytes.get(i + 2).is_some_and(u8::is_ascii_whitespace) =>
            {
                i = memmem::find(&bytes[i + 3..], b"EI").map_or(n, |e| i + 3 + e + 2);
            }
            _ => i += 1,
        }
        if depth > MAX_DEPTH {
            return Err(format!("objects nested more than {MAX_DEPTH} deep (a PDF bomb?); not read"));
        }
    }
    Ok(())
}

/// The end of the literal string that starts at `at` (balanced parentheses, escapes).
fn skip_literal(bytes: &[u8], at: usize) -> usize {
    let mut open = 0usize;
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => open += 1,
            b')' => {
                open -= 1;
                if open == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Whether a stream with this dictionary holds PDF syntax: an object stream, or a
/// content stream (whose dictionary names nothing but its length and filter).
fn holds_syntax(dict: &[u8]) -> bool {
    if memmem::find(dict, b"/ObjStm").is_some() {
        return true;
    }
    let mut names = dict.split(|&b| b == b'/').skip(1).map(|name| name.split(|b| !b.is_ascii_alphanumeric()).next().unwrap_or_default());
    names.all(|name| matches!(name, b"Length" | b"Filter" | b"FlateDecode" | b""))
}

/// A Flate stream's content when `keep`, or `None` (also when it does not inflate:
/// the reader will say what is wrong with it); an error if it inflates past
/// [`MAX_INFLATED`]. What is not kept is only counted.
fn inflate(data: &[u8], keep: bool) -> Result<Option<Vec<u8>>, String> {
    let mut decoder = flate2::read::ZlibDecoder::new(data).take(MAX_INFLATED + 1);
    let (size, out) = if keep {
        let mut out = Vec::new();
        let read = decoder.read_to_end(&mut out);
        if read.is_err() && out.is_empty() {
            return Ok(None);
        }
        (out.len() as u64, Some(out))
    } else {
        // A stream that fails part way counts what it gave.
        let mut counted = Counted(0);
        let _ = std::io::copy(&mut decoder, &mut counted);
        (counted.0, None)
    };
    if size > MAX_INFLATED {
        return Err(format!("a stream that inflates to more than {} MiB (a PDF bomb?); not read", MAX_INFLATED >> 20));
    }
    Ok(out)
}

/// A writer that only counts what it is given.
struct Counted(u64);

impl std::io::Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_outside_strings_and_comments() {
        for (bytes, refused) in [
            (format!("1 0 obj {}1{} endobj", "<< /A ".repeat(300), " >>".repeat(300)), true),
            (format!("1 0 obj {}{} endobj", "[".repeat(300), "]".repeat(300)), true),
            (format!("1 0 obj {}1{} endobj", "<< /A ".repeat(200), " >>".repeat(200)), false),
            // Brackets in a string, a hex string and a comment are text.
            (format!("1 0 obj ({}) <4142> % {}\nendobj", "[".repeat(300), "[".repeat(300)), false),
            (format!("1 0 obj (\\( {}) endobj", "[".repeat(300)), false),
        ] {
            assert_eq!(refuse(bytes.as_bytes()).is_some(), refused, "{}", &bytes[..40]);
        }
    }

    #[test]
    fn flate_streams_are_looked_into() {
        use std::io::Write;
        let mut deep = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        deep.write_all("[".repeat(100_000).as_bytes()).expect("compressed");
        let deep = deep.finish().expect("compressed");
        let mut pdf = b"1 0 obj << /Type /ObjStm /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend(&deep);
        pdf.extend(b"\nendstream\nendobj\n");
        assert!(refuse(&pdf).expect("refused").contains("nested more than 256 deep"));

        // 300 MiB of zeros inflate from a few hundred KiB.
        let mut bomb = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..300 {
            bomb.write_all(&zeros).expect("compressed");
        }
        let bomb = bomb.finish().expect("compressed");
        let mut pdf = b"1 0 obj << /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend(&bomb);
        pdf.extend(b"\nendstream\nendobj\n");
        assert!(refuse(&pdf).expect("refused").contains("inflates to more than 256 MiB"));
        // The same as an image is refused too: its size counts whatever it holds.
        let mut pdf = b"1 0 obj << /Type /XObject /Subtype /Image /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend(&bomb);
        pdf.extend(b"\nendstream\nendobj\n");
        assert!(refuse(&pdf).expect("refused").contains("inflates to more than 256 MiB"));
    }

    #[test]
    fn binary_data_is_not_read_as_brackets() {
        use std::io::Write;
        // A grey area of a scan: pixel value 91 is `[`.
        let mut grey = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        grey.write_all(&[b'['; 100_000]).expect("compressed");
        let grey = grey.finish().expect("compressed");
        let mut pdf =
            b"4 0 obj << /Type /XObject /Subtype /Image /Width 1000 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode >>\nstream\n"
                .to_vec();
        pdf.extend(&grey);
        pdf.extend(b"\nendstream\nendobj\n");
        assert_eq!(refuse(&pdf), None);
        // An inline image in a content stream.
        let mut content = b"q BT (Geachte voorzitter) Tj ET BI /W 1000 /H 1 /BPC 8 /CS /G ID ".to_vec();
        content.extend([b'['; 1000]);
        content.extend(b" EI Q");
        let mut compressed = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        compressed.write_all(&content).expect("compressed");
        let mut pdf = b"5 0 obj << /Length 99 /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend(compressed.finish().expect("compressed"));
        pdf.extend(b"\nendstream\nendobj\n");
        assert_eq!(refuse(&pdf), None);
    }
}
