//! `zhclaims html`: a self-contained page per document (inline CSS and
//! script, no network), the text as written with every claim highlighted
//! and coloured by its unit kind, a hover card per claim and a table of
//! claims whose rows scroll to their highlight.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;
use zhclaims::decode::{Encoding, decode};
use zhclaims::{Claim, Document, Extractor};

use crate::HtmlArgs;
use crate::columns::Columns;
use crate::inputs::{self, Input};
use crate::pipeline;
use crate::progress::Progress;

/// The claim fields shown in the table and the hover card, with their
/// headings; a field the library does not have shows as empty.
const SHOWN: [(&str, &str); 8] = [
    ("text", "text"),
    ("value", "value"),
    ("unit", "unit"),
    ("unit_kind", "kind"),
    ("qualifier", "qualifier"),
    ("subject", "subject"),
    ("year", "year"),
    ("year_source", "year source"),
];

/// Highlight colours of the library's unit kinds; a kind not listed gets
/// a colour from its name.
const KIND_COLOURS: [(&str, &str); 15] = [
    ("money", "#ffd54f"),
    ("percent", "#81d4fa"),
    ("count", "#a5d6a7"),
    ("area", "#ce93d8"),
    ("length", "#ffab91"),
    ("volume", "#80cbc4"),
    ("mass", "#bcaaa4"),
    ("duration", "#f48fb1"),
    ("rate", "#b39ddb"),
    ("age", "#e6ee9c"),
    ("level", "#90caf9"),
    ("temperature", "#ef9a9a"),
    ("energy", "#fff59d"),
    ("multiple", "#c5e1a5"),
    ("none", "#e0e0e0"),
];

fn kind_colour(kind: &str) -> String {
    if let Some((_, c)) = KIND_COLOURS.iter().find(|(k, _)| *k == kind) {
        return (*c).to_string();
    }
    let hue = kind
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
        % 360;
    format!("hsl({hue} 70% 80%)")
}

/// A CSS class name for a kind: letters, digits, `-` and `_` only.
fn kind_class(kind: &str) -> String {
    let safe: String = kind
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("k-{safe}")
}

/// `s` escaped for HTML text and attribute values. Carriage returns and
/// other control characters are written as character references, so the
/// page's text is the document's text exactly (a raw CR would be folded
/// into the following LF by the HTML parser).
fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape(s, &mut out);
    out
}

/// One claim's shown fields, from its serialised form.
fn shown_cells(c: &Claim, columns: &Columns) -> Result<Vec<String>, String> {
    let v = serde_json::to_value(c).map_err(|e| e.to_string())?;
    let row = columns.cells(&v)?;
    let cols = columns.names();
    Ok(SHOWN
        .iter()
        .map(|(name, _)| {
            let at = cols.iter().position(|c| c == name);
            let mut cell = at.map(|i| row[i].clone()).unwrap_or_default();
            // A range shows both ends: 4–12.
            if *name == "value"
                && let Some(max) = cols.iter().position(|c| c == "value_max")
                && !row[max].is_empty()
            {
                cell = format!("{cell}–{}", row[max]);
            }
            cell
        })
        .collect())
}

/// The document facts: every field of the serialised document but its
/// claims, as written by the library.
fn facts(doc: &Document) -> Result<Vec<(String, Value)>, String> {
    let v = serde_json::to_value(doc).map_err(|e| e.to_string())?;
    let Value::Object(m) = v else {
        return Err("a document that is not an object".into());
    };
    Ok(m.into_iter().filter(|(k, _)| k != "claims").collect())
}

