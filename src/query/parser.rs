//! The query parser: a query string in, a [`Query`] tree (or a positioned error) out.
//!
//! # The language
//!
//! | write | means |
//! |---|---|
//! | `remotie reservisten` | both words (clauses are AND-ed by default) |
//! | `remotie AND reservisten` | the same, explicitly |
//! | `remotie OR reservisten` | either word |
//! | `NOT DCR`, `-DCR` | without the word (`-` written directly before it) |
//! | `+remotie` | accepted for those used to it; clauses are required anyway |
//! | `(remotie OR reservisten) defensie` | grouping |
//! | `"minister van defensie"` | the phrase |
//! | `"minister defensie"~2` | the words within 2 positions of the phrase order (slop) |
//! | `defensie*` | words starting with `defensie` (as written, or its stem: `veteraan*` finds `veteranen`) |
//! | `title:remotie`, `titel:(remotie OR reservisten)` | in one field |
//! | `date:2020`, `date:2020-06`, `date:2020-06-01`, `date:1-6-2020` | in that year, month, day |
//! | `date:[2015 TO 2020]`, `date:{2015 TO 2020}`, `date:[2015-06 TO *]` | inclusive, exclusive, open ranges |
//! | `date:>=2020-06-01`, `date:>2020`, `date:<2021`, `date:<=2020` | comparisons |
//! | `cites:"Kamerstuk 33 763, nr. 176"`, `cites:kst-33763-176` | letters citing that paper |
//!
//! Fields, in English and Dutch, case-insensitive: `title`/`titel`, `subject`/`onderwerp`,
//! `section`/`sectie`, `text`/`tekst`, `sender`/`afzender`, `signer`/`ondertekenaar`,
//! `number`/`nummer`, `kamerstuk`, `date`/`datum`, `cites`/`citeert`.
//!
//! # Decisions
//!
//! - **Precedence** is the conventional boolean one: `NOT` (and `-`) binds tightest, then
//!   AND (explicit or implied by juxtaposition), then OR. So `a b OR c` is `(a AND b) OR c`
//!   and `a OR b c` is `a OR (b AND c)`. Lucene's "OR-ish default with +/-" is not copied:
//!   analysts write `a b` and mean both.
//! - **Operators are uppercase English only.** `and`, `or`, `not` (and Dutch `en`, `of`,
//!   `niet`) are ordinary words: in a Dutch query `of` is far more likely to be text than
//!   an operator, and a lowercase operator silently changing a query is worse than a
//!   word that matches little.
//! - **A colon makes a field only after a name made of letters** and only when a value
//!   follows it directly: `titel:remotie`. An unknown name followed by a value
//!   (`titl:remotie`) is an error listing the fields, since it is almost always a typo.
//!   A colon is part of a plain word when the part before it holds anything but letters
//!   (`12:30`, `art.3:4`), when nothing follows it (`volgende:`), or in a URL
//!   (`https://…`). A known field followed by a space (`titel: remotie`) is an error,
//!   not a guess.
//! - **Slop** may be at most [`MAX_SLOP`]; larger values are an error rather than
//!   silently clamped, so a typo such as `~1000000` does not pass unnoticed.
//! - **Quotes**: `"`, `“`, `”` and `„` all open and close phrases, because queries are
//!   often pasted from Word or PDF text. There is no escaping inside phrases.
//! - **Terms** are everything between whitespace, parentheses and quotes, kept raw:
//!   `re-integratie`, `P&O-functionarissen`, `zo’n`, `36800-X`, `J.A.`. A `-` or `+`
//!   makes an operator only at the start of a word; inside a word it is text.
//! - **`~`** only gives a phrase its slop. Lucene's fuzzy `word~2` is an error, not a
//!   search for `word` and `2`.
//! - **`*`** may only end a word. A lone `*`, or one at the start or inside a word, is
//!   an error.
//! - **`-` and `+` standing alone** (`a - b`) are punctuation, not operators: queries
//!   are pasted, and `Greensky - Milieuvergunning` holds a dash, not an exclusion.
//! - **Plain words rank, syntax constrains.** A query of plain words ([`is_plain`]: no
//!   operator, field, phrase, prefix or slop) is ranked by the search (letters with
//!   every word first, then those with some); any syntax makes it this language, where
//!   every clause must hold.
//! - **Limits**: nesting (parentheses and `NOT`/`-`/`+`) is at most [`MAX_DEPTH`] deep
//!   and a query holds at most [`MAX_CLAUSES`] words, phrases, prefixes, dates and
//!   citations. Both keep parsing bounded on hostile input and give errors, never a
//!   stack overflow.
//! - **Dates** are expanded to days: `date:2020` is 2020-01-01 to 2020-12-31, a month
//!   bound of a range covers the whole month, and an exclusive bound excludes the whole
//!   period (`date:{2015 TO 2020}` is 2016-01-01 to 2019-12-31). Dates may be written
//!   `YYYY-MM-DD` or, as is usual in Dutch, `D-M-YYYY`. `TO` may be written in any case.
//!   A date field takes one value: combine dates with `OR`.
//! - **Fields do not nest**: `titel:(remotie datum:2020)` is an error; write
//!   `titel:remotie datum:2020`.

