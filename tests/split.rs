//! Large collections are evaluated block by block (`src/policy/split.rs`): only rules that
//! read each entity on its own are split, and a split run prints exactly what a whole run
//! prints. `NIS2CHECK_BLOCK=N` (hidden) splits every collection longer than N, and every rule
//! that can be split, so that small repositories exercise it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use common::{root, AS_OF};
use nis2check::policy::{builtin_modules, split, Module};

/// What the analysis says of the built-in pack plus one organisation module.
fn separable_with(source: &str) -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let package = source
        .lines()
        .find_map(|l| l.strip_prefix("package "))
        .expect("a package line")
        .trim()
        .to_string();
    let mut modules = builtin_modules();
    modules.push(Module {
        path: "policies/org.rego".into(),
        source: source.into(),
        package,
        builtin: false,
        is_test: false,
        file: None,
    });
    split::separable(&modules)
}

fn split_over(source: &str) -> Option<BTreeSet<String>> {
    separable_with(source)
        .remove("org.rule")
        .map(|over| over.into_keys().collect())
}

#[test]
fn the_packs_rules_over_each_asset_are_split_and_joins_are_not() {
    let all = split::separable(&builtin_modules());
    let over = |pkg: &str| all.get(&format!("nis2check.rules.{pkg}"));
    // Reads each asset and nothing else of the input.
    for pkg in [
        "continuity.offsite_backup",
        "assets.asset_owner",
        "assets.asset_classified",
        "access.mfa_internet_facing",
    ] {
        let got = over(pkg).unwrap_or_else(|| panic!("{pkg} is not split"));
        assert_eq!(got.keys().collect::<Vec<_>>(), ["assets"], "{pkg}");
        assert!(got["assets"].iter().all(|k| k == "meta"), "{pkg}: {got:?}");
    }
    // Compares incidents with each other (a recurring root cause): never split.
    assert_eq!(over("incidents.recurring"), None);
    // Per supplier, against the lookup of the risks that name each supplier: split over the
    // suppliers, and it reads no other collection.
    let rsk005 = over("risk.critical_supplier_risk").expect("RSK005 is analysed");
    assert_eq!(
        rsk005
            .get("suppliers")
            .map(|o| o.contains("lookups") && !o.contains("risks")),
        Some(true),
        "{rsk005:?}"
    );
    // Per supplier, but against a set built from every risk: split over the suppliers only,
    // and it says that it reads the risks (so it stays whole while they are many).
    let set_of_risks = separable_with(
        "package org.rule\n_covered := {id | some r in input.risks; some id in r.suppliers}\ndeny contains s.id if { some s in input.suppliers; s.criticality == \"critical\"; not s.id in _covered }",
    )
    .remove("org.rule")
    .expect("analysed");
    assert_eq!(
        set_of_risks.get("suppliers").map(|o| o.contains("risks")),
        Some(true),
        "{set_of_risks:?}"
    );
    assert!(!set_of_risks.contains_key("risks"), "{set_of_risks:?}");
}

#[test]
fn a_rule_that_reads_more_than_one_asset_at_a_time_stays_whole() {
    let whole = [
        // counts all assets
        "package org.rule\n_n := count(input.assets)\ndeny contains a.id if { some a in input.assets; _n > 1 }",
        // pairs assets
        "package org.rule\ndeny contains a.id if { some a in input.assets; some b in input.assets; a.id != b.id; a.name == b.name }",
        // the index of an asset changes with the block
        "package org.rule\ndeny contains [i, a.id] if { some i, a in input.assets; a.x }",
        // the input as a whole
        "package org.rule\ndeny contains a.id if { some a in input.assets; count(object.get(input, \"assets\", [])) > 1 }",
        "package org.rule\ndeny contains k if { some k, _ in input; k == \"assets\" }",
        // a helper that looks at every asset
        "package org.rule\ndeny contains a.id if { some a in input.assets; _twin(a) }\n_twin(a) if { some b in input.assets; b.id != a.id; b.name == a.name }",
        // warn reads deny, which iterates the assets
        "package org.rule\ndeny contains a.id if { some a in input.assets; a.x }\nwarn contains id if { some a in input.assets; not a.id in deny; id := a.id }",
        // `with` replaces what the rule reads
        "package org.rule\ndeny contains a.id if { some a in input.assets; _f(a) with input.meta as {} }\n_f(a) if a.x",
        // a complete rule, not a set
        "package org.rule\ndeny := {a.id | some a in input.assets; a.x}",
        // data at a computed key
        "package org.rule\ndeny contains a.id if { some a in input.assets; k := \"x\"; data.org[k] }",
        // a comprehension over all assets
        "package org.rule\ndeny contains a.id if { some a in input.assets; count([b | some b in input.assets; b.owner == a.owner]) > 5 }",
        // an import of the input
        "package org.rule\nimport input.assets as everything\ndeny contains a.id if { some a in input.assets; count(everything) > 1 }",
    ];
    for source in whole {
        assert_eq!(split_over(source), None, "split:\n{source}");
    }
}

