//! JSON Lines collections: one document per line, plain or gzip-compressed, streamed.
//!
//! A line holds one JSON object:
//!
//! | field | use |
//! |---|---|
//! | `id` (string, or a number) | required, not empty: [`Letter::id`] |
//! | `text` (string) | required, not blank: the body, as markdown ([`super::markdown::clean_markdown`]) |
//! | `title` (string) | [`Letter::title`]; without it the title comes from the text |
//! | `date` (`2017-01-04`, `2017-01-04T09:30:00Z`, `14 december 2015`) | [`Letter::date`]; another value is a warning |
//! | `sender`, else `minister` (string) | [`Letter::sender`] |
//! | any other string, number or boolean (`category`, `path`, `minister`, …) | [`Letter::extra`] |
//!
//! Lines are read one at a time into one reused buffer, so memory stays bounded by the
//! longest line (at most [`MAX_LINE_BYTES`]), whatever the size of the file.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::bufread::MultiGzDecoder;
use serde_json::{Map, Value};

use super::dates::parse_field;
use super::fields::{letter_from_fields, Fields};
use super::{path_is_gz, SkipKind, SourceError};
use crate::parse::Letter;

#[cfg(doc)]
use super::markdown::clean_markdown;

/// Longest line read, in bytes (64 MiB): a longer line is an error, so that one
/// malformed file (a missing newline) cannot exhaust memory.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// Read buffer size; large enough that gzip decoding runs in big steps.
const BUFFER_BYTES: usize = 256 << 10;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The documents of a JSON Lines file, in order: a letter, or an error naming the line
/// and what is wrong with it. After a bad line reading goes on with the next; after an
/// error reading the file itself (truncated gzip) the iterator ends.
pub struct JsonLines {
    path: PathBuf,
    reader: Box<dyn BufRead + Send>,
    buf: Vec<u8>,
    max_line: usize,
    line: u64,
    done: bool,
}

impl std::fmt::Debug for JsonLines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonLines").field("path", &self.path).field("line", &self.line).finish()
    }
}

/// Opens a JSON Lines file, gzip-compressed or not (decided by its first bytes, not its
/// name). A file named `.gz` that does not start as gzip is an error.
pub fn read_json_lines(path: &Path) -> Result<JsonLines, SourceError> {
    let file = File::open(path).map_err(|e| SourceError::file(path, SkipKind::Unreadable, format!("cannot open: {e}")))?;
    let mut reader = BufReader::with_capacity(BUFFER_BYTES, file);
    let head = reader.fill_buf().map_err(|e| SourceError::file(path, SkipKind::Unreadable, format!("cannot read: {e}")))?;
    let gzip = head.starts_with(&GZIP_MAGIC);
    if !gzip && path_is_gz(path) {
        return Err(SourceError::file(path, SkipKind::Damaged, "named .gz but is not gzip-compressed (no gzip header)"));
    }
    let reader: Box<dyn BufRead + Send> = if gzip { Box::new(BufReader::with_capacity(BUFFER_BYTES, MultiGzDecoder::new(reader))) } else { Box::new(reader) };
    Ok(JsonLines { path: path.to_path_buf(), reader, buf: Vec::new(), max_line: MAX_LINE_BYTES, line: 0, done: false })
}

/// What reading one line gave.
enum LineRead {
    Line,
    TooLong,
    End,
}

impl JsonLines {
    /// Sets the longest line read, in bytes (default [`MAX_LINE_BYTES`]).
    #[cfg(test)]
    pub(crate) fn with_max_line(mut self, bytes: usize) -> Self {
        self.max_line = bytes;
        self
    }

    /// Reads the next line into `self.buf` (without its line end).
    fn read_line(&mut self) -> io::Result<LineRead> {
        self.buf.clear();
        let limit = self.max_line as u64 + 1;
        let n = (&mut self.reader).take(limit).read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(LineRead::End);
        }
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
        } else if n as u64 == limit {
            self.buf.clear();
            self.reader.skip_until(b'\n')?;
            return Ok(LineRead::TooLong);
        }
        Ok(LineRead::Line)
    }

    /// The next non-blank line, unparsed, or an error naming the line: for readers that
    /// parse lines on other threads with [`parse_line`]. After an error reading the
    /// file itself (truncated gzip) there is no next line.
    pub(crate) fn next_line(&mut self) -> Option<Result<Line, SourceError>> {
        while !self.done {
            let read = self.read_line();
            self.line += 1;
            match read {
                Ok(LineRead::End) => self.done = true,
                Ok(LineRead::TooLong) => {
                    return Some(Err(SourceError::at_line(&self.path, self.line, format!("line longer than {} bytes; skipped", self.max_line))))
                }
                Ok(LineRead::Line) => {
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let mut bytes = std::mem::take(&mut self.buf);
                    if self.line == 1 && bytes.starts_with("\u{feff}".as_bytes()) {
                        bytes.drain(..3);
                    }
                    return Some(Ok(Line { number: self.line, bytes }));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(SourceError::at_line(&self.path, self.line, format!("cannot read on (truncated or corrupt file?): {e}"))));
                }
            }
        }
        None
    }
}

