//! The integration formats: `--format sarif` (validated against the OASIS schema in
//! `tests/data/`), `--format github` (workflow commands and the job summary) and
//! `--format junit` (parsed as XML). Offline: nothing here needs the network.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use common::{copy_fixture, root, temp_dir, AS_OF};

/// Runs `nis2check ARGS` in the crate root, outside GitHub Actions.
fn run(args: &[&str], env: &[(&str, &Path)]) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nis2check"));
    cmd.args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_SERVER_URL")
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_SHA");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{args:?}: unexpected stderr:\n{stderr}");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
    )
}

fn check(path: &str, format: &str) -> (i32, String) {
    run(&["check", path, "--as-of", AS_OF, "--format", format], &[])
}

fn json(path: &str) -> Value {
    serde_json::from_str(&check(path, "json").1).expect("valid JSON")
}

fn sarif(path: &str) -> Value {
    let (_, out) = check(path, "sarif");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{path}: invalid JSON: {e}\n{out}"))
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

// ---------------------------------------------------------------------------------------------
// SARIF

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json"))
        .expect("the vendored SARIF schema");
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: SARIF schema violations:\n{}",
        errors.join("\n")
    );
}

fn results(doc: &Value) -> &Vec<Value> {
    doc["runs"][0]["results"].as_array().unwrap()
}

fn fingerprint(r: &Value) -> &str {
    r["partialFingerprints"]["nis2check/v1"].as_str().unwrap()
}

#[test]
fn sarif_validates_against_the_oasis_schema() {
    let validator = sarif_validator();
    // The validator does reject what is not SARIF: a missing `runs`, an unknown level, a
    // property SARIF does not have, a URI that is not one.
    assert!(!validator.is_valid(&serde_json::json!({"version": "2.1.0"})));
    let good = sarif("fixtures/example-org");
    for (pointer, bad) in [
        ("/runs/0/results/0/level", serde_json::json!("fatal")),
        ("/runs/0/results/0/ruleIndex", serde_json::json!(-2)),
        (
            "/runs/0/tool/driver/informationUri",
            serde_json::json!("not a uri"),
        ),
    ] {
        let mut doc = good.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        doc.pointer_mut(parent).unwrap()[key] = bad;
        assert!(!validator.is_valid(&doc), "{pointer} should be invalid");
    }
    let mut doc = good.clone();
    doc["runs"][0]["results"][0]["colour"] = serde_json::json!("red");
    assert!(
        !validator.is_valid(&doc),
        "additionalProperties are refused"
    );
    for fixture in [
        "fixtures/example-org",
        "fixtures/compliant-org",
        "fixtures/waivers/waived",
        "fixtures/waivers/expired-waiver",
        "fixtures/invalid/several-broken",
        "fixtures/invalid/no-organization",
        "fixtures/many-findings",
    ] {
        let doc = sarif(fixture);
        assert_valid_sarif(&validator, &doc, fixture);
        assert_eq!(doc["version"], "2.1.0");
        assert_eq!(
            doc["runs"].as_array().unwrap().len(),
            1,
            "{fixture}: one run"
        );
    }
}

