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

/// An interval longer than an enabled framework allows is a warning on its line, and the rules
/// use the legal maximum: a setting cannot loosen the law (BIO2 5.01.02: yearly policy review).
#[test]
fn an_interval_cannot_be_longer_than_an_enabled_framework_allows() {
    use common::{copy_fixture, replace_in, run_in};
    let dir = copy_fixture("fixtures/example-org", "legal-maximum");
    let policy = dir.join("documents/informatiebeveiliging.toml");
    // The security policy last approved and reviewed 19 months before the evaluation date.
    replace_in(
        &policy,
        "approved_at = 2026-05-19",
        "approved_at = 2024-11-19",
    );
    replace_in(
        &policy,
        "reviewed_at = 2026-05-12",
        "reviewed_at = 2024-11-12",
    );
    let settings = dir.join("nis2check.toml");
    replace_in(
        &settings,
        "policy_review_months = 12",
        "policy_review_months = 36",
    );
    let json = |dir: &std::path::Path| -> Vec<serde_json::Value> {
        let (_, out, err) = run_in(dir, &["check", ".", "--as-of", AS_OF, "--format", "json"]);
        let v: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
        v["diagnostics"].as_array().unwrap().clone()
    };
    let with_code = |ds: &[serde_json::Value], code: &str| -> Vec<serde_json::Value> {
        ds.iter().filter(|d| d["code"] == code).cloned().collect()
    };

    // BIO2 is enabled: 36 months is reported and the policy, 19 months old, is stale.
    let ds = json(&dir);
    let warnings = with_code(&ds, "interval-beyond-law");
    assert_eq!(warnings.len(), 1, "{ds:#?}");
    let w = &warnings[0];
    assert_eq!(w["severity"], "warning");
    assert_eq!(
        (w["file"].as_str(), w["line"].as_u64(), w["column"].as_u64()),
        (Some("nis2check.toml"), Some(9), Some(1))
    );
    assert_eq!(
        w["message"],
        "`policy_review_months = 36` is longer than BIO2 5.01.02 (v1.2) allows (12 months); the rules use 12"
    );
    assert!(w["help"]
        .as_str()
        .unwrap()
        .contains("`policy_review_months = 12`"));
    let stale = with_code(&ds, "GOV002");
    assert_eq!(stale.len(), 1, "the rule used 12 months: {ds:#?}");
    assert!(
        stale[0]["message"].as_str().unwrap().contains("12 months"),
        "{}",
        stale[0]["message"]
    );

    // NIS2 alone sets no period: the organisation's 36 months hold, and nothing is reported.
    replace_in(
        &settings,
        "frameworks = [\"nis2\", \"bio2\"]",
        "frameworks = [\"nis2\"]",
    );
    let ds = json(&dir);
    assert!(with_code(&ds, "interval-beyond-law").is_empty(), "{ds:#?}");
    assert!(with_code(&ds, "GOV002").is_empty(), "{ds:#?}");
}

/// A usage error of `check` reaches the machine-readable outputs it was asked for: a CI step
/// that uploads the SARIF file or reads the JSON finds the error, not a missing file.
#[test]
fn a_usage_error_is_in_the_json_and_sarif_outputs() {
    let dir = common::temp_dir("usage-error-outputs");
    let sarif = dir.join("out.sarif");
    let missing = dir.join("no-such-folder");
    let (code, out, err) = common::run(&[
        "check",
        missing.to_str().unwrap(),
        "--format",
        "json",
        "--sarif-output",
        sarif.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("does not exist"), "still on stderr: {err}");
    let json: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(json["summary"]["exit_code"], 2);
    assert_eq!(json["summary"]["evaluated"], false);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "usage-error");
    assert!(
        d["message"].as_str().unwrap().contains("does not exist"),
        "{d}"
    );
    assert!(
        d["help"].as_str().unwrap().contains("organization.toml"),
        "{d}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).expect("the SARIF file is written"))
            .unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["results"][0]["ruleId"], "usage-error");
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);

    // Human output keeps the error on stderr only.
    let (code, out, _) = common::run(&["check", missing.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (2, ""));

    // So does an option the command line parser refuses, written before or after the
    // output options; clap's own message stays on stderr.
    let json_file = dir.join("out.json");
    for args in [
        vec![
            "check",
            ".",
            "--frmat",
            "json",
            "--json-output",
            json_file.to_str().unwrap(),
        ],
        vec![
            "check",
            "--json-output",
            json_file.to_str().unwrap(),
            "--fail-on",
            "critical",
        ],
    ] {
        let _ = std::fs::remove_file(&json_file);
        let (code, out, err) = common::run(&args);
        assert_eq!((code, out.as_str()), (2, ""), "{err}");
        assert!(err.starts_with("error: "), "clap's message: {err}");
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(&json_file).expect("the JSON file is written"),
        )
        .unwrap();
        let d = &json["diagnostics"][0];
        assert_eq!(d["code"], "usage-error", "{json}");
        let refused = if args.contains(&"--frmat") {
            "--frmat"
        } else {
            "critical"
        };
        assert!(d["message"].as_str().unwrap().contains(refused), "{d}");
        assert!(d["help"].as_str().unwrap().contains("--help"), "{d}");
    }
}

/// `explain ID PATH` explains an organisation's own rule, from the policy folders its
/// nis2check.toml names; without PATH the hint says how.
#[test]
fn explain_reads_the_repositorys_own_rules() {
    use common::{copy_fixture, replace_in, run};
    let dir = copy_fixture("fixtures/example-org", "explain-own");
    std::fs::create_dir(dir.join("rego")).unwrap();
    std::fs::write(
        dir.join("rego/own.rego"),
        "# METADATA\n# scope: package\n# title: Every asset names its hosting location\n# description: Our own rule.\n# custom:\n#   id: ORG103\n#   severity: warning\n#   remediation: Add `location` to the asset.\npackage org.location\n\ndeny contains {\"msg\": \"x\"} if false\n",
    )
    .unwrap();
    replace_in(
        &dir.join("nis2check.toml"),
        "fail_on = \"error\"",
        "fail_on = \"error\"\npolicies = [\"rego\"]",
    );
    let (code, out, err) = run(&["explain", "org103", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("ORG103 — Every asset names its hosting location\nseverity: warning\n"),
        "{out}"
    );
    assert!(out.contains("none cited"), "{out}");
    assert!(out.contains("Add `location` to the asset."), "{out}");
    // Built-in rules are still there.
    let (code, out, _) = run(&["explain", "INC001", dir.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("INC001 — "), "{out}");

    let (code, _, err) = run(&["explain", "ORG103"]);
    assert_eq!(code, 2);
    assert!(err.contains("nis2check explain ID PATH"), "{err}");
}
