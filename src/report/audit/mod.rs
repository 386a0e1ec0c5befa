//! `nis2check report`: the audit report of a compliance repository — a reproducible stamp, the
//! derived scope, a status for every requirement of the frameworks in use, the Statement of
//! Applicability, the findings grouped by requirement, the waivers and the incident reporting
//! timelines — as one self-contained HTML page, GitHub-flavoured Markdown, or OSCAL 1.1
//! assessment results.
//!
//! Everything is computed once, here, into a [`Report`]; the renderers only lay it out, so the
//! three formats always agree. Nothing in a report depends on the wall clock: two runs on the
//! same commit with the same `--as-of` print the same bytes.

pub mod html;
pub mod markdown;
pub mod oscal;
pub mod stamp;
pub mod timeline;

use std::collections::BTreeMap;
use std::fmt;

use clap::ValueEnum;
use jiff::civil::Date;

use crate::catalog::{Catalog, Framework, Requirement};
use crate::check::Outcome;
use crate::diag::{Diagnostic, Origin};
use crate::load::{NodeValue, Table};
use crate::model::{Entity, Kind, Repository};
use crate::scope::Scope;
use crate::settings::Level;
use crate::source::Sources;

/// The formats of `nis2check report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML file (inline CSS and SVG; prints on A4).
    Html,
    /// GitHub-flavoured Markdown, to commit or post on a pull request.
    Markdown,
    /// OSCAL 1.1.2 assessment results (JSON).
    Oscal,
}

/// The framework ids in the order a report shows them.
pub const FRAMEWORK_ORDER: [&str; 4] = ["nis2", "cir-2024-2690", "bio2", "iso27001-2022"];

/// The frameworks whose Statement of Applicability a report includes.
pub const SOA_FRAMEWORKS: [&str; 2] = ["bio2", "iso27001-2022"];

/// Waivers that expire within this many days of `as_of` stand out.
pub const EXPIRING_DAYS: i32 = 30;

/// The status of one requirement. The statuses are tried in the order of [`Status::ALL`]
/// except that `passing` and `declared-only` come last: see [`Status::definition`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Passing,
    Failing,
    Waived,
    NotApplicable,
    NotCovered,
    DeclaredOnly,
}

impl Status {
    /// Display order (legend, counts, chart stacks).
    pub const ALL: [Status; 6] = [
        Status::Passing,
        Status::Failing,
        Status::Waived,
        Status::NotApplicable,
        Status::NotCovered,
        Status::DeclaredOnly,
    ];

    /// A stable token (CSS class, OSCAL property value).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Passing => "passing",
            Status::Failing => "failing",
            Status::Waived => "waived",
            Status::NotApplicable => "not-applicable",
            Status::NotCovered => "not-covered",
            Status::DeclaredOnly => "declared-only",
        }
    }

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            Status::Passing => "passing",
            Status::Failing => "failing",
            Status::Waived => "waived",
            Status::NotApplicable => "not applicable",
            Status::NotCovered => "not covered",
            Status::DeclaredOnly => "declared only",
        }
    }

    /// The exact definition, printed in the report's legend (and in README.md).
    pub fn definition(self) -> &'static str {
        match self {
            Status::Failing => "a rule that cites the requirement has at least one finding that no waiver covers (any level: error, warning or note)",
            Status::Waived => "rules that cite the requirement have findings, and an unexpired waiver covers every one of them",
            Status::NotApplicable => "no finding, and every control that lists the requirement has `status = \"not-applicable\"` (its justification is shown)",
            Status::NotCovered => "no finding, and no control lists the requirement in its `requirements`",
            Status::Passing => "a control lists the requirement, at least one rule evaluated in this run cites it, and none of those rules has a finding",
            Status::DeclaredOnly => "a control lists the requirement, but no rule evaluated in this run cites it: the claim is not checked automatically",
        }
    }

    pub fn index(self) -> usize {
        Status::ALL
            .iter()
            .position(|s| *s == self)
            .expect("every status is in ALL")
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The notes under the legend: how "cites" and "lists" are decided.
pub const LEGEND_NOTES: &[&str] = &[
    "The statuses are tried in this order and the first that holds applies: failing, waived, not applicable, not covered, passing, declared only.",
    "A rule cites a requirement when its METADATA names the requirement or a parent of it (a rule citing CIR 2024/2690 Annex 12.4 cites 12.4.1 and 12.4.2); a BIO2 id of version 1.2 is read as the measure it became in version 1.3.",
    "A control lists a requirement when `prefix:id` appears verbatim in its `requirements` — the test rule SOA001 makes. Rules switched off in nis2check.toml, or citing only frameworks not in use, are not evaluated and cite nothing.",
    "The rows are the catalogue's leaves, the requirements a Statement of Applicability addresses (points and lettered sub-points; not scope or registration provisions).",
];

/// A file and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

fn place_of(sources: &Sources, file: usize, offset: usize) -> Place {
    let f = sources.get(file);
    Place {
        file: f.name.clone(),
        line: f.line_col(offset).line,
    }
}

/// A `[[control]]` as the report shows it.
#[derive(Debug, Clone)]
pub struct ControlInfo {
    pub id: String,
    pub title: String,
    pub status: String,
    pub owner: String,
    pub justification: Option<String>,
    pub requirements: Vec<String>,
    /// Evidence as written: a path or a URL, with its date and description. Never a link.
    pub evidence: Vec<String>,
    pub reviewed_at: Option<String>,
    pub place: Place,
}

impl ControlInfo {
    pub fn not_applicable(&self) -> bool {
        self.status == "not-applicable"
    }
}

/// A finding of a rule.
#[derive(Debug, Clone)]
pub struct FindingInfo<'a> {
    pub diag: &'a Diagnostic,
    pub place: Option<Place>,
    /// `f-1`, `f-2` … in output order.
    pub anchor: String,
}

