//! OpenCC's `t2s` conversion applied straight from its two tables, with
//! the offset map written as it goes.
//!
//! `t2s` is longest match over `TSPhrases` (2–10 chars) and `TSCharacters`
//! (1 char): at each position the longest phrase that starts there wins,
//! else the character's own entry, else the character stays. opencc-fmmseg
//! does the same over the same tables, but it cannot say where each output
//! char came from, so its output had to be aligned again afterwards, and it
//! hashes every candidate length at every char. Here a char costs one table
//! load (and a bitset test for phrase starts), and a changed char is handed
//! out with its source range. Tests check the output equals opencc-fmmseg's
//! on the fixtures, on OpenCC's own cases and on generated phrase mixes.

use std::ops::Range;

use rustc_hash::FxHashMap;

/// The `t2s` tables, ready for longest-match conversion.
pub(super) struct Tables {
    /// Replacement of each BMP char: `0` when t2s keeps it, [`ASTRAL`] when
    /// the replacement lies beyond the BMP, else the replacement itself
    /// (16 bits a char keeps the table's CJK part in 40 KB).
    bmp: Vec<u16>,
    /// Replacements of and by chars beyond the BMP.
    astral: FxHashMap<char, char>,
    /// Bitset over all code points: first chars of phrases.
    phrase_start: Vec<u64>,
    /// Phrases by first char, longest first.
    phrases: FxHashMap<char, Vec<Phrase>>,
}

/// A `TSPhrases` entry: key and value, of the same char count.
type Phrase = (Box<str>, Box<str>);

/// `bmp` entry of a char whose replacement is in `astral`. U+FFFF is a
/// noncharacter, never a `t2s` output.
const ASTRAL: u16 = 0xFFFF;

const BITSET_WORDS: usize = 0x11_0000 / 64 + 1;

/// Whether `c`'s bit is set in a bitset over all code points.
#[inline]
pub(super) fn has_bit(set: &[u64], c: char) -> bool {
    let u = c as usize;
    (set[u / 64] >> (u % 64)) & 1 == 1
}

pub(super) fn set_bit(set: &mut [u64], c: char) {
    let u = c as usize;
    set[u / 64] |= 1 << (u % 64);
}

/// An empty bitset over all code points.
pub(super) fn bitset() -> Vec<u64> {
    vec![0; BITSET_WORDS]
}

impl Tables {
    /// Tables that convert nothing.
    pub(super) fn empty() -> Tables {
        Tables {
            bmp: vec![0; 0x1_0000],
            astral: FxHashMap::default(),
            phrase_start: bitset(),
            phrases: FxHashMap::default(),
        }
    }

    /// Builds the tables from OpenCC's `(key, value)` pairs. A phrase whose
    /// value has another char count than its key, or a character entry
    /// that is not one char to one char, is an error (OpenCC's `t2s` tables
    /// have none, and the offset map relies on it).
    pub(super) fn new(
        characters: &[(String, String)],
        phrases: &[(String, String)],
    ) -> Result<Tables, String> {
        let mut t = Tables::empty();
        for (k, v) in characters {
            let (mut ks, mut vs) = (k.chars(), v.chars());
            let (Some(kc), None, Some(vc), None) = (ks.next(), ks.next(), vs.next(), vs.next())
            else {
                return Err(format!(
                    "TSCharacters: {k:?} → {v:?} is not one char to one"
                ));
            };
            if kc == vc {
                continue;
            }
            match (u16::try_from(kc as u32), u16::try_from(vc as u32)) {
                (Ok(k), Ok(v)) if v != ASTRAL => t.bmp[k as usize] = v,
                (Ok(k), _) => {
                    t.bmp[k as usize] = ASTRAL;
                    t.astral.insert(kc, vc);
                }
                (Err(_), _) => {
                    t.astral.insert(kc, vc);
                }
            }
        }
        for (k, v) in phrases {
            let n = k.chars().count();
            if n < 2 || n != v.chars().count() {
                return Err(format!(
                    "TSPhrases: {k:?} → {v:?} is not 2+ chars to as many"
                ));
            }
            let first = k.chars().next().unwrap_or_default();
            set_bit(&mut t.phrase_start, first);
            t.phrases
                .entry(first)
                .or_default()
                .push((k.as_str().into(), v.as_str().into()));
        }
        for group in t.phrases.values_mut() {
            group.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        }
        Ok(t)
    }

    /// The replacement of the char `c`, when t2s changes it.
    #[inline]
    fn char_to(&self, c: char) -> Option<char> {
        match self.bmp.get(c as usize) {
            Some(0) => None,
            Some(&v) if v != ASTRAL => char::from_u32(v.into()),
            _ => self.astral.get(&c).copied(),
        }
    }

    /// Calls `changed(range, to)` for every char of `s` that `t2s` changes,
    /// in order, with its byte range in `s`.
    pub(super) fn for_each_change(&self, s: &str, mut changed: impl FnMut(Range<usize>, char)) {
        let mut chars = s.char_indices();
        while let Some((i, c)) = chars.next() {
            if c.is_ascii() {
                continue;
            }
            if has_bit(&self.phrase_start, c)
                && let Some(group) = self.phrases.get(&c)
                && let Some((key, value)) = group.iter().find(|(k, _)| s[i..].starts_with(&**k))
            {
                for ((at, k), v) in key.char_indices().zip(value.chars()) {
                    if k != v {
                        changed(i + at..i + at + k.len_utf8(), v);
                    }
                }
                // The key's other chars are consumed with it.
                for _ in key.chars().skip(1) {
                    chars.next();
                }
                continue;
            }
            if let Some(to) = self.char_to(c) {
                changed(i..i + c.len_utf8(), to);
            }
        }
    }

    /// Converts `s`.
    pub(super) fn convert(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut done = 0;
        self.for_each_change(s, |r, to| {
            out.push_str(&s[done..r.start]);
            out.push(to);
            done = r.end;
        });
        out.push_str(&s[done..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> Tables {
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        Tables::new(
            &pairs(&[
                ("乾", "干"),
                ("萬", "万"),
                ("著", "着"),
                ("𠁞", "𠀾"),
                ("僤", "𫢸"),
            ]),
            &pairs(&[("乾隆", "乾隆"), ("乾隆皇帝", "乾隆皇帝"), ("著作", "著作")]),
        )
        .unwrap()
    }

    #[test]
    fn longest_match_first() {
        let t = tables();
        assert_eq!(t.convert("乾淨"), "干淨");
        assert_eq!(t.convert("乾隆"), "乾隆");
        assert_eq!(t.convert("乾隆皇帝萬歲"), "乾隆皇帝万歲");
        assert_eq!(t.convert("著作著"), "著作着");
        assert_eq!(t.convert("a𠁞b"), "a𠀾b");
        assert_eq!(t.convert("僤萬"), "𫢸万");
        assert_eq!(t.convert(""), "");
    }

    #[test]
    fn changes_carry_their_source_range() {
        let t = tables();
        let s = "1萬乾隆乾";
        let mut got = Vec::new();
        t.for_each_change(s, |r, c| got.push((r, c)));
        assert_eq!(got, [(1..4, '万'), (10..13, '干')]);
    }

    #[test]
    fn tables_refuse_length_changes() {
        let one = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
        assert!(Tables::new(&one("萬", "一万"), &[]).is_err());
        assert!(Tables::new(&[], &one("乾隆", "乾")).is_err());
        assert!(Tables::new(&[], &one("乾", "干")).is_err());
    }
}