/// The page of one document `name`, read in `encoding`, whose text is `text`.
pub fn page(name: &str, encoding: &str, text: &str, doc: &Document) -> Result<String, String> {
    let cols = Columns::of::<Claim>()?;
    let mut body = String::with_capacity(text.len() * 2);
    let mut rows = String::new();
    let mut kinds: Vec<(String, usize)> = Vec::new();
    let mut pos = 0;
    for (i, c) in doc.claims.iter().enumerate() {
        let cells = shown_cells(c, &cols)?;
        let kind = cells[3].clone();
        match kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((kind.clone(), 1)),
        }
        // Claims come in document order without overlaps; one that breaks
        // this is listed but not highlighted rather than mis-highlighted.
        let marked = c.start >= pos && text.get(c.start..c.end) == Some(c.text.as_str());
        if marked {
            escape(&text[pos..c.start], &mut body);
            let _ = write!(
                body,
                "<mark id=\"c{i}\" class=\"claim {}\" data-i=\"{i}\" tabindex=\"-1\">",
                kind_class(&kind)
            );
            escape(&c.text, &mut body);
            body.push_str("</mark>");
            pos = c.end;
        }
        let _ = write!(
            rows,
            "<tr id=\"r{i}\" data-i=\"{i}\" tabindex=\"0\"{}><td>{}</td>",
            if marked {
                ""
            } else {
                " class=\"unmarked\" title=\"overlaps another claim: not highlighted\""
            },
            i + 1
        );
        for (k, cell) in cells.iter().enumerate() {
            if k == 0 {
                let _ = write!(
                    rows,
                    "<td><span class=\"chip {}\">{}</span></td>",
                    kind_class(&kind),
                    esc(cell)
                );
            } else {
                let _ = write!(rows, "<td>{}</td>", esc(cell));
            }
        }
        rows.push_str("</tr>\n");
    }
    escape(&text[pos..], &mut body);

    let mut css_kinds = String::new();
    let mut legend = String::new();
    for (kind, n) in &kinds {
        let _ = writeln!(
            css_kinds,
            ".{}{{--c:{}}}",
            kind_class(kind),
            kind_colour(kind)
        );
        let _ = write!(
            legend,
            "<span class=\"chip {}\">{} {n}</span> ",
            kind_class(kind),
            esc(if kind.is_empty() { "?" } else { kind })
        );
    }
    let mut facts_html = String::new();
    for (k, v) in facts(doc)? {
        let shown = match &v {
            Value::Null => continue,
            Value::Array(a) if a.is_empty() => continue,
            Value::String(s) => esc(s),
            Value::Number(_) | Value::Bool(_) => esc(&v.to_string()),
            _ => format!(
                "<details><summary>{}</summary><pre>{}</pre></details>",
                match &v {
                    Value::Array(a) => format!("{} items", a.len()),
                    _ => "show".into(),
                },
                esc(&serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?)
            ),
        };
        let _ = write!(facts_html, "<dt>{}</dt><dd>{shown}</dd>", esc(&k));
    }
    let mut heads = String::from("<th>#</th>");
    for (_, h) in SHOWN {
        let _ = write!(heads, "<th>{h}</th>");
    }
    Ok(format!(
        r#"<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="zhclaims {version}">
<title>{title} · zhclaims</title>
<style>
{STYLE}
{css_kinds}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="meta">{n} claims · read as {encoding} · <span class="legend">{legend}</span></p>
<dl class="facts">{facts_html}</dl>
</header>
<main>
<pre id="doc">{body}</pre>
<section id="list">
<table id="claims">
<thead><tr>{heads}</tr></thead>
<tbody>
{rows}</tbody>
</table>
</section>
</main>
<aside id="card" hidden></aside>
<script>
{SCRIPT}
</script>
</body>
</html>
"#,
        version = env!("CARGO_PKG_VERSION"),
        title = esc(name),
        n = doc.claims.len(),
        encoding = esc(encoding),
    ))
}

