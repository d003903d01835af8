//! Stage 3a: the unit or classifier after a number.
//!
//! Units live in `src/data/units.tsv` (surface, canonical, kind). Lookup is
//! longest-match at a byte position of the normalised text. Rates are built
//! from a unit and a "per" part: `元/月`, `单管/日`, `/10万`.

use std::sync::{Arc, LazyLock};

use crate::claim::UnitKind;
use crate::normalize::is_han;
use crate::words;

/// A unit found after a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundUnit {
    /// Canonical name (`元`, `元/月`), shared by every claim with the unit.
    pub canonical: Arc<str>,
    /// What it measures.
    pub kind: UnitKind,
    /// Bytes of normalised text the unit covers.
    pub len: usize,
}

pub(crate) struct UnitTable {
    /// Surfaces, searched anchored at the start of the text; the longest
    /// match wins (`LeftmostLongest`).
    surfaces: aho_corasick::AhoCorasick,
    /// Canonical name and kind of each surface, by pattern index.
    units: Vec<(&'static str, UnitKind)>,
    /// The canonical names once more, shared: a claim's unit costs no
    /// allocation of its own.
    shared: Vec<Arc<str>>,
}

static UNITS: LazyLock<UnitTable> =
    LazyLock::new(|| UnitTable::parse(include_str!("data/units.tsv")));

/// Per-words allowed after `/` in a rate, besides units themselves
/// (`src/data/rate_words.tsv`).
static PER_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    const FILE: &str = "rate_words.tsv";
    words::rows(FILE, include_str!("data/rate_words.tsv"))
        .map(|(kind, word)| match kind {
            "per" => word,
            _ => panic!("{FILE}: unknown kind {kind:?}"),
        })
        .collect()
});

impl UnitTable {
    fn parse(data: &'static str) -> Self {
        let mut surfaces = Vec::new();
        let mut units = Vec::new();
        for line in data.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(surface), Some(canonical), Some(kind)) = (f.next(), f.next(), f.next())
            else {
                panic!("units.tsv: bad line {line:?}");
            };
            let kind = UnitKind::from_name(kind)
                .unwrap_or_else(|| panic!("units.tsv: unknown kind in {line:?}"));
            assert!(
                !surfaces.contains(&surface),
                "units.tsv: {surface:?} listed twice"
            );
            surfaces.push(surface);
            units.push((canonical, kind));
        }
        let surfaces = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(&surfaces)
            .expect("units.tsv surfaces build");
        let shared = units.iter().map(|u| Arc::from(u.0)).collect();
        UnitTable {
            surfaces,
            units,
            shared,
        }
    }

    /// The longest unit that starts at the beginning of `rest`.
    fn longest(&self, rest: &str) -> Option<(&'static str, UnitKind, usize)> {
        self.longest_at(rest)
            .map(|(i, len)| (self.units[i].0, self.units[i].1, len))
    }

    /// The index and length of the longest unit at the start of `rest`.
    fn longest_at(&self, rest: &str) -> Option<(usize, usize)> {
        let input = aho_corasick::Input::new(rest).anchored(aho_corasick::Anchored::Yes);
        let m = self.surfaces.find(input)?;
        Some((m.pattern().as_usize(), m.end()))
    }
}

/// The unit `%`, shared.
pub(crate) fn percent() -> FoundUnit {
    static PERCENT: LazyLock<Arc<str>> = LazyLock::new(|| Arc::from("%"));
    FoundUnit {
        canonical: Arc::clone(&PERCENT),
        kind: UnitKind::Percent,
        len: 0,
    }
}

/// Whether `rest` starts with a unit from the table (no rate handling).
pub(crate) fn unit_prefix(rest: &str) -> Option<(&'static str, UnitKind, usize)> {
    UNITS.longest(rest)
}

/// The per-part of a rate after `/`: a per-word, a unit, or a number with a
/// scale word (`10万`). Returns its canonical text and length in bytes.
fn per_part(rest: &str) -> Option<(String, usize)> {
    // A number with a scale word: /10万, /100万, /万
    let digits = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
    let after = &rest[digits..];
    for scale in ["万", "千", "百", "亿"] {
        if after.starts_with(scale) && (digits > 0 || scale == "万") {
            let len = digits + scale.len();
            return Some((rest[..len].to_string(), len));
        }
    }
    if digits > 0 {
        return None;
    }
    let mut best: Option<(String, usize)> = None;
    for w in PER_WORDS.iter() {
        if rest.starts_with(w) && best.as_ref().is_none_or(|b| b.1 < w.len()) {
            best = Some((w.to_string(), w.len()));
        }
    }
    if let Some((c, _, len)) = UNITS.longest(rest)
        && best.as_ref().is_none_or(|b| b.1 < len)
    {
        best = Some((c.to_string(), len));
    }
    best
}