impl FindingInfo<'_> {
    pub fn waived(&self) -> bool {
        self.diag.waived_by.is_some()
    }

    pub fn entity(&self) -> Option<String> {
        let e = self.diag.rule.as_ref()?.entity.as_ref()?;
        Some(format!("{}:{}", e.kind, e.id))
    }
}

/// One requirement of a framework with its status.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub req: &'a Requirement,
    /// `prefix:id`, as a control lists it.
    pub qualified: String,
    /// "NIS2 Art. 21(2)(a)"
    pub cite: String,
    pub status: Status,
    /// Indexes into [`Report::controls`].
    pub controls: Vec<usize>,
    /// Codes of the evaluated rules that cite it.
    pub rules: Vec<String>,
    /// Indexes into [`Report::findings`].
    pub findings: Vec<usize>,
}

/// A framework in the report.
#[derive(Debug, Clone)]
pub struct FrameworkReport<'a> {
    pub framework: &'a Framework,
    /// In use for this repository (nis2check.toml or derived); ISO/IEC 27001 also appears,
    /// for its Statement of Applicability, when a control cites it.
    pub enabled: bool,
    pub rows: Vec<Row<'a>>,
}

impl FrameworkReport<'_> {
    pub fn id(&self) -> &str {
        &self.framework.meta.id
    }

    pub fn short(&self) -> &str {
        &self.framework.meta.short
    }

    /// Counts per status, in [`Status::ALL`] order.
    pub fn counts(&self) -> [usize; 6] {
        let mut c = [0; 6];
        for r in &self.rows {
            c[r.status.index()] += 1;
        }
        c
    }

    pub fn has_soa(&self) -> bool {
        SOA_FRAMEWORKS.contains(&self.id())
    }
}

/// How a waiver stands on `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaiverState {
    /// Expired this many days ago.
    Expired(i32),
    /// Expires within [`EXPIRING_DAYS`]: days left (0 = its last day).
    Expiring(i32),
    /// Days left.
    Active(i32),
}

impl WaiverState {
    pub fn text(self) -> String {
        let days = |n: i32| {
            if n == 1 {
                "1 day".to_string()
            } else {
                format!("{n} days")
            }
        };
        match self {
            WaiverState::Expired(n) => format!("expired {} ago", days(n)),
            WaiverState::Expiring(0) => "expires today".to_string(),
            WaiverState::Expiring(n) => format!("expires in {}", days(n)),
            WaiverState::Active(n) => format!("{} left", days(n)),
        }
    }

    pub fn stands_out(self) -> bool {
        !matches!(self, WaiverState::Active(_))
    }

    pub fn class(self) -> &'static str {
        match self {
            WaiverState::Expired(_) => "expired",
            WaiverState::Expiring(_) => "expiring",
            WaiverState::Active(_) => "active",
        }
    }
}

/// A `[[waiver]]`.
#[derive(Debug, Clone)]
pub struct WaiverInfo {
    pub id: String,
    pub rule: String,
    pub target: String,
    pub reason: String,
    pub approved_by: String,
    /// The approver's name from `[[person]]`.
    pub approver_name: Option<String>,
    pub expires: Date,
    pub ticket: Option<String>,
    pub state: WaiverState,
    /// Indexes into [`Report::findings`] of the findings it covers.
    pub covers: Vec<usize>,
    pub place: Place,
}