const STYLE: &str = r#"html,body{margin:0;height:100%}
body{display:flex;flex-direction:column;font:14px/1.5 system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;color:#222;background:#fff}
header{flex:none;padding:.4em 1em;border-bottom:1px solid #ccc;background:#fafafa}
h1{font-size:1.1em;margin:.2em 0;word-break:break-all}
.meta{margin:.2em 0}
.facts{display:flex;flex-wrap:wrap;gap:.2em 1.2em;margin:.2em 0;font-size:.9em}
.facts dt{color:#666}.facts dt::after{content:":"}
.facts dd{margin:0 0 0 -.9em}
.facts details{display:inline}.facts pre{max-height:12em;overflow:auto;background:#fff;border:1px solid #ddd;padding:.3em}
main{flex:1;display:flex;min-height:0}
#doc{flex:1 1 50%;overflow:auto;margin:0;padding:1em 1.5em;white-space:pre-wrap;overflow-wrap:anywhere;font:16px/1.9 "Noto Serif CJK SC","Noto Sans CJK SC","WenQuanYi Zen Hei",serif}
#list{flex:1 1 50%;overflow:auto;border-left:1px solid #ccc;scroll-padding-top:2.5em}
table{border-collapse:collapse;width:100%;font-size:13px}
td:nth-child(2),td:nth-child(3){white-space:nowrap}
th{position:sticky;top:0;background:#eee;text-align:left;padding:.3em;border-bottom:1px solid #ccc}
td{padding:.2em .3em;border-bottom:1px solid #eee;vertical-align:top}
tbody tr{cursor:pointer}tbody tr:hover td{background:#f3f7ff}
tr.current td{background:#fff3c4}
tr.unmarked{color:#999;cursor:default}
mark.claim,.chip{background:var(--c,#ddd);border-radius:3px;padding:0 1px;color:inherit}
mark.claim{cursor:help}
mark.current{outline:2px solid #d32f2f;outline-offset:1px}
.chip{display:inline-block;padding:0 .35em;white-space:nowrap}
#card{position:fixed;z-index:10;max-width:24em;background:#fff;border:1px solid #999;border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.25);padding:.4em .6em;font-size:13px;display:grid;grid-template-columns:auto 1fr;gap:0 .8em;pointer-events:none}
#card[hidden]{display:none}
#card dt{color:#666}#card dd{margin:0}
@media (max-width:800px){main{flex-direction:column}#list{border-left:0;border-top:1px solid #ccc}}"#;

const SCRIPT: &str = r#"(function () {
  var doc = document.getElementById('doc');
  var card = document.getElementById('card');
  var tbody = document.querySelector('#claims tbody');
  var heads = Array.prototype.map.call(document.querySelectorAll('#claims thead th'), function (th) { return th.textContent; });
  function showCard(mark) {
    var row = document.getElementById('r' + mark.dataset.i);
    if (!row) return;
    card.textContent = '';
    for (var k = 1; k < row.cells.length; k++) {
      var dt = document.createElement('dt'); dt.textContent = heads[k];
      var dd = document.createElement('dd'); dd.textContent = row.cells[k].textContent || '—';
      card.appendChild(dt); card.appendChild(dd);
    }
    card.hidden = false;
    var b = mark.getBoundingClientRect();
    var left = Math.max(4, Math.min(b.left, window.innerWidth - card.offsetWidth - 4));
    var top = b.bottom + 6;
    if (top + card.offsetHeight > window.innerHeight) top = Math.max(4, b.top - card.offsetHeight - 6);
    card.style.left = left + 'px'; card.style.top = top + 'px';
  }
  var hovered = null;
  function hideCard() { card.hidden = true; hovered = null; }
  function select(i, scrollRow) {
    var mark = document.getElementById('c' + i), row = document.getElementById('r' + i);
    Array.prototype.forEach.call(document.querySelectorAll('.current'), function (e) { e.classList.remove('current'); });
    if (row) { row.classList.add('current'); if (scrollRow) row.scrollIntoView({block: 'nearest'}); }
    if (mark) { mark.classList.add('current'); if (!scrollRow) { mark.scrollIntoView({block: 'center'}); mark.focus({preventScroll: true}); } }
  }
  doc.addEventListener('mouseover', function (e) { var m = e.target.closest('mark.claim'); if (m) { hovered = m; showCard(m); } });
  doc.addEventListener('mouseout', function (e) { var m = e.target.closest('mark.claim'); if (m && !m.contains(e.relatedTarget)) hideCard(); });
  // The card follows its highlight while the text scrolls.
  doc.addEventListener('scroll', function () { if (hovered) showCard(hovered); });
  doc.addEventListener('click', function (e) { var m = e.target.closest('mark.claim'); if (m) select(m.dataset.i, true); });
  tbody.addEventListener('click', function (e) { var r = e.target.closest('tr'); if (r) { hideCard(); select(r.dataset.i, false); } });
  tbody.addEventListener('keydown', function (e) { var r = e.target.closest('tr'); if (r && e.key === 'Enter') select(r.dataset.i, false); });
})();"#;

/// The index page of a folder: one row per document, linked to its page.
fn index(title: &str, entries: &[Entry]) -> String {
    let mut rows = String::new();
    let (mut claims, mut failed) = (0, 0);
    for e in entries {
        match &e.result {
            Ok((href, n, encoding)) => {
                claims += n;
                let _ = writeln!(
                    rows,
                    "<tr><td><a href=\"{}\">{}</a></td><td>{n}</td><td>{}</td><td></td></tr>",
                    esc(href),
                    esc(&e.name),
                    esc(encoding)
                );
            }
            Err(reason) => {
                failed += 1;
                let _ = writeln!(
                    rows,
                    "<tr class=\"failed\"><td>{}</td><td></td><td></td><td>{}</td></tr>",
                    esc(&e.name),
                    esc(reason)
                );
            }
        }
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title} · zhclaims</title>
<style>body{{font:14px/1.5 system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:1em 2em}}
table{{border-collapse:collapse}}th,td{{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:left}}
td:nth-child(2){{text-align:right}}tr.failed{{color:#b71c1c}}</style>
</head>
<body>
<h1>{title}</h1>
<p>{docs} documents, {claims} claims, {failed} failed</p>
<table>
<thead><tr><th>document</th><th>claims</th><th>encoding</th><th>error</th></tr></thead>
<tbody>
{rows}</tbody>
</table>
</body>
</html>
"#,
        title = esc(title),
        docs = entries.len() - failed,
    )
}

/// A document of a folder: its name and (link, claims, encoding) or why it failed.
struct Entry {
    name: String,
    bytes: u64,
    result: Result<(String, u64, String), String>,
}

/// A relative path as a URL path: each segment percent-encoded.
fn href(rel: &Path) -> String {
    let mut out = String::new();
    for (k, seg) in rel.iter().enumerate() {
        if k > 0 {
            out.push('/');
        }
        for b in seg.to_string_lossy().bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(b as char);
            } else {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// Reads and extracts one input: (name, encoding, text, document).
fn load(
    input: &Input,
    encoding: Encoding,
    ex: &Extractor,
) -> Result<(String, Document, u64, String), (String, u64)> {
    let bytes = input.read().map_err(|r| (r, 0))?;
    let len = bytes.len() as u64;
    let d = decode(&bytes, encoding).map_err(|e| (e.to_string(), len))?;
    let doc = ex.extract(&d.text);
    Ok((d.encoding.to_string(), doc, len, d.text.into_owned()))
}

pub fn run(args: &HtmlArgs) -> ExitCode {
    let opts = &args.input;
    let ex = opts.extractor();
    let input_path = args.path.clone().unwrap_or_else(|| PathBuf::from("-"));
    if input_path.is_dir() {
        let Some(out) = &args.output else {
            crate::usage_error(
                clap::error::ErrorKind::MissingRequiredArgument,
                "a folder needs -o OUT, the folder to write its pages to",
            );
        };
        return folder(args, &ex, &input_path, out);
    }
    let mut progress = Progress::new(opts.quiet);
    let input = inputs::walk(std::slice::from_ref(&input_path), &opts.selector())
        .next()
        .unwrap_or(Input::Stdin);
    let name = input.name();
    let (encoding, doc, len, text) = match load(&input, opts.encoding, &ex) {
        Ok(loaded) => loaded,
        Err((reason, len)) => {
            progress.failed(&name, len, &reason);
            progress.finish();
            return ExitCode::FAILURE;
        }
    };
    let written = page(&name, &encoding, &text, &doc)
        .map_err(|e| e.to_string())
        .and_then(|html| match &args.output {
            Some(p) => std::fs::write(p, html)
                .map_err(|e| format!("cannot write {}: {}", p.display(), inputs::io_reason(&e))),
            None => std::io::stdout()
                .lock()
                .write_all(html.as_bytes())
                .map_err(|e| format!("cannot write stdout: {}", inputs::io_reason(&e))),
        });
    match written {
        Ok(()) => {
            progress.document(len, doc.claims.len() as u64);
            progress.finish();
            ExitCode::SUCCESS
        }
        Err(reason) => {
            progress.failed(&name, len, &reason);
            progress.finish();
            ExitCode::FAILURE
        }
    }
}

/// Where the pages of a folder go: `OUT/pages/<relative path>.html`.
fn page_path(rel: &Path) -> PathBuf {
    let mut name = rel.as_os_str().to_owned();
    name.push(".html");
    Path::new("pages").join(name)
}

fn folder(args: &HtmlArgs, ex: &Extractor, dir: &Path, out: &Path) -> ExitCode {
    let opts = &args.input;
    let pool = opts.pool();
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!(
            "zhclaims: cannot write {}: {}",
            out.display(),
            inputs::io_reason(&e)
        );
        return ExitCode::FAILURE;
    }
    // Pages written inside the folder being read are not read back.
    let selector = opts.selector().excluding(out);
    let paths = [dir.to_path_buf()];
    let mut progress = Progress::new(opts.quiet);
    progress.count_inputs(&paths, &selector);
    let mut entries = Vec::new();
    let work = |input: Input| -> Entry {
        let name = input.name();
        let rel = page_path(&input.relative());
        match load(&input, opts.encoding, ex) {
            Err((reason, bytes)) => Entry {
                name,
                bytes,
                result: Err(reason),
            },
            Ok((encoding, doc, bytes, text)) => {
                let target = out.join(&rel);
                let result = page(&name, &encoding, &text, &doc).and_then(|html| {
                    if let Some(parent) = target.parent() {
                        std::fs::create_dir_all(parent).map_err(|e| {
                            format!(
                                "cannot write {}: {}",
                                parent.display(),
                                inputs::io_reason(&e)
                            )
                        })?;
                    }
                    std::fs::write(&target, html).map_err(|e| {
                        format!(
                            "cannot write {}: {}",
                            target.display(),
                            inputs::io_reason(&e)
                        )
                    })?;
                    Ok((href(&rel), doc.claims.len() as u64, encoding))
                });
                Entry {
                    name,
                    bytes,
                    result,
                }
            }
        }
    };
    let _ = pipeline::ordered(
        &pool,
        crate::extract::WINDOW_PER_JOB * pool.current_num_threads(),
        inputs::walk(&paths, &selector),
        work,
        |e: Entry| {
            match &e.result {
                Ok((_, n, _)) => progress.document(e.bytes, *n),
                Err(reason) => progress.failed(&e.name, e.bytes, reason),
            }
            entries.push(e);
            Ok::<(), ()>(())
        },
    );
    let index_path = out.join("index.html");
    if let Err(e) = std::fs::write(&index_path, index(&dir.display().to_string(), &entries)) {
        progress.finish();
        eprintln!(
            "zhclaims: cannot write {}: {}",
            index_path.display(),
            inputs::io_reason(&e)
        );
        return ExitCode::FAILURE;
    }
    progress.finish();
    if progress.counts().failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_the_text_exact() {
        assert_eq!(
            esc("a<b>&\"'\r\n\t\u{7}"),
            "a&lt;b&gt;&amp;&quot;&#39;&#13;\n\t&#7;"
        );
        assert_eq!(
            href(Path::new("pages/a b/新.txt.html")),
            "pages/a%20b/%E6%96%B0.txt.html"
        );
        assert_eq!(kind_class("money"), "k-money");
        assert_eq!(kind_class("a b\"<"), "k-a-b--");
        assert!(kind_colour("something new").starts_with("hsl("));
    }

    #[test]
    fn every_claim_is_one_highlight_with_its_text() {
        let text = "全區居民人均可支配收入32688.5元,同比增長6.2%。<b>新增</b>床位1000张。";
        let doc = Extractor::new().extract(text);
        assert!(doc.claims.len() >= 3);
        let html = page("t<1>.txt", "UTF-8", text, &doc).unwrap();
        assert_eq!(html.matches("<mark ").count(), doc.claims.len());
        for (i, c) in doc.claims.iter().enumerate() {
            let open = format!("<mark id=\"c{i}\" ");
            let at = html.find(&open).unwrap();
            let inner = &html[at..];
            let inner = &inner[inner.find('>').unwrap() + 1..inner.find("</mark>").unwrap()];
            assert_eq!(inner, esc(&c.text));
            assert!(html.contains(&format!("<tr id=\"r{i}\"")));
        }
        assert!(html.contains("&lt;b&gt;新增&lt;/b&gt;"));
        assert!(html.contains("<title>t&lt;1&gt;.txt · zhclaims</title>"));
        assert!(!html.contains("http://") && !html.contains("https://"));
    }
}
