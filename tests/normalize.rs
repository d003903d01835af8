//! Normalisation on the press fixtures, the shared scraped corpus (when
//! present), and arbitrary strings (proptest).

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use zhclaims::normalize::{Normalized, Normalizer, normalize, to_simplified};

fn read_dir_txt(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out: Vec<_> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .filter_map(|p| fs::read_to_string(&p).ok().map(|t| (p, t)))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn fixtures() -> Vec<(PathBuf, String)> {
    let v = read_dir_txt(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/press"));
    assert!(v.len() >= 5, "fixtures/press missing");
    v
}

/// The shared corpus lives outside the crate; skip when absent.
fn corpus() -> Option<Vec<(PathBuf, String)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !dir.is_dir() {
        println!("note: {} not found, corpus checks skipped", dir.display());
        return None;
    }
    Some(read_dir_txt(&dir))
}

/// Checks every invariant of the offset map, walking all char boundaries.
fn check_map(input: &str, n: &Normalized) {
    let text = n.text();
    assert_eq!(n.original_len(), input.len());
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut prev = 0..0;
    for w in bounds.windows(2) {
        let r = n.to_original(w[0]..w[1]);
        assert!(r.start <= r.end && r.end <= input.len(), "{r:?}");
        assert!(input.is_char_boundary(r.start) && input.is_char_boundary(r.end));
        assert!(
            r.start < r.end,
            "char {:?} maps to empty range",
            &text[w[0]..w[1]]
        );
        // Monotonic.
        assert!(
            r.start >= prev.start && r.end >= prev.end,
            "{prev:?} then {r:?}"
        );
        assert_eq!(n.original_offset(w[0]), r.start);
        prev = r;
    }
    // Empty ranges and the whole text.
    for &b in &bounds {
        let r = n.to_original(b..b);
        assert!(r.start == r.end && r.end <= input.len());
        assert!(input.is_char_boundary(r.start));
    }
    let whole = n.to_original(0..text.len());
    if !text.is_empty() {
        let first = n.to_original(0..bounds[1.min(bounds.len() - 1)]);
        assert_eq!(whole.start, first.start);
        assert_eq!(whole.end, prev.end);
    }
    // Composite ranges equal the hull of their chars.
    if bounds.len() > 3 {
        let (a, z) = (bounds[1], bounds[bounds.len() - 2]);
        let r = n.to_original(a..z);
        assert_eq!(r.start, n.to_original(a..bounds[2]).start);
        assert_eq!(r.end, n.to_original(bounds[bounds.len() - 3]..z).end);
    }
    // Junk offsets never panic.
    for p in [0, 1, 2, text.len() / 2, text.len() + 5, usize::MAX] {
        let r = n.to_original(p..p.saturating_add(3));
        assert!(r.start <= r.end && r.end <= input.len());
        let _ = n.original_offset(p);
    }
    #[allow(clippy::reversed_empty_ranges)]
    let r = n.to_original(7..2);
    assert!(r.start <= r.end);
}

fn has_tag(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(3).any(|w| {
        w[0] == b'<' && (w[1].is_ascii_alphabetic() || (w[1] == b'/' && w[2].is_ascii_alphabetic()))
    }) && [
        "<p", "</p", "<br", "<div", "</div", "<strong", "<span", "<td", "<img", "<title", "<item",
    ]
    .iter()
    .any(|t| s.to_ascii_lowercase().contains(t))
}

#[test]
fn fixtures_normalize_with_valid_maps() {
    for (path, input) in fixtures() {
        let n = normalize(&input);
        check_map(&input, &n);
        assert!(!n.text().contains('\r'), "{}", path.display());
        assert!(!n.text().contains('\u{3000}'));
    }
}

#[test]
fn seed_line_breaks_are_repaired() {
    let (_, input) = fixtures().into_iter().next().unwrap();
    let n = normalize(&input);
    let t = n.text();
    for want in [
        "市疾控中心检验检测大楼全面投用",
        "改造400间",
        "常州市中医医院 国考",
    ] {
        assert!(t.contains(want), "missing {want}");
    }
    // The joined word maps back over the deleted break.
    let at = t.find("检验检测").unwrap();
    let r = n.to_original(at..at + "检验检测".len());
    assert_eq!(&input[r], "检验检\n\n测");
    // Headings stay on their own lines.
    assert!(t.contains("## 2023年民生实事\n"));
}

#[test]
fn traditional_fixture_becomes_simplified() {
    let (_, input) = fixtures().into_iter().nth(3).unwrap();
    let n = normalize(&input);
    assert!(n.text().contains("在推进中国式现代化大丰新实践中实干争先"));
    assert!(n.text().contains("新增"));
    // Speaker turns stay separate paragraphs.
    assert!(
        n.text().contains("\n    茅慧文:各位记者朋友"),
        "speaker line joined"
    );
    let at = n.text().find("推进").unwrap();
    let r = n.to_original(at..at + 6);
    assert_eq!(&input[r], "推進");
}

#[test]
fn corpus_normalizes_without_tags() {
    let Some(files) = corpus() else { return };
    assert!(!files.is_empty());
    for (path, input) in files {
        let n = normalize(&input);
        check_map(&input, &n);
        if has_tag(&input) {
            assert!(!has_tag(n.text()), "tags left in {}", path.display());
        }
        // URLs stay intact.
        for url in ["https://www.news.gov.hk/chi/2024/02/20240228/20240228_094011_711.html"] {
            if input.contains(url) {
                assert!(n.text().contains(url), "{}", path.display());
            }
        }
        assert!(!n.text().contains("&nbsp;") && !n.text().contains("&#123;"));
    }
}

#[test]
fn corpus_json_escapes_decoded() {
    let Some(files) = corpus() else { return };
    let Some((_, input)) = files.iter().find(|(p, _)| p.ends_with("gov_mogcs_1.txt")) else {
        return;
    };
    let n = normalize(input);
    assert!(!n.text().contains("\\n") && !n.text().contains("\\t"));
    assert!(n.text().contains("https://www.gcs.gov.mo/detail/zh-hant/"));
}

/// Prints every line join on fixtures and corpus (`--nocapture`) and checks
/// that joins never glue a heading, list item or speaker line.
#[test]
fn line_joins_report() {
    let mut all = fixtures();
    all.extend(corpus().unwrap_or_default());
    let no_join = Normalizer::new().lines(false);
    let mut total = 0;
    for (path, input) in &all {
        let before = no_join.normalize(input);
        let after = normalize(input);
        let joins = before.text().matches('\n').count() - after.text().matches('\n').count();
        total += joins;
        if joins > 0 {
            println!("{}: {joins} line break(s) removed", path.display());
            let lines: Vec<&str> = before.text().lines().collect();
            for (k, prev) in lines.iter().enumerate() {
                let Some(next) = lines[k + 1..].iter().find(|l| !l.trim().is_empty()) else {
                    continue;
                };
                let (p, q) = (prev.trim_end(), next.trim_start());
                if !p.is_empty() && after.text().contains(&format!("{p}{q}")) {
                    let tail: String = p
                        .chars()
                        .rev()
                        .take(24)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    let head: String = q.chars().take(16).collect();
                    println!("    …{tail} ⏎ {head}…");
                }
            }
        }
        for l in after.text().lines() {
            for bad in ["茅慧文:", "◆", "(一)", "（一）"] {
                if let Some(p) = l.find(bad) {
                    assert!(
                        p == 0 || l[..p].trim().is_empty() || before.text().contains(l),
                        "{l}"
                    );
                }
            }
        }
    }
    println!("total breaks removed: {total}");
}

#[test]
fn options_switch_steps_off() {
    let input = "<p>增長９．３％</p>";
    let none = Normalizer::new()
        .markup(false)
        .width(false)
        .script(false)
        .lines(false);
    assert_eq!(none.normalize(input).text(), input);
    assert_eq!(
        Normalizer::new().markup(false).normalize(input).text(),
        "<p>增长9.3%</p>"
    );
    assert_eq!(
        Normalizer::new().width(false).normalize(input).text(),
        "增长９．３％\n"
    );
    assert_eq!(Normalizer::default().warm_up(), Ok(()));
}

#[test]
fn to_simplified_examples() {
    assert_eq!(to_simplified("區政府新聞辦公室"), "区政府新闻办公室");
    assert_eq!(to_simplified("新增就業"), "新增就业");
    assert_eq!(to_simplified(""), "");
}

#[test]
fn normalizer_is_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Normalizer>();
    check::<Normalized>();
    let n = std::thread::spawn(|| normalize("萬").into_text())
        .join()
        .unwrap();
    assert_eq!(n, "万");
}

