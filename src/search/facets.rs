//! Facets: how the letters a query matches divide by year, sender, kind of document and
//! the kinds of paper they cite, counted from columns in one pass over the matches.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

/// How many values of a facet are kept, most frequent first (senders, kinds).
pub(crate) const FACET_VALUES: usize = 20;

/// One value of a facet and how many matching letters have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetValue {
    /// The year, sender, kind of document or kind of cited paper.
    pub value: String,
    /// Matching letters with it.
    pub count: u64,
}

/// The letters a query matches, counted by what they are. Every matching letter is
/// counted, not only the page shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// By year of the letter's date, oldest first.
    pub years: Vec<FacetValue>,
    /// Letters without a date.
    pub undated: u64,
    /// By sender (`Minister van Defensie`), the 20 most frequent.
    pub senders: Vec<FacetValue>,
    /// By kind of document (`kamerbrief`, `handelingen`, a regulation's category).
    pub types: Vec<FacetValue>,
    /// By the kinds of paper cited (`kamerstuk`, `wet`, `toezegging`, …): a letter
    /// counts once for each kind it cites.
    pub cited: Vec<FacetValue>,
}

/// Counts by the columns of letter documents (`date`, `facet_sender`, `doc_type`,
/// `cited_types`).
pub(crate) struct FacetCollector;

#[derive(Default)]
pub(crate) struct Counts {
    years: BTreeMap<i32, u64>,
    undated: u64,
    senders: HashMap<String, u64>,
    types: HashMap<String, u64>,
    cited: HashMap<String, u64>,
}

/// A string column and the count of each of its terms in one segment.
struct Terms {
    column: Option<StrColumn>,
    counts: Vec<u64>,
}

impl Terms {
    fn open(reader: &SegmentReader, field: &str) -> tantivy::Result<Terms> {
        let column = reader.fast_fields().str(field)?;
        let counts = vec![0; column.as_ref().map_or(0, |c| c.num_terms())];
        Ok(Terms { column, counts })
    }

    fn count(&mut self, doc: DocId) {
        if let Some(column) = &self.column {
            for ord in column.term_ords(doc) {
                if let Some(n) = self.counts.get_mut(ord as usize) {
                    *n += 1;
                }
            }
        }
    }

    fn into_map(self, into: &mut HashMap<String, u64>) {
        let Some(column) = self.column else { return };
        let mut value = String::new();
        for (ord, n) in self.counts.into_iter().enumerate().filter(|(_, n)| *n > 0) {
            value.clear();
            if column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                *into.entry(value.clone()).or_default() += n;
            }
        }
    }
}

pub(crate) struct SegmentFacets {
    dates: Column<DateTime>,
    years: BTreeMap<i32, u64>,
    undated: u64,
    senders: Terms,
    types: Terms,
    cited: Terms,
}

impl Collector for FacetCollector {
    type Fruit = Counts;
    type Child = SegmentFacets;

    fn for_segment(&self, _: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        Ok(SegmentFacets {
            dates: reader.fast_fields().date("date")?,
            years: BTreeMap::new(),
            undated: 0,
            senders: Terms::open(reader, "facet_sender")?,
            types: Terms::open(reader, "doc_type")?,
            cited: Terms::open(reader, "cited_types")?,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut all = Counts::default();
        for f in fruits {
            for (year, n) in f.years {
                *all.years.entry(year).or_default() += n;
            }
            all.undated += f.undated;
            for (into, from) in [(&mut all.senders, f.senders), (&mut all.types, f.types), (&mut all.cited, f.cited)] {
                for (value, n) in from {
                    *into.entry(value).or_default() += n;
                }
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        match self.dates.first(doc) {
            Some(date) => *self.years.entry(date.into_utc().year()).or_default() += 1,
            None => self.undated += 1,
        }
        self.senders.count(doc);
        self.types.count(doc);
        self.cited.count(doc);
    }

    fn harvest(self) -> Counts {
        let mut counts = Counts { years: self.years, undated: self.undated, ..Counts::default() };
        self.senders.into_map(&mut counts.senders);
        self.types.into_map(&mut counts.types);
        self.cited.into_map(&mut counts.cited);
        counts
    }
}

impl From<Counts> for Facets {
    fn from(c: Counts) -> Facets {
        Facets {
            years: c.years.into_iter().map(|(y, count)| FacetValue { value: y.to_string(), count }).collect(),
            undated: c.undated,
            senders: most_frequent(c.senders),
            types: most_frequent(c.types),
            cited: most_frequent(c.cited),
        }
    }
}

/// The [`FACET_VALUES`] most frequent values, ties by value.
fn most_frequent(counts: HashMap<String, u64>) -> Vec<FacetValue> {
    let mut values: Vec<FacetValue> = counts.into_iter().map(|(value, count)| FacetValue { value, count }).collect();
    values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    values.truncate(FACET_VALUES);
    values
}
