//! Line repair: joins lines that a scraper broke inside a sentence or a word
//! (`市疾控中心检验检` / blank line / `测大楼全面投用` → `检验检测大楼`).
//!
//! A break is joined only when it is clearly not a paragraph end:
//! - the previous line is body text: at least [`MIN_PREV_CHARS`] chars, not a
//!   heading, list item or speaker line, and it either contains a
//!   sentence-final mark (。！？；) or is at least [`LONG_PREV_CHARS`] chars;
//! - it ends with a CJK ideograph or a digit (no punctuation, closing quote
//!   or bracket), its unfinished last clause has no `:` (bylines such as
//!   `来源:…`) and no URL, and it has no `|` (navigation furniture);
//! - a long line without a sentence mark needs a comma (`，` `,` `、`);
//! - the gap holds no tab (crawler junk such as JSON `\n\t\t`);
//! - the next line starts with a CJK ideograph or a digit, is not a heading,
//!   list item or speaker line, and a digit does not follow a digit;
//! - at most two blank lines lie between them.

use super::is_han;
use super::offsets::Builder;

/// Minimum length (chars) of a previous line that may be continued.
pub const MIN_PREV_CHARS: usize = 20;
/// Previous lines at least this long need no sentence mark inside.
pub const LONG_PREV_CHARS: usize = 40;

const CN_NUM: &str = "一二三四五六七八九十〇零百";

/// Heading, list item or similar line start.
fn is_heading_or_item(line: &str) -> bool {
    let t = line.trim_start();
    let mut cs = t.chars();
    let Some(c0) = cs.next() else {
        return false;
    };
    if matches!(
        c0,
        '#' | '■' | '□' | '◆' | '◇' | '●' | '○' | '▲' | '△' | '★' | '☆' | '·' | '•' | '-' | '*'
            | '>' | '|' | '【' | '〖' | '①'..='⑳' | '⑴'..='⒇' | '⒈'..='⒛' | '㈠'..='㈩'
    ) {
        return true;
    }
    // (一) （一） (1) （1）
    if matches!(c0, '(' | '（') {
        let inner: String = cs.clone().take_while(|c| *c != ')' && *c != '）').collect();
        let n = inner.chars().count();
        if (1..=3).contains(&n)
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || CN_NUM.contains(c))
        {
            return true;
        }
    }
    // 一、 十二、 1. 1、 1． 12) 第一章 第三条
    let num: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || CN_NUM.contains(*c))
        .collect();
    let n = num.chars().count();
    if (1..=3).contains(&n) {
        let after = t[num.len()..].chars().next();
        if matches!(after, Some('、' | '.' | '．' | ')' | '）')) {
            // "1.5万" is a number, not a list marker.
            let after2 = t[num.len()..].chars().nth(1);
            return !(after == Some('.') && after2.is_some_and(|c| c.is_ascii_digit()));
        }
    }
    if c0 == '第' {
        let rest: String = t.chars().skip(1).take(6).collect();
        let num: String = rest.chars().take_while(|c| CN_NUM.contains(*c)).collect();
        if !num.is_empty() {
            let after = rest.chars().nth(num.chars().count());
            if matches!(after, Some('章' | '节' | '節' | '条' | '條' | '部' | '篇')) {
                return true;
            }
        }
    }
    false
}

/// Speaker line (`茅慧文:` / `主持人：`): a short name then a colon.
fn is_speaker(line: &str) -> bool {
    let t = line.trim_start();
    for (k, (i, c)) in t.char_indices().enumerate() {
        if c == ':' || c == '：' {
            return (2..=8).contains(&k) && t[..i].chars().all(|c| is_han(c) || c == '·');
        }
        if k > 8 {
            return false;
        }
    }
    false
}

fn prev_is_body(line: &str) -> bool {
    let t = line.trim();
    // The cheapest test first: most lines end in punctuation.
    let Some(last) = t.chars().next_back() else {
        return false;
    };
    if !(is_han(last) || last.is_ascii_digit()) {
        return false;
    }
    let n = t.chars().count();
    if n < MIN_PREV_CHARS || is_heading_or_item(t) || t.contains('|') {
        return false;
    }
    // The unfinished clause: after the last sentence or clause mark.
    let tail = t
        .rsplit(['。', '！', '？', '；', '!', '?', ';', ',', '，', '、'])
        .next()
        .unwrap_or(t);
    // `来源:新华社` bylines, URLs and other label/value furniture.
    if tail.contains([':', '：']) || tail.contains("://") || tail.contains("www.") {
        return false;
    }
    t.contains(['。', '！', '？', '；', '!', '?', ';'])
        || (n >= LONG_PREV_CHARS && t.contains([',', '，', '、']))
}

fn next_continues(line: &str, prev_last: char) -> bool {
    let t = line.trim_start();
    let Some(first) = t.chars().next() else {
        return false;
    };
    if !(is_han(first) || first.is_ascii_digit()) {
        return false;
    }
    if first.is_ascii_digit() && prev_last.is_ascii_digit() {
        return false;
    }
    !is_heading_or_item(t) && !is_speaker(t)
}

