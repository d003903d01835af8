//! Table-driven unit tests, rule by rule.
use super::*;

fn d(s: &str) -> Decimal {
    s.parse::<Decimal>().unwrap().normalize()
}

/// (input, value, value_max, percent, more_than)
fn check_parse(cases: &[(&str, &str, Option<&str>, bool, bool)]) {
    for &(input, v, max, pct, more) in cases {
        let n = parse(input).unwrap_or_else(|| panic!("parse({input:?}) = None"));
        assert_eq!(n.value, d(v), "value of {input:?}");
        assert_eq!(n.value_max, max.map(d), "value_max of {input:?}");
        assert_eq!(n.percent, pct, "percent of {input:?}");
        assert_eq!(n.more_than, more, "more_than of {input:?}");
    }
}

/// (text, [(matched text, value)])
fn check_scan(cases: &[(&str, &[(&str, &str)])]) {
    for &(text, want) in cases {
        let got: Vec<(String, Decimal)> = scan(text)
            .iter()
            .map(|m| (m.as_str(text).to_string(), m.value))
            .collect();
        let want: Vec<(String, Decimal)> =
            want.iter().map(|&(t, v)| (t.to_string(), d(v))).collect();
        assert_eq!(got, want, "scan({text:?})");
    }
}

#[test]
fn arabic_plain_grouped_fullwidth() {
    check_parse(&[
        ("32688.5", "32688.5", None, false, false),
        ("1,234", "1234", None, false, false),
        ("1,234,567.5", "1234567.5", None, false, false),
        ("1，234", "1234", None, false, false),
        ("１２３", "123", None, false, false),
        ("１２．５", "12.5", None, false, false),
        ("4.800", "4.8", None, false, false),
    ]);
    check_scan(&[
        ("1,2345", &[("1", "1"), ("2345", "2345")]),
        ("1,234,5678", &[("1,234", "1234"), ("5678", "5678")]),
    ]);
}

#[test]
fn chinese_units_and_grouping() {
    check_parse(&[
        ("一万二千三百", "12300", None, false, false),
        ("三千万", "30000000", None, false, false),
        ("十二亿", "1200000000", None, false, false),
        ("一百零一", "101", None, false, false),
        ("十一", "11", None, false, false),
        ("一十一", "11", None, false, false),
        ("两千六", "2600", None, false, false),
        ("三万五", "35000", None, false, false),
        ("一百二十万三", "1203000", None, false, false),
        ("兩千四百五", "2450", None, false, false),
        ("肆佰陸拾", "460", None, false, false),
        ("壹拾万零叁仟肆佰伍拾叁", "103453", None, false, false),
        ("廿二", "22", None, false, false),
        ("卅", "30", None, false, false),
        (
            "一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一",
            "1111111111111111",
            None,
            false,
            false,
        ),
        ("四万万", "400000000", None, false, false),
        ("零十", "10", None, false, false),
        ("一百零十万", "1100000", None, false, false),
    ]);
}

#[test]
fn chinese_digit_sequences() {
    check_parse(&[
        ("二〇二三", "2023", None, false, false),
        ("一七二零点一", "1720.1", None, false, false),
        ("一一", "11", None, false, false),
    ]);
}

#[test]
fn mixed_scripts() {
    check_parse(&[
        ("1.8万", "18000", None, false, false),
        ("2.41万", "24100", None, false, false),
        ("22.86亿", "2286000000", None, false, false),
        ("3千万", "30000000", None, false, false),
        ("1万600", "10600", None, false, false),
        ("16.4亿", "1640000000", None, false, false),
        ("10.1万", "101000", None, false, false),
        ("4.78万亿", "4780000000000", None, false, false),
        ("200亿零四千230", "20000004230", None, false, false),
    ]);
    assert_eq!(parse("1.8万").unwrap().script, Script::Mixed);
    assert_eq!(parse("1.8").unwrap().script, Script::Arabic);
    assert_eq!(parse("一万").unwrap().script, Script::Chinese);
    assert!(parse("10.1万零100").is_none());
    assert!(parse("10..1万").is_none());
}

