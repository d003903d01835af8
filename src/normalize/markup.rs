//! Markup removal for scraped input: HTML/XML tags, entities, JSON string
//! escapes. Every edit is recorded in the offset map.

use super::offsets::Builder;

/// Tags that end a paragraph or a line: they become `\n`.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "description",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "guid",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "item",
    "li",
    "link",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "pubdate",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Table cells: a tab keeps neighbouring cells apart.
const CELL_TAGS: &[&str] = &["td", "th"];

/// Tags whose whole content is dropped.
const DROP_CONTENT: [(&str, &str); 4] = [
    ("script", "</script"),
    ("style", "</style"),
    ("noscript", "</noscript"),
    ("template", "</template"),
];

/// Named entities decoded (others stay as text).
const ENTITIES: &[(&str, char)] = &[
    ("nbsp", '\u{a0}'),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("hellip", '…'),
    ("middot", '·'),
    ("times", '×'),
    ("divide", '÷'),
    ("deg", '°'),
    ("yen", '¥'),
    ("copy", '©'),
    ("reg", '®'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("bull", '•'),
    ("plusmn", '±'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("permil", '‰'),
    ("shy", '\u{ad}'),
    ("zwj", '\u{200d}'),
    ("zwnj", '\u{200c}'),
];

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// Does the document contain real markup (not just `a<b`)?
pub(crate) fn looks_like_markup(src: &str) -> bool {
    let b = src.as_bytes();
    let mut i = 0;
    while let Some(off) = src[i..].find('<') {
        let p = &b[i + off..];
        if starts_with_ci(p, b"<!--")
            || starts_with_ci(p, b"<![cdata[")
            || starts_with_ci(p, b"<!doctype")
            || starts_with_ci(p, b"<?xml")
        {
            return true;
        }
        // A closing tag `</name>`.
        if p.len() > 2 && p[1] == b'/' && p[2].is_ascii_alphabetic() {
            let n = p[2..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b':' || **c == b'-')
                .count();
            let rest = &p[2 + n..];
            let sp = rest.iter().take_while(|c| c.is_ascii_whitespace()).count();
            if rest.get(sp) == Some(&b'>') {
                return true;
            }
        }
        // Common void/opening tags.
        for t in [&b"<br"[..], b"<p>", b"<p ", b"<img ", b"<hr", b"<div"] {
            if starts_with_ci(p, t) {
                let after = p.get(t.len()).copied().unwrap_or(b'>');
                if t.ends_with(b">") || t.ends_with(b" ") || matches!(after, b'>' | b'/' | b' ') {
                    return true;
                }
            }
        }
        i += off + 1;
    }
    false
}

/// Parses a tag at `src[i..]` (which starts with `<`). Returns
/// `(end, lowercase name, closing)` when it is one.
fn parse_tag(src: &str, i: usize) -> Option<(usize, String, bool)> {
    let b = src.as_bytes();
    let mut j = i + 1;
    let closing = b.get(j) == Some(&b'/');
    if closing {
        j += 1;
    }
    if !b.get(j).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_start = j;
    while b
        .get(j)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b':' || *c == b'-' || *c == b'_')
    {
        j += 1;
    }
    let name = src[name_start..j].to_ascii_lowercase();
    match b.get(j) {
        Some(b'>' | b'/') => {}
        Some(c) if c.is_ascii_whitespace() => {}
        _ => return None,
    }
    // Find the closing '>' outside quotes, within a bounded distance.
    let limit = (i + 8192).min(b.len());
    let mut quote: Option<u8> = None;
    while j < limit {
        let c = b[j];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'"' | b'\'' => quote = Some(c),
                b'>' => return Some((j + 1, name, closing)),
                b'<' => return None,
                _ => {}
            },
        }
        j += 1;
    }
    None
}

fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if from > h.len() {
        return None;
    }
    h[from..]
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
        .map(|p| p + from)
}

/// The first occurrence of a needle (ASCII, case-insensitive) at or after a
/// position, remembered: the answer for `from` also answers every later
/// `from` up to it, so searches from increasing positions (one per `<!--`,
/// `<!`, `<?`, `<script>` of a document) scan the text once in all instead
/// of once per opener.
struct NextMatch {
    needle: &'static str,
    /// The last search started here …
    from: usize,
    /// … and found this (`None`: no match up to the end).
    found: Option<usize>,
    searched: bool,
}

impl NextMatch {
    fn new(needle: &'static str) -> Self {
        NextMatch {
            needle,
            from: 0,
            found: None,
            searched: false,
        }
    }

    fn find(&mut self, hay: &str, from: usize) -> Option<usize> {
        let known = self.searched && from >= self.from && self.found.is_none_or(|f| f >= from);
        if !known {
            self.from = from;
            self.found = find_ci(hay, from, self.needle);
            self.searched = true;
        }
        self.found
    }
}

/// The remembered searches of one markup pass.
struct Closers {
    comment: NextMatch,
    gt: NextMatch,
    drop: [NextMatch; 4],
}

