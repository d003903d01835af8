//! Spaces between a number and what it counts: `300 万元`, `12.5 %`,
//! `1000　张` (ideographic space), `1 000 张`. Scraped tables and
//! typeset pages put spaces there; Chinese writes none, and every later
//! stage reads a number and its scale word, unit or percent sign as one
//! piece. A run of spaces right after an Arabic digit is removed when what
//! follows is a scale word (万 亿 千 百 兆), a percent sign or a unit of the
//! unit table; the claim's span then covers the spaces of the original.
//!
//! Runs after the width step (odd spaces are plain spaces by then) and the
//! script step (units are looked up in Simplified). Tabs are not touched:
//! they separate table cells.

use super::offsets::Builder;

/// Whether `rest` (the text after the spaces) continues a number: a scale
/// word, a percent or per-mille sign, or a unit.
fn continues_number(rest: &str) -> bool {
    rest.starts_with(['万', '亿', '千', '百', '兆', '%', '‰'])
        || crate::unit::unit_prefix(rest).is_some()
}

/// Removes the spaces between numbers and their units; `None` when there
/// are none.
pub(crate) fn join(src: &str) -> Option<Builder> {
    let bytes = src.as_bytes();
    let mut b: Option<Builder> = None;
    let mut run = 0;
    let mut i = 0;
    while let Some(off) = src[i..].find(' ') {
        let start = i + off;
        let end = start + bytes[start..].iter().take_while(|&&c| c == b' ').count();
        i = end;
        let after_digit = start > 0 && bytes[start - 1].is_ascii_digit();
        if after_digit && continues_number(&src[end..]) {
            let b = b.get_or_insert_with(|| Builder::with_capacity(src.len()));
            b.copy(src, run..start);
            run = end;
        }
    }
    let mut b = b?;
    b.copy(src, run..src.len());
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(s: &str) -> String {
        join(s).map_or_else(|| s.to_string(), |b| b.out)
    }

    #[test]
    fn joins_number_and_unit() {
        let cases = [
            ("投资300 万元", "投资300万元"),
            ("投资300   万元", "投资300万元"),
            ("增长12.5 %", "增长12.5%"),
            ("新增床位1000 张", "新增床位1000张"),
            ("1 000 张", "1 000张"),
            ("2023 年", "2023年"),
        ];
        for (input, want) in cases {
            assert_eq!(j(input), want, "{input:?}");
        }
    }

    #[test]
    fn keeps_other_spaces() {
        for s in [
            "热线 96111 接待",
            "共 300 人",
            "1 2 3",
            "新增 1000张",
            "1000\t张",
            "A 1 B",
            "2023 Annual",
        ] {
            let want = s.replace("300 人", "300人");
            assert_eq!(j(s), want, "{s:?}");
        }
    }
}