/// Finds the unit that starts at `rest` (the text right after a number).
///
/// Rules, in order:
/// - `rate_slash_number`: `/10万` right after the number (`138.22/10万`);
/// - `unit_then_per`: a unit then `/` and a per-part (`103.1元/月`, `1万元/托位`);
/// - `word_then_per`: one or two CJK chars then `/` and a per-part (`30万单管/日`);
/// - `unit`: a unit from the table (`1000张`, `22.86亿元` → 元).
pub(crate) fn find_unit(rest: &str) -> Option<FoundUnit> {
    if let Some(tail) = rest.strip_prefix('/')
        && let Some((per, len)) = per_part(tail)
        && per.starts_with(|c: char| c.is_ascii_digit() || c == '万')
    {
        return Some(FoundUnit {
            canonical: Arc::from(format!("/{per}")),
            kind: UnitKind::Rate,
            len: 1 + len,
        });
    }
    let unit = UNITS.longest(rest);
    if let Some((canonical, _, len)) = unit
        && let Some(tail) = rest[len..].strip_prefix('/')
        && let Some((per, plen)) = per_part(tail)
    {
        return Some(FoundUnit {
            canonical: Arc::from(format!("{canonical}/{per}")),
            kind: UnitKind::Rate,
            len: len + 1 + plen,
        });
    }
    // One or two CJK chars, then a slash and a per-part.
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n >= 2 || !is_han(c) {
            break;
        }
        let end = i + c.len_utf8();
        if let Some(tail) = rest[end..].strip_prefix('/')
            && let Some((per, plen)) = per_part(tail)
        {
            return Some(FoundUnit {
                canonical: Arc::from(format!("{}/{per}", &rest[..end])),
                kind: UnitKind::Rate,
                len: end + 1 + plen,
            });
        }
    }
    UNITS.longest_at(rest).map(|(i, len)| FoundUnit {
        canonical: Arc::clone(&UNITS.shared[i]),
        kind: UNITS.units[i].1,
        len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_by_rule() {
        // (text after the number, canonical unit, kind, covered text)
        let cases = [
            ("张。", "张", UnitKind::Count, "张"),
            ("人次,", "人次", UnitKind::Count, "人次"),
            ("元,占比", "元", UnitKind::Money, "元"),
            ("%的", "%", UnitKind::Percent, "%"),
            ("个百分点", "个百分点", UnitKind::Percent, "个百分点"),
            ("平方米", "平方米", UnitKind::Area, "平方米"),
            ("平米", "平方米", UnitKind::Area, "平米"),
            ("公里", "公里", UnitKind::Length, "公里"),
            ("ml", "毫升", UnitKind::Volume, "ml"),
            ("分钟", "分钟", UnitKind::Duration, "分钟"),
            ("元/月", "元/月", UnitKind::Rate, "元/月"),
            ("元/托位给予", "元/托位", UnitKind::Rate, "元/托位"),
            ("元/班", "元/班", UnitKind::Rate, "元/班"),
            ("/10万", "/10万", UnitKind::Rate, "/10万"),
            ("单管/日", "单管/日", UnitKind::Rate, "单管/日"),
            ("港元", "港元", UnitKind::Money, "港元"),
            ("A级以上", "A级", UnitKind::Level, "A级"),
            ("岁以下", "岁", UnitKind::Age, "岁"),
        ];
        for (rest, canonical, kind, covered) in cases {
            let u = find_unit(rest).unwrap_or_else(|| panic!("no unit in {rest:?}"));
            assert_eq!(&*u.canonical, canonical, "{rest}");
            assert_eq!(u.kind, kind, "{rest}");
            assert_eq!(&rest[..u.len], covered, "{rest}");
        }
    }

    #[test]
    fn no_unit() {
        for rest in ["", "医院", "大城市", ",", "调度中心", "/"] {
            assert_eq!(find_unit(rest), None, "{rest}");
        }
    }
}
