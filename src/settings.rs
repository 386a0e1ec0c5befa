//! `nis2check.toml`: the repository's settings, validated with spans like every other file.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diag::{did_you_mean, Diagnostic, Origin, Severity};
use crate::load::{Node, NodeValue, Table};
use crate::source::FileId;

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// Organisation-chosen intervals in months, with their defaults. Legal deadlines are not here.
pub const INTERVALS: &[(&str, i64, &str)] = &[
    ("policy_review_months", 12, "review of the security policy"),
    (
        "management_training_months",
        24,
        "refresher of the management body's training",
    ),
    ("restore_test_months", 12, "restore test of critical assets"),
    (
        "supplier_assessment_months",
        12,
        "assessment of critical suppliers",
    ),
    (
        "asset_verification_months",
        12,
        "verification of inventory entries",
    ),
    (
        "plan_test_months",
        12,
        "test of continuity and response plans",
    ),
    ("awareness_training_months", 12, "staff awareness training"),
    ("access_review_months", 12, "review of access rights"),
    (
        "privileged_access_review_months",
        3,
        "review of privileged access",
    ),
    (
        "pentest_months",
        12,
        "penetration test of internet-facing systems",
    ),
    ("risk_review_months", 12, "review of the risk register"),
    (
        "registration_review_months",
        12,
        "re-confirmation of the registration with the authority",
    ),
    (
        "vulnerability_fix_days",
        7,
        "fixing a critical or high vulnerability, in days",
    ),
];

/// The unit of an interval and the values it may take: days for the `…_days` ones, months
/// for the others.
pub fn interval_unit(name: &str) -> (&'static str, std::ops::RangeInclusive<i64>) {
    if name.ends_with("_days") {
        ("days", 1..=366)
    } else {
        ("months", 1..=120)
    }
}

/// The longest period the law or an enabled baseline allows for an interval, with where it says
/// so (REQUIREMENTS.md): an organisation may choose a shorter period, never a longer one.
/// (interval, framework, requirement, months)
pub const LEGAL_MAXIMA: &[(&str, &str, &str, i64)] = &[
    (
        "policy_review_months",
        "cir-2024-2690",
        "CIR 2024/2690 Annex 1.1.2",
        12,
    ),
    ("policy_review_months", "bio2", "BIO2 5.01.02 (v1.2)", 12),
    (
        "risk_review_months",
        "cir-2024-2690",
        "CIR 2024/2690 Annex 2.1.4",
        12,
    ),
    ("access_review_months", "bio2", "BIO2 5.18.02 (v1.2)", 12),
    (
        "privileged_access_review_months",
        "bio2",
        "BIO2 8.02.01 (v1.2)",
        3,
    ),
    ("plan_test_months", "bio2", "BIO2 5.30.01 (v1.2)", 12),
    ("restore_test_months", "bio2", "BIO2 8.13.04 (v1.2)", 12),
    ("pentest_months", "bio2", "BIO2 8.08.05 (v1.2)", 12),
    ("vulnerability_fix_days", "bio2", "BIO2 8.08.01 (v1.2)", 7),
    (
        "supplier_assessment_months",
        "bio2",
        "BIO2 5.22.01 (v1.2)",
        12,
    ),
];

#[derive(Debug, Clone)]
pub struct Settings {
    pub file: Option<FileId>,
    pub frameworks: Option<Vec<String>>,
    pub fail_on: Severity,
    pub policies: Vec<String>,
    pub exclude: Vec<String>,
    /// rule id → (level, span of the setting)
    pub rules: BTreeMap<String, (Level, Range<usize>)>,
    pub intervals: BTreeMap<String, i64>,
    /// interval → span of its line, for the intervals the file sets
    pub interval_spans: BTreeMap<String, Range<usize>>,
    pub risk_tolerance: i64,
    pub waiver_max_months: i64,
    /// The organisation's own incident-significance thresholds.
    pub significance: BTreeMap<String, serde_json::Value>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            file: None,
            frameworks: None,
            fail_on: Severity::Error,
            policies: vec!["policies".to_string()],
            exclude: Vec::new(),
            rules: BTreeMap::new(),
            intervals: INTERVALS
                .iter()
                .map(|(k, v, _)| (k.to_string(), *v))
                .collect(),
            interval_spans: BTreeMap::new(),
            risk_tolerance: 8,
            waiver_max_months: 12,
            significance: BTreeMap::new(),
        }
    }
}

const TOP_KEYS: &[&str] = &[
    "frameworks",
    "fail_on",
    "policies",
    "exclude",
    "rules",
    "intervals",
    "risk",
    "significance",
    "waivers",
];

