//! The extractor on the gold press releases, scored with the Rust port of
//! `score.py` (exactly the rules of ANNOTATION.md). The floors only go up:
//! raise them when the extractor improves, never lower them.

use std::path::Path;

use zhclaims::Extractor;
use zhclaims::eval::{self, GoldClaim, Prediction, Report};

/// Measured on the fixtures; see the README's accuracy table.
const FLOOR_DETECTION_F1: f64 = 0.99;
const FLOOR_FULL_F1: f64 = 0.925;
const FLOOR_VALUE_ACCURACY: f64 = 0.995;

fn report() -> Report {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let ex = Extractor::new();
    let mut names: Vec<String> = std::fs::read_dir(root.join("gold"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    let mut docs = Vec::new();
    for name in &names {
        let text = eval::read_text(&root.join("press").join(format!("{name}.txt"))).unwrap();
        let gold: Vec<GoldClaim> =
            eval::load_jsonl(&root.join("gold").join(format!("{name}.jsonl"))).unwrap();
        let preds: Vec<Prediction> = ex
            .extract(&text)
            .claims
            .iter()
            .map(|c| Prediction::from_json(serde_json::to_value(c).unwrap()).unwrap())
            .collect();
        docs.push(eval::score_document(name, &text, &gold, &preds).unwrap());
    }
    Report::new(docs)
}

#[test]
fn gold_scores_stay_above_the_floor() {
    let r = report();
    println!("{r}");
    assert_eq!(r.documents.len(), 5);
    assert!(
        r.f1 >= FLOOR_DETECTION_F1,
        "detection F1 {:.4} < {FLOOR_DETECTION_F1}",
        r.f1
    );
    assert!(
        r.full_f1 >= FLOOR_FULL_F1,
        "full F1 {:.4} < {FLOOR_FULL_F1}",
        r.full_f1
    );
    let value = r.accuracy_on_detected.value;
    assert!(
        value >= FLOOR_VALUE_ACCURACY,
        "value accuracy {value:.4} < {FLOOR_VALUE_ACCURACY}"
    );
}

#[test]
fn no_claim_from_page_furniture() {
    // Link lists and spam blocks (many `|`), footers and registration lines.
    let ex = Extractor::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/press");
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for c in ex.extract(&text).claims {
            let line_start = text[..c.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[c.end..].find('\n').map_or(text.len(), |i| c.end + i);
            let line = &text[line_start..line_end];
            assert!(
                line.matches('|').count() < 4,
                "{}: claim {:?} in a link list",
                path.display(),
                c.text
            );
            for marker in ["ICP", "版权所有", "公网安备", "主站蜘蛛池"] {
                assert!(
                    !line.contains(marker),
                    "{}: claim {:?} in furniture",
                    path.display(),
                    c.text
                );
            }
        }
    }
}
