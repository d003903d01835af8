use super::*;
use serde_json::json;

fn subj(p: Value, g: Value) -> bool {
    subject_ok("t", &p, &g).unwrap()
}

#[test]
fn subject_containment_both_ways() {
    assert!(subj(json!("新增床位"), json!("床位")));
    assert!(subj(json!("床位"), json!("新增床位")));
    assert!(!subj(json!("病房"), json!("床位")));
}

#[test]
fn subject_single_char_prediction_must_contain_gold() {
    // A 1-character prediction inside the gold phrasing is not enough ...
    assert!(!subj(json!("床"), json!("床位")));
    // ... but it is right when it contains the gold phrasing itself.
    assert!(subj(json!("床"), json!("床")));
}

#[test]
fn subject_length_cap() {
    let g = json!("床位"); // len 2: cap 2*2+4 = 8
    assert!(subj(json!("一二三床位四五六"), g.clone())); // 8 chars
    assert!(!subj(json!("一二三床位四五六七"), g)); // 9 chars
}

#[test]
fn subject_lists_nulls_and_normalisation() {
    let g = json!(["鹦鹉热监测哨点", "监测哨点"]);
    assert!(subj(json!("监测哨点"), g.clone()));
    assert!(subj(json!("全省唯一鹦鹉热监测哨点"), g.clone()));
    assert!(!subj(json!("哨所"), g));
    // null gold: anything goes, even null.
    assert!(subj(json!(null), json!(null)));
    assert!(subj(json!("whatever"), json!(null)));
    // null or empty prediction against a real gold is wrong.
    assert!(!subj(json!(null), json!("床位")));
    assert!(!subj(json!("、。 "), json!("床位")));
    // Punctuation, spaces and full-width forms are ignored (NFKC).
    assert!(subj(json!("床 位、"), json!("床位")));
    assert!(subj(json!("ＧＤＰ"), json!("GDP")));
    // No Traditional→Simplified conversion (the reference runs without opencc).
    assert!(!subj(json!("鸚鵡熱"), json!("鹦鹉热")));
    // Empty gold phrasings are skipped; an empty list matches nothing.
    assert!(!subj(json!("床位"), json!("")));
    assert!(!subj(json!("床位"), json!([])));
    assert!(subj(json!("床位"), json!([null, "", "床位"])));
    // Non-string subjects are errors, as in the reference.
    assert!(subject_ok("t", &json!(3), &json!("床位")).is_err());
    assert!(subject_ok("t", &json!(["床位"]), &json!("床位")).is_err());
}

#[test]
fn value_tolerance() {
    let ok = |p: Value, g: Value| value_ok("t", "value", &p, &g).unwrap();
    assert!(ok(json!(1000), json!(1000)));
    assert!(ok(json!(1000.0000005), json!(1000))); // 5e-10 relative
    assert!(!ok(json!(1000.00001), json!(1000)));
    assert!(ok(json!(1e-10), json!(0))); // absolute 1e-9 below 1
    assert!(!ok(json!(2e-9), json!(0)));
    assert!(ok(json!("1000"), json!(1000))); // Python float("1000")
    assert!(!ok(json!("约1000"), json!(1000)));
    assert!(!ok(json!([1000]), json!(1000)));
    assert!(ok(json!(true), json!(1)));
    assert!(ok(json!(null), json!(null)));
    assert!(!ok(json!(0), json!(null)));
    assert!(!ok(json!(null), json!(0)));
    // A gold value Python cannot read as a float is an error, but only when reached.
    assert!(value_ok("t", "value", &json!(1), &json!("x")).is_err());
    assert!(!value_ok("t", "value", &json!("y"), &json!("x")).unwrap());
}

#[test]
fn matching_prefers_overlap_then_higher_indices() {
    // Two predictions with the same overlap on one gold: the later one wins.
    let m = match_spans(&[(0, 4), (0, 4)], &[(0, 4)]);
    assert_eq!(m, vec![(1, 0)]);
    // One prediction overlapping two golds equally: the later gold wins.
    let m = match_spans(&[(0, 4)], &[(0, 2), (2, 4)]);
    assert_eq!(m, vec![(0, 1)]);
    // Larger overlap first, then greedy.
    let m = match_spans(&[(0, 3), (2, 6)], &[(0, 3), (3, 6)]);
    assert_eq!(m, vec![(1, 1), (0, 0)]);
    // Touching spans do not overlap.
    assert!(match_spans(&[(0, 2)], &[(2, 4)]).is_empty());
}

fn gold(ctx: &str, text: &str, optional: bool) -> GoldClaim {
    GoldClaim {
        context: ctx.into(),
        text: text.into(),
        value: json!(1),
        unit: json!("张"),
        subject: json!(null),
        year: json!(2023),
        optional,
        ..Default::default()
    }
}

