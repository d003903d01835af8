//! Tables: statistical communiqués carry their figures in tables, which
//! reach us as HTML rows (cells split by tabs once the markup is gone),
//! Markdown rows (`| 饮料酒 | 千升 | 15767 |`), or one cell per line. A figure
//! in a cell takes its row header as the subject and its unit from the
//! column header (`产量(万吨)`, `较上年±%`) or a unit column (`计量单位`).

use std::ops::Range;

use super::bounds::Spans;

use crate::normalize::is_han;

/// One cell: its text range and where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cell {
    range: Range<usize>,
    table: usize,
    row: usize,
    col: usize,
}

/// One table: its header cells and, per row, the row header (first cell).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Table {
    header: Vec<Range<usize>>,
    row_headers: Vec<Range<usize>>,
    /// The column whose cells name the row's unit (`计量单位`), if any.
    unit_col: Option<usize>,
    /// The unit cells of each row, when there is a unit column.
    row_units: Vec<Option<Range<usize>>>,
}

/// What a figure in a table cell takes from the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CellFacts<'a> {
    /// The row header (`饮料酒`).
    pub row: &'a str,
    /// The column header (`产量`, `较上年±%`).
    pub column: &'a str,
    /// The unit text the table gives the cell (`千升`, `万箱`, `%`), if any.
    pub unit: Option<&'a str>,
}

/// The tables of a document.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    tables: Vec<Table>,
    /// Data cells (not headers), sorted by start.
    cells: Vec<Cell>,
}

/// Longest cell, in chars, of a table laid out one cell per line.
const MAX_CELL_CHARS: usize = 16;

fn is_number_cell(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | '%' | ' ' | '‰' | '±')
        })
}

fn is_label_cell(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && !is_number_cell(s) && s.chars().count() <= MAX_CELL_CHARS
}

/// A cell that could stand in a one-cell-per-line table: short, no sentence marks.
fn is_cell_line(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().count() <= MAX_CELL_CHARS
        && !s.contains(['。', '，', '；', '！', '？', ',', ';', ':', '：'])
}

impl Tables {
    /// Finds the tables among `paragraphs` of `t`.
    pub(crate) fn find(t: &str, paragraphs: &Spans) -> Tables {
        let mut out = Tables::default();
        let mut i = 0;
        while let Some(p) = paragraphs.get(i) {
            let line = &t[p];
            // Rows of cells on one line: tabs (HTML) or pipes (Markdown).
            if let Some(split) = row_split(line) {
                let mut rows: Vec<Vec<Range<usize>>> = Vec::new();
                let mut j = i;
                while let Some(p) = paragraphs.get(j) {
                    let l = &t[p.clone()];
                    if row_split(l) != Some(split) {
                        break;
                    }
                    if !is_rule_row(l) {
                        rows.push(cells_of(t, p, split));
                    }
                    j += 1;
                }
                out.add(t, rows);
                i = j.max(i + 1);
                continue;
            }
            // One cell per line.
            let mut j = i;
            while paragraphs.get(j).is_some_and(|p| is_cell_line(&t[p])) {
                j += 1;
            }
            if j - i >= 6 {
                out.add_grid(t, paragraphs, i..j);
            }
            i = j.max(i + 1);
        }
        out.cells.sort_by_key(|c| c.range.start);
        out
    }

    /// The best grid of a run of one-cell lines: the column count and the
    /// offset of the header row that give the most rows of a label and
    /// figures.
    fn add_grid(&mut self, t: &str, paragraphs: &Spans, run: Range<usize>) {
        let n = run.len();
        let line = |k: usize| paragraphs.get(run.start + k).map_or("", |r| &t[r]);
        let mut best: Option<(usize, usize, usize)> = None;
        for cols in 2..=6 {
            for offset in 0..cols.min(n) {
                if offset + cols > n || !(offset..offset + cols).all(|k| is_label_cell(line(k))) {
                    continue;
                }
                // Rows of `cols` lines after the header, while each starts
                // with a label and holds a number.
                let rows = (1..)
                    .map(|r| offset + cols * r)
                    .take_while(|&s| {
                        s + cols <= n
                            && is_label_cell(line(s))
                            && (s + 1..s + cols).any(|k| is_number_cell(line(k)))
                    })
                    .count();
                if rows >= 2 && best.is_none_or(|b| rows * cols > b.2 * b.0) {
                    best = Some((cols, offset, rows));
                }
            }
        }
        let Some((cols, offset, rows)) = best else {
            return;
        };
        let at = run.start + offset;
        let grid: Vec<Vec<Range<usize>>> = (0..=rows)
            .map(|r| {
                (0..cols)
                    .filter_map(|c| paragraphs.get(at + r * cols + c))
                    .collect()
            })
            .collect();
        self.add(t, grid);
    }

