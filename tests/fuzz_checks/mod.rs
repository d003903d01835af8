//! Invariants checked by the fuzz targets in `fuzz/` and, on the seeds and
//! the minimised crashes, by `tests/fuzz_regressions.rs`.
//!
//! Each `check_*` takes arbitrary bytes and panics when an invariant fails;
//! bytes that are not UTF-8 are ignored (except by `check_extract`, which
//! also checks that `extract_bytes` rejects them, and `check_structured`,
//! which reads them as a recipe for a large text).

use std::sync::LazyLock;

#[path = "../hostile_inputs/mod.rs"]
pub mod hostile_inputs;

use zhclaims::normalize;
use zhclaims::numeral;
use zhclaims::{Claim, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// Claim spans: on char boundaries inside `input`, `&input[start..end] ==
/// text`, in document order, inside their sentence.
pub fn check_claims(input: &str, claims: &[Claim]) {
    let mut last = 0;
    for c in claims {
        assert!(
            c.start <= c.end && c.end <= input.len(),
            "claim span out of the input ({} bytes): {c:?}",
            input.len()
        );
        assert!(
            input.is_char_boundary(c.start) && input.is_char_boundary(c.end),
            "claim span not on char boundaries: {c:?}"
        );
        assert_eq!(&input[c.start..c.end], c.text, "claim text is its span");
        assert!(c.start >= last, "claims out of document order: {c:?}");
        last = c.start;
        assert!(
            c.sentence.start <= c.start && c.end <= c.sentence.end && c.sentence.end <= input.len(),
            "claim outside its sentence: {c:?}"
        );
    }
}

/// Target `extract`: UTF-8 input → extract; claim spans valid; extraction
/// deterministic; `extract_bytes` agrees with `extract` and rejects non-UTF-8.
pub fn check_extract(data: &[u8]) {
    let ex = &*EXTRACTOR;
    let Ok(input) = std::str::from_utf8(data) else {
        assert!(ex.extract_bytes(data).is_err(), "invalid UTF-8 accepted");
        return;
    };
    let doc = ex.extract(input);
    check_claims(input, &doc.claims);
    let again = ex.extract(input);
    assert_eq!(doc, again, "extraction is not deterministic");
    let bytes = ex.extract_bytes(data).expect("valid UTF-8 rejected");
    assert_eq!(doc, bytes, "extract_bytes differs from extract");
}

/// Target `numeral`: `scan` spans are non-empty, on char boundaries, inside
/// the text, non-overlapping and increasing; `parse` of each scanned surface
/// reads the same number.
pub fn check_numeral(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let found = numeral::scan(text);
    let mut prev_end = 0;
    for m in &found {
        assert!(
            m.start < m.end && m.end <= text.len(),
            "bad span {}..{} in {} bytes: {m:?}",
            m.start,
            m.end,
            text.len()
        );
        assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "span not on char boundaries: {m:?}"
        );
        assert!(
            m.start >= prev_end,
            "overlapping or out-of-order matches: {m:?} starts before {prev_end}"
        );
        prev_end = m.end;
        let surface = m.as_str(text);
        let parsed = numeral::parse(surface);
        let Some(p) = parsed else {
            panic!("scanned surface {surface:?} does not parse: {m:?}");
        };
        assert_eq!(
            (p.value, p.value_max, p.percent),
            (m.value, m.value_max, m.percent),
            "parse({surface:?}) differs from scan: {p:?} vs {m:?}"
        );
    }
}

