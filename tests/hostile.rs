//! Hostile and broken input: never panic, never hang, never lose data, and the organisation's
//! own policies cannot take the tool down or talk it into green.
//!
//! The fixtures in `fixtures/hostile/` are snapshotted by tests/cli.rs like every other
//! fixture; this file adds what git cannot hold (permissions, symbolic links, megabyte lines,
//! odd file names), the limits, the command-line misuse and determinism.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{copy_fixture, run, run_in, AS_OF};
use nis2check::check::{self, Options};
use nis2check::report::{self, human::Style, Format};

/// `check DIR --as-of AS_OF --format json EXTRA…`: (exit code, parsed JSON, stderr).
fn check_json(dir: &Path, extra: &[&str]) -> (i32, serde_json::Value, String) {
    let dir = dir.to_str().unwrap();
    let mut args = vec!["check", dir, "--as-of", AS_OF, "--format", "json"];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args);
    let doc: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{out}\n{err}"));
    assert_eq!(doc["summary"]["exit_code"], code, "{doc}");
    (code, doc, err)
}

fn check_human(dir: &Path, extra: &[&str]) -> (i32, String) {
    let dir = dir.to_str().unwrap();
    let mut args = vec!["check", dir, "--as-of", AS_OF];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args);
    assert!(err.is_empty(), "unexpected stderr: {err}");
    (code, out)
}

fn diagnostics(doc: &serde_json::Value) -> &Vec<serde_json::Value> {
    doc["diagnostics"].as_array().unwrap()
}

fn with_code<'a>(doc: &'a serde_json::Value, code: &str) -> Vec<&'a serde_json::Value> {
    diagnostics(doc)
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

/// A clean repository to start from (exit 0, no diagnostics).
fn clean_repo(name: &str) -> common::Scratch {
    let dir = copy_fixture("fixtures/hostile/crlf", name);
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 0, "the base repository is clean: {doc}");
    dir
}

/// A second file with a syntax error, to show that the run goes on past the first problem.
fn add_broken_file(dir: &Path) {
    std::fs::write(
        dir.join("broken.toml"),
        "[[asset]]\nid = \"a-1\nname = \"x\"\n",
    )
    .unwrap();
}

fn assert_reports_broken_file(doc: &serde_json::Value) {
    assert!(
        diagnostics(doc)
            .iter()
            .any(|d| d["code"] == "syntax-error" && d["file"] == "broken.toml" && d["line"] == 2),
        "the other files are still read and reported: {doc}"
    );
}

/// Whether permissions stop this process from reading (not so for root or CAP_DAC_OVERRIDE).
fn permissions_apply(path: &Path) -> bool {
    std::fs::read(path).is_err() && std::fs::read_dir(path).is_err()
}

// ---------------------------------------------------------------- files that git cannot hold

#[test]
fn a_line_of_megabytes_is_reported_and_the_snippet_is_cut() {
    let dir = clean_repo("megaline");
    let long = "x".repeat(5 * 1024 * 1024);
    // Valid: a 5 MiB string.
    std::fs::write(
        dir.join("long.toml"),
        format!("[[person]]\nid = \"p-long\"\nname = \"{long}\"\nroles = [\"staff\"]\n"),
    )
    .unwrap();
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 0, "a long but valid line just works");
    assert!(diagnostics(&doc).is_empty());
    // Broken: the string is not closed and a key follows on the same megabyte line.
    std::fs::write(
        dir.join("long.toml"),
        format!("[[person]]\nid = \"p-long\"\nname = \"{long} = 3\nroles = [\"staff\"]\n"),
    )
    .unwrap();
    let started = Instant::now();
    let (code, out) = check_human(&dir, &[]);
    assert_eq!(code, 2, "{}", &out[..out.len().min(2000)]);
    assert!(started.elapsed() < Duration::from_secs(30));
    assert!(
        out.contains("long.toml:3:"),
        "{}",
        &out[..out.len().min(2000)]
    );
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(
        widest < 600,
        "the snippet of a megabyte line is cut ({widest} characters)"
    );
    assert!(out.contains('…'), "a cut line is marked");
    let (_, doc, _) = check_json(&dir, &[]);
    let d = &with_code(&doc, "syntax-error")[0];
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some("long.toml"), Some(3))
    );
}

#[test]
fn a_file_above_the_size_limit_is_an_error_and_the_run_goes_on() {
    let dir = clean_repo("size-limit");
    std::fs::write(
        dir.join("big.toml"),
        format!("# {}\n[[person]]\nid = \"p-big\"\n", "x".repeat(4000)),
    )
    .unwrap();
    add_broken_file(&dir);
    let (code, doc, _) = check_json(&dir, &["--max-file-size", "2000"]);
    assert_eq!(code, 2);
    let d = &with_code(&doc, "file-too-large")[0];
    assert_eq!(d["file"], "big.toml");
    assert_eq!(d["line"], 1);
    assert!(d["message"].as_str().unwrap().contains("2000 bytes"), "{d}");
    assert!(
        d["help"].as_str().unwrap().contains("--max-file-size"),
        "{d}"
    );
    assert_reports_broken_file(&doc);
    // Under a larger limit the same file is read.
    let (_, doc, _) = check_json(&dir, &["--max-file-size", "100000"]);
    assert!(with_code(&doc, "file-too-large").is_empty());
}