    /// Adds a table from its rows (the first is the header).
    fn add(&mut self, t: &str, rows: Vec<Vec<Range<usize>>>) {
        let Some((header, body)) = rows.split_first() else {
            return;
        };
        if body.len() < 2
            || header.len() < 2
            || !header.iter().all(|h| is_label_cell(&t[h.clone()]))
        {
            return;
        }
        let unit_col = header.iter().position(|h| t[h.clone()].contains("单位"));
        let k = self.tables.len();
        let mut row_headers = Vec::new();
        let mut row_units = Vec::new();
        for (r, row) in body.iter().enumerate() {
            row_headers.push(row[0].clone());
            row_units.push(unit_col.and_then(|c| row.get(c).cloned()));
            for (c, cell) in row.iter().enumerate().skip(1) {
                if Some(c) != unit_col && is_number_cell(&t[cell.clone()]) {
                    self.cells.push(Cell {
                        range: cell.clone(),
                        table: k,
                        row: r,
                        col: c,
                    });
                }
            }
        }
        self.tables.push(Table {
            header: header.clone(),
            row_headers,
            unit_col,
            row_units,
        });
    }

    /// What the table gives a figure at `range`, when the figure fills a
    /// data cell.
    pub(crate) fn cell<'t>(&self, t: &'t str, range: Range<usize>) -> Option<CellFacts<'t>> {
        let i = self.cells.partition_point(|c| c.range.start <= range.start);
        let cell = self.cells.get(i.checked_sub(1)?)?;
        if !(cell.range.start <= range.start && range.end <= cell.range.end) {
            return None;
        }
        let table = &self.tables[cell.table];
        let column = t[table.header.get(cell.col)?.clone()].trim();
        let unit = column_unit(column).or_else(|| {
            table.row_units[cell.row]
                .as_ref()
                .map(|u| t[u.clone()].trim())
                .filter(|u| !u.is_empty())
        });
        Some(CellFacts {
            row: t[table.row_headers[cell.row].clone()].trim(),
            column,
            unit,
        })
    }
}

/// The unit a column header names: `%` (`较上年±%`, `比重(%)`) or the text in
/// its brackets (`产量(万吨)`).
fn column_unit(header: &str) -> Option<&str> {
    if let Some(open) = header.rfind(['(', '（']) {
        let inner = &header[open + header[open..].chars().next()?.len_utf8()..];
        let inner = inner.trim_end_matches([')', '）']).trim();
        if !inner.is_empty() && inner.chars().count() <= 4 {
            return Some(inner);
        }
    }
    header.ends_with('%').then_some("%")
}

/// How a line splits into cells: tabs (at least two) or Markdown pipes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Split {
    Tabs(usize),
    Pipes(usize),
}

fn row_split(line: &str) -> Option<Split> {
    let l = line.trim();
    if l.starts_with('|') && l.ends_with('|') && l.len() > 2 {
        return Some(Split::Pipes(l.matches('|').count() - 1));
    }
    let tabs = l.matches('\t').count();
    (tabs >= 1 && l.chars().any(is_han)).then_some(Split::Tabs(tabs + 1))
}

/// A Markdown rule row (`|---|:--:|`).
fn is_rule_row(line: &str) -> bool {
    line.trim().starts_with('|') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The cells of a row line at `p`, trimmed.
fn cells_of(t: &str, p: Range<usize>, split: Split) -> Vec<Range<usize>> {
    let line = &t[p.clone()];
    let (sep, body, base) = match split {
        Split::Tabs(_) => ('\t', line, p.start),
        Split::Pipes(_) => {
            let inner = line.trim();
            let lead = line.len() - line.trim_start().len();
            ('|', &inner[1..inner.len() - 1], p.start + lead + 1)
        }
    };
    let mut out = Vec::new();
    let mut at = base;
    for part in body.split(sep) {
        let lead = part.len() - part.trim_start().len();
        let s = at + lead;
        out.push(s..s + part.trim().len());
        at += part.len() + sep.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::layout::Layout;

    fn facts(t: &str, number: &str, nth: usize) -> Option<(String, String, Option<String>)> {
        let layout = Layout::new(t);
        let tables = Tables::find(t, &layout.paragraphs);
        let at = t.match_indices(number).nth(nth)?.0;
        tables.cell(t, at..at + number.len()).map(|f| {
            (
                f.row.to_string(),
                f.column.to_string(),
                f.unit.map(str::to_string),
            )
        })
    }

    #[test]
    fn tables_by_layout() {
        let lines = "主要工业产品产量\n\n产品名称\n\n计量单位\n\n产量\n\n较上年±%\n\n饮料酒\n\n千升\n\n15767\n\n18.64\n\n烟花鞭炮\n\n万箱\n\n1575\n\n6.42\n\n正文。";
        assert_eq!(
            facts(lines, "15767", 0),
            Some(("饮料酒".into(), "产量".into(), Some("千升".into())))
        );
        assert_eq!(
            facts(lines, "6.42", 0),
            Some(("烟花鞭炮".into(), "较上年±%".into(), Some("%".into())))
        );
        let html_rows = "指标\t产量(万吨)\t增长(%)\n粮食\t52.3\t1.2\n油料\t3.1\t-0.5\n";
        assert_eq!(
            facts(html_rows, "3.1", 0),
            Some(("油料".into(), "产量(万吨)".into(), Some("万吨".into())))
        );
        let markdown = "| 地区 | 人口(万人) | 增长% |\n|---|---|---|\n| 城镇 | 288.37 | 1.2 |\n| 乡村 | 208.6 | -0.8 |\n";
        assert_eq!(
            facts(markdown, "208.6", 0),
            Some(("乡村".into(), "人口(万人)".into(), Some("万人".into())))
        );
        // Body text is no table.
        assert_eq!(facts("新增床位1000张。\n全市增长5%。\n", "1000", 0), None);
    }
}
