//! `--format json`: every diagnostic with its place, rule data and waiver. Versioned: fields are
//! only ever added within a version (README, "JSON output").

use serde_json::{json, Map, Value};

use crate::check::Outcome;
use crate::diag::{Diagnostic, Severity};
use crate::source::Sources;

pub const VERSION: u32 = 1;

fn place(label: &crate::diag::Label, sources: &Sources) -> Map<String, Value> {
    let f = sources.get(label.file);
    let start = f.line_col(label.span.start);
    let end = f.line_col(label.span.end);
    let mut m = Map::new();
    m.insert("file".into(), json!(f.name));
    m.insert("line".into(), json!(start.line));
    m.insert("column".into(), json!(start.column));
    m.insert("end_line".into(), json!(end.line));
    m.insert("end_column".into(), json!(end.column));
    m
}

pub fn diagnostic(d: &Diagnostic, sources: &Sources) -> Value {
    let mut m = Map::new();
    m.insert("code".into(), json!(d.code));
    m.insert("origin".into(), json!(d.origin));
    m.insert("severity".into(), json!(d.severity));
    m.insert("message".into(), json!(d.message));
    match &d.primary {
        Some(l) => {
            m.extend(place(l, sources));
            m.insert("label".into(), json!(l.message));
        }
        None => {
            for k in ["file", "line", "column", "end_line", "end_column", "label"] {
                m.insert(k.into(), Value::Null);
            }
        }
    }
    let (title, entity, field, frameworks) = match &d.rule {
        Some(r) => {
            let fw: Map<String, Value> = r
                .frameworks
                .iter()
                .map(|(k, v)| (k.clone(), json!(v)))
                .collect();
            (
                json!(r.title),
                json!(r.entity),
                json!(r.field),
                Value::Object(fw),
            )
        }
        None => (Value::Null, Value::Null, json!([]), json!({})),
    };
    m.insert("title".into(), title);
    m.insert("entity".into(), entity);
    m.insert("field".into(), field);
    m.insert("frameworks".into(), frameworks);
    m.insert("references".into(), json!(d.references));
    m.insert("help".into(), json!(d.help));
    m.insert("waived_by".into(), json!(d.waived_by));
    m.insert("baselined".into(), json!(d.baselined));
    let related: Vec<Value> = d
        .secondary
        .iter()
        .map(|l| {
            let mut r = place(l, sources);
            r.insert("message".into(), json!(l.message));
            Value::Object(r)
        })
        .collect();
    m.insert("related".into(), Value::Array(related));
    Value::Object(m)
}

pub fn render(outcome: &Outcome, exit_code: i32) -> String {
    let diagnostics: Vec<Value> = outcome
        .diagnostics
        .iter()
        .map(|d| diagnostic(d, &outcome.sources))
        .collect();
    let doc = json!({
        "version": VERSION,
        "tool": {"name": "nis2check", "version": env!("CARGO_PKG_VERSION")},
        "as_of": outcome.as_of.to_string(),
        "frameworks": outcome.frameworks,
        "summary": {
            "errors": outcome.count(Severity::Error),
            "warnings": outcome.count(Severity::Warning),
            "notes": outcome.count(Severity::Note),
            "waived": outcome.waived(),
            "rules_evaluated": outcome.rules_evaluated,
            "evaluated": outcome.evaluated,
            "entities": outcome.entities,
            "files": outcome.files,
            "exit_code": exit_code,
        },
        "diagnostics": diagnostics,
    });
    let mut doc = doc;
    if let Some(c) = &outcome.comparison {
        doc["comparison"] = json!({
            "against": c.against,
            "known": c.known,
            "resolved": c.resolved.iter().map(|(code, message)| json!({"code": code, "message": message})).collect::<Vec<_>>(),
        });
    }
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values serialize");
    s.push('\n');
    s
}