/// A file that does not parse defines nothing, but every reference to what it holds is not a
/// second problem: the parse error is the one to fix. Reported: 2 syntax errors and 18
/// "supplier `s-microsoft` … does not exist".
#[test]
fn ids_in_a_file_that_does_not_parse_are_not_reported_as_missing() {
    let dir = copy_fixture("fixtures/example-org", "unparsed-ids");
    let broken = [
        "suppliers/cloud-en-saas.toml",
        "suppliers/hosting-en-beheer.toml",
    ];
    let ids: Vec<String> = broken
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(dir.join(f)).unwrap();
            text.lines()
                .filter_map(|l| {
                    l.strip_prefix("id = \"")?
                        .strip_suffix('"')
                        .map(String::from)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(ids.contains(&"s-microsoft".to_string()), "{ids:?}");
    // A string left open, and a date that does not exist (the TOML parser rejects the file).
    common::replace_in(&dir.join(broken[0]), "country = \"IE\"", "country = \"IE");
    common::replace_in(
        &dir.join(broken[1]),
        "assessed_at = 2025-10-14",
        "assessed_at = 2026-02-30",
    );
    // and one reference to a supplier that is nowhere
    common::replace_in(
        &dir.join("assets/bedrijfsvoering.toml"),
        "suppliers = [\"s-loonwerk\"]",
        "suppliers = [\"s-nowhere\"]",
    );
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2, "{doc}");
    assert!(
        with_code(&doc, "syntax-error")
            .iter()
            .any(|d| d["file"] == broken[0]),
        "{doc}"
    );
    assert!(
        with_code(&doc, "invalid-date")
            .iter()
            .any(|d| d["file"] == broken[1]),
        "{doc}"
    );
    let dangling: Vec<&str> = with_code(&doc, "dangling-reference")
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        dangling,
        vec!["`suppliers[0]` refers to supplier `s-nowhere`, which does not exist"],
        "only the reference to an id that is nowhere is reported"
    );
}

#[test]
fn more_files_than_the_limit_stop_the_run_with_exit_2() {
    let dir = clean_repo("file-limit");
    for i in 0..5 {
        std::fs::write(
            dir.join(format!("p{i}.toml")),
            format!("[[person]]\nid = \"p-{i}\"\nname = \"P {i}\"\nroles = [\"staff\"]\n"),
        )
        .unwrap();
    }
    let (code, doc, _) = check_json(&dir, &["--max-files", "3"]);
    assert_eq!(code, 2, "{doc}");
    let d = &with_code(&doc, "too-many-files")[0];
    assert!(
        d["message"].as_str().unwrap().contains("more than 3"),
        "{d}"
    );
    assert!(d["help"].as_str().unwrap().contains("--max-files"), "{d}");
    let (code, _, _) = check_json(&dir, &["--max-files", "100"]);
    assert_eq!(code, 0);

    // The run stops there: a part of the repository is not checked as if it were the whole
    // (it gave 43 errors on the example: references to files not read, no organisation).
    let dir = copy_fixture("fixtures/example-org", "file-limit-example");
    let (code, doc, _) = check_json(&dir, &["--max-files", "5"]);
    assert_eq!(code, 2, "{doc}");
    let codes: Vec<&str> = diagnostics(&doc)
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["too-many-files"], "{doc}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_and_folder_are_errors_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = clean_repo("unreadable");
    let file = dir.join("secret.toml");
    std::fs::write(&file, "[[person]]\nid = \"p-secret\"\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    let folder = dir.join("locked");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("inside.toml"), "x = 1\n").unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o000)).unwrap();
    add_broken_file(&dir);
    let (code, doc, _) = check_json(&dir, &[]);
    let enforced = permissions_apply(&file) || std::fs::read_dir(&folder).is_err();
    // Restore, so the temporary folder can be removed.
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_reports_broken_file(&doc);
    assert_eq!(code, 2);
    if !enforced {
        eprintln!(
            "skipped the permission assertions: this test runs as root (or with \
             CAP_DAC_OVERRIDE), where `chmod 000` does not stop reading"
        );
        return;
    }
    let unreadable = with_code(&doc, "unreadable");
    assert!(
        unreadable
            .iter()
            .any(|d| d["file"] == "secret.toml" && d["line"] == 1),
        "{doc}"
    );
    assert!(
        unreadable
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("locked")),
        "{doc}"
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_never_followed_and_each_is_noted() {
    use std::os::unix::fs::symlink;
    let dir = clean_repo("symlinks");
    let outside = copy_fixture("fixtures/hostile/not-toml", "symlink-target");
    // A folder link that leads out of the repository (its files are broken TOML: if they were
    // read, the run would fail).
    symlink(&outside, dir.join("linked-folder")).unwrap();
    // A link to a TOML file, a dangling link, a link to itself and two links in a ring.
    symlink(outside.join("people.toml"), dir.join("linked.toml")).unwrap();
    symlink(dir.join("nowhere.toml"), dir.join("dangling.toml")).unwrap();
    symlink(dir.join("self"), dir.join("self")).unwrap();
    symlink(dir.join("ring-b"), dir.join("ring-a")).unwrap();
    symlink(dir.join("ring-a"), dir.join("ring-b")).unwrap();
    // A link in place of the policy folder.
    symlink(&*outside, dir.join("policies")).unwrap();
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 0, "nothing behind a link was read: {doc}");
    let notes: Vec<&str> = with_code(&doc, "symlink-skipped")
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    for (name, what) in [
        ("linked-folder", "a link to a folder"),
        ("linked.toml", "a link"),
        ("dangling.toml", "a broken link"),
        ("self", "a link that loops"),
        ("ring-a", "a link that loops"),
        ("ring-b", "a link that loops"),
        ("policies", "a link"),
    ] {
        assert!(
            notes
                .iter()
                .any(|n| n.contains(&format!("`{name}`")) && n.contains(what)),
            "{name}: {notes:?}"
        );
    }
    assert!(with_code(&doc, "symlink-skipped")
        .iter()
        .all(|d| d["severity"] == "note"));
    // A link in place of nis2check.toml is not read either.
    std::fs::write(
        outside.join("evil-settings.toml"),
        "frameworks = [\"nis2\"]\nfail_on = \"note\"\n",
    )
    .unwrap();
    std::fs::remove_file(dir.join("nis2check.toml")).unwrap();
    symlink(
        outside.join("evil-settings.toml"),
        dir.join("nis2check.toml"),
    )
    .unwrap();
    let (_, doc, _) = check_json(&dir, &[]);
    assert!(
        with_code(&doc, "symlink-skipped")
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("`nis2check.toml`")),
        "{doc}"
    );
    assert_ne!(doc["frameworks"], serde_json::json!(["nis2"]), "{doc}");
}

