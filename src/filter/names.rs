//! File and image names and host names without a scheme: masks that are
//! found from their end (an extension, a top-level domain) and grown
//! backwards once.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// `.png`, `.html` …: the end of a file or image name.
static FILE_EXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:png|jpe?g|gif|bmp|webp|svg|pdf|docx?|xlsx?|pptx?|s?html?|php|aspx?|jsp|js|css|zip|rar)(?-u:\b)")
        .expect("file extension pattern")
});

/// `.gov`, `.cn` …: the end of a host name.
static TLD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:gov|com|cn|org|net|edu|int|hk|mo|tw|info)(?-u:\b)").expect("TLD pattern")
});

/// Builds the patterns now rather than on first use.
pub(super) fn warm_up() {
    LazyLock::force(&FILE_EXT);
    LazyLock::force(&TLD);
}

/// Host names without a scheme and their path (`changzhou.gov.cn/1万人`,
/// `www.example.com`): each top-level domain grown backwards over host
/// chars (as far as the previous name, which then grows instead, as for
/// file names), then forward over a path after `/`. Searched from the
/// top-level domain because a pattern that starts with a char class would
/// be tried at every position of the text.
pub(super) struct HostNames<'t> {
    text: &'t str,
    tlds: regex::Matches<'static, 't>,
    pending: Option<Range<usize>>,
    floor: usize,
}

impl<'t> HostNames<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        HostNames {
            text,
            tlds: TLD.find_iter(text),
            pending: None,
            floor: 0,
        }
    }

    /// `name` with the path after it.
    fn with_path(&self, name: Range<usize>) -> Range<usize> {
        let rest = &self.text[name.end..];
        if !rest.starts_with('/') {
            return name;
        }
        let path = rest
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() || "<>\"'，。、；".contains(c))
            .map_or(rest.len(), |(i, _)| i);
        name.start..name.end + path
    }
}

impl Iterator for HostNames<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let is_host = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.');
        for m in self.tlds.by_ref() {
            let floor = self.floor.min(m.start());
            let walk = self.text.as_bytes()[floor..m.start()]
                .iter()
                .rev()
                .take_while(|b| is_host(b))
                .count();
            let start = m.start() - walk;
            self.floor = m.end();
            let joins = start == floor && self.pending.as_ref().is_some_and(|p| p.end == floor);
            if joins {
                if let Some(p) = self.pending.as_mut() {
                    p.end = m.end();
                }
                continue;
            }
            // A label before the top-level domain, starting after a word
            // boundary (not inside `x_y.cn`).
            let label = &self.text.as_bytes()[start..m.start()];
            let bounded = start == 0 || !self.text.as_bytes()[start - 1].is_ascii_alphanumeric();
            if label.iter().any(u8::is_ascii_alphanumeric) && bounded {
                if let Some(done) = self.pending.replace(start..m.end()) {
                    return Some(self.with_path(done));
                }
            }
        }
        let done = self.pending.take()?;
        Some(self.with_path(done))
    }
}

/// File and image names (`20200514343233024.png`, `/a/b/c.html`): each
/// extension grown backwards over name chars. The walk stops at the end of
/// the previous name, which then grows instead (`a.png.png.png…` is one
/// name), so every byte is walked over once.
pub(super) struct FileNames<'t> {
    text: &'t str,
    exts: regex::Matches<'static, 't>,
    /// The name found last, not yet given out (the next may extend it).
    pending: Option<Range<usize>>,
    /// End of the previous extension: a walk back stops there …
    floor: usize,
    /// … and, having reached it, goes on from where that one's name began.
    prev_start: Option<usize>,
}

impl<'t> FileNames<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        FileNames {
            text,
            exts: FILE_EXT.find_iter(text),
            pending: None,
            floor: 0,
            prev_start: None,
        }
    }
}

impl Iterator for FileNames<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let is_name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/');
        for m in self.exts.by_ref() {
            let floor = self.floor.min(m.start());
            let walk = self.text.as_bytes()[floor..m.start()]
                .iter()
                .rev()
                .take_while(|b| is_name(b))
                .count();
            let mut start = m.start() - walk;
            if start == floor
                && let Some(p) = self.prev_start
            {
                // Name chars all the way back to the previous extension
                // (itself name chars): the name began where its did.
                start = p;
            }
            self.prev_start = Some(start);
            self.floor = m.end();
            if start == m.start() {
                continue; // no name before the extension
            }
            match &mut self.pending {
                Some(prev) if prev.start == start => prev.end = m.end(),
                _ => {
                    if let Some(done) = self.pending.replace(start..m.end()) {
                        return Some(done);
                    }
                }
            }
        }
        self.pending.take()
    }
}

/// All file names of `text` (tests).
#[cfg(test)]
fn file_names(text: &str) -> Vec<Range<usize>> {
    FileNames::new(text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names() {
        let names =
            |t: &str| -> Vec<String> { HostNames::new(t).map(|r| t[r].to_string()).collect() };
        assert_eq!(
            names("详见changzhou.gov.cn/1万人次。"),
            ["changzhou.gov.cn/1万人次"]
        );
        assert_eq!(
            names("访问www.example.com 或 a-b.org.hk"),
            ["www.example.com", "a-b.org.hk"]
        );
        assert!(names("增长1.5cn").is_empty());
        assert_eq!(names("邮箱在x.cn"), ["x.cn"]);
        assert!(names("新增1.5万人,.cn 和 .com").is_empty());
        let long = format!("a{}", ".cn".repeat(1000));
        assert_eq!(names(&long), std::slice::from_ref(&long));
    }
    #[test]
    fn file_names_grow_once() {
        let text = format!("a{}", ".png".repeat(1000));
        assert_eq!(file_names(&text), vec![0..text.len()]);
        let text = format!(" {}", ".png".repeat(3));
        assert_eq!(file_names(&text), vec![1..text.len()]);
        assert_eq!(
            file_names("见 x.png 和 /a/b.pdf 与 .png"),
            vec![4..9, 14..22]
        );
        // The same names as an unbounded walk back from every extension.
        let is_name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/');
        for text in [
            "x.png.jpg a.pdf",
            "a.b.png/c.pdf .png",
            ".png.png",
            "图.png a_b-c.gif",
        ] {
            let mut want: Vec<Range<usize>> = Vec::new();
            for m in FILE_EXT.find_iter(text) {
                let n = text.as_bytes()[..m.start()]
                    .iter()
                    .rev()
                    .take_while(|b| is_name(b))
                    .count();
                let r = m.start() - n..m.end();
                match want.last_mut() {
                    Some(last) if last.start == r.start => last.end = r.end,
                    _ if n > 0 => want.push(r),
                    _ => {}
                }
            }
            assert_eq!(file_names(text), want, "{text:?}");
        }
    }
}
