//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! One run. `tool.driver.rules[]` is generated from the METADATA of every rule that fired (and a
//! short entry for every other code, such as `unknown-key`), sorted by id. Results keep the
//! diagnostics' order. Columns are UTF-16 code units (`columnKind`), as GitHub counts them.
//! `partialFingerprints["nis2check/v1"]` hashes what a finding is about — rule, entity, field —
//! never its line, so an alert survives edits elsewhere in the file.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Map, Value};

use crate::check::{self, Outcome};
use crate::diag::{Diagnostic, Label, Origin, Severity};
use crate::policy::Rule;
use crate::settings::Level;
use crate::source::{SourceFile, Sources};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const FINGERPRINT_KEY: &str = "nis2check/v1";

/// SARIF's level for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// GitHub's `security-severity` (a CVSS-like score: 7.0–8.9 is "high", 4.0–6.9 "medium",
/// 0.1–3.9 "low").
pub fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "8.0",
        Severity::Warning => "5.0",
        Severity::Note => "2.0",
    }
}

/// FNV-1a, 64 bits: small, stable across platforms and releases, no dependency.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Hashes parts joined by U+001F (which no part contains in practice), as 16 hex digits.
fn hash_parts(parts: &[&str]) -> String {
    format!("{:016x}", fnv1a64(parts.join("\u{1f}").as_bytes()))
}

/// The line-independent identity of a diagnostic ([`Diagnostic::fingerprint`], the one
/// baselines use), hashed.
pub fn fingerprint(d: &Diagnostic, sources: &Sources) -> String {
    format!("{:016x}", fnv1a64(d.fingerprint(sources).as_bytes()))
}

/// The fingerprint of every diagnostic, in order. Two results with one fingerprint would
/// merge into one alert, so where several diagnostics share one (a rule that reports one
/// entity and field several times), their message is hashed in too, and what still repeats is
/// numbered.
pub fn fingerprints(outcome: &Outcome) -> Vec<String> {
    let base: Vec<String> = outcome
        .diagnostics
        .iter()
        .map(|d| fingerprint(d, &outcome.sources))
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for fp in &base {
        *count.entry(fp).or_default() += 1;
    }
    let refined: Vec<String> = base
        .iter()
        .zip(&outcome.diagnostics)
        .map(|(fp, d)| {
            if count[fp.as_str()] > 1 {
                hash_parts(&[fp, &d.message])
            } else {
                fp.clone()
            }
        })
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    refined
        .iter()
        .map(|fp| {
            let n = seen.entry(fp).or_default();
            *n += 1;
            if *n > 1 {
                format!("{fp}:{n}")
            } else {
                fp.clone()
            }
        })
        .collect()
}

/// `restore_test` → `RestoreTest`, `unknown-key` → `UnknownKey`.
pub fn pascal_case(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            let first = cs.next().expect("non-empty").to_ascii_uppercase();
            std::iter::once(first).chain(cs).collect::<String>()
        })
        .collect()
}

/// A 1-based (line, UTF-16 column) of a byte offset.
fn utf16_line_col(f: &SourceFile, offset: usize) -> (usize, usize) {
    let offset = f.clamp(offset);
    let line = f.line_index(offset);
    let start = f.line_range(line).start.min(offset);
    (line + 1, f.text[start..offset].encode_utf16().count() + 1)
}

fn physical_location(label: &Label, outcome: &Outcome) -> Value {
    let f = outcome.sources.get(label.file);
    let (start_line, start_column) = utf16_line_col(f, label.span.start);
    let (end_line, end_column) = utf16_line_col(f, label.span.end.max(label.span.start));
    json!({
        "artifactLocation": {"uri": uri(&outcome.ci_path(f)), "uriBaseId": "%SRCROOT%"},
        "region": {
            "startLine": start_line,
            "startColumn": start_column,
            "endLine": end_line,
            "endColumn": end_column,
        },
    })
}