#[test]
fn sarif_has_one_rule_per_code_that_fired_and_indexes_it() {
    for fixture in ["fixtures/example-org", "fixtures/invalid/several-broken"] {
        let doc = sarif(fixture);
        let rules = doc["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        let fired: BTreeSet<&str> = results(&doc)
            .iter()
            .map(|r| r["ruleId"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            fired.iter().copied().collect::<Vec<_>>(),
            "{fixture}: rules[] is the sorted set of codes that fired"
        );
        for r in results(&doc) {
            let i = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], r["ruleId"], "{fixture}: ruleIndex");
        }
        for rule in rules {
            assert!(rule["shortDescription"]["text"].is_string(), "{rule}");
            assert!(rule["help"]["text"].is_string(), "{rule}");
            assert!(rule["help"]["markdown"].is_string(), "{rule}");
            let sev = rule["properties"]["security-severity"].as_str().unwrap();
            let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
            let expected = match level {
                "error" => "8.0",
                "warning" => "5.0",
                _ => "2.0",
            };
            assert_eq!(sev, expected, "{rule}");
        }
    }
    // A rule's entry comes from its METADATA: title, description, remediation, references.
    let doc = sarif("fixtures/example-org");
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let inc = rules.iter().find(|r| r["id"] == "INC001").unwrap();
    assert_eq!(inc["name"], "EarlyWarning");
    assert!(inc["fullDescription"]["text"].as_str().unwrap().len() > 40);
    let help = inc["help"]["markdown"].as_str().unwrap();
    assert!(help.contains("NIS2 Art. 23(4)(a)"), "{help}");
    let tags: Vec<&str> = inc["properties"]["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(
        tags.contains(&"nis2") && tags.contains(&"NIS2 Art. 23(4)(a)"),
        "{tags:?}"
    );
    // A code that is not a rule still gets an entry.
    let doc = sarif("fixtures/invalid/unknown-key");
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let uk = rules.iter().find(|r| r["id"] == "unknown-key").unwrap();
    assert_eq!(uk["name"], "UnknownKey");
}

/// 1-based line of the first line of `file` that contains `needle`.
fn line_of(file: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not in {}", file.display()))
        + 1
}

#[test]
fn sarif_regions_point_at_the_toml() {
    let doc = sarif("fixtures/example-org");
    let bcm = results(&doc)
        .iter()
        .find(|r| r["ruleId"] == "BCM001" && r["level"] == "error")
        .expect("BCM001 fires on example-org");
    let loc = &bcm["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"], "assets/bedrijfsvoering.toml",
        "repo-relative, `/` separators"
    );
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    let file = root().join("fixtures/example-org/assets/bedrijfsvoering.toml");
    let line = line_of(&file, "last_restore_test = 2025-04-24");
    let region = &loc["region"];
    assert_eq!(region["startLine"], line);
    assert_eq!(region["endLine"], line);
    let text = std::fs::read_to_string(&file).unwrap();
    let src_line = text.lines().nth(line - 1).unwrap();
    let col = src_line.find("last_restore_test").unwrap() + 1; // ASCII: bytes = UTF-16 units
    assert_eq!(region["startColumn"], col);
    assert_eq!(
        region["endColumn"].as_u64().unwrap() as usize,
        col + "last_restore_test = 2025-04-24".len(),
        "endColumn is exclusive"
    );

    // Waived findings are present, suppressed; unplaced diagnostics have no location.
    let waived: Vec<&Value> = results(&doc)
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(
        waived.len(),
        json("fixtures/example-org")["summary"]["waived"]
            .as_u64()
            .unwrap() as usize
    );
    let s = &waived[0]["suppressions"][0];
    assert_eq!(s["kind"], "external");
    assert_eq!(s["status"], "accepted");
    assert!(s["justification"].as_str().unwrap().contains("e-Depot"));

    let doc = sarif("fixtures/invalid/no-organization");
    let r = results(&doc)
        .iter()
        .find(|r| r["ruleId"] == "no-organization")
        .unwrap();
    assert!(r.get("locations").is_none(), "{r}");
    assert_eq!(r["level"], "error");
}

#[test]
fn sarif_fingerprints_survive_lines_moving() {
    let dir = copy_fixture("fixtures/example-org", "fingerprints");
    let before = sarif(path_str(&dir));
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "toml") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            std::fs::write(entry.path(), format!("\n\n\n{text}")).unwrap();
        }
    }
    let after = sarif(path_str(&dir));

    let key = |r: &Value| {
        (
            r["ruleId"].as_str().unwrap().to_string(),
            r["message"]["text"].as_str().unwrap().to_string(),
        )
    };
    let fps = |doc: &Value| -> BTreeMap<(String, String), String> {
        results(doc)
            .iter()
            .map(|r| (key(r), fingerprint(r).to_string()))
            .collect()
    };
    assert_eq!(results(&before).len(), results(&after).len());
    assert_eq!(
        fps(&before),
        fps(&after),
        "fingerprints do not follow lines"
    );
    // … while the lines did move.
    for (a, b) in results(&before).iter().zip(results(&after)) {
        if let Some(line) = a["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64() {
            assert_eq!(
                b["locations"][0]["physicalLocation"]["region"]["startLine"],
                line + 3
            );
        }
    }
    // Every fingerprint is unique within the run (one alert per result).
    let all: Vec<&str> = results(&before).iter().map(fingerprint).collect();
    let unique: BTreeSet<&str> = all.iter().copied().collect();
    assert_eq!(all.len(), unique.len());
}

