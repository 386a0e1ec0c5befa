//! Waivers: time-boxed, approved exceptions to a rule. A waived finding is still reported (as
//! waived); an expired waiver is an error; a waiver that matches nothing is a warning.

use std::ops::Range;

use jiff::civil::Date;

use crate::diag::{did_you_mean, Diagnostic, EntityRef, Origin, Severity, WaivedBy};
use crate::load::NodeValue;
use crate::model::{Entity, Kind, Repository};
use crate::source::FileId;

#[derive(Debug, Clone)]
pub struct Waiver {
    pub id: String,
    pub rule: String,
    /// `None` targets the organisation; otherwise (kind, id glob).
    pub target: Option<(String, String)>,
    pub reason: String,
    pub approved_by: String,
    pub expires: Date,
    pub file: FileId,
    pub header: Range<usize>,
    pub target_span: Range<usize>,
    pub expires_span: Range<usize>,
    pub rule_span: Range<usize>,
}

impl Waiver {
    pub fn matches(&self, rule: &str, entity: Option<&EntityRef>) -> bool {
        if self.rule != rule {
            return false;
        }
        match (&self.target, entity) {
            (None, None) => true,
            (None, Some(e)) => e.kind == "organization",
            (Some(_), None) => false,
            (Some((kind, pattern)), Some(e)) => *kind == e.kind && glob(pattern, &e.id),
        }
    }

    pub fn waived_by(&self) -> WaivedBy {
        WaivedBy {
            id: self.id.clone(),
            expires: self.expires.to_string(),
            approved_by: self.approved_by.clone(),
            reason: self.reason.clone(),
        }
    }
}

/// `*` matches any run of characters, `?` one character.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// Reads the waivers of a validated repository. Schema problems were reported by validation;
/// here a malformed target or an unknown rule is reported (unless `rule_ids` is `None`: which
/// rules exist is not known).
pub fn collect(
    repo: &Repository,
    rule_ids: Option<&[&str]>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Waiver> {
    let mut out = Vec::new();
    for e in repo.of_kind(Kind::Waiver) {
        if let Some(w) = read(e, rule_ids, diagnostics) {
            out.push(w);
        }
    }
    out
}

fn read(
    e: &Entity,
    rule_ids: Option<&[&str]>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Waiver> {
    let t = &e.table;
    let rule_node = t.value("rule")?;
    let target_node = t.value("target")?;
    let expires_node = t.value("expires")?;
    let rule = rule_node.as_str()?.to_string();
    let target_text = target_node.as_str()?;
    let expires = match &expires_node.value {
        NodeValue::Datetime(d) => {
            let d = d.date?;
            Date::new(d.year as i16, d.month as i8, d.day as i8).ok()?
        }
        _ => return None,
    };
    if let Some(rule_ids) = rule_ids.filter(|ids| !ids.contains(&rule.as_str())) {
        let mut d = Diagnostic::input(
            "unknown-rule",
            format!(
                "waiver `{}` names the rule `{rule}`, which does not exist",
                e.id
            ),
        )
        .at(
            e.file,
            rule_node.span.clone(),
            Some("no rule with this code".to_string()),
        );
        d = match did_you_mean(&rule, rule_ids.iter().copied()) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help("`nis2check rules` lists the rule codes"),
        };
        diagnostics.push(d);
        return None;
    }
    let target = if target_text == "organization" {
        None
    } else {
        match target_text.split_once(':') {
            Some((kind, id))
                if Kind::from_key(kind)
                    .is_some_and(|k| k != Kind::Waiver && k != Kind::Organization)
                    && !id.is_empty() =>
            {
                Some((kind.to_string(), id.to_string()))
            }
            _ => {
                diagnostics.push(
                    Diagnostic::input("invalid-target", format!("waiver `{}` has an invalid target `{target_text}`", e.id))
                        .at(e.file, target_node.span.clone(), Some("expected `kind:id` or `organization`".to_string()))
                        .help("write e.g. `target = \"asset:legacy-crm\"`, `target = \"asset:legacy-*\"` or `target = \"organization\"`"),
                );
                return None;
            }
        }
    };
    Some(Waiver {
        id: e.id.clone(),
        rule,
        target,
        reason: t.str("reason").unwrap_or_default().to_string(),
        approved_by: t.str("approved_by").unwrap_or_default().to_string(),
        expires,
        file: e.file,
        header: e.table.span.clone(),
        target_span: target_node.span.clone(),
        expires_span: expires_node.span.clone(),
        rule_span: rule_node.span.clone(),
    })
}

/// Splits waivers into the active ones, reporting expired ones and those that run too long.
pub fn active(
    waivers: Vec<Waiver>,
    as_of: Date,
    max_months: i64,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Waiver> {
    let limit = as_of
        .checked_add(jiff::Span::new().months(max_months))
        .unwrap_or(as_of);
    let mut out = Vec::new();
    for w in waivers {
        if w.expires < as_of {
            diagnostics.push(
                Diagnostic::new(Origin::Waiver, Severity::Error, "waiver-expired", format!("waiver `{}` for {} expired on {}", w.id, w.rule, w.expires))
                    .at(w.file, w.expires_span.clone(), Some(format!("expired {} days before {as_of}", (as_of - w.expires).get_days())))
                    .help("fix what the waiver covered and remove it, or renew it with a fresh approval and a new `expires`"),
            );
        } else if w.expires > limit {
            diagnostics.push(
                Diagnostic::new(Origin::Waiver, Severity::Error, "waiver-too-long", format!("waiver `{}` runs until {}, more than {max_months} months ahead", w.id, w.expires))
                    .at(w.file, w.expires_span.clone(), Some(format!("the latest allowed is {limit}")))
                    .help("waivers are time-boxed: set `expires` within the maximum (`[waivers] max_months` in nis2check.toml) and renew it when it runs out"),
            );
        } else {
            out.push(w);
        }
    }
    out
}
