//! The HTML page in a real browser: headless Chromium driven through
//! chromedriver (WebDriver, with fantoccini). From the DOM: the page shows
//! the document's text exactly, one highlight per claim holding exactly the
//! claim's text at the claim's place, a hover card with the claim's fields,
//! and clicking a row of the table moves the text to its highlight. A
//! screenshot of a fixture's page is written under `target/tmp/`.
//!
//! Needs Debian's `chromium` and `chromium-driver`. Without them the test
//! says SKIP and passes, except under CI (`CI` set), where it fails.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{fixtures, json_lines, root, zhclaims};
use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// Fails the check with a message (the session is closed before the test panics).
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// chromedriver on a free local port, ended when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start(program: &Path) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the page shows, read from the DOM.
const READ_PAGE: &str = r#"
const doc = document.getElementById('doc');
const marks = Array.from(doc.querySelectorAll('mark'));
return {
  text: doc.textContent,
  rows: document.querySelectorAll('#claims tbody tr').length,
  resources: performance.getEntriesByType('resource').length,
  marks: marks.map(function (m) {
    const r = document.createRange();
    r.setStart(doc, 0);
    r.setEndBefore(m);
    return {id: m.id, cls: m.className, text: m.textContent, at: r.toString().length};
  })
};"#;

/// Where highlight `id` is against the text pane, and which elements are current.
const WHERE: &str = r#"
const doc = document.getElementById('doc');
const m = document.getElementById(arguments[0]);
const d = doc.getBoundingClientRect(), b = m.getBoundingClientRect();
return {
  visible: b.top >= d.top - 1 && b.bottom <= d.bottom + 1 && b.height > 0,
  scroll: doc.scrollTop,
  current: m.classList.contains('current'),
  row: document.getElementById('r' + m.dataset.i).classList.contains('current')
};"#;

/// One page to check: the file, its decoded text and the tool's claims.
struct Case {
    name: String,
    page: PathBuf,
    text: String,
    claims: Vec<Value>,
}