#[test]
fn inner_approx() {
    check_parse(&[
        ("十余万", "100000", None, false, true),
        ("3000多万", "30000000", None, false, true),
        ("二十几万", "200000", None, false, true),
        ("三十万多亿", "30000000000000", None, false, true),
    ]);
    check_scan(&[
        ("5万余人", &[("5万", "50000")]),
        ("四百多", &[("四百", "400")]),
    ]);
}

#[test]
fn decimals_fractions_percent() {
    check_parse(&[
        ("二十二点八六", "22.86", None, false, false),
        ("二十二点八六亿", "2286000000", None, false, false),
        ("百分之四十", "40", None, true, false),
        ("百分之三点五", "3.5", None, true, false),
        ("40%", "40", None, true, false),
        ("40％", "40", None, true, false),
        ("三成", "30", None, true, false),
        ("七成五", "75", None, true, false),
        ("半", "0.5", None, false, false),
        ("二分之一", "0.5", None, false, false),
        ("千分之三", "0.3", None, true, false),
        ("负一又二分之一", "-1.5", None, false, false),
    ]);
    assert_eq!(parse("三分之一").unwrap().value.round_dp(6), d("0.333333"));
    check_scan(&[
        ("成立三个成果", &[("三", "3")]),
        ("一年半", &[("一", "1"), ("半", "0.5")]),
        ("重点试点三点", &[("三", "3")]),
        ("一点两小时", &[("一", "1"), ("两", "2")]),
    ]);
}

#[test]
fn ranges() {
    check_parse(&[
        ("4-12", "4", Some("12"), false, false),
        ("4—12", "4", Some("12"), false, false),
        ("4～12", "4", Some("12"), false, false),
        ("4~12", "4", Some("12"), false, false),
        ("4至12", "4", Some("12"), false, false),
        ("4到12", "4", Some("12"), false, false),
        ("100-180%", "100", Some("180"), true, false),
        ("10%-20%", "10", Some("20"), true, false),
        ("三四十", "30", Some("40"), false, false),
        ("七八", "7", Some("8"), false, false),
        ("1-11", "1", Some("11"), false, false),
        ("3-5万", "30000", Some("50000"), false, false),
        ("十七八", "17", Some("18"), false, false),
    ]);
    check_scan(&[("4-个", &[("4", "4")]), ("第3至", &[("3", "3")])]);
}

#[test]
fn negative() {
    check_parse(&[
        ("负十一", "-11", None, false, false),
        ("-10.1万", "-101000", None, false, false),
        ("負三十二", "-32", None, false, false),
    ]);
    check_scan(&[
        ("温度 -5度", &[("-5", "-5")]),
        ("A-5", &[("5", "5")]),
        ("（-3.5%）", &[("-3.5%", "-3.5")]),
    ]);
}

#[test]
fn separators_do_not_merge() {
    check_scan(&[
        ("138.22/10万", &[("138.22", "138.22"), ("10万", "100000")]),
        ("8·13", &[("8", "8"), ("13", "13")]),
        ("14:28", &[("14", "14"), ("28", "28")]),
        ("1. 总则", &[("1", "1")]),
        ("5.12", &[("5.12", "5.12")]),
    ]);
}

#[test]
fn leading_scales_and_words() {
    check_scan(&[
        ("十个", &[("十", "10")]),
        ("百名", &[("百", "100")]),
        ("千万元", &[("千万", "10000000")]),
        ("亿元", &[("亿", "100000000")]),
        ("统一", &[("一", "1")]),
        ("大陆队伍收拾", &[]),
        ("壹拾", &[("壹拾", "10")]),
    ]);
}

#[test]
fn overflow_is_dropped() {
    assert!(parse("9999999999999999999999亿").is_none());
    assert!(scan("9999999999999999999999亿").is_empty());
    let long = "9".repeat(100_000);
    assert!(scan(&long).is_empty());
    let frac = format!("0.{}1", "0".repeat(50));
    assert!(parse(&frac).is_none());
    assert_eq!(
        parse("79228162514264337593543950335").map(|n| n.value),
        Some(Decimal::MAX)
    );
}