mod dates;
mod lexer;

#[cfg(test)]
mod tests;

use crate::query::ast::{DateRange, Query, QueryKind, Span};
use crate::{Error, Result};

use dates::{date_range, date_word};
use lexer::{FieldName, Lexer, Tok, Token};

/// How deep parentheses and `NOT`/`-`/`+` may nest.
pub const MAX_DEPTH: usize = 64;
/// How many words, phrases, prefixes, dates and citations a query may hold.
pub const MAX_CLAUSES: usize = 1024;
/// The largest phrase slop accepted.
pub const MAX_SLOP: u32 = 1000;

/// Parses a query string into its syntax tree: `sectie:urgentie OR titel:remotie` is
/// `(or (section urgentie) (title remotie))` (the tables in `tests.rs` hold every form).
///
/// # Errors
/// [`Error::Query`] with the byte offset of the offending part of the query and a
/// message saying what would be valid.
pub fn parse(query: &str) -> Result<Query> {
    if let Some(position) = only_operators(query) {
        return Err(error(position, "the query holds only operators (AND, OR, NOT, -, +); add the words to search for"));
    }
    let mut parser = Parser::new(query);
    let tree = parser.or(Ctx::Start)?;
    let next = parser.bump()?;
    match next.tok {
        Tok::Eof => Ok(tree),
        _ => Err(error(next.span.start, "unmatched `)`: there is no `(` before it")),
    }
}

/// True when `query` is plain words: no operator (`AND`, `OR`, `NOT`, or a `-` or `+`
/// written before a clause), field, phrase, prefix or slop. Parentheses and
/// punctuation are text in plain words (`Greensky - Milieuvergunning (MV 16934).`).
pub fn is_plain(query: &str) -> bool {
    let mut lexer = Lexer::new(query);
    loop {
        match lexer.next() {
            Ok(Token { tok: Tok::Eof, .. }) => return true,
            Ok(Token { tok: Tok::LParen | Tok::RParen, .. }) => {}
            Ok(Token { tok: Tok::Word(word), .. }) if !word.contains('*') && !is_fuzzy(word) => {}
            _ => return false,
        }
    }
}