/// Joins broken lines; `None` when nothing changes.
///
/// Walks the lines in one pass, looking at most three lines ahead; no list
/// of lines is built (10 MB of one-char lines would make five million).
pub(crate) fn repair(src: &str) -> Option<Builder> {
    let len = src.len();
    // End of the line starting at `s` (its '\n' or the end of the text).
    let line_end = |s: usize| src[s..].find('\n').map_or(len, |i| s + i);
    let mut b: Option<Builder> = None;
    let mut run = 0;
    let mut ps = 0;
    loop {
        let pe = line_end(ps);
        if pe == len {
            break; // the last line has no next line
        }
        let prev = &src[ps..pe];
        let after_prev = pe + 1;
        if !prev_is_body(prev) {
            ps = after_prev;
            continue;
        }
        // Next non-blank line, at most two blank lines away.
        let mut ns = after_prev;
        let mut dist = 1;
        let found = loop {
            let ne = line_end(ns);
            if !src[ns..ne].trim().is_empty() {
                break Some(ne);
            }
            if ne == len || dist == 3 {
                break None;
            }
            ns = ne + 1;
            dist += 1;
        };
        let Some(ne) = found else {
            ps = after_prev;
            continue;
        };
        // Tabs in the gap mean crawler junk (JSON `\n\t\t`), not a wrapped line.
        if src[pe..ns].contains('\t') {
            ps = ns;
            continue;
        }
        let next = &src[ns..ne];
        let last = prev.trim_end().chars().next_back().unwrap_or(' ');
        if !next_continues(next, last) {
            ps = ns;
            continue;
        }
        // Delete from the end of the previous line's text to the start of
        // the next line's text.
        let del_start = ps + prev.trim_end().len();
        let del_end = ns + (next.len() - next.trim_start().len());
        let b = b.get_or_insert_with(|| Builder::with_capacity(src.len()));
        b.copy(src, run..del_start);
        run = del_end;
        ps = ns;
    }
    let mut b = b?;
    b.copy(src, run..src.len());
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> String {
        repair(s).map_or_else(|| s.to_string(), |b| b.out)
    }

    /// The first implementation (a list of all line spans), kept as the
    /// reference the one-pass walk must agree with.
    fn repair_reference(src: &str) -> Option<Builder> {
        // Line spans [start, end) without the '\n'.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut s = 0;
        for (i, _) in src.match_indices('\n') {
            spans.push((s, i));
            s = i + 1;
        }
        spans.push((s, src.len()));
        let mut b: Option<Builder> = None;
        let mut run = 0;
        let mut k = 0;
        while k + 1 < spans.len() {
            let (ps, pe) = spans[k];
            let prev = &src[ps..pe];
            if !prev_is_body(prev) {
                k += 1;
                continue;
            }
            // Next non-blank line, at most two blank lines away.
            let mut j = k + 1;
            while j < spans.len() && src[spans[j].0..spans[j].1].trim().is_empty() && j - k <= 3 {
                j += 1;
            }
            if j >= spans.len() || j - k > 3 {
                k += 1;
                continue;
            }
            // Tabs in the gap mean crawler junk (JSON `\n\t\t`), not a wrapped line.
            if src[pe..spans[j].0].contains('\t') {
                k = j;
                continue;
            }
            let (ns, ne) = spans[j];
            let next = &src[ns..ne];
            let last = prev.trim_end().chars().next_back().unwrap_or(' ');
            if !next_continues(next, last) {
                k = j;
                continue;
            }
            // Delete from the end of the previous line's text to the start of
            // the next line's text.
            let del_start = ps + prev.trim_end().len();
            let del_end = ns + (next.len() - next.trim_start().len());
            let b = b.get_or_insert_with(|| Builder::with_capacity(src.len()));
            b.copy(src, run..del_start);
            run = del_end;
            k = j;
        }
        let mut b = b?;
        b.copy(src, run..src.len());
        Some(b)
    }

    #[test]
    fn one_pass_agrees_with_the_reference() {
        let mut texts: Vec<String> = Vec::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/press");
        for e in std::fs::read_dir(dir).unwrap() {
            texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
        }
        // Generated: body lines, blank lines, tabs, headings, digits.
        let pieces = [
            "我市不断完善公共卫生体系,筑牢公共卫生屏障。市疾控中心检验检",
            "测大楼全面投用",
            "",
            " ",
            "\t",
            "一、综合",
            "1000",
            "全市累计开展家庭教育、心理健康讲座共计4888场和受众411",
            "茅慧文:各位记者",
        ];
        let mut x: u32 = 7;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..(x % 9) {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                t.push_str(pieces[(x % pieces.len() as u32) as usize]);
                t.push('\n');
            }
            x = x.wrapping_add(1);
            texts.push(t);
        }
        for t in &texts {
            let a = repair(t).map(|b| (b.segs(), b.out));
            let b = repair_reference(t).map(|b| (b.segs(), b.out));
            assert_eq!(a, b, "{t:?}");
        }
    }

    #[test]
    fn joins_broken_sentences() {
        let cases = [
            (
                "我市不断完善公共卫生体系,筑牢公共卫生屏障。市疾控中心检验检\n\n测大楼全面投用,检测项目从710项扩展至760项。",
                "我市不断完善公共卫生体系,筑牢公共卫生屏障。市疾控中心检验检测大楼全面投用,检测项目从710项扩展至760项。",
            ),
            (
                "我市不斷完善公共衛生體系，築牢公共衛生屏障。市疾控中心檢驗檢\n\n測大樓全面投用。",
                "我市不斷完善公共衛生體系，築牢公共衛生屏障。市疾控中心檢驗檢測大樓全面投用。",
            ),
            (
                "市民政局与市教育局、团市委、市残联合力推进困境青少年结对帮扶,完成 梦想小屋 改造\n\n400间,组建571人的 希望家长 关爱帮扶团队。",
                "市民政局与市教育局、团市委、市残联合力推进困境青少年结对帮扶,完成 梦想小屋 改造400间,组建571人的 希望家长 关爱帮扶团队。",
            ),
            (
                "我市聚焦中医药传承创新,推进中医药服务健康。常州市中医\n\n医院 国考 全国排名第73位。",
                "我市聚焦中医药传承创新,推进中医药服务健康。常州市中医医院 国考 全国排名第73位。",
            ),
            (
                "我市聚焦中醫藥傳承創新，推進中醫藥服務健康。常州市中醫\n    醫院全國排名第73位。",
                "我市聚焦中醫藥傳承創新，推進中醫藥服務健康。常州市中醫醫院全國排名第73位。",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(r(input), want, "input {input:?}");
        }
    }

    #[test]
    fn keeps_paragraphs_headings_items_speakers() {
        let keep = [
            // sentence end
            "为全市人民健康和公共安全守好一线、做好保障,筑牢公共卫生屏障。\n\n测大楼全面投用。",
            // short heading, both scripts
            "市民政局“优化养老服务”实事项目\n年,提升改造了33家社区居家养老服务站点。",
            "織密醫療衛生服務網，譜寫健康句容新篇章\n\n強化院前急救服務。",
            "织密医疗卫生“服务网”，谱写健康句容新篇章\n\n强化院前急救服务。",
            // list items and headings
            "国民经济继续健康稳定发展。全县实现生产总值1102284万元\n一、综合\n",
            "国民经济继续健康稳定发展。全县实现生产总值1102284万元\n（一）扩大有效投资",
            "国民经济继续健康稳定发展。全县实现生产总值1102284万元\n1．地级市投资增速前二名",
            "國民經濟繼續健康穩定發展。全縣實現生產總值1102284萬元\n◆為困難老年人家庭進行適老化改造",
            // speaker turn
            "區委宣傳部、區政府新聞辦公室今天舉辦系列主題新聞發布會第五場歡迎大家\n\n茅慧文:各位記者朋友大家上午好。",
            // numbers must not merge
            "全市累计开展家庭教育、心理健康讲座共计4888场和受众411\n2023年全市",
            // too many blank lines
            "为全市人民健康和公共安全守好一线。市疾控中心检验检\n\n\n\n\n测大楼全面投用。",
            // URL line, byline, furniture, tab junk
            "https://www.news.gov.hk/chi/2024/05/20240524/20240524_170509_089.html\n\n本港今年首季",
            "原标题:100%直接通邮!西藏实现乡镇及以上城市邮政网点全覆盖 来源:央视新闻客户端\n记者26日从交通运输部",
            "关于我们| 网站概况| 法律顾问| 服务条款| 人员查询| 广告服务| 版权所有| 联系我们\n有害短信息举报",
            "合共8个职缺。获录取参加培训的人士将获发培训津贴,获录取参\n\t \n\t\t劳工局和休闲企业推出",
            // heading-like previous line
            "## 打造 常有健康 民生名片 增进人民健康福祉 推进中医药服务健康\n\n本报讯 昨天",
        ];
        for input in keep {
            assert_eq!(r(input), input, "input {input:?}");
        }
    }

    #[test]
    fn markers() {
        for h in [
            "一、综合",
            "（一）扩大",
            "(二)重大",
            "1.地级市",
            "2、县",
            "①第一",
            "■陈荣春",
            "# 标题",
            "第三条 规定",
        ] {
            assert!(is_heading_or_item(h), "{h}");
        }
        for b in ["1.5万人", "2023年", "一批项目", "三级中医馆"] {
            assert!(!is_heading_or_item(b), "{b}");
        }
        assert!(is_speaker("茅慧文:各位"));
        assert!(is_speaker("駱保國：我區"));
        assert!(!is_speaker("会议时间长达三小时的会议上,他说:"));
    }
}