#[cfg(unix)]
#[test]
fn odd_file_names_are_shown_safely() {
    use std::os::unix::ffi::OsStrExt;
    let dir = clean_repo("odd-names");
    // Not UTF-8, and a terminal escape in a name.
    let bad = std::ffi::OsStr::from_bytes(b"bad \xff name.toml");
    std::fs::write(dir.join(bad), "[[asset]]\nid = \"a-1\nname = \"x\"\n").unwrap();
    std::fs::write(
        dir.join("evil\x1b[2J\x07.toml"),
        "[[asset]]\nid = \"a-2\nname = \"x\"\n",
    )
    .unwrap();
    let (code, out) = check_human(&dir, &[]);
    assert_eq!(code, 2);
    assert!(out.contains("bad \u{FFFD} name.toml"), "{out}");
    assert!(out.contains("evil\u{FFFD}[2J\u{FFFD}.toml"), "{out}");
    assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out}");
}

#[test]
fn crlf_and_bom_files_give_the_right_lines_and_columns() {
    let dir = clean_repo("crlf-columns");
    std::fs::write(
        dir.join("assets.toml"),
        "\u{FEFF}[[asset]]\r\nid = \"a-1\"\r\nname = \"Zaak\"\r\ntype = \"application\"\r\nowner = \"p-nobody\"\r\n",
    )
    .unwrap();
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2, "{doc}");
    let d = &with_code(&doc, "dangling-reference")[0];
    assert_eq!(
        (
            d["file"].as_str(),
            d["line"].as_u64(),
            d["column"].as_u64(),
            d["end_column"].as_u64()
        ),
        (Some("assets.toml"), Some(5), Some(9), Some(19)),
        "{d}"
    );
    let bom = &with_code(&doc, "byte-order-mark")[0];
    assert_eq!(
        (bom["severity"].as_str(), bom["line"].as_u64()),
        (Some("note"), Some(1))
    );
}

#[test]
fn every_hostile_fixture_exits_as_documented_without_crashing() {
    let expected = [
        ("big-integer", 2),
        ("builtin-rule-relaxed", 0),
        ("byte-order-mark", 0),
        ("control-characters", 2),
        ("crlf", 0),
        ("deep-nesting", 2),
        ("duplicate-keys", 2),
        ("empty-file", 0),
        ("escaped-control-characters", 2),
        ("invalid-utf8", 2),
        ("mutual-recursion-policy", 2),
        ("nan-inf", 2),
        ("network-policy", 2),
        ("not-toml", 2),
        ("odd-paths", 2),
        ("recursive-policy", 2),
        ("reserved-namespace-policy", 2),
        ("runtime-error-policy", 2),
        ("utf16", 2),
    ];
    for (name, want) in expected {
        let dir = common::root().join("fixtures/hostile").join(name);
        let (code, doc, err) = check_json(&dir, &["--policy-timeout", "2"]);
        assert_eq!(code, want, "{name}: {doc}\n{err}");
        for d in diagnostics(&doc) {
            assert!(
                d["help"].is_string(),
                "{name}: a diagnostic without a hint: {d}"
            );
            if d["severity"] == "error" && d["code"] != "unreadable" {
                assert!(
                    d["file"].is_string() && d["line"].as_u64().unwrap_or(0) >= 1,
                    "{name}: an error without a place: {d}"
                );
            }
        }
        let (_, human) = check_human(&dir, &["--policy-timeout", "2"]);
        assert!(
            !human
                .chars()
                .any(|c| c != '\n' && nis2check::source::is_unsafe_char(c)),
            "{name}: a raw control character in the human output:\n{human}"
        );
    }
}

// ----------------------------------------------------------------- untrusted policies

#[test]
fn a_recursive_policy_is_refused_before_it_can_crash_the_process() {
    for (fixture, names) in [
        ("recursive-policy", "`depth` calls itself"),
        ("mutual-recursion-policy", "is_even → is_odd → is_even"),
    ] {
        let dir = common::root().join("fixtures/hostile").join(fixture);
        let (code, doc, _) = check_json(&dir, &[]);
        assert_eq!(code, 2);
        let d = &with_code(&doc, "policy-recursion")[0];
        assert!(d["message"].as_str().unwrap().contains(names), "{d}");
        assert!(d["file"].as_str().unwrap().starts_with("policies/"), "{d}");
        // `nis2check test` runs the organisation's modules too: refused there as well.
        let (code, out, err) = run(&["test", dir.to_str().unwrap()]);
        assert!(code == 0 || code == 1 || code == 2, "{code}: {out}{err}");
        assert!(
            out.contains("rejected") || err.contains("rejected"),
            "{out}{err}"
        );
    }
}

#[test]
fn a_long_looping_policy_is_stopped_at_the_time_limit_and_named() {
    let dir = common::root().join("fixtures/hostile/long-loop-policy");
    let started = Instant::now();
    let (code, doc, _) = check_json(&dir, &["--policy-timeout", "1"]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "stopped near the limit, took {:?}",
        started.elapsed()
    );
    assert_eq!(code, 2);
    let d = &with_code(&doc, "policy-timeout")[0];
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("ORG003") && message.contains("policies/loop.rego"),
        "{d}"
    );
    assert!(message.contains("time limit of 1 s"), "{d}");
    assert_eq!(d["file"], "policies/loop.rego");
    assert!(
        d["help"].as_str().unwrap().contains("--policy-timeout"),
        "{d}"
    );
}

