//! `nis2check schema` (editor JSON Schema) and `nis2check init` (a starter repository).

mod common;

use common::{fixtures, root, run, run_in, AS_OF};

fn schema_validator() -> jsonschema::Validator {
    let (code, out, _) = run(&["schema"]);
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&out).expect("the schema is JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("a valid draft-07 schema")
}

/// TOML as an editor's schema support sees it: dates and date-times become strings.
fn to_json(v: toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => serde_json::Value::String(s),
        toml::Value::Integer(i) => serde_json::json!(i),
        toml::Value::Float(f) => serde_json::json!(f),
        toml::Value::Boolean(b) => serde_json::json!(b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.into_iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            serde_json::Value::Object(t.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

fn errors(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
    let value = to_json(toml::Value::Table(
        toml::from_str(text).expect("valid TOML"),
    ));
    validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_valid_fixture_file_validates_against_the_schema() {
    let validator = schema_validator();
    let mut checked = 0;
    for fixture in fixtures()
        .into_iter()
        .filter(|f| !f.starts_with("fixtures/invalid/") && !f.starts_with("fixtures/hostile/"))
    {
        for entry in walkdir::WalkDir::new(root().join(&fixture)) {
            let entry = entry.unwrap();
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "toml")
                || path.file_name().is_some_and(|n| n == "nis2check.toml")
            {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            let errs = errors(&validator, &text);
            assert!(errs.is_empty(), "{}: {errs:#?}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} files checked");
}

#[test]
fn the_schema_rejects_a_wrong_field_a_wrong_type_and_a_missing_field() {
    let validator = schema_validator();
    let ok = "[[asset]]\nid = \"crm\"\nname = \"CRM\"\ntype = \"application\"\nowner = \"p-a\"\n";
    assert!(errors(&validator, ok).is_empty());
    assert!(
        !errors(&validator, &ok.replace("owner", "ownr")).is_empty(),
        "unknown key"
    );
    assert!(
        !errors(&validator, &format!("{ok}mfa = \"yes\"\n")).is_empty(),
        "wrong type"
    );
    assert!(
        !errors(&validator, &ok.replace("name = \"CRM\"\n", "")).is_empty(),
        "missing name"
    );
    assert!(
        !errors(&validator, &format!("{ok}criticality = \"super-high\"\n")).is_empty(),
        "bad enum"
    );
    assert!(
        !errors(&validator, "[[assets]]\nid = \"x\"\n").is_empty(),
        "unknown kind"
    );
}

#[test]
fn init_creates_a_repository_that_check_evaluates_and_never_overwrites() {
    let dir = common::temp_dir("init");
    let d = dir.to_str().unwrap();
    let (code, out, err) = run(&[
        "init",
        d,
        "--name",
        "Gemeente Proef",
        "--employees",
        "300",
        "--date",
        "2026-06-01",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("created organization.toml")
            && out.contains("created .github/workflows/nis2check.yml"),
        "{out}"
    );
    for f in [
        ".pre-commit-config.yaml",
        ".taplo.toml",
        "nis2check.schema.json",
        "waivers.toml",
        "incidents/incidents.toml",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    // check evaluates it: no input errors, the findings of a fresh start.
    let (code, out, _) = run_in(&dir, &["check", ".", "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(code, 1, "a fresh start has findings");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"]["evaluated"], true, "{out}");
    let diags = doc["diagnostics"].as_array().unwrap();
    assert!(
        diags.iter().all(|d| d["origin"] == "finding"),
        "only rule findings, no input errors: {out}"
    );
    let codes: std::collections::BTreeSet<&str> =
        diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    for expected in ["GOV001", "ACC001", "SOA001"] {
        assert!(
            codes.contains(expected),
            "a fresh start shows {expected}: {codes:?}"
        );
    }
    // The starter files validate against the schema they ship with.
    let validator = schema_validator();
    for f in [
        "organization.toml",
        "people/people.toml",
        "assets/assets.toml",
        "risks/risks.toml",
    ] {
        let text = std::fs::read_to_string(dir.join(f)).unwrap();
        assert!(errors(&validator, &text).is_empty(), "{f}");
    }
    // A second init keeps every file.
    std::fs::write(dir.join("organization.toml"), "# mine\n").unwrap();
    let (code, out, _) = run(&["init", d]);
    assert_eq!(code, 0);
    assert!(out.contains("kept    organization.toml"), "{out}");
    assert_eq!(
        std::fs::read_to_string(dir.join("organization.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn init_in_a_folder_of_a_git_repository_puts_the_ci_files_at_its_root() {
    let repo = common::temp_dir("mono");
    // `.git` is all that marks a repository's root: no git binary needed.
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    let (code, out, err) = run_in(&repo, &["init", "compliance/nis 2", "--date", "2026-06-01"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("note: `compliance/nis 2` is a folder of the git repository"),
        "{out}"
    );
    assert!(
        out.contains("next: nis2check check 'compliance/nis 2'"),
        "{out}"
    );
    let org = repo.join("compliance/nis 2");
    assert!(org.join("organization.toml").is_file());
    assert!(
        !org.join(".github").exists(),
        "GitHub would never read it there"
    );
    assert!(!org.join(".pre-commit-config.yaml").exists());

    let workflow = std::fs::read_to_string(repo.join(".github/workflows/nis2check.yml")).unwrap();
    assert!(workflow.contains("path: 'compliance/nis 2'"), "{workflow}");
    // As the README shows it: the whole history, and only new findings fail a change.
    let yaml: serde_yaml_ng::Value = serde_yaml_ng::from_str(&workflow).expect("valid YAML");
    let steps = &yaml["jobs"]["nis2check"]["steps"];
    assert_eq!(steps[0]["with"]["fetch-depth"], 0, "{workflow}");
    assert_eq!(
        steps[1]["with"]["args"].as_str(),
        Some("--new-since origin/${{ github.base_ref || 'main' }}"),
        "{workflow}"
    );
    let hooks = std::fs::read_to_string(repo.join(".pre-commit-config.yaml")).unwrap();
    assert!(hooks.contains("args: ['compliance/nis 2']"), "{hooks}");
    assert!(
        hooks.contains(r"files: '^compliance/nis 2/.*\.(toml|rego)$'"),
        "{hooks}"
    );

    // The hook's command, from the root as pre-commit runs it, evaluates the folder.
    let (code, out, _) = run_in(
        &repo,
        &[
            "check",
            "compliance/nis 2",
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1, "a fresh start has findings: {out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"]["evaluated"], true, "{out}");

    // A second init from inside the folder finds the same root and keeps what is there.
    std::fs::write(repo.join(".pre-commit-config.yaml"), "repos: []\n").unwrap();
    let (code, out, _) = run_in(&org, &["init", ".", "--date", "2026-06-01"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("kept    ") && out.contains(".pre-commit-config.yaml (exists"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(repo.join(".pre-commit-config.yaml")).unwrap(),
        "repos: []\n"
    );
}
