//! The report as GitHub-flavoured Markdown: to commit beside the repository or post on a pull
//! request. Long tables fold into `<details>`.

use std::fmt::Write as _;

use super::timeline::{self, Timeline};
use super::{plural, FrameworkReport, Report, Status, LEGEND_NOTES};
use crate::diag::Severity;

/// Frameworks with more requirements than this fold their matrix into `<details>`.
const FOLD_ROWS: usize = 40;
/// Findings listed in one matrix cell before "… more".
const CELL_FINDINGS: usize = 4;

/// Escapes text for Markdown: characters that would start markup, HTML or a table cell.
pub fn esc(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // `_` only emphasises at a word boundary; leave `early_warning_at` readable.
            '_' => {
                let word = |j: Option<&char>| j.is_some_and(|c| c.is_alphanumeric());
                let inner = i > 0 && word(chars.get(i - 1)) && word(chars.get(i + 1));
                if !inner {
                    out.push('\\');
                }
                out.push('_');
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '#' if out.is_empty() => out.push_str("\\#"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text, keeping its `code` spans (paired backticks) as code.
pub fn esc_code(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len() % 2 == 0 {
        return esc(s);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| if i % 2 == 1 { code(p) } else { esc(p) })
        .collect()
}

/// A code span; the text never holds a backtick in practice (paths, ids), but if it does the
/// span is widened.
fn code(s: &str) -> String {
    let s = s.replace('|', "\\|");
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

fn status(s: Status) -> String {
    match s {
        Status::Failing | Status::NotCovered => format!("**{}**", s.label()),
        _ => s.label().to_string(),
    }
}

fn counts_line(fw: &FrameworkReport) -> String {
    let c = fw.counts();
    let mut parts = Vec::new();
    for s in Status::ALL {
        if c[s.index()] > 0 {
            parts.push(format!("{} {}", c[s.index()], s.label()));
        }
    }
    format!(
        "{}: {}",
        plural(fw.rows.len(), "requirement", "requirements"),
        parts.join(", ")
    )
}

fn controls_cell(r: &Report, ids: &[usize]) -> String {
    if ids.is_empty() {
        return "—".to_string();
    }
    ids.iter()
        .map(|&i| {
            let c = &r.controls[i];
            if c.status == "implemented" {
                esc(&c.id)
            } else {
                format!("{} ({})", esc(&c.id), esc(&c.status))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn findings_cell(r: &Report, ids: &[usize]) -> String {
    if ids.is_empty() {
        return "—".to_string();
    }
    let mut parts: Vec<String> = ids
        .iter()
        .take(CELL_FINDINGS)
        .map(|&i| {
            let f = &r.findings[i];
            let place = f
                .place
                .as_ref()
                .map_or(String::new(), |p| format!(" {}", code(&p.to_string())));
            let waived = if f.waived() { " (waived)" } else { "" };
            format!("{}{place}{waived}", esc(&f.diag.code))
        })
        .collect();
    if ids.len() > CELL_FINDINGS {
        parts.push(format!("and {} more", ids.len() - CELL_FINDINGS));
    }
    parts.join("<br>")
}

fn justification(r: &Report, ids: &[usize]) -> String {
    let list: Vec<String> = ids
        .iter()
        .map(|&i| &r.controls[i])
        .filter(|c| c.not_applicable())
        .map(|c| match &c.justification {
            Some(j) => format!("{}: {}", esc(&c.id), esc(j)),
            None => format!("{}: no justification given", esc(&c.id)),
        })
        .collect();
    if list.is_empty() {
        "—".to_string()
    } else {
        list.join("<br>")
    }
}

fn stamp(r: &Report, s: &mut String) {
    let st = &r.stamp;
    s.push_str("| | |\n|---|---|\n");
    let _ = writeln!(s, "| Organisation | {} |", esc(&r.organization));
    let _ = writeln!(s, "| Evaluation date (`--as-of`) | {} |", r.as_of);
    let _ = writeln!(s, "| Tool | nis2check {} |", esc(&st.tool_version));
    let _ = writeln!(
        s,
        "| Built-in rule pack | {} ({} files) |",
        code(&st.rule_pack),
        st.rule_pack_files
    );
    let _ = writeln!(s, "| Repository commit | {} |", esc(&st.commit));
    let _ = writeln!(
        s,
        "| Rules evaluated | {} ({} of the organisation's own loaded) |",
        r.rules_evaluated, r.custom_rules
    );
    s.push('\n');
}

fn summary(r: &Report, s: &mut String) {
    s.push_str("## Summary\n\n");
    let count = |sev: Severity| {
        r.findings
            .iter()
            .filter(|f| !f.waived() && f.diag.severity == sev)
            .count()
    };
    let _ = writeln!(
        s,
        "{} ({} errors, {} warnings, {} notes) and {}.\n",
        plural(r.active_findings(), "active finding", "active findings"),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
        plural(r.waived_findings(), "waived finding", "waived findings"),
    );
    if r.assessed.is_empty() {
        s.push_str("No framework is in use, so there are no requirements to assess.\n\n");
        return;
    }
    s.push_str("| Framework | Requirements |");
    for st in Status::ALL {
        let _ = write!(s, " {} |", st.label());
    }
    s.push_str("\n|---|--:|");
    for _ in Status::ALL {
        s.push_str("--:|");
    }
    s.push('\n');
    for fw in &r.assessed {
        let c = fw.counts();
        let _ = write!(s, "| {} | {} |", esc(fw.short()), fw.rows.len());
        for st in Status::ALL {
            let _ = write!(s, " {} |", c[st.index()]);
        }
        s.push('\n');
    }
    s.push_str("\n### NIS2 Art. 21(2) measures by requirement status\n\n");
    s.push_str("Each row counts the requirements of the frameworks above that map to the point: the NIS2 point itself, the requirements the catalogue maps to it, and the BIO2 measures whose ISO/IEC 27002 control maps to it.\n\n");
    s.push_str("| Point | Measure |");
    for st in Status::ALL {
        let _ = write!(s, " {} |", st.label());
    }
    s.push_str("\n|---|---|");
    for _ in Status::ALL {
        s.push_str("--:|");
    }
    s.push('\n');
    for bar in &r.chart {
        let _ = write!(s, "| ({}) | {} |", bar.letter, esc(&bar.title));
        for st in Status::ALL {
            let _ = write!(s, " {} |", bar.counts[st.index()]);
        }
        s.push('\n');
    }
    s.push('\n');
}

fn scope(r: &Report, s: &mut String) {
    s.push_str("## Scope\n\n");
    match &r.scope {
        Some(sc) => {
            let _ = writeln!(
                s,
                "Derived classification: **{}**.",
                esc(sc.position.as_str())
            );
            match &sc.declared {
                Some(d) if d == sc.position.as_str() => {
                    let _ = writeln!(s, "Declared: {} (agrees).", esc(d));
                }
                Some(d) => {
                    let _ = writeln!(
                        s,
                        "Declared: {} (differs from the derived classification).",
                        esc(d)
                    );
                }
                None => s.push_str("Declared: nothing.\n"),
            }
            if let Some(sup) = &sc.supervision {
                let _ = writeln!(s, "Supervision: {}.", esc(sup));
            }
            s.push_str("\nBecause:\n\n");
            for reason in &sc.reasons {
                let _ = writeln!(s, "- {}", esc_code(reason));
            }
            s.push('\n');
            let derived: Vec<String> = sc.frameworks.iter().map(|f| r.framework_short(f)).collect();
            let _ = writeln!(
                s,
                "Frameworks that follow from the scope: {}.",
                if derived.is_empty() {
                    "none".to_string()
                } else {
                    esc(&derived.join(", "))
                }
            );
        }
        None => s.push_str("No `[organization]`: the scope cannot be derived.\n"),
    }
    let used: Vec<String> = r.frameworks.iter().map(|f| r.framework_short(f)).collect();
    let _ = writeln!(
        s,
        "Frameworks in use: {} ({}).",
        if used.is_empty() {
            "none".to_string()
        } else {
            esc(&used.join(", "))
        },
        if r.frameworks_from_settings {
            "set in nis2check.toml"
        } else {
            "derived from the scope"
        }
    );
    if r.assessed.iter().any(|f| !f.enabled) {
        s.push_str("ISO/IEC 27001:2022 Annex A is not in use, but controls cite it: the report includes its Statement of Applicability.\n");
    }
    s.push('\n');
}

fn legend(s: &mut String) {
    s.push_str("## Status legend\n\n| Status | Meaning |\n|---|---|\n");
    for st in Status::ALL {
        let _ = writeln!(s, "| {} | {} |", st.label(), esc_code(st.definition()));
    }
    s.push('\n');
    for note in LEGEND_NOTES {
        let _ = writeln!(s, "- {}", esc_code(note));
    }
    s.push('\n');
}

fn matrix(r: &Report, s: &mut String) {
    s.push_str("## Requirement status matrix\n\n");
    if !r.assessed.iter().any(|f| f.enabled) {
        s.push_str("No framework is in use.\n\n");
    }
    for fw in r.assessed.iter().filter(|f| f.enabled) {
        let _ = writeln!(
            s,
            "### {} — {}\n",
            esc(fw.short()),
            esc(&fw.framework.meta.title)
        );
        // A framework with a Statement of Applicability has its rows there, findings
        // included: printed twice, the report would no longer fit a pull-request comment.
        if fw.has_soa() {
            let _ = writeln!(
                s,
                "{}. Each requirement, with its status, controls and findings, is in the [Statement of Applicability](#statement-of-applicability) below.\n",
                counts_line(fw)
            );
            continue;
        }
        let fold = fw.rows.len() > FOLD_ROWS;
        if fold {
            let _ = writeln!(s, "<details><summary>{}</summary>\n", counts_line(fw));
        } else {
            let _ = writeln!(s, "{}.\n", counts_line(fw));
        }
        s.push_str(
            "| Requirement | Title | Status | Controls | Findings |\n|---|---|---|---|---|\n",
        );
        for row in &fw.rows {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                esc(&row.req.id),
                esc(&row.req.title),
                status(row.status),
                controls_cell(r, &row.controls),
                findings_cell(r, &row.findings)
            );
        }
        if fold {
            s.push_str("\n</details>\n");
        }
        s.push('\n');
    }
}

fn soa(r: &Report, s: &mut String) {
    let list: Vec<&FrameworkReport> = r.assessed.iter().filter(|f| f.has_soa()).collect();
    if list.is_empty() {
        return;
    }
    s.push_str("## Statement of Applicability\n\n");
    for fw in list {
        let meta = &fw.framework.meta;
        let version = if meta.version.is_empty() || meta.title.contains(&meta.version) {
            String::new()
        } else {
            format!(" (version {})", esc(&fw.framework.meta.version))
        };
        let _ = writeln!(
            s,
            "### {}{version}\n\n<details><summary>{}</summary>\n",
            esc(&fw.framework.meta.title),
            counts_line(fw)
        );
        s.push_str("| Id | Title | Applicable | Justification | Implementing controls | Status | Findings |\n|---|---|---|---|---|---|---|\n");
        for row in &fw.rows {
            let applicable = match row.status {
                Status::NotApplicable => "no",
                Status::NotCovered => "not stated",
                _ => "yes",
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} |",
                esc(&row.req.id),
                esc(&row.req.title),
                applicable,
                justification(r, &row.controls),
                controls_cell(r, &row.controls),
                status(row.status),
                findings_cell(r, &row.findings)
            );
        }
        s.push_str("\n</details>\n\n");
    }
}

fn findings(r: &Report, s: &mut String) {
    s.push_str("## Findings by requirement\n\n");
    if r.findings.is_empty() {
        s.push_str("No findings.\n\n");
    }
    for g in &r.groups {
        match g.requirement {
            Some(req) => {
                let _ = writeln!(s, "### {} — {}\n", esc(&g.cite), esc(&req.title));
            }
            None => {
                let _ = writeln!(s, "### {}\n", esc(&g.cite));
            }
        }
        for &i in &g.findings {
            let f = &r.findings[i];
            let d = f.diag;
            let title = d.rule.as_ref().map_or("", |x| x.title.as_str());
            let place = f
                .place
                .as_ref()
                .map_or(String::new(), |p| format!(" — {}", code(&p.to_string())));
            let waived = match &d.waived_by {
                Some(w) => format!(
                    " — waived by {} (approved by {}, expires {})",
                    esc(&w.id),
                    esc(&w.approved_by),
                    esc(&w.expires)
                ),
                None => String::new(),
            };
            let _ = writeln!(
                s,
                "- {} {} {}: {}{place}{waived}",
                if f.waived() {
                    format!("~~{}~~", d.severity)
                } else {
                    format!("**{}**", d.severity)
                },
                code(&d.code),
                esc(title),
                esc_code(&d.message),
            );
            let refs: Vec<&String> = d
                .references
                .iter()
                .filter(|x| !x.starts_with("NIS2 "))
                .collect();
            if !refs.is_empty() {
                let _ = writeln!(
                    s,
                    "  also: {}",
                    esc(&refs
                        .iter()
                        .map(|x| x.as_str())
                        .collect::<Vec<_>>()
                        .join(", "))
                );
            }
        }
        s.push('\n');
    }
    if !r.other.is_empty() {
        s.push_str("### Other diagnostics\n\n");
        for (d, place) in &r.other {
            let place = place
                .as_ref()
                .map_or(String::new(), |p| format!(" — {}", code(&p.to_string())));
            let _ = writeln!(
                s,
                "- **{}** {}: {}{place}",
                d.severity,
                code(&d.code),
                esc_code(&d.message)
            );
        }
        s.push('\n');
    }
}

fn waivers(r: &Report, s: &mut String) {
    s.push_str("## Waivers\n\n");
    if r.waivers.is_empty() {
        s.push_str("No waivers.\n\n");
        return;
    }
    let _ = writeln!(
        s,
        "Expired waivers, and waivers that expire within {} days of {}, are in bold.\n",
        super::EXPIRING_DAYS,
        r.as_of
    );
    s.push_str("| Waiver | Rule | Target | Reason | Approved by | Expires | On the evaluation date | Findings covered |\n|---|---|---|---|---|---|---|--:|\n");
    for w in &r.waivers {
        let approver = match &w.approver_name {
            Some(n) => format!("{} ({})", esc(n), esc(&w.approved_by)),
            None => esc(&w.approved_by),
        };
        let state = if w.state.stands_out() {
            format!("**{}**", w.state.text())
        } else {
            w.state.text()
        };
        let ticket = w
            .ticket
            .as_ref()
            .map_or(String::new(), |t| format!("<br>ticket: {}", esc(t)));
        let _ = writeln!(
            s,
            "| {}{ticket} | {} | {} | {} | {} | {} | {} | {} |",
            esc(&w.id),
            esc(&w.rule),
            code(&w.target),
            esc(&w.reason),
            approver,
            w.expires,
            state,
            w.covers.len()
        );
    }
    s.push('\n');
}

fn incident(t: &Timeline, s: &mut String) {
    let _ = writeln!(s, "### {} — {}\n", esc(&t.id), esc(&t.title));
    let _ = writeln!(
        s,
        "Aware: {} (`aware_at = {}`, {}){}; {}.\n",
        timeline::utc(t.aware),
        t.aware_text,
        code(&t.place.to_string()),
        t.resolved.map_or(String::new(), |r| format!(
            "; handling ended {}",
            timeline::utc(r)
        )),
        match t.missed() {
            0 => "no deadline missed".to_string(),
            n => format!("**{} missed**", plural(n, "deadline", "deadlines")),
        }
    );
    s.push_str("| Step | Deadline | Due | Sent | Result |\n|---|---|---|---|---|\n");
    for st in &t.steps {
        let result = if st.outcome.missed() {
            format!("**{}**", esc(&st.outcome.text()))
        } else {
            esc(&st.outcome.text())
        };
        let _ = writeln!(
            s,
            "| {} ({}) | {} | {} | {} | {} |",
            st.name,
            esc(st.cite),
            esc(&st.rule),
            st.due.map_or("—".to_string(), timeline::utc),
            st.sent.map_or("not sent".to_string(), timeline::utc),
            result
        );
    }
    s.push('\n');
}

fn incidents(r: &Report, s: &mut String) {
    s.push_str("## Incident reporting (NIS2 Art. 23)\n\n");
    let inc = &r.incidents;
    if inc.significant.is_empty() {
        s.push_str("No significant incidents.\n\n");
    } else {
        s.push_str("Deadlines run from `aware_at`; all times in UTC. A month is a calendar month, the day clamped to the end of a shorter month.\n\n");
    }
    for t in &inc.significant {
        incident(t, s);
    }
    if !inc.not_significant.is_empty() {
        s.push_str("Assessed as not significant (no reporting duty):\n\n");
        for (id, title) in &inc.not_significant {
            let _ = writeln!(s, "- {} — {}", esc(id), esc(title));
        }
        s.push('\n');
    }
    if !inc.unassessed.is_empty() {
        s.push_str("**Significance not assessed** (`significant` missing):\n\n");
        for (id, title) in &inc.unassessed {
            let _ = writeln!(s, "- {} — {}", esc(id), esc(title));
        }
        s.push('\n');
    }
}

fn controls(r: &Report, s: &mut String) {
    s.push_str("## Controls\n\n");
    if r.controls.is_empty() {
        s.push_str("No controls.\n");
        return;
    }
    let _ = writeln!(
        s,
        "<details><summary>{}</summary>\n",
        plural(r.controls.len(), "control", "controls")
    );
    s.push_str("| Control | Title | Status | Owner | Requirements | Defined in |\n|---|---|---|---|---|---|\n");
    for c in &r.controls {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            esc(&c.id),
            esc(&c.title),
            esc(&c.status),
            esc(&c.owner),
            esc(&c.requirements.join(", ")),
            code(&c.place.to_string())
        );
    }
    s.push_str("\n</details>\n");
}

/// The whole document.
pub fn render(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", esc(&r.title()));
    stamp(r, &mut s);
    summary(r, &mut s);
    scope(r, &mut s);
    legend(&mut s);
    matrix(r, &mut s);
    soa(r, &mut s);
    findings(r, &mut s);
    waivers(r, &mut s);
    incidents(r, &mut s);
    controls(r, &mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup_but_keeps_identifiers_readable() {
        assert_eq!(esc("a | b"), "a \\| b");
        assert_eq!(esc("<script>"), "&lt;script&gt;");
        assert_eq!(esc("early_warning_at"), "early_warning_at");
        assert_eq!(esc("_emph_"), "\\_emph\\_");
        assert_eq!(esc("*x* [y](z)"), "\\*x\\* \\[y\\](z)");
        assert_eq!(esc("# heading"), "\\# heading");
        assert_eq!(esc("two\nlines"), "two lines");
        assert_eq!(super::esc_code("set `a|b` now"), "set `a\\|b` now");
        assert_eq!(super::esc_code("odd ` tick"), "odd \\` tick");
    }
}