// ---------------------------------------------------------------------------------------------
// GitHub

/// The level of a workflow command line.
fn command_level(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("::")?;
    let end = rest.find([' ', ':'])?;
    Some(&rest[..end])
}

#[test]
fn github_annotates_at_most_ten_per_level_most_severe_first() {
    let doc = json("fixtures/many-findings");
    let s = &doc["summary"];
    let (errors, warnings, notes) = (
        s["errors"].as_u64().unwrap() as usize,
        s["warnings"].as_u64().unwrap() as usize,
        s["notes"].as_u64().unwrap() as usize,
    );
    assert!(
        errors > 10 && warnings > 10 && notes > 10,
        "the fixture overflows every level: {s}"
    );
    let (code, out) = check("fixtures/many-findings", "github");
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    let levels: Vec<&str> = lines.iter().filter_map(|l| command_level(l)).collect();
    let count = |lvl: &str| levels.iter().filter(|l| **l == lvl).count();
    assert_eq!(count("error"), 10);
    assert_eq!(count("warning"), 10);
    assert_eq!(count("notice"), 10, "9 notes and the closing notice");
    // errors, then warnings, then notices
    let rank = |l: &str| ["error", "warning", "notice"].iter().position(|x| *x == l);
    assert!(
        levels.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
        "{levels:?}"
    );
    let more = lines
        .iter()
        .find(|l| l.starts_with("::notice title=nis2check::"))
        .expect("a closing notice");
    let hidden = errors + warnings + notes - 29;
    assert!(
        more.contains(&format!("{hidden} more findings are not annotated")),
        "{more}"
    );
    assert!(more.contains("job summary"), "{more}");
    // The plain summary line closes the output.
    assert!(lines
        .last()
        .unwrap()
        .starts_with(&format!("{errors} errors")));
    // Stable: the same bytes twice.
    assert_eq!(check("fixtures/many-findings", "github").1, out);
}

#[test]
fn github_annotation_properties_are_escaped() {
    // A file name with `,` `:` `%` and XML/markdown-hostile characters, and a message line.
    let dir = copy_fixture("fixtures/many-findings", "escaping");
    let odd = "assets, 100% & <x>: legacy|1.toml";
    std::fs::rename(dir.join("assets.toml"), dir.join(odd)).unwrap();
    let (_, out) = run(
        &[
            "check",
            path_str(&dir),
            "--as-of",
            AS_OF,
            "--format",
            "github",
        ],
        &[],
    );
    let line = out
        .lines()
        .find(|l| l.starts_with("::error file=assets"))
        .expect("an error on the assets file");
    assert!(
        line.starts_with("::error file=assets%2C 100%25 & <x>%3A legacy|1.toml,line="),
        "{line}"
    );
    let (props, message) = line[2..].split_once("::").unwrap();
    assert!(props.contains(",title=AST001%3A "), "{props}");
    assert!(
        !message.contains('\n') && message.contains("%0Ahelp: "),
        "{message}"
    );

    // The same file through SARIF (a valid URI reference) and JUnit (well-formed XML).
    let (_, out) = run(
        &[
            "check",
            path_str(&dir),
            "--as-of",
            AS_OF,
            "--format",
            "sarif",
        ],
        &[],
    );
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_valid_sarif(&sarif_validator(), &doc, "odd file name");
    assert!(results(&doc)
        .iter()
        .any(
            |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "assets,%20100%25%20&%20%3Cx%3E%3A%20legacy%7C1.toml"
        ));
    let (_, out) = run(
        &[
            "check",
            path_str(&dir),
            "--as-of",
            AS_OF,
            "--format",
            "junit",
        ],
        &[],
    );
    let xml = roxmltree::Document::parse(&out).expect("well-formed XML");
    assert!(xml.descendants().any(|n| n.attribute("file") == Some(odd)));
}

