//! Edge cases of claim assembly (issue 16): qualifier words that a user
//! unit swallows, values that overflow, and the streaming entry point.

use zhclaims::{Claim, Extractor};

fn check_spans(text: &str, claims: &[Claim]) {
    let mut last = 0;
    for c in claims {
        assert!(
            text.is_char_boundary(c.start) && text.is_char_boundary(c.end),
            "{c:?}"
        );
        assert_eq!(&text[c.start..c.end], c.text, "{c:?}");
        assert!(c.start >= last, "claims overlap or go back: {c:?}");
        last = c.end;
    }
}

/// `user_unit_overlap`: a user unit that ends in the first char of a
/// qualifier word (人约, 人超, 张近) must not make the next claim start
/// inside the previous one (it panicked with "begin > end").
#[test]
fn user_unit_that_swallows_a_qualifier() {
    for (unit, text) in [
        ("人约\t人\tcount", "新增5人约6万人。"),
        ("人超\t人\tcount", "新增5人超6万人。"),
        ("张近\t张\tcount", "新增5张近6万张。"),
        ("人約\t人\tcount", "新增5人約6萬人。"),
    ] {
        let ex = Extractor::builder().user_units(unit).unwrap().build();
        let doc = ex.extract(text);
        check_spans(text, &doc.claims);
        assert_eq!(doc.claims.len(), 2, "{text}: {:?}", doc.claims);
    }
}

/// `half_overflow`: 半 after a measure adds 0.5; at the largest value a
/// decimal holds that overflows, and the number is dropped, never rounded.
#[test]
fn a_half_that_overflows_drops_the_number() {
    let text = "全长79228162514264337593543950335米半";
    let doc = Extractor::new().extract(text);
    assert!(doc.claims.is_empty(), "{:?}", doc.claims);
    let doc = Extractor::new().extract("全长2米半。");
    assert_eq!(doc.claims[0].value.to_string(), "2.5");
}

/// `extract_each` hands out the same claims as `extract`, in order, and
/// the same document facts.
#[test]
fn streaming_gives_the_same_claims() {
    let ex = Extractor::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/press");
    for e in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let whole = ex.extract(&text);
        let mut streamed = Vec::new();
        let mut facts = ex.extract_each(&text, |c| streamed.push(c));
        assert!(facts.claims.is_empty());
        assert_eq!(streamed, whole.claims);
        facts.claims = streamed;
        assert_eq!(facts, whole);
    }
}

/// Claims of one list share their unit and subject strings.
#[test]
fn claims_share_units_and_subjects() {
    let doc = Extractor::new().extract("完成51.6万户、164.4万户的资格权认定。");
    let (a, b) = (&doc.claims[0], &doc.claims[1]);
    let (ua, ub) = (a.unit.as_ref().unwrap(), b.unit.as_ref().unwrap());
    assert!(std::sync::Arc::ptr_eq(ua, ub));
    let (sa, sb) = (a.subject.as_ref().unwrap(), b.subject.as_ref().unwrap());
    assert!(std::sync::Arc::ptr_eq(sa, sb), "{sa} {sb}");
}
