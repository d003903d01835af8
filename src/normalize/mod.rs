//! Stage 1: normalisation.
//!
//! Turns a press release — clean or scraped (HTML, RSS, JSON, YAML front
//! matter), Simplified or Traditional — into plain Simplified text, keeping an
//! exact map from every normalised byte back to the original input.
//!
//! The steps, each optional (see [`Normalizer`]):
//! 1. **markup**: JSON string escapes (JSON-looking input only), HTML/XML
//!    tags (only when the input really contains markup; block tags become
//!    `\n`, `<script>`/`<style>` contents are dropped), HTML entities;
//! 2. **width**: full-width ASCII → ASCII, odd spaces → space, compatibility
//!    units (`㎡` → `平方米`), range dashes between numerals (`1—7月` →
//!    `1-7月`), zero-width, bidi and other format characters, variation
//!    selectors and control characters removed, `\r\n` → `\n`;
//! 3. **script**: Traditional → Simplified with OpenCC `t2s`, line by line,
//!    only on lines that contain a Traditional-only character (Simplified
//!    text such as `显著` is never rewritten); then (a width step that needs
//!    Simplified units) spaces between a number and its scale word, unit or
//!    `%` go (`300 万元` → `300万元`);
//! 4. **lines**: lines broken inside a sentence or word are joined.
//!
//! ```
//! let n = zhclaims::normalize::normalize("<p>增長９．３％</p>");
//! assert_eq!(n.text(), "增长9.3%\n");
//! assert_eq!(n.to_original(0..3), 3..6); // 增 after "<p>"
//! ```

mod convert;
mod fold;
mod lines;
mod markup;
mod offsets;
mod spacing;
mod t2s;
#[cfg(test)]
mod test_rng;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

pub use convert::Backend;
use offsets::{Builder, OffsetMap};

/// Normalised text plus an exact map back to the original input.
///
/// Offsets are byte offsets. The map is stored as run-length segments, so it
/// stays small for large inputs, and lookups are O(log n).
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// `None`: the text is the input unchanged (identity map).
    map: Option<OffsetMap>,
    original_len: usize,
}

impl Normalized {
    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Consumes `self`, returning the normalised text.
    pub fn into_text(self) -> String {
        self.text
    }

    /// Byte length of the original input.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// Number of runs stored in the offset map (0 when the text is the
    /// input unchanged); a measure of the map's memory use. Same-shape edits
    /// in a row (`&lt;` × n, `\r\n` after every char) share one run.
    pub fn segment_count(&self) -> usize {
        self.map.as_ref().map_or(0, OffsetMap::run_count)
    }

    /// Heap bytes of the offset map (0 when the text is the input unchanged).
    ///
    /// ```
    /// let n = zhclaims::normalize::normalize(&"&lt;".repeat(100_000));
    /// assert_eq!(n.text().len(), 100_000);
    /// assert!(n.map_bytes() < 1_000);
    /// ```
    pub fn map_bytes(&self) -> usize {
        self.map.as_ref().map_or(0, OffsetMap::heap_bytes)
    }

    fn floor_boundary(&self, mut p: usize) -> usize {
        p = p.min(self.text.len());
        while !self.text.is_char_boundary(p) {
            p -= 1;
        }
        p
    }

    fn ceil_boundary(&self, mut p: usize) -> usize {
        p = p.min(self.text.len());
        while !self.text.is_char_boundary(p) {
            p += 1;
        }
        p
    }

    /// Maps a byte range of the normalised text to the byte range of the
    /// original input it came from.
    ///
    /// The result is on char boundaries of the original, end exclusive, and
    /// covers exactly the original chars that produced the normalised chars
    /// (a range starting or ending inside a many-to-one replacement such as
    /// `㎡` → `平方米` widens to the whole replaced original). Out-of-range or
    /// mid-char offsets are clamped and widened to char boundaries; the map
    /// is monotonic. O(log n).
    ///
    /// ```
    /// use zhclaims::normalize::normalize;
    /// let input = "<p>面積120㎡</p>";
    /// let n = normalize(input);
    /// assert_eq!(n.text(), "面积120平方米\n");
    /// let at = n.text().find("平方米").unwrap();
    /// let r = n.to_original(at..at + "平方米".len());
    /// assert_eq!(&input[r], "㎡");
    /// let r = n.to_original(0..6);
    /// assert_eq!(&input[r], "面積");
    /// ```
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        let end = self.ceil_boundary(range.end);
        let start = self.floor_boundary(range.start.min(end));
        match &self.map {
            None => start..end,
            Some(m) => m.map_range(start..end),
        }
    }

    /// Original byte offset of normalised byte offset `norm_byte` (as the
    /// start of a range: inside a many-to-one replacement it is the
    /// replacement's original start; at the end of the text it is the end of
    /// the last original char that produced output).
    pub fn original_offset(&self, norm_byte: usize) -> usize {
        let p = self.floor_boundary(norm_byte);
        match &self.map {
            None => p,
            Some(m) => m.floor(p),
        }
    }
}

