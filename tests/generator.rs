//! The benchmark generator (`nis2check-gen`): deterministic, valid, and about one asset in
//! twenty breaks exactly the rule its manifest says.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const AS_OF: &str = "2026-06-30";
const ASSETS: usize = 400;

fn generate(out: &Path, seed: &str, manifest: &Path) {
    generate_n(out, seed, manifest, ASSETS);
}

fn generate_n(out: &Path, seed: &str, manifest: &Path, assets: usize) {
    let status = Command::new(env!("CARGO_BIN_EXE_nis2check-gen"))
        .args([
            "--assets",
            &assets.to_string(),
            "--seed",
            seed,
            "--as-of",
            AS_OF,
        ])
        .args(["--per-file", "60", "--force", "--out"])
        .arg(out)
        .arg("--manifest")
        .arg(manifest)
        .status()
        .expect("the generator runs");
    assert!(status.success(), "nis2check-gen failed");
}

/// Every file below `dir`: relative path → bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("readable"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn same_seed_same_bytes_valid_data_and_the_expected_findings() {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generator-test");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let (a, b, c) = (tmp.join("a"), tmp.join("b"), tmp.join("c"));
    let manifest = tmp.join("manifest.json");
    generate(&a, "7", &manifest);
    generate(&b, "7", &tmp.join("manifest-b.json"));
    generate(&c, "8", &tmp.join("manifest-c.json"));

    let fa = files(&a);
    assert!(fa.len() > 10, "spread over many files: {}", fa.len());
    assert!(fa.keys().any(|p| p.starts_with("assets")));
    assert_eq!(fa, files(&b), "the same seed gives the same bytes");
    assert_ne!(fa, files(&c), "another seed gives other data");

    let out = Command::new(env!("CARGO_BIN_EXE_nis2check"))
        .arg("check")
        .arg(&a)
        .args(["--as-of", AS_OF, "--format", "json"])
        .env("NO_COLOR", "1")
        .output()
        .expect("nis2check runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let diags = doc["diagnostics"].as_array().unwrap();
    let not_findings: Vec<&serde_json::Value> =
        diags.iter().filter(|d| d["origin"] != "finding").collect();
    assert!(
        not_findings.is_empty(),
        "the generated data must be valid: {not_findings:#?}"
    );
    assert_eq!(doc["summary"]["evaluated"], true);

    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    let expected: BTreeSet<(String, String)> = manifest["expected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().into(), p[1].as_str().unwrap().into()))
        .collect();
    let got: BTreeSet<(String, String)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["entity"]["id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    // About one asset in twenty is broken …
    let share = expected.len() as f64 / ASSETS as f64;
    assert!(
        (0.02..=0.10).contains(&share),
        "{} of {ASSETS} assets broken",
        expected.len()
    );
    // … each shows up as the finding the manifest names …
    let missing: Vec<_> = expected.difference(&got).collect();
    assert!(missing.is_empty(), "expected findings missing: {missing:?}");
    // … and (roughly) nothing else fires.
    let unexpected: Vec<_> = got.difference(&expected).collect();
    assert!(
        unexpected.len() * 10 <= expected.len(),
        "findings the generator did not intend: {unexpected:?}"
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

/// `check` builds the policy input directly as the engine's value (`input::build_value`); it must
/// be the same document as the JSON one (`input::build`) that docs/policies.md describes.
#[test]
fn the_direct_input_is_the_json_input() {
    use nis2check::model::input::{build, build_value, value_from_json, Meta};
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generator-input-test");
    let generated = tmp.join("org");
    // Above 4096 assets the collection is converted on two threads.
    generate_n(&generated, "3", &tmp.join("manifest.json"), 5000);
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/example-org");
    let as_of: jiff::civil::Date = AS_OF.parse().unwrap();
    for dir in [example, generated] {
        let read = nis2check::check::read(&nis2check::check::Options::new(&dir, as_of));
        let frameworks = vec!["nis2".to_string(), "bio2".to_string()];
        let meta = Meta {
            as_of,
            frameworks: frameworks.clone(),
            intervals: vec![("policy_review_months".into(), 12)],
            risk_tolerance: 8,
            scope: serde_json::json!({"position": "important", "size": "large"}),
            significance: serde_json::json!({"profile": "none", "thresholds": {"deaths": 1}}),
            catalog: read.catalog.input(&frameworks),
        };
        let json = build(&read.repo, &meta);
        let direct = build_value(&read.repo, &meta);
        assert_ne!(direct, regorus::Value::Undefined);
        assert!(
            regorus::Value::from(json.clone()) == direct,
            "{}: the two inputs differ",
            dir.display()
        );
        assert!(value_from_json(&json) == direct);
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