/// The words of a plain query ([`is_plain`]), each a term with its span: the one
/// word, or all of them (`And`). For a query that is not plain, use [`parse`].
///
/// # Errors
/// [`Error::Query`] when the query holds no word, or more than [`MAX_CLAUSES`].
pub fn plain_words(query: &str) -> Result<Query> {
    let mut lexer = Lexer::new(query);
    let mut words = Vec::new();
    loop {
        let token = lexer.next()?;
        match token.tok {
            Tok::Eof => break,
            Tok::Word(word) => {
                if words.len() == MAX_CLAUSES {
                    return Err(error(token.span.start, format!("the query holds more than {MAX_CLAUSES} words; shorten it")));
                }
                words.push(Query { kind: QueryKind::Term(word.to_string()), span: token.span });
            }
            _ => {}
        }
    }
    if words.is_empty() {
        return Err(error(0, "empty query: type the words to search for"));
    }
    Ok(combine(words, QueryKind::And))
}

/// Lucene's fuzzy `word~2`, which the language refuses with a message.
fn is_fuzzy(word: &str) -> bool {
    word.rfind('~').is_some_and(|tilde| word[tilde + 1..].bytes().all(|b| b.is_ascii_digit()))
}

fn error(position: usize, message: impl Into<String>) -> Error {
    Error::Query { position, message: message.into() }
}

/// The start of the first token when every token is an operator.
fn only_operators(query: &str) -> Option<usize> {
    let mut lexer = Lexer::new(query);
    let mut first = None;
    loop {
        match lexer.next() {
            Ok(Token { tok: Tok::Eof, .. }) => return first,
            Ok(Token { tok: Tok::And | Tok::Or | Tok::Not | Tok::Minus | Tok::Plus, span }) => {
                first.get_or_insert(span.start);
            }
            _ => return None,
        }
    }
}