fn pred(text: &str, surface: &str) -> Prediction {
    let start = text.find(surface).unwrap();
    Prediction {
        start,
        end: start + surface.len(),
        value: json!(1),
        unit: json!("张"),
        year: json!(2023),
        ..Default::default()
    }
}

#[test]
fn optional_and_spurious() {
    let text = "一米视角,床位1张,另有10人";
    let g = [
        gold("一米视角", "一米", true),
        gold("床位1张", "1张", false),
    ];
    let p = [
        pred(text, "一米"),
        pred(text, "米视"),
        pred(text, "1张"),
        pred(text, "10人"),
    ];
    let s = score_document("d", text, &g, &p).unwrap();
    // 一米 matched to the optional claim (not counted), 米视 overlaps it
    // (ignored), 10人 is spurious.
    assert_eq!((s.gold, s.pred, s.detected, s.full), (1, 2, 1, 1));
    assert_eq!(s.errors.len(), 1);
    assert_eq!(s.errors[0].kind, "spurious");
    assert_eq!(s.errors[0].surface, "10人");
    assert_eq!(s.errors[0].context, text); // 12 chars before reach the start
}

#[test]
fn wrong_fields_and_missed() {
    let text = "床位1张,病房2间";
    let g = [gold("床位1张", "1张", false), gold("病房2间", "2间", false)];
    let mut p = pred(text, "1张");
    p.qualifier = json!("approx");
    p.year = json!(2022);
    let s = score_document("d", text, &g, &[p]).unwrap();
    assert_eq!((s.detected, s.full), (1, 0));
    assert_eq!(
        s.fields,
        Fields {
            value: 1,
            unit: 1,
            qualifier: 0,
            subject: 1,
            year: 0
        }
    );
    assert_eq!(s.errors[0].kind, "wrong qualifier,year");
    assert_eq!(s.errors[1].kind, "missed");
    assert!(s.errors[0].to_json().starts_with(
        r#"["d", "wrong qualifier,year", "1张", "床位1张", {"pred": {"value": 1, "unit": "张", "qualifier": "approx""#
    ));
}

#[test]
fn offsets_and_locating_errors() {
    let text = "床位1张,床位1张";
    let g = [gold("床位1张", "1张", false)];
    assert!(matches!(
        score_document("d", text, &g, &[]),
        Err(Error::ContextNotUnique { .. })
    ));
    let g = [gold("病房", "1", false)];
    assert!(matches!(
        score_document("d", text, &g, &[]),
        Err(Error::ContextNotFound { .. })
    ));
    let g = [gold("床位1张", "2张", false)];
    assert!(matches!(
        score_document("d", "床位1张", &g, &[]),
        Err(Error::TextNotInContext { .. })
    ));
    let p = Prediction {
        start: 1,
        end: 3,
        ..Default::default()
    };
    let e = score_document("d", "床位", &[], &[p]).unwrap_err();
    assert!(matches!(e, Error::BadOffset { offset: 1, .. }), "{e}");
    let p = Prediction {
        start: 0,
        end: 7,
        ..Default::default()
    };
    assert!(score_document("d", "床位", &[], &[p]).is_err());
    // End of text is a valid offset.
    let p = Prediction {
        start: 0,
        end: 6,
        ..Default::default()
    };
    assert_eq!(score_document("d", "床位", &[], &[p]).unwrap().pred, 1);
}

#[test]
fn prediction_offsets_follow_python_int() {
    let p: Prediction =
        serde_json::from_value(json!({"start": "3", "end": 6.9, "extra": 1})).unwrap();
    assert_eq!((p.start, p.end), (3, 6));
    assert!(serde_json::from_value::<Prediction>(json!({"start": -1, "end": 3})).is_err());
    assert!(serde_json::from_value::<Prediction>(json!({"end": 3})).is_err());
    let g: GoldClaim =
        serde_json::from_value(json!({"context": "a", "text": "a", "optional": 1})).unwrap();
    assert!(g.optional && g.value.is_null());
}

#[test]
fn table_and_json_format() {
    let text = "床位1张,病房2间";
    let g = [gold("床位1张", "1张", false), gold("病房2间", "2间", false)];
    let s = score_document("doc", text, &g, &[pred(text, "1张")]).unwrap();
    let r = Report::new(vec![s]);
    assert_eq!(
        r.to_json(),
        r#"{"documents": 1, "gold": 2, "pred": 1, "detected": 1, "precision": 1.0, "recall": 0.5, "f1": 0.6667, "full_f1": 0.6667, "accuracy_on_detected": {"value": 1.0, "unit": 1.0, "qualifier": 1.0, "subject": 1.0, "year": 1.0}}"#
    );
    let table = r.to_string();
    assert!(
        table.contains(&format!(
            "{:40}     2     1  1.000  0.500  0.667  0.667",
            "doc"
        )),
        "{table}"
    );
    assert!(table.ends_with("year 1.000"));
    assert_eq!(r.shown_errors(-1).len(), 0);
    assert_eq!(r.shown_errors(5).len(), 1);
}