#[test]
fn network_clock_and_environment_builtins_are_refused_with_their_place() {
    let dir = common::root().join("fixtures/hostile/network-policy");
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2);
    let found: Vec<(String, u64)> = with_code(&doc, "forbidden-builtin")
        .iter()
        .map(|d| {
            let m = d["message"].as_str().unwrap();
            (
                m.split('`').nth(1).unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("http.send".to_string(), 10),
            ("net.lookup_ip_addr".to_string(), 15),
            ("opa.runtime".to_string(), 18)
        ]
    );
}

#[test]
fn runtime_errors_of_a_policy_point_at_line_and_column() {
    let dir = common::root().join("fixtures/hostile/runtime-error-policy");
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2);
    let d = &with_code(&doc, "policy-runtime-error")[0];
    assert_eq!(d["file"], "policies/runtime.rego");
    assert_eq!(d["line"], 10, "{d}");
    assert!(d["column"].as_u64().unwrap() > 1, "{d}");
}

#[test]
fn an_oversized_or_unparsable_policy_is_a_diagnostic_with_its_place() {
    let dir = clean_repo("bad-policies");
    std::fs::create_dir(dir.join("policies")).unwrap();
    std::fs::write(
        dir.join("policies/syntax.rego"),
        "package org.syntax\n\ndeny contains x if {\n  x := [1, 2\n}\n",
    )
    .unwrap();
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2, "{doc}");
    let d = &with_code(&doc, "policy-error")[0];
    assert_eq!(d["file"], "policies/syntax.rego");
    assert!(d["line"].as_u64().unwrap() >= 4, "{d}");
    std::fs::remove_file(dir.join("policies/syntax.rego")).unwrap();
    // Above nis2check's file limit.
    std::fs::write(
        dir.join("policies/huge.rego"),
        format!("package org.huge\n\n# {}\n", "x".repeat(5000)),
    )
    .unwrap();
    let (code, doc, _) = check_json(&dir, &["--max-file-size", "4000"]);
    assert_eq!(code, 2, "{doc}");
    assert_eq!(
        with_code(&doc, "file-too-large")[0]["file"],
        "policies/huge.rego"
    );
    // Above regorus' own limit of 1 MiB (under nis2check's 10 MiB).
    let line = format!("# {}\n", "x".repeat(1000));
    std::fs::write(
        dir.join("policies/huge.rego"),
        format!("package org.huge\n\n{}", line.repeat(1200)),
    )
    .unwrap();
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2, "{doc}");
    let d = &with_code(&doc, "policy-error")[0];
    assert_eq!(d["file"], "policies/huge.rego", "{d}");
}

/// An organisation's rule that does not compile is one error; the waivers and `[rules]` of
/// the built-in rules (and of the organisation's rules whose METADATA can be read) are not
/// "unknown rules" because of it.
#[test]
fn a_policy_that_does_not_compile_leaves_the_rule_ids_known() {
    let dir = copy_fixture("fixtures/example-org", "broken-policy");
    std::fs::create_dir(dir.join("policies")).unwrap();
    std::fs::write(
        dir.join("policies/broken.rego"),
        "# METADATA\n# title: Our own rule\n# custom:\n#   id: ORG001\npackage org.broken\n\ndeny contains x if {\n  x := [1, 2\n}\n",
    )
    .unwrap();
    let mut settings = std::fs::read_to_string(dir.join("nis2check.toml")).unwrap();
    settings.push_str("\n[rules]\nAST001 = \"warning\"\nORG001 = \"warning\"\nXYZ998 = \"off\"\n");
    std::fs::write(dir.join("nis2check.toml"), settings).unwrap();
    let waiver = |id: &str, rule: &str| {
        format!("\n[[waiver]]\nid = \"{id}\"\nrule = \"{rule}\"\ntarget = \"organization\"\nreason = \"r\"\napproved_by = \"p-visser\"\nexpires = 2026-12-31\n")
    };
    let mut waivers = std::fs::read_to_string(dir.join("waivers.toml")).unwrap();
    waivers.push_str(&waiver("w-own", "ORG001"));
    waivers.push_str(&waiver("w-nothing", "XYZ999"));
    std::fs::write(dir.join("waivers.toml"), waivers).unwrap();

    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2, "{doc}");
    let d = &with_code(&doc, "policy-error")[0];
    assert_eq!(d["file"], "policies/broken.rego", "{d}");
    let unknown: Vec<&str> = with_code(&doc, "unknown-rule")
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        unknown,
        vec![
            "`[rules]` names `XYZ998`, which is not a rule",
            "waiver `w-nothing` names the rule `XYZ999`, which does not exist",
        ],
        "AST002 (waiver), AST001 (`[rules]`) and ORG001 exist"
    );

    // METADATA that cannot be read: which rules exist is not known, so no rule is unknown.
    std::fs::write(
        dir.join("policies/broken.rego"),
        "# METADATA\n# title: [unclosed\npackage org.broken\n\ndeny contains x if {\n  x := [1, 2\n}\n",
    )
    .unwrap();
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2, "{doc}");
    assert!(!with_code(&doc, "policy-error").is_empty(), "{doc}");
    assert!(with_code(&doc, "unknown-rule").is_empty(), "{doc}");
}

/// Writes `policies/mine.rego`: METADATA lines (without `# `), then a rule.
fn write_custom_rule(dir: &Path, metadata: &[&str]) {
    let mut src = String::from("# METADATA\n");
    for line in metadata {
        src.push_str(&format!("# {line}\n"));
    }
    src.push_str("package org.mine\n\ndeny contains {\"msg\": \"x\"} if { false }\n");
    std::fs::create_dir_all(dir.join("policies")).unwrap();
    std::fs::write(dir.join("policies/mine.rego"), src).unwrap();
}