/// Configurable normaliser. Cheap to copy; the OpenCC converters it uses are
/// built once per process on first use and shared (everything is
/// `Send + Sync`).
///
/// ```
/// use zhclaims::normalize::Normalizer;
/// let full = Normalizer::default();
/// assert_eq!(full.normalize("1—7月全區投資").text(), "1-7月全区投资");
/// let keep_script = Normalizer::new().script(false);
/// assert_eq!(keep_script.normalize("1—7月全區投資").text(), "1-7月全區投資");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Normalizer {
    markup: bool,
    width: bool,
    script: bool,
    lines: bool,
    backend: Backend,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer {
            markup: true,
            width: true,
            script: true,
            lines: true,
            backend: Backend::default(),
        }
    }
}

static DEFAULT: LazyLock<Normalizer> = LazyLock::new(Normalizer::default);

/// Pipeline state: current text and its map to the original (None = identity).
struct State<'a> {
    text: Cow<'a, str>,
    map: Option<OffsetMap>,
}

impl State<'_> {
    fn apply(&mut self, step: Option<Builder>) {
        let Some(b) = step else {
            return;
        };
        let (out, map) = b.finish();
        self.map = Some(match &self.map {
            None => map,
            Some(m) => m.then(&map),
        });
        self.text = Cow::Owned(out);
    }
}

impl Normalizer {
    /// All steps on, default backend (same as `Normalizer::default()`).
    pub fn new() -> Self {
        Self::default()
    }

    /// Strip HTML/XML tags, decode entities and JSON escapes (default on).
    pub fn markup(mut self, on: bool) -> Self {
        self.markup = on;
        self
    }

    /// Fold full-width/compatibility forms, range dashes, invisible, format
    /// and control characters, line endings; remove spaces between a number
    /// and its unit (default on).
    pub fn width(mut self, on: bool) -> Self {
        self.width = on;
        self
    }

    /// Convert Traditional to Simplified with OpenCC `t2s` (default on).
    pub fn script(mut self, on: bool) -> Self {
        self.script = on;
        self
    }

    /// Join lines broken inside a sentence or word (default on).
    pub fn lines(mut self, on: bool) -> Self {
        self.lines = on;
        self
    }

    /// Chooses the OpenCC backend for script conversion.
    pub fn backend(mut self, backend: Backend) -> Self {
        self.backend = backend;
        self
    }

    /// Loads the script converter now (instead of on first use) and reports
    /// whether it works; an error means Traditional text stays unconverted.
    pub fn warm_up(&self) -> Result<(), String> {
        self.backend.status()
    }

    /// Normalises `input`. Never panics.
    pub fn normalize(&self, input: &str) -> Normalized {
        let mut st = State {
            text: Cow::Borrowed(input),
            map: None,
        };
        if self.markup {
            st.apply(markup::json_unescape(&st.text));
            if let Some(s) = markup::strip(&st.text) {
                let again = s.decoded_lt;
                st.apply(Some(s.b));
                // Escaped HTML (`&lt;p&gt;`) becomes markup once decoded.
                if again && markup::looks_like_markup(&st.text) {
                    st.apply(markup::strip(&st.text).map(|s| s.b));
                }
            }
        }
        if self.width {
            st.apply(fold::fold(&st.text));
        }
        if self.script {
            st.apply(self.backend.convert_mapped(&st.text));
        }
        if self.width {
            st.apply(spacing::join(&st.text));
        }
        if self.lines {
            st.apply(lines::repair(&st.text));
        }
        Normalized {
            text: st.text.into_owned(),
            map: st.map,
            original_len: input.len(),
        }
    }

    /// Converts Traditional Chinese to Simplified (plain OpenCC `t2s`) with
    /// this normaliser's backend, nothing else. Unlike [`Self::normalize`],
    /// which leaves lines without any Traditional-only character alone (so a
    /// Simplified `显著` stays `显著`), this applies `t2s` to all text.
    pub fn to_simplified(&self, input: &str) -> String {
        self.backend.convert(input)
    }
}

/// Normalises scraped text with the default options (a process-wide
/// [`Normalizer::default()`]).
///
/// ```
/// use zhclaims::normalize::normalize;
/// let n = normalize("市疾控中心於2023年完成檢測，增長１２．５％。");
/// assert_eq!(n.text(), "市疾控中心于2023年完成检测,增长12.5%。");
/// ```
pub fn normalize(input: &str) -> Normalized {
    DEFAULT.normalize(input)
}

/// Converts Traditional Chinese to Simplified (OpenCC `t2s`, default
/// backend). Only the script changes: no width folding, no markup removal.
///
/// ```
/// use zhclaims::normalize::to_simplified;
/// assert_eq!(to_simplified("財政儲備約7,332億元"), "财政储备约7,332亿元");
/// assert_eq!(to_simplified("新增床位"), "新增床位"); // t2s, not tw2sp
/// ```
pub fn to_simplified(input: &str) -> String {
    DEFAULT.to_simplified(input)
}

/// Whether `c` is a Han character (CJK unified ideographs, extensions A–F,
/// compatibility ideographs). Shared by the stages that need it.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{3134F}' | '\u{F900}'..='\u{FAFF}')
}
