//! The offset map: run-length segments from normalised bytes to original bytes.
//!
//! Each [`Seg`] covers a contiguous byte range of the normalised text and a
//! contiguous byte range of the original. A *linear* segment is byte-for-byte
//! aligned (same length, char boundaries at the same offsets), so any offset
//! inside it maps by a constant shift. A *unit* segment (e.g. `㎡` → `平方米`,
//! `<br>` → `\n`, a phrase whose length changed) maps only as a whole: a range
//! that starts inside it maps to its original start, one that ends inside it
//! maps to its original end. Original text that produced nothing (deleted tags,
//! zero-width characters, joined line breaks) lies between segments.
//!
//! Segments cover the normalised text without gaps and are sorted; both their
//! original starts and their original ends are non-decreasing, and linear
//! segments never overlap another segment in the original. Lookups are binary
//! searches, so mapping is O(log n) in the number of segments.

use std::ops::Range;

/// One run of the offset map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seg {
    /// Start in the normalised text.
    pub norm: usize,
    /// Length in the normalised text.
    pub nlen: usize,
    /// Start in the original text.
    pub orig: usize,
    /// Length in the original text.
    pub olen: usize,
    /// Byte-for-byte aligned (`nlen == olen`)?
    pub linear: bool,
}

impl Seg {
    fn nend(&self) -> usize {
        self.norm + self.nlen
    }
    fn oend(&self) -> usize {
        self.orig + self.olen
    }
}

/// Appends output text and records where each piece came from.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    pub out: String,
    pub segs: Vec<Seg>,
}

impl Builder {
    pub fn with_capacity(n: usize) -> Self {
        Builder {
            out: String::with_capacity(n),
            segs: Vec::new(),
        }
    }

    /// `out` for a source of the same byte length, mapped byte for byte
    /// (chars replaced by chars of the same length).
    pub fn linear(out: String) -> Self {
        let len = out.len();
        let mut b = Builder {
            out,
            segs: Vec::new(),
        };
        b.push(Seg {
            norm: 0,
            nlen: len,
            orig: 0,
            olen: len,
            linear: true,
        });
        b
    }

    fn push(&mut self, seg: Seg) {
        if seg.nlen == 0 {
            return;
        }
        if seg.linear
            && let Some(last) = self.segs.last_mut()
            && last.linear
            && last.nend() == seg.norm
            && last.oend() == seg.orig
        {
            last.nlen += seg.nlen;
            last.olen += seg.olen;
            return;
        }
        self.segs.push(seg);
    }

    /// Copies `src[range]` unchanged (linear).
    pub fn copy(&mut self, src: &str, range: Range<usize>) {
        if range.start >= range.end {
            return;
        }
        let norm = self.out.len();
        self.out.push_str(&src[range.clone()]);
        self.push(Seg {
            norm,
            nlen: range.end - range.start,
            orig: range.start,
            olen: range.end - range.start,
            linear: true,
        });
    }

    /// Emits `text` for the source range `orig`: as one unit, or, when the
    /// caller says its chars line up with the source's (`linear`) and the
    /// byte lengths match, mapped byte for byte, which merges with the linear
    /// segments around it and keeps the map compact.
    pub fn replace(&mut self, orig: Range<usize>, text: &str, linear: bool) {
        if text.is_empty() {
            return;
        }
        let norm = self.out.len();
        self.out.push_str(text);
        let olen = orig.end.saturating_sub(orig.start);
        self.push(Seg {
            norm,
            nlen: text.len(),
            orig: orig.start,
            olen,
            linear: linear && olen == text.len(),
        });
    }

    /// Emits `ch` for the source range `orig` as one unit.
    pub fn replace_char(&mut self, orig: Range<usize>, ch: char) {
        let mut buf = [0u8; 4];
        self.replace(orig, ch.encode_utf8(&mut buf), false);
    }

    /// Emits `ch` for the source char at `orig` (a script conversion): byte
    /// for byte when both have the same length, else as one unit.
    pub fn convert_char(&mut self, orig: Range<usize>, ch: char) {
        let mut buf = [0u8; 4];
        self.replace(orig, ch.encode_utf8(&mut buf), true);
    }

    /// The last char emitted so far.
    pub fn last_char(&self) -> Option<char> {
        self.out.chars().next_back()
    }
}

/// Sorted run-length segments mapping normalised offsets to original offsets.
#[derive(Debug, Clone, Default)]
pub(crate) struct OffsetMap {
    segs: Vec<Seg>,
    norm_len: usize,
}

impl OffsetMap {
    pub fn new(segs: Vec<Seg>, norm_len: usize) -> Self {
        OffsetMap { segs, norm_len }
    }

    /// The identity map over a text of `len` bytes.
    #[cfg(test)]
    pub fn identity(len: usize) -> Self {
        let segs = if len == 0 {
            Vec::new()
        } else {
            vec![Seg {
                norm: 0,
                nlen: len,
                orig: 0,
                olen: len,
                linear: true,
            }]
        };
        OffsetMap {
            segs,
            norm_len: len,
        }
    }

