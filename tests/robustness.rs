//! Hostile and messy input never breaks extraction (issue: robustness).
//!
//! Property tests over arbitrary strings and mutated fixtures, pathological
//! inputs, and every scraped text of `../shared/corpus` when it is there.

use proptest::prelude::*;
use zhclaims::{Claim, Extractor};

fn check_claims(input: &str, claims: &[Claim]) {
    let mut last = 0;
    for c in claims {
        assert!(
            c.start <= c.end && c.end <= input.len(),
            "span out of input: {c:?}"
        );
        assert!(
            input.is_char_boundary(c.start) && input.is_char_boundary(c.end),
            "{c:?}"
        );
        assert_eq!(&input[c.start..c.end], c.text, "text is the span");
        assert!(c.start >= last, "claims in document order");
        last = c.start;
        assert!(
            c.sentence.start <= c.start && c.end <= c.sentence.end,
            "claim inside its sentence: {c:?}"
        );
    }
}

fn fixtures() -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/press")).unwrap() {
        out.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(s in "\\PC{0,200}") {
        let ex = Extractor::new();
        let doc = ex.extract(&s);
        check_claims(&s, &doc.claims);
        prop_assert_eq!(&doc, &ex.extract(&s), "deterministic");
    }

    #[test]
    fn numeric_soup(s in "[0-9０-９一二三四五六七八九十百千万亿萬億两零〇点點.,，%％\\-～~至第年月日个元张名万余多约近以上半届次周\n <>/&;#a-z\u{2009}\u{3000}\u{a0}\u{202c}\u{fe0f}|]{0,120}") {
        let doc = Extractor::new().extract(&s);
        check_claims(&s, &doc.claims);
    }

    #[test]
    fn mutated_fixtures(idx in 0usize..5, cut in 0usize..40_000, insert in "\\PC{0,8}", del in 0usize..20) {
        let fx = fixtures();
        let base = &fx[idx % fx.len()];
        let mut at = cut % (base.len() + 1);
        while !base.is_char_boundary(at) { at -= 1; }
        let mut end = (at + del).min(base.len());
        while !base.is_char_boundary(end) { end -= 1; }
        let end = end.max(at);
        let s = format!("{}{}{}", &base[..at], insert, &base[end..]);
        let doc = Extractor::new().extract(&s);
        check_claims(&s, &doc.claims);
    }
}

#[test]
fn pathological_inputs() {
    let ex = Extractor::new();
    let cases: Vec<String> = vec![
        String::new(),
        "新".repeat(3_500_000), // 10 MB, one line, no punctuation
        "1".repeat(100_000),
        "9999999999999999999999亿元".into(),
        format!("0.{}元", "1".repeat(50)),
        "万".repeat(10_000),
        "一万万万万万万万万万万万万亿亿亿亿元".into(),
        "新增🎉床位1000张😀,e\u{301}\u{301}\u{301}完成\u{0}\u{7}\u{1b}率82%".into(),
        "\u{301}\u{301}\u{301}".into(),
        "\u{0}".repeat(1000),
        "<p>&nbsp;&amp;&#x4e2d;&#20013;&#9999999999;&</p>".into(),
        "%%%%%---~~~至至至点点点".into(),
    ];
    for s in &cases {
        let doc = ex.extract(s);
        check_claims(s, &doc.claims);
        for c in &doc.claims {
            // Overflow never yields a wrong value: values are what the text says.
            assert!(
                !c.text.contains("9999999999999999999999"),
                "overflowed value claimed: {c:?}"
            );
        }
    }
    // A claim next to garbage is still found.
    let doc = ex.extract("\u{0}\u{7}新增床位1000张\u{1b}");
    assert_eq!(doc.claims.len(), 1);
    assert_eq!(doc.claims[0].value.to_string(), "1000");
}

#[test]
fn invalid_utf8_is_a_typed_error() {
    let ex = Extractor::new();
    let err = ex.extract_bytes(b"ok\xe6\x96").unwrap_err();
    assert!(
        matches!(err, zhclaims::Error::InvalidUtf8 { offset: 2 }),
        "{err}"
    );
    assert!(ex.extract_bytes("新增床位1000张".as_bytes()).is_ok());
}

/// No claim may come from markup, URLs, image names, phones or registration numbers.
fn claim_in_furniture(input: &str, c: &Claim) -> Option<&'static str> {
    let line_start = input[..c.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = input[c.end..].find('\n').map_or(input.len(), |i| c.end + i);
    let line = &input[line_start..line_end];
    let before = &input[line_start..c.start];
    let open = before
        .rfind('<')
        .filter(|&i| !before[i..].starts_with("<![CDATA["));
    if open.is_some() && open > before.rfind('>') {
        return Some("inside a tag");
    }
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, ch)| ch.is_whitespace() || "\"'(（“".contains(ch))
        .map_or(0, |(i, ch)| i + ch.len_utf8());
    let word = &input[line_start + word_start..c.end];
    if word.contains("http") || word.contains("www.") {
        return Some("inside a URL");
    }
    for marker in [
        "ICP",
        "公网安备",
        "网站标识码",
        "版权所有",
        "電話",
        "电话:",
        "传真",
    ] {
        if line.contains(marker) {
            return Some("furniture line");
        }
    }
    None
}

#[test]
fn scraped_corpus() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("note: {dir} not found; the scraped-corpus check was not run");
        return;
    };
    let ex = Extractor::new();
    let mut files = 0;
    let mut claims = 0;
    for e in entries {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = ex.extract(&text);
        check_claims(&text, &doc.claims);
        for c in &doc.claims {
            if let Some(why) = claim_in_furniture(&text, c) {
                panic!("{}: claim {:?} {why}", path.display(), c.text);
            }
        }
        files += 1;
        claims += doc.claims.len();
    }
    assert!(files >= 30, "corpus has {files} files");
    assert!(claims > 300, "too few claims from the corpus: {claims}");
}