/// Target `normalize`: `to_original` maps every char-boundary range of the
/// normalised text to a char-boundary range of the input, and is monotonic.
///
/// All ranges are checked when the normalised text has at most 160 chars;
/// beyond that, all ranges of up to 8 chars plus all prefixes and suffixes.
pub fn check_normalize(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let n = normalize::normalize(input);
    assert_eq!(n.original_len(), input.len());
    let t = n.text();
    let bounds: Vec<usize> = t
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(t.len()))
        .collect();
    let map = |a: usize, b: usize| {
        let r = n.to_original(a..b);
        assert!(
            r.start <= r.end && r.end <= input.len(),
            "to_original({a}..{b}) = {r:?} out of the input ({} bytes)",
            input.len()
        );
        assert!(
            input.is_char_boundary(r.start) && input.is_char_boundary(r.end),
            "to_original({a}..{b}) = {r:?} not on char boundaries"
        );
        r
    };
    let k = bounds.len();
    let window = if k <= 161 { k } else { 9 };
    // For a fixed start, the mapped range's end is non-decreasing in the
    // range's end (and its start does not move).
    for i in 0..k {
        let first = map(bounds[i], bounds[i]);
        let mut prev = first.clone();
        for &b in &bounds[i + 1..(i + window).min(k)] {
            let r = map(bounds[i], b);
            assert!(
                r.start == first.start && r.end >= prev.end,
                "not monotonic: to_original({}..{b}) = {r:?} after {prev:?}",
                bounds[i]
            );
            prev = r;
        }
    }
    // Starts and ends non-decreasing along the text; prefixes and suffixes.
    let mut prev = 0..0;
    for w in bounds.windows(2) {
        let r = map(w[0], w[1]);
        assert!(
            r.start >= prev.start && r.end >= prev.end,
            "not monotonic: to_original({}..{}) = {r:?} after {prev:?}",
            w[0],
            w[1]
        );
        let pre = map(0, w[1]);
        let suf = map(w[0], t.len());
        assert!(
            pre.start <= r.start && pre.end <= r.end,
            "prefix {pre:?} vs {r:?}"
        );
        assert!(
            suf.start == r.start && suf.end >= r.end,
            "suffix {suf:?} vs {r:?}"
        );
        prev = r;
    }
}

/// Largest text [`structured_text`] builds (bytes).
pub const STRUCTURED_MAX: usize = 1 << 20;

/// A large text from a small recipe, so that slow paths show up as
/// timeouts: byte 0 picks a wrapper (plain, one-line JSON, HTML), then each
/// pair `(what, reps)` appends a piece `2^(reps % 17)` times (1 to 65 536),
/// up to [`STRUCTURED_MAX`] bytes. A piece is the fragment of a hostile
/// input family (`tests/hostile_inputs/mod.rs`), a claim, or a literal of
/// up to 15 bytes taken from the recipe itself.
pub fn structured_text(data: &[u8]) -> String {
    use hostile_inputs::{AFTER, BEFORE, FAMILIES};
    let Some((&wrap, mut rest)) = data.split_first() else {
        return String::new();
    };
    let mut body = String::new();
    while let [what, reps, tail @ ..] = rest {
        rest = tail;
        let k = *what as usize % (FAMILIES.len() + 3);
        let literal;
        let piece: &str = match k {
            k if k < FAMILIES.len() => FAMILIES[k].fragment,
            k if k == FAMILIES.len() => BEFORE,
            k if k == FAMILIES.len() + 1 => AFTER,
            _ => {
                let n = (*reps as usize % 16).min(rest.len());
                literal = String::from_utf8_lossy(&rest[..n]).into_owned();
                rest = &rest[n..];
                &literal
            }
        };
        let count = 1usize << (*reps % 17);
        let room = STRUCTURED_MAX.saturating_sub(body.len()) / piece.len().max(1);
        body.push_str(&piece.repeat(count.min(room)));
        if body.len() >= STRUCTURED_MAX || piece.is_empty() && rest.is_empty() {
            break;
        }
    }
    match wrap % 3 {
        0 => body,
        1 => format!("{{\"content\":\"{body}\"}}"),
        _ => format!("<html><body><p>{body}</p></body></html>"),
    }
}

/// Target `structured`: the input is a recipe ([`structured_text`]), the
/// text it makes is extracted and its claims checked as in
/// [`check_extract`]; run with a timeout, a path slower than linear shows
/// up as one.
pub fn check_structured(data: &[u8]) {
    let text = structured_text(data);
    let doc = EXTRACTOR.extract(&text);
    check_claims(&text, &doc.claims);
}