impl Closers {
    fn new() -> Self {
        Closers {
            comment: NextMatch::new("-->"),
            gt: NextMatch::new(">"),
            drop: DROP_CONTENT.map(|(_, close)| NextMatch::new(close)),
        }
    }
}

/// Decodes an entity at `src[i..]` (which starts with `&`): `(end, char)`.
fn parse_entity(src: &str, i: usize) -> Option<(usize, char)> {
    let rest = &src[i + 1..];
    let semi = rest.as_bytes().iter().take(12).position(|&c| c == b';')?;
    let body = &rest[..semi];
    let end = i + 1 + semi + 1;
    if let Some(num) = body.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            if hex.is_empty() || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(hex, 16).ok()?
        } else {
            if num.is_empty() || !num.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            num.parse::<u32>().ok()?
        };
        let c = match char::from_u32(v) {
            Some('\0') | None => '\u{FFFD}',
            Some(c) => c,
        };
        return Some((end, c));
    }
    ENTITIES
        .iter()
        .find(|(n, _)| *n == body)
        .map(|&(_, c)| (end, c))
}

/// Result of one markup pass.
pub(crate) struct Stripped {
    pub b: Builder,
    /// An entity produced a `<` (escaped HTML that may need a second pass).
    pub decoded_lt: bool,
}

/// Removes tags (only when `looks_like_markup`) and decodes entities.
/// `None` when nothing changes.
pub(crate) fn strip(src: &str) -> Option<Stripped> {
    let tags = looks_like_markup(src);
    let bytes = src.as_bytes();
    if !tags && !bytes.contains(&b'&') {
        return None;
    }
    let mut b = Builder::with_capacity(src.len());
    let mut closers = Closers::new();
    let mut decoded_lt = false;
    let mut changed = false;
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'&' {
            if let Some((end, ch)) = parse_entity(src, i) {
                b.copy(src, run..i);
                b.replace_char(i..end, ch);
                decoded_lt |= ch == '<';
                changed = true;
                run = end;
                i = end;
                continue;
            }
        } else if tags && c == b'<' {
            if let Some(end) = markup_at(src, i, &mut b, run, &mut closers) {
                changed = true;
                run = end;
                i = end;
                continue;
            }
        } else if tags && c == b']' && src[i..].starts_with("]]>") {
            b.copy(src, run..i);
            run = i + 3;
            i = run;
            changed = true;
            continue;
        }
        i += 1;
    }
    if !changed {
        return None;
    }
    b.copy(src, run..src.len());
    Some(Stripped { b, decoded_lt })
}

/// Handles a `<` at `i`: flushes `src[run..i]`, emits the tag's replacement,
/// returns the end of the consumed markup, or `None` when it is plain text.
fn markup_at(
    src: &str,
    i: usize,
    b: &mut Builder,
    run: usize,
    closers: &mut Closers,
) -> Option<usize> {
    let rest = &src.as_bytes()[i..];
    let end = if starts_with_ci(rest, b"<!--") {
        let close = closers.comment.find(src, i + 4)?;
        b.copy(src, run..i);
        close + 3
    } else if starts_with_ci(rest, b"<![cdata[") {
        b.copy(src, run..i);
        i + 9
    } else if rest.len() > 1 && (rest[1] == b'!' || rest[1] == b'?') {
        let close = closers.gt.find(src, i)?;
        b.copy(src, run..i);
        close + 1
    } else {
        let (end, name, closing) = parse_tag(src, i)?;
        b.copy(src, run..i);
        let drop = DROP_CONTENT.iter().position(|(d, _)| *d == name);
        if let Some(d) = drop
            && !closing
            && !src[..end].ends_with("/>")
        {
            // Without its closing tag only the opening tag goes: a stray
            // `<script>` must not take the rest of the page with it.
            let close = closers.drop[d].find(src, end);
            return Some(match close {
                Some(c) => closers.gt.find(src, c).map_or(src.len(), |g| g + 1),
                None => end,
            });
        }
        let sep = if BLOCK_TAGS.contains(&name.as_str()) {
            Some('\n')
        } else if !closing && CELL_TAGS.contains(&name.as_str()) {
            Some('\t')
        } else {
            None
        };
        if let Some(sep) = sep {
            let last = b.last_char();
            let redundant = match sep {
                '\n' => last.is_none_or(|c| c == '\n'),
                _ => last.is_none_or(char::is_whitespace),
            };
            if !redundant {
                b.replace_char(i..end, sep);
            }
        }
        end
    };
    Some(end)
}

/// JSON-looking document: starts with `{` or `[` and has `"key":`.
pub(crate) fn looks_like_json(src: &str) -> bool {
    // A byte-order mark may precede the document (it is deleted later, by
    // the width step).
    let t = src.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    (t.starts_with('{') || t.starts_with('[')) && (src.contains("\":") || src.contains("\" :"))
}

