//! The HTML report of the example organisation in a real browser: headless Chromium renders it,
//! and the test reads the rendered DOM (every matrix row, the chart with its bars), checks that
//! the page made no network request (Chromium's network log, with name resolution switched
//! off), takes a screenshot, and prints it to PDF on A4.
//!
//! Skips, saying why, when Chromium is missing — except in CI (`CI=true`), where a missing
//! browser fails the test. `.ci/run` installs Debian's `chromium`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{root, AS_OF};
use nis2check::catalog::Catalog;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NIS2CHECK_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Runs headless Chromium on a local file with `extra` arguments, logging the network to
/// `dir/net.json`. Returns stdout.
fn run_chromium(browser: &Path, dir: &Path, page: &Path, extra: &[String]) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            // No name resolves: nothing could be fetched even if the page asked.
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--log-net-log={}", dir.join("net.json").display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// URLs the page itself asked for, from Chromium's network log: requests with an initiator
/// (the page's origin; `file://` pages have the opaque origin `null`). The browser's own
/// background requests are "not an origin" and cannot reach anything with resolution off.
fn page_requests(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("net.json")).expect("a network log");
    let log: serde_json::Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .expect("the network log is JSON");
    let types = &log["constants"]["logEventTypes"];
    let start = types["URL_REQUEST_START_JOB"].as_i64().expect("event type");
    log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_i64() == Some(start))
        .filter(|e| {
            e["params"]["initiator"]
                .as_str()
                .is_some_and(|i| i != "not an origin")
        })
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn the_html_report_renders_in_a_browser() {
    let Some(browser) = chromium() else {
        if in_ci() {
            panic!("chromium is not installed, and CI=true: .ci/run must install it (apt-get install chromium)");
        }
        eprintln!("SKIPPED the_html_report_renders_in_a_browser: no chromium on PATH (set NIS2CHECK_CHROMIUM, or apt-get install chromium)");
        return;
    };
    let dir = common::temp_dir("browser-report");
    let page = dir.join("report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_nis2check"))
        .args([
            "report",
            "fixtures/example-org",
            "--as-of",
            AS_OF,
            "--format",
            "html",
        ])
        .arg("--output")
        .arg(&page)
        .current_dir(root())
        .env("NIS2CHECK_REPORT_COMMIT", "0123abc (clean)")
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{out:?}");

    // The rendered DOM.
    let dom = run_chromium(&browser, &dir, &page, &["--dump-dom".to_string()]);
    assert!(
        dom.contains("<h1>Compliance report: Gemeente Voorbeeld</h1>"),
        "{dom}"
    );
    let catalog = Catalog::builtin();
    for (fw, expected) in [("nis2", true), ("bio2", true), ("cir-2024-2690", false)] {
        let leaves = catalog.framework(fw).unwrap().leaves().len();
        let in_matrix = dom
            .matches(&format!("data-framework=\"{fw}\" data-requirement="))
            .count();
        if expected {
            // one row in the matrix, and for BIO2 one in the Statement of Applicability
            let copies = if fw == "bio2" { 2 } else { 1 };
            assert_eq!(
                in_matrix,
                leaves * copies,
                "{fw}: every requirement has its row"
            );
        } else {
            assert_eq!(in_matrix, 0, "{fw} is not in use");
        }
    }
    for status in [
        "passing",
        "failing",
        "waived",
        "not-applicable",
        "not-covered",
        "declared-only",
    ] {
        assert!(
            dom.contains(&format!("data-status=\"{status}\"")),
            "a row is {status}"
        );
    }
    assert!(dom.contains("<svg id=\"chart-21-2\""), "the chart");
    assert_eq!(dom.matches("<g class=\"point\"").count(), 10, "(a)–(j)");
    let bars = dom.matches("<rect class=\"bar\"").count();
    assert!(bars >= 10, "stacked bars: {bars}");
    for attr in [
        "src=\"http",
        "href=\"http",
        "src=\"//",
        "href=\"//",
        "<script",
        "<link",
        "<img",
        "<iframe",
    ] {
        assert!(!dom.contains(attr), "the DOM holds {attr}");
    }
    let requests = page_requests(&dir);
    assert!(requests.is_empty(), "the page asked for: {requests:?}");

    // A screenshot, to look at (`NIS2CHECK_KEEP_SCREENSHOT=FILE` keeps a copy).
    let shot = dir.join("report.png");
    run_chromium(
        &browser,
        &dir,
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2400".to_string(),
            "--hide-scrollbars".to_string(),
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 50_000,
        "{} bytes",
        png.len()
    );
    if let Some(keep) = std::env::var_os("NIS2CHECK_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }

    // Printed: A4 pages (594.96 x 841.92 pt).
    let pdf = dir.join("report.pdf");
    run_chromium(
        &browser,
        &dir,
        &page,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_string(),
        ],
    );
    let bytes = std::fs::read(&pdf).expect("a PDF");
    let text = String::from_utf8_lossy(&bytes);
    let boxes: Vec<&str> = text.matches("/MediaBox [0 0 594.9").collect();
    assert!(!boxes.is_empty(), "A4 pages");
    assert!(!text.contains("/MediaBox [0 0 612"), "no Letter pages");
}

/// The network check is only worth something if it sees a request when there is one.
#[test]
fn the_network_check_sees_a_page_request() {
    let Some(browser) = chromium() else {
        if in_ci() {
            panic!("chromium is not installed, and CI=true: .ci/run must install it");
        }
        eprintln!("SKIPPED the_network_check_sees_a_page_request: no chromium on PATH");
        return;
    };
    let dir = common::temp_dir("browser-control");
    let page = dir.join("control.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><body><img src=\"https://example.invalid/x.png\"></body></html>",
    )
    .unwrap();
    run_chromium(&browser, &dir, &page, &["--dump-dom".to_string()]);
    let requests = page_requests(&dir);
    assert_eq!(requests, ["https://example.invalid/x.png"]);
}
