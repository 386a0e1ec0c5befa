//! The built-in pack: its Rego unit tests, the metadata contract, the permanent rule codes and
//! the catalogues.

mod common;

use nis2check::catalog::Catalog;
use nis2check::policy::{self, EngineOptions};

/// The built-in pack, compiled.
fn builtin_set() -> policy::PolicySet {
    let mut sources = nis2check::source::Sources::default();
    let mut diags = Vec::new();
    let set = policy::prepare(
        &policy::builtin_modules(),
        &EngineOptions::default(),
        &mut sources,
        &mut diags,
    );
    assert!(diags.is_empty(), "{diags:#?}");
    set.expect("the built-in pack compiles")
}

fn builtin_rules() -> Vec<policy::Rule> {
    builtin_set().rules
}

#[test]
fn rego_unit_tests_pass() {
    let outcomes = policy::testing::run(&policy::builtin_modules(), &EngineOptions::default());
    let failures: Vec<String> = outcomes
        .iter()
        .filter_map(|o| {
            o.failure
                .as_ref()
                .map(|f| format!("{} ({}): {f}", o.name, o.path))
        })
        .collect();
    println!(
        "rego: {} passed, {} failed",
        outcomes.len() - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "failing Rego tests:\n{}",
        failures.join("\n")
    );
    assert!(
        outcomes.len() >= 2 * builtin_rules().len(),
        "every rule has at least a passing and a failing test"
    );
}

#[test]
fn every_rule_meets_the_metadata_contract() {
    let catalog = Catalog::builtin();
    let rules = builtin_rules();
    assert!(rules.len() >= 12, "{} rules", rules.len());
    let modules = policy::builtin_modules();
    for rule in &rules {
        let m = &rule.meta;
        let code_ok = m.id.len() == 6
            && m.id[..3].chars().all(|c| c.is_ascii_uppercase())
            && m.id[3..].chars().all(|c| c.is_ascii_digit());
        assert!(code_ok, "{}: codes look like ABC123", m.id);
        assert!(
            !m.title.is_empty() && !m.description.is_empty(),
            "{}: title and description",
            m.id
        );
        assert!(!m.remediation.is_empty(), "{}: remediation", m.id);
        assert!(
            m.example
                .as_deref()
                .is_some_and(|e| toml::from_str::<toml::Table>(e).is_ok()),
            "{}: the example is valid TOML",
            m.id
        );
        assert!(
            !m.frameworks.is_empty(),
            "{}: cites at least one requirement",
            m.id
        );
        assert!(
            m.frameworks.contains_key("nis2"),
            "{}: every built-in rule cites the NIS2 article it serves",
            m.id
        );
        for (fw, ids) in &m.frameworks {
            let framework = catalog
                .framework(fw)
                .unwrap_or_else(|| panic!("{}: unknown framework {fw}", m.id));
            for id in ids {
                assert!(
                    framework.resolve(id, m.bio2_version.as_deref()).is_some(),
                    "{}: {fw} has no requirement {id}",
                    m.id
                );
            }
        }
        // The EU acts a rule cites are linked (EUR-Lex), with a description that names them,
        // and ranges are written with an en dash, as REQUIREMENTS.md writes them ("Arts. 5–14").
        for (fw, name, eli) in [
            ("nis2", "NIS2", "eli/dir/2022/2555"),
            ("cir-2024-2690", "CIR 2024/2690", "eli/reg_impl/2024/2690"),
        ] {
            if m.frameworks.contains_key(fw) {
                assert!(
                    m.related_resources.iter().any(|r| r.reference.contains(eli)
                        && r.description.as_deref().is_some_and(|d| d.starts_with(name))),
                    "{}: cites {name} in `frameworks` but links no {name} text in `related_resources`",
                    m.id
                );
            }
        }
        for r in &m.related_resources {
            let d = r.description.as_deref().unwrap_or("");
            let bytes = d.as_bytes();
            let hyphen_range = (1..bytes.len().saturating_sub(1)).any(|i| {
                bytes[i] == b'-' && bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit()
            });
            assert!(!hyphen_range, "{}: write ranges with an en dash: {d}", m.id);
        }
        if m.frameworks.contains_key("bio2") {
            assert!(
                m.bio2_version.is_some(),
                "{}: cites BIO2 without `bio2_version`",
                m.id
            );
        }
        // One rule, one folder: policies/<domain>/<name>/<name>.rego, package ….<name>, tests beside it.
        let parts: Vec<&str> = rule.path.split('/').collect();
        let name = parts[parts.len() - 2];
        assert_eq!(
            parts.last().unwrap(),
            &format!("{name}.rego"),
            "{}: file named after its folder",
            m.id
        );
        assert!(
            rule.package.ends_with(&format!(".{name}")),
            "{}: package {} ends in the folder name",
            m.id,
            rule.package
        );
        assert!(
            rule.package.starts_with("nis2check.rules."),
            "{}: built-ins live in nis2check.rules",
            m.id
        );
        let test_path = rule.path.replace(".rego", "_test.rego");
        assert!(
            modules.iter().any(|x| x.path == test_path),
            "{}: has {test_path}",
            m.id
        );
        // A tiny fixture repository triggers it.
        let fixture = format!("fixtures/rules/{name}");
        assert!(
            common::root().join(&fixture).is_dir(),
            "{}: has {fixture}",
            m.id
        );
        let (_, out) = common::check(&fixture, "json");
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        let codes: std::collections::BTreeSet<&str> = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes.into_iter().collect::<Vec<_>>(),
            vec![m.id.as_str()],
            "{}: {fixture} triggers it and nothing else",
            m.id
        );
    }
}