impl Settings {
    /// Reads the settings table, reporting every problem.
    pub fn from_table(table: &Table, file: FileId, diagnostics: &mut Vec<Diagnostic>) -> Settings {
        let mut s = Settings {
            file: Some(file),
            ..Settings::default()
        };
        let mut bad =
            |node_span: Range<usize>, code: &str, message: String, label: &str, help: String| {
                diagnostics.push(
                    Diagnostic::input(code, message)
                        .at(file, node_span, Some(label.to_string()))
                        .help(help),
                );
            };
        for entry in &table.entries {
            let v = &entry.value;
            match entry.key.as_str() {
                "frameworks" => match strings(v) {
                    Some(list) => s.frameworks = Some(list),
                    None => bad(
                        v.span.clone(),
                        "wrong-type",
                        "`frameworks` must be an array of strings".into(),
                        "not an array of strings",
                        "e.g. `frameworks = [\"nis2\", \"bio2\"]`".into(),
                    ),
                },
                "policies" => match strings(v) {
                    Some(list) => s.policies = list,
                    None => bad(
                        v.span.clone(),
                        "wrong-type",
                        "`policies` must be an array of folder names".into(),
                        "not an array of strings",
                        "e.g. `policies = [\"policies\"]`".into(),
                    ),
                },
                "exclude" => match strings(v) {
                    Some(list) => s.exclude = list,
                    None => bad(
                        v.span.clone(),
                        "wrong-type",
                        "`exclude` must be an array of globs".into(),
                        "not an array of strings",
                        "e.g. `exclude = [\"drafts/**\"]`".into(),
                    ),
                },
                "fail_on" => match v.as_str().and_then(Severity::parse) {
                    Some(sev) => s.fail_on = sev,
                    None => bad(
                        v.span.clone(),
                        "invalid-value",
                        "`fail_on` must be `error`, `warning` or `note`".into(),
                        "not a level",
                        "write `fail_on = \"error\"`".into(),
                    ),
                },
                "rules" => match v.as_table() {
                    Some(t) => {
                        for e in &t.entries {
                            let level = match e.value.as_str() {
                                Some("off") => Some(Level::Off),
                                Some(x) => Severity::parse(x).map(Level::On),
                                None => None,
                            };
                            match level {
                                Some(l) => {
                                    s.rules.insert(e.key.clone(), (l, e.key_span.start..e.value.span.end));
                                }
                                None => bad(e.value.span.clone(), "invalid-value", format!("the level of rule `{}` must be `error`, `warning`, `note` or `off`", e.key), "not a level", format!("write `{} = \"warning\"`", e.key)),
                            }
                        }
                    }
                    None => bad(
                        v.span.clone(),
                        "wrong-type",
                        "`rules` must be a table".into(),
                        "not a table",
                        "write `[rules]` with lines such as `AST003 = \"warning\"`".into(),
                    ),
                },
                "intervals" => match v.as_table() {
                    Some(t) => {
                        for e in &t.entries {
                            let known: Vec<&str> = INTERVALS.iter().map(|(k, _, _)| *k).collect();
                            if !known.contains(&e.key.as_str()) {
                                let help = match did_you_mean(&e.key, known.iter().copied()) {
                                    Some(m) => format!("did you mean `{m}`?"),
                                    None => format!("the intervals are: {}", known.join(", ")),
                                };
                                bad(
                                    e.key_span.clone(),
                                    "unknown-key",
                                    format!("unknown interval `{}`", e.key),
                                    "unknown interval",
                                    help,
                                );
                                continue;
                            }
                            let (unit, range) = interval_unit(&e.key);
                            let default = INTERVALS
                                .iter()
                                .find(|(k, _, _)| *k == e.key)
                                .map_or(12, |(_, d, _)| *d);
                            match e.value.value {
                                NodeValue::Integer(n) if range.contains(&n) => {
                                    s.intervals.insert(e.key.clone(), n);
                                    s.interval_spans
                                        .insert(e.key.clone(), e.key_span.start..e.value.span.end);
                                }
                                _ => bad(
                                    e.value.span.clone(),
                                    "invalid-value",
                                    format!(
                                        "`{}` must be a whole number of {unit} from {} to {}",
                                        e.key,
                                        range.start(),
                                        range.end()
                                    ),
                                    &format!("not a number of {unit}"),
                                    format!("write e.g. `{} = {default}`", e.key),
                                ),
                            }
                        }
                    }
                    None => bad(
                        v.span.clone(),
                        "wrong-type",
                        "`intervals` must be a table".into(),
                        "not a table",
                        "write `[intervals]` with lines such as `policy_review_months = 12`".into(),
                    ),
                },
                "risk" => match v.as_table() {
                    Some(t) => {
                        for e in &t.entries {
                            match (e.key.as_str(), &e.value.value) {
                                ("tolerance", NodeValue::Integer(n)) if (1..=25).contains(n) => s.risk_tolerance = *n,
                                ("tolerance", _) => bad(e.value.span.clone(), "invalid-value", "`risk.tolerance` must be a score from 1 to 25 (likelihood × impact)".into(), "not a score from 1 to 25", "write e.g. `tolerance = 8`".into()),
                                (k, _) => bad(e.key_span.clone(), "unknown-key", format!("unknown setting `risk.{k}`"), "unknown setting", "the only `[risk]` setting is `tolerance`".into()),
                            }
                        }
                    }
                    None => bad(
                        v.span.clone(),
                        "wrong-type",
                        "`risk` must be a table".into(),
                        "not a table",
                        "write `[risk]` and `tolerance = 8`".into(),
                    ),
                },
                "waivers" => match v.as_table() {
                    Some(t) => {
                        for e in &t.entries {
                            match (e.key.as_str(), &e.value.value) {
                                ("max_months", NodeValue::Integer(n)) if (1..=60).contains(n) => {
                                    s.waiver_max_months = *n
                                }
                                ("max_months", _) => bad(
                                    e.value.span.clone(),
                                    "invalid-value",
                                    "`waivers.max_months` must be from 1 to 60".into(),
                                    "not a number of months",
                                    "write e.g. `max_months = 12`".into(),
                                ),
                                (k, _) => bad(
                                    e.key_span.clone(),
                                    "unknown-key",
                                    format!("unknown setting `waivers.{k}`"),
                                    "unknown setting",
                                    "the only `[waivers]` setting is `max_months`".into(),
                                ),
                            }
                        }
                    }
                    None => bad(
                        v.span.clone(),
                        "wrong-type",
                        "`waivers` must be a table".into(),
                        "not a table",
                        "write `[waivers]` and `max_months = 12`".into(),
                    ),
                },
                "significance" => match v.as_table() {
                    Some(t) => {
                        for e in &t.entries {
                            let factors = crate::significance::FACTORS;
                            if !factors.contains(&e.key.as_str()) {
                                let help = match did_you_mean(&e.key, factors.iter().copied()) {
                                    Some(m) => format!("did you mean `{m}`?"),
                                    None => format!("the thresholds are: {}", factors.join(", ")),
                                };
                                bad(
                                    e.key_span.clone(),
                                    "unknown-key",
                                    format!("unknown threshold `significance.{}`", e.key),
                                    "unknown threshold",
                                    help,
                                );
                                continue;
                            }
                            let is_flag = matches!(
                                e.key.as_str(),
                                "health_damage" | "trade_secrets_exfiltrated"
                            );
                            match (&e.value.value, is_flag) {
                                (NodeValue::Integer(n), false) if *n >= 0 => {
                                    s.significance.insert(e.key.clone(), serde_json::json!(n));
                                }
                                (NodeValue::Boolean(b), true) => {
                                    s.significance.insert(e.key.clone(), serde_json::json!(b));
                                }
                                _ => bad(
                                    e.value.span.clone(),
                                    "invalid-value",
                                    format!(
                                        "`significance.{}` must be {}",
                                        e.key,
                                        if is_flag {
                                            "true or false"
                                        } else {
                                            "a whole number, 0 or more"
                                        }
                                    ),
                                    "invalid threshold",
                                    format!(
                                        "write e.g. `{} = {}`",
                                        e.key,
                                        if is_flag { "true" } else { "240" }
                                    ),
                                ),
                            }
                        }
                    }
                    None => bad(
                        v.span.clone(),
                        "wrong-type",
                        "`significance` must be a table".into(),
                        "not a table",
                        "write `[significance]` with lines such as `duration_minutes = 240`".into(),
                    ),
                },
                other => {
                    let help = match did_you_mean(other, TOP_KEYS.iter().copied()) {
                        Some(m) => format!("did you mean `{m}`?"),
                        None => format!("the settings are: {}", TOP_KEYS.join(", ")),
                    };
                    bad(
                        entry.key_span.clone(),
                        "unknown-key",
                        format!("unknown setting `{other}` in nis2check.toml"),
                        "unknown setting",
                        help,
                    );
                }
            }
        }
        s
    }

