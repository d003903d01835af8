//! Stage 1: normalisation (interface; implementation in progress).
use std::ops::Range;

/// Normalised text plus an exact map back to the original input.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
}

impl Normalized {
    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// Maps a byte range of the normalised text to the byte range of the
    /// original input it came from (always on char boundaries).
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        range
    }
}

/// Normalises scraped text with the default options.
pub fn normalize(input: &str) -> Normalized {
    Normalized {
        text: input.to_string(),
    }
}

/// Converts Traditional Chinese to Simplified (OpenCC `t2s`).
pub fn to_simplified(input: &str) -> String {
    input.to_string()
}
