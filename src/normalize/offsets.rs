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
//! segments never overlap another segment in the original.
//!
//! **Storage.** Segments of the same shape (same lengths, both linear or
//! both unit) that follow each other at a constant original stride form one
//! *run*: 10 MB of `&lt;`, of `a\r\n`, of full-width `ａ` or of `a` plus a
//! zero-width space is one run, not one entry per edit. Runs are stored as
//! variable-length integers (typically 2–4 bytes per run) in blocks of
//! [`BLOCK`] runs, each block headed by its absolute normalised and original
//! start. A lookup binary-searches the block heads, then decodes at most
//! [`BLOCK`] runs: O(log n). Input with no repeating edit shape still costs
//! only a few bytes per edit instead of a 40-byte struct.

use std::ops::Range;

/// Runs per block: a lookup decodes at most this many.
const BLOCK: usize = 16;

/// One segment of the offset map.
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
    /// `len` bytes copied unchanged from `orig` to `norm`.
    fn linear(norm: usize, orig: usize, len: usize) -> Seg {
        Seg {
            norm,
            nlen: len,
            orig,
            olen: len,
            linear: true,
        }
    }

    fn nend(&self) -> usize {
        self.norm + self.nlen
    }
    fn oend(&self) -> usize {
        self.orig + self.olen
    }
    fn same_shape(&self, o: &Seg) -> bool {
        self.nlen == o.nlen && self.olen == o.olen && self.linear == o.linear
    }
}

/// `count` segments of the shape of `first`, each `step` original bytes
/// after the one before (normalised starts are contiguous).
#[derive(Debug, Clone, Copy)]
struct Run {
    first: Seg,
    count: usize,
    step: usize,
}

impl Run {
    fn single(first: Seg) -> Self {
        Run {
            first,
            count: 1,
            step: 0,
        }
    }
    fn nend(&self) -> usize {
        self.first.norm + self.count * self.first.nlen
    }
    /// The `k`-th segment (`k < count`).
    fn seg(&self, k: usize) -> Seg {
        Seg {
            norm: self.first.norm + k * self.first.nlen,
            orig: self.first.orig + k * self.step,
            ..self.first
        }
    }
    fn last(&self) -> Seg {
        self.seg(self.count - 1)
    }
}

/// Where a block of runs starts.
#[derive(Debug, Clone, Copy)]
struct Block {
    /// Normalised start of its first run.
    norm: usize,
    /// Original start of its first run.
    orig: usize,
    /// Byte offset of its first run in `data`.
    at: usize,
}

fn put_varint(data: &mut Vec<u8>, mut v: usize) {
    while v >= 0x80 {
        data.push((v as u8) | 0x80);
        v >>= 7;
    }
    data.push(v as u8);
}

