//! A collector that keeps the best-scoring document of each letter: a letter hit's
//! best section, for all hits of a page in one search instead of one search per hit.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Collects, per value of the `letter` fast field, the best-scoring document.
pub struct BestPerLetter;

/// What one segment found: the best document per term ordinal of `letter`.
pub struct SegmentBest {
    segment: SegmentOrdinal,
    column: Option<StrColumn>,
    best: HashMap<u64, (Score, DocId)>,
}

impl Collector for BestPerLetter {
    type Fruit = HashMap<String, (Score, DocAddress)>;
    type Child = SegmentBest;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentBest> {
        Ok(SegmentBest { segment, column: reader.fast_fields().str("letter")?, best: HashMap::new() })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<HashMap<String, (Score, DocAddress)>>) -> tantivy::Result<Self::Fruit> {
        let mut all: Self::Fruit = HashMap::new();
        for fruit in fruits {
            for (letter, found) in fruit {
                let entry = all.entry(letter).or_insert(found);
                if found.0 > entry.0 {
                    *entry = found;
                }
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentBest {
    type Fruit = HashMap<String, (Score, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(ord) = self.column.as_ref().and_then(|c| c.term_ords(doc).next()) else { return };
        let entry = self.best.entry(ord).or_insert((score, doc));
        // Ties go to the earlier document: the earlier section.
        if score > entry.0 {
            *entry = (score, doc);
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out = HashMap::with_capacity(self.best.len());
        let Some(column) = self.column else { return out };
        for (ord, (score, doc)) in self.best {
            let mut letter = String::new();
            if column.ord_to_str(ord, &mut letter).is_ok() {
                out.insert(letter, (score, DocAddress::new(self.segment, doc)));
            }
        }
        out
    }
}
