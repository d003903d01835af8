//! Compact storage for the byte offsets and ranges the layout keeps per
//! sentence, clause and paragraph.
//!
//! A text of short lines has as many sentences and paragraphs as lines (10
//! MB of `a\r\n` has 3.3 million), so their bounds are stored as `u32`
//! while every offset fits one (texts under 4 GiB), and as `usize` only
//! beyond: 8 bytes a range instead of 16, and 4 for the sentences, which
//! follow each other and keep only their ends ([`Cuts`]).

use std::ops::Range;

/// Byte offsets in pushing order.
#[derive(Debug, Clone)]
pub(crate) enum Offsets {
    /// Every offset fits a `u32`.
    Narrow(Vec<u32>),
    /// An offset did not.
    Wide(Vec<usize>),
}

impl Default for Offsets {
    fn default() -> Self {
        Offsets::Narrow(Vec::new())
    }
}

impl Offsets {
    /// Room for `capacity` offsets.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Offsets::Narrow(Vec::with_capacity(capacity))
    }

    pub(crate) fn push(&mut self, at: usize) {
        match self {
            Offsets::Narrow(v) => match u32::try_from(at) {
                Ok(x) => v.push(x),
                Err(_) => {
                    let mut wide: Vec<usize> = v.iter().map(|&x| x as usize).collect();
                    wide.push(at);
                    *self = Offsets::Wide(wide);
                }
            },
            Offsets::Wide(v) => v.push(at),
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Offsets::Narrow(v) => v.len(),
            Offsets::Wide(v) => v.len(),
        }
    }

    pub(crate) fn get(&self, i: usize) -> Option<usize> {
        match self {
            Offsets::Narrow(v) => v.get(i).map(|&x| x as usize),
            Offsets::Wide(v) => v.get(i).copied(),
        }
    }

    pub(crate) fn last(&self) -> Option<usize> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// The index of the first offset for which `pred` is false (the
    /// offsets partitioned by `pred`, as [`slice::partition_point`]).
    pub(crate) fn partition_point(&self, pred: impl Fn(usize) -> bool) -> usize {
        match self {
            Offsets::Narrow(v) => v.partition_point(|&x| pred(x as usize)),
            Offsets::Wide(v) => v.partition_point(|&x| pred(x)),
        }
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        match self {
            Offsets::Narrow(v) => v.shrink_to_fit(),
            Offsets::Wide(v) => v.shrink_to_fit(),
        }
    }
}

/// Byte ranges in order, each stored as its two offsets.
#[derive(Debug, Clone, Default)]
pub(crate) struct Spans {
    bounds: Offsets,
}

impl Spans {
    pub(crate) fn push(&mut self, r: Range<usize>) {
        self.bounds.push(r.start);
        self.bounds.push(r.end);
    }

    pub(crate) fn len(&self) -> usize {
        self.bounds.len() / 2
    }

    pub(crate) fn get(&self, i: usize) -> Option<Range<usize>> {
        Some(self.bounds.get(2 * i)?..self.bounds.get(2 * i + 1)?)
    }

    /// The index of the first range for which `pred` is false.
    pub(crate) fn partition_point(&self, pred: impl Fn(Range<usize>) -> bool) -> usize {
        partition_point(self.len(), |i| self.get(i).is_some_and(&pred))
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.bounds.shrink_to_fit();
    }
}

/// The first index in `0..len` for which `pred` is false, the indices
/// being partitioned by `pred` (binary search).
fn partition_point(len: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Ranges that cut a text into consecutive pieces from byte 0, each
/// stored as its end offset only.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cuts {
    ends: Offsets,
}

impl Cuts {
    /// Room for `capacity` pieces.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Cuts {
            ends: Offsets::with_capacity(capacity),
        }
    }

    /// Ends the next piece at `end` (at or after the last end).
    pub(crate) fn push(&mut self, end: usize) {
        self.ends.push(end);
    }

    pub(crate) fn last_end(&self) -> Option<usize> {
        self.ends.last()
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn get(&self, i: usize) -> Option<Range<usize>> {
        let end = self.ends.get(i)?;
        let start = i.checked_sub(1).and_then(|p| self.ends.get(p)).unwrap_or(0);
        Some(start..end)
    }

    /// The index of the first piece for which `pred` is false.
    pub(crate) fn partition_point(&self, pred: impl Fn(Range<usize>) -> bool) -> usize {
        partition_point(self.len(), |i| self.get(i).is_some_and(&pred))
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.ends.shrink_to_fit();
    }
}

impl FromIterator<Range<usize>> for Spans {
    fn from_iter<I: IntoIterator<Item = Range<usize>>>(iter: I) -> Self {
        let mut s = Spans::default();
        for r in iter {
            s.push(r);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_offsets_widen_when_one_does_not_fit() {
        let mut o = Offsets::with_capacity(2);
        o.push(3);
        o.push(u32::MAX as usize);
        assert!(matches!(o, Offsets::Narrow(_)));
        let big = u32::MAX as usize + 1;
        o.push(big);
        assert!(matches!(o, Offsets::Wide(_)));
        let all: Vec<_> = (0..o.len()).filter_map(|i| o.get(i)).collect();
        assert_eq!(all, [3, u32::MAX as usize, big]);
        assert_eq!(o.partition_point(|x| x < 10), 1);
        assert_eq!(o.last(), Some(big));
    }

    #[test]
    fn spans_give_back_their_ranges() {
        let s: Spans = [0..4, 4..9, 12..20].into_iter().collect();
        assert_eq!(s.len(), 3);
        assert_eq!(s.get(1), Some(4..9));
        assert_eq!(s.get(3), None);
        assert_eq!(s.get(0), Some(0..4));
        assert_eq!(s.partition_point(|r| r.end <= 9), 2);
        assert_eq!(s.iter().collect::<Vec<_>>(), [0..4, 4..9, 12..20]);
        assert_eq!(Spans::default().len(), 0);
    }

    #[test]
    fn cuts_are_consecutive_pieces() {
        let mut c = Cuts::with_capacity(1);
        for end in [3, 7, 7, 12] {
            c.push(end);
        }
        assert_eq!(c.len(), 4);
        assert_eq!(c.get(0), Some(0..3));
        assert_eq!(c.get(2), Some(7..7));
        assert_eq!(c.get(3), Some(7..12));
        assert_eq!(c.get(4), None);
        assert_eq!(c.last_end(), Some(12));
        assert_eq!(c.partition_point(|r| r.end <= 7), 3);
    }
}
