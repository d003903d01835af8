//! The subject rules (issue 13), each by name with examples in both
//! scripts, through the whole extractor: the subject of each listed claim
//! must hold the expected phrase and be no more than twice as long plus
//! four chars (the scorer's rule).

use zhclaims::Extractor;

/// One rule: its name, a text in each script, and (claim text in
/// Simplified, phrase its subject must hold).
struct Case {
    rule: &'static str,
    simplified: &'static str,
    traditional: &'static str,
    want: &'static [(&'static str, &'static str)],
}

const CASES: &[Case] = &[
    Case {
        rule: "before: the noun phrase before the number, links cut",
        simplified: "市二院阳湖院区二期正式启用,新增床位1000张。居民健康素养水平达42.8%。",
        traditional: "市二院陽湖院區二期正式啟用,新增床位1000張。居民健康素養水平達42.8%。",
        want: &[("1000张", "床位"), ("42.8%", "居民健康素养水平")],
    },
    Case {
        rule: "noun_phrase: a verb phrase before the number yields to the noun after it",
        simplified: "牵头建设44家全国重点实验室。全年共受理投诉3200宗。签发4万份证书。",
        traditional: "牽頭建設44家全國重點實驗室。全年共受理投訴3200宗。簽發4萬份證書。",
        want: &[
            ("44家", "重点实验室"),
            ("3200宗", "投诉"),
            ("4万份", "证书"),
        ],
    },
    Case {
        rule: "counted_noun: the noun after number and unit is what is counted",
        simplified: "全市111家医疗机构通过评审,设置逾百美食展位。",
        traditional: "全市111家醫療機構通過評審，設置逾百美食展位。",
        want: &[("111家", "医疗机构")],
    },
    Case {
        rule: "counted_noun: across 的 after a modifier",
        simplified: "为不少于5万名经济困难的严重精神障碍患者开展服务。",
        traditional: "為不少於5萬名經濟困難的嚴重精神障礙患者開展服務。",
        want: &[("不少于5万名", "严重精神障碍患者")],
    },
    Case {
        rule: "counted_action: the action the number counts, when nothing else names it",
        simplified: "全市接种疫苗120万剂次,覆盖59.53万人。",
        traditional: "全市接種疫苗120萬劑次，覆蓋59.53萬人。",
        want: &[("59.53万人", "覆盖")],
    },
    Case {
        rule: "threshold: an amount with 以上/以下 before a noun stays with it",
        simplified: "其中亿元以上项目48个,限额以下企业120家。",
        traditional: "其中億元以上項目48個，限額以下企業120家。",
        want: &[("48个", "亿元以上项目"), ("120家", "限额以下企业")],
    },
    Case {
        rule: "negated: a negation that opens the phrase after the number modifies it",
        simplified: "组织753名未就业高校毕业生参加就业见习。",
        traditional: "組織753名未就業高校畢業生參加就業見習。",
        want: &[("753名", "未就业高校毕业生")],
    },
    Case {
        rule: "joined_verb: a verb between an actor and its measure is dropped",
        simplified: "全社会建筑业实现增加值41319万元。",
        traditional: "全社會建築業實現增加值41319萬元。",
        want: &[("41319万元", "建筑业增加值")],
    },
    Case {
        rule: "parenthetical: an abbreviation in brackets stays with its phrase",
        simplified: "全县实现生产总值(GDP)1102284万元,居民消费价格指数(CPI)上涨2.1%。",
        traditional: "全縣實現生產總值（GDP）1102284萬元，居民消費價格指數（CPI）上漲2.1%。",
        want: &[("1102284万元", "生产总值"), ("2.1%", "居民消费价格指数")],
    },
    Case {
        rule: "distributed: 分别 spreads a list of members over a list of figures",
        simplified: "城镇、农村居民人均可支配收入分别增长4.8%、5.9%。一产、二产、三产增加值分别增长6%、5.2%、5.3%。",
        traditional: "城鎮、農村居民人均可支配收入分別增長4.8%、5.9%。一產、二產、三產增加值分別增長6%、5.2%、5.3%。",
        want: &[
            ("4.8%", "城镇居民人均可支配收入"),
            ("5.9%", "农村居民人均可支配收入"),
            ("6%", "一产增加值"),
            ("5.3%", "三产增加值"),
        ],
    },
    Case {
        rule: "distributed: a coordinated compound names two members",
        simplified: "城乡居民人均可支配收入分别达6.9万元、3.4万元,增长4.2%、5.3%。",
        traditional: "城鄉居民人均可支配收入分別達6.9萬元、3.4萬元，增長4.2%、5.3%。",
        want: &[
            ("6.9万元", "城镇居民人均可支配收入"),
            ("3.4万元", "农村居民人均可支配收入"),
            ("4.2%", "城镇居民人均可支配收入"),
            ("5.3%", "农村居民人均可支配收入"),
        ],
    },
    Case {
        rule: "list: figures joined by 、 share the subject after the last",
        simplified: "完成51.6万户、164.4万人的资格权认定。",
        traditional: "完成51.6萬戶、164.4萬人的資格權認定。",
        want: &[("51.6万户", "资格权"), ("164.4万人", "资格权")],
    },
    Case {
        rule: "carried: a change stated after a level takes the level's subject",
        simplified: "全市规上工业增加值1234亿元,同比增长6.1%。城镇调查失业率为5.2%,比上年下降0.3个百分点。",
        traditional: "全市規上工業增加值1234億元，同比增長6.1%。城鎮調查失業率為5.2%，比上年下降0.3個百分點。",
        want: &[
            ("6.1%", "规上工业增加值"),
            ("0.3个百分点", "城镇调查失业率"),
        ],
    },
    Case {
        rule: "carried: both ends of a change",
        simplified: "检测项目从710项扩展至760项。",
        traditional: "檢測項目從710項擴展至760項。",
        want: &[("710项", "检测项目"), ("760项", "检测项目")],
    },
    Case {
        rule: "topic: the subject of the clause before",
        simplified: "我们去年的货物出口受压,下跌大概10.3%左右。",
        traditional: "我們去年的貨物出口受壓，下跌大概10.3%左右。",
        want: &[("大概10.3%左右", "货物出口")],
    },
    Case {
        rule: "share: X…占Y的Z% is X's share",
        simplified: "政府的收入估计将由现时约占本地生产总值的20%,达致五年后的22.6%。",
        traditional: "政府的收入估計將由現時約佔本地生產總值的20%，達致五年後的22.6%。",
        want: &[("20%", "政府收入"), ("22.6%", "政府收入")],
    },
    Case {
        rule: "threshold: a figure right after a threshold counts what passes it",
        simplified: "全年新开工10亿元以上项目5个。",
        traditional: "全年新開工10億元以上項目5個。",
        want: &[("5个", "10亿元以上项目")],
    },
    Case {
        rule: "table_cell: a figure in a table takes its row header and the column's unit",
        simplified: "主要工业产品产量\n产品名称\n计量单位\n产量\n较上年±%\n饮料酒\n千升\n15767\n18.64\n烟花鞭炮\n万箱\n1575\n6.42\n",
        traditional: "主要工業產品產量\n產品名稱\n計量單位\n產量\n較上年±%\n飲料酒\n千升\n15767\n18.64\n煙花鞭炮\n萬箱\n1575\n6.42\n",
        want: &[("15767", "饮料酒"), ("6.42", "烟花鞭炮")],
    },
];

