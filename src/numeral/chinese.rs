//! Section arithmetic for Chinese numerals (一万二千三百, 三千五, 1万600).

use rust_decimal::Decimal;

/// Evaluator state for one reading of a numeral (two run in parallel for 三四十).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Eval {
    total: Decimal,
    section: Decimal,
    pending: Option<Decimal>,
    /// Pending value is one Chinese digit (may be abbreviated: 一百二 = 120).
    pend_cn: bool,
    /// Pending value has a fraction (1.8): only larger scales may follow it.
    pend_frac: bool,
    /// Pending value is a leading 零 (零十 = 10, 零点五 = 0.5).
    zero_word: bool,
    pub last_small: u64,
    pub last_big: Decimal,
    after_zero: bool,
    /// Anything consumed yet.
    pub any: bool,
    /// The last small scale had an explicit digit (一百十六 ok, 百十一 not).
    small_had_digit: bool,
    /// Only scales may follow (after 1.8万 or a decimal).
    pub no_lits: bool,
    /// Product of the trailing big scales (3-5万 distribution).
    pub trail: Option<Decimal>,
    /// Arithmetic overflow: the match must be dropped.
    pub overflow: bool,
    /// A scale char was used.
    pub scaled: bool,
    /// A big scale (万亿兆) was used.
    pub big_used: bool,
}

fn mul(a: Decimal, b: Decimal, ovf: &mut bool) -> Decimal {
    a.checked_mul(b).unwrap_or_else(|| {
        *ovf = true;
        Decimal::ZERO
    })
}

fn add(a: Decimal, b: Decimal, ovf: &mut bool) -> Decimal {
    a.checked_add(b).unwrap_or_else(|| {
        *ovf = true;
        Decimal::ZERO
    })
}

impl Eval {
    /// A fresh evaluator whose pending value is `v` (after a decimal part).
    pub fn from_value(v: Decimal) -> Eval {
        Eval {
            pending: Some(v),
            pend_frac: true,
            any: true,
            ..Eval::default()
        }
    }

    /// Whether a digit/literal is waiting for a scale.
    pub fn has_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Feeds a literal (Chinese digit, Arabic number, 半).
    pub fn lit(&mut self, v: Decimal, cn: bool, frac: bool) -> bool {
        if self.pending.is_some() || self.no_lits {
            return false;
        }
        self.pending = Some(v);
        self.pend_cn = cn;
        self.pend_frac = frac;
        self.zero_word = false;
        self.trail = None;
        self.any = true;
        true
    }

    /// Feeds 零.
    pub fn zero(&mut self) -> bool {
        if self.pending.is_some() || self.no_lits {
            return false;
        }
        if !self.any {
            self.pending = Some(Decimal::ZERO);
            self.zero_word = true;
            self.any = true;
        } else {
            self.after_zero = true;
        }
        self.trail = None;
        true
    }

    /// Feeds 十百千 (`s` = 10, 100, 1000).
    pub fn small(&mut self, s: u64) -> bool {
        if self.last_small != 0 && s >= self.last_small {
            return false;
        }
        let v = match self.pending {
            Some(_) if self.zero_word => Decimal::ONE,
            Some(v) => v,
            None => {
                let ok = !self.any
                    || self.after_zero
                    || (s == 10 && self.last_small == 100 && self.small_had_digit);
                if !ok {
                    return false;
                }
                Decimal::ONE
            }
        };
        let had_digit = self.pending.is_some() && !self.zero_word;
        if self.pend_frac && self.pending.is_some() {
            self.no_lits = true;
        }
        let prod = mul(v, Decimal::from(s), &mut self.overflow);
        self.section = add(self.section, prod, &mut self.overflow);
        self.pending = None;
        self.zero_word = false;
        self.last_small = s;
        self.small_had_digit = had_digit;
        self.after_zero = false;
        self.any = true;
        self.scaled = true;
        self.trail = None;
        true
    }

    /// Feeds 廿 (20) / 卅 (30).
    pub fn tens(&mut self, v: u64) -> bool {
        if self.pending.is_some() || self.last_small != 0 || self.no_lits {
            return false;
        }
        self.section = add(self.section, Decimal::from(v), &mut self.overflow);
        self.last_small = 10;
        self.small_had_digit = true;
        self.any = true;
        self.scaled = true;
        self.trail = None;
        true
    }

    fn pending_value(&mut self, at_end: bool) -> Decimal {
        let ovf = &mut self.overflow;
        match self.pending {
            Some(p) if self.pend_cn && !self.after_zero && !self.zero_word => {
                if self.last_small > 0 {
                    mul(p, Decimal::from(self.last_small / 10), ovf)
                } else if at_end && !self.last_big.is_zero() && self.section.is_zero() {
                    // A big scale is a power of ten of at least 10^4: exact.
                    mul(p, self.last_big, ovf) / Decimal::TEN
                } else {
                    p
                }
            }
            Some(p) => p,
            None => Decimal::ZERO,
        }
    }

    /// Feeds 万亿兆 (`l` = 10^4, 10^8, 10^12).
    pub fn big(&mut self, l: Decimal) -> bool {
        let pv = self.pending_value(false);
        let ovf = &mut self.overflow;
        let sec = add(self.section, pv, ovf);
        if self.pend_frac && self.pending.is_some() {
            self.no_lits = true;
        }
        let prev_trail = self.trail;
        if self.pending.is_none() && self.section.is_zero() {
            if self.total.is_zero() {
                if self.any {
                    return false;
                }
                self.total = l;
            } else {
                self.total = mul(self.total, l, ovf);
            }
        } else if self.last_big.is_zero() || l >= self.last_big {
            self.total = mul(add(self.total, sec, ovf), l, ovf);
        } else {
            let p = mul(sec, l, ovf);
            self.total = add(self.total, p, ovf);
        }
        self.trail = Some(match prev_trail {
            Some(t) => mul(t, l, ovf),
            None => l,
        });
        self.section = Decimal::ZERO;
        self.pending = None;
        self.zero_word = false;
        self.last_small = 0;
        self.after_zero = false;
        self.last_big = l;
        self.any = true;
        self.scaled = true;
        self.big_used = true;
        true
    }

    /// Keeps `trail` only if the last token was a big scale.
    pub fn clear_trail(&mut self) {
        self.trail = None;
    }

    /// The value so far.
    pub fn finish(&mut self) -> Decimal {
        let p = self.pending_value(true);
        let ovf = &mut self.overflow;
        let s = add(self.section, p, ovf);
        add(self.total, s, ovf)
    }
}
