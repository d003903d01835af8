//! Generated hostile inputs (issue 16): one family per slow or memory-hungry
//! path found so far, each a short fragment repeated to any size between a
//! claim before and a claim after it.
//!
//! Shared by `tests/hostile.rs` (regression tests at small sizes, scaling
//! checks), `benches/hostile.rs` (the 1 MB / 10 MB table of the README) and
//! the `structured` fuzz target (`fuzz/`), which mixes the fragments.

#![allow(dead_code)] // each user takes what it needs

/// A claim before the repeated fragment and one after it.
pub const BEFORE: &str = "全市新增床位1000张。";
pub const AFTER: &str = "完成投资3亿元。";

/// One family of generated input.
pub struct Family {
    pub name: &'static str,
    /// The repeated fragment, as in the table.
    pub fragment: &'static str,
    /// How the fragment is laid out around the two claims.
    pub layout: Layout,
    /// Claims the fragment itself adds per repetition (`1%,` adds one).
    pub claims_per_fragment: usize,
}

/// Where the fragment goes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `BEFORE fragment… AFTER`.
    Between,
    /// `{"content":"BEFORE fragment… AFTER"}`: one-line JSON.
    Json,
    /// `<p>BEFORE</p>fragment…` then `AFTER` on a line of its own: in an
    /// HTML page, with no `>` after the fragments to close them.
    Html,
    /// `全市新增床位1000张,fragment…。AFTER`: inside the claim's sentence.
    InSentence,
    /// `版权所有 fragment…`: a furniture line, then the claims on lines of
    /// their own.
    AfterFooter,
    /// `fragment… 今年… AFTER`: N list items, then N relative years.
    ThenRelative,
}

pub const FAMILIES: &[Family] = &[
    // The table.
    fam("blank_lines", "\n", Layout::Between, 0),
    fam("crlf", "\r\n", Layout::Between, 0),
    fam("json_newlines", "\\n", Layout::Json, 0),
    fam("comment_open", "<!--", Layout::Html, 0),
    fam("bang_open", "<!x", Layout::Html, 0),
    fam("pi_open", "<?", Layout::Html, 0),
    fam("png", ".png", Layout::Between, 0),
    fam("years_in_sentence", "2023年", Layout::InSentence, 0),
    fam("list_then_now", "1万人、", Layout::ThenRelative, 1),
    fam("footer_clock", "10:30 新增1万人 ", Layout::AfterFooter, 0),
    // The memory recipes.
    fam("lt_entity", "&lt;", Layout::Between, 0),
    fam("a_crlf", "a\r\n", Layout::Between, 0),
    fam("fullwidth_a", "ａ", Layout::Between, 0),
    fam("a_zwsp", "a\u{200b}", Layout::Between, 0),
    fam("amp_entity", "&amp;", Layout::Between, 0),
    fam("percent_claims", "1%,", Layout::Between, 1),
    // More of the same kind, found while fixing those.
    fam("a_lt_mixed", "a&lt;", Layout::Between, 0),
    fam("quoted_attr", "<a x=\"", Layout::Html, 0),
    fam("script_open", "<script>", Layout::Html, 0),
    fam("clock_soup", "10:30 ", Layout::Between, 0),
    fam("link_items", "首页| ", Layout::Between, 0),
    fam("phone_fields", "电话:1 ", Layout::Between, 0),
    fam("bidi_marks", "\u{202c}\u{2066}", Layout::Between, 0),
    fam("dash_runs", "1—", Layout::Between, 0),
    fam("spaced_units", "1 万 ", Layout::Between, 1),
];

const fn fam(
    name: &'static str,
    fragment: &'static str,
    layout: Layout,
    claims_per_fragment: usize,
) -> Family {
    Family {
        name,
        fragment,
        layout,
        claims_per_fragment,
    }
}

impl Family {
    /// The input with `n` repetitions of the fragment.
    pub fn build_n(&self, n: usize) -> String {
        let frag = self.fragment.repeat(n);
        match self.layout {
            Layout::Between => format!("{BEFORE}{frag}{AFTER}"),
            Layout::Json => format!("{{\"content\":\"{BEFORE}{frag}{AFTER}\"}}"),
            Layout::Html => format!("<p>{BEFORE}</p>{frag}\n{AFTER}"),
            Layout::InSentence => format!("全市新增床位1000张,{frag}。{AFTER}"),
            Layout::AfterFooter => format!("{BEFORE}\n版权所有 {frag}\n{AFTER}"),
            Layout::ThenRelative => format!("{frag}{}{AFTER}", "今年".repeat(n)),
        }
    }

    /// Repetitions that make about `bytes` bytes.
    pub fn n_for(&self, bytes: usize) -> usize {
        let per = self.fragment.len()
            + if self.layout == Layout::ThenRelative {
                "今年".len()
            } else {
                0
            };
        (bytes / per).max(1)
    }

    /// The input grown to about `bytes` bytes.
    pub fn build(&self, bytes: usize) -> String {
        self.build_n(self.n_for(bytes))
    }

    /// Claims expected from [`Family::build_n`]: the two around the
    /// fragment (none from the furniture line) plus those it adds.
    pub fn expected_claims(&self, n: usize) -> usize {
        let around = match self.layout {
            Layout::ThenRelative => 1,
            _ => 2,
        };
        around + self.claims_per_fragment * n
    }
}

/// A family by name.
pub fn family(name: &str) -> &'static Family {
    FAMILIES
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no family {name}"))
}