#[inline]
fn get_varint(data: &[u8], at: &mut usize) -> usize {
    // One byte: nearly every length and gap.
    if let Some(&b) = data.get(*at)
        && b < 0x80
    {
        *at += 1;
        return b as usize;
    }
    let mut v = 0usize;
    let mut shift = 0;
    while let Some(&b) = data.get(*at) {
        *at += 1;
        if shift < usize::BITS {
            v |= ((b & 0x7F) as usize) << shift;
        }
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    v
}

/// Writes segments as compact runs (see the module doc).
#[derive(Debug, Default, Clone)]
struct Writer {
    data: Vec<u8>,
    blocks: Vec<Block>,
    runs: usize,
    /// Runs in the last block.
    in_block: usize,
    /// Original start of the last segment written.
    last_orig: usize,
    /// The run still growing.
    pending: Option<Run>,
}

impl Writer {
    fn push(&mut self, seg: Seg) {
        if seg.nlen == 0 {
            return;
        }
        let Some(mut run) = self.pending else {
            self.pending = Some(Run::single(seg));
            return;
        };
        let last = run.last();
        debug_assert_eq!(last.nend(), seg.norm, "segments must be contiguous");
        // Linear segments that continue each other are one segment.
        if seg.linear && last.linear && last.oend() == seg.orig {
            let merged = Seg {
                nlen: last.nlen + seg.nlen,
                olen: last.olen + seg.olen,
                ..last
            };
            if run.count == 1 {
                self.pending = Some(Run::single(merged));
            } else {
                run.count -= 1;
                self.flush(run);
                self.pending = Some(Run::single(merged));
            }
            return;
        }
        if seg.same_shape(&last) && seg.orig >= last.orig {
            let step = seg.orig - last.orig;
            if run.count == 1 || step == run.step {
                run.step = step;
                run.count += 1;
                self.pending = Some(run);
                return;
            }
        }
        self.flush(run);
        self.pending = Some(Run::single(seg));
    }

    /// Appends all segments of `run` (copied from another map, so its
    /// linear elements never continue each other).
    fn push_run(&mut self, run: Run) {
        self.push(run.seg(0));
        if run.count == 1 {
            return;
        }
        self.push(run.seg(1));
        let rest = run.count - 2;
        match &mut self.pending {
            Some(p)
                if rest > 0 && p.last() == run.seg(1) && (p.count == 1 || p.step == run.step) =>
            {
                p.step = run.step;
                p.count += rest;
            }
            _ => (2..run.count).for_each(|k| self.push(run.seg(k))),
        }
    }

    /// Encodes a finished run.
    fn flush(&mut self, run: Run) {
        let f = run.first;
        let new_block = self.in_block == BLOCK || self.blocks.is_empty() || f.orig < self.last_orig;
        if new_block {
            self.blocks.push(Block {
                norm: f.norm,
                orig: f.orig,
                at: self.data.len(),
            });
            self.in_block = 0;
        }
        let gap = if new_block {
            0
        } else {
            f.orig - self.last_orig
        };
        let head = (f.nlen << 2) | (usize::from(f.linear) << 1) | usize::from(run.count > 1);
        put_varint(&mut self.data, head);
        if !f.linear {
            put_varint(&mut self.data, f.olen);
        }
        put_varint(&mut self.data, gap);
        if run.count > 1 {
            put_varint(&mut self.data, run.count);
            put_varint(&mut self.data, run.step);
        }
        self.last_orig = run.last().orig;
        self.in_block += 1;
        self.runs += 1;
    }

    fn finish(mut self, norm_len: usize) -> OffsetMap {
        if let Some(run) = self.pending.take() {
            self.flush(run);
        }
        self.data.shrink_to_fit();
        self.blocks.shrink_to_fit();
        OffsetMap {
            data: self.data,
            blocks: self.blocks,
            runs: self.runs,
            norm_len,
        }
    }
}

/// Appends output text and records where each piece came from.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    pub out: String,
    map: Writer,
    /// Bytes to reserve for `out` on the first write: a step that ends up
    /// changing nothing never allocates its copy of the text.
    reserve: usize,
}

impl Builder {
    pub fn with_capacity(n: usize) -> Self {
        Builder {
            out: String::new(),
            map: Writer::default(),
            reserve: n,
        }
    }

    fn push_out(&mut self, text: &str) {
        if self.reserve > 0 {
            self.out
                .reserve(std::mem::take(&mut self.reserve).max(text.len()));
        }
        self.out.push_str(text);
    }

    /// `out` for a source of the same byte length, mapped byte for byte
    /// (chars replaced by chars of the same length).
    pub fn linear(out: String) -> Self {
        let len = out.len();
        let mut b = Builder {
            out,
            ..Builder::default()
        };
        b.map.push(Seg::linear(0, 0, len));
        b
    }

