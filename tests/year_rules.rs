//! The rules of "The year of a claim" (ANNOTATION.md), each by name with
//! examples in both scripts, run as written and wrapped in HTML paragraphs:
//! the year and the rule that decided it (`year_source`) must not change.

use zhclaims::{DateSource, Document, Extractor, ReportingSource, YearSource};

/// One rule: its name, a document in Simplified and in Traditional script,
/// and the expected (number text, year, source) of some of its claims.
struct Case {
    rule: &'static str,
    simplified: &'static str,
    traditional: &'static str,
    want: &'static [(&'static str, Option<i32>, Option<YearSource>)],
}

use YearSource::*;

const CASES: &[Case] = &[
    Case {
        rule: "clause: an explicit year in the claim's clause",
        simplified: "发布时间:2024-12-19\n2023年预算安排700万元用于改造。",
        traditional: "發布時間:2024-12-19\n2023年預算安排700萬元用於改造。",
        want: &[("700万元", Some(2023), Some(Clause))],
    },
    Case {
        rule: "direct: a base year that dates the figure itself",
        simplified: "发布时间:2024-02-28\n计划开支约40亿元,较2019至20年度的13亿元增加超过两倍。",
        traditional: "發布時間:2024-02-28\n計劃開支約40億元，較2019至20年度的13億元增加超過兩倍。",
        want: &[
            ("约40亿元", Some(2024), Some(Reporting)),
            ("13亿元", Some(2020), Some(Clause)),
            ("超过两倍", Some(2024), Some(Reporting)),
        ],
    },
    Case {
        rule: "base: a comparison base is not the claim's year",
        simplified: "发布时间:2023-03-01\n全市生产总值较2019年增长12%,比上年增长5%。",
        traditional: "發布時間:2023-03-01\n全市生產總值較2019年增長12%，比上年增長5%。",
        want: &[
            ("12%", Some(2023), Some(Reporting)),
            ("5%", Some(2023), Some(Reporting)),
        ],
    },
    Case {
        rule: "carried: a deadline inside a clause does not carry",
        simplified: "发布时间:2024-03-01\n试点期延长至2027年底,补贴标准提高了20%。",
        traditional: "發布時間:2024-03-01\n試點期延長至2027年底，補貼標準提高了20%。",
        want: &[("20%", Some(2024), Some(Reporting))],
    },
    Case {
        rule: "carried: a time that stands first in its clause frames the rest",
        simplified: "发布时间:2024-02-28\n预算案又建议恢复征收酒店房租税,2025年1月1日实施,税率为3%,预计政府收入每年可增加约11亿元。",
        traditional: "發布時間:2024-02-28\n預算案又建議恢復徵收酒店房租稅，2025年1月1日實施，稅率為3%，預計政府收入每年可增加約11億元。",
        want: &[
            ("3%", Some(2025), Some(Clause)),
            ("约11亿元", Some(2025), Some(Clause)),
        ],
    },
    Case {
        rule: "continued: a change stated after a figure takes its year",
        simplified: "发布时间:2024-02-28\n他说,相关开支的总额在2024至25年度达3437亿元,较2023至24年度增加约7.3%。",
        traditional: "發布時間:2024-02-28\n他說，相關開支的總額在2024至25年度達3437億元，較2023至24年度增加約7.3%。",
        want: &[
            ("3437亿元", Some(2025), Some(Clause)),
            ("约7.3%", Some(2025), Some(Clause)),
        ],
    },
    Case {
        rule: "paragraph: a year that opens the paragraph, until a sentence names another",
        simplified: "发布时间:2024-02-29\n2023年,香港经济增长3.2%。私人消费增长了7.3%。\n\n2024年,外围环境复杂,出口增长2%。",
        traditional: "發布時間:2024-02-29\n2023年，香港經濟增長3.2%。私人消費增長了7.3%。\n\n2024年，外圍環境複雜，出口增長2%。",
        want: &[
            ("3.2%", Some(2023), Some(Clause)),
            ("7.3%", Some(2023), Some(Paragraph)),
            ("2%", Some(2024), Some(Clause)),
        ],
    },
    Case {
        rule: "heading: a year in a heading governs its part",
        simplified: "2026年某省政府工作报告\n——2026年2月3日在某省第十四届人民代表大会第五次会议上\n一、2025年工作回顾\n全省地区生产总值增长5.5%,城镇新增就业6.95万人。\n二、2026年工作安排\n地区生产总值增长5%左右,城镇新增就业6万人以上。",
        traditional: "2026年某省政府工作報告\n——2026年2月3日在某省第十四屆人民代表大會第五次會議上\n一、2025年工作回顧\n全省地區生產總值增長5.5%，城鎮新增就業6.95萬人。\n二、2026年工作安排\n地區生產總值增長5%左右，城鎮新增就業6萬人以上。",
        want: &[
            ("5.5%", Some(2025), Some(Heading)),
            ("6.95万人", Some(2025), Some(Heading)),
            ("5%左右", Some(2026), Some(Heading)),
            ("6万人以上", Some(2026), Some(Heading)),
        ],
    },
    Case {
        rule: "reviewed: 上年 and 过去一年 count from the reviewed year in a review part",
        simplified: "2026年某区政府工作报告\n——2026年2月3日在某区人民代表大会第四次会议上\n一、过去一年工作回顾\n常住人口由上年729万人增加到732万人。过去一年,新增就业6.95万人。",
        traditional: "2026年某區政府工作報告\n——2026年2月3日在某區人民代表大會第四次會議上\n一、過去一年工作回顧\n常住人口由上年729萬人增加到732萬人。過去一年，新增就業6.95萬人。",
        want: &[
            ("729万人", Some(2024), Some(Relative)),
            ("732万人", Some(2025), Some(Heading)),
            ("6.95万人", Some(2025), Some(Span)),
        ],
    },
    Case {
        rule: "relative: 去年 counts from the speaker's present (a retrospective release read the year after)",
        simplified: "## 2023年民生实事\n本报讯 昨天,市政府举行2023年民生实事完成情况新闻发布会。\n去年,培育发展社会组织67家。",
        traditional: "## 2023年民生實事\n本報訊 昨天，市政府舉行2023年民生實事完成情況新聞發布會。\n去年，培育發展社會組織67家。",
        want: &[("67家", Some(2023), Some(Relative))],
    },
    Case {
        rule: "relative: 今年 and 去年同期 against the publication year",
        simplified: "发布时间:2024-05-24\n本港今年首季吸毒人数为1666人,较去年同期的1863人有所下降。",
        traditional: "發布時間:2024-05-24\n本港今年首季吸毒人數為1666人，較去年同期的1863人有所下降。",
        want: &[
            ("1666人", Some(2024), Some(Relative)),
            ("1863人", Some(2023), Some(Relative)),
        ],
    },
    Case {
        rule: "relative: N年后 from the current year",
        simplified: "发布时间:2024-02-29\n政府开支将逐年压缩,五年后达致约20%。",
        traditional: "發布時間:2024-02-29\n政府開支將逐年壓縮，五年後達致約20%。",
        want: &[("约20%", Some(2029), Some(Relative))],
    },
    Case {
        rule: "span: a period that starts now counts the current year in",
        simplified: "发布时间:2021-03-01\n未来5年,全市新建学校30所。",
        traditional: "發布時間:2021-03-01\n未來5年，全市新建學校30所。",
        want: &[("30所", Some(2025), Some(Span))],
    },
    Case {
        rule: "span: in a document that reckons in fiscal years, periods ahead are fiscal",
        simplified: "发布时间:2024-02-28\n政府公布2024至25年度预算。政府计划在未来五年每年发债约950亿元。",
        traditional: "發布時間:2024-02-28\n政府公布2024至25年度預算。政府計劃在未來五年每年發債約950億元。",
        want: &[("约950亿元", Some(2029), Some(Span))],
    },
    Case {
        rule: "span: a plan period takes its last year",
        simplified: "发布时间:2021-03-01\n“十三五”期间,累计新增就业50万人。",
        traditional: "發布時間:2021-03-01\n「十三五」期間，累計新增就業50萬人。",
        want: &[("50万人", Some(2020), Some(Span))],
    },
    Case {
        rule: "span: the start of a change within a span takes the span's first year",
        simplified: "发布时间:2022-08-30\n十年来,城镇化率从63.2%提高到72.7%。",
        traditional: "發布時間:2022-08-30\n十年來，城鎮化率從63.2%提高到72.7%。",
        want: &[
            ("63.2%", Some(2012), Some(Span)),
            ("72.7%", Some(2022), Some(Span)),
        ],
    },
    Case {
        rule: "span: a run of years from a start the sentence names",
        simplified: "发布时间:2024-02-29\n2024至25年起,我们会连续五年发债,规模是950亿元至1350亿元。",
        traditional: "發布時間:2024-02-29\n2024至25年起，我們會連續五年發債，規模是950億元至1350億元。",
        want: &[
            ("五年", Some(2029), Some(Span)),
            ("950亿元至1350亿元", Some(2029), Some(Span)),
        ],
    },
    Case {
        rule: "clause: a year inside the name of a dated event; reporting: the body's one year",
        simplified: "规划5个用餐区。\n“2025澳门国际美食之都嘉年华”设105个美食展位。",
        traditional: "規劃5個用餐區。\n“2025澳門國際美食之都嘉年華”設105個美食展位。",
        want: &[
            ("105个", Some(2025), Some(Clause)),
            ("5个", Some(2025), Some(Reporting)),
        ],
    },
    Case {
        rule: "clause: a year in a quoted document title never counts",
        simplified: "发布时间:2023-05-01\n贯彻落实《2022年全市药政工作要点》,配备率达90%。",
        traditional: "發布時間:2023-05-01\n貫徹落實《2022年全市藥政工作要點》，配備率達90%。",
        want: &[("90%", Some(2023), Some(Reporting))],
    },
    Case {
        rule: "no year: an excerpt that names none",
        simplified: "今年,我们将接续办好15件市级重点民生实事。",
        traditional: "今年，我們將接續辦好15件市級重點民生實事。",
        want: &[("15件", None, None)],
    },
    Case {
        rule: "reporting: the title's year wins over the publication date; 全年 and 本年 are the reviewed year",
        simplified: "万载县2015年国民经济和社会发展统计公报\n发布日期:2017-05-15\n全年实现生产总值110亿元。本年新增个体工商户1000户。",
        traditional: "萬載縣2015年國民經濟和社會發展統計公報\n發布日期:2017-05-15\n全年實現生產總值110億元。本年新增個體工商戶1000戶。",
        want: &[
            ("110亿元", Some(2015), Some(Span)),
            ("1000户", Some(2015), Some(Relative)),
        ],
    },
    Case {
        rule: "reporting: a page's 'today' date is no publication date",
        simplified: "2023年10月11日 星期三\n网站首页\n某县2015年国民经济统计公报\n全县生产总值比上年增长9%,达110亿元。",
        traditional: "2023年10月11日 星期三\n網站首頁\n某縣2015年國民經濟統計公報\n全縣生產總值比上年增長9%，達110億元。",
        want: &[("110亿元", Some(2015), Some(Reporting))],
    },
];

