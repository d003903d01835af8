//! Width and compatibility folding, range dashes, invisible and control
//! characters, line endings. The character tables live in `src/data/fold.tsv`.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::sync::LazyLock;
use unicode_general_category::{GeneralCategory, get_general_category};

use super::offsets::Builder;

/// What the table says about one character.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// Replacement (empty = delete).
    to: String,
    /// A dash or tilde: becomes `-` between two numerals.
    dash: bool,
}

static TABLE_TSV: &str = include_str!("../data/fold.tsv");

static TABLE: LazyLock<HashMap<char, Entry>> = LazyLock::new(|| parse_table(TABLE_TSV));

fn parse_cp(s: &str) -> Option<char> {
    u32::from_str_radix(s.trim(), 16)
        .ok()
        .and_then(char::from_u32)
}

fn parse_table(tsv: &str) -> HashMap<char, Entry> {
    let mut map = HashMap::default();
    for line in tsv.lines() {
        let line = line.split('#').next().unwrap_or("").trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(from), Some(to), Some(kind)) = (cols.next(), cols.next(), cols.next()) else {
            debug_assert!(false, "bad fold.tsv line: {line}");
            continue;
        };
        let Some(from) = parse_cp(from) else {
            debug_assert!(false, "bad code point in fold.tsv: {line}");
            continue;
        };
        let to: String = if to.trim() == "-" {
            String::new()
        } else {
            to.split(' ').filter_map(parse_cp).collect()
        };
        let dash = kind.trim() == "dash";
        map.insert(from, Entry { to, dash });
    }
    map
}

/// Arabic (ASCII or full-width) or Chinese digit / numeral character.
pub(crate) fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{FF10}'..='\u{FF19}').contains(&c)
        || matches!(
            c,
            '〇' | '零'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
                | '万'
                | '萬'
                | '亿'
                | '億'
                | '两'
                | '兩'
        )
}

/// Invisible characters that only steer rendering: format characters
/// (general category Cf: bidi embeddings and isolates such as U+202C and
/// U+2066, zero-width joiners, the BOM, tags) and variation selectors
/// (U+FE0F after an emoji). They are deleted wherever they stand, so a mark
/// between a number and its unit never separates them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{180B}'..='\u{180F}')
        || get_general_category(c) == GeneralCategory::Format
}

fn is_dash(c: char) -> bool {
    TABLE.get(&c).is_some_and(|e| e.dash)
}

/// Byte offset of the first char at or after `i` that may need folding
/// (`src.len()` if none): all but `\n`, `\t`, ASCII from space to `}` except
/// `-`, and U+4E00–U+9FFF. Works on bytes: plain ASCII is one byte, and a
/// lead byte `E5`–`E9`, or `E4` followed by `B8`–`BF`, starts a char in
/// U+4E00–U+9FFF, the bulk of Chinese text.
#[inline]
fn next_special(src: &str, mut i: usize) -> usize {
    let b = src.as_bytes();
    while let Some(&x) = b.get(i) {
        let step = match x {
            b'\n' | b'\t' => 1,
            b' '..=b'}' if x != b'-' => 1,
            0xE5..=0xE9 => 3,
            0xE4 if b.get(i + 1).is_some_and(|&y| y >= 0xB8) => 3,
            _ => return i,
        };
        i += step;
    }
    b.len()
}

