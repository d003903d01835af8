//! The expression parser shared by [`super::parse`] and [`super::scan`].

use super::arabic::{Acc, Lit, arabic, digit_at};
use super::chinese::Eval;
use super::table::{Entry, Kind, TABLE, char_at, char_before};
use super::{Number, Script};
use rust_decimal::Decimal;

/// Outcome of an attempt at one position.
pub(crate) enum Out {
    /// No number here.
    No,
    /// Digits that cannot be represented exactly: skip to this offset.
    Skip(usize),
    /// A number ending at this offset.
    Yes(usize, Item),
}

/// A parsed number with its bookkeeping.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    pub lo: Decimal,
    pub hi: Option<Decimal>,
    pub percent: bool,
    pub more: bool,
    pub arabic: bool,
    pub chinese: bool,
    /// Product of trailing big scales (for 3-5万).
    pub trail: Option<Decimal>,
    /// Any scale character used.
    pub scaled: bool,
    /// Big scale used.
    pub big: bool,
}

impl Item {
    pub fn number(&self) -> Number {
        Number {
            value: self.lo.normalize(),
            value_max: self.hi.map(|h| h.normalize()),
            percent: self.percent,
            more_than: self.more,
            script: match (self.arabic, self.chinese) {
                (true, true) => Script::Mixed,
                (true, false) => Script::Arabic,
                _ => Script::Chinese,
            },
        }
    }
}

#[inline]
fn entry_at(s: &str, i: usize) -> Option<(char, &'static Entry, usize)> {
    let (c, n) = char_at(s, i)?;
    let e = TABLE.get(c)?;
    Some((c, e, n))
}

#[inline]
fn kind_at(s: &str, i: usize) -> Option<(Kind, &'static Entry, usize)> {
    entry_at(s, i).map(|(_, e, n)| (e.kind, e, n))
}

/// A Chinese decimal digit (not 两) at `i`.
fn cn_frac_digit(s: &str, i: usize) -> Option<(u8, usize)> {
    match kind_at(s, i) {
        Some((Kind::Digit, e, n)) if !e.liang => Some((e.val as u8, n)),
        _ => None,
    }
}

/// Whether the sign `-` at `i` may be a sign (start, whitespace, opening punctuation).
pub(crate) fn sign_ok(s: &str, i: usize) -> bool {
    match char_before(s, i) {
        None => true,
        Some(c) => c.is_whitespace() || "([{（［【「『“‘《〈｛,，、:：;；=＝".contains(c),
    }
}

/// Starts a numeral core (digit, scale, Arabic digit, 半)?
fn core_start(s: &str, i: usize) -> bool {
    match kind_at(s, i) {
        Some((
            Kind::Digit | Kind::Arabic | Kind::Small | Kind::Tens | Kind::Big | Kind::Half,
            _,
            _,
        )) => true,
        Some((Kind::Dot, _, n)) => digit_at(s, i + n).is_some(),
        _ => false,
    }
}

fn pair(a: u64, b: u64) -> bool {
    (1..=8).contains(&a) && b == a + 1
}

/// Reads a decimal fraction after 点 at `i` (Chinese or Arabic digits).
fn fraction(s: &str, mut i: usize) -> (usize, Acc) {
    let mut acc = Acc::default();
    loop {
        if let Some((d, n)) = cn_frac_digit(s, i).or_else(|| digit_at(s, i)) {
            acc.frac(d);
            i += n;
        } else {
            return (i, acc);
        }
    }
}