#[test]
fn rule_codes_are_permanent() {
    // A code is never reused: this list only grows. Review a change to it with care.
    let list: Vec<String> = builtin_rules()
        .iter()
        .map(|r| format!("{} {} {}", r.meta.id, r.meta.severity, r.package))
        .collect();
    insta::assert_snapshot!(list.join("\n"));
}

#[test]
fn catalogues_hold_the_expected_requirements() {
    let c = Catalog::builtin();
    let iso = c.framework("iso27001-2022").unwrap();
    assert_eq!(
        iso.requirements.len(),
        93,
        "ISO/IEC 27001:2022 Annex A has 93 controls"
    );
    let nis2 = c.framework("nis2").unwrap();
    for p in 'a'..='j' {
        assert!(
            nis2.get(&format!("21(2)({p})")).is_some(),
            "NIS2 Art. 21(2)({p})"
        );
    }
    for id in [
        "20(1)", "20(2)", "21(3)", "21(4)", "23(4)(a)", "23(4)(b)", "23(4)(d)", "3(4)", "27",
    ] {
        assert!(nis2.get(id).is_some(), "NIS2 {id}");
    }
    let cir = c.framework("cir-2024-2690").unwrap();
    for area in 1..=13 {
        assert!(cir.get(&area.to_string()).is_some(), "CIR area {area}");
    }
    let bio2 = c.framework("bio2").unwrap();
    assert_eq!(bio2.meta.version, "1.3");
    assert_eq!(c.cite("nis2", "23(4)(a)"), "NIS2 Art. 23(4)(a)");
}

#[test]
fn rule_reference_is_current() {
    let rules = builtin_rules();
    let refs: Vec<&policy::Rule> = rules.iter().collect();
    let text = nis2check::commands::rules_reference(&refs, &Catalog::builtin());
    let path = common::root().join("docs/rules.md");
    if std::env::var_os("NIS2CHECK_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == text,
        "docs/rules.md is stale: regenerate it with `cargo run -- rules --format markdown > docs/rules.md` (or NIS2CHECK_UPDATE_DOCS=1 cargo test --test policies)"
    );
    // The command prints the same document.
    let (code, out, _) = common::run(&["rules", "--format", "markdown"]);
    assert_eq!(code, 0);
    assert_eq!(out, text);
}