/// A relative URI reference for a `/`-separated path: percent-encodes what a URI cannot hold.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b'@' => out.push(b as char),
            // A colon in the first segment would read as a scheme.
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A one-line description of a code that is not a rule.
pub fn code_description(code: &str, origin: Origin) -> String {
    let known = match code {
        "syntax-error" => "A file is not valid TOML",
        "unreadable" => "A file or folder cannot be read",
        "file-too-large" => "A file is larger than --max-file-size",
        "too-many-files" => "The repository holds more files than nis2check reads",
        "symlink-skipped" => "A symbolic link was skipped; links are never followed",
        "unknown-kind" => "A table is not one of the kinds nis2check knows",
        "unknown-key" => "A key is not part of the format of its kind",
        "missing-field" => "A required field is missing",
        "wrong-type" => "A value has the wrong type",
        "invalid-value" => "A value is not one of the allowed values",
        "invalid-date" => "A date is not a valid TOML local date",
        "missing-offset" => "A timestamp needs a time and a UTC offset",
        "invalid-id" => "An id is not a valid identifier",
        "not-finite" => "A number must be finite",
        "number-out-of-range" | "out-of-range" => "A number is outside its allowed range",
        "duplicate-id" => "Two entities of one kind share an id",
        "duplicate-organization" => "The repository has more than one [organization]",
        "no-organization" => "The repository has no [organization] table",
        "dangling-reference" => "A reference names an entity that does not exist",
        "unknown-requirement" => "A requirement id is not in its framework's catalogue",
        "unknown-framework" => "nis2check.toml names an unknown framework",
        "unknown-rule" => "nis2check.toml configures a rule that does not exist",
        "invalid-glob" => "An exclude pattern in nis2check.toml is not a valid glob",
        "invalid-target" => "A waiver's target is not `kind:id` or `organization`",
        "waiver-expired" => "A waiver has expired",
        "waiver-too-long" => "A waiver runs longer than the allowed maximum",
        "waiver-unused" => "A waiver matches no finding",
        "missing-policy-folder" => "A policy folder named in nis2check.toml does not exist",
        "missing-metadata" => "A rule package has no METADATA block",
        "invalid-metadata" => "A rule's METADATA block is invalid",
        "duplicate-rule-id" => "Two rule packages share a rule id",
        "reserved-package" => "A custom rule uses the reserved nis2check namespace",
        "policy-error" => "A rule package failed to compile",
        "policy-runtime-error" => "A rule failed while it was evaluated",
        "policy-timeout" => "A rule ran past its time limit",
        "malformed-finding" => "A rule returned a malformed finding",
        "unknown-entity" => "A rule reported an entity that is not in the repository",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    match origin {
        Origin::Input => format!("Input problem `{code}`"),
        Origin::Policy => format!("Policy problem `{code}`"),
        Origin::Waiver => format!("Waiver problem `{code}`"),
        Origin::Finding => format!("Finding `{code}`"),
    }
}

/// The level a rule reports at: its `[rules]` override in nis2check.toml, else its METADATA.
pub fn rule_level(rule: &Rule, outcome: &Outcome) -> Severity {
    match outcome.settings.level(&rule.meta.id) {
        Some(Level::On(s)) => s,
        _ => rule.meta.severity,
    }
}

fn rule_descriptor(rule: &Rule, outcome: &Outcome) -> Value {
    let meta = &rule.meta;
    let references = check::references(meta, &outcome.catalog);
    let severity = rule_level(rule, outcome);
    let name = rule.package.rsplit('.').next().unwrap_or(&meta.title);

    let mut text = meta.remediation.clone();
    let mut markdown = meta.remediation.clone();
    if !references.is_empty() {
        text.push_str(&format!("\n\nLegal basis: {}", references.join(" · ")));
        markdown.push_str(&format!("\n\n**Legal basis:** {}", references.join(" · ")));
    }
    if let Some(example) = &meta.example {
        markdown.push_str(&format!(
            "\n\n**Example that passes:**\n\n```toml\n{}\n```",
            example.trim_end()
        ));
    }
    if !meta.related_resources.is_empty() {
        markdown.push_str("\n\n**References:**\n");
        for r in &meta.related_resources {
            let label = r.description.as_deref().unwrap_or(&r.reference);
            markdown.push_str(&format!("\n- [{label}]({})", r.reference));
        }
    }

    let mut tags = vec!["security".to_string(), "compliance".to_string()];
    tags.extend(meta.frameworks.keys().cloned());
    tags.extend(references.iter().cloned());
    tags.dedup();

    let mut m = Map::new();
    m.insert("id".into(), json!(meta.id));
    m.insert("name".into(), json!(pascal_case(name)));
    m.insert("shortDescription".into(), json!({"text": meta.title}));
    if !meta.description.is_empty() {
        m.insert("fullDescription".into(), json!({"text": meta.description}));
    }
    if let Some(uri) = meta
        .related_resources
        .iter()
        .map(|r| r.reference.as_str())
        .find(|r| r.starts_with("https://") || r.starts_with("http://"))
    {
        m.insert("helpUri".into(), json!(uri));
    }
    m.insert("help".into(), json!({"text": text, "markdown": markdown}));
    m.insert(
        "defaultConfiguration".into(),
        json!({"level": level(severity)}),
    );
    m.insert(
        "properties".into(),
        json!({
            "tags": tags,
            "precision": "very-high",
            "security-severity": security_severity(severity),
            "frameworks": meta.frameworks,
        }),
    );
    Value::Object(m)
}

fn code_descriptor(code: &str, origin: Origin, severity: Severity) -> Value {
    let description = code_description(code, origin);
    let kind = match origin {
        Origin::Input => "input",
        Origin::Policy => "policy",
        Origin::Waiver => "waiver",
        Origin::Finding => "finding",
    };
    json!({
        "id": code,
        "name": pascal_case(code),
        "shortDescription": {"text": description},
        "help": {
            "text": format!("{description}. The result's message says what to change."),
            "markdown": format!("{description}. The result's message says what to change."),
        },
        "defaultConfiguration": {"level": level(severity)},
        "properties": {
            "tags": ["security", "compliance", kind],
            "precision": "very-high",
            "security-severity": security_severity(severity),
        },
    })
}

/// The `rules[]` of the driver: one per code that occurs, sorted by id, and the index of each.
fn descriptors(outcome: &Outcome) -> (Vec<Value>, HashMap<String, usize>) {
    // code → (origin, most severe level seen)
    let mut codes: BTreeMap<&str, (Origin, Severity)> = BTreeMap::new();
    for d in &outcome.diagnostics {
        let e = codes.entry(&d.code).or_insert((d.origin, d.severity));
        e.1 = e.1.max(d.severity);
    }
    let mut out = Vec::with_capacity(codes.len());
    let mut index = HashMap::new();
    for (code, (origin, severity)) in codes {
        let rule = outcome.rules.iter().find(|r| r.meta.id == code);
        let v = match rule {
            Some(r) if origin == Origin::Finding => rule_descriptor(r, outcome),
            _ => code_descriptor(code, origin, severity),
        };
        index.insert(code.to_string(), out.len());
        out.push(v);
    }
    (out, index)
}

fn result(d: &Diagnostic, rule_index: usize, fingerprint: String, outcome: &Outcome) -> Value {
    let mut text = d.message.clone();
    if d.origin != Origin::Finding {
        if let Some(help) = &d.help {
            text.push_str(&format!("\nhelp: {help}"));
        }
    }
    let mut m = Map::new();
    m.insert("ruleId".into(), json!(d.code));
    m.insert("ruleIndex".into(), json!(rule_index));
    m.insert("level".into(), json!(level(d.severity)));
    m.insert("message".into(), json!({"text": text}));
    if let Some(l) = &d.primary {
        let mut loc = Map::new();
        loc.insert("physicalLocation".into(), physical_location(l, outcome));
        if let Some(msg) = &l.message {
            loc.insert("message".into(), json!({"text": msg}));
        }
        m.insert("locations".into(), json!([loc]));
    }
    if !d.secondary.is_empty() {
        let related: Vec<Value> = d
            .secondary
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut loc = Map::new();
                loc.insert("id".into(), json!(i + 1));
                loc.insert("physicalLocation".into(), physical_location(l, outcome));
                if let Some(msg) = &l.message {
                    loc.insert("message".into(), json!({"text": msg}));
                }
                Value::Object(loc)
            })
            .collect();
        m.insert("relatedLocations".into(), Value::Array(related));
    }
    m.insert(
        "partialFingerprints".into(),
        json!({ FINGERPRINT_KEY: fingerprint }),
    );
    if let Some(w) = &d.waived_by {
        m.insert(
            "suppressions".into(),
            json!([{
                "kind": "external",
                "status": "accepted",
                "justification": w.reason,
                "properties": {
                    "waiver": w.id,
                    "approvedBy": w.approved_by,
                    "expires": w.expires,
                },
            }]),
        );
    }
    let mut props = Map::new();
    props.insert("origin".into(), json!(d.origin));
    if let Some(r) = &d.rule {
        if let Some(e) = &r.entity {
            props.insert("entity".into(), json!(format!("{}:{}", e.kind, e.id)));
        }
        if !r.field.is_empty() {
            props.insert("field".into(), json!(r.field.join(".")));
        }
    }
    if !d.references.is_empty() {
        props.insert("references".into(), json!(d.references));
    }
    m.insert("properties".into(), Value::Object(props));
    Value::Object(m)
}