/// One Art. 21(2) point in the chart.
#[derive(Debug, Clone)]
pub struct ChartBar {
    /// "21(2)(a)"
    pub point: String,
    /// "a"
    pub letter: String,
    pub title: String,
    /// Per status, in [`Status::ALL`] order.
    pub counts: [usize; 6],
}

impl ChartBar {
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// Findings under one NIS2 requirement.
#[derive(Debug, Clone)]
pub struct FindingGroup<'a> {
    /// `None` for findings whose rules cite no NIS2 requirement.
    pub requirement: Option<&'a Requirement>,
    pub cite: String,
    pub findings: Vec<usize>,
}

/// Everything a report shows.
pub struct Report<'a> {
    pub stamp: stamp::Stamp,
    pub organization: String,
    pub as_of: Date,
    pub scope: Option<Scope>,
    /// The frameworks in use.
    pub frameworks: Vec<String>,
    /// True when nis2check.toml sets them; else they are derived from the scope.
    pub frameworks_from_settings: bool,
    pub catalog: &'a Catalog,
    pub assessed: Vec<FrameworkReport<'a>>,
    pub controls: Vec<ControlInfo>,
    pub findings: Vec<FindingInfo<'a>>,
    pub groups: Vec<FindingGroup<'a>>,
    /// Diagnostics that are not findings (unused or expired waivers, settings warnings).
    pub other: Vec<(&'a Diagnostic, Option<Place>)>,
    pub waivers: Vec<WaiverInfo>,
    pub incidents: timeline::Incidents,
    pub chart: Vec<ChartBar>,
    pub rules_evaluated: usize,
    /// Rule code → title, of every rule loaded.
    pub rule_titles: BTreeMap<String, String>,
    /// Rules of the organisation's own policies that were loaded.
    pub custom_rules: usize,
}

impl Report<'_> {
    pub fn framework_short(&self, id: &str) -> String {
        self.catalog
            .framework(id)
            .map_or(id.to_string(), |f| f.meta.short.clone())
    }

    pub fn active_findings(&self) -> usize {
        self.findings.iter().filter(|f| !f.waived()).count()
    }

    pub fn waived_findings(&self) -> usize {
        self.findings.iter().filter(|f| f.waived()).count()
    }

    /// The title of the document.
    pub fn title(&self) -> String {
        format!("Compliance report: {}", self.organization)
    }
}

/// Renders a report.
pub fn render(report: &Report, format: ReportFormat) -> String {
    match format {
        ReportFormat::Html => html::render(report),
        ReportFormat::Markdown => markdown::render(report),
        ReportFormat::Oscal => oscal::render(report),
    }
}

/// Whether a run evaluated a rule: it is not switched off, and it cites no framework or one in
/// use (the selection `check` makes).
fn evaluated(rule: &crate::policy::Rule, outcome: &Outcome) -> bool {
    if outcome.settings.level(&rule.meta.id) == Some(Level::Off) {
        return false;
    }
    rule.meta.frameworks.is_empty()
        || rule
            .meta
            .frameworks
            .keys()
            .any(|k| outcome.frameworks.contains(k))
}

/// A rule's requirement ids for one framework, resolved to catalogue ids (BIO2 v1.2 numbers
/// become the v1.3 measure).
fn resolved(catalog: &Catalog, framework: &str, ids: &[String], bio2: Option<&str>) -> Vec<String> {
    let fw = catalog.framework(framework);
    ids.iter()
        .map(|id| {
            fw.and_then(|f| f.resolve(id, bio2))
                .map_or(id.clone(), |r| r.id.clone())
        })
        .collect()
}

/// A cited id covers a leaf when it is the leaf or a parent of it.
pub fn covers(cited: &str, leaf: &str) -> bool {
    leaf == cited
        || leaf
            .strip_prefix(cited)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('('))
}

fn date_text(table: &Table, key: &str) -> Option<String> {
    match &table.value(key)?.value {
        NodeValue::Datetime(d) => Some(d.to_string()),
        NodeValue::String(s) => Some(s.clone()),
        _ => None,
    }
}

