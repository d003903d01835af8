//! Traditional → Simplified conversion backends (OpenCC `t2s`).
//!
//! The default backend applies OpenCC's `t2s` tables itself (see `t2s.rs`):
//! the same output as opencc-fmmseg, 2.3–2.4× faster alone (README, Speed),
//! and it writes the offset map as it converts. `Backend::Fmmseg` runs opencc-fmmseg
//! (pure Rust) over the same tables; with the cargo feature `opencc-sys`,
//! the C++ libopencc can be used through `opencc-rust`. Each backend is
//! built once per process, on first use.

use std::sync::LazyLock;

use opencc_fmmseg::{DictMaxLen, DictionaryMaxlength, OpenCC};

use super::offsets::Builder;
use super::t2s::{self, Tables};

/// Which OpenCC implementation converts Traditional to Simplified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
#[non_exhaustive]
pub enum Backend {
    /// OpenCC's `t2s` tables (the two files opencc-fmmseg ships) applied by
    /// zhclaims' own longest-match converter, which records where every
    /// output char came from. Same output as [`Backend::Fmmseg`] (tested).
    /// The default.
    #[default]
    Tables,
    /// `opencc-fmmseg` (pure Rust) over the same tables; the reference the
    /// default is tested against.
    Fmmseg,
    /// The C++ libopencc through `opencc-rust` (config `t2s.json` from the
    /// system OpenCC data directory). Needs the `opencc-sys` feature.
    #[cfg(feature = "opencc-sys")]
    OpenccSys,
}

/// OpenCC's `t2s` tables (`TSPhrases`, `TSCharacters`), as opencc-fmmseg
/// ships them in its `dicts/` folder (Apache-2.0, `src/data/opencc/LICENSE`).
/// A test checks that they equal the tables of opencc-fmmseg's bundle.
static TS_PHRASES: &str = include_str!("../data/opencc/TSPhrases.txt");
static TS_CHARACTERS: &str = include_str!("../data/opencc/TSCharacters.txt");

/// Parses an OpenCC dictionary (`key<TAB>value [value…]`, first value wins)
/// as opencc-fmmseg's own loader does.
fn opencc_pairs(name: &str, src: &str) -> Result<Vec<(String, String)>, String> {
    let src = src.strip_prefix('\u{FEFF}').unwrap_or(src);
    let mut pairs = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line
            .split_once('\t')
            .ok_or_else(|| format!("{name} line {}: no TAB", n + 1))?;
        let v = v.split_whitespace().next().unwrap_or("");
        pairs.push((k.to_string(), v.to_string()));
    }
    Ok(pairs)
}

/// The two tables as `(characters, phrases)` pairs.
type Pairs = (Vec<(String, String)>, Vec<(String, String)>);

fn t2s_pairs() -> Result<Pairs, String> {
    Ok((
        opencc_pairs("TSCharacters", TS_CHARACTERS)?,
        opencc_pairs("TSPhrases", TS_PHRASES)?,
    ))
}

/// The default converter plus the set of Traditional-only characters.
struct Script {
    tables: Tables,
    /// Bitset over all code points: chars of `t2s` entries whose conversion
    /// differs from the key, and that are not also valid Simplified
    /// characters (never part of a `t2s` output, character or phrase).
    /// Their presence marks Traditional text; text without them is left
    /// alone, so `显著` does not become `显着`.
    strong: Vec<u64>,
    status: Result<(), String>,
}

/// The Traditional-only characters of the tables (see [`Script::strong`]).
fn strong_chars((characters, phrases): &Pairs) -> Vec<u64> {
    // Characters that t2s changes on their own, or inside a phrase (陞 in 步步高陞).
    let mut trigger = t2s::bitset();
    for (k, v) in characters.iter().chain(phrases) {
        for (a, b) in k.chars().zip(v.chars()) {
            if a != b {
                t2s::set_bit(&mut trigger, a);
            }
        }
    }
    // Characters that occur in Simplified output (so also in Simplified text).
    let mut simplified = t2s::bitset();
    for (_, v) in characters.iter().chain(phrases) {
        for c in v.chars() {
            t2s::set_bit(&mut simplified, c);
        }
    }
    trigger
        .iter()
        .zip(&simplified)
        .map(|(t, s)| t & !s)
        .collect()
}