/// Folds `src`; `None` when nothing changes.
pub(crate) fn fold(src: &str) -> Option<Builder> {
    let mut i = next_special(src, 0);
    if i == src.len() {
        return None;
    }
    let table = &*TABLE;
    let mut b = Builder::with_capacity(src.len());
    let mut run = 0; // start of pending unchanged run
    while let Some(c) = src[i..].chars().next() {
        let next_i = i + c.len_utf8();
        let peek = src[next_i..].chars().next();
        // Decide a replacement for src[i..end].
        let mut end = next_i;
        // Borrowed from the table in the common case: no allocation per char.
        let repl: Option<Cow<'static, str>> = if c == '\r' {
            Some(Cow::Borrowed("\n"))
        } else if c == '°' && matches!(peek, Some('C' | 'Ｃ')) {
            end = next_i + peek.map_or(0, char::len_utf8);
            Some(Cow::Borrowed("℃"))
        } else if let Some(e) = table.get(&c) {
            if e.dash {
                // A run of dashes between two numerals becomes one '-'.
                let mut j = next_i;
                while let Some(d) = src[j..].chars().next().filter(|&d| is_dash(d)) {
                    j += d.len_utf8();
                }
                let prev = src[..i].chars().next_back();
                let next = src[j..].chars().next();
                end = j;
                if prev.is_some_and(is_numeral) && next.is_some_and(is_numeral) {
                    if &src[i..j] == "-" {
                        None
                    } else {
                        Some(Cow::Borrowed("-"))
                    }
                } else {
                    // Not a range: fold each dash on its own.
                    let mut s = String::new();
                    for d in src[i..j].chars() {
                        match table.get(&d) {
                            Some(e) => s.push_str(&e.to),
                            None => s.push(d),
                        }
                    }
                    if s == src[i..j] {
                        None
                    } else {
                        Some(Cow::Owned(s))
                    }
                }
            } else {
                Some(Cow::Borrowed(e.to.as_str()))
            }
        } else if (c.is_control() && c != '\n' && c != '\t') || is_invisible(c) {
            Some(Cow::Borrowed(""))
        } else {
            None
        };
        if c == '\r' && peek == Some('\n') {
            // "\r\n" → "\n": drop the '\r', keep the '\n' as plain text.
            b.copy(src, run..i);
            run = next_i;
        } else if let Some(repl) = repl {
            b.copy(src, run..i);
            if !repl.is_empty() {
                let linear = repl.len() == end - i && repl.chars().count() == 1;
                b.replace(i..end, &repl, linear && src[i..end].chars().count() == 1);
            }
            run = end;
        }
        i = next_special(src, end);
    }
    if run == 0 {
        return None; // special chars, but none changed
    }
    b.copy(src, run..src.len());
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> String {
        fold(s).map_or_else(|| s.to_string(), |b| b.out)
    }

    #[test]
    fn next_special_skips_exactly_the_plain_chars() {
        let plain = |c: char| match c {
            '\n' | '\t' => true,
            ' '..='}' => c != '-',
            '\u{4E00}'..='\u{9FFF}' => true,
            _ => false,
        };
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let s = format!("{c}中a");
            let want = if plain(c) { s.len() } else { 0 };
            assert_eq!(next_special(&s, 0), want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn table_parses() {
        assert_eq!(TABLE.get(&'０').map(|e| e.to.as_str()), Some("0"));
        assert_eq!(TABLE.get(&'㎡').map(|e| e.to.as_str()), Some("平方米"));
        assert!(TABLE.get(&'—').is_some_and(|e| e.dash));
        assert!(TABLE.len() > 100);
    }

    #[test]
    fn folds() {
        let cases = [
            // width (Simplified and Traditional contexts)
            ("增长９．３％", "增长9.3%"),
            ("增長９．３％", "增長9.3%"),
            ("其中：第一产业（ＧＤＰ）", "其中:第一产业(GDP)"),
            ("其中，第一產業", "其中,第一產業"),
            ("全县\u{3000}人民", "全县 人民"),
            ("合共\u{a0}7,279億元", "合共 7,279億元"),
            // units
            ("面积120㎡", "面积120平方米"),
            ("面積120㎡，長3㎞", "面積120平方米,長3公里"),
            (
                "5㎝ 6㎜ 7㎏ 8㎎ 9㎖ 1㏄ 2㎥",
                "5厘米 6毫米 7千克 8毫克 9毫升 1毫升 2立方米",
            ),
            ("气温25°C", "气温25℃"),
            ("氣溫25℃", "氣溫25℃"),
            // range dashes
            ("1—7月", "1-7月"),
            ("1——7月", "1-7月"),
            ("4～12", "4-12"),
            ("4〜12", "4-12"),
            ("4–12", "4-12"),
            ("4－12", "4-12"),
            ("4~12", "4-12"),
            ("４～１２", "4-12"),
            ("一—二月", "一-二月"),
            ("第五場——“保障", "第五場——“保障"),
            ("中国～世界", "中国~世界"),
            ("向人民汇报——2024年", "向人民汇报——2024年"),
            // invisible, control, line endings
            ("检\u{200b}测\u{feff}", "检测"),
            ("a\u{0}b\u{7}c\td", "abc\td"),
            // bidi, format marks and variation selectors
            ("1000\u{202c}张", "1000张"),
            ("\u{2066}新增1000张\u{2069}", "新增1000张"),
            ("增长5%\u{fe0f}", "增长5%"),
            ("\u{200e}1\u{200f}0\u{61c}0", "100"),
            ("一\r\n二\r三", "一\n二\n三"),
        ];
        for (input, want) in cases {
            assert_eq!(f(input), want, "input {input:?}");
        }
    }

    #[test]
    fn plain_text_is_untouched() {
        assert!(fold("常州市卫生健康委员会\n2023年").is_none());
    }
}