fn arb_text() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<br/>".to_string()),
            Just("<script>x<p></script>".to_string()),
            Just("<![CDATA[".to_string()),
            Just("]]>".to_string()),
            Just("&amp;".to_string()),
            Just("&#x4e2d;".to_string()),
            Just("&lt;p&gt;".to_string()),
            Just("\\n".to_string()),
            Just("\\u4e2d".to_string()),
            Just("\\ud83d".to_string()),
            Just("{\"a\":".to_string()),
            Just("\r\n".to_string()),
            Just("\n\n".to_string()),
            Just("°C".to_string()),
            Just("1—7".to_string()),
            Just("４～１２".to_string()),
            Just("㎡㏄".to_string()),
            Just("\u{200b}\u{feff}\u{0}".to_string()),
            Just("e\u{301}".to_string()),
            Just("😀".to_string()),
            Just("區委宣傳部乾隆".to_string()),
            Just("市疾控中心检验检测大楼全面投用检测项目".to_string()),
            // Issue 16: runs of same-shape edits (one run of the map each),
            // spaces before units, format marks, a BOM before JSON.
            (1usize..40).prop_map(|n| "&lt;".repeat(n)),
            (1usize..40).prop_map(|n| "a\r\n".repeat(n)),
            (1usize..40).prop_map(|n| "ａ".repeat(n)),
            (1usize..40).prop_map(|n| "a\u{200b}".repeat(n)),
            (1usize..20).prop_map(|n| "x&lt;".repeat(n)),
            Just("300 万元".to_string()),
            Just("1\u{2009}000 张".to_string()),
            Just("5\u{3000}%".to_string()),
            Just("\u{202c}\u{2066}\u{fe0f}\u{200e}".to_string()),
            Just("\u{feff}{\"k\":\"a\\nb\"}".to_string()),
            Just("<!--".to_string()),
            Just("<?".to_string()),
            Just("<script>".to_string()),
            "[\\PC]{0,8}",
            "[一-龥]{0,30}",
            "[\\u{0}-\\u{7f}]{0,6}",
            "[\u{ff01}-\u{ff5e}\u{3000}]{0,4}",
        ],
        0..24,
    );
    pieces.prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn prop_map_valid(s in arb_text()) {
        let n = normalize(&s);
        check_map(&s, &n);
    }

    #[test]
    fn prop_any_string(s in "\\PC*") {
        let n = normalize(&s);
        check_map(&s, &n);
    }

    #[test]
    fn prop_identity_for_plain_simplified(s in "[一-龥。，、“”]{0,60}") {
        // No ASCII, no markup, Simplified only: nothing to fold or convert
        // (full-width ，is folded, so only keep strings without it).
        let s: String = s
            .chars()
            .filter(|c| *c != '，' && to_simplified(&c.to_string()) == c.to_string())
            .collect();
        let conv = to_simplified(&s);
        prop_assume!(conv == s);
        let n = Normalizer::new().lines(false).normalize(&s);
        prop_assert_eq!(n.text(), s.as_str());
        prop_assert_eq!(n.to_original(0..s.len()), 0..s.len());
        for (i, c) in s.char_indices() {
            prop_assert_eq!(n.to_original(i..i + c.len_utf8()), i..i + c.len_utf8());
        }
    }

    #[test]
    fn prop_mutated_fixtures(idx in 0usize..5, cut in any::<prop::sample::Index>(), len in 0usize..400, ins in arb_text()) {
        let fx = fixtures();
        let (_, input) = &fx[idx % fx.len()];
        let mut at = cut.index(input.len() + 1);
        while !input.is_char_boundary(at) { at -= 1; }
        let mut end = (at + len).min(input.len());
        while !input.is_char_boundary(end) { end -= 1; }
        let mutated = format!("{}{}{}", &input[..at], ins, &input[end..]);
        let n = normalize(&mutated);
        check_map(&mutated, &n);
    }
}