#[test]
fn subject_rules_in_both_scripts() {
    let ex = Extractor::new();
    let mut failures = Vec::new();
    for case in CASES {
        for (script, text) in [
            ("simplified", case.simplified),
            ("traditional", case.traditional),
        ] {
            let doc = ex.extract(text);
            for &(key, want) in case.want {
                let claim = doc
                    .claims
                    .iter()
                    .find(|c| zhclaims::normalize::normalize(&c.text).text() == key);
                let got = claim.and_then(|c| c.subject.as_deref()).map(str::to_string);
                let ok = got.as_ref().is_some_and(|g| {
                    g.contains(want) && g.chars().count() <= 2 * want.chars().count() + 4
                });
                if !ok {
                    failures.push(format!(
                        "{} [{script}] {key}: got {got:?}, want {want:?}",
                        case.rule
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Tables give units too: 万箱 is 箱 times ten thousand, 较上年±% is a percentage.
#[test]
fn table_cells_take_the_units_of_the_table() {
    let doc = Extractor::new().extract(CASES.last().unwrap().simplified);
    let get = |t: &str| doc.claims.iter().find(|c| c.text == t).unwrap();
    assert_eq!(get("1575").value.to_string(), "15750000");
    assert_eq!(get("1575").unit.as_deref(), Some("箱"));
    assert_eq!(get("15767").unit.as_deref(), Some("千升"));
    assert_eq!(get("6.42").unit.as_deref(), Some("%"));
}

/// A comparison word before a figure that modifies a noun sets a
/// reference value, not a qualifier; before a plain figure it qualifies it.
#[test]
fn reference_values_take_no_qualifier() {
    let ex = Extractor::new();
    let doc = ex.extract("供应量约15150个,高于13200个单位的全年供应目标。");
    let c = doc
        .claims
        .iter()
        .find(|c| c.text.contains("13200"))
        .unwrap();
    assert_eq!(c.qualifier, None, "{c:?}");
    let doc = ex.extract("有些城市的接种率已经超过了90%。");
    assert_eq!(doc.claims[0].qualifier, Some(zhclaims::Qualifier::MoreThan));
}