#[test]
fn github_job_summary_is_appended() {
    let dir = temp_dir("summary");
    let summary = dir.join("summary.md");
    std::fs::write(&summary, "# an earlier step\n\n").unwrap();
    // Through the environment, as GitHub Actions runs it, with the compliance folder in a
    // subfolder of the repository …
    let (_, out) = run(
        &[
            "check",
            "fixtures/example-org",
            "--as-of",
            AS_OF,
            "--format",
            "github",
            "--path-prefix",
            "./fixtures/example-org/",
        ],
        &[
            ("GITHUB_STEP_SUMMARY", &summary),
            ("GITHUB_SERVER_URL", Path::new("https://github.example")),
            ("GITHUB_REPOSITORY", Path::new("gemeente/compliance")),
            ("GITHUB_SHA", Path::new("0123abc")),
        ],
    );
    assert!(!out.contains("cannot append"), "{out}");
    assert!(
        out.contains("::error file=fixtures/example-org/assets/bedrijfsvoering.toml,line="),
        "annotations are placed relative to the repository root:\n{out}"
    );
    // … and in-process through the function that takes the path.
    let opts = nis2check::check::Options::new(
        root().join("fixtures/waivers/waived"),
        jiff::civil::date(2026, 12, 15),
    );
    let outcome = nis2check::check::run(&opts);
    nis2check::report::github::render(&outcome, Some(&summary));

    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(
        md.starts_with("# an earlier step\n\n## nis2check\n"),
        "appended, not truncated"
    );
    assert_eq!(md.matches("## nis2check\n").count(), 2, "{md}");
    let (first, second) = md.split_at(md.rfind("## nis2check\n").unwrap());

    // example-org: counts by level and framework, every finding with a link to its line.
    let doc = json("fixtures/example-org");
    let errors = doc["summary"]["errors"].as_u64().unwrap();
    assert!(first.contains(&format!("| error | {errors} |")), "{first}");
    assert!(first.contains("| framework | errors | warnings | notes |"));
    assert!(first.contains("| nis2 |"));
    let open = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["waived_by"].is_null())
        .count();
    let rows = first
        .lines()
        .filter(|l| {
            l.starts_with("| error | `")
                || l.starts_with("| warning | `")
                || l.starts_with("| note | `")
        })
        .count();
    assert_eq!(rows, open, "one row per open finding");
    let line = line_of(
        &root().join("fixtures/example-org/assets/bedrijfsvoering.toml"),
        "last_restore_test = 2025-04-24",
    );
    assert!(
        first.contains(&format!(
            "[fixtures/example-org/assets/bedrijfsvoering.toml:{line}](https://github.example/gemeente/compliance/blob/0123abc/fixtures/example-org/assets/bedrijfsvoering.toml#L{line})"
        )),
        "a link to the line in the commit checked:\n{first}"
    );
    assert!(first.contains("### Waived") && first.contains("`w-2026-003`"));
    assert!(
        !first.contains("### Waivers expiring"),
        "w-2026-003 runs to 2026-12-31"
    );

    // waivers/waived, outside Actions: the place is plain text (a relative link would resolve
    // against the run's page), relative to the folder checked.
    assert!(
        second.contains(" | `assets.toml:1` | `w-legacy` |"),
        "{second}"
    );
    assert!(!second.contains("]("), "{second}");

    // waivers/waived as of 2026-12-15: its waiver ends within 30 days.
    assert!(
        second.contains("### Waivers expiring within 30 days"),
        "{second}"
    );
    assert!(
        second.contains("| `w-legacy` | 2026-12-31 | 16 | 1 |"),
        "{second}"
    );
}

// ---------------------------------------------------------------------------------------------
// JUnit