/// One line of a JSON Lines file, not yet parsed.
#[derive(Debug)]
pub struct Line {
    /// Its 1-based line number.
    pub number: u64,
    /// Its bytes, without the line end (and without a byte order mark on line 1).
    pub bytes: Vec<u8>,
}

/// The letter on one line of the JSON Lines file `path`, `None` for a blank line, or an
/// error naming the line and what is wrong with it.
pub fn parse_line(path: &Path, line: &Line) -> Result<Option<Letter>, SourceError> {
    let error = |message: String| SourceError::at_line(path, line.number, message);
    if line.bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let text = std::str::from_utf8(&line.bytes).map_err(|e| error(format!("invalid UTF-8 at byte {} of the line", e.valid_up_to() + 1)))?;
    let object = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(object)) => object,
        Ok(other) => return Err(error(format!("{}, not a JSON object", kind(&other)))),
        Err(e) => return Err(error(format!("invalid JSON at column {}: {}", e.column(), json_message(&e)))),
    };
    fields(object).map(|f| Some(letter_from_fields(f))).map_err(error)
}

impl Iterator for JsonLines {
    type Item = Result<Letter, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.next_line()? {
                Ok(line) => match parse_line(&self.path, &line) {
                    Ok(Some(letter)) => return Some(Ok(letter)),
                    Ok(None) => {}
                    Err(e) => return Some(Err(e)),
                },
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl std::iter::FusedIterator for JsonLines {}

/// The fields of one document, or what is wrong with them.
fn fields(mut object: Map<String, Value>) -> Result<Fields, String> {
    let id = match object.remove("id") {
        Some(Value::String(id)) if !id.trim().is_empty() => id.trim().to_string(),
        Some(Value::String(_)) => return Err("empty `id`".into()),
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) => return Err("no `id`".into()),
        Some(other) => return Err(format!("`id` is {}, not a string or number", kind(&other))),
    };
    let text = match object.remove("text") {
        Some(Value::String(text)) if !text.trim().is_empty() => text,
        Some(Value::String(_)) => return Err("empty `text`".into()),
        None | Some(Value::Null) => return Err("no `text`".into()),
        Some(other) => return Err(format!("`text` is {}, not a string", kind(&other))),
    };
    let title = optional_string(&mut object, "title")?;
    let mut warnings = Vec::new();
    let date = optional_string(&mut object, "date")?.and_then(|d| {
        let date = parse_field(&d);
        if date.is_none() {
            warnings.push(format!("`date` {d:?} is not a date (YYYY-MM-DD or `14 december 2015`)"));
        }
        date
    });
    let sender = match optional_string(&mut object, "sender")? {
        Some(sender) => Some(sender),
        None => object.get("minister").and_then(Value::as_str).map(str::to_string),
    };
    let mut extra = BTreeMap::new();
    for (name, value) in object {
        match value {
            Value::String(s) => {
                extra.insert(name, s);
            }
            Value::Number(n) => {
                extra.insert(name, n.to_string());
            }
            Value::Bool(b) => {
                extra.insert(name, b.to_string());
            }
            Value::Null => {}
            other => warnings.push(format!("field `{name}` is {}; left out", kind(&other))),
        }
    }
    Ok(Fields { id, title, date, sender, text, extra, warnings })
}

fn optional_string(object: &mut Map<String, Value>, name: &str) -> Result<Option<String>, String> {
    match object.remove(name) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s)),
        Some(Value::String(_) | Value::Null) | None => Ok(None),
        Some(other) => Err(format!("`{name}` is {}, not a string", kind(&other))),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its ` at line 1 column N` (the line is the file's
/// line, said once, and the column is said before).
fn json_message(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    }
}