    /// Copies `src[range]` unchanged (linear).
    pub fn copy(&mut self, src: &str, range: Range<usize>) {
        if range.start >= range.end {
            return;
        }
        let norm = self.out.len();
        self.push_out(&src[range.clone()]);
        self.map
            .push(Seg::linear(norm, range.start, range.end - range.start));
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
        self.push_out(text);
        let olen = orig.end.saturating_sub(orig.start);
        self.map.push(Seg {
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

    /// The output text and its map to the source.
    pub fn finish(self) -> (String, OffsetMap) {
        let len = self.out.len();
        (self.out, self.map.finish(len))
    }

    /// The segments written so far, one by one (tests).
    #[cfg(test)]
    pub fn segs(&self) -> Vec<Seg> {
        self.map.clone().finish(self.out.len()).segs().collect()
    }
}

/// Sorted run-length segments mapping normalised offsets to original offsets.
#[derive(Debug, Clone, Default)]
pub(crate) struct OffsetMap {
    data: Vec<u8>,
    blocks: Vec<Block>,
    runs: usize,
    norm_len: usize,
}

/// Decodes the runs of one block after another.
#[derive(Clone)]
struct Runs<'a> {
    map: &'a OffsetMap,
    /// Block of the next run.
    block: usize,
    /// Where the block after it starts in `data` (`usize::MAX`: none).
    next_block_at: usize,
    /// Byte offset of the next run in `data`.
    at: usize,
    /// Normalised start of the next run.
    norm: usize,
    /// Original start of the last segment decoded.
    last_orig: usize,
}

impl Iterator for Runs<'_> {
    type Item = Run;

    fn next(&mut self) -> Option<Run> {
        let data = &self.map.data;
        if self.at >= data.len() {
            return None;
        }
        if self.at == self.next_block_at {
            // A block's first run is placed by its head (its gap is 0).
            self.block += 1;
            if let Some(b) = self.map.blocks.get(self.block) {
                self.norm = b.norm;
                self.last_orig = b.orig;
            }
            self.next_block_at = self
                .map
                .blocks
                .get(self.block + 1)
                .map_or(usize::MAX, |b| b.at);
        }
        let head = get_varint(data, &mut self.at);
        let nlen = head >> 2;
        let linear = head & 2 != 0;
        let olen = if linear {
            nlen
        } else {
            get_varint(data, &mut self.at)
        };
        let orig = self.last_orig + get_varint(data, &mut self.at);
        let first = Seg {
            norm: self.norm,
            nlen,
            orig,
            olen,
            linear,
        };
        let run = if head & 1 != 0 {
            let count = get_varint(data, &mut self.at).max(1);
            let step = get_varint(data, &mut self.at);
            Run { first, count, step }
        } else {
            Run::single(first)
        };
        if run.count == 1 {
            self.norm += nlen;
            self.last_orig = orig;
        } else {
            self.norm = run.nend();
            self.last_orig = run.last().orig;
        }
        Some(run)
    }
}

impl OffsetMap {
    /// The identity map over a text of `len` bytes.
    #[cfg(test)]
    pub fn identity(len: usize) -> Self {
        let mut b = Builder::default();
        b.map.push(Seg::linear(0, 0, len));
        b.map.finish(len)
    }

    /// Number of stored runs (a measure of the map's memory use).
    pub fn run_count(&self) -> usize {
        self.runs
    }

    /// Bytes the map occupies (heap and struct).
    pub fn heap_bytes(&self) -> usize {
        self.data.capacity() + self.blocks.capacity() * std::mem::size_of::<Block>()
    }

    fn runs_from(&self, block: usize) -> Runs<'_> {
        let b = self.blocks.get(block);
        Runs {
            map: self,
            block,
            next_block_at: self.blocks.get(block + 1).map_or(usize::MAX, |b| b.at),
            at: b.map_or(self.data.len(), |b| b.at),
            norm: b.map_or(0, |b| b.norm),
            last_orig: b.map_or(0, |b| b.orig),
        }
    }