impl Script {
    fn load() -> Script {
        let built = t2s_pairs().and_then(|p| Ok((strong_chars(&p), Tables::new(&p.0, &p.1)?)));
        let (strong, tables, mut status) = match built {
            Ok((strong, tables)) => (strong, tables, Ok(())),
            Err(e) => (t2s::bitset(), Tables::empty(), Err(e)),
        };
        if status.is_ok() && tables.convert("萬") != "万" {
            status = Err("t2s tables are empty (萬 did not become 万)".into());
        }
        Script {
            tables,
            strong,
            status,
        }
    }

    #[inline]
    fn is_strong(&self, c: char) -> bool {
        !c.is_ascii() && t2s::has_bit(&self.strong, c)
    }

    /// Has a character that only Traditional text uses.
    fn looks_traditional(&self, s: &str) -> bool {
        s.chars().any(|c| self.is_strong(c))
    }
}

static SCRIPT: LazyLock<Script> = LazyLock::new(|| {
    let s = Script::load();
    debug_assert!(s.status.is_ok(), "{:?}", s.status);
    s
});

/// The opencc-fmmseg `t2s` dictionary: the two tables, everything else empty.
fn fmmseg_dictionary() -> Result<DictionaryMaxlength, String> {
    // `DictionaryMaxlength::default()` fills dense lookup tables for all of
    // its 25 tables (10 ms and 14 MB, all for nothing here). Every field is
    // `#[serde(default)]`, so deserialising `{}` gives the same empty tables
    // without them; `build_from_pairs` fills the two that `t2s` reads.
    let mut d: DictionaryMaxlength =
        serde_json::from_str("{}").unwrap_or_else(|_| DictionaryMaxlength::default());
    let (characters, phrases) = t2s_pairs()?;
    d.ts_phrases = DictMaxLen::build_from_pairs(phrases);
    d.ts_characters = DictMaxLen::build_from_pairs(characters);
    Ok(d)
}

static FMM: LazyLock<Result<OpenCC, String>> = LazyLock::new(|| {
    let mut cc = OpenCC::from_dictionary(fmmseg_dictionary()?);
    cc.set_parallel(false);
    if cc.t2s("萬", false) != "万" {
        return Err("opencc-fmmseg t2s dictionary is empty (萬 did not become 万)".into());
    }
    Ok(cc)
});

#[cfg(feature = "opencc-sys")]
static SYS: LazyLock<Result<opencc_rust::OpenCC, String>> = LazyLock::new(|| {
    let cc = opencc_rust::OpenCC::new(opencc_rust::DefaultConfig::T2S)
        .map_err(|e| format!("libopencc could not open t2s.json: {e}"))?;
    if cc.convert("萬") != "万" {
        return Err("libopencc t2s did not convert 萬 to 万".into());
    }
    Ok(cc)
});

impl Backend {
    /// Loads the backend if needed and reports whether it converts
    /// (`萬` → `万`). A failed backend leaves text unconverted.
    pub fn status(self) -> Result<(), String> {
        SCRIPT.status.clone()?;
        match self {
            Backend::Tables => Ok(()),
            Backend::Fmmseg => FMM.as_ref().map(|_| ()).map_err(Clone::clone),
            #[cfg(feature = "opencc-sys")]
            Backend::OpenccSys => SYS.as_ref().map(|_| ()).map_err(Clone::clone),
        }
    }

    /// Cheap check: is `s` Traditional text that `t2s` would change? Text
    /// without a Traditional-only character is left as it is (every backend
    /// uses OpenCC's `t2s` tables for this check).
    fn may_change(self, s: &str) -> bool {
        !s.is_ascii() && SCRIPT.looks_traditional(s)
    }