/// The year of the claim whose text, in Simplified script, is `key`.
fn claim_year(doc: &Document, key: &str) -> Option<(Option<i32>, Option<YearSource>)> {
    doc.claims
        .iter()
        .find(|c| zhclaims::normalize::normalize(&c.text).text() == key)
        .map(|c| (c.year, c.year_source))
}

/// Wraps each line in an HTML paragraph, as a scraped page has it.
fn html(text: &str) -> String {
    let body: String = text.lines().map(|l| format!("<p>{l}</p>\n")).collect();
    format!("<html><body>\n{body}</body></html>")
}

#[test]
fn year_rules_in_both_scripts_and_in_html() {
    let ex = Extractor::new();
    let mut failures = Vec::new();
    for case in CASES {
        for (script, text) in [
            ("simplified", case.simplified),
            ("traditional", case.traditional),
        ] {
            for (wrap, input) in [("plain", text.to_string()), ("html", html(text))] {
                let doc = ex.extract(&input);
                for &(key, year, source) in case.want {
                    let got = claim_year(&doc, key);
                    if got != Some((year, source)) {
                        failures.push(format!(
                            "{} [{script}, {wrap}] {key}: got {got:?}, want {:?}",
                            case.rule,
                            (year, source)
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn publication_dates_in_their_wrappers() {
    let ex = Extractor::new();
    // (wrapper, text, date, source, year of the first claim)
    type DateCase = (&'static str, &'static str, (i32, u8, u8), DateSource, i32);
    let cases: &[DateCase] = &[
        (
            "yaml",
            "---\ntitle: '1-7月宁夏投资情况'\ndate: Mon, 30 Aug 2021 06:31:44 GMT\n---\n<p>1—7月,全区完成投资675.9亿元。</p>",
            (2021, 8, 30),
            DateSource::FrontMatter,
            2021,
        ),
        (
            "rss",
            "<item><title>首季吸毒人數下降</title><description><![CDATA[<p>本港首季吸毒人數為1666人。</p>]]></description><pubDate>Fri, 24 May 2024 00:00:00 +0800</pubDate></item>",
            (2024, 5, 24),
            DateSource::Rss,
            2024,
        ),
        (
            "json",
            r#"[{"title": "美食之都嘉年華", "pubDate": "2025-07-10", "abstract": "新增餐位1000個。"}]"#,
            (2025, 7, 10),
            DateSource::Json,
            2025,
        ),
        (
            "meeting",
            "政府工作报告\n——二〇二五年一月二十日在某市第十七届人民代表大会第五次会议上\n新增就业6万人。",
            (2025, 1, 20),
            DateSource::Meeting,
            // a work report reviews the year before its meeting
            2024,
        ),
        (
            "footer",
            "新增就业6万人。\n\n版权所有:某市人民政府 发布时间:2023年12月22日",
            (2023, 12, 22),
            DateSource::Dateline,
            2023,
        ),
    ];
    for (name, text, (y, m, d), source, year) in cases {
        let doc = ex.extract(text);
        let p = doc.published.unwrap_or_else(|| panic!("{name}: no date"));
        assert_eq!(
            (p.year, p.month, p.day, p.source),
            (*y, Some(*m), Some(*d), *source),
            "{name}"
        );
        assert!(
            text[p.span.start..p.span.end].contains(&y.to_string()[2..]) || *name == "meeting",
            "{name}: span"
        );
        let c = &doc.claims[0];
        assert_eq!(c.year, Some(*year), "{name}: {c:?}");
        assert_eq!(
            doc.reporting_source,
            Some(ReportingSource::Published),
            "{name}"
        );
    }
}

#[test]
fn outline_and_reviewed_year() {
    let doc = Extractor::new().extract(CASES[7].simplified);
    assert_eq!(doc.title.as_deref(), Some("2026年某省政府工作报告"));
    assert_eq!(doc.reporting_year, Some(2026));
    assert_eq!(doc.reporting_source, Some(ReportingSource::Title));
    assert_eq!(doc.current_year, Some(2026));
    assert_eq!(doc.reviewed_year, Some(2025));
    let outline: Vec<(&str, u8, Option<i32>)> = doc
        .outline
        .iter()
        .map(|h| (h.text.as_str(), h.level, h.year))
        .collect();
    assert_eq!(
        outline,
        [
            ("一、2025年工作回顾", 1, Some(2025)),
            ("二、2026年工作安排", 1, Some(2026))
        ]
    );
    for h in &doc.outline {
        let s = CASES[7].simplified;
        assert!(s[h.span.start..h.span.end].starts_with(&h.text), "{h:?}");
    }
}
