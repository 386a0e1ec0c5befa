//! `nis2check report`: Markdown and OSCAL snapshots of the example organisation, every status
//! shown, reproducible bytes, the git stamp, waiver highlighting, a self-contained HTML page, and
//! the exit codes.

mod common;

use std::path::Path;
use std::process::Command;

use common::{copy_fixture, replace_in, root, AS_OF};

const EXAMPLE: &str = "fixtures/example-org";
/// The fixed commit stamp of the snapshots.
const COMMIT: &str = "0123abc (clean)";

/// Runs `nis2check ARGS` in `dir` with the fixed commit stamp (unless `commit` is None).
fn nis2check(dir: &Path, args: &[&str], commit: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nis2check"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("NIS2CHECK_AS_OF");
    match commit {
        Some(c) => cmd.env("NIS2CHECK_REPORT_COMMIT", c),
        None => cmd.env_remove("NIS2CHECK_REPORT_COMMIT"),
    };
    let out = cmd.output().expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

/// `report PATH --as-of AS_OF --format F` with the fixed commit.
fn report(path: &str, format: &str) -> String {
    let (code, out, err) = nis2check(
        &root(),
        &["report", path, "--as-of", AS_OF, "--format", format],
        Some(COMMIT),
    );
    assert_eq!(code, 0, "{path} {format}: exit {code}\n{err}");
    assert!(err.is_empty(), "{path} {format}: unexpected stderr:\n{err}");
    out
}

/// The report with what changes on every edit of any built-in policy file — the rule-pack hash,
/// and the document, result and plan UUIDs derived from it — replaced by placeholders, so the
/// snapshots change only when what the report says changes. The hash must be well-formed.
fn stable(text: &str) -> String {
    let start = text.find("sha256:").expect("a rule-pack hash");
    let hash = &text[start..start + "sha256:".len() + 64];
    assert!(
        hash["sha256:".len()..]
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
        "{hash}"
    );
    let mut out = text.replace(hash, "sha256:[rule pack]");
    if let Ok(doc) = serde_json::from_str::<serde_json::Value>(text) {
        let ar = &doc["assessment-results"];
        for (value, name) in [
            (&ar["uuid"], "[document uuid]"),
            (&ar["results"][0]["uuid"], "[result uuid]"),
            (&ar["back-matter"]["resources"][0]["uuid"], "[plan uuid]"),
        ] {
            let uuid = value.as_str().expect("a UUID");
            assert_eq!(uuid.len(), 36, "{uuid}");
            out = out.replace(uuid, name);
        }
    }
    out
}

#[test]
fn markdown_report_of_the_example_organisation() {
    let md = stable(&report(EXAMPLE, "markdown"));
    // GitHub refuses comments over 65,536 characters.
    assert!(
        md.chars().count() < 65_536,
        "fits a pull-request comment: {} characters",
        md.chars().count()
    );
    insta::with_settings!({snapshot_path => "snapshots/report", prepend_module_to_snapshot => false, description => format!("NIS2CHECK_REPORT_COMMIT='{COMMIT}' nis2check report {EXAMPLE} --as-of {AS_OF} --format markdown (rule-pack hash replaced)")}, {
        insta::assert_snapshot!("example-org.md", md);
    });
}

#[test]
fn oscal_report_of_the_example_organisation() {
    let text = report(EXAMPLE, "oscal");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(
        doc["assessment-results"]["metadata"]["oscal-version"],
        "1.1.2"
    );
    assert_eq!(
        doc["assessment-results"]["metadata"]["last-modified"],
        format!("{AS_OF}T00:00:00Z")
    );
    insta::with_settings!({snapshot_path => "snapshots/report", prepend_module_to_snapshot => false, description => format!("NIS2CHECK_REPORT_COMMIT='{COMMIT}' nis2check report {EXAMPLE} --as-of {AS_OF} --format oscal (rule-pack hash and the UUIDs derived from it replaced)")}, {
        insta::assert_snapshot!("example-org.oscal.json", stable(&text));
    });
}

/// (framework, requirement id, status) of every OSCAL finding.
fn statuses(oscal: &str) -> Vec<(String, String, String)> {
    let doc: serde_json::Value = serde_json::from_str(oscal).unwrap();
    let findings = doc["assessment-results"]["results"][0]["findings"]
        .as_array()
        .expect("findings")
        .clone();
    findings
        .iter()
        .map(|f| {
            let prop = |name: &str| {
                f["props"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|p| p["name"] == name)
                    .and_then(|p| p["value"].as_str())
                    .unwrap_or_else(|| panic!("finding without {name}: {f}"))
                    .to_string()
            };
            (prop("framework"), prop("requirement-id"), prop("status"))
        })
        .collect()
}

#[test]
fn the_example_organisation_shows_every_status() {
    let all = statuses(&report(EXAMPLE, "oscal"));
    let has = |fw: &str, status: &str| all.iter().any(|(f, _, s)| f == fw && s == status);
    for status in [
        "passing",
        "failing",
        "waived",
        "not-applicable",
        "not-covered",
        "declared-only",
    ] {
        assert!(
            all.iter().any(|(_, _, s)| s == status),
            "no requirement is {status}"
        );
    }
    // What the example is arranged to show.
    assert!(has("bio2", "not-covered"), "an uncovered BIO2 measure");
    assert!(
        has("bio2", "not-applicable") || has("iso27001-2022", "not-applicable"),
        "a control marked not-applicable"
    );
    assert!(
        has("iso27001-2022", "declared-only"),
        "an ISO/IEC 27001 control claimed by a control that no rule checks"
    );
    assert!(
        all.iter().any(|(_, _, s)| s == "waived"),
        "a requirement whose only finding is waived"
    );

    // The Markdown agrees with the OSCAL document, shows the justification of a
    // not-applicable requirement, the legend and the waived finding with its waiver.
    let md = report(EXAMPLE, "markdown");
    for (fw, id, status) in &all {
        let label = status.replace('-', " ");
        let row = md
            .lines()
            .filter(|l| l.starts_with(&format!("| {} |", id.replace('|', "\\|"))))
            .any(|l| {
                l.contains(&format!("| {label} |")) || l.contains(&format!("| **{label}** |"))
            });
        assert!(
            row,
            "{fw} {id} is {status} in OSCAL but not in the Markdown"
        );
    }
    let na_row = md
        .lines()
        .find(|l| l.contains("| no |") && l.contains("| not applicable |"))
        .expect("a Statement of Applicability row that is not applicable");
    assert!(
        !na_row.contains("no justification given"),
        "the justification is shown: {na_row}"
    );
    assert!(md.contains("## Status legend"));
    assert!(md.contains("waived by w-2026-003"));
}

#[test]
fn two_runs_print_the_same_bytes() {
    for format in ["markdown", "oscal", "html"] {
        assert_eq!(report(EXAMPLE, format), report(EXAMPLE, format), "{format}");
    }
}

#[test]
fn the_incident_timeline_is_measured_against_each_deadline() {
    let md = report(EXAMPLE, "markdown");
    let section = md
        .split("## Incident reporting")
        .nth(1)
        .expect("an incident section");
    assert!(section.contains("### inc-2026-001"), "{section}");
    assert!(
        section.contains("| Early warning (NIS2 Art. 23(4)(a)) | 24 h after awareness | 2026-03-29 07:15 UTC | 2026-03-29 13:20 UTC | **missed by 6 h 5 min** |"),
        "{section}"
    );
    assert!(
        section.contains("met, 16 h 30 min before the deadline"),
        "{section}"
    );
    assert!(
        section.contains("Assessed as not significant") && section.contains("inc-2026-002"),
        "{section}"
    );
}

#[test]
fn expired_and_expiring_waivers_stand_out() {
    let dir = copy_fixture(EXAMPLE, "report-waivers");
    let waivers = dir.join("waivers.toml");
    replace_in(&waivers, "expires = 2026-12-31", "expires = 2026-07-14");
    let (code, md, err) = nis2check(
        &dir,
        &["report", ".", "--as-of", AS_OF, "--format", "markdown"],
        Some(COMMIT),
    );
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("| **expires in 14 days** |"), "{md}");

    replace_in(&waivers, "expires = 2026-07-14", "expires = 2026-06-01");
    let (code, md, err) = nis2check(
        &dir,
        &["report", ".", "--as-of", AS_OF, "--format", "markdown"],
        Some(COMMIT),
    );
    assert_eq!(
        code, 0,
        "an expired waiver is a finding, not an input error: {err}"
    );
    assert!(md.contains("| **expired 29 days ago** |"), "{md}");
    assert!(md.contains("waiver-expired"), "{md}");
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=nis2check",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

#[test]
fn the_stamp_names_the_commit_and_a_dirty_tree() {
    let dir = copy_fixture(EXAMPLE, "report-git");
    let stamp = |dir: &Path| {
        let (code, md, err) = nis2check(
            dir,
            &["report", ".", "--as-of", AS_OF, "--format", "markdown"],
            None,
        );
        assert_eq!(code, 0, "{err}");
        md.lines()
            .find(|l| l.starts_with("| Repository commit |"))
            .expect("a commit line")
            .to_string()
    };
    // A copy in the temporary folder is not in a git work tree (unless the folder itself is).
    let outside = Command::new("git")
        .args(["rev-parse", "--is-inside-work-tree"])
        .current_dir(&dir)
        .output()
        .map(|o| !o.status.success())
        .unwrap_or(false);
    if outside {
        assert_eq!(stamp(&dir), "| Repository commit | not a git repository |");
    }
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "example"]);
    let head = String::from_utf8(
        Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(&dir)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let head = head.trim();
    assert_eq!(
        stamp(&dir),
        format!("| Repository commit | {head} (clean) |")
    );
    std::fs::write(dir.join("notes.toml"), "# scratch\n").unwrap();
    assert_eq!(
        stamp(&dir),
        format!("| Repository commit | {head} (dirty: 1 uncommitted change) |")
    );
    // The fixed stamp for tests wins.
    let (_, md, _) = nis2check(
        &dir,
        &["report", ".", "--as-of", AS_OF, "--format", "markdown"],
        Some(COMMIT),
    );
    assert!(md.contains(&format!("| Repository commit | {COMMIT} |")));
}