    /// Every segment, in order (runs expanded).
    pub fn segs(&self) -> impl Iterator<Item = Seg> + '_ {
        self.runs_from(0)
            .flat_map(|r| (0..r.count).map(move |k| r.seg(k)))
    }

    /// Original offset for a range *start* at normalised byte `p`.
    pub fn floor(&self, p: usize) -> usize {
        self.floor_at(&mut Cursor::new(self), p)
    }

    fn floor_at(&self, cur: &mut Cursor<'_>, p: usize) -> usize {
        if p >= self.norm_len {
            return self.last_oend(cur);
        }
        cur.seek(p);
        let Some(s) = cur.seg() else {
            return 0;
        };
        if s.linear {
            s.orig + (p - s.norm.min(p)).min(s.olen)
        } else {
            s.orig
        }
    }

    /// Original offset for a range *end* at normalised byte `p`.
    #[cfg(test)]
    pub fn ceil(&self, p: usize) -> usize {
        self.ceil_at(&mut Cursor::new(self), p)
    }

    fn ceil_at(&self, cur: &mut Cursor<'_>, p: usize) -> usize {
        if self.blocks.is_empty() {
            return 0;
        }
        if p == 0 {
            return self.blocks[0].orig;
        }
        let p = p.min(self.norm_len);
        // The segment with norm < p <= nend: the one holding byte p - 1.
        cur.seek(p - 1);
        let Some(s) = cur.seg() else {
            return 0;
        };
        if s.linear {
            s.orig + (p - s.norm.min(p)).min(s.olen)
        } else {
            s.oend()
        }
    }

    /// Original end of the last segment.
    fn last_oend(&self, cur: &mut Cursor<'_>) -> usize {
        match self.norm_len.checked_sub(1) {
            Some(p) => {
                cur.seek(p);
                cur.seg().map_or(0, |s| s.oend())
            }
            None => 0,
        }
    }

    /// Maps a normalised range (already clamped, on char boundaries): one
    /// search for its start, then forward to its end.
    pub fn map_range(&self, range: Range<usize>) -> Range<usize> {
        self.map_range_at(&mut Cursor::new(self), range)
    }

    fn map_range_at(&self, cur: &mut Cursor<'_>, range: Range<usize>) -> Range<usize> {
        let start = self.floor_at(cur, range.start);
        if range.start >= range.end {
            return start..start;
        }
        let end = self.ceil_at(cur, range.end).max(start);
        start..end
    }

    /// Composes `self` (mid → original) with `next` (normalised → mid).
    pub fn then(&self, next: &OffsetMap) -> OffsetMap {
        let mut w = Writer::default();
        let mut cur = Cursor::new(self);
        let mut unit_cur = Cursor::new(self);
        for n in next.segs() {
            if n.linear {
                let (m, end) = (n.orig, n.orig + n.olen);
                cur.seek(m);
                while let Some(p) = cur.seg().filter(|p| p.norm < end) {
                    // A whole run inside `n` is copied as a run.
                    if let Some(run) = cur.whole_run().filter(|r| p.norm >= m && r.nend() <= end) {
                        w.push_run(Run {
                            first: Seg {
                                norm: n.norm + (p.norm - m),
                                ..run.first
                            },
                            ..run
                        });
                        if run.nend() >= end {
                            break;
                        }
                        cur.next_run();
                        continue;
                    }
                    let a = m.max(p.norm);
                    let z = end.min(p.nend());
                    if a < z {
                        w.push(if p.linear {
                            Seg::linear(n.norm + (a - m), p.orig + (a - p.norm), z - a)
                        } else {
                            Seg {
                                norm: n.norm + (a - m),
                                nlen: z - a,
                                orig: p.orig,
                                olen: p.olen,
                                linear: false,
                            }
                        });
                    }
                    if p.nend() >= end {
                        break;
                    }
                    cur.advance();
                }
            } else {
                let r = self.map_range_at(&mut unit_cur, n.orig..n.orig + n.olen);
                w.push(Seg {
                    norm: n.norm,
                    nlen: n.nlen,
                    orig: r.start,
                    olen: r.end - r.start,
                    linear: false,
                });
            }
        }
        w.finish(next.norm_len)
    }
}