/// Both backends give the same normalised text on the fixtures, except where
/// their dictionaries differ: libopencc 1.1.5 keeps 著 in 連著 where the newer
/// dictionaries in opencc-fmmseg give 连着 (the only difference found).
#[cfg(feature = "opencc-sys")]
#[test]
fn backends_agree_on_fixtures() {
    use zhclaims::normalize::Backend;
    const KNOWN: &[(char, char)] = &[('着', '著')];
    let fmm = Normalizer::new().backend(Backend::Fmmseg);
    let sys = Normalizer::new().backend(Backend::OpenccSys);
    assert_eq!(sys.warm_up(), Ok(()));
    for (path, input) in fixtures() {
        let a = fmm.normalize(&input);
        let b = sys.normalize(&input);
        check_map(&input, &b);
        let (x, y) = (a.text(), b.text());
        assert_eq!(x.chars().count(), y.chars().count(), "{}", path.display());
        let diffs: Vec<(char, char)> = x.chars().zip(y.chars()).filter(|(p, q)| p != q).collect();
        println!("{}: {} char(s) differ", path.display(), diffs.len());
        for d in &diffs {
            assert!(
                KNOWN.contains(d),
                "{}: fmmseg {} vs opencc-sys {}",
                path.display(),
                d.0,
                d.1
            );
        }
    }
}