    /// The configured level of a rule, if the settings name it.
    /// The intervals the rules use under `frameworks`: the organisation's own, but none longer
    /// than an enabled framework allows ([`LEGAL_MAXIMA`]). A longer setting is reported as a
    /// warning on its line and the rules use the legal maximum, so that a setting cannot
    /// loosen the law.
    pub fn effective_intervals(
        &self,
        frameworks: &[String],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<(String, i64)> {
        self.intervals
            .iter()
            .map(|(k, &v)| {
                let cap = LEGAL_MAXIMA
                    .iter()
                    .filter(|(i, f, _, _)| i == k && frameworks.iter().any(|x| x == f))
                    .min_by_key(|(_, _, _, months)| *months);
                match cap {
                    Some(&(_, _, basis, max)) if v > max => {
                        let unit = interval_unit(k).0;
                        if let (Some(file), Some(span)) = (self.file, self.interval_spans.get(k)) {
                            diagnostics.push(
                                Diagnostic::new(
                                    Origin::Input,
                                    Severity::Warning,
                                    "interval-beyond-law",
                                    format!(
                                        "`{k} = {v}` is longer than {basis} allows ({max} {unit}); the rules use {max}"
                                    ),
                                )
                                .at(file, span.clone(), Some(format!("at most {max} {unit} under {basis}")))
                                .help(format!(
                                    "an organisation may choose a shorter period, not a longer one: write `{k} = {max}` or less (or leave out a framework that does not apply to it)"
                                )),
                            );
                        }
                        (k.clone(), max)
                    }
                    _ => (k.clone(), v),
                }
            })
            .collect()
    }

    pub fn level(&self, rule: &str) -> Option<Level> {
        self.rules.get(rule).map(|(l, _)| *l)
    }
}

fn strings(node: &Node) -> Option<Vec<String>> {
    node.as_array()?
        .iter()
        .map(|n| n.as_str().map(str::to_string))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, Sources};