fn case(input: &Path, out_dir: &Path) -> Case {
    let name = input.file_stem().unwrap().to_string_lossy().into_owned();
    let page = out_dir.join(format!("{name}.html"));
    // Fixtures by their path in the repository, as the page shows it.
    let (dir, input) = match input.strip_prefix(root()) {
        Ok(rel) => (root(), rel),
        Err(_) => (PathBuf::from("."), input),
    };
    zhclaims()
        .current_dir(&dir)
        .args(["html", "-q"])
        .arg(input)
        .arg("-o")
        .arg(&page)
        .assert()
        .success();
    let claims = json_lines(
        &zhclaims()
            .current_dir(&dir)
            .args(["extract", "-q"])
            .arg(input)
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    Case {
        name,
        page,
        text: std::fs::read_to_string(dir.join(input)).unwrap(),
        claims,
    }
}

fn file_url(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// Brings row `i` into the list's view, as a reader scrolls to it, and
/// clicks it with the pointer.
async fn click_row(c: &Client, i: usize) -> Result<(), String> {
    c.execute(
        "document.getElementById('r' + arguments[0]).scrollIntoView({block: 'center'});",
        vec![json!(i)],
    )
    .await
    .map_err(|e| e.to_string())?;
    c.find(Locator::Css(&format!("#r{i} td:nth-child(4)")))
        .await
        .map_err(|e| e.to_string())?
        .click()
        .await
        .map_err(|e| e.to_string())
}

async fn check_page(c: &Client, case: &Case, shots: &Path) -> Result<(), String> {
    let name = &case.name;
    c.goto(&file_url(&case.page))
        .await
        .map_err(|e| e.to_string())?;
    let dom = c
        .execute(READ_PAGE, vec![])
        .await
        .map_err(|e| e.to_string())?;
    ensure!(
        dom["text"].as_str() == Some(case.text.as_str()),
        "{name}: the page's text is not the document's text"
    );
    ensure!(dom["resources"] == 0, "{name}: the page loaded resources");
    let marks = dom["marks"].as_array().ok_or("no marks")?;
    ensure!(
        marks.len() == case.claims.len() && dom["rows"] == case.claims.len(),
        "{name}: {} highlights and {} rows for {} claims",
        marks.len(),
        dom["rows"],
        case.claims.len()
    );
    for (i, (m, claim)) in marks.iter().zip(&case.claims).enumerate() {
        let start = claim["start"].as_u64().unwrap() as usize;
        let at16 = case.text[..start].encode_utf16().count();
        ensure!(
            m["id"] == format!("c{i}") && m["text"] == claim["text"] && m["at"] == at16,
            "{name}: highlight {i} is {m}, the claim is {} at {at16}",
            claim["text"]
        );
        ensure!(
            m["cls"] == format!("claim k-{}", claim["unit_kind"].as_str().unwrap()),
            "{name}: highlight {i} is not coloured by its kind: {}",
            m["cls"]
        );
    }

    // Clicking rows: the last first (far down), then a spread of others.
    let n = case.claims.len();
    let step = n.div_ceil(20).max(1);
    let mut picks: Vec<usize> = (0..n).step_by(step).collect();
    picks.insert(0, n - 1);
    let mut moved = 0;
    for &i in &picks {
        let id = format!("c{i}");
        let before = c
            .execute(WHERE, vec![json!(id)])
            .await
            .map_err(|e| e.to_string())?;
        click_row(c, i)
            .await
            .map_err(|e| format!("{name}: clicking row {i}: {e}"))?;
        let after = c
            .execute(WHERE, vec![json!(id)])
            .await
            .map_err(|e| e.to_string())?;
        ensure!(
            after["visible"] == true && after["current"] == true && after["row"] == true,
            "{name}: after clicking row {i} its highlight is {after} (before: {before})"
        );
        if before["visible"] == false {
            ensure!(
                before["scroll"] != after["scroll"],
                "{name}: row {i}: the text did not scroll"
            );
            moved += 1;
        }
    }
    ensure!(
        n < 40 || moved > 0,
        "{name}: no click had to scroll ({n} claims): the test proves nothing"
    );

    // Hovering a highlight (brought into view by its row) shows its fields.
    let k = picks[picks.len() / 2];
    click_row(c, k).await?;
    let mark = c
        .find(Locator::Id(&format!("c{k}")))
        .await
        .map_err(|e| e.to_string())?;
    let hover = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
        element: mark,
        duration: None,
        x: 0.0,
        y: 0.0,
    });
    c.perform_actions(hover).await.map_err(|e| e.to_string())?;
    // The card comes with the next frames; a loaded machine may take a while.
    let mut card = Value::Null;
    for _ in 0..50 {
        card = c
            .execute(
                "const c = document.getElementById('card'); return {hidden: c.hidden, text: c.textContent};",
                vec![],
            )
            .await
            .map_err(|e| e.to_string())?;
        if card["hidden"] == false {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let claim = &case.claims[k];
    let value = claim["value"].to_string();
    let card_text = card["text"].as_str().unwrap_or("");
    ensure!(card["hidden"] == false, "{name}: no card on hover");
    for (label, want) in [
        ("value", value.as_str()),
        ("unit", claim["unit"].as_str().unwrap_or("")),
        ("subject", claim["subject"].as_str().unwrap_or("")),
        ("year source", claim["year_source"].as_str().unwrap_or("")),
    ] {
        ensure!(
            card_text.contains(label) && card_text.contains(want),
            "{name}: the card of claim {k} lacks {label} {want:?}: {card_text}"
        );
    }
    let png = c.screenshot().await.map_err(|e| e.to_string())?;
    ensure!(
        png.starts_with(b"\x89PNG"),
        "{name}: the screenshot is not a PNG"
    );
    std::fs::write(shots.join(format!("{name}.png")), png).map_err(|e| e.to_string())?;
    c.release_actions().await.map_err(|e| e.to_string())?;
    Ok(())
}

async fn check_index(c: &Client, dir: &Path) -> Result<(), String> {
    c.goto(&file_url(&dir.join("index.html")))
        .await
        .map_err(|e| e.to_string())?;
    let links = c
        .find_all(Locator::Css("tbody a"))
        .await
        .map_err(|e| e.to_string())?;
    ensure!(
        links.len() == fixtures().len(),
        "index: {} links",
        links.len()
    );
    links[0].click().await.map_err(|e| e.to_string())?;
    let marks = c
        .execute(
            "return document.querySelectorAll('mark.claim').length;",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    ensure!(
        marks.as_u64().is_some_and(|n| n > 0),
        "index: the first link does not lead to a page with highlights"
    );
    Ok(())
}

#[test]
fn the_page_in_headless_chromium() {
    let (Some(browser), Some(driver)) = (
        find_program(&["chromium", "chromium-browser", "google-chrome"]),
        find_program(&["chromedriver"]),
    ) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium and chromedriver are required under CI (.ci/run installs them)"
        );
        eprintln!("SKIP browser test: chromium or chromedriver not on PATH");
        return;
    };

    // Pages and screenshots under target/tmp, kept as test artifacts.
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("zhclaims-html");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let tricky = out.join("tricky.txt");
    std::fs::write(
        &tricky,
        "<p>全區居民人均可支配收入32688.5元&amp;,同比增長6.2%。</p>\r\n\
         \t新增床位1000张,\r\n计划投资22.86亿元,约4-12周。\r\n",
    )
    .unwrap();
    let f = fixtures();
    let cases = vec![case(&f[3], &out), case(&f[0], &out), case(&tricky, &out)];
    assert!(cases.iter().all(|c| !c.claims.is_empty()));
    let folder = out.join("folder");
    zhclaims()
        .args(["html", "-q"])
        .arg(root().join("fixtures/press"))
        .arg("-o")
        .arg(&folder)
        .assert()
        .success();

    let profile = tempfile::tempdir().unwrap();
    let driver = Driver::start(&driver);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": browser,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1400,900",
                format!("--user-data-dir={}", profile.path().display()),
            ],
        }),
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let result = runtime.block_on(async {
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&driver.url)
            .await
            .expect("a WebDriver session with headless Chromium");
        let mut result = Ok(());
        for case in &cases {
            result = check_page(&client, case, &out).await;
            if result.is_err() {
                break;
            }
        }
        if result.is_ok() {
            result = check_index(&client, &folder).await;
        }
        let _ = client.close().await;
        result
    });
    drop(driver);
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "browser test: {} pages and an index checked; screenshots in {}",
        cases.len(),
        out.display()
    );
}