#[test]
fn every_art_21_point_and_cir_area_has_an_automated_rule() {
    let rules = builtin_rules();
    let cites = |fw: &str, pred: &dyn Fn(&str) -> bool| {
        rules.iter().any(|r| {
            r.meta
                .frameworks
                .get(fw)
                .is_some_and(|ids| ids.iter().any(|i| pred(i)))
        })
    };
    let mut missing = Vec::new();
    for p in 'a'..='j' {
        let id = format!("21(2)({p})");
        if !cites("nis2", &|i| i == id) {
            missing.push(format!("NIS2 Art. {id}"));
        }
    }
    if !cites("nis2", &|i| i.starts_with("20(")) {
        missing.push("NIS2 Art. 20".into());
    }
    if !cites("nis2", &|i| i.starts_with("23(")) {
        missing.push("NIS2 Art. 23".into());
    }
    for area in 1..=13 {
        let a = area.to_string();
        if !cites("cir-2024-2690", &|i| {
            i == a || i.starts_with(&format!("{a}."))
        }) {
            missing.push(format!("CIR 2024/2690 Annex area {area}"));
        }
    }
    assert!(missing.is_empty(), "no automated rule checks: {missing:?}");
}

/// `meta.not_before`, computed in Rust, is what `dates.not_before` computes without it: for
/// every evaluation date of two years (a leap year, month ends, year ends) and every month
/// count in the table.
#[test]
fn the_not_before_table_matches_the_rego_arithmetic() {
    let mut set = builtin_set();
    let n = nis2check::model::input::NOT_BEFORE_MONTHS;
    let query =
        format!("[data.nis2check.lib.dates.not_before(n) | some n in numbers.range(1, {n})]");
    let mut day = jiff::civil::date(2023, 12, 25);
    let mut compared = 0;
    while day <= jiff::civil::date(2025, 1, 5) {
        let as_of_ns = day
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .unwrap()
            .timestamp()
            .as_nanosecond() as i64;
        let input = serde_json::json!({"meta": {"as_of": day.to_string(), "as_of_ns": as_of_ns}});
        set.engine
            .set_input(regorus::Value::from_json_str(&input.to_string()).unwrap());
        let result = set.engine.eval_query(query.clone(), false).unwrap();
        let rego = result.result[0].expressions[0].value.clone();
        let rust: Vec<regorus::Value> = (1..=n)
            .map(|m| regorus::Value::from(nis2check::model::input::not_before(day, m).to_string()))
            .collect();
        assert_eq!(rego, regorus::Value::from(rust), "as of {day}");
        compared += 1;
        day = day.tomorrow().unwrap();
    }
    assert_eq!(compared, 378);
}

/// The `lookups` Rust adds to the input are what `index.with_lookups` (which unit tests use)
/// works out from the collections, and `index.people_with_role` finds the same people with the
/// lookup as by walking them without it: on every fixture repository.
#[test]
fn the_lookups_are_what_the_collections_say() {
    use nis2check::model::input::{build, value_from_json, Meta};
    let mut set = builtin_set();
    let roles = nis2check::model::schema::PERSON_ROLES;
    let with_role = format!(
        "[data.nis2check.lib.index.people_with_role(r) | some r in {}]",
        serde_json::to_string(roles).unwrap()
    );
    let as_of: jiff::civil::Date = common::AS_OF.parse().unwrap();
    let (mut holders, mut named) = (0, 0);
    for fixture in common::fixtures() {
        let read = nis2check::check::read(&nis2check::check::Options::new(
            common::root().join(&fixture),
            as_of,
        ));
        let meta = Meta {
            as_of,
            frameworks: vec!["nis2".into()],
            intervals: Vec::new(),
            risk_tolerance: 8,
            scope: serde_json::Value::Null,
            significance: serde_json::Value::Null,
            catalog: serde_json::Value::Null,
        };
        let mut json = build(&read.repo, &meta);
        let mut eval = |json: &serde_json::Value, query: &str| {
            set.engine.set_input(value_from_json(json));
            let result = set.engine.eval_query(query.to_string(), false).unwrap();
            result.result[0].expressions[0].value.clone()
        };
        let with_lookup = eval(&json, &with_role);
        let lookups = json.as_object_mut().unwrap().remove("lookups").unwrap();
        assert_eq!(with_lookup, eval(&json, &with_role), "{fixture}");
        assert_eq!(
            value_from_json(&lookups),
            eval(
                &json,
                "data.nis2check.lib.index.with_lookups(input).lookups"
            ),
            "{fixture}"
        );
        holders += with_lookup
            .as_array()
            .unwrap()
            .iter()
            .map(|people| people.as_array().unwrap().len())
            .sum::<usize>();
        named += lookups["risks_by_supplier"].as_object().unwrap().len();
    }
    assert!(holders > 50, "the fixtures hold {holders} roles");
    assert!(named > 5, "the fixtures' risks name {named} suppliers");
}

