//! What one fuzz case does, shared by the libFuzzer target and the seed writer.
//!
//! A case is a small repository written as one byte string: files separated by header lines
//! `#@@ PATH` (bytes before the first header belong to `organization.toml`). The whole
//! pipeline runs in memory (`check::run_on_files`: parse, validate, build the input, evaluate
//! the built-in rules, apply waivers), then the human and JSON renderers. It must not panic,
//! and every label must lie inside its file, on character boundaries.

use std::path::Path;

use nis2check::check::{self, Options};
use nis2check::report::{self, human::Style, Format};

/// The header that starts a file.
pub const HEADER: &[u8] = b"#@@ ";
const MAX_FILES: usize = 24;

/// Splits a case into files.
pub fn split(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut name = "organization.toml".to_string();
    let mut current = Vec::new();
    let mut rest = data;
    loop {
        let line_end = rest
            .iter()
            .position(|b| *b == b'\n')
            .map_or(rest.len(), |i| i + 1);
        let (line, tail) = rest.split_at(line_end);
        if let Some(header) = line.strip_prefix(HEADER) {
            if !current.is_empty() || !files.is_empty() || name != "organization.toml" {
                files.push((name, std::mem::take(&mut current)));
            }
            name = clean_name(header);
        } else {
            current.extend_from_slice(line);
        }
        if tail.is_empty() {
            break;
        }
        rest = tail;
    }
    files.push((name, current));
    // Later files of the same name win; at most MAX_FILES.
    files.reverse();
    let mut seen = std::collections::BTreeSet::new();
    files.retain(|(n, _)| seen.insert(n.clone()));
    files.truncate(MAX_FILES);
    files
}

fn clean_name(header: &[u8]) -> String {
    let text = String::from_utf8_lossy(header);
    let mut name: String = text
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '.'))
        .take(64)
        .collect();
    name = name.trim_matches('/').replace("..", "_");
    if name.is_empty() {
        name = "x".into();
    }
    if !name.ends_with(".toml") {
        name.push_str(".toml");
    }
    name
}

/// Joins files into a case (for seeds).
pub fn join(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, bytes) in files {
        out.extend_from_slice(HEADER);
        out.extend_from_slice(name.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(bytes);
        if !bytes.ends_with(b"\n") {
            out.push(b'\n');
        }
    }
    out
}

/// Runs one case and checks the invariants; panics when one does not hold.
pub fn check_one(data: &[u8]) {
    let files = split(data);
    let as_of = jiff::civil::date(2026, 6, 30);
    let mut opts = Options::new(Path::new("/nonexistent/nis2check-fuzz"), as_of);
    opts.engine.time_limit = std::time::Duration::from_secs(5);
    let outcome = check::run_on_files(&opts, &files);
    for d in &outcome.diagnostics {
        for label in d.primary.iter().chain(&d.secondary) {
            let text = &outcome.sources.get(label.file).text;
            assert!(
                label.span.start <= label.span.end && label.span.end <= text.len(),
                "{}: span {:?} outside `{}` ({} bytes)",
                d.code,
                label.span,
                outcome.sources.get(label.file).name,
                text.len()
            );
            assert!(
                text.is_char_boundary(label.span.start) && text.is_char_boundary(label.span.end),
                "{}: span {:?} not on character boundaries",
                d.code,
                label.span
            );
        }
    }
    let code = outcome.exit_code(outcome.settings.fail_on);
    let style = Style {
        color: false,
        width: 100,
    };
    let human = report::render(&outcome, Format::Human, style, code);
    assert!(
        !human
            .chars()
            .any(|c| c != '\n' && nis2check::source::is_unsafe_char(c)),
        "the human output holds a control character"
    );
    let json = report::render(&outcome, Format::Json, style, code);
    let doc: serde_json_check::Value = serde_json_check::from_str(&json).expect("valid JSON");
    assert_eq!(doc["summary"]["exit_code"], code);
}

/// A fuzz case for the organisation's own policies: the bytes are one Rego module. The static
/// checks run, and a module they accept is compiled and every rule in it evaluated (time
/// limit 1 s) over a small input. Whatever the module, the process must not abort (a stack
/// overflow in regorus is exactly what the checks exist to prevent).
pub fn policy_one(data: &[u8]) {
    use nis2check::policy::{self, EngineOptions, Module};
    let source = String::from_utf8_lossy(data).into_owned();
    let module = Module {
        path: "policies/fuzz.rego".into(),
        package: policy::metadata::package_of(&source)
            .map(|(p, _)| p)
            .unwrap_or_default(),
        source,
        builtin: false,
        is_test: false,
        file: None,
    };
    let mut sources = nis2check::source::Sources::default();
    let mut diagnostics = Vec::new();
    let options = EngineOptions {
        time_limit: std::time::Duration::from_secs(1),
    };
    let Some(mut set) = policy::prepare(&[module], &options, &mut sources, &mut diagnostics) else {
        return;
    };
    let input = serde_json_check::json!({
        "meta": {"as_of": "2026-06-30", "frameworks": ["nis2"]},
        "organization": {"name": "X", "employees": 12, "member_state": "NL"},
        "assets": [{"id": "a-1", "owner": "p-1", "criticality": "high", "tags": [1, [2, [3]]]}],
        "people": [{"id": "p-1", "roles": ["ciso"]}],
    });
    set.engine.set_input(regorus::Value::from(input));
    let all: Vec<usize> = (0..set.rules.len()).collect();
    let _ = policy::evaluate(&mut set, &all, &mut sources, &mut diagnostics);
    for d in &diagnostics {
        if let Some(l) = &d.primary {
            let text = &sources.get(l.file).text;
            assert!(
                l.span.end <= text.len() && l.span.start <= l.span.end,
                "{}",
                d.code
            );
        }
    }
}
