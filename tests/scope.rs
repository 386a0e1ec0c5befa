//! `nis2check scope`: the derived NIS2 position with its reasons, for one organisation of each
//! kind the law treats differently.

mod common;

use common::run;

#[test]
fn scope_gives_the_right_position_with_reasons() {
    let cases = [
        ("large-energy", "essential", "Art. 3(1)(a)"),
        ("medium-manufacturer", "important", "Art. 2(1)"),
        ("small-firm", "out-of-scope", "Art. 2(1)"),
        ("small-dns", "essential", "Art. 3(1)(b)"),
        ("ministry", "essential", "Art. 3(1)(d)"),
        ("municipality", "important", "Art. 2(5)(a)"),
        ("police", "excluded", "Art. 2(7)"),
    ];
    for (fixture, position, basis) in cases {
        let path = format!("fixtures/scope/{fixture}");
        let (code, out, err) = run(&["scope", &path, "--format", "json"]);
        assert_eq!(code, 0, "{fixture}: {err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["position"], position, "{fixture}: {out}");
        let reasons = v["reasons"].as_array().unwrap();
        assert!(
            reasons.iter().any(|r| r.as_str().unwrap().contains(basis)),
            "{fixture}: a reason cites {basis}: {out}"
        );
        let (code, human, _) = run(&["scope", &path]);
        assert_eq!(code, 0);
        insta::assert_snapshot!(format!("scope_{fixture}"), human);
    }
}

#[test]
fn scope_lists_the_frameworks_that_follow() {
    let (_, out, _) = run(&["scope", "fixtures/scope/small-dns", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["frameworks"],
        serde_json::json!(["cir-2024-2690", "nis2"])
    );
    let (_, out, _) = run(&["scope", "fixtures/scope/municipality", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["frameworks"], serde_json::json!(["bio2", "nis2"]));
    let (_, out, _) = run(&["scope", "fixtures/scope/police", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["frameworks"], serde_json::json!([]));
}

#[test]
fn scope_of_a_missing_folder_is_a_usage_error() {
    let (code, _, err) = run(&["scope", "fixtures/does-not-exist"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("does not exist") && err.contains("hint:"),
        "{err}"
    );
}

/// `scope` writes human text and JSON; the CI formats of `check` are refused (exit 2), not
/// answered with human text and exit 0, and `--help` lists only what it writes.
#[test]
fn scope_refuses_formats_it_cannot_write() {
    for format in ["sarif", "github", "junit"] {
        let (code, out, err) = run(&["scope", "fixtures/scope/small-dns", "--format", format]);
        assert_eq!(code, 2, "{format}: {out}{err}");
        assert!(out.is_empty(), "{format}: {out}");
        assert!(
            err.starts_with("error: ") && err.contains(format) && err.contains("human, json"),
            "{format}: {err}"
        );
    }
    let (code, help, _) = run(&["scope", "--help"]);
    assert_eq!(code, 0);
    assert!(help.contains("human") && help.contains("json"), "{help}");
    for format in ["sarif", "github", "junit"] {
        assert!(!help.contains(format), "{format}: {help}");
    }
}