/// A stub of the kind a dangling reference names, so that an example can be read on its own.
fn stub(kind: &str, id: &str) -> String {
    match kind {
        "person" => format!("[[person]]\nid = \"{id}\"\nname = \"Stub\"\nroles = [\"staff\"]\n\n"),
        "asset" => format!("[[asset]]\nid = \"{id}\"\nname = \"Stub\"\ntype = \"application\"\n\n"),
        "supplier" => format!("[[supplier]]\nid = \"{id}\"\nname = \"Stub\"\n\n"),
        other => panic!("no stub for a {other} (`{id}`)"),
    }
}

/// `explain` and docs/rules.md print every rule's example under "Passes:", and it does: read in
/// an organisation of its own (the compliant organisation's settings and `[organization]`,
/// unless the example is the organisation), with a stub for each person, asset or supplier it
/// names without defining, the example reads without an input error and its rule reports
/// nothing in it. (An example whose approver must sit on the management body says so itself.)
#[test]
fn every_rules_example_passes_it() {
    let base = common::root().join("fixtures/compliant-org");
    for rule in builtin_rules() {
        let id = &rule.meta.id;
        let example = rule
            .meta
            .example
            .as_deref()
            .expect("every rule has an example");
        let dir = common::temp_dir(&format!("example-{id}"));
        std::fs::copy(base.join("nis2check.toml"), dir.join("nis2check.toml")).unwrap();
        let is_org = example.lines().any(|l| l.trim() == "[organization]");
        let file = if is_org {
            "organization.toml"
        } else {
            std::fs::copy(
                base.join("organization.toml"),
                dir.join("organization.toml"),
            )
            .unwrap();
            "example.toml"
        };
        std::fs::write(dir.join(file), format!("{example}\n")).unwrap();
        let mut stubs = String::new();
        let mut diagnostics = Vec::new();
        for _ in 0..3 {
            let (code, out, err) = common::run_in(
                &dir,
                &["check", ".", "--as-of", common::AS_OF, "--format", "json"],
            );
            assert!(code == 0 || code == 1 || code == 2, "{id}: {err}");
            let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON output");
            diagnostics = doc["diagnostics"].as_array().cloned().unwrap_or_default();
            let dangling: Vec<(String, String)> = diagnostics
                .iter()
                .filter(|d| d["code"] == "dangling-reference")
                .map(|d| {
                    // "`owner` refers to person `p-ciso`, which does not exist"
                    let message = d["message"].as_str().unwrap();
                    let rest = message.split(" refers to ").nth(1).expect(message);
                    let (kind, rest) = rest.split_once(" `").expect(message);
                    (
                        kind.to_string(),
                        rest.split('`').next().unwrap().to_string(),
                    )
                })
                .collect();
            if dangling.is_empty() {
                break;
            }
            for (kind, name) in dangling {
                stubs.push_str(&stub(&kind, &name));
            }
            std::fs::write(dir.join("stubs.toml"), &stubs).unwrap();
        }
        let not_findings: Vec<_> = diagnostics
            .iter()
            .filter(|d| d["origin"] != "finding")
            .map(|d| format!("{}: {}", d["code"], d["message"]))
            .collect();
        assert!(
            not_findings.is_empty(),
            "{id}: the example reads without problems:\n{example}\n{not_findings:#?}"
        );
        let own: Vec<_> = diagnostics
            .iter()
            .filter(|d| d["code"] == id.as_str() && d["file"] == file)
            .map(|d| d["message"].to_string())
            .collect();
        assert!(
            own.is_empty(),
            "{id}: the example under \"Passes:\" passes its rule:\n{example}\n{own:#?}"
        );
    }
}
