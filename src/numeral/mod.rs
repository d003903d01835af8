//! Stage 2: number expressions (interface; implementation in progress).
pub use rust_decimal::Decimal;

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

/// Finds every number expression in `text`, left to right, non-overlapping.
pub fn scan(_text: &str) -> Vec<NumberMatch> {
    Vec::new()
}