fn hex4(src: &str, i: usize) -> Option<u32> {
    let h = src.get(i..i + 4)?;
    if !h.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(h, 16).ok()
}

/// Decodes JSON string escapes (`\n`, `\"`, `\uXXXX`, ...) in a JSON-looking
/// document; `None` when not JSON or nothing changes.
pub(crate) fn json_unescape(src: &str) -> Option<Builder> {
    if !looks_like_json(src) || !src.contains('\\') {
        return None;
    }
    let bytes = src.as_bytes();
    let mut b = Builder::with_capacity(src.len());
    let mut run = 0;
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let (end, ch): (usize, Option<char>) = match bytes[i + 1] {
            b'n' => (i + 2, Some('\n')),
            b't' => (i + 2, Some('\t')),
            b'r' => (i + 2, Some('\r')),
            b'"' => (i + 2, Some('"')),
            b'\\' => (i + 2, Some('\\')),
            b'/' => (i + 2, Some('/')),
            b'b' | b'f' => (i + 2, None),
            b'u' => match hex4(src, i + 2) {
                Some(hi @ 0xD800..=0xDBFF) => {
                    let lo = if src[i + 6..].starts_with("\\u") {
                        hex4(src, i + 8)
                    } else {
                        None
                    };
                    match lo {
                        Some(lo @ 0xDC00..=0xDFFF) => {
                            let v = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            (i + 12, char::from_u32(v))
                        }
                        _ => (i + 6, Some('\u{FFFD}')),
                    }
                }
                Some(0) => (i + 6, None),
                Some(v) => (i + 6, Some(char::from_u32(v).unwrap_or('\u{FFFD}'))),
                None => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        b.copy(src, run..i);
        if let Some(ch) = ch {
            b.replace_char(i..end, ch);
        }
        run = end;
        i = end;
    }
    if run == 0 {
        return None;
    }
    b.copy(src, run..src.len());
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(src: &str) -> String {
        strip(src).map_or_else(|| src.to_string(), |x| x.b.out)
    }

    #[test]
    fn detects_markup() {
        for yes in [
            "<p>文字</p>",
            "<br/>",
            "x<br>y",
            "<![CDATA[文]]>",
            "<div class=a>",
        ] {
            assert!(looks_like_markup(yes), "{yes}");
        }
        for no in ["a<b", "1<2 且 3>2", "如果 x < y", "<<标题>>", "价格<100元"] {
            assert!(!looks_like_markup(no), "{no}");
        }
    }

    #[test]
    fn strips_tags() {
        let cases = [
            ("<p>第一段</p><p>第二段</p>", "第一段\n第二段\n"),
            ("<p>第一段</p>\n<p>第二段</p>", "第一段\n\n第二段\n"),
            (
                "<div>增長<strong>5</strong><strong>座</strong></div>",
                "增長5座\n",
            ),
            ("甲<br>乙<br/>丙", "甲\n乙\n丙"),
            ("<script>var a = '<p>';</script>正文</p>", "正文\n"),
            ("<p>正文</p><script>正文二<br>", "正文\n正文二\n"),
            ("<style>p{color:red}</style>正文<br>", "正文\n"),
            ("<!-- 注释 -->正文<br>", "正文\n"),
            ("<![CDATA[<p>國家主席</p>]]>", "國家主席\n"),
            ("<tr><td>年份</td><td>2023</td></tr>", "年份\t2023\n"),
            ("a<b 且 c>d</p>", "ad\n"),
        ];
        for (input, want) in cases {
            assert_eq!(s(input), want, "input {input:?}");
        }
    }

    #[test]
    fn keeps_plain_text() {
        for t in [
            "a<b",
            "x < y 且 y > z",
            "https://www.news.gov.hk/chi/2024/02/x.html",
        ] {
            assert_eq!(s(t), t);
        }
        assert_eq!(
            s("<p>见 https://www.gov.cn/a?b=1&c=2 </p>"),
            "见 https://www.gov.cn/a?b=1&c=2 \n"
        );
    }

    #[test]
    fn decodes_entities() {
        let cases = [
            ("A&amp;B", "A&B"),
            ("&lt;p&gt;", "<p>"),
            ("&quot;中&#39;", "\"中'"),
            ("&#x4e2d;&#20013;", "中中"),
            ("&#123;&#125;", "{}"),
            ("1&nbsp;000", "1\u{a0}000"),
            ("&unknown; & &#xZZ;", "&unknown; & &#xZZ;"),
        ];
        for (input, want) in cases {
            assert_eq!(s(input), want, "input {input:?}");
        }
    }

    #[test]
    fn json_escapes() {
        let src = r#"[{"abstract": "第一段\n第二段\"引\"\u4e2d\ud83d\ude00\/x"}]"#;
        let out = json_unescape(src).unwrap().out;
        assert_eq!(out, "[{\"abstract\": \"第一段\n第二段\"引\"中😀/x\"}]");
        assert!(json_unescape(r"不是 JSON \n").is_none());
    }
}