/// What came before the clause being parsed, to say what is missing when there is none.
#[derive(Debug, Clone, Copy)]
enum Ctx {
    /// The start of the query, or a clause known to follow.
    Start,
    /// Just after the `(` at this offset.
    Group(usize),
    /// Just after this operator at this offset.
    Op(&'static str, usize),
}

fn operator_use(op: &str) -> String {
    match op {
        "NOT" => "`NOT` must be followed by the clause to exclude, as in `defensie NOT materieel`".into(),
        "-" => "`-` must be followed directly by what to exclude, without a space, as in `-DCR`".into(),
        "+" => "`+` must be followed directly by a word, phrase or group, without a space".into(),
        _ => format!("`{op}` must stand between two clauses, as in `remotie {op} reservisten`"),
    }
}

struct Parser<'a> {
    lexer: Lexer<'a>,
    peeked: Option<Token<'a>>,
    depth: usize,
    clauses: usize,
    /// The offset of the field whose group is being parsed.
    in_field: Option<usize>,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Parser<'a> {
        Parser { lexer: Lexer::new(src), peeked: None, depth: 0, clauses: 0, in_field: None }
    }

    fn peek(&mut self) -> Result<Token<'a>> {
        match self.peeked {
            Some(token) => Ok(token),
            None => {
                let token = self.lexer.next()?;
                self.peeked = Some(token);
                Ok(token)
            }
        }
    }

    fn bump(&mut self) -> Result<Token<'a>> {
        let token = self.peek()?;
        self.peeked = None;
        Ok(token)
    }

    fn enter(&mut self, position: usize) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error(position, format!("the query nests more than {MAX_DEPTH} levels deep (parentheses, NOT, - and +); simplify it")));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn leaf(&mut self, kind: QueryKind, span: Span) -> Result<Query> {
        self.clauses += 1;
        if self.clauses > MAX_CLAUSES {
            return Err(error(span.start, format!("the query holds more than {MAX_CLAUSES} words, phrases and dates; shorten it")));
        }
        Ok(Query { kind, span })
    }

    fn or(&mut self, ctx: Ctx) -> Result<Query> {
        let mut items = vec![self.and(ctx)?];
        while let Tok::Or = self.peek()?.tok {
            let or = self.bump()?;
            items.push(self.and(Ctx::Op("OR", or.span.start))?);
        }
        Ok(combine(items, QueryKind::Or))
    }

    fn and(&mut self, ctx: Ctx) -> Result<Query> {
        let mut items = vec![self.unary(ctx)?];
        loop {
            let next = self.peek()?;
            match next.tok {
                Tok::Or | Tok::RParen | Tok::Eof => break,
                Tok::And => {
                    self.bump()?;
                    items.push(self.unary(Ctx::Op("AND", next.span.start))?);
                }
                _ => items.push(self.unary(Ctx::Start)?),
            }
        }
        Ok(combine(items, QueryKind::And))
    }

    fn unary(&mut self, ctx: Ctx) -> Result<Query> {
        let token = self.peek()?;
        let (op, negate) = match token.tok {
            Tok::Not => ("NOT", true),
            Tok::Minus => ("-", true),
            Tok::Plus => ("+", false),
            _ => return self.primary(ctx),
        };
        self.bump()?;
        let start = token.span.start;
        if op != "NOT" {
            // `-` and `+` bind to what is written directly after them.
            let next = self.peek()?;
            let starts_clause = matches!(next.tok, Tok::Word(_) | Tok::Phrase { .. } | Tok::Field(_) | Tok::LParen | Tok::Minus | Tok::Plus);
            if !starts_clause || next.span.start != token.span.end {
                return Err(error(start, operator_use(op)));
            }
        }
        self.enter(start)?;
        let inner = self.unary(Ctx::Op(op, start))?;
        self.leave();
        if negate {
            let span = Span::new(start, inner.span.end);
            Ok(Query { kind: QueryKind::Not(Box::new(inner)), span })
        } else {
            // `+` changes nothing (clauses are required anyway) and leaves no trace, so
            // that a word's span is always exactly the word.
            Ok(inner)
        }
    }

    fn primary(&mut self, ctx: Ctx) -> Result<Query> {
        let token = self.bump()?;
        let at = token.span.start;
        match token.tok {
            Tok::Word(text) => self.term(text, token.span),
            Tok::Phrase { text, slop } => self.phrase(text, slop, token.span),
            Tok::LParen => Ok(self.group(at)?.0),
            Tok::Field(name) => self.field(name, token.span),
            Tok::Eof | Tok::RParen => Err(match (ctx, token.tok) {
                (Ctx::Op(op, pos), _) => error(pos, operator_use(op)),
                (Ctx::Group(pos), Tok::Eof) => unclosed_group(pos),
                (Ctx::Group(pos), _) => error(pos, "empty parentheses: put a clause between them"),
                (Ctx::Start, Tok::Eof) => error(0, "empty query: type the words to search for"),
                (Ctx::Start, _) => error(at, "unmatched `)`: there is no `(` before it"),
            }),
            Tok::And => Err(error(at, operator_use("AND"))),
            Tok::Or => Err(error(at, operator_use("OR"))),
            // `unary` consumes these, and ranges are lexed only after `date:`.
            Tok::Not | Tok::Minus | Tok::Plus | Tok::Range { .. } => Err(error(at, "expected a word, phrase or group here")),
        }
    }

    /// A parenthesised group whose `(` is at `open`: its query, and where it ends.
    fn group(&mut self, open: usize) -> Result<(Query, usize)> {
        self.enter(open)?;
        let inner = self.or(Ctx::Group(open))?;
        let close = self.bump()?;
        if close.tok != Tok::RParen {
            return Err(unclosed_group(open));
        }
        self.leave();
        Ok((inner, close.span.end))
    }

    fn term(&mut self, text: &str, span: Span) -> Result<Query> {
        if text == "*" {
            return Err(error(span.start, "a lone `*` is not a query: put it at the end of a word to find the words starting with it, as in defensie*"));
        }
        // Lucene's fuzzy `word~2`: say so rather than search for the digits.
        if is_fuzzy(text) {
            if let Some(tilde) = text.rfind('~') {
                return Err(error(span.start + tilde, "`~` only follows a phrase, as in \"minister defensie\"~2; fuzzy word search is not supported"));
            }
        }
        match text.find('*') {
            Some(star) if star + 1 == text.len() => self.leaf(QueryKind::Prefix(text[..star].to_string()), span),
            Some(star) => Err(error(span.start + star, "`*` can only end a word, as in defensie*; wildcards elsewhere are not supported")),
            None => self.leaf(QueryKind::Term(text.to_string()), span),
        }
    }

    fn field(&mut self, name: FieldName, name_span: Span) -> Result<Query> {
        let start = name_span.start;
        if self.in_field.is_some() {
            return Err(error(
                start,
                "fields cannot be nested: the group already belongs to a field; write the fields side by side, as in titel:remotie datum:2020",
            ));
        }
        // The lexer only makes a field token when a value follows directly.
        let value = self.bump()?;
        let kind = match name {
            FieldName::Date => QueryKind::Date(self.date_value(value)?),
            FieldName::Cites => QueryKind::Cites(self.cites_value(value)?),
            FieldName::Words(field) => {
                let (query, end) = match value.tok {
                    Tok::Word(text) => (self.term(text, value.span)?, value.span.end),
                    Tok::Phrase { text, slop } => (self.phrase(text, slop, value.span)?, value.span.end),
                    Tok::LParen => {
                        self.in_field = Some(start);
                        let group = self.group(value.span.start)?;
                        self.in_field = None;
                        group
                    }
                    Tok::Minus | Tok::Plus => return Err(error(start, format!("put `-` or `+` before the field, as in -{field}:remotie"))),
                    _ => return Err(error(start, format!("`{field}:` must be followed by a word, phrase or (group)"))),
                };
                let span = Span::new(start, end);
                return Ok(Query { kind: QueryKind::Field { field, query: Box::new(query) }, span });
            }
        };
        self.leaf(kind, Span::new(start, value.span.end))
    }

    fn phrase(&mut self, text: &str, slop: u32, span: Span) -> Result<Query> {
        self.leaf(QueryKind::Phrase { text: text.to_string(), slop }, span)
    }

    fn cites_value(&mut self, value: Token<'a>) -> Result<String> {
        let at = value.span.start;
        match value.tok {
            Tok::Word(text) if text.contains('*') => Err(error(at, "`cites:` takes a whole citation; wildcards are not supported")),
            Tok::Word(text) | Tok::Phrase { text, slop: 0 } => Ok(text.to_string()),
            Tok::Phrase { .. } => Err(error(at, "`cites:` takes a citation without ~slop")),
            _ => Err(error(at, "`cites:` takes one citation, as in cites:\"Kamerstuk 33 763, nr. 176\" or cites:33763-176; combine citations with OR")),
        }
    }

    fn date_value(&mut self, value: Token<'a>) -> Result<DateRange> {
        let at = value.span.start;
        match value.tok {
            Tok::Word(text) => date_word(text, at),
            Tok::Range { open, body, body_start, close } => date_range(open, body, body_start, close, at),
            Tok::Phrase { .. } => Err(error(at, "write dates without quotes, as in date:2020-06-01")),
            _ => {
                Err(error(at, "`date:` takes one date, range or comparison, as in date:2020, date:[2015 TO 2020] or date:>=2020-06-01; combine dates with OR"))
            }
        }
    }
}

fn unclosed_group(open: usize) -> Error {
    error(open, "unclosed parenthesis: the `(` here has no matching `)`")
}

/// One node for a list of clauses joined by the same operator.
fn combine(mut items: Vec<Query>, kind: fn(Vec<Query>) -> QueryKind) -> Query {
    if items.len() == 1 {
        if let Some(only) = items.pop() {
            return only;
        }
    }
    let start = items.first().map_or(0, |q| q.span.start);
    let end = items.last().map_or(0, |q| q.span.end);
    Query { kind: kind(items), span: Span::new(start, end) }
}