#[test]
fn the_html_page_is_self_contained_and_escaped() {
    let dir = copy_fixture(EXAMPLE, "report-html");
    // Markup in the organisation's own text is shown, not run.
    replace_in(
        &dir.join("waivers.toml"),
        "reason = \"The read-only",
        "reason = \"<script>alert(1)</script> <img src=https://evil.example/x> The read-only",
    );
    let (code, html, err) = nis2check(
        &dir,
        &["report", ".", "--as-of", AS_OF, "--format", "html"],
        Some(COMMIT),
    );
    assert_eq!(code, 0, "{err}");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "no script");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<img"), "no images");
    assert!(!html.contains("<link"), "no stylesheets");
    assert!(
        !html.contains("@import") && !html.contains("url("),
        "no CSS fetches"
    );
    for attr in [
        "src=\"http",
        "href=\"http",
        "src='http",
        "href='http",
        "href=\"//",
    ] {
        assert!(!html.contains(attr), "{attr}");
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    assert!(html.contains("@page { size: A4"));
    assert!(html.contains("@media print"));
    assert!(html.contains("<svg id=\"chart-21-2\""));
    assert_eq!(html.matches("<g class=\"point\"").count(), 10, "(a)–(j)");
    assert!(html.matches("<rect class=\"bar\"").count() >= 10);
}

#[test]
fn output_file_and_exit_codes() {
    let scratch = common::temp_dir("report");
    let out = scratch.join("report.md");
    let out_s = out.to_string_lossy().to_string();
    let (code, stdout, err) = nis2check(
        &root(),
        &[
            "report", EXAMPLE, "--as-of", AS_OF, "-f", "markdown", "--output", &out_s,
        ],
        Some(COMMIT),
    );
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        report(EXAMPLE, "markdown")
    );

    // Input errors: no report, exit 2, the problems on stderr.
    let (code, stdout, err) = nis2check(
        &root(),
        &[
            "report",
            "fixtures/invalid/several-broken",
            "--as-of",
            AS_OF,
        ],
        Some(COMMIT),
    );
    assert_eq!(code, 2, "{err}");
    assert!(stdout.is_empty());
    assert!(err.contains("could not be evaluated"), "{err}");

    let (code, _, err) = nis2check(
        &root(),
        &["report", EXAMPLE, "--as-of", "30-06-2026"],
        Some(COMMIT),
    );
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = nis2check(&root(), &["report", "no/such/dir"], Some(COMMIT));
    assert_eq!(code, 2, "{err}");
}
