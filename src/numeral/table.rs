//! The numeral character table (`src/data/numerals.tsv`), parsed once.

use std::sync::LazyLock;

/// What a numeral character does in an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Chinese digit 0-9 (incl. financial forms and 两).
    Digit,
    /// Arabic digit, ASCII or full-width.
    Arabic,
    /// 十百千 (and 拾佰仟).
    Small,
    /// 廿 (20) / 卅 (30).
    Tens,
    /// 万亿兆.
    Big,
    /// 点 / 點: Chinese decimal point.
    Point,
    /// `.` / `．`: Arabic decimal point.
    Dot,
    /// `,` / `，`: thousands separator.
    Comma,
    /// 负 / 負.
    Neg,
    /// `-` / `－`: sign or range connector.
    Dash,
    /// Other range connectors (— ～ 至 到 …).
    Range,
    /// 余 / 多 / 几 between a number and a scale.
    Approx,
    /// 半.
    Half,
    /// `%` / `％`.
    Percent,
    /// 成 (tenths).
    Cheng,
    /// 分 (of 分之).
    Fen,
    /// 之 (of 分之).
    Zhi,
    /// 又 (mixed fractions).
    You,
}

/// One table row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub kind: Kind,
    /// Digit value or scale multiplier (0 when not numeric).
    pub val: u64,
    /// Financial form (壹贰…拾佰仟, 幺): never a number on its own.
    pub fin: bool,
    /// 两 and variants: not a decimal digit, not part of digit sequences.
    pub liang: bool,
}

/// The parsed table: a BMP-wide class index plus the entries.
pub(crate) struct Table {
    class: Box<[u8]>,
    entries: Vec<Entry>,
    /// Words starting with 成 where 成 is not "tenths" (成立, 成为, …).
    pub cheng_stop: Vec<&'static str>,
}

static SRC: &str = include_str!("../data/numerals.tsv");

/// The global table.
pub(crate) static TABLE: LazyLock<Table> = LazyLock::new(|| Table::parse(SRC));

impl Table {
    fn parse(src: &'static str) -> Table {
        let mut class = vec![0u8; 0x10000].into_boxed_slice();
        let mut entries = vec![Entry {
            kind: Kind::Digit,
            val: 0,
            fin: false,
            liang: false,
        }];
        let mut cheng_stop = Vec::new();
        for line in src.lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let word = cols.next().unwrap_or("");
            let kind = cols.next().unwrap_or("");
            let val: u64 = cols.next().unwrap_or("").parse().unwrap_or(0);
            let flags = cols.next().unwrap_or("");
            let kind = match kind {
                "digit" => Kind::Digit,
                "arabic" => Kind::Arabic,
                "small" => Kind::Small,
                "tens" => Kind::Tens,
                "big" => Kind::Big,
                "point" => Kind::Point,
                "dot" => Kind::Dot,
                "comma" => Kind::Comma,
                "neg" => Kind::Neg,
                "dash" => Kind::Dash,
                "range" => Kind::Range,
                "approx" => Kind::Approx,
                "half" => Kind::Half,
                "percent" => Kind::Percent,
                "cheng" => Kind::Cheng,
                "fen" => Kind::Fen,
                "zhi" => Kind::Zhi,
                "you" => Kind::You,
                "cheng_stop" => {
                    cheng_stop.push(word);
                    continue;
                }
                other => panic!("numerals.tsv: unknown kind {other:?}"),
            };
            let mut chars = word.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                panic!("numerals.tsv: {word:?} is not one char");
            };
            assert!((c as u32) < 0x10000, "numerals.tsv: {c:?} outside the BMP");
            entries.push(Entry {
                kind,
                val,
                fin: flags.split(',').any(|f| f == "fin"),
                liang: flags.split(',').any(|f| f == "liang"),
            });
            assert!(entries.len() < 256, "numerals.tsv: too many entries");
            class[c as usize] = (entries.len() - 1) as u8;
        }
        Table {
            class,
            entries,
            cheng_stop,
        }
    }

    /// The entry of `c`, if it is a numeral character.
    #[inline]
    pub fn get(&self, c: char) -> Option<&Entry> {
        let cp = c as usize;
        if cp >= 0x10000 {
            return None;
        }
        match self.class[cp] {
            0 => None,
            k => Some(&self.entries[k as usize]),
        }
    }
}

/// Decodes the char at byte `i` of `s` (must be a char boundary), with its length.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let b0 = *b.get(i)?;
    if b0 < 0x80 {
        return Some((b0 as char, 1));
    }
    // Three-byte chars (all of CJK) decoded by hand: `s` is valid UTF-8 and
    // `i` a boundary, so the lead byte gives the length and the two
    // continuation bytes follow. Slicing `s` and the general decoder were
    // the largest part of the scan.
    if b0 & 0xF0 == 0xE0
        && let (Some(&b1), Some(&b2)) = (b.get(i + 1), b.get(i + 2))
    {
        let cp = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
        return char::from_u32(cp).map(|c| (c, 3));
    }
    let c = s.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// The char just before byte `i`, if any.
#[inline]
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_at_decodes_every_char_as_std_does() {
        // Every scalar value, at the start of a text and after an ASCII char.
        for cp in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let s = format!("{c}a{c}");
            let n = c.len_utf8();
            assert_eq!(char_at(&s, 0), Some((c, n)), "U+{cp:04X}");
            assert_eq!(char_at(&s, n + 1), Some((c, n)), "U+{cp:04X}");
        }
        assert_eq!(char_at("", 0), None);
        assert_eq!(char_at("万", 3), None);
    }
}