    /// Raw `t2s` conversion of `s` (no skipping).
    fn raw(self, s: &str) -> String {
        match self {
            Backend::Tables => SCRIPT.tables.convert(s),
            Backend::Fmmseg => match &*FMM {
                Ok(cc) => cc.t2s(s, false),
                Err(_) => s.to_string(),
            },
            #[cfg(feature = "opencc-sys")]
            Backend::OpenccSys => match &*SYS {
                Ok(cc) => {
                    // The C API takes NUL-terminated strings.
                    let mut out = String::with_capacity(s.len());
                    for (k, piece) in s.split('\0').enumerate() {
                        if k > 0 {
                            out.push('\0');
                        }
                        if !piece.is_empty() {
                            out.push_str(&cc.convert(piece));
                        }
                    }
                    out
                }
                Err(_) => s.to_string(),
            },
        }
    }

    /// Converts `s` to Simplified (plain `t2s`; only ASCII is skipped).
    pub(crate) fn convert(self, s: &str) -> String {
        if !s.is_ascii() {
            self.raw(s)
        } else {
            s.to_string()
        }
    }

    /// Converts `src` line by line recording offsets; `None` when unchanged.
    /// Only lines with a Traditional-only character are converted.
    pub(crate) fn convert_mapped(self, src: &str) -> Option<Builder> {
        if self == Backend::Tables {
            return convert_tables(src);
        }
        let mut b: Option<Builder> = None;
        let mut pos = 0;
        for line in src.split_inclusive('\n') {
            let start = pos;
            pos += line.len();
            if !self.may_change(line) {
                if let Some(b) = b.as_mut() {
                    b.copy(src, start..pos);
                }
                continue;
            }
            let out = self.raw(line);
            if out == line {
                if let Some(b) = b.as_mut() {
                    b.copy(src, start..pos);
                }
                continue;
            }
            let b = b.get_or_insert_with(|| {
                let mut b = Builder::with_capacity(src.len());
                b.copy(src, 0..start);
                b
            });
            if same_char_bounds(line, &out) {
                // Every char kept its byte length (the usual CJK case): the
                // line is one linear segment, as align_chars would merge it.
                b.replace(start..pos, &out, true);
            } else if out.chars().count() == line.chars().count() {
                align_chars(b, src, start, &out);
            } else {
                self.convert_runs(b, src, start, pos);
            }
        }
        b
    }

    /// A line whose length changed: convert each run between delimiters on
    /// its own; a run that still changes length is mapped as one unit.
    fn convert_runs(self, b: &mut Builder, src: &str, start: usize, end: usize) {
        let line = &src[start..end];
        let mut run_start = start;
        let flush = |b: &mut Builder, a: usize, z: usize| {
            if a >= z {
                return;
            }
            let piece = &src[a..z];
            let out = self.raw(piece);
            if out == piece {
                b.copy(src, a..z);
            } else if out.chars().count() == piece.chars().count() {
                align_chars(b, src, a, &out);
            } else {
                b.replace(a..z, &out, false);
            }
        };
        for (i, c) in line.char_indices() {
            if opencc_fmmseg::is_delimiter(c) {
                let at = start + i;
                flush(b, run_start, at);
                b.copy(src, at..at + c.len_utf8());
                run_start = at + c.len_utf8();
            }
        }
        flush(b, run_start, end);
    }
}

