//! Stage 2: number expressions in Chinese text.
//!
//! [`scan`] finds every number expression in a text (Arabic `1,234.5`, Chinese
//! `一万二千三百`, mixed `1.8万`, percentages `40%` / `百分之四十` / `三成`,
//! fractions `三分之一`, ranges `4-12` / `三四十`); [`parse`] reads one whole
//! string as a single expression. Values are exact [`Decimal`]s: an expression
//! whose value cannot be represented exactly (overflow, more than 28 decimal
//! places) is dropped, never rounded. The numeral characters live in
//! `src/data/numerals.tsv`.
pub use rust_decimal::Decimal;

mod arabic;
mod chinese;
mod scan;
mod table;

#[cfg(test)]
mod tests;

use scan::Out;
use table::{Kind, TABLE, char_at};

/// The value of one number expression (see [`parse`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// Exact value, scale words folded in (`1.8万` → 18000); the lower end of a range.
    /// For percentages this is the number of percent (`40%` → 40).
    pub value: Decimal,
    /// Upper end of a range (`4-12`, `三四十`, `10%-20%`).
    pub value_max: Option<Decimal>,
    /// True when the expression is a percentage (`40%`, `百分之四十`, `三成`);
    /// for a range it applies to both ends (`100-180%`).
    pub percent: bool,
    /// True when 余/多/几 sits inside the expression (`十余万`, `3000多万`).
    pub more_than: bool,
    /// How the number is written.
    pub script: Script,
}

/// A number expression found in a text by [`scan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberMatch {
    /// Byte offset of the first byte of the expression.
    pub start: usize,
    /// Byte offset one past the last byte of the expression.
    pub end: usize,
    /// Exact value, scale words folded in (`1.8万` → 18000).
    pub value: Decimal,
    /// Upper end of a range (`4-12`, `三四十`).
    pub value_max: Option<Decimal>,
    /// True when the expression is a percentage (`40%`, `百分之四十`, `三成`).
    pub percent: bool,
    /// True when 余/多 sits inside the expression (`十余万`, `3000多万`).
    pub more_than: bool,
    /// How the number is written.
    pub script: Script,
}

impl NumberMatch {
    /// The value part of the match, without its offsets.
    pub fn number(&self) -> Number {
        Number {
            value: self.value,
            value_max: self.value_max,
            percent: self.percent,
            more_than: self.more_than,
            script: self.script,
        }
    }

    /// The matched text.
    pub fn as_str<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Only Arabic digits (with separators / decimal point).
    Arabic,
    /// Only Chinese numeral characters.
    Chinese,
    /// Arabic digits with Chinese scale words (`1.8万`).
    Mixed,
}

/// Reads `s` as one number expression; `None` when the whole string is not one.
///
/// ```
/// use zhclaims::numeral::{parse, Decimal, Script};
/// let n = parse("22.86亿").unwrap();
/// assert_eq!(n.value, Decimal::from(2_286_000_000u64));
/// assert_eq!(n.script, Script::Mixed);
/// let p = parse("百分之三点五").unwrap();
/// assert!(p.percent);
/// assert_eq!(p.value, Decimal::new(35, 1));
/// assert_eq!(parse("三四十").unwrap().value_max, Some(Decimal::from(40)));
/// assert!(parse("重点").is_none());
/// ```
pub fn parse(s: &str) -> Option<Number> {
    if s.is_empty() {
        return None;
    }
    match scan::expr(s, 0) {
        Out::Yes(end, item) if end == s.len() => Some(item.number()),
        _ => None,
    }
}

/// Finds every number expression in `text`, left to right, non-overlapping, maximal.
///
/// `start..end` are byte offsets on char boundaries. Runs in one linear pass.
///
/// ```
/// use zhclaims::numeral::{scan, Decimal};
/// let text = "全年完成投资1.8万亿元，同比增长百分之四十，约三成来自民间。";
/// let found: Vec<_> = scan(text).into_iter().map(|m| (m.as_str(text).to_string(), m.value)).collect();
/// assert_eq!(found, vec![
///     ("1.8万亿".to_string(), Decimal::from(1_800_000_000_000u64)),
///     ("百分之四十".to_string(), Decimal::from(40)),
///     ("三成".to_string(), Decimal::from(30)),
/// ]);
/// ```
pub fn scan(text: &str) -> Vec<NumberMatch> {
    scan_iter(text).collect()
}

/// The matches of [`scan`], one at a time: a caller that handles each
/// number as it comes needs no memory for all of them (10 MB of
/// `10:30 ` holds 3.4 million numbers).
///
/// ```
/// use zhclaims::numeral::scan_iter;
/// let text = "床位1000张,占比98.69%。";
/// let first = scan_iter(text).next().unwrap();
/// assert_eq!(first.as_str(text), "1000");
/// assert_eq!(scan_iter(text).count(), 2);
/// ```
pub fn scan_iter(text: &str) -> Scan<'_> {
    Scan { text, i: 0 }
}

/// Iterator over the number expressions of a text (see [`scan_iter`]).
#[derive(Debug, Clone)]
pub struct Scan<'a> {
    text: &'a str,
    /// Where the next attempt starts.
    i: usize,
}

impl Iterator for Scan<'_> {
    type Item = NumberMatch;

    fn next(&mut self) -> Option<NumberMatch> {
        let text = self.text;
        let table = &*TABLE;
        let bytes = text.as_bytes();
        let len = bytes.len();
        let mut i = self.i;
        while i < len {
            let b = bytes[i];
            let (c, n) = if b < 0x80 {
                (b as char, 1)
            } else {
                match char_at(text, i) {
                    Some(x) => x,
                    None => break,
                }
            };
            let Some(e) = table.get(c) else {
                i += n;
                continue;
            };
            if scan::scan_start(text, i, e, n) {
                match scan::expr(text, i) {
                    Out::Yes(end, item) => {
                        // A lone financial digit (陆 in 大陆, 伍 in 队伍) is not a number.
                        let lone_fin = end == i + n && e.fin;
                        // A lone connector-less sign never reaches here; a bare `-` did not parse.
                        if !lone_fin && e.kind != Kind::Percent {
                            let num = item.number();
                            self.i = end;
                            return Some(NumberMatch {
                                start: i,
                                end,
                                value: num.value,
                                value_max: num.value_max,
                                percent: num.percent,
                                more_than: num.more_than,
                                script: num.script,
                            });
                        }
                    }
                    Out::Skip(end) => {
                        i = end.max(i + n);
                        continue;
                    }
                    Out::No => {}
                }
            }
            i += n;
        }
        self.i = len;
        None
    }
}