/// Writes the rule with `metadata` and checks: exit 2, and (line, column, message) of every
/// `invalid-metadata` diagnostic, with the output.
fn refused_metadata(dir: &Path, metadata: &[&str]) -> (Vec<(u64, u64, String)>, serde_json::Value) {
    write_custom_rule(dir, metadata);
    let (code, doc, _) = check_json(dir, &[]);
    assert_eq!(code, 2, "{doc}");
    (metadata_problems(&doc), doc)
}

/// (line, column, message) of every `invalid-metadata` diagnostic, in output order.
fn metadata_problems(doc: &serde_json::Value) -> Vec<(u64, u64, String)> {
    with_code(doc, "invalid-metadata")
        .iter()
        .map(|d| {
            assert_eq!(d["file"], "policies/mine.rego", "{d}");
            assert_eq!(d["severity"], "error", "{d}");
            assert!(d["help"].is_string(), "every problem has a hint: {d}");
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// docs/policies.md: every id under `frameworks` must exist in the catalogue, and the
/// organisation's rules follow the same contract as the built-in ones.
#[test]
fn a_custom_rule_cites_only_frameworks_and_requirements_of_the_catalogue() {
    let dir = clean_repo("custom-frameworks");
    let (problems, doc) = refused_metadata(
        &dir,
        &[
            "title: Our own rule",
            "custom:",
            "  id: ORG001",
            "  severity: warning",
            "  frameworks:",
            "    nis2: [\"21(2)(c)\", \"99(9)\"]",
            "    bogus: [\"1\"]",
            "    iso27001-2022:",
            "      - \"A.5.1\"",
            "      - \"A.5.99\"",
            "    bio:",
            "      - \"5.01.01\"",
        ],
    );
    let lines: Vec<(u64, u64)> = problems.iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(
        lines,
        vec![(7, 26), (8, 7), (11, 11), (12, 7)],
        "each at the offending entry: {problems:#?}"
    );
    assert!(problems[0].2.contains("99(9)"), "{problems:#?}");
    assert!(problems[1].2.contains("bogus"), "{problems:#?}");
    assert!(problems[2].2.contains("A.5.99"), "{problems:#?}");
    assert!(problems[3].2.contains("bio"), "{problems:#?}");
    let bio = &with_code(&doc, "invalid-metadata")[3];
    assert_eq!(bio["help"], "did you mean `bio2`?", "{bio}");

    // The same in YAML's flow style, on one line.
    let (problems, _) = refused_metadata(
        &dir,
        &[
            "title: Our own rule",
            "custom:",
            "  id: ORG001",
            "  severity: error",
            "  frameworks: {nis2: [\"21(2)(c)\", \"99(9)\"], bogus: [\"1\"]}",
        ],
    );
    let lines: Vec<(u64, u64)> = problems.iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(lines, vec![(6, 37), (6, 47)], "{problems:#?}");

    // BIO2 renumbered measures between versions: citing it needs `bio2_version`, a known one.
    // One problem each: (line, column, message).
    let only_problem = |version: Option<&str>| {
        let mut block = vec![
            "title: Our own rule".to_string(),
            "custom:".to_string(),
            "  id: ORG001".to_string(),
            "  severity: note".to_string(),
            "  frameworks:".to_string(),
            "    bio2: [\"8.13.04\"]".to_string(),
        ];
        block.extend(version.map(|v| format!("  bio2_version: \"{v}\"")));
        let block: Vec<&str> = block.iter().map(String::as_str).collect();
        let (mut problems, _) = refused_metadata(&dir, &block);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        problems.remove(0)
    };
    let (line, column, message) = only_problem(None);
    assert_eq!((line, column), (7, 7), "at `bio2`: {message}");
    assert!(message.contains("bio2_version"), "{message}");
    let (line, _, message) = only_problem(Some("1.4"));
    assert_eq!(line, 8, "at the version: {message}");
    assert!(message.contains("1.4"), "{message}");

    // Requirements that exist (BIO2 in the numbering of the version cited) are accepted.
    write_custom_rule(
        &dir,
        &[
            "title: Our own rule",
            "custom:",
            "  id: ORG001",
            "  severity: note",
            "  frameworks:",
            "    nis2: [\"21(2)(c)\"]",
            "    bio2: [\"8.13.04\"]",
            "  bio2_version: \"1.2\"",
        ],
    );
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 0, "{doc}");
    assert!(diagnostics(&doc).is_empty(), "{doc}");
}

/// Every problem of a METADATA block in one run, each on the line of its key (or on the
/// `custom:` line or the block's first line when the key is missing).
#[test]
fn every_metadata_problem_of_a_custom_rule_is_reported_at_its_line() {
    let dir = clean_repo("custom-metadata");
    let (problems, _) = refused_metadata(
        &dir,
        &[
            "title: No id, no severity",
            "custom:",
            "  frameworks:",
            "    nis2: [\"21(2)(c)\"]",
        ],
    );
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems.iter().all(|p| (p.0, p.1) == (3, 3)),
        "at `custom:`: {problems:#?}"
    );
    assert!(problems[0].2.contains("custom.id"), "{problems:#?}");
    assert!(problems[1].2.contains("custom.severity"), "{problems:#?}");

    let (problems, doc) = refused_metadata(
        &dir,
        &[
            "description: no title",
            "custom:",
            "  severity: critical",
            "  sevrity: error",
            "  frameworks:",
            "    nis2: 21(2)(c)",
            "autors: [me]",
        ],
    );
    let lines: Vec<(u64, u64)> = problems.iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(
        lines,
        vec![(1, 1), (3, 3), (4, 15), (5, 5), (7, 13), (8, 3)],
        "no title (the block), no id (`custom:`), the severity, the misspelt key, the list \
         that is a string, the unknown key: {problems:#?}"
    );
    assert!(problems[0].2.contains("title"), "{problems:#?}");
    assert!(problems[1].2.contains("custom.id"), "{problems:#?}");
    assert!(problems[2].2.contains("critical"), "{problems:#?}");
    assert!(problems[3].2.contains("sevrity"), "{problems:#?}");
    assert!(problems[4].2.contains("nis2"), "{problems:#?}");
    assert!(problems[5].2.contains("autors"), "{problems:#?}");
    let typo = &with_code(&doc, "invalid-metadata")[3];
    assert_eq!(typo["help"], "did you mean `severity`?", "{typo}");
}

#[test]
fn policy_folders_outside_the_repository_are_refused() {
    let dir = clean_repo("policy-outside");
    let elsewhere = copy_fixture("fixtures/hostile/recursive-policy", "policy-elsewhere");
    std::fs::write(
        dir.join("nis2check.toml"),
        format!(
            "frameworks = []\npolicies = [\"../{}/policies\", \"{}\"]\n",
            elsewhere.file_name().unwrap().to_str().unwrap(),
            elsewhere.join("policies").display()
        ),
    )
    .unwrap();
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2, "{doc}");
    assert_eq!(with_code(&doc, "policy-folder-outside").len(), 2, "{doc}");
    assert!(
        with_code(&doc, "policy-recursion").is_empty(),
        "not read: {doc}"
    );
}