/// A core numeral at `i`: digits, scales, decimals, inner 余/多, digit pairs.
pub(crate) fn core(s: &str, start: usize) -> Out {
    let mut i = start;
    let Some((k0, e0, n0)) = kind_at(s, i) else {
        return Out::No;
    };
    let mut item = Item {
        lo: Decimal::ZERO,
        hi: None,
        percent: false,
        more: false,
        arabic: false,
        chinese: false,
        trail: None,
        scaled: false,
        big: false,
    };
    // Digit sequence (二〇二三, 一七二零点一): >= 2 Chinese digits that are not a pair.
    if k0 == Kind::Digit && !e0.liang {
        let mut j = i + n0;
        let mut cnt = 1usize;
        let mut second = None;
        while let Some((Kind::Digit, e, n)) = kind_at(s, j) {
            if e.liang {
                break;
            }
            if second.is_none() {
                second = Some(e.val);
            }
            cnt += 1;
            j += n;
        }
        let is_pair = cnt == 2 && second.is_some_and(|b| pair(e0.val, b));
        if cnt >= 2 && !is_pair {
            let mut acc = Acc::default();
            let mut k = i;
            while k < j {
                let (_, e, n) = entry_at(s, k).expect("digit");
                acc.int(e.val as u8);
                k += n;
            }
            let Some(mut v) = acc.value() else {
                return Out::Skip(j);
            };
            if let Some((Kind::Point, _, pn)) = kind_at(s, j) {
                if cn_frac_digit(s, j + pn).is_some() {
                    let (end, f) = fraction(s, j + pn);
                    let Some(v2) = f.value().and_then(|f| v.checked_add(f)) else {
                        return Out::Skip(end);
                    };
                    v = v2;
                    j = end;
                }
            }
            item.lo = v;
            item.chinese = true;
            return Out::Yes(j, item);
        }
    }
    let mut ev = [Eval::default(); 2];
    let mut ranged = false;
    let mut before = Eval::default();
    let mut last_digit: Option<u64> = None;
    let mut end = start;
    let mut only_big = false;
    while let Some((kind, e, n)) = kind_at(s, i) {
        // A scale word that opens a unit belongs to the unit: 12千米, 2.3千克, 5兆瓦.
        if matches!(kind, Kind::Small | Kind::Big | Kind::Tens)
            && ev[0].any
            && crate::unit::unit_prefix(&s[i..]).is_some_and(|(_, _, len)| len > n)
        {
            break;
        }
        let ok;
        match kind {
            Kind::Digit if e.val == 0 => {
                if only_big || ev[0].has_pending() {
                    break;
                }
                ok = ev.iter_mut().all(|x| x.zero());
            }
            Kind::Digit => {
                if only_big {
                    break;
                }
                if ev[0].has_pending() {
                    let next_digit = matches!(kind_at(s, i + n), Some((Kind::Digit, _, _)));
                    match last_digit {
                        Some(a) if !ranged && pair(a, e.val) && !next_digit && end == i => {
                            ev[1] = before;
                            ok = ev[1].lit(Decimal::from(e.val), true, false);
                            ranged = true;
                        }
                        _ => break,
                    }
                } else {
                    before = ev[0];
                    ok = ev
                        .iter_mut()
                        .all(|x| x.lit(Decimal::from(e.val), true, false));
                }
                last_digit = Some(e.val);
                item.chinese = true;
                if ok {
                    i += n;
                    end = i;
                    continue;
                }
            }
            Kind::Half => {
                if ev[0].any {
                    break;
                }
                ok = ev
                    .iter_mut()
                    .all(|x| x.lit(Decimal::new(5, 1), false, true));
                item.chinese = true;
            }
            Kind::Arabic | Kind::Dot => {
                if only_big || ev[0].has_pending() || ev[0].no_lits {
                    break;
                }
                if kind == Kind::Dot && ev[0].any {
                    break;
                }
                match arabic(s, i) {
                    None => break,
                    Some(Lit::Overflow(e)) => return Out::Skip(e),
                    Some(Lit::Ok(e, v, frac)) => {
                        if !ev.iter_mut().all(|x| x.lit(v, false, frac)) {
                            break;
                        }
                        item.arabic = true;
                        i = e;
                        end = i;
                        last_digit = None;
                        continue;
                    }
                }
            }
            Kind::Small => {
                if only_big {
                    break;
                }
                ok = ev.iter_mut().all(|x| x.small(e.val));
                item.chinese = true;
            }
            Kind::Tens => {
                if only_big {
                    break;
                }
                ok = ev.iter_mut().all(|x| x.tens(e.val));
                item.chinese = true;
            }
            Kind::Big => {
                let l = Decimal::from(e.val);
                ok = ev.iter_mut().all(|x| x.big(l));
                item.chinese = true;
                if ok {
                    i += n;
                    end = i;
                    last_digit = None;
                    continue;
                }
            }
            Kind::Approx => {
                // Inner 余/多/几: only between a numeral and a following scale.
                if !ev[0].any || end != i {
                    break;
                }
                match kind_at(s, i + n) {
                    Some((Kind::Small | Kind::Big, _, _)) => {
                        item.more = true;
                        i += n;
                        last_digit = None;
                        continue;
                    }
                    _ => break,
                }
            }
            Kind::Point => {
                if ranged || only_big || !ev[0].any {
                    break;
                }
                let p = i + n;
                if cn_frac_digit(s, p).is_none() && digit_at(s, p).is_none() {
                    break;
                }
                let had_big = ev[0].big_used;
                let int = ev[0].finish();
                let (fe, acc) = fraction(s, p);
                let Some(f) = acc.value() else {
                    return Out::Skip(fe);
                };
                let Some(v) = int.checked_add(f) else {
                    return Out::Skip(fe);
                };
                let scaled = ev[0].scaled;
                let mut fresh = Eval::from_value(v);
                fresh.scaled = scaled;
                fresh.big_used = had_big;
                ev = [fresh; 2];
                item.chinese = true;
                i = fe;
                end = i;
                if had_big {
                    break;
                }
                only_big = true;
                continue;
            }
            _ => break,
        }
        if !ok {
            break;
        }
        if kind != Kind::Big {
            ev.iter_mut().for_each(Eval::clear_trail);
        }
        if kind != Kind::Digit {
            last_digit = None;
        }
        i += n;
        end = i;
    }
    if end == start || !ev[0].any {
        return Out::No;
    }
    if ev[0].overflow || ev[1].overflow {
        return Out::Skip(end);
    }
    item.lo = ev[0].finish();
    if ranged {
        item.hi = Some(ev[1].finish());
    }
    if ev[0].overflow || ev[1].overflow {
        return Out::Skip(end);
    }
    item.trail = ev[if ranged { 1 } else { 0 }].trail;
    item.scaled = ev[0].scaled;
    item.big = ev[0].big_used;
    Out::Yes(end, item)
}