fn strings(table: &Table, key: &str) -> Vec<String> {
    table
        .value(key)
        .and_then(|n| n.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|n| n.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn control_info(e: &Entity, sources: &Sources) -> ControlInfo {
    let t = &e.table;
    let evidence = t
        .value("evidence")
        .and_then(|n| n.as_array())
        .map(|items| {
            items
                .iter()
                .filter_map(|n| n.as_table())
                .map(|ev| {
                    let what = ev.str("path").or_else(|| ev.str("url")).unwrap_or("");
                    let mut s = what.to_string();
                    if let Some(d) = date_text(ev, "date") {
                        s.push_str(&format!(" ({d})"));
                    }
                    if let Some(desc) = ev.str("description") {
                        s.push_str(&format!(": {desc}"));
                    }
                    s
                })
                .collect()
        })
        .unwrap_or_default();
    ControlInfo {
        id: e.id.clone(),
        title: t.str("title").unwrap_or("").to_string(),
        status: t.str("status").unwrap_or("").to_string(),
        owner: t.str("owner").unwrap_or("").to_string(),
        justification: t
            .str("justification")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        requirements: strings(t, "requirements"),
        evidence,
        reviewed_at: date_text(t, "reviewed_at"),
        place: place_of(sources, e.file, t.span.start),
    }
}

fn person_name(repo: &Repository, id: &str) -> Option<String> {
    repo.get(Kind::Person, id)
        .and_then(|p| p.table.str("name"))
        .map(str::to_string)
}

/// Builds the report of a run from its outcome and the repository it evaluated
/// ([`crate::check::Options::keep_repository`]); `outcome` must have been evaluated (no input
/// errors).
pub fn build<'a>(outcome: &'a Outcome, repo: &Repository, stamp: stamp::Stamp) -> Report<'a> {
    let catalog = &outcome.catalog;
    let org = repo.organization();
    let organization = org
        .and_then(|o| o.table.str("name"))
        .unwrap_or("(unnamed organisation)")
        .to_string();
    let scope = org.map(|o| crate::scope::derive(&o.table));

    let controls: Vec<ControlInfo> = repo
        .of_kind(Kind::Control)
        .map(|e| control_info(e, &outcome.sources))
        .collect();

    // Findings in output order; everything else that is not an input error goes to `other`.
    let mut findings = Vec::new();
    let mut other = Vec::new();
    for d in &outcome.diagnostics {
        let place = d
            .primary
            .as_ref()
            .map(|l| place_of(&outcome.sources, l.file, l.span.start));
        if d.origin == Origin::Finding && d.rule.is_some() {
            findings.push(FindingInfo {
                diag: d,
                place,
                anchor: format!("f-{}", findings.len() + 1),
            });
        } else {
            other.push((d, place));
        }
    }

    let rule_by_id: BTreeMap<&str, &crate::policy::Rule> = outcome
        .rules
        .iter()
        .map(|r| (r.meta.id.as_str(), r))
        .collect();
    let bio2_of = |code: &str| -> Option<&str> {
        rule_by_id
            .get(code)
            .and_then(|r| r.meta.bio2_version.as_deref())
    };
    // framework → (rule code, resolved ids) of the evaluated rules
    let mut rule_cites: BTreeMap<&str, Vec<(&str, Vec<String>)>> = BTreeMap::new();
    for r in outcome.rules.iter().filter(|r| evaluated(r, outcome)) {
        for (fw, ids) in &r.meta.frameworks {
            rule_cites.entry(fw.as_str()).or_default().push((
                r.meta.id.as_str(),
                resolved(catalog, fw, ids, r.meta.bio2_version.as_deref()),
            ));
        }
    }
    // framework → (finding index, resolved ids)
    let mut finding_cites: BTreeMap<String, Vec<(usize, Vec<String>)>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        let info = f.diag.rule.as_ref().expect("findings carry rule data");
        for (fw, ids) in &info.frameworks {
            finding_cites
                .entry(fw.clone())
                .or_default()
                .push((i, resolved(catalog, fw, ids, bio2_of(&f.diag.code))));
        }
    }

    let iso_cited = controls
        .iter()
        .any(|c| c.requirements.iter().any(|r| r.starts_with("iso27001:")));
    let mut assessed = Vec::new();
    for id in FRAMEWORK_ORDER {
        let Some(fw) = catalog.framework(id) else {
            continue;
        };
        let enabled = outcome.frameworks.iter().any(|f| f == id);
        if !(enabled || (id == "iso27001-2022" && iso_cited)) {
            continue;
        }
        let no_rules = Vec::new();
        let cites = rule_cites.get(id).unwrap_or(&no_rules);
        let no_findings = Vec::new();
        let hits = finding_cites.get(id).unwrap_or(&no_findings);
        let rows = fw
            .leaves()
            .into_iter()
            .map(|req| {
                let qualified = fw.qualified(&req.id);
                let claims: Vec<usize> = controls
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.requirements.contains(&qualified))
                    .map(|(i, _)| i)
                    .collect();
                let rules: Vec<String> = cites
                    .iter()
                    .filter(|(_, ids)| ids.iter().any(|c| covers(c, &req.id)))
                    .map(|(code, _)| code.to_string())
                    .collect();
                let against: Vec<usize> = hits
                    .iter()
                    .filter(|(_, ids)| ids.iter().any(|c| covers(c, &req.id)))
                    .map(|(i, _)| *i)
                    .collect();
                let status = status_of(&claims, &controls, &rules, &against, &findings);
                Row {
                    req,
                    qualified,
                    cite: fw.cite(&req.id),
                    status,
                    controls: claims,
                    rules,
                    findings: against,
                }
            })
            .collect();
        assessed.push(FrameworkReport {
            framework: fw,
            enabled,
            rows,
        });
    }

    let groups = finding_groups(catalog, &findings);

    let mut waivers = Vec::new();
    for e in repo.of_kind(Kind::Waiver) {
        let t = &e.table;
        let Some(expires) = (match t.value("expires").map(|n| &n.value) {
            Some(NodeValue::Datetime(d)) => d
                .date
                .and_then(|d| Date::new(d.year as i16, d.month as i8, d.day as i8).ok()),
            _ => None,
        }) else {
            continue;
        };
        let days = (expires - outcome.as_of).get_days();
        let state = if days < 0 {
            WaiverState::Expired(-days)
        } else if days <= EXPIRING_DAYS {
            WaiverState::Expiring(days)
        } else {
            WaiverState::Active(days)
        };
        let approved_by = t.str("approved_by").unwrap_or("").to_string();
        waivers.push(WaiverInfo {
            id: e.id.clone(),
            rule: t.str("rule").unwrap_or("").to_string(),
            target: t.str("target").unwrap_or("").to_string(),
            reason: t.str("reason").unwrap_or("").to_string(),
            approver_name: person_name(repo, &approved_by),
            approved_by,
            expires,
            ticket: t.str("ticket").map(str::to_string),
            state,
            covers: findings
                .iter()
                .enumerate()
                .filter(|(_, f)| f.diag.waived_by.as_ref().is_some_and(|w| w.id == e.id))
                .map(|(i, _)| i)
                .collect(),
            place: place_of(&outcome.sources, e.file, t.span.start),
        });
    }

    let tsp = org
        .and_then(|o| o.table.str("entity_type"))
        .is_some_and(|t| {
            matches!(
                t,
                "trust-service-provider" | "qualified-trust-service-provider"
            )
        });
    let incidents = timeline::collect(repo, &outcome.sources, outcome.as_of, tsp);
    let chart = chart(catalog, &assessed);
    let custom_rules = outcome.rules.iter().filter(|r| !r.builtin).count();

    Report {
        stamp,
        organization,
        as_of: outcome.as_of,
        scope,
        frameworks: outcome.frameworks.clone(),
        frameworks_from_settings: outcome.settings.frameworks.is_some(),
        catalog,
        assessed,
        controls,
        findings,
        groups,
        other,
        waivers,
        incidents,
        chart,
        rules_evaluated: outcome.rules_evaluated,
        rule_titles: outcome
            .rules
            .iter()
            .map(|r| (r.meta.id.clone(), r.meta.title.clone()))
            .collect(),
        custom_rules,
    }
}