// ----------------------------------------------------------------- nobody talks it into green

#[test]
fn builtin_only_ignores_the_repositorys_policies_and_rule_overrides() {
    let dir = common::root().join("fixtures/hostile/recursive-policy");
    let (code, doc, _) = check_json(&dir, &["--builtin-only"]);
    assert_eq!(code, 0, "{doc}");
    assert!(diagnostics(&doc).is_empty(), "{doc}");

    let dir = common::root().join("fixtures/hostile/builtin-rule-relaxed");
    let (_, doc, _) = check_json(&dir, &[]);
    let notes = with_code(&doc, "builtin-rule-relaxed");
    assert_eq!(
        notes.len(),
        2,
        "off and lowered are noted, raised is not: {doc}"
    );
    assert!(notes
        .iter()
        .all(|d| d["severity"] == "note" && d["file"] == "nis2check.toml"));
    let (_, doc, _) = check_json(&dir, &["--builtin-only"]);
    assert!(with_code(&doc, "builtin-rule-relaxed").is_empty(), "{doc}");

    // A rule turned off in `[rules]` runs again under --builtin-only.
    let dir = copy_fixture("fixtures/waivers/waived", "relaxed-off");
    let settings = dir.join("nis2check.toml");
    let old = std::fs::read_to_string(&settings).unwrap_or_default();
    std::fs::write(&settings, format!("{old}\n[rules]\nAST002 = \"off\"\n")).unwrap();
    let (_, doc, _) = check_json(&dir, &["--no-waivers"]);
    assert!(with_code(&doc, "AST002").is_empty(), "{doc}");
    let (code, doc, _) = check_json(&dir, &["--no-waivers", "--builtin-only"]);
    assert_eq!(with_code(&doc, "AST002").len(), 1, "{doc}");
    assert_eq!(code, 1);
}

#[test]
fn no_waivers_counts_every_finding() {
    let dir = common::root().join("fixtures/waivers/waived");
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(doc["summary"]["waived"], 1, "{doc}");
    let (code_audit, audit, _) = check_json(&dir, &["--no-waivers"]);
    assert_eq!(audit["summary"]["waived"], 0);
    let d = &with_code(&audit, "AST002")[0];
    assert!(d["waived_by"].is_null());
    assert_eq!(code_audit, 1, "the waived error fails an audit run");
    assert_eq!(code, 0);
}

#[test]
fn a_waiver_needs_an_existing_approver_and_a_bounded_term() {
    let dir = copy_fixture("fixtures/waivers/waived", "waiver-rules");
    let waivers = dir.join("waivers.toml");
    common::replace_in(
        &waivers,
        "approved_by = \"p-ciso\"",
        "approved_by = \"p-nobody\"",
    );
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2, "{doc}");
    let d = &with_code(&doc, "dangling-reference")[0];
    assert_eq!(d["file"], "waivers.toml", "{d}");
    assert_eq!(
        doc["summary"]["waived"], 0,
        "an input error stops evaluation: {doc}"
    );

    common::replace_in(
        &waivers,
        "approved_by = \"p-nobody\"",
        "approved_by = \"p-ciso\"",
    );
    common::replace_in(&waivers, "expires = 2026-12-31", "expires = 2027-12-31");
    let (code, doc, _) = check_json(&dir, &[]);
    let d = &with_code(&doc, "waiver-too-long")[0];
    assert_eq!(code, 1, "an error of the waiver, not of the input: {doc}");
    assert!(d["message"].as_str().unwrap().contains("12 months"), "{d}");
    assert_eq!(
        doc["summary"]["waived"], 0,
        "a waiver that runs too long waives nothing"
    );

    let settings = dir.join("nis2check.toml");
    let old = std::fs::read_to_string(&settings).unwrap_or_default();
    std::fs::write(&settings, format!("{old}\n[waivers]\nmax_months = 24\n")).unwrap();
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(
        (code, &doc["summary"]["waived"]),
        (0, &serde_json::json!(1)),
        "{doc}"
    );
}