#[test]
fn junit_is_well_formed_and_counts_match_the_findings() {
    for fixture in [
        "fixtures/example-org",
        "fixtures/waivers/waived",
        "fixtures/compliant-org",
    ] {
        let (_, out) = check(fixture, "junit");
        let doc = roxmltree::Document::parse(&out)
            .unwrap_or_else(|e| panic!("{fixture}: not XML: {e}\n{out}"));
        let root_el = doc.root_element();
        assert_eq!(root_el.tag_name().name(), "testsuites");
        let suites: Vec<_> = root_el
            .children()
            .filter(|n| n.has_tag_name("testsuite"))
            .collect();
        let json = json(fixture);
        let evaluated = json["summary"]["rules_evaluated"].as_u64().unwrap() as usize;
        assert_eq!(
            suites.len(),
            evaluated + 1,
            "{fixture}: a suite per rule + input"
        );
        assert_eq!(suites[0].attribute("name"), Some("nis2check.input"));

        // Attribute totals agree with the elements.
        let n = |tag: &str| doc.descendants().filter(|d| d.has_tag_name(tag)).count();
        let attr = |node: roxmltree::Node, a: &str| -> usize {
            node.attribute(a).unwrap().parse().unwrap()
        };
        assert_eq!(attr(root_el, "tests"), n("testcase"), "{fixture}");
        assert_eq!(attr(root_el, "failures"), n("failure"), "{fixture}");
        assert_eq!(attr(root_el, "skipped"), n("skipped"), "{fixture}");
        for s in &suites {
            let cases = s.children().filter(|c| c.has_tag_name("testcase")).count();
            assert_eq!(attr(*s, "tests"), cases, "{fixture}");
        }

        // Per rule: failures = open findings, skipped = waived findings, as in the JSON.
        let mut open: BTreeMap<String, usize> = BTreeMap::new();
        let mut waived: BTreeMap<String, usize> = BTreeMap::new();
        for d in json["diagnostics"].as_array().unwrap() {
            if d["origin"] != "finding" {
                continue;
            }
            let code = d["code"].as_str().unwrap().to_string();
            if d["waived_by"].is_null() {
                *open.entry(code).or_default() += 1;
            } else {
                *waived.entry(code).or_default() += 1;
            }
        }
        for s in &suites[1..] {
            let name = s.attribute("name").unwrap();
            let code = name.split(':').next().unwrap();
            assert_eq!(
                attr(*s, "failures"),
                open.get(code).copied().unwrap_or(0),
                "{fixture}: {name}"
            );
            assert_eq!(
                attr(*s, "skipped"),
                waived.get(code).copied().unwrap_or(0),
                "{fixture}: {name}"
            );
        }
        for f in doc.descendants().filter(|d| d.has_tag_name("failure")) {
            assert!(
                matches!(f.attribute("type"), Some("error" | "warning" | "note")),
                "{fixture}"
            );
            assert!(f.attribute("message").is_some_and(|m| !m.is_empty()));
        }
        for s in doc.descendants().filter(|d| d.has_tag_name("skipped")) {
            assert!(s.attribute("message").unwrap().starts_with("waived by "));
        }
    }

    // An invalid repository: only the input suite, one failure per diagnostic.
    let (code, out) = check("fixtures/invalid/several-broken", "junit");
    assert_eq!(code, 2);
    let doc = roxmltree::Document::parse(&out).unwrap();
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 1);
    let diags = json("fixtures/invalid/several-broken")["diagnostics"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(
        doc.descendants()
            .filter(|d| d.has_tag_name("failure"))
            .count(),
        diags
    );
    // The failure text starts with `file:line:col`.
    let f = doc
        .descendants()
        .find(|d| d.has_tag_name("failure"))
        .unwrap();
    let text = f.text().unwrap();
    let place = text.split_whitespace().next().unwrap();
    assert!(place.split(':').count() >= 3, "{text}");
}

#[test]
fn every_new_format_prints_the_same_bytes_twice() {
    for format in ["sarif", "github", "junit"] {
        for fixture in ["fixtures/example-org", "fixtures/invalid/several-broken"] {
            assert_eq!(
                check(fixture, format),
                check(fixture, format),
                "{fixture} {format}"
            );
        }
    }
}