/// A forward cursor over the segments of a map (for composition, whose
/// lookups mostly move forward).
struct Cursor<'a> {
    map: &'a OffsetMap,
    runs: Runs<'a>,
    run: Option<Run>,
    k: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor placed nowhere yet (the first seek searches).
    fn new(map: &'a OffsetMap) -> Self {
        Cursor {
            map,
            runs: map.runs_from(0),
            run: None,
            k: 0,
        }
    }

    fn seg(&self) -> Option<Seg> {
        self.run.map(|r| r.seg(self.k))
    }

    /// The current run, when the cursor stands on its first segment.
    fn whole_run(&self) -> Option<Run> {
        self.run.filter(|_| self.k == 0)
    }

    /// Moves to the first segment of the next run.
    fn next_run(&mut self) {
        self.run = self.runs.next();
        self.k = 0;
    }

    fn advance(&mut self) {
        if let Some(r) = self.run {
            if self.k + 1 < r.count {
                self.k += 1;
            } else {
                self.run = self.runs.next();
                self.k = 0;
            }
        }
    }

    /// Moves to the segment containing normalised byte `p` (or the last).
    fn seek(&mut self, p: usize) {
        let behind = self.run.is_none_or(|r| p < r.first.norm);
        // Far ahead (beyond the next block): jump by binary search.
        let far = self
            .map
            .blocks
            .get(self.runs.block + 1)
            .is_some_and(|b| b.norm <= p);
        if behind || far {
            let bi = self
                .map
                .blocks
                .partition_point(|b| b.norm <= p)
                .saturating_sub(1);
            self.runs = self.map.runs_from(bi);
            self.run = self.runs.next();
            self.k = 0;
        }
        while let Some(r) = self.run {
            if p < r.nend() {
                self.k = ((p.saturating_sub(r.first.norm)) / r.first.nlen.max(1)).min(r.count - 1);
                return;
            }
            match self.runs.next() {
                Some(n) => self.run = Some(n),
                None => {
                    self.k = r.count - 1;
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(b: Builder) -> (String, OffsetMap) {
        b.finish()
    }

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
        let (out, m) = built(b);
        assert_eq!(out, "axy平方米");
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
        let (mid, m1) = built(b1);
        let mut b2 = Builder::default();
        b2.copy(&mid, 0..3);
        b2.copy(&mid, 6..10);
        let (out, m2) = built(b2);
        let m = m1.then(&m2);
        assert_eq!(out, "平米x");
        assert_eq!(m.map_range(0..3), 0..3);
        assert_eq!(m.map_range(3..6), 0..3);
        assert_eq!(m.map_range(6..7), 3..4);
    }

    #[test]
    fn same_shape_edits_share_one_run() {
        // `&lt;` × n → `<` × n: one run however long.
        let src = "&lt;".repeat(10_000);
        let mut b = Builder::default();
        for i in 0..10_000 {
            b.replace_char(4 * i..4 * i + 4, '<');
        }
        let (out, m) = built(b);
        assert_eq!(out.len(), 10_000);
        assert_eq!(m.run_count(), 1);
        assert!(m.heap_bytes() < 64, "{} bytes", m.heap_bytes());
        assert_eq!(m.map_range(5..6), 20..24);
        assert_eq!(&src[m.map_range(9_999..10_000)], "&lt;");
        // `a\r\n` → `a\n`: a first copy, then one run of `\na`, then `\n`.
        let src = "a\r\n".repeat(10_000);
        let mut b = Builder::default();
        let mut run = 0;
        for (i, _) in src.match_indices('\r') {
            b.copy(&src, run..i);
            run = i + 1;
        }
        b.copy(&src, run..src.len());
        let (out, m) = built(b);
        assert_eq!(out, "a\n".repeat(10_000));
        assert!(m.run_count() <= 3, "{} runs", m.run_count());
        assert_eq!(m.map_range(2..4), 3..6);
        assert_eq!(m.map_range(3..4), 5..6);
    }

    /// The reference: segments as a plain vector, merged as the old map did,
    /// looked up by binary search.
    struct Plain(Vec<Seg>, usize);

    impl Plain {
        fn push(&mut self, seg: Seg) {
            if seg.nlen == 0 {
                return;
            }
            if let Some(last) = self.0.last_mut()
                && seg.linear
                && last.linear
                && last.oend() == seg.orig
            {
                last.nlen += seg.nlen;
                last.olen += seg.olen;
                return;
            }
            self.0.push(seg);
        }
        /// The composition algorithm of the plain map.
        fn then(&self, next: &[Seg]) -> Plain {
            let mut b = Plain(Vec::new(), 0);
            for n in next {
                if n.linear {
                    let (m, end) = (n.orig, n.orig + n.olen);
                    let mut k = self.0.partition_point(|s| s.norm <= m).saturating_sub(1);
                    while k < self.0.len() && self.0[k].norm < end {
                        let p = self.0[k];
                        let a = m.max(p.norm);
                        let z = end.min(p.nend());
                        if a < z {
                            b.push(Seg {
                                norm: n.norm + (a - m),
                                nlen: z - a,
                                orig: if p.linear {
                                    p.orig + (a - p.norm)
                                } else {
                                    p.orig
                                },
                                olen: if p.linear { z - a } else { p.olen },
                                linear: p.linear,
                            });
                        }
                        k += 1;
                    }
                } else {
                    let start = self.floor(n.orig);
                    let end = self.ceil(n.orig + n.olen).max(start);
                    b.push(Seg {
                        norm: n.norm,
                        nlen: n.nlen,
                        orig: start,
                        olen: end - start,
                        linear: false,
                    });
                }
            }
            b
        }
        fn floor(&self, p: usize) -> usize {
            if self.0.is_empty() {
                return 0;
            }
            if p >= self.1 {
                return self.0.last().map_or(0, Seg::oend);
            }
            let i = self.0.partition_point(|s| s.norm <= p).saturating_sub(1);
            let s = &self.0[i];
            if s.linear {
                s.orig + (p - s.norm).min(s.olen)
            } else {
                s.orig
            }
        }
        fn ceil(&self, p: usize) -> usize {
            if self.0.is_empty() {
                return 0;
            }
            if p == 0 {
                return self.0[0].orig;
            }
            let p = p.min(self.1);
            let i = self.0.partition_point(|s| s.norm < p).saturating_sub(1);
            let s = &self.0[i];
            if s.linear {
                s.orig + (p - s.norm).min(s.olen)
            } else {
                s.oend()
            }
        }
    }

    use crate::normalize::test_rng::Rng;

    #[test]
    fn runs_agree_with_plain_segments() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        for case in 0..400 {
            let (mut b, mut plain) = (Builder::default(), Plain(Vec::new(), 0));
            let (mut norm, mut orig) = (0usize, 0usize);
            // Shapes repeat often so that runs of every length form.
            let shapes = [
                (1, 1, true),
                (2, 2, true),
                (1, 4, false),
                (3, 1, false),
                (1, 3, false),
            ];
            let n = 1 + rng.below(if case % 10 == 0 { 3000 } else { 80 });
            let mut shape = shapes[0];
            for _ in 0..n {
                if rng.below(4) == 0 {
                    shape = shapes[rng.below(shapes.len())];
                }
                let gap = [0, 0, 1, 2, 5][rng.below(5)];
                orig += gap;
                let (nlen, olen, linear) = shape;
                let seg = Seg {
                    norm,
                    nlen,
                    orig,
                    olen,
                    linear,
                };
                b.map.push(seg);
                plain.push(seg);
                norm += nlen;
                orig += olen;
            }
            plain.1 = norm;
            let m = b.map.finish(norm);
            let decoded: Vec<Seg> = m.segs().collect();
            let mut merged = Plain(Vec::new(), norm);
            for s in &decoded {
                merged.push(*s);
            }
            assert_eq!(merged.0, plain.0, "case {case}");
            for p in 0..=norm + 2 {
                assert_eq!(m.floor(p), plain.floor(p), "floor({p}) case {case}");
                assert_eq!(m.ceil(p), plain.ceil(p), "ceil({p}) case {case}");
            }
            // Composition with a second step that deletes every third byte
            // and widens some bytes: the same segments as the old algorithm.
            let mut b2 = Builder::default();
            let mut plain2 = Plain(Vec::new(), 0);
            let mid = "x".repeat(norm);
            for i in (0..norm).filter(|i| i % 3 != 2) {
                let at = b2.out.len();
                let seg = if rng.below(3) == 0 {
                    b2.replace(i..i + 1, "yy", false);
                    Seg {
                        norm: at,
                        nlen: 2,
                        orig: i,
                        olen: 1,
                        linear: false,
                    }
                } else {
                    b2.copy(&mid, i..i + 1);
                    Seg::linear(at, i, 1)
                };
                plain2.push(seg);
            }
            let (out, m2) = b2.finish();
            plain2.1 = out.len();
            let composed: Vec<Seg> = m.then(&m2).segs().collect();
            let mut got = Plain(Vec::new(), 0);
            for s in composed {
                got.push(s);
            }
            assert_eq!(got.0, plain.then(&plain2.0).0, "case {case}");
            // Long copies (whole runs copied as runs): the identity, and
            // the text without one byte in the middle.
            for cut in [None, Some(norm / 2)] {
                let mut b3 = Builder::default();
                let mut plain3 = Plain(Vec::new(), 0);
                let pieces: Vec<Range<usize>> = match cut {
                    None => std::iter::once(0..norm).collect(),
                    Some(c) => vec![0..c, (c + 1).min(norm)..norm],
                };
                for r in pieces {
                    let at = b3.out.len();
                    b3.copy(&mid, r.clone());
                    if r.start < r.end {
                        plain3.push(Seg::linear(at, r.start, r.len()));
                    }
                }
                let (_, m3) = b3.finish();
                let mut got = Plain(Vec::new(), 0);
                for s in m.then(&m3).segs() {
                    got.push(s);
                }
                assert_eq!(got.0, plain.then(&plain3.0).0, "case {case} cut {cut:?}");
            }
        }
    }
}
