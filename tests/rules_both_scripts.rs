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
    // Issue 16: labels, names and dates that looked like counts.
    (
        "session_label",
        "十九届四中全会以来,新增床位1000张。",
        "十九屆四中全會以來,新增床位1000張。",
        &[("1000", Some("张"), None, "床位")],
    ),
    (
        "session_label",
        "十四届全国人大二次会议召开。",
        "十四屆全國人大二次會議召開。",
        &[],
    ),
    (
        "session_label",
        "党的二十届三中全会胜利召开。",
        "黨的二十屆三中全會勝利召開。",
        &[],
    ),
    (
        "session_label",
        "贯彻党的十八届三中、四中、五中全会精神,新增床位1000张。",
        "貫徹黨的十八屆三中、四中、五中全會精神,新增床位1000張。",
        &[("1000", Some("张"), None, "床位")],
    ),
    (
        "session_label",
        "全面贯彻党的二十大和二十届历次全会精神。",
        "全面貫徹黨的二十大和二十屆歷次全會精神。",
        &[],
    ),
    (
        "count_of_terms",
        "全市已连续举办三届,吸引观众5万人次。",
        "全市已連續舉辦三屆,吸引觀眾5萬人次。",
        &[
            ("3", Some("届"), None, ""),
            ("50000", Some("人次"), None, "观众"),
        ],
    ),
    (
        "count_of_meetings",
        "全年召开了3次会议。",
        "全年召開了3次會議。",
        &[("3", Some("次"), None, "")],
    ),
    (
        "formula",
        "严格落实中央八项规定精神。",
        "嚴格落實中央八項規定精神。",
        &[],
    ),
    (
        "formula",
        "协调推进四个全面战略布局,统筹推进五位一体总体布局。",
        "協調推進四個全面戰略佈局,統籌推進五位一體總體佈局。",
        &[],
    ),
    (
        "formula",
        "“新三样”出口增长69.4%,构建初次分配、再分配、三次分配协调配套的制度。",
        "“新三樣”出口增長69.4%,構建初次分配、再分配、三次分配協調配套的制度。",
        &[("69.4", Some("%"), None, "出口")],
    ),
    ("plan_name", "实施三年行动计划。", "實施三年行動計劃。", &[]),
    (
        "recent_span",
        "近五年新增床位1000张,今年头四个月出口增长5%。",
        "近五年新增床位1000張,今年頭四個月出口增長5%。",
        &[
            ("1000", Some("张"), None, "床位"),
            ("5", Some("%"), None, "出口"),
        ],
    ),
    (
        "half_share",
        "当中逾半吸食大麻。",
        "當中逾半吸食大麻。",
        &[("50", Some("%"), Some("more_than"), "吸食大麻")],
    ),
    (
        "bare_number",
        "青年招聘日提供逾二千职位空缺,设置逾百美食展位,建设近零碳工厂。",
        "青年招聘日提供逾二千職位空缺,設置逾百美食展位,建設近零碳工廠。",
        &[
            ("2000", None, Some("more_than"), "职位空缺"),
            ("100", None, Some("more_than"), "美食展位"),
        ],
    ),
    ("plan_name", "普及九年义务教育。", "普及九年義務教育。", &[]),
    (
        "plan_name",
        "国民经济和社会发展第十四个五年规划纲要。",
        "國民經濟和社會發展第十四個五年規劃綱要。",
        &[],
    ),
    (
        "short_year",
        "23年全市GDP增长5%。",
        "23年全市GDP增長5%。",
        &[("5", Some("%"), None, "")],
    ),
    (
        "short_year",
        "23/24年度预算草案。",
        "23/24年度預算草案。",
        &[],
    ),
    (
        "duration_years",
        "空气质量连续10年保持优良。",
        "空氣質量連續10年保持優良。",
        &[("10", Some("年"), None, "")],
    ),
    ("anniversary", "庆祝建党100周年。", "慶祝建黨100周年。", &[]),
    ("anniversary", "喜迎国庆70周年。", "喜迎國慶70周年。", &[]),
    ("rank", "全国排名进入前10位。", "全國排名進入前10位。", &[]),
    (
        "law_article",
        "根据《条例》二十条规定。",
        "根據《條例》二十條規定。",
        &[],
    ),
    (
        "domain",
        "详见changzhou.gov.cn/1万人次。",
        "詳見changzhou.gov.cn/1萬人次。",
        &[],
    ),
    // Issue 16: numbers written with spaces or invisible marks.
    (
        "digit_group_space",
        "新增床位1 000张。",
        "新增床位1\u{2009}000張。",
        &[("1000", Some("张"), None, "床位")],
    ),
    (
        "zero_padded",
        "座位编号0012张,新增床位1  000张。",
        "座位編號0012張,新增床位1  000張。",
        &[],
    ),
    (
        "number_unit_space",
        "计划投资300 万元。",
        "計劃投資300\u{3000}萬元。",
        &[("3000000", Some("元"), None, "投资")],
    ),
    (
        "format_marks",
        "新增床位1000\u{202c}张,增长5%\u{fe0f}。",
        "新增床位\u{2066}1000\u{2069}張,增長5%\u{fe0f}。",
        &[
            ("1000", Some("张"), None, "床位"),
            ("5", Some("%"), None, ""),
        ],
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