#[test]
fn path_prefix_places_sarif_and_junit_in_the_repository() {
    let args = |format: &'static str, prefix: &'static str| {
        [
            "check",
            "fixtures/many-findings",
            "--as-of",
            AS_OF,
            "--format",
            format,
            "--path-prefix",
            prefix,
        ]
    };
    let plain = sarif("fixtures/many-findings");
    let (_, out) = run(&args("sarif", "fixtures/many-findings"), &[]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_valid_sarif(&sarif_validator(), &doc, "with --path-prefix");
    let uris = |doc: &Value| -> Vec<String> {
        results(doc)
            .iter()
            .map(|r| {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let expected: Vec<String> = uris(&plain)
        .iter()
        .map(|u| format!("fixtures/many-findings/{u}"))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(uris(&doc), expected);
    // The fingerprints do not depend on where the folder sits.
    let prints = |doc: &Value| -> Vec<Value> {
        results(doc)
            .iter()
            .map(|r| r["partialFingerprints"].clone())
            .collect()
    };
    assert_eq!(prints(&doc), prints(&plain));

    let (_, out) = run(&args("junit", "fixtures/many-findings/"), &[]);
    let xml = roxmltree::Document::parse(&out).expect("well-formed XML");
    let files: Vec<&str> = xml
        .descendants()
        .filter_map(|n| n.attribute("file"))
        .collect();
    assert!(!files.is_empty());
    assert!(
        files
            .iter()
            .all(|f| f.starts_with("fixtures/many-findings/")),
        "{files:?}"
    );

    // `.` and an empty prefix are the repository's root: nothing is added.
    for root_prefix in [".", ""] {
        let (_, out) = run(&args("sarif", root_prefix), &[]);
        let doc: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(uris(&doc), uris(&plain), "--path-prefix {root_prefix:?}");
    }
}

#[test]
fn path_prefix_outside_the_repository_is_a_usage_error() {
    for bad in ["../elsewhere", "/abs/path", "a/../../b"] {
        let out = Command::new(env!("CARGO_BIN_EXE_nis2check"))
            .args(["check", "fixtures/many-findings", "--format", "sarif"])
            .args(["--path-prefix", bad])
            .current_dir(root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        // The error is in the SARIF document too, so that an upload step finds it.
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            doc["runs"][0]["results"][0]["ruleId"], "usage-error",
            "{bad}"
        );
        assert_eq!(
            doc["runs"][0]["invocations"][0]["executionSuccessful"], false,
            "{bad}"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("must be a path inside the repository") && stderr.contains("hint:"),
            "{bad}: {stderr}"
        );
    }
}

#[test]
fn one_run_writes_the_other_formats_byte_for_byte() {
    let dir = temp_dir("also");
    let (sarif_file, json_file, junit_file) = (
        dir.join("out.sarif"),
        dir.join("out.json"),
        dir.join("out.xml"),
    );
    let fixture = "fixtures/example-org";
    let (code, github) = run(
        &[
            "check",
            fixture,
            "--as-of",
            AS_OF,
            "--format",
            "github",
            "--sarif-output",
            path_str(&sarif_file),
            "--json-output",
            path_str(&json_file),
            "--junit-output",
            path_str(&junit_file),
        ],
        &[],
    );
    assert_eq!(code, 1, "the example has errors");
    assert_eq!(
        github,
        check(fixture, "github").1,
        "the main output is unchanged"
    );
    for (file, format) in [
        (&sarif_file, "sarif"),
        (&json_file, "json"),
        (&junit_file, "junit"),
    ] {
        let written = std::fs::read_to_string(file).unwrap();
        assert_eq!(written, check(fixture, format).1, "{format}");
    }

    // A file that cannot be written stops the run with exit 2 before anything is printed.
    let missing = dir.join("no-such-folder").join("out.sarif");
    let out = Command::new(env!("CARGO_BIN_EXE_nis2check"))
        .args(["check", fixture, "--as-of", AS_OF, "--format", "github"])
        .args(["--sarif-output", path_str(&missing)])
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot write") && stderr.contains("hint:"),
        "{stderr}"
    );
}
