//! Small re-implementations of the Python built-ins the reference scorer
//! relies on (`str.isspace`, truthiness, `==` on JSON values, `float()`,
//! `int()`, `repr(float)`, `json.dumps(..., ensure_ascii=False)`), so that
//! the Rust scorer reaches the same verdicts on the same inputs.

use serde_json::Value;
use unicode_general_category::{GeneralCategory, get_general_category};

/// Python's `str.isspace` for one character: general category Zs or
/// bidirectional class WS, B or S (Python 3.11).
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\u{09}'..='\u{0D}'
            | '\u{1C}'..='\u{20}'
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
}

/// Python's `str.strip()` without arguments.
pub(crate) fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Python truthiness of a JSON value (`null`, `false`, `0`, `0.0`, `""`,
/// `[]` and `{}` are false).
pub(crate) fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i != 0
            } else if let Some(u) = n.as_u64() {
                u != 0
            } else {
                // NaN is truthy in Python, and NaN != 0.0.
                n.as_f64().is_none_or(|f| f != 0.0)
            }
        }
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// `x or None`.
pub(crate) fn or_none(v: &Value) -> &Value {
    if truthy(v) { v } else { &Value::Null }
}

/// A JSON number (or bool) as Python sees it: an exact int or a float.
#[derive(Clone, Copy)]
enum Num {
    Int(i128),
    Float(f64),
}

fn as_num(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Int(i128::from(*b))),
        Value::Number(n) => Some(if let Some(i) = n.as_i64() {
            Num::Int(i128::from(i))
        } else if let Some(u) = n.as_u64() {
            Num::Int(i128::from(u))
        } else {
            Num::Float(n.as_f64().unwrap_or(f64::NAN))
        }),
        _ => None,
    }
}

fn int_eq_float(i: i128, f: f64) -> bool {
    // Python compares int and float exactly.
    f.is_finite() && f.fract() == 0.0 && f.abs() < 1.0e38 && (f as i128) == i
}

/// Python `==` between two values decoded by `json.loads`
/// (`1 == 1.0`, `True == 1`, lists and dicts compared element-wise).
pub(crate) fn eq(a: &Value, b: &Value) -> bool {
    if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
        return match (x, y) {
            (Num::Int(x), Num::Int(y)) => x == y,
            (Num::Float(x), Num::Float(y)) => x == y,
            (Num::Int(i), Num::Float(f)) | (Num::Float(f), Num::Int(i)) => int_eq_float(i, f),
        };
    }
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, p)| y.get(k).is_some_and(|q| eq(p, q)))
        }
        _ => false,
    }
}

/// The ASCII digit of a Unicode decimal digit (general category Nd), as
/// Python's `int()`/`float()` accept them. Nd characters come in contiguous
/// runs of ten, 0 to 9 (a Unicode stability guarantee).
fn decimal_digit(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        return Some(c);
    }
    if get_general_category(c) != GeneralCategory::DecimalNumber {
        return None;
    }
    let mut start = c as u32;
    while let Some(prev) = start.checked_sub(1).and_then(char::from_u32) {
        if get_general_category(prev) != GeneralCategory::DecimalNumber {
            break;
        }
        start -= 1;
    }
    char::from_digit((c as u32 - start) % 10, 10)
}

/// Strip Python whitespace and map Unicode decimal digits to ASCII; `None`
/// if another non-ASCII character remains.
fn to_ascii_number(s: &str) -> Option<String> {
    strip(s)
        .chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c)
            } else {
                decimal_digit(c)
            }
        })
        .collect()
}

/// Length of a Python `digitpart` (`digit (["_"] digit)*`) at the start of
/// `s`, 0 if there is none.
fn digitpart(s: &[u8]) -> usize {
    let mut i = 0;
    if s.first().is_none_or(|b| !b.is_ascii_digit()) {
        return 0;
    }
    while i < s.len() {
        if s[i].is_ascii_digit() {
            i += 1;
        } else if s[i] == b'_' && s.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 2;
        } else {
            break;
        }
    }
    i
}

/// Python's `float(str)`; `None` where Python raises `ValueError`.
pub(crate) fn parse_float(s: &str) -> Option<f64> {
    let t = to_ascii_number(s)?;
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, &t[..]),
    };
    let lower = body.to_ascii_lowercase();
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(f) = special {
        return Some(if neg { -f } else { f });
    }
    let b = body.as_bytes();
    let mut i = digitpart(b);
    let mut digits = i > 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let frac = digitpart(&b[i..]);
        digits |= frac > 0;
        i += frac;
    }
    if !digits {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = digitpart(&b[i..]);
        if exp == 0 {
            return None;
        }
        i += exp;
    }
    if i != b.len() {
        return None;
    }
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    let f: f64 = clean.parse().ok()?;
    Some(if neg { -f } else { f })
}

/// Python's `float(x)` on a JSON value; `None` where Python raises
/// `TypeError` or `ValueError`.
pub(crate) fn to_float(v: &Value) -> Option<f64> {
    match v {
        Value::String(s) => parse_float(s),
        _ => as_num(v).map(|n| match n {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }),
    }
}

/// Python's `int(x)` on a JSON value (floats truncate toward zero, strings
/// are parsed in base 10); `None` where Python raises.
pub(crate) fn to_int(v: &Value) -> Option<i128> {
    match v {
        Value::String(s) => {
            let t = to_ascii_number(s)?;
            let (neg, body) = match t.as_bytes().first() {
                Some(b'-') => (true, &t[1..]),
                Some(b'+') => (false, &t[1..]),
                _ => (false, &t[..]),
            };
            if body.is_empty() || digitpart(body.as_bytes()) != body.len() {
                return None;
            }
            let clean: String = body.chars().filter(|&c| c != '_').collect();
            let n: i128 = clean.parse().ok()?;
            Some(if neg { -n } else { n })
        }
        _ => match as_num(v)? {
            Num::Int(i) => Some(i),
            Num::Float(f) if f.is_finite() && f.abs() < 1.0e38 => Some(f.trunc() as i128),
            Num::Float(_) => None,
        },
    }
}

