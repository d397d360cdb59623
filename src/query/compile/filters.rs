//! Clauses that restrict without ranking: a keyword, a constant-score filter, a date
//! range. The query language compiles to them, and searches add them.

use tantivy::query::{ConstScoreQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;
use time::Date;

use crate::index::documents::date_time;
use crate::index::schema::Fields;

/// Documents whose keyword `field` is `value`.
pub(crate) fn keyword(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
}

/// A clause that restricts without adding to the score.
pub(crate) fn filter(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// Letters dated within `[from, to]` (either end open).
pub(crate) fn date_range(f: &Fields, from: Option<Date>, to: Option<Date>) -> Box<dyn Query> {
    use std::ops::Bound;
    if from.is_none() && to.is_none() {
        // `date:[* TO *]`: any dated letter (a range with no bound at all is no query).
        return Box::new(tantivy::query::ExistsQuery::new("date".to_string(), false));
    }
    let bound = |d: Option<Date>, inclusive: bool| match d {
        Some(d) if inclusive => Bound::Included(Term::from_field_date(f.date, date_time(d))),
        Some(d) => Bound::Excluded(Term::from_field_date(f.date, date_time(d))),
        None => Bound::Unbounded,
    };
    // `to` is a whole day: everything before the next midnight.
    let upper = match to.and_then(|d| d.next_day()) {
        Some(next) => bound(Some(next), false),
        None => bound(to, true),
    };
    Box::new(RangeQuery::new(bound(from, true), upper))
}