/// [`Backend::Tables`] on the lines with a Traditional-only character.
/// Nearly every change keeps its byte length (CJK to CJK), so the output is
/// mapped byte for byte, one linear segment for the whole text. A text where
/// some change does not (BMP to astral or back, rare) is converted a second
/// time through the builder, with a unit segment per such change: cheaper
/// overall than building segments for the common case.
fn convert_tables(src: &str) -> Option<Builder> {
    let for_each_change = |f: &mut dyn FnMut(std::ops::Range<usize>, char)| {
        let mut pos = 0;
        for line in src.split_inclusive('\n') {
            let start = pos;
            pos += line.len();
            if Backend::Tables.may_change(line) {
                SCRIPT
                    .tables
                    .for_each_change(line, |r, to| f(start + r.start..start + r.end, to));
            }
        }
    };
    let mut out: Option<String> = None;
    let mut done = 0;
    let mut even = true;
    for_each_change(&mut |r, to| {
        even &= to.len_utf8() == r.len();
        let out = out.get_or_insert_with(|| String::with_capacity(src.len()));
        out.push_str(&src[done..r.start]);
        out.push(to);
        done = r.end;
    });
    if even {
        // Chars replaced by chars of the same length: mapped byte for byte.
        let mut out = out?;
        out.push_str(&src[done..]);
        return Some(Builder::linear(out));
    }
    let mut b = Builder::with_capacity(src.len());
    let mut done = 0;
    for_each_change(&mut |r, to| {
        b.copy(src, done..r.start);
        b.convert_char(r.clone(), to);
        done = r.end;
    });
    b.copy(src, done..src.len());
    Some(b)
}

/// Whether `a` and `b` have the same byte length and char boundaries at the
/// same offsets (so they can be mapped byte for byte).
fn same_char_bounds(a: &str, b: &str) -> bool {
    let is_cont = |x: u8| (x as i8) < -0x40;
    // Chunked without early exit so the compiler vectorises each chunk.
    a.len() == b.len()
        && a.as_bytes()
            .chunks(64)
            .zip(b.as_bytes().chunks(64))
            .all(|(x, y)| {
                x.iter()
                    .zip(y)
                    .fold(true, |ok, (&p, &q)| ok & (is_cont(p) == is_cont(q)))
            })
}