    pub fn segments(&self) -> &[Seg] {
        &self.segs
    }

    /// Index of the segment containing normalised byte `p` (`p < norm_len`).
    fn containing(&self, p: usize) -> usize {
        self.segs.partition_point(|s| s.norm <= p).saturating_sub(1)
    }

    /// Original offset for a range *start* at normalised byte `p`.
    pub fn floor(&self, p: usize) -> usize {
        if self.segs.is_empty() {
            return 0;
        }
        if p >= self.norm_len {
            return self.segs.last().map_or(0, Seg::oend);
        }
        let s = &self.segs[self.containing(p)];
        if s.linear {
            s.orig + (p - s.norm).min(s.olen)
        } else {
            s.orig
        }
    }

    /// Original offset for a range *end* at normalised byte `p`.
    pub fn ceil(&self, p: usize) -> usize {
        if self.segs.is_empty() {
            return 0;
        }
        if p == 0 {
            return self.segs[0].orig;
        }
        let p = p.min(self.norm_len);
        // The segment with norm < p <= nend.
        let i = self.segs.partition_point(|s| s.norm < p).saturating_sub(1);
        let s = &self.segs[i];
        if s.linear {
            s.orig + (p - s.norm).min(s.olen)
        } else {
            s.oend()
        }
    }

    /// Maps a normalised range (already clamped, on char boundaries).
    pub fn map_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.floor(range.start);
        if range.start >= range.end {
            return start..start;
        }
        let end = self.ceil(range.end).max(start);
        start..end
    }

    /// Composes `self` (mid → original) with `next` (normalised → mid).
    pub fn then(&self, next: &[Seg]) -> Vec<Seg> {
        let mut b = Builder::default();
        for n in next {
            if n.linear {
                let (m, end) = (n.orig, n.orig + n.olen);
                let mut k = self.containing(m);
                while k < self.segs.len() && self.segs[k].norm < end {
                    let p = self.segs[k];
                    let a = m.max(p.norm);
                    let z = end.min(p.nend());
                    if a < z {
                        let seg = if p.linear {
                            Seg {
                                norm: n.norm + (a - m),
                                nlen: z - a,
                                orig: p.orig + (a - p.norm),
                                olen: z - a,
                                linear: true,
                            }
                        } else {
                            Seg {
                                norm: n.norm + (a - m),
                                nlen: z - a,
                                orig: p.orig,
                                olen: p.olen,
                                linear: false,
                            }
                        };
                        b.push(seg);
                    }
                    k += 1;
                }
            } else {
                let r = self.map_range(n.orig..n.orig + n.olen);
                b.push(Seg {
                    norm: n.norm,
                    nlen: n.nlen,
                    orig: r.start,
                    olen: r.end - r.start,
                    linear: false,
                });
            }
        }
        b.segs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_through() {
        let m = OffsetMap::identity(10);
        assert_eq!(m.map_range(2..5), 2..5);
        assert_eq!(m.map_range(0..10), 0..10);
        assert_eq!(m.map_range(4..4), 4..4);
    }

    #[test]
    fn unit_and_deletion() {
        // original "a<b>xy㎡" → "axy平方米"
        let src = "a<b>xy㎡";
        let mut b = Builder::default();
        b.copy(src, 0..1);
        b.copy(src, 4..6);
        b.replace(6..9, "平方米", false);
        let m = OffsetMap::new(b.segs, b.out.len());
        assert_eq!(b.out, "axy平方米");
        assert_eq!(m.map_range(0..1), 0..1);
        assert_eq!(m.map_range(1..3), 4..6);
        assert_eq!(m.map_range(3..6), 6..9); // first char of the unit
        assert_eq!(m.map_range(6..12), 6..9);
        assert_eq!(m.map_range(0..12), 0..9);
        assert_eq!(m.map_range(1..1), 4..4);
    }

    #[test]
    fn compose_linear_over_unit() {
        // step 1: "㎡x" → "平方米x"; step 2 deletes "方".
        let src = "㎡x";
        let mut b1 = Builder::default();
        b1.replace(0..3, "平方米", false);
        b1.copy(src, 3..4);
        let m1 = OffsetMap::new(b1.segs, b1.out.len());
        let mid = b1.out.clone();
        let mut b2 = Builder::default();
        b2.copy(&mid, 0..3);
        b2.copy(&mid, 6..10);
        let segs = m1.then(&b2.segs);
        let m = OffsetMap::new(segs, b2.out.len());
        assert_eq!(b2.out, "平米x");
        assert_eq!(m.map_range(0..3), 0..3);
        assert_eq!(m.map_range(3..6), 0..3);
        assert_eq!(m.map_range(6..7), 3..4);
    }
}
