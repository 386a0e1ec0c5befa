//! The report as OSCAL 1.1.2 assessment results (JSON): one result whose observations are the
//! rules evaluated, the controls examined and the findings of the rules, and whose findings are
//! the requirements of the assessed frameworks, each with its status. UUIDs are name-based
//! (SHA-256 of stable strings, with the version 5 and RFC 4122 variant bits set), so the same
//! repository, commit and `--as-of` always give the same document.

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::{FrameworkReport, Report, Row, Status};

pub const OSCAL_VERSION: &str = "1.1.2";
/// The namespace of nis2check's own properties.
pub const NS: &str = "urn:nis2check:oscal";

/// A name-based UUID: the first 16 bytes of SHA-256(`nis2check:` + name), version 5, RFC 4122
/// variant.
pub fn uuid(name: &str) -> String {
    let digest = Sha256::digest(format!("nis2check:{name}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = super::stamp::hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// An OSCAL token for a requirement: `nis2-21_2_a`, `bio2-5.01.01`, `iso27001-A.5.1`.
pub fn token(prefix: &str, id: &str) -> String {
    let body: String = id
        .chars()
        .filter(|c| *c != ')')
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}-{body}")
}

/// A single line with no surrounding space (OSCAL `string` and `markup-line`).
fn line(s: &str) -> String {
    let joined: Vec<&str> = s.split_whitespace().collect();
    let out = joined.join(" ");
    if out.is_empty() {
        "-".to_string()
    } else {
        out
    }
}

fn prop(name: &str, value: &str) -> Value {
    json!({"name": name, "ns": NS, "value": line(value)})
}

/// A repository path as a relative URI reference (percent-encoded).
fn href(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn is_url(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

fn state(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Passing => ("satisfied", "pass"),
        Status::Failing => ("not-satisfied", "fail"),
        Status::Waived => ("not-satisfied", "other"),
        Status::NotApplicable => ("satisfied", "other"),
        Status::NotCovered => ("not-satisfied", "fail"),
        Status::DeclaredOnly => ("satisfied", "other"),
    }
}

fn explanation(r: &Report, row: &Row) -> String {
    let controls: Vec<&str> = row
        .controls
        .iter()
        .map(|&i| r.controls[i].id.as_str())
        .collect();
    let codes = |waived: bool| {
        let mut c: Vec<&str> = row
            .findings
            .iter()
            .map(|&i| &r.findings[i])
            .filter(|f| f.waived() == waived)
            .map(|f| f.diag.code.as_str())
            .collect();
        c.sort();
        c.dedup();
        c.join(", ")
    };
    let active = row
        .findings
        .iter()
        .filter(|&&i| !r.findings[i].waived())
        .count();
    match row.status {
        Status::Failing => format!(
            "{} not covered by a waiver, from rules that cite it ({}).",
            super::plural(active, "finding", "findings"),
            codes(false)
        ),
        Status::Waived => {
            let mut waivers: Vec<&str> = row
                .findings
                .iter()
                .filter_map(|&i| r.findings[i].diag.waived_by.as_ref())
                .map(|w| w.id.as_str())
                .collect();
            waivers.sort();
            waivers.dedup();
            format!(
                "{} from rules that cite it ({}), each covered by an unexpired waiver ({}).",
                super::plural(row.findings.len(), "finding", "findings"),
                codes(true),
                waivers.join(", ")
            )
        }
        Status::NotApplicable => format!("Marked not applicable by {}.", controls.join(", ")),
        Status::NotCovered => "No control lists this requirement.".to_string(),
        Status::Passing => format!(
            "Listed by {}; the rules that cite it ({}) report nothing.",
            controls.join(", "),
            row.rules.join(", ")
        ),
        Status::DeclaredOnly => format!(
            "Listed by {}; no rule evaluated in this run checks it, so the claim is declared, not verified.",
            controls.join(", ")
        ),
    }
}

fn implementation_state(r: &Report, row: &Row) -> Option<&'static str> {
    let statuses: Vec<&str> = row
        .controls
        .iter()
        .map(|&i| r.controls[i].status.as_str())
        .collect();
    if statuses.is_empty() {
        None
    } else if statuses.iter().all(|s| *s == "not-applicable") {
        Some("not-applicable")
    } else {
        ["implemented", "partial", "planned"]
            .into_iter()
            .find(|s| statuses.contains(s))
    }
}

fn rule_observation_uuid(subject: &str, code: &str) -> String {
    uuid(&format!("{subject}:rule:{code}"))
}

fn finding(
    r: &Report,
    fw: &FrameworkReport,
    row: &Row,
    subject: &str,
    finding_uuids: &[String],
) -> Value {
    let (state, reason) = state(row.status);
    let mut target = Map::new();
    target.insert("type".into(), json!("objective-id"));
    target.insert(
        "target-id".into(),
        json!(token(&fw.framework.meta.prefix, &row.req.id)),
    );
    target.insert("title".into(), json!(line(&row.cite)));
    if let Some(s) = implementation_state(r, row) {
        target.insert("implementation-status".into(), json!({"state": s}));
    }
    target.insert("status".into(), json!({"state": state, "reason": reason}));
    let mut related: Vec<Value> = Vec::new();
    for &i in &row.controls {
        related.push(
            json!({"observation-uuid": uuid(&format!("{subject}:control:{}", r.controls[i].id))}),
        );
    }
    for code in &row.rules {
        related.push(json!({"observation-uuid": rule_observation_uuid(subject, code)}));
    }
    for &i in &row.findings {
        related.push(json!({"observation-uuid": finding_uuids[i]}));
    }
    let mut f = Map::new();
    f.insert(
        "uuid".into(),
        json!(uuid(&format!("{subject}:requirement:{}", row.qualified))),
    );
    f.insert(
        "title".into(),
        json!(line(&format!("{} — {}", row.cite, row.req.title))),
    );
    f.insert(
        "description".into(),
        json!(format!("{}: {}", row.status.label(), explanation(r, row))),
    );
    f.insert(
        "props".into(),
        json!([
            prop("status", row.status.as_str()),
            prop("framework", fw.id()),
            prop("requirement-id", &row.req.id),
        ]),
    );
    f.insert("target".into(), Value::Object(target));
    if !related.is_empty() {
        f.insert("related-observations".into(), Value::Array(related));
    }
    let justifications: Vec<String> = row
        .controls
        .iter()
        .map(|&i| &r.controls[i])
        .filter(|c| c.not_applicable())
        .map(|c| {
            format!(
                "{}: {}",
                c.id,
                c.justification
                    .as_deref()
                    .unwrap_or("no justification given")
            )
        })
        .collect();
    if !justifications.is_empty() {
        f.insert(
            "remarks".into(),
            json!(format!("Justification — {}", justifications.join("; "))),
        );
    }
    Value::Object(f)
}

/// The observation UUID of every finding, by index: findings are told apart by rule, message
/// and place, and the n-th repeat of one gets its number.
fn finding_observation_uuids(subject: &str, r: &Report) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    r.findings
        .iter()
        .map(|f| {
            let place = f.place.as_ref().map_or(String::new(), |p| p.to_string());
            let key = format!("{}|{}|{place}", f.diag.code, f.diag.message);
            let nth = seen.entry(key.clone()).or_insert(0);
            let id = uuid(&format!("{subject}:finding:{key}#{nth}"));
            *nth += 1;
            id
        })
        .collect()
}

fn observations(r: &Report, subject: &str, at: &str, finding_uuids: &[String]) -> Vec<Value> {
    let mut out = Vec::new();
    // The rules evaluated that cite a requirement of an assessed framework.
    let mut codes: Vec<&str> = r
        .assessed
        .iter()
        .flat_map(|fw| fw.rows.iter())
        .flat_map(|row| row.rules.iter().map(String::as_str))
        .collect();
    codes.sort();
    codes.dedup();
    for code in codes {
        let of_rule: Vec<&super::FindingInfo> =
            r.findings.iter().filter(|f| f.diag.code == code).collect();
        let waived = of_rule.iter().filter(|f| f.waived()).count();
        let title = match r.rule_titles.get(code) {
            Some(t) => format!("Rule {code}: {t}"),
            None => format!("Rule {code}"),
        };
        out.push(json!({
            "uuid": rule_observation_uuid(subject, code),
            "title": line(&title),
            "description": format!(
                "Rule {code} was evaluated against the repository: {} ({} waived).",
                super::plural(of_rule.len(), "finding", "findings"),
                waived
            ),
            "props": [prop("rule-id", code), prop("findings", &of_rule.len().to_string())],
            "methods": ["TEST"],
            "collected": at,
        }));
    }
    for c in &r.controls {
        let mut evidence = vec![json!({
            "href": href(&c.place.file),
            "description": format!("Control `{}` is defined at {}.", c.id, c.place),
        })];
        for e in &c.evidence {
            let target = e.split_whitespace().next().unwrap_or("");
            let mut item = Map::new();
            if is_url(target) {
                item.insert("href".into(), json!(target));
            } else if !target.is_empty() {
                item.insert("href".into(), json!(href(target)));
            }
            item.insert("description".into(), json!(line(e)));
            evidence.push(Value::Object(item));
        }
        let mut desc = format!(
            "Control {} ({}) declares status `{}` and lists: {}.",
            c.id,
            c.title,
            c.status,
            if c.requirements.is_empty() {
                "nothing".to_string()
            } else {
                c.requirements.join(", ")
            }
        );
        if let Some(j) = &c.justification {
            desc.push_str(&format!(" Justification: {j}"));
        }
        out.push(json!({
            "uuid": uuid(&format!("{subject}:control:{}", c.id)),
            "title": line(&format!("Control {}: {}", c.id, c.title)),
            "description": desc,
            "props": [prop("control-id", &c.id), prop("control-status", &c.status)],
            "methods": ["EXAMINE"],
            "relevant-evidence": evidence,
            "collected": at,
        }));
    }
    for (i, f) in r.findings.iter().enumerate() {
        let d = f.diag;
        let info = d.rule.as_ref();
        let mut props = vec![
            prop("rule-id", &d.code),
            prop("severity", d.severity.as_str()),
        ];
        if let Some(e) = f.entity() {
            props.push(prop("entity", &e));
        }
        if let Some(w) = &d.waived_by {
            props.push(prop("waived-by", &w.id));
            props.push(prop("waiver-expires", &w.expires));
        }
        let mut o = Map::new();
        o.insert("uuid".into(), json!(finding_uuids[i]));
        o.insert(
            "title".into(),
            json!(line(&format!(
                "{}: {}",
                d.code,
                info.map_or("", |x| x.title.as_str())
            ))),
        );
        let mut desc = d.message.clone();
        if let Some(w) = &d.waived_by {
            desc.push_str(&format!(
                "\n\nWaived by {} (approved by {}, expires {}): {}",
                w.id, w.approved_by, w.expires, w.reason
            ));
        }
        if let Some(h) = &d.help {
            desc.push_str(&format!("\n\nHow to fix: {h}"));
        }
        o.insert("description".into(), json!(desc));
        o.insert("props".into(), Value::Array(props));
        o.insert("methods".into(), json!(["TEST"]));
        o.insert("types".into(), json!(["finding"]));
        if let Some(p) = &f.place {
            o.insert(
                "relevant-evidence".into(),
                json!([{"href": href(&p.file), "description": format!("{p}")}]),
            );
        }
        o.insert("collected".into(), json!(at));
        out.push(Value::Object(o));
    }
    out
}

/// The whole document.
pub fn render(r: &Report) -> String {
    let at = format!("{}T00:00:00Z", r.as_of);
    // Per-subject UUIDs stay the same across revisions; the document and the result are new
    // for every evaluation date, commit and rule pack.
    let subject = format!("org:{}", r.organization);
    let revision = format!(
        "{subject}|{}|{}|{}",
        r.as_of, r.stamp.commit, r.stamp.rule_pack
    );
    let plan = uuid(&format!("{subject}:assessment-plan:{}", r.stamp.rule_pack));
    let finding_uuids = finding_observation_uuids(&subject, r);
    let findings: Vec<Value> = r
        .assessed
        .iter()
        .flat_map(|fw| fw.rows.iter().map(move |row| (fw, row)))
        .map(|(fw, row)| finding(r, fw, row, &subject, &finding_uuids))
        .collect();
    let observations = observations(r, &subject, &at, &finding_uuids);
    let frameworks: Vec<String> = r.assessed.iter().map(|f| f.short().to_string()).collect();
    let mut result_props = vec![prop("frameworks", &r.frameworks.join(" "))];
    if let Some(sc) = &r.scope {
        result_props.push(prop("classification", sc.position.as_str()));
    }
    result_props.push(prop("active-findings", &r.active_findings().to_string()));
    result_props.push(prop("waived-findings", &r.waived_findings().to_string()));
    let mut result = Map::new();
    result.insert("uuid".into(), json!(uuid(&format!("{revision}:result"))));
    result.insert(
        "title".into(),
        json!(format!(
            "nis2check {} evaluation as of {}",
            r.stamp.tool_version, r.as_of
        )),
    );
    result.insert(
        "description".into(),
        json!(format!(
            "Automated evaluation of the compliance repository of {} (commit {}) with the built-in rule pack {} ({} rules evaluated). One finding per requirement of the frameworks assessed ({}); its status follows the definitions of the nis2check report legend.",
            r.organization, r.stamp.commit, r.stamp.rule_pack, r.rules_evaluated, if frameworks.is_empty() { "none".to_string() } else { frameworks.join(", ") }
        )),
    );
    result.insert("start".into(), json!(at));
    result.insert("end".into(), json!(at));
    result.insert("props".into(), Value::Array(result_props));
    result.insert(
        "reviewed-controls".into(),
        json!({
            "description": if frameworks.is_empty() {
                "No framework is in use: no requirement is assessed.".to_string()
            } else {
                format!("Every requirement of {} (the catalogue leaves a Statement of Applicability addresses).", frameworks.join(", "))
            },
            "control-selections": [{"include-all": {}}],
        }),
    );
    if !observations.is_empty() {
        result.insert("observations".into(), Value::Array(observations));
    }
    if !findings.is_empty() {
        result.insert("findings".into(), Value::Array(findings));
    }
    let doc = json!({
        "assessment-results": {
            "uuid": uuid(&format!("{revision}:document")),
            "metadata": {
                "title": line(&format!("Compliance assessment results: {}", r.organization)),
                "last-modified": at,
                "version": r.as_of.to_string(),
                "oscal-version": OSCAL_VERSION,
                "props": [
                    prop("tool", &format!("nis2check {}", r.stamp.tool_version)),
                    prop("rule-pack", &r.stamp.rule_pack),
                    prop("repository-commit", &r.stamp.commit),
                    prop("as-of", &r.as_of.to_string()),
                ],
                "parties": [{
                    "uuid": uuid(&format!("{subject}:party")),
                    "type": "organization",
                    "name": line(&r.organization),
                }],
            },
            "import-ap": {
                "href": format!("#{plan}"),
                "remarks": "nis2check keeps no separate assessment plan: the plan is its built-in rule pack, described in back-matter.",
            },
            "results": [Value::Object(result)],
            "back-matter": {
                "resources": [{
                    "uuid": plan,
                    "title": "nis2check built-in rule pack (placeholder for an assessment plan)",
                    "description": format!("The Rego rules, their tests and the framework catalogues embedded in nis2check {}: {} files, {}.", r.stamp.tool_version, r.stamp.rule_pack_files, r.stamp.rule_pack),
                    "props": [prop("rule-pack", &r.stamp.rule_pack)],
                }],
            },
        }
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values serialize");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_valid_version_5_and_stable() {
        let u = uuid("x");
        assert_eq!(u, uuid("x"));
        assert_ne!(u, uuid("y"));
        let parts: Vec<&str> = u.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('5'));
        assert!(matches!(
            parts[3].chars().next(),
            Some('8' | '9' | 'a' | 'b')
        ));
    }

    #[test]
    fn tokens_and_hrefs() {
        assert_eq!(token("nis2", "21(2)(a)"), "nis2-21_2_a");
        assert_eq!(token("cir", "1.1.1(k)"), "cir-1.1.1_k");
        assert_eq!(token("iso27001", "A.5.1"), "iso27001-A.5.1");
        assert_eq!(href("controls/a b.toml"), "controls/a%20b.toml");
    }
}