/// Emits `out`, which has as many chars as `src[start..]`'s prefix it
/// replaces, char by char.
fn align_chars(b: &mut Builder, src: &str, start: usize, out: &str) {
    let mut o = start;
    let mut run = start;
    for (c_out, c_in) in out.chars().zip(src[start..].chars()) {
        let len = c_in.len_utf8();
        if c_out != c_in {
            b.copy(src, run..o);
            b.convert_char(o..o + len, c_out);
            run = o + len;
        }
        o += len;
    }
    b.copy(src, run..o);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_are_fmmseg_bundle() {
        // The bundle opencc-fmmseg loads by default, whole.
        let bundle = DictionaryMaxlength::new().expect("opencc-fmmseg bundle");
        let ours = fmmseg_dictionary().expect("embedded tables parse");
        let sorted = |d: &DictMaxLen| {
            let mut v: Vec<(String, String)> = d
                .iter()
                .map(|(k, v)| (k.iter().collect(), v.to_string()))
                .collect();
            v.sort();
            v
        };
        assert!(ours.ts_characters.len() > 4000 && ours.ts_phrases.len() > 500);
        assert_eq!(sorted(&ours.ts_characters), sorted(&bundle.ts_characters));
        assert_eq!(sorted(&ours.ts_phrases), sorted(&bundle.ts_phrases));
    }

    #[test]
    fn opencc_pairs_format() {
        let p = opencc_pairs("t", "\u{FEFF}# c\n乾\t干 乾\n\n萬\t万\n").unwrap();
        assert_eq!(p, [("乾".into(), "干".into()), ("萬".into(), "万".into())]);
        assert!(opencc_pairs("t", "萬 万\n").is_err());
    }

    use crate::normalize::test_rng::Rng;

    /// Text made of the pieces where longest match can go wrong: whole
    /// phrases, phrase prefixes and overlaps, single Traditional and
    /// Simplified chars, ASCII, delimiters and line ends.
    fn generated_texts(n: usize) -> Vec<String> {
        let (characters, phrases) = t2s_pairs().unwrap();
        let mut pieces: Vec<String> = Vec::new();
        for (k, v) in &phrases {
            let chars: Vec<char> = k.chars().collect();
            pieces.push(k.clone());
            pieces.push(v.clone());
            pieces.push(chars[..chars.len() - 1].iter().collect());
            pieces.push(chars[1..].iter().collect());
        }
        for (k, v) in characters.iter().step_by(7) {
            pieces.push(k.clone());
            pieces.push(v.clone());
        }
        for p in ["a", "12", " ", "，", "。", "\n", "、", "(", "𠀾", "的"] {
            pieces.push(p.to_string());
        }
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        (0..n)
            .map(|_| {
                let len = 1 + rng.below(12);
                (0..len)
                    .map(|_| pieces[rng.below(pieces.len())].as_str())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn tables_equal_fmmseg_on_generated_text() {
        for s in generated_texts(20_000) {
            assert_eq!(Backend::Tables.raw(&s), Backend::Fmmseg.raw(&s), "{s:?}");
            let (a, b) = (
                Backend::Tables.convert_mapped(&s),
                Backend::Fmmseg.convert_mapped(&s),
            );
            assert_eq!(a.is_some(), b.is_some(), "{s:?}");
            if let (Some(a), Some(b)) = (a, b) {
                assert_eq!(a.out, b.out, "{s:?}");
                assert_eq!(a.segs(), b.segs(), "{s:?}");
            }
        }
    }

    #[test]
    fn tables_equal_fmmseg_on_fixtures() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/press");
        for e in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            assert_eq!(Backend::Tables.raw(&text), Backend::Fmmseg.raw(&text));
            let a = Backend::Tables
                .convert_mapped(&text)
                .map(|b| (b.segs(), b.out));
            let b = Backend::Fmmseg
                .convert_mapped(&text)
                .map(|b| (b.segs(), b.out));
            assert_eq!(a, b);
        }
    }

    #[test]
    fn tables_loaded() {
        assert_eq!(Backend::Tables.status(), Ok(()));
        assert_eq!(Backend::Tables.convert("萬"), "万");
    }

    #[test]
    fn fmmseg_loaded() {
        assert_eq!(Backend::Fmmseg.status(), Ok(()));
        assert_eq!(Backend::Fmmseg.convert("萬"), "万");
    }

    #[test]
    fn converts_t2s_not_tw2sp() {
        let cases = [
            ("新增床位1000張", "新增床位1000张"),
            (
                "區委宣傳部、區政府新聞辦公室",
                "区委宣传部、区政府新闻办公室",
            ),
            (
                "財政儲備下降至現時約7,332億元",
                "财政储备下降至现时约7,332亿元",
            ),
            ("常州市卫生健康委员会", "常州市卫生健康委员会"),
            ("檢驗檢測大樓", "检验检测大楼"),
        ];
        for (t, s) in cases {
            for backend in [Backend::Tables, Backend::Fmmseg] {
                assert_eq!(backend.convert(t), s, "{backend:?}");
            }
        }
    }

    #[test]
    fn skip_check_is_sound_on_simplified() {
        let s = "常州市疾控中心检验检测大楼全面投用,检测项目从710项扩展至760项。";
        assert_eq!(Backend::Fmmseg.raw(s), s);
        assert_eq!(Backend::Tables.raw(s), s);
    }

    #[test]
    fn simplified_text_is_left_alone() {
        for s in ["取得的显著成效", "显著", "著名的著作"] {
            assert!(Backend::Fmmseg.convert_mapped(s).is_none());
            assert!(Backend::Tables.convert_mapped(s).is_none());
        }
    }

    #[test]
    fn char_bounds() {
        assert!(same_char_bounds("區委", "区委"));
        assert!(same_char_bounds("a區", "a区"));
        assert!(!same_char_bounds("a區", "区a"));
        assert!(!same_char_bounds("區", "区委"));
    }

    #[test]
    fn mapped_alignment() {
        let src = "第一行\n區委宣傳部\n";
        let b = Backend::Fmmseg.convert_mapped(src).unwrap();
        assert_eq!(b.out, "第一行\n区委宣传部\n");
        // 1:1 same-length conversions stay one linear segment.
        assert_eq!(b.segs().len(), 1);
        assert!(Backend::Fmmseg.convert_mapped("简体中文\n").is_none());
    }
}
