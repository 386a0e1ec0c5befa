//! Snapshots of what users see, for every fixture: the human output (no colour, 100 columns),
//! the JSON output and the exit code, all with `--as-of 2026-06-30`.

mod common;

use common::{check, fixtures, snapshot_name, AS_OF};

#[test]
fn every_fixture_human_output_and_exit_code() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 20, "fixtures found: {fixtures:?}");
    for fixture in fixtures {
        let (code, out) = check(&fixture, "human");
        insta::with_settings!({snapshot_path => "snapshots/human", prepend_module_to_snapshot => false, description => format!("nis2check check {fixture} --as-of {AS_OF}")}, {
            insta::assert_snapshot!(snapshot_name(&fixture), format!("exit code: {code}\n\n{out}"));
        });
    }
}

#[test]
fn every_fixture_json_output() {
    for fixture in fixtures() {
        let (code, out) = check(&fixture, "json");
        let doc: serde_json::Value = serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("{fixture}: invalid JSON: {e}\n{out}"));
        assert_eq!(
            doc["summary"]["exit_code"], code,
            "{fixture}: the JSON exit code is the process exit code"
        );
        insta::with_settings!({snapshot_path => "snapshots/json", prepend_module_to_snapshot => false}, {
            insta::assert_json_snapshot!(snapshot_name(&fixture), doc);
        });
    }
}

#[test]
fn example_org_fails_with_findings_and_compliant_org_passes() {
    let (code, out) = check("fixtures/example-org", "human");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("INC001"), "{out}");
    let (code, out) = check("fixtures/compliant-org", "human");
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("0 errors, 0 warnings"), "{out}");
}

#[test]
fn invalid_repositories_exit_2_and_report_every_problem() {
    for fixture in fixtures()
        .into_iter()
        .filter(|f| f.starts_with("fixtures/invalid/"))
    {
        let (code, out) = check(&fixture, "json");
        assert_eq!(code, 2, "{fixture}:\n{out}");
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        let diags = doc["diagnostics"].as_array().unwrap();
        assert!(!diags.is_empty(), "{fixture}");
        for d in diags.iter().filter(|d| d["code"] != "no-organization") {
            assert!(
                d["file"].is_string() && d["line"].as_u64().unwrap() >= 1,
                "{fixture}: a diagnostic without a place: {d}"
            );
            assert!(
                d["help"].is_string(),
                "{fixture}: a diagnostic without a hint: {d}"
            );
        }
    }
    let (_, out) = check("fixtures/invalid/several-broken", "json");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files: std::collections::BTreeSet<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["file"].as_str())
        .collect();
    assert!(
        files.len() >= 3,
        "several broken files are all reported: {files:?}"
    );
    assert!(doc["diagnostics"].as_array().unwrap().len() >= 4);
}

#[test]
fn two_runs_print_the_same_bytes() {
    let a = check("fixtures/example-org", "human");
    let b = check("fixtures/example-org", "human");
    assert_eq!(a, b);
    let a = check("fixtures/example-org", "json");
    let b = check("fixtures/example-org", "json");
    assert_eq!(a, b);
}