/// The status of a requirement from its claims, citing rules and findings (the legend).
fn status_of(
    claims: &[usize],
    controls: &[ControlInfo],
    rules: &[String],
    against: &[usize],
    findings: &[FindingInfo],
) -> Status {
    if against.iter().any(|&i| !findings[i].waived()) {
        Status::Failing
    } else if !against.is_empty() {
        Status::Waived
    } else if !claims.is_empty() && claims.iter().all(|&i| controls[i].not_applicable()) {
        Status::NotApplicable
    } else if claims.is_empty() {
        Status::NotCovered
    } else if !rules.is_empty() {
        Status::Passing
    } else {
        Status::DeclaredOnly
    }
}

/// Findings by the NIS2 requirement their rule cites, in catalogue order; a finding whose rule
/// cites several appears under each. Findings citing no NIS2 requirement come last.
fn finding_groups<'a>(catalog: &'a Catalog, findings: &[FindingInfo]) -> Vec<FindingGroup<'a>> {
    let mut groups = Vec::new();
    let Some(nis2) = catalog.framework("nis2") else {
        return groups;
    };
    let nis2_ids = |f: &FindingInfo| -> Vec<String> {
        f.diag
            .rule
            .as_ref()
            .and_then(|r| r.frameworks.iter().find(|(k, _)| k == "nis2"))
            .map(|(_, ids)| ids.clone())
            .unwrap_or_default()
    };
    for req in &nis2.requirements {
        let members: Vec<usize> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| nis2_ids(f).contains(&req.id))
            .map(|(i, _)| i)
            .collect();
        if !members.is_empty() {
            groups.push(FindingGroup {
                requirement: Some(req),
                cite: nis2.cite(&req.id),
                findings: members,
            });
        }
    }
    let rest: Vec<usize> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            !nis2_ids(f)
                .iter()
                .any(|id| nis2.requirements.iter().any(|r| &r.id == id))
        })
        .map(|(i, _)| i)
        .collect();
    if !rest.is_empty() {
        groups.push(FindingGroup {
            requirement: None,
            cite: "No NIS2 requirement cited".to_string(),
            findings: rest,
        });
    }
    groups
}