/// A waiver's dates need no rule results: an expired waiver and one that runs too long are
/// reported in the same run as the input errors that stop evaluation, not after they are fixed.
#[test]
fn waiver_dates_are_checked_while_other_input_errors_stop_evaluation() {
    let dir = copy_fixture("fixtures/example-org", "waiver-dates-and-input-errors");
    let waivers = dir.join("waivers.toml");
    common::replace_in(&waivers, "expires = 2026-12-31", "expires = 2026-01-31");
    let waiver = |id: &str, expires: &str, extra: &str| {
        format!("\n[[waiver]]\nid = \"{id}\"\nrule = \"AST002\"\ntarget = \"asset:a-gba-archief\"\nreason = \"r\"\napproved_by = \"p-visser\"\nexpires = {expires}\n{extra}")
    };
    let mut text = std::fs::read_to_string(&waivers).unwrap();
    text.push_str(&waiver("w-long", "2029-01-31", ""));
    text.push_str(&waiver("w-typo", "2026-12-31", "tikket = \"x\"\n"));
    std::fs::write(&waivers, text).unwrap();

    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2, "{doc}");
    assert_eq!(with_code(&doc, "unknown-key").len(), 1, "{doc}");
    let expired = with_code(&doc, "waiver-expired");
    assert_eq!(expired.len(), 1, "{doc}");
    assert_eq!(
        (expired[0]["file"].as_str(), expired[0]["line"].as_u64()),
        (Some("waivers.toml"), Some(9)),
        "{doc}"
    );
    assert!(
        expired[0]["message"]
            .as_str()
            .unwrap()
            .contains("w-2026-003"),
        "{doc}"
    );
    let long = with_code(&doc, "waiver-too-long");
    assert_eq!(long.len(), 1, "{doc}");
    assert!(
        long[0]["message"].as_str().unwrap().contains("w-long"),
        "{doc}"
    );
    assert!(
        with_code(&doc, "waiver-unused").is_empty(),
        "unused needs the rules' results, which an input error withholds: {doc}"
    );
    assert_eq!(doc["summary"]["evaluated"], false, "{doc}");
}

#[test]
fn a_custom_rule_cannot_replace_or_shadow_a_builtin_rule() {
    let dir = common::root().join("fixtures/hostile/reserved-namespace-policy");
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2);
    let d = &with_code(&doc, "reserved-package")[0];
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("nis2check.incidents.early_warning"),
        "{d}"
    );

    // A custom rule that takes a built-in rule's id.
    let dir = clean_repo("same-id");
    std::fs::create_dir(dir.join("policies")).unwrap();
    std::fs::write(
        dir.join("policies/mine.rego"),
        "# METADATA\n# title: Mine\n# custom:\n#   id: INC001\n#   severity: note\npackage org.mine\n\ndeny contains {\"msg\": \"x\"} if { false }\n",
    )
    .unwrap();
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2, "{doc}");
    let dup = with_code(&doc, "duplicate-rule-id");
    assert_eq!(dup.len(), 1, "{doc}");
    // At the `id:` line of the organisation's rule, naming the built-in one as built-in.
    assert_eq!(
        (dup[0]["file"].as_str(), dup[0]["line"].as_u64()),
        (Some("policies/mine.rego"), Some(4)),
        "{doc}"
    );
    assert!(
        dup[0]["message"]
            .as_str()
            .unwrap()
            .contains("the built-in rule `policies/incidents/early_warning/early_warning.rego`"),
        "{doc}"
    );
}

// ----------------------------------------------------------------- determinism

/// The bytes a run prints, in both formats.
fn outputs(root: &Path, seed: Option<u64>) -> (String, String) {
    let mut opts = Options::new(root, jiff::civil::date(2026, 6, 30));
    opts.limits.shuffle_seed = seed;
    let outcome = check::run(&opts);
    let code = outcome.exit_code(outcome.settings.fail_on);
    let style = Style {
        color: false,
        width: 100,
    };
    (
        report::render(&outcome, Format::Human, style, code),
        report::render(&outcome, Format::Json, style, code),
    )
}

/// Whatever order the file system lists files in, the output is byte-identical. The hook
/// (`Limits::shuffle_seed`) lists every folder in a seeded pseudo-random order instead of by
/// name. (The thread count is varied in the next test.)
#[test]
fn output_does_not_depend_on_the_order_files_are_listed_in() {
    for fixture in [
        "fixtures/example-org",
        "fixtures/invalid/several-broken",
        "fixtures/invalid/duplicate-id",
        "fixtures/invalid/two-organizations",
        "fixtures/hostile/odd-paths",
        "fixtures/hostile/not-toml",
    ] {
        let root = common::root().join(fixture);
        let sorted = outputs(&root, None);
        for seed in [1, 2, 3, 0xdead_beef, u64::MAX] {
            let shuffled = outputs(&root, Some(seed));
            assert!(
                sorted.0 == shuffled.0,
                "{fixture}: human output differs with seed {seed}"
            );
            assert!(
                sorted.1 == shuffled.1,
                "{fixture}: JSON output differs with seed {seed}"
            );
        }
    }
}

// ----------------------------------------------------------------- command-line misuse

/// A one-line error naming the problem, then a hint; exit 2; nothing on stdout.
fn assert_usage_error(args: &[&str], needle: &str) {
    let (code, out, err) = run(args);
    assert_eq!(code, 2, "{args:?}: {out}{err}");
    assert!(out.is_empty(), "{args:?}: {out}");
    let first = err.lines().next().unwrap_or_default();
    assert!(first.starts_with("error: "), "{args:?}: {err}");
    assert!(first.contains(needle), "{args:?}: {err}");
    assert!(
        err.contains("hint:") || err.contains("--help") || err.contains("possible values"),
        "{args:?}: no hint: {err}"
    );
}

#[test]
fn command_line_misuse_is_a_one_line_error_with_a_hint() {
    assert_usage_error(
        &["check", "no/such/folder", "--as-of", AS_OF],
        "does not exist",
    );
    assert_usage_error(
        &[
            "check",
            "fixtures/hostile/crlf/people.toml",
            "--as-of",
            AS_OF,
        ],
        "is a file",
    );
    assert_usage_error(
        &["check", "fixtures/hostile/crlf", "--format", "xml"],
        "xml",
    );
    assert_usage_error(
        &["check", "fixtures/hostile/crlf", "--as-of", "30-06-2026"],
        "not a date",
    );
    assert_usage_error(
        &["check", "fixtures/hostile/crlf", "--as-of", "2026-02-30"],
        "not a date",
    );
    assert_usage_error(
        &["check", "fixtures/hostile/crlf", "--max-files", "many"],
        "many",
    );
    assert_usage_error(
        &["check", "fixtures/hostile/crlf", "--policy-timeout", "-1"],
        "-1",
    );
}