/// The SARIF log as a value.
pub fn document(outcome: &Outcome, exit_code: i32) -> Value {
    let (rules, index) = descriptors(outcome);
    let results: Vec<Value> = outcome
        .diagnostics
        .iter()
        .zip(fingerprints(outcome))
        .map(|(d, fp)| result(d, index[&d.code], fp, outcome))
        .collect();
    let version = env!("CARGO_PKG_VERSION");
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "nis2check",
                "version": version,
                "semanticVersion": version,
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": exit_code != 2,
                "exitCode": exit_code,
            }],
            "columnKind": "utf16CodeUnits",
            "results": results,
            "properties": {
                "asOf": outcome.as_of.to_string(),
                "frameworks": outcome.frameworks,
                "rulesEvaluated": outcome.rules_evaluated,
                "evaluated": outcome.evaluated,
            },
        }],
    })
}

pub fn render(outcome: &Outcome, exit_code: i32) -> String {
    let mut s =
        serde_json::to_string_pretty(&document(outcome, exit_code)).expect("JSON values serialize");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_reference_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn names_and_uris() {
        assert_eq!(pascal_case("restore_test"), "RestoreTest");
        assert_eq!(pascal_case("unknown-key"), "UnknownKey");
        assert_eq!(uri("assets/a b.toml"), "assets/a%20b.toml");
        assert_eq!(uri("c:d/é.toml"), "c%3Ad/%C3%A9.toml");
    }

    #[test]
    fn columns_count_utf16_code_units() {
        let f = SourceFile::new("a.toml".into(), "x = \"😀\" # y\nz");
        let off = f.text.find(" #").unwrap();
        // `x = "😀"` is 7 characters but 8 UTF-16 code units.
        assert_eq!(utf16_line_col(&f, off), (1, 9));
        assert_eq!(utf16_line_col(&f, f.text.len()), (2, 2));
    }
}