/// The NIS2 Art. 21(2) points (a)–(j) with the statuses of the requirements that map to each:
/// the NIS2 point itself, every requirement whose catalogue entry names it in `nis2`, and every
/// BIO2 measure whose ISO/IEC 27002 control maps to it (through the ISO/IEC 27001 Annex A entry
/// of the same number).
fn chart(catalog: &Catalog, assessed: &[FrameworkReport]) -> Vec<ChartBar> {
    let iso = catalog.framework("iso27001-2022");
    let nis2 = catalog.framework("nis2");
    let points_of = |fw: &str, req: &Requirement| -> Vec<String> {
        let mut p = req.nis2.clone();
        if fw == "nis2" {
            p.push(req.id.clone());
        }
        if let (Some(iso), Some(control)) = (iso, &req.iso27002) {
            if let Some(r) = iso.get(&format!("A.{control}")) {
                p.extend(r.nis2.iter().cloned());
            }
        }
        p.sort();
        p.dedup();
        p
    };
    "abcdefghij"
        .chars()
        .map(|letter| {
            let point = format!("21(2)({letter})");
            let mut counts = [0; 6];
            for fw in assessed {
                for row in &fw.rows {
                    if points_of(fw.id(), row.req).contains(&point) {
                        counts[row.status.index()] += 1;
                    }
                }
            }
            ChartBar {
                title: nis2
                    .and_then(|f| f.get(&point))
                    .map_or(String::new(), |r| r.title.clone()),
                point,
                letter: letter.to_string(),
                counts,
            }
        })
        .collect()
}

/// Plural helper: "1 finding", "2 findings".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cited_parent_covers_its_points_and_nothing_else() {
        assert!(covers("12.4", "12.4"));
        assert!(covers("12.4", "12.4.1"));
        assert!(covers("21(2)", "21(2)(a)"));
        assert!(covers("1.1.1", "1.1.1(k)"));
        assert!(!covers("1", "10.1"));
        assert!(!covers("12.4", "12.41"));
        assert!(!covers("21(2)(a)", "21(2)"));
    }

    #[test]
    fn status_precedence() {
        let control = |status: &str| ControlInfo {
            id: "c".into(),
            title: String::new(),
            status: status.into(),
            owner: String::new(),
            justification: None,
            requirements: vec![],
            evidence: vec![],
            reviewed_at: None,
            place: Place {
                file: "c.toml".into(),
                line: 1,
            },
        };
        let controls = vec![control("implemented"), control("not-applicable")];
        let rules = vec!["X001".to_string()];
        let none: Vec<FindingInfo> = vec![];
        assert_eq!(
            status_of(&[0], &controls, &rules, &[], &none),
            Status::Passing
        );
        assert_eq!(
            status_of(&[0], &controls, &[], &[], &none),
            Status::DeclaredOnly
        );
        assert_eq!(
            status_of(&[], &controls, &rules, &[], &none),
            Status::NotCovered
        );
        assert_eq!(
            status_of(&[1], &controls, &rules, &[], &none),
            Status::NotApplicable
        );
        // One applicable claim is enough to make it applicable.
        assert_eq!(
            status_of(&[0, 1], &controls, &[], &[], &none),
            Status::DeclaredOnly
        );
    }
}
