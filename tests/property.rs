//! Property test: mutate valid fixtures (byte flips, inserted bytes, deleted and duplicated
//! lines, truncation) and run the whole pipeline in memory (`check::run_on_files`: parse,
//! validate, evaluate the built-in rules, waivers, both renderers). Whatever the bytes:
//! no panic, every label inside its file on character boundaries, no raw control character in
//! the human output, and the JSON exit code is the outcome's.
//!
//! Bounded (a fixed number of cases, a fixed seed) so `cargo test` stays fast and repeatable;
//! the open-ended search is the fuzz target in `.fuzz/`.

use std::path::Path;

use nis2check::check::{self, Options};
use nis2check::report::{self, human::Style, Format};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Small repositories that cover every kind, waivers, settings and a broken one.
const FIXTURES: &[&str] = &[
    "fixtures/compliant-org",
    "fixtures/waivers/waived",
    "fixtures/invalid/several-broken",
    "fixtures/hostile/crlf",
    "fixtures/rules/early_warning",
];

/// Bytes worth inserting: TOML syntax, dates, control characters, multi-byte characters.
const TOKENS: &[&[u8]] = &[
    b"[[",
    b"]]",
    b"{",
    b"}",
    b"\"",
    b"'''",
    b"\"\"\"",
    b"=",
    b",",
    b"#",
    b"\n",
    b"\r\n",
    b"\r",
    b"\0",
    b"\x1b[2J",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xc3\xa9",
    b"\xe2\x80\xae",
    b"9999-99-99",
    b"1013-06-01",
    b"2026-02-29T25:00:00+01:00",
    b"nan",
    b"-inf",
    b"99999999999999999999",
    b"[organization]\n",
    b"[[waiver]]\n",
    b"[[person]]\nid = \"p-x\"\n",
    b"\\u0000",
    b"\\",
];

#[derive(Debug, Clone)]
enum Mutation {
    FlipByte {
        file: usize,
        at: usize,
        mask: u8,
    },
    Insert {
        file: usize,
        at: usize,
        token: usize,
    },
    DeleteLine {
        file: usize,
        line: usize,
    },
    DuplicateLine {
        file: usize,
        line: usize,
    },
    Truncate {
        file: usize,
        at: usize,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let ix = || any::<prop::sample::Index>();
    prop_oneof![
        (ix(), ix(), 1u8..=255).prop_map(|(f, a, mask)| Mutation::FlipByte {
            file: f.index(64),
            at: a.index(1 << 20),
            mask
        }),
        (ix(), ix(), 0..TOKENS.len()).prop_map(|(f, a, token)| Mutation::Insert {
            file: f.index(64),
            at: a.index(1 << 20),
            token
        }),
        (ix(), ix()).prop_map(|(f, l)| Mutation::DeleteLine {
            file: f.index(64),
            line: l.index(1 << 12)
        }),
        (ix(), ix()).prop_map(|(f, l)| Mutation::DuplicateLine {
            file: f.index(64),
            line: l.index(1 << 12)
        }),
        (ix(), ix()).prop_map(|(f, a)| Mutation::Truncate {
            file: f.index(64),
            at: a.index(1 << 20)
        }),
    ]
}

fn read_fixture(fixture: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "toml") {
            let rel = entry.path().strip_prefix(&root).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.push((rel, std::fs::read(entry.path()).unwrap()));
        }
    }
    assert!(!files.is_empty(), "{fixture}");
    files
}

fn lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|b| *b == b'\n').collect()
}

fn apply(files: &mut [(String, Vec<u8>)], m: &Mutation) {
    let n = files.len();
    match *m {
        Mutation::FlipByte { file, at, mask } => {
            let bytes = &mut files[file % n].1;
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] ^= mask;
            }
        }
        Mutation::Insert { file, at, token } => {
            let bytes = &mut files[file % n].1;
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, TOKENS[token].iter().copied());
        }
        Mutation::DeleteLine { file, line } | Mutation::DuplicateLine { file, line } => {
            let bytes = &mut files[file % n].1;
            let mut ls: Vec<Vec<u8>> = lines(bytes).into_iter().map(<[u8]>::to_vec).collect();
            if !ls.is_empty() {
                let i = line % ls.len();
                if matches!(m, Mutation::DeleteLine { .. }) {
                    ls.remove(i);
                } else {
                    let copy = ls[i].clone();
                    ls.insert(i, copy);
                }
            }
            *bytes = ls.concat();
        }
        Mutation::Truncate { file, at } => {
            let bytes = &mut files[file % n].1;
            let at = at % (bytes.len() + 1);
            bytes.truncate(at);
        }
    }
}

/// Runs one mutated repository and checks the invariants.
fn check_invariants(files: &[(String, Vec<u8>)]) -> Result<(), TestCaseError> {
    let mut opts = Options::new(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/compliant-org"),
        jiff::civil::date(2026, 6, 30),
    );
    opts.engine.time_limit = std::time::Duration::from_secs(5);
    let outcome = check::run_on_files(&opts, files);
    for d in &outcome.diagnostics {
        for label in d.primary.iter().chain(&d.secondary) {
            let file = outcome.sources.get(label.file);
            let text = &file.text;
            prop_assert!(
                label.span.start <= label.span.end && label.span.end <= text.len(),
                "{}: span {:?} outside `{}` ({} bytes)",
                d.code,
                label.span,
                file.name,
                text.len()
            );
            prop_assert!(
                text.is_char_boundary(label.span.start) && text.is_char_boundary(label.span.end),
                "{}: span {:?} of `{}` not on character boundaries",
                d.code,
                label.span,
                file.name
            );
        }
    }
    let code = outcome.exit_code(outcome.settings.fail_on);
    let style = Style {
        color: false,
        width: 100,
    };
    let human = report::render(&outcome, Format::Human, style, code);
    prop_assert!(
        !human
            .chars()
            .any(|c| c != '\n' && nis2check::source::is_unsafe_char(c)),
        "a raw control character in the human output"
    );
    let json = report::render(&outcome, Format::Json, style, code);
    let doc: serde_json::Value = serde_json::from_str(&json)
        .map_err(|e| TestCaseError::fail(format!("invalid JSON: {e}")))?;
    prop_assert_eq!(&doc["summary"]["exit_code"], &serde_json::json!(code));
    Ok(())
}

#[test]
fn mutated_fixtures_never_panic_and_labels_stay_inside_their_files() {
    let fixtures: Vec<Vec<(String, Vec<u8>)>> = FIXTURES.iter().map(|f| read_fixture(f)).collect();
    let config = Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    };
    // A fixed seed: the same cases on every run (a failure is reproducible from its output).
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let strategy = (0..fixtures.len(), prop::collection::vec(mutation(), 1..6));
    runner
        .run(&strategy, |(which, mutations)| {
            let mut files = fixtures[which].clone();
            for m in &mutations {
                apply(&mut files, m);
            }
            check_invariants(&files)
        })
        .unwrap();
}

#[test]
fn the_unmutated_fixtures_pass_the_invariants_too() {
    for fixture in FIXTURES {
        check_invariants(&read_fixture(fixture)).unwrap();
    }
}