    fn settings(text: &str) -> (Settings, Vec<Diagnostic>) {
        let mut sources = Sources::default();
        let file = sources.add(SourceFile::new("nis2check.toml".into(), text));
        let mut diagnostics = Vec::new();
        let table = crate::load::parse(&sources, file, &mut diagnostics).expect("valid TOML");
        let s = Settings::from_table(&table, file, &mut diagnostics);
        (s, diagnostics)
    }

    /// The example in docs/format.md shows every setting: it reads without a problem, and its
    /// top-level keys are the ones a misspelt setting is compared with.
    #[test]
    fn every_documented_setting_is_known() {
        let doc = include_str!("../docs/format.md");
        let example = doc
            .split("## `nis2check.toml`")
            .nth(1)
            .and_then(|s| s.split("```toml\n").nth(1))
            .and_then(|s| s.split("```").next())
            .expect("docs/format.md has a nis2check.toml example");
        let (_, diagnostics) = settings(example);
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
        let documented: std::collections::BTreeSet<String> = toml::from_str::<toml::Table>(example)
            .unwrap()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let known: std::collections::BTreeSet<String> =
            TOP_KEYS.iter().map(|k| k.to_string()).collect();
        assert_eq!(documented, known);
    }

    #[test]
    fn a_misspelt_setting_gets_a_did_you_mean() {
        let (_, diagnostics) = settings("[signficance]\nduration_minutes = 240\n");
        assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
        assert_eq!(diagnostics[0].code, "unknown-key");
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("did you mean `significance`?")
        );
        let (_, diagnostics) = settings("[zzz]\n");
        let help = diagnostics[0].help.as_deref().unwrap_or_default();
        assert!(help.contains("significance"), "{help}");
    }

    fn with(interval: &str, value: i64) -> Settings {
        let mut s = Settings {
            file: Some(0),
            ..Settings::default()
        };
        s.intervals.insert(interval.to_string(), value);
        s.interval_spans.insert(interval.to_string(), 0..10);
        s
    }

    #[test]
    fn an_interval_is_capped_only_by_an_enabled_framework() {
        let s = with("vulnerability_fix_days", 30);
        let mut diags = Vec::new();
        let bio2 = s.effective_intervals(&["bio2".to_string(), "nis2".to_string()], &mut diags);
        assert!(bio2.contains(&("vulnerability_fix_days".to_string(), 7)));
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].message,
            "`vulnerability_fix_days = 30` is longer than BIO2 8.08.01 (v1.2) allows (7 days); the rules use 7"
        );
        let mut diags = Vec::new();
        let nis2 = s.effective_intervals(&["nis2".to_string()], &mut diags);
        assert!(nis2.contains(&("vulnerability_fix_days".to_string(), 30)));
        assert!(diags.is_empty());
    }

    #[test]
    fn a_shorter_interval_stays_the_organisations() {
        let s = with("privileged_access_review_months", 1);
        let mut diags = Vec::new();
        let got = s.effective_intervals(&["bio2".to_string()], &mut diags);
        assert!(got.contains(&("privileged_access_review_months".to_string(), 1)));
        assert!(diags.is_empty());
    }
}