/// `a / d` when it is exact (no digit lost to Decimal's 28-digit scale).
fn exact_div(a: Decimal, d: Decimal) -> Option<Decimal> {
    let q = a.checked_div(d)?;
    (q.checked_mul(d)? == a).then_some(q)
}

/// Is `分之` at `i`? Returns the offset after it.
fn fen_zhi(s: &str, i: usize) -> Option<usize> {
    let (k1, _, n1) = kind_at(s, i)?;
    let (k2, _, n2) = kind_at(s, i + n1)?;
    (k1 == Kind::Fen && k2 == Kind::Zhi).then_some(i + n1 + n2)
}

/// One number with its prefix (负, 百分之) and suffix (%, 成, 分之).
pub(crate) fn item(s: &str, start: usize, allow_dash: bool) -> Out {
    let mut i = start;
    let mut neg = false;
    let mut neg_cn = false;
    match kind_at(s, i) {
        Some((Kind::Neg, _, n)) => {
            if !core_start(s, i + n) {
                return Out::No;
            }
            neg = true;
            neg_cn = true;
            i += n;
        }
        Some((Kind::Dash, _, n)) => {
            if !allow_dash || !sign_ok(s, i) {
                return Out::No;
            }
            let j = i + n;
            let arabic_next = digit_at(s, j).is_some()
                || matches!(kind_at(s, j), Some((Kind::Dot, _, dn)) if digit_at(s, j + dn).is_some());
            if !arabic_next {
                return Out::No;
            }
            neg = true;
            i = j;
        }
        _ => {}
    }
    // 百分之 / 千分之 / 万分之 prefix.
    if let Some((Kind::Small | Kind::Big, e, n)) = kind_at(s, i) {
        if let Some(after) = fen_zhi(s, i + n) {
            let div = match e.val {
                100 => Some(Decimal::ONE),
                1000 => Some(Decimal::TEN),
                10000 => Some(Decimal::ONE_HUNDRED),
                _ => None,
            };
            if let Some(div) = div {
                match core(s, after) {
                    Out::Yes(end, mut it) => {
                        let lo = exact_div(it.lo, div);
                        let hi = it.hi.map(|h| exact_div(h, div));
                        let (Some(lo), None | Some(Some(_))) = (lo, hi) else {
                            return Out::Skip(end);
                        };
                        it.lo = lo;
                        it.hi = hi.flatten();
                        it.percent = true;
                        it.chinese = true;
                        return finish_item(s, end, it, neg, neg_cn);
                    }
                    Out::Skip(end) => return Out::Skip(end),
                    Out::No => {}
                }
            }
        }
    }
    let (mut end, mut it) = match core(s, i) {
        Out::Yes(e, it) => (e, it),
        other => return other,
    };
    if it.hi.is_none() {
        // X分之Y
        if let Some(after) = fen_zhi(s, end) {
            if let Out::Yes(e2, y) = core(s, after) {
                if y.hi.is_none() && !it.lo.is_zero() {
                    if let Some(q) = y.lo.checked_div(it.lo) {
                        it.lo = q.normalize();
                        it.arabic |= y.arabic;
                        it.chinese = true;
                        it.trail = None;
                        it.scaled = true;
                        end = e2;
                    }
                }
            }
        } else if let Some((Kind::You, _, yn)) = kind_at(s, end) {
            // A又B分之C
            if let Out::Yes(e2, b) = core(s, end + yn) {
                if let (Some(after), None) = (fen_zhi(s, e2), b.hi) {
                    if let Out::Yes(e3, c) = core(s, after) {
                        if c.hi.is_none() && !b.lo.is_zero() {
                            if let Some(v) =
                                c.lo.checked_div(b.lo).and_then(|q| q.checked_add(it.lo))
                            {
                                it.lo = v.normalize();
                                it.chinese = true;
                                it.trail = None;
                                end = e3;
                            }
                        }
                    }
                }
            }
        }
    }
    // Suffixes.
    match kind_at(s, end) {
        Some((Kind::Percent, _, n)) => {
            it.percent = true;
            end += n;
        }
        Some((Kind::Cheng, _, n)) => {
            let rest = &s[end..];
            let stop = TABLE.cheng_stop.iter().any(|w| rest.starts_with(w));
            let ten = Decimal::TEN;
            let ok_val = |v: Decimal| v > Decimal::ZERO && v <= ten;
            if !stop && !it.big && ok_val(it.lo) && it.hi.is_none_or(ok_val) {
                // Values of at most 10: times ten and plus nine cannot overflow.
                it.percent = true;
                it.chinese = true;
                it.lo = it.lo.saturating_mul(ten);
                it.hi = it.hi.map(|h| h.saturating_mul(ten));
                end += n;
                // 七成五, 三成半
                if it.hi.is_none() && it.lo.fract().is_zero() && it.lo < Decimal::ONE_HUNDRED {
                    match kind_at(s, end) {
                        Some((Kind::Digit, e, dn)) if e.val > 0 && !e.liang => {
                            let next_num = matches!(
                                kind_at(s, end + dn),
                                Some((Kind::Digit | Kind::Small | Kind::Big | Kind::Point, _, _))
                            );
                            if !next_num {
                                it.lo = it.lo.saturating_add(Decimal::from(e.val));
                                end += dn;
                            }
                        }
                        Some((Kind::Half, _, hn)) => {
                            it.lo = it.lo.saturating_add(Decimal::from(5));
                            end += hn;
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }
    finish_item(s, end, it, neg, neg_cn)
}

fn finish_item(_s: &str, end: usize, mut it: Item, neg: bool, neg_cn: bool) -> Out {
    if neg {
        it.lo = -it.lo;
        it.hi = it.hi.map(|h| -h);
        if neg_cn {
            it.chinese = true;
        } else {
            it.arabic = true;
        }
    }
    Out::Yes(end, it)
}

/// A full expression at `start`: an item, optionally `connector item` (a range).
pub(crate) fn expr(s: &str, start: usize) -> Out {
    let (end, mut a) = match item(s, start, true) {
        Out::Yes(e, a) => (e, a),
        other => return other,
    };
    if a.hi.is_some() {
        return Out::Yes(end, a);
    }
    let Some((Kind::Dash | Kind::Range, _, n)) = kind_at(s, end) else {
        return Out::Yes(end, a);
    };
    let Out::Yes(e2, b) = item(s, end + n, false) else {
        return Out::Yes(end, a);
    };
    if b.hi.is_some() {
        return Out::Yes(end, a);
    }
    // The lower end borrows the scale written only on the upper end:
    // 3-5万 → 3万, 十八至三十万 → 18万, 一百二十到一百五十万 → 120万,
    // and a lone digit before a round hundreds/thousands upper end takes its
    // place: 八到九百亿 → 800亿, 两到三千 → 2000 (but 一到二十, 1-20 stay).
    // Every product here is checked: an upper end near the largest Decimal
    // (2-2万亿亿亿1) must not overflow while the lower end looks for its
    // place; a lower end that cannot take its scale is dropped with the range.
    if !a.big && !a.percent && a.lo > Decimal::ZERO {
        let trail = b.trail.unwrap_or(Decimal::ONE);
        if let Some(base) = exact_div(b.lo, trail) {
            if b.scaled && !a.scaled && a.lo < Decimal::TEN && a.lo.fract().is_zero() {
                let mut place = Decimal::ONE;
                while let Some(next) = place.checked_mul(Decimal::TEN).filter(|p| *p <= base) {
                    place = next;
                }
                let lead = exact_div(base, place);
                let round = lead.is_some_and(|l| l.fract().is_zero() && l < Decimal::TEN);
                let scaled = a.lo.checked_mul(place).filter(|v| *v <= base);
                if place >= Decimal::ONE_HUNDRED
                    && round
                    && let Some(v) = scaled
                {
                    a.lo = v;
                }
            }
            if trail > Decimal::ONE && a.lo < base {
                match a.lo.checked_mul(trail) {
                    Some(v) => a.lo = v,
                    None => return Out::Skip(e2),
                }
            }
        }
    }
    a.hi = Some(b.lo);
    a.percent |= b.percent;
    a.more |= b.more;
    a.arabic |= b.arabic;
    a.chinese |= b.chinese;
    Out::Yes(e2, a)
}

/// Whether a scan attempt may start at `i` with entry `e`.
#[inline]
pub(crate) fn scan_start(s: &str, i: usize, e: &Entry, n: usize) -> bool {
    match e.kind {
        Kind::Digit | Kind::Arabic | Kind::Small | Kind::Tens | Kind::Big | Kind::Half => true,
        Kind::Neg => core_start(s, i + n),
        Kind::Dash => sign_ok(s, i),
        Kind::Dot => {
            digit_at(s, i + n).is_some()
                && !char_before(s, i).is_some_and(|c| {
                    matches!(TABLE.get(c), Some(e) if e.kind == Kind::Arabic || e.kind == Kind::Dot)
                })
        }
        _ => false,
    }
}
