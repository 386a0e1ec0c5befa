//! Baselines and `--new-since`: only what is new fails; what was there stays listed; matching
//! survives unrelated lines moving.

mod common;

use std::process::Command;

use common::{copy_fixture, prepend, replace_in, run_in, AS_OF};

fn check_json(dir: &std::path::Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec!["check", ".", "--as-of", AS_OF, "--format", "json"];
    args.extend_from_slice(extra);
    let (code, out, err) = run_in(dir, &args);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, v)
}

fn active_codes(v: &serde_json::Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["baselined"] == false && d["waived_by"].is_null())
        .map(|d| {
            format!(
                "{} {}",
                d["code"].as_str().unwrap(),
                d["entity"]["id"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// A new MFA gap on the citizen portal, and every line of two files moved down.
fn introduce_change(dir: &std::path::Path) {
    replace_in(
        &dir.join("assets/dienstverlening.toml"),
        "mfa = true   # residents",
        "mfa = false  # residents",
    );
    prepend(
        &dir.join("assets/dienstverlening.toml"),
        "# moved\n# down\n# three lines\n",
    );
    prepend(&dir.join("risks/register.toml"), "\n\n\n\n");
}

#[test]
fn baseline_fails_only_on_new_findings_even_after_lines_moved() {
    let dir = copy_fixture("fixtures/example-org", "baseline");
    let baseline = dir.join("nis2check-baseline.json");
    let (code, before) = check_json(&dir, &["--write-baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, 1, "the example has findings");
    assert!(baseline.is_file());

    let (code, v) = check_json(&dir, &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(
        code,
        0,
        "everything is in the baseline: {:?}",
        active_codes(&v)
    );
    assert_eq!(
        v["comparison"]["known"],
        before["summary"]["errors"].as_u64().unwrap()
            + before["summary"]["warnings"].as_u64().unwrap()
    );

    introduce_change(&dir);
    let (code, v) = check_json(&dir, &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        active_codes(&v),
        vec!["ACC001 a-mijngemeente".to_string()],
        "only the new finding counts"
    );
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=nis2check test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn new_since_compares_with_a_git_revision_without_touching_the_working_tree() {
    let dir = copy_fixture("fixtures/example-org", "new-since");
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "start"]);

    introduce_change(&dir);
    // and resolve one: the supplier gets assessed
    replace_in(
        &dir.join("suppliers/cloud-en-saas.toml"),
        "id = \"s-zaakflow\"",
        "id = \"s-zaakflow\"\nassessed_at = 2026-06-01",
    );
    let before = std::fs::read_to_string(dir.join("assets/dienstverlening.toml")).unwrap();

    let (code, v) = check_json(&dir, &["--new-since", "HEAD"]);
    assert_eq!(code, 1);
    assert_eq!(active_codes(&v), vec!["ACC001 a-mijngemeente".to_string()]);
    let resolved: Vec<&str> = v["comparison"]["resolved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        resolved,
        vec!["SUP001"],
        "the assessed supplier is listed as resolved"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("assets/dienstverlening.toml")).unwrap(),
        before,
        "the working tree is untouched"
    );

    let (code, _, err) = run_in(
        &dir,
        &[
            "check",
            ".",
            "--as-of",
            AS_OF,
            "--new-since",
            "no-such-branch",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("not a git revision"), "{err}");
}

/// The compliance folder is usually a subfolder of the project's repository, and `check
/// compliance --new-since main` is run from the top: the earlier revision must be read from
/// that subfolder, or every finding looks new and the pull request fails on old debt.
#[test]
fn new_since_reads_a_compliance_folder_that_is_a_subfolder_of_the_git_repository() {
    let repo = common::temp_dir("new-since-subfolder");
    git(&repo, &["init", "-q"]);
    std::fs::write(repo.join("README.md"), "the project\n").unwrap();
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "before nis2check"]);
    std::fs::rename(
        copy_fixture("fixtures/example-org", "new-since-subfolder"),
        repo.join("compliance"),
    )
    .unwrap();
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "compliance"]);
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "compliance", "--as-of", AS_OF, "--format", "json"];
        args.extend_from_slice(extra);
        let (code, out, err) = run_in(&repo, &args);
        let v: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
        (code, v)
    };
    let (_, before) = check(&[]);
    let findings = before["summary"]["errors"].as_u64().unwrap()
        + before["summary"]["warnings"].as_u64().unwrap();
    assert!(findings > 1, "the example has findings: {before}");

    replace_in(
        &repo.join("compliance/assets/dienstverlening.toml"),
        "mfa = true   # residents",
        "mfa = false  # residents",
    );
    let (code, v) = check(&["--new-since", "HEAD"]);
    assert_eq!(code, 1);
    assert_eq!(
        active_codes(&v),
        vec!["ACC001 a-mijngemeente".to_string()],
        "only the MFA gap is new"
    );
    assert_eq!(
        v["comparison"]["known"], findings,
        "every finding of HEAD is reported as already present"
    );

    // At the first commit there was no compliance folder: everything is new, and that is not
    // an error.
    let (code, v) = check(&["--new-since", "HEAD~1"]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["comparison"]["known"], 0);
    assert_eq!(active_codes(&v).len() as u64, findings + 1);
}