/// A date from `NIS2CHECK_AS_OF` is named as such: the command line has no `--as-of` to fix.
#[test]
fn a_bad_date_from_the_environment_names_the_variable() {
    for command in ["check", "report"] {
        let (code, out, err) = common::run_in_env(
            &common::root(),
            &[command, "fixtures/hostile/crlf"],
            &[("NIS2CHECK_AS_OF", "bogus")],
        );
        assert_eq!(code, 2, "{command}: {out}{err}");
        let first = err.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("error: ")
                && first.contains("NIS2CHECK_AS_OF")
                && first.contains("environment variable")
                && first.contains("bogus")
                && !first.contains("--as-of"),
            "{command}: {err}"
        );
        assert!(err.contains("hint:"), "{command}: {err}");
    }
    // `--as-of` given on the command line wins over the variable, and is named when wrong.
    let (code, _, err) = common::run_in_env(
        &common::root(),
        &["check", "fixtures/hostile/crlf", "--as-of", "bogus"],
        &[("NIS2CHECK_AS_OF", AS_OF)],
    );
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: `--as-of bogus` is not a date"),
        "{err}"
    );
    let (code, _, err) = common::run_in_env(
        &common::root(),
        &["check", "fixtures/hostile/crlf", "--as-of", AS_OF],
        &[("NIS2CHECK_AS_OF", "bogus")],
    );
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_repository_without_organization_is_exit_2_with_a_hint() {
    let dir = clean_repo("no-org");
    std::fs::remove_file(dir.join("organization.toml")).unwrap();
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2, "{doc}");
    let d = &with_code(&doc, "no-organization")[0];
    assert!(
        d["help"].as_str().unwrap().contains("[organization]"),
        "{d}"
    );
    // An empty folder too.
    let empty = common::temp_dir("empty");
    let (code, out, err) = run_in(&empty, &["check", ".", "--as-of", AS_OF]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("error[no-files]") && out.contains("nis2check init"),
        "{out}"
    );
}

/// Files are read and validated, and rules evaluated, on several threads (`NIS2CHECK_THREADS`,
/// default: the available parallelism): 1 and N threads print the same bytes, input errors
/// spread over many files and rule failures included (their labels move from the workers'
/// files into the run's, in file and rule order).
#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let run_threads = |fixture: &str, threads: &str, format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nis2check"))
            .args(["check", fixture, "--as-of", AS_OF, "--format", format])
            .args(["--policy-timeout", "1"])
            .current_dir(common::root())
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .env("NIS2CHECK_THREADS", threads)
            .output()
            .unwrap();
        (out.status.code(), out.stdout)
    };
    for fixture in [
        "fixtures/example-org",
        "fixtures/invalid/several-broken",
        "fixtures/invalid/duplicate-id",
        "fixtures/hostile/invalid-utf8",
        "fixtures/hostile/runtime-error-policy",
        "fixtures/hostile/long-loop-policy",
    ] {
        for format in ["human", "json"] {
            let one = run_threads(fixture, "1", format);
            for n in ["2", "4", "7"] {
                assert!(
                    one == run_threads(fixture, n, format),
                    "{fixture} ({format}): 1 and {n} threads differ"
                );
            }
        }
    }
}

/// Found by fuzzing: a date such as 1013-06-01 is valid TOML, but the rules count time in
/// nanoseconds since 1970 and failed at run time (exit 2 as a *policy* error, labelled in the
/// wrong file when rules ran on several threads). It is an input error at the date now.
#[test]
fn a_date_far_outside_the_calendar_is_an_input_error_not_a_rule_failure() {
    let dir = copy_fixture("fixtures/waivers/waived", "far-date");
    common::replace_in(
        &dir.join("people.toml"),
        "completed_at = 2025-10-09",
        "completed_at = 1013-10-09",
    );
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2, "{doc}");
    let d = &with_code(&doc, "date-out-of-range")[0];
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some("people.toml"), Some(5)),
        "{d}"
    );
    assert!(with_code(&doc, "policy-runtime-error").is_empty(), "{doc}");
    let (code, _, err) = run(&["check", "fixtures/waivers/waived", "--as-of", "9999-01-01"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: `--as-of 9999-01-01` is outside the years"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn evidence_behind_a_link_out_of_the_repository_is_refused() {
    let dir = copy_fixture("fixtures/invalid/evidence-paths", "evidence-link");
    std::os::unix::fs::symlink("/etc/hostname", dir.join("evidence/restore-test-2025.pdf"))
        .unwrap();
    let (code, doc, _) = check_json(&dir, &[]);
    assert_eq!(code, 2);
    let outside = with_code(&doc, "evidence-outside-repository");
    assert!(
        outside.iter().any(|d| d["message"]
            .as_str()
            .unwrap()
            .contains("restore-test-2025.pdf")
            && d["message"].as_str().unwrap().contains("leads out")),
        "{doc}"
    );
}

/// Found by fuzzing: regorus' parser takes time that doubles with every level of `{` or `[`
/// (30 levels would take hours). Such a module is refused before regorus sees it.
#[test]
fn a_policy_with_brackets_nested_deep_is_refused_at_once() {
    let dir = clean_repo("nested-policy");
    std::fs::create_dir(dir.join("policies")).unwrap();
    std::fs::write(
        dir.join("policies/nested.rego"),
        format!(
            "package org.nested\n\nf(x) := 1\n\nr if {{\n  f({}x)\n}}\n",
            "{".repeat(30)
        ),
    )
    .unwrap();
    let started = Instant::now();
    let (code, doc, _) = check_json(&dir, &[]);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(code, 2, "{doc}");
    let d = &with_code(&doc, "policy-too-nested")[0];
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some("policies/nested.rego"), Some(6))
    );
}