/// Python's `repr(float)`.
pub(crate) fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    // Shortest round-trip digits and exponent, e.g. "6.25e-2".
    let sci = format!("{:e}", f.abs());
    let (mant, exp) = sci.split_once('e').expect("`{:e}` has an exponent");
    let exp: i32 = exp.parse().expect("`{:e}` exponent is an integer");
    let digits: String = mant.chars().filter(|&c| c != '.').collect();
    let sign = if f < 0.0 { "-" } else { "" };
    let decpt = exp + 1; // digits d1 d2 ... with the point after decpt of them
    let n = digits.len() as i32;
    let body = if (-4 < decpt) && (decpt <= 16) {
        if decpt <= 0 {
            format!("0.{}{}", "0".repeat((-decpt) as usize), digits)
        } else if decpt >= n {
            format!("{}{}.0", digits, "0".repeat((decpt - n) as usize))
        } else {
            format!(
                "{}.{}",
                &digits[..decpt as usize],
                &digits[decpt as usize..]
            )
        }
    } else {
        let m = if n == 1 {
            digits.clone()
        } else {
            format!("{}.{}", &digits[..1], &digits[1..])
        };
        let e = decpt - 1;
        format!("{}e{}{:02}", m, if e < 0 { '-' } else { '+' }, e.abs())
    };
    format!("{sign}{body}")
}

/// Python's `round(x, 4)`: correctly rounded (half to even on the exact
/// binary value), then the nearest float to that decimal.
pub(crate) fn round4(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.4}").parse().unwrap_or(x)
}

/// A JSON string literal as `json.dumps(..., ensure_ascii=False)` writes it.
pub(crate) fn dump_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0C}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON float as `json.dumps` writes it.
pub(crate) fn dump_float(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        float_repr(f)
    }
}

/// A value as `json.dumps(v, ensure_ascii=False)` writes it (object keys in
/// the order the map holds them).
pub(crate) fn dump(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match as_num(v) {
            Some(Num::Int(i)) => out.push_str(&i.to_string()),
            Some(Num::Float(f)) => out.push_str(&dump_float(f)),
            None => out.push_str(&n.to_string()),
        },
        Value::String(s) => dump_str(s, out),
        Value::Array(a) => {
            out.push('[');
            for (k, x) in a.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                dump(x, out);
            }
            out.push(']');
        }
        Value::Object(o) => dump_pairs(o.iter().map(|(k, v)| (k.as_str(), v)), out),
    }
}

/// A JSON object from ordered key/value pairs, `json.dumps` style.
pub(crate) fn dump_pairs<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a Value)>,
    out: &mut String,
) {
    out.push('{');
    for (k, (key, x)) in pairs.into_iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        dump_str(key, out);
        out.push_str(": ");
        dump(x, out);
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn float_repr_matches_python() {
        for (f, s) in [
            (1.0, "1.0"),
            (0.5, "0.5"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (1e15, "1000000000000000.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (0.00015, "0.00015"),
            (2.0 / 3.0, "0.6666666666666666"),
            (-12.25, "-12.25"),
            (1000.000000001, "1000.000000001"),
            (1.23e-7, "1.23e-07"),
            (1e100, "1e+100"),
        ] {
            assert_eq!(float_repr(f), s, "{f:e}");
        }
    }

    #[test]
    fn python_float_and_int() {
        assert_eq!(parse_float(" 1_000.5 "), Some(1000.5));
        assert_eq!(parse_float("１２"), Some(12.0));
        assert_eq!(parse_float("1."), Some(1.0));
        assert_eq!(parse_float(".5e1_0"), Some(5e9));
        assert!(parse_float("-Infinity").is_some_and(|f| f == f64::NEG_INFINITY));
        for bad in ["", ".", "1__0", "_1", "1_", "1e", "0x10", "1 0", "万"] {
            assert_eq!(parse_float(bad), None, "{bad}");
        }
        assert_eq!(to_int(&json!(3.9)), Some(3));
        assert_eq!(to_int(&json!(-0.5)), Some(0));
        assert_eq!(to_int(&json!(" 12 ")), Some(12));
        assert_eq!(to_int(&json!("12.0")), None);
        assert_eq!(to_int(&json!(true)), Some(1));
        assert_eq!(to_int(&json!(null)), None);
    }

    #[test]
    fn python_equality_and_truthiness() {
        assert!(eq(&json!(2023), &json!(2023.0)));
        assert!(eq(&json!(true), &json!(1)));
        assert!(!eq(&json!("2023"), &json!(2023)));
        assert!(eq(&json!(null), &json!(null)));
        assert!(eq(&json!([1, "a"]), &json!([1.0, "a"])));
        assert!(!truthy(&json!("")) && !truthy(&json!(0.0)) && !truthy(&json!([])));
        assert!(truthy(&json!("元")) && truthy(&json!(-1)));
    }

    #[test]
    fn isspace_and_round() {
        assert!(is_space('\u{3000}') && is_space('\u{1F}') && !is_space('\u{200B}'));
        assert_eq!(round4(2.0 / 3.0), 0.6667);
        assert_eq!(round4(0.00005), 0.0001);
        let mut s = String::new();
        dump(&json!({"a": [1, 2.5, null, "\"元\n"]}), &mut s);
        assert_eq!(s, r#"{"a": [1, 2.5, null, "\"元\n"]}"#);
    }
}
