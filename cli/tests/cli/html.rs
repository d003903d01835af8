//! `zhclaims html` without a browser: files, stdin, folders with an index,
//! failures reported, pages self-contained. (The page's behaviour is
//! checked in Chromium by `tests/browser.rs`.)

use crate::common::{fixtures, zhclaims};

/// Everything a page could fetch from elsewhere.
fn external_refs(html: &str) -> Vec<&str> {
    ["http:", "https:", "//", "src=", "url(", "@import"]
        .into_iter()
        .filter(|p| match *p {
            // `//` also starts comments in the inline script: only as a URL.
            "//" => html.contains("=\"//") || html.contains("='//"),
            p => html.contains(p),
        })
        .collect()
}

#[test]
fn a_file_gives_one_self_contained_page() {
    let f = &fixtures()[3];
    let out = zhclaims().args(["html", "-q"]).arg(f).assert().success();
    let html = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("default-src 'none'"),
        "a CSP forbids fetching"
    );
    assert_eq!(external_refs(&html), Vec::<&str>::new());
    let text = std::fs::read_to_string(f).unwrap();
    let n = zhclaims::Extractor::new().extract(&text).claims.len();
    assert_eq!(html.matches("<mark id=\"c").count(), n);
    assert_eq!(html.matches("<tr id=\"r").count(), n);
    // Traditional text stays as written.
    assert!(html.contains("億元"));

    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    zhclaims()
        .args(["html", "-q"])
        .arg(f)
        .arg("-o")
        .arg(&page)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&page).unwrap(), html);
}

#[test]
fn stdin_and_encodings() {
    let (big5, _, _) = encoding_rs::BIG5.encode("全區居民人均可支配收入32688.5元，同比增長6.2%。");
    let out = zhclaims()
        .args(["html", "-q", "-"])
        .write_stdin(big5.into_owned())
        .assert()
        .success();
    let html = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(html.contains("read as Big5"));
    assert!(html.contains(">32688.5元</mark>"));
    zhclaims()
        .args(["html", "-q", "--encoding", "utf-8", "-"])
        .write_stdin(b"\xff\xfe\x00bad".to_vec())
        .assert()
        .code(1);
}

#[test]
fn a_folder_gives_a_page_per_document_and_an_index() {
    let src = tempfile::tempdir().unwrap();
    for f in fixtures() {
        std::fs::copy(&f, src.path().join(f.file_name().unwrap())).unwrap();
    }
    std::fs::create_dir(src.path().join("sub dir")).unwrap();
    std::fs::write(src.path().join("sub dir/新 1.txt"), "新增床位1000张。").unwrap();
    std::fs::write(
        src.path().join("sub dir/z.bin"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = zhclaims()
        .arg("html")
        .arg(src.path())
        .arg("-o")
        .arg(out.path())
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(err.contains("z.bin: binary file"), "{err}");
    assert!(
        err.contains(&format!("{} documents, ", fixtures().len() + 1)),
        "{err}"
    );
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(
        index.contains("z.bin</td>") && index.contains("binary file"),
        "{index}"
    );
    assert!(index.contains(&format!("{} documents", fixtures().len() + 1)));
    // Every link of the index leads to a page that exists.
    let links: Vec<&str> = index
        .split("<a href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(links.len(), fixtures().len() + 1);
    for l in &links {
        let decoded = percent_decode(l);
        let page = out.path().join(&decoded);
        let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{l}: {e}"));
        assert!(html.contains("<mark id=\"c0\""), "{l}");
    }
    assert!(
        links.contains(&"pages/sub%20dir/%E6%96%B0%201.txt.html"),
        "{links:?}"
    );

    // A folder needs an output folder.
    zhclaims().arg("html").arg(src.path()).assert().code(2);
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