#[test]
fn a_rule_that_reads_one_asset_at_a_time_is_split() {
    let split = [
        "package org.rule\ndeny contains a.id if { some a in input.assets; not a.owner }",
        // helpers, library calls and other collections are fine
        "package org.rule\nimport data.nis2check.lib.result\n_levels := {\"high\"}\ndeny contains result.entity(\"asset\", a.id, [], \"x\") if { some a in input.assets; _levels[a.level]; _ok(a) }\n_ok(a) if a.x == input.meta.as_of",
        // one body over assets, another over suppliers
        "package org.rule\ndeny contains a.id if { some a in input.assets; a.x }\ndeny contains s.id if { some s in input.suppliers; s.x }",
    ];
    for source in split {
        assert_eq!(
            split_over(source).map(|s| s.contains("assets")),
            Some(true),
            "not split:\n{source}"
        );
    }
}

fn check_json(dir: &Path, env: &[(&str, &str)]) -> (Option<i32>, Vec<u8>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nis2check"));
    cmd.args(["check"])
        .arg(dir)
        .args([
            "--as-of",
            AS_OF,
            "--format",
            "json",
            "--policy-timeout",
            "2",
        ])
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("NIS2CHECK_BLOCK");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("the binary runs");
    (out.status.code(), out.stdout)
}

#[test]
fn every_fixture_prints_the_same_in_blocks_of_one_and_two() {
    for fixture in common::fixtures() {
        let dir = root().join(&fixture);
        let whole = check_json(&dir, &[]);
        for env in [
            &[("NIS2CHECK_BLOCK", "1")][..],
            &[("NIS2CHECK_BLOCK", "2"), ("NIS2CHECK_THREADS", "1")][..],
        ] {
            assert!(
                whole == check_json(&dir, env),
                "{fixture}: {env:?} differs from a whole evaluation"
            );
        }
    }
}

#[test]
fn a_generated_organisation_gives_the_same_findings_in_blocks() {
    let scratch = common::temp_dir("split");
    let out = scratch.join("org");
    let manifest = scratch.join("org.manifest.json");
    let status = Command::new(env!("CARGO_BIN_EXE_nis2check-gen"))
        .args(["--assets", "1500", "--seed", "7", "--as-of", AS_OF])
        .args(["--per-file", "100", "--force", "--out"])
        .arg(&out)
        .arg("--manifest")
        .arg(&manifest)
        .status()
        .expect("the generator runs");
    assert!(status.success());
    // No collection is longer than this: nothing is split.
    let whole = check_json(&out, &[("NIS2CHECK_BLOCK", "1000000")]);
    let doc: serde_json::Value = serde_json::from_slice(&whole.1).unwrap();
    let findings = doc["diagnostics"].as_array().map_or(0, Vec::len);
    assert!(findings > 50, "the generated data breaks rules: {findings}");
    assert!(
        whole == check_json(&out, &[]),
        "the default blocks (1,500 assets) differ from a whole evaluation"
    );
    for block in ["100", "333"] {
        assert!(
            whole == check_json(&out, &[("NIS2CHECK_BLOCK", block)]),
            "blocks of {block} differ from a whole evaluation"
        );
    }
    let _ = std::fs::remove_file(&manifest);
}