#[test]
fn offsets_are_char_boundaries() {
    let text = "其中，全省生产总值达22.86亿元，增长7.5%。";
    for m in scan(text) {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
}

#[test]
fn long_inputs_are_linear_and_safe() {
    for unit in ["9", "一", "七八", "十", "1,", "-1", "百分之", "点", "一两"] {
        let text = unit.repeat(200_000);
        let start = std::time::Instant::now();
        let found = scan(&text);
        assert!(start.elapsed().as_secs() < 5, "{unit:?} too slow");
        for m in &found {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }
}

#[test]
fn range_lower_end_borrows_the_upper_scale() {
    // (input, value, value_max)
    let cases = [
        ("3-5万", "30000", "50000"),
        ("十八至三十万", "180000", "300000"),
        ("一百二十到一百五十万", "1200000", "1500000"),
        ("八到九百亿", "80000000000", "90000000000"),
        ("两到三千", "2000", "3000"),
        ("一到二十", "1", "20"),
        ("1-20", "1", "20"),
        ("4-12", "4", "12"),
        ("65-79", "65", "79"),
    ];
    for (input, lo, hi) in cases {
        let n = crate::numeral::parse(input).unwrap_or_else(|| panic!("{input}"));
        assert_eq!(n.value.normalize().to_string(), lo, "{input}");
        assert_eq!(
            n.value_max.map(|v| v.normalize().to_string()).as_deref(),
            Some(hi),
            "{input}"
        );
    }
}

#[test]
fn scale_words_that_open_a_unit_stay_with_it() {
    for (text, surface) in [
        ("12千米", "12"),
        ("2.3千克", "2.3"),
        ("5兆瓦", "5"),
        ("3千万元", "3千万"),
    ] {
        let m = &crate::numeral::scan(text)[0];
        assert_eq!(&text[m.start..m.end], surface, "{text}");
    }
}

#[test]
fn overflow_in_ranges_and_scales_drops_the_number() {
    // Upper ends near the largest Decimal (~7.9e28): no arithmetic may
    // panic, and what cannot be represented is dropped, never rounded.
    for text in [
        "2-2万亿亿亿1",
        "两到三万亿亿亿一",
        "3至22222亿22222亿22222亿2",
        "8到9万亿亿亿",
        "1-9万亿亿亿",
        "七九二二八一六二五一四二六四三三七五九三五四三九五零三三五点五",
        "百分之七九二二八一六二五一四二六四三三七五九三五四三九五零三三五",
        "万分之0.0000000000000000000000000001",
        "79228162514264337593543950335-79228162514264337593543950335万",
    ] {
        for m in scan(text) {
            let n = parse(m.as_str(text)).expect("scanned surfaces parse");
            assert_eq!(n.value, m.value, "{text}");
        }
        let _ = parse(text);
    }
    // The lower end borrows the upper end's place only when it fits.
    let n = parse("2-2万亿亿亿1").unwrap();
    assert_eq!(n.value, Decimal::from(2));
    assert!(parse("万分之0.0000000000000000000000000001").is_none());
    // 9×10^28 does not fit: the whole range is dropped, not half of it.
    assert!(parse("8到9万亿亿亿").is_none());
    assert!(scan("8到9万亿亿亿").iter().all(|m| m.value < Decimal::TEN));
    let n = parse("6到7万亿亿亿").unwrap();
    assert_eq!(
        n.value,
        "60000000000000000000000000000".parse::<Decimal>().unwrap()
    );
}

#[test]
fn digit_group_spaces() {
    check_parse(&[
        ("1 000", "1000", None, false, false),
        ("1\u{2009}000", "1000", None, false, false),
        ("1\u{a0}000\u{a0}000", "1000000", None, false, false),
        ("12 345.5", "12345.5", None, false, false),
    ]);
    check_scan(&[
        ("1 000张", &[("1 000", "1000")]),
        ("1\u{202f}000张", &[("1\u{202f}000", "1000")]),
        // Not groups: four digits, two digits, mixed separators, a digit after.
        ("1 0000", &[("1", "1"), ("0000", "0")]),
        ("2023 100人", &[("2023", "2023"), ("100", "100")]),
        ("1 00人", &[("1", "1"), ("00", "0")]),
        ("1,000 000", &[("1,000", "1000"), ("000", "0")]),
        ("1  000", &[("1", "1"), ("000", "0")]),
    ]);
}
