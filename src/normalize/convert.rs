//! Traditional → Simplified conversion backends (OpenCC `t2s`).
//!
//! The default backend is `opencc-fmmseg` (pure Rust, OpenCC dictionaries
//! embedded). With the cargo feature `opencc-sys`, the C++ libopencc can be
//! used instead through `opencc-rust`. Each backend is built once per process.

use std::sync::LazyLock;

use opencc_fmmseg::{DictMaxLen, DictionaryMaxlength, OpenCC};

use super::offsets::Builder;

/// Which OpenCC implementation converts Traditional to Simplified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
#[non_exhaustive]
pub enum Backend {
    /// `opencc-fmmseg` (pure Rust, dictionaries compiled in). The default.
    #[default]
    Fmmseg,
    /// The C++ libopencc through `opencc-rust` (config `t2s.json` from the
    /// system OpenCC data directory). Needs the `opencc-sys` feature.
    #[cfg(feature = "opencc-sys")]
    OpenccSys,
}

/// The fmmseg converter plus the set of Traditional-only characters.
struct Fmm {
    cc: OpenCC,
    /// Bitset over all code points: chars of `t2s` entries whose conversion
    /// differs from the key. A text without any of them converts to itself.
    /// Triggers that are not also valid Simplified characters (never part
    /// of a `t2s` output, character or phrase): their presence marks Traditional text.
    /// Simplified text is left alone, so `显著` does not become `显着`.
    strong: Vec<u64>,
    status: Result<(), String>,
}

/// OpenCC's `t2s` tables (`TSPhrases`, `TSCharacters`), as opencc-fmmseg
/// ships them in its `dicts/` folder (Apache-2.0, `src/data/opencc/LICENSE`).
/// Loading only these two instead of opencc-fmmseg's whole bundle (every
/// conversion direction) takes 3–4 ms instead of about 60 ms and leaves out
/// some 25 MB of tables; a test checks that they equal the bundle's.
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

/// The `t2s` dictionary: the two tables, everything else empty.
fn t2s_dictionary() -> Result<DictionaryMaxlength, String> {
    // `DictionaryMaxlength::default()` fills dense lookup tables for all of
    // its 25 tables (10 ms and 14 MB, all for nothing here). Every field is
    // `#[serde(default)]`, so deserialising `{}` gives the same empty tables
    // without them; `build_from_pairs` fills the two that `t2s` reads.
    let mut d: DictionaryMaxlength =
        serde_json::from_str("{}").unwrap_or_else(|_| DictionaryMaxlength::default());
    d.ts_phrases = DictMaxLen::build_from_pairs(opencc_pairs("TSPhrases", TS_PHRASES)?);
    d.ts_characters = DictMaxLen::build_from_pairs(opencc_pairs("TSCharacters", TS_CHARACTERS)?);
    Ok(d)
}

impl Fmm {
    fn load() -> Fmm {
        let (dict, mut status) = match t2s_dictionary() {
            Ok(d) => (d, Ok(())),
            Err(e) => (DictionaryMaxlength::default(), Err(e)),
        };
        const WORDS: usize = 0x11_0000 / 64 + 1;
        let bit = |set: &mut Vec<u64>, c: char| set[c as usize / 64] |= 1 << (c as usize % 64);
        // Characters that t2s changes on their own.
        let mut trigger = vec![0u64; WORDS];
        for (key, value) in dict.ts_characters.iter() {
            if let [k] = key
                && !value.starts_with(*k)
            {
                bit(&mut trigger, *k);
            }
        }
        // ... or inside a phrase (陞 in 步步高陞).
        for (key, value) in dict.ts_phrases.iter() {
            if key.len() == value.chars().count() {
                for (k, v) in key.iter().zip(value.chars()) {
                    if *k != v {
                        bit(&mut trigger, *k);
                    }
                }
            }
        }
        // Characters that occur in Simplified output (so also in Simplified text).
        let mut simplified = vec![0u64; WORDS];
        for d in [&dict.ts_characters, &dict.ts_phrases] {
            for (_, value) in d.iter() {
                for c in value.chars() {
                    bit(&mut simplified, c);
                }
            }
        }
        let strong: Vec<u64> = trigger
            .iter()
            .zip(&simplified)
            .map(|(t, s)| t & !s)
            .collect();
        let mut cc = OpenCC::from_dictionary(dict);
        cc.set_parallel(false);
        if status.is_ok() && cc.t2s("萬", false) != "万" {
            status = Err("opencc-fmmseg t2s dictionary is empty (萬 did not become 万)".into());
        }
        Fmm { cc, strong, status }
    }

    #[inline]
    fn is_strong(&self, c: char) -> bool {
        let u = c as usize;
        u >= 0x80 && (self.strong[u / 64] >> (u % 64)) & 1 == 1
    }

    /// Has a character that only Traditional text uses.
    fn looks_traditional(&self, s: &str) -> bool {
        s.chars().any(|c| self.is_strong(c))
    }
}

static FMM: LazyLock<Fmm> = LazyLock::new(|| {
    let f = Fmm::load();
    debug_assert!(f.status.is_ok(), "{:?}", f.status);
    f
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
        match self {
            Backend::Fmmseg => FMM.status.clone(),
            #[cfg(feature = "opencc-sys")]
            Backend::OpenccSys => SYS.as_ref().map(|_| ()).map_err(Clone::clone),
        }
    }

    /// Cheap check: is `s` Traditional text that `t2s` would change? Text
    /// without a Traditional-only character is left as it is (both backends
    /// use the opencc-fmmseg tables for this check).
    fn may_change(self, s: &str) -> bool {
        !s.is_ascii() && FMM.looks_traditional(s)
    }

    /// Raw `t2s` conversion of `s` (no skipping).
    fn raw(self, s: &str) -> String {
        match self {
            Backend::Fmmseg => FMM.cc.t2s(s, false),
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
    pub(crate) fn convert_mapped(self, src: &str) -> Option<Builder> {
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
            let mut buf = [0u8; 4];
            b.replace(o..o + len, c_out.encode_utf8(&mut buf), true);
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
        let ours = t2s_dictionary().expect("embedded tables parse");
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
            assert_eq!(Backend::Fmmseg.convert(t), s);
        }
    }

    #[test]
    fn skip_check_is_sound_on_simplified() {
        let s = "常州市疾控中心检验检测大楼全面投用,检测项目从710项扩展至760项。";
        assert_eq!(Backend::Fmmseg.raw(s), s);
    }

    #[test]
    fn simplified_text_is_left_alone() {
        for s in ["取得的显著成效", "显著", "著名的著作"] {
            assert!(Backend::Fmmseg.convert_mapped(s).is_none());
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
        assert_eq!(b.segs.len(), 1);
        assert!(Backend::Fmmseg.convert_mapped("简体中文\n").is_none());
    }
}
