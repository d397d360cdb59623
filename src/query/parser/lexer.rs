//! Splitting a query string into tokens: words, phrases, field names, date ranges,
//! parentheses and operators, each with its byte span.

use crate::query::ast::{Field, Span};
use crate::Result;

use super::{error, MAX_SLOP};

/// What a field name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldName {
    Words(Field),
    Date,
    Cites,
}

impl FieldName {
    fn lookup(name: &str) -> Option<FieldName> {
        let name = name.to_lowercase();
        match name.as_str() {
            "date" | "datum" => return Some(FieldName::Date),
            "cites" | "citeert" => return Some(FieldName::Cites),
            _ => {}
        }
        Field::ALL.into_iter().find(|f| f.name() == name || f.dutch_name() == name).map(FieldName::Words)
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            FieldName::Words(f) => f.name(),
            FieldName::Date => "date",
            FieldName::Cites => "cites",
        }
    }
}

fn unknown_field(name: &str) -> String {
    let english: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
    let dutch: Vec<&str> = Field::ALL.iter().map(|f| f.dutch_name()).filter(|d| !english.contains(d)).collect();
    format!("unknown field `{name}:`; the fields are {}, date, cites (in Dutch: {}, datum, citeert)", english.join(", "), dutch.join(", "))
}

// ---------------------------------------------------------------------------------
// Lexer

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok<'a> {
    Word(&'a str),
    Phrase {
        text: &'a str,
        slop: u32,
    },
    /// `name:`; the value starts right after the colon.
    Field(FieldName),
    /// `[…]` or `{…}`, lexed only as the value of `date:`.
    Range {
        open: char,
        body: &'a str,
        body_start: usize,
        close: char,
    },
    LParen,
    RParen,
    And,
    Or,
    Not,
    Minus,
    Plus,
    Eof,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Token<'a> {
    pub(super) tok: Tok<'a>,
    pub(super) span: Span,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

fn ends_word(c: char) -> bool {
    c.is_whitespace() || c == '(' || c == ')' || is_quote(c)
}

pub(super) struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    /// Set right after a field name: the value follows without space, and operator
    /// words and field names are plain text there.
    value_of: Option<FieldName>,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(src: &'a str) -> Lexer<'a> {
        Lexer { src, pos: 0, value_of: None }
    }

    fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    fn token(&mut self, tok: Tok<'a>, start: usize, end: usize) -> Token<'a> {
        self.pos = end;
        Token { tok, span: Span::new(start, end) }
    }

    pub(super) fn next(&mut self) -> Result<Token<'a>> {
        let value_of = self.value_of.take();
        if value_of.is_none() {
            self.skip_punctuation();
        }
        let start = self.pos;
        let Some(c) = self.rest().chars().next() else {
            return Ok(self.token(Tok::Eof, start, start));
        };
        let one = start + c.len_utf8();
        match c {
            '(' => Ok(self.token(Tok::LParen, start, one)),
            ')' => Ok(self.token(Tok::RParen, start, one)),
            '-' => Ok(self.token(Tok::Minus, start, one)),
            '+' => Ok(self.token(Tok::Plus, start, one)),
            '[' | '{' if value_of == Some(FieldName::Date) => self.range(start, c),
            c if is_quote(c) => self.phrase(start, one),
            _ => self.word(start, value_of.is_some()),
        }
    }

    /// Skips whitespace and what is punctuation, not syntax: a `-` or `+` that stands
    /// alone (the dash in pasted text like `Greensky - Milieuvergunning`), as an
    /// operator binds to what is written directly after it.
    fn skip_punctuation(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            self.pos += rest.len() - trimmed.len();
            let mut chars = trimmed.chars();
            match (chars.next(), chars.next()) {
                (Some('-' | '+'), next) if next.is_none_or(|n| n.is_whitespace() || n == ')') => self.pos += 1,
                _ => return,
            }
        }
    }

    fn phrase(&mut self, start: usize, body_start: usize) -> Result<Token<'a>> {
        let body = self.src.get(body_start..).unwrap_or("");
        let Some((close, quote)) = body.char_indices().find(|&(_, c)| is_quote(c)) else {
            return Err(error(start, "unclosed quote: the phrase that starts here has no closing `\"`"));
        };
        let text = &body[..close];
        if text.trim().is_empty() {
            return Err(error(start, "empty phrase: put words between the quotes"));
        }
        let mut end = body_start + close + quote.len_utf8();
        let mut slop = 0;
        if let Some(after) = self.src.get(end..).and_then(|s| s.strip_prefix('~')) {
            let digits = &after[..after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len())];
            if digits.is_empty() {
                return Err(error(end, "expected a number after `~`, as in \"minister defensie\"~2"));
            }
            slop = match digits.parse::<u32>() {
                Ok(n) if n <= MAX_SLOP => n,
                _ => return Err(error(end + 1, format!("slop {digits} is too large: at most {MAX_SLOP} is allowed"))),
            };
            end += 1 + digits.len();
        }
        Ok(self.token(Tok::Phrase { text, slop }, start, end))
    }

    fn range(&mut self, start: usize, open: char) -> Result<Token<'a>> {
        let body_start = start + open.len_utf8();
        let body = self.src.get(body_start..).unwrap_or("");
        let Some((len, close)) = body.char_indices().find(|&(_, c)| c == ']' || c == '}') else {
            return Err(error(start, "unclosed date range: end it with `]` (inclusive) or `}` (exclusive)"));
        };
        let tok = Tok::Range { open, body: &body[..len], body_start, close };
        Ok(self.token(tok, start, body_start + len + close.len_utf8()))
    }

    fn word(&mut self, start: usize, is_value: bool) -> Result<Token<'a>> {
        let rest = self.rest();
        // At least one character, so that the lexer always moves on.
        let first = rest.chars().next().map_or(0, char::len_utf8);
        let len = rest.find(ends_word).unwrap_or(rest.len()).max(first);
        let text = &rest[..len];
        let end = start + len;
        if !is_value {
            let op = match text {
                "AND" => Some(Tok::And),
                "OR" => Some(Tok::Or),
                "NOT" => Some(Tok::Not),
                _ => None,
            };
            if let Some(op) = op {
                return Ok(self.token(op, start, end));
            }
            if let Some(field) = self.field(start, text)? {
                return Ok(field);
            }
        }
        Ok(self.token(Tok::Word(text), start, end))
    }

    /// The field token when `text` (a word starting at `start`) begins with `name:`
    /// followed directly by a value.
    fn field(&mut self, start: usize, text: &str) -> Result<Option<Token<'a>>> {
        let name_len = text.find(|c: char| !c.is_alphabetic()).unwrap_or(text.len());
        if name_len == 0 || !text[name_len..].starts_with(':') {
            return Ok(None);
        }
        let name = &text[..name_len];
        let value_start = start + name_len + 1;
        let after = self.src.get(value_start..).unwrap_or("");
        if after.starts_with("//") {
            return Ok(None);
        }
        let has_value = after.chars().next().is_some_and(|c| !c.is_whitespace() && c != ')');
        match (FieldName::lookup(name), has_value) {
            (Some(field), true) => {
                self.value_of = Some(field);
                Ok(Some(self.token(Tok::Field(field), start, value_start)))
            }
            (Some(field), false) => {
                Err(error(start, format!("`{name}:` must be followed directly by its value, without a space, as in {}:remotie", field.name())))
            }
            (None, true) => Err(error(start, unknown_field(name))),
            (None, false) => Ok(None),
        }
    }
}
