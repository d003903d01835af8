//! Exact digit accumulation and Arabic literals (`1,234.5`, `１２３`).

use super::table::{Kind, TABLE, char_at};
use rust_decimal::Decimal;

/// Largest mantissa a `Decimal` holds (2^96 - 1).
const MAX_MANTISSA: u128 = (1u128 << 96) - 1;

/// Accumulates decimal digits exactly; flags overflow instead of rounding.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Acc {
    m: u128,
    scale: u32,
    zeros: u32,
    pub overflow: bool,
}

impl Acc {
    /// Appends an integer-part digit.
    pub fn int(&mut self, d: u8) {
        if self.overflow {
            return;
        }
        self.m = self.m * 10 + d as u128;
        if self.m > MAX_MANTISSA {
            self.overflow = true;
        }
    }

    /// Appends a fraction digit (trailing zeros are dropped).
    pub fn frac(&mut self, d: u8) {
        if self.overflow {
            return;
        }
        if d == 0 {
            self.zeros = self.zeros.saturating_add(1);
            return;
        }
        if self.scale.saturating_add(self.zeros).saturating_add(1) > 28 {
            self.overflow = true;
            return;
        }
        for _ in 0..=self.zeros {
            self.m *= 10;
            self.scale += 1;
            if self.m > MAX_MANTISSA {
                self.overflow = true;
                return;
            }
        }
        self.zeros = 0;
        self.m += d as u128;
        if self.m > MAX_MANTISSA {
            self.overflow = true;
        }
    }

    /// The exact value, or `None` on overflow.
    pub fn value(&self) -> Option<Decimal> {
        if self.overflow {
            return None;
        }
        Decimal::try_from_i128_with_scale(self.m as i128, self.scale)
            .ok()
            .map(|d| d.normalize())
    }
}

/// Result of reading a literal.
pub(crate) enum Lit {
    /// A value, the end byte offset, and whether it has a fraction part.
    Ok(usize, Decimal, bool),
    /// Digits that do not fit: skip to this end offset.
    Overflow(usize),
}

/// The Arabic digit at byte `i`, with its length.
#[inline]
pub(crate) fn digit_at(s: &str, i: usize) -> Option<(u8, usize)> {
    let (c, n) = char_at(s, i)?;
    match c {
        '0'..='9' => Some((c as u8 - b'0', 1)),
        '０'..='９' => Some(((c as u32 - '０' as u32) as u8, n)),
        _ => None,
    }
}

fn is_kind(s: &str, i: usize, k: Kind) -> Option<usize> {
    let (c, n) = char_at(s, i)?;
    (TABLE.get(c)?.kind == k).then_some(n)
}

/// A thousands separator at `i`: a comma (`,` `，`), or a digit-group space
/// (a space, no-break space, thin or narrow no-break space: `1 000`,
/// `1\u{2009}000`, as typeset numbers are written). Returns its length and
/// whether it is a space.
fn group_sep(s: &str, i: usize) -> Option<(usize, bool)> {
    if let Some(n) = is_kind(s, i, Kind::Comma) {
        return Some((n, false));
    }
    match char_at(s, i)? {
        (' ' | '\u{a0}' | '\u{2009}' | '\u{202f}', n) => Some((n, true)),
        _ => None,
    }
}

/// Reads an Arabic number at `i` (a digit, or a dot followed by a digit).
pub(crate) fn arabic(s: &str, mut i: usize) -> Option<Lit> {
    let mut acc = Acc::default();
    let mut ndig = 0usize;
    while let Some((d, n)) = digit_at(s, i) {
        acc.int(d);
        ndig += 1;
        i += n;
    }
    // Thousands groups: first group 1-3 digits, then `,ddd` (or ` ddd`)
    // not followed by a digit; one kind of separator throughout.
    if (1..=3).contains(&ndig) {
        let mut kind = None;
        while let Some((cn, space)) = group_sep(s, i) {
            if kind.is_some_and(|k| k != space) {
                break;
            }
            kind = Some(space);
            let mut j = i + cn;
            let mut g = [0u8; 3];
            let mut ok = true;
            for slot in &mut g {
                match digit_at(s, j) {
                    Some((d, n)) => {
                        *slot = d;
                        j += n;
                    }
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if !ok || digit_at(s, j).is_some() {
                break;
            }
            for d in g {
                acc.int(d);
            }
            i = j;
        }
    }
    let mut frac = false;
    if let Some(dn) = is_kind(s, i, Kind::Dot) {
        if digit_at(s, i + dn).is_some() {
            i += dn;
            frac = true;
            while let Some((d, n)) = digit_at(s, i) {
                acc.frac(d);
                i += n;
            }
        }
    }
    if ndig == 0 && !frac {
        return None;
    }
    Some(match acc.value() {
        Some(v) => Lit::Ok(i, v, frac),
        None => Lit::Overflow(i),
    })
}
