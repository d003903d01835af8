//! Named rules, each with an example in Simplified and in Traditional script:
//! the same claims (texts in the input's own script, units and subjects in
//! Simplified) must come out of both.

use zhclaims::Extractor;

/// (rule, Simplified, Traditional, expected claims: (value, unit, qualifier, subject part))
type Expected = &'static [(
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
)];

const CASES: &[(&str, &str, &str, Expected)] = &[
    (
        "count_before",
        "市二院新增床位1000张。",
        "市二院新增床位1000張。",
        &[("1000", Some("张"), None, "床位")],
    ),
    (
        "count_after",
        "为11.8万名适龄儿童提供疫苗。",
        "為11.8萬名適齡兒童提供疫苗。",
        &[("118000", Some("名"), None, "儿童")],
    ),
    (
        "money_scale",
        "计划投资22.86亿元。",
        "計劃投資22.86億元。",
        &[("2286000000", Some("元"), None, "投资")],
    ),
    (
        "percent",
        "完成率82.86%。",
        "完成率82.86%。",
        &[("82.86", Some("%"), None, "完成率")],
    ),
    (
        "nearly",
        "节约近5300万元。",
        "節約近5300萬元。",
        &[("53000000", Some("元"), Some("nearly"), "节约")],
    ),
    (
        "more_than_inner",
        "服务216万余人次。",
        "服務216萬余人次。",
        &[("2160000", Some("人次"), Some("more_than"), "服务")],
    ),
    (
        "more_than_after",
        "提供8项以上服务。",
        "提供8項以上服務。",
        &[("8", Some("项"), Some("more_than"), "服务")],
    ),
    (
        "rate",
        "养老金增加103.1元/月。",
        "養老金增加103.1元/月。",
        &[("103.1", Some("元/月"), None, "养老金")],
    ),
    (
        "range",
        "孕周4-12周。",
        "孕周4～12週。",
        &[("4", Some("周"), None, "孕周")],
    ),
    (
        "chinese_numeral",
        "建成十个服务点。",
        "建成十個服務點。",
        &[("10", Some("个"), None, "服务点")],
    ),
    (
        "list_shares_subject",
        "完成51.6万户、164.4万人的资格权认定。",
        "完成51.6萬戶、164.4萬人的資格權認定。",
        &[
            ("516000", Some("户"), None, "资格权"),
            ("1644000", Some("人"), None, "资格权"),
        ],
    ),
    (
        "date_year",
        "2023年12月22日召开。",
        "2023年12月22日召開。",
        &[],
    ),
    ("quarter", "前三季度增长。", "前三季度增長。", &[]),
    ("ordinal", "全国排名第73位。", "全國排名第73位。", &[]),
    ("code_letters", "新建5G基站。", "新建5G基站。", &[]),
    (
        "quoted_label",
        "打造“六个常有”品牌。",
        "打造「六個常有」品牌。",
        &[],
    ),
    ("lone_scale", "益万家公益。", "益萬家公益。", &[]),
    ("bare_number", "拨打96111热线。", "撥打96111熱線。", &[]),
    (
        "word_numeral",
        "统一部署,一站式服务。",
        "統一部署,一站式服務。",
        &[],
    ),
    ("level_label", "五级中医馆建成。", "五級中醫館建成。", &[]),
    ("plus_code", "构建“1+3+N”体系。", "構建“1+3+N”體系。", &[]),
    (
        "phase_label",
        "市二院阳湖院区二期正式启用。",
        "市二院陽湖院區二期正式啟用。",
        &[],
    ),
    (
        "count_of_sessions",
        "举办了四期师资培训班。",
        "舉辦了四期師資培訓班。",
        &[("4", Some("期"), None, "师资培训班")],
    ),
];

#[test]
fn rules_in_both_scripts() {
    let ex = Extractor::new();
    for (rule, simplified, traditional, expected) in CASES {
        for input in [simplified, traditional] {
            let claims = ex.extract(input).claims;
            let got: Vec<String> = claims
                .iter()
                .map(|c| format!("{} {:?} {:?}", c.text, c.unit, c.subject))
                .collect();
            assert_eq!(claims.len(), expected.len(), "{rule}: {input} → {got:?}");
            for (c, (value, unit, qualifier, subject)) in claims.iter().zip(expected.iter()) {
                assert_eq!(c.value.normalize().to_string(), *value, "{rule}: {input}");
                assert_eq!(c.unit.as_deref(), *unit, "{rule}: {input}");
                let q = c.qualifier.map(|q| {
                    serde_json::to_value(q)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_string()
                });
                assert_eq!(q.as_deref(), *qualifier, "{rule}: {input}");
                let s = c.subject.as_deref().unwrap_or("");
                assert!(
                    s.contains(subject),
                    "{rule}: {input}: subject {s:?} lacks {subject:?}"
                );
                assert_eq!(&input[c.start..c.end], c.text);
            }
        }
    }
}
