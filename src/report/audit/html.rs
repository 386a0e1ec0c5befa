//! The report as one self-contained HTML file: inline CSS and inline SVG only — no script, font,
//! image or stylesheet is fetched, and a Content-Security-Policy forbids it — readable on screen
//! and printed on A4. All text is escaped.

use std::fmt::Write as _;

use super::timeline::{self, Timeline};
use super::{plural, ChartBar, FrameworkReport, Report, Row, Status, LEGEND_NOTES};
use crate::diag::Severity;

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text, rendering its `code` spans (paired backticks) as `<code>`.
pub fn esc_code(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len() % 2 == 0 {
        return esc(s);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", esc(p))
            } else {
                esc(p)
            }
        })
        .collect()
}

/// `file:line` as code, breakable after each `/`.
fn place(p: &super::Place) -> String {
    format!(
        "<code class=\"place\">{}</code>",
        esc(&p.to_string()).replace('/', "/<wbr>")
    )
}

/// A fragment identifier from an arbitrary string: letters, digits, `-`, `_` and `.` kept,
/// everything else `_`.
pub fn anchor(prefix: &str, s: &str) -> String {
    let body: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}-{body}")
}

/// The fill of each status (chart and badges).
pub fn colour(s: Status) -> &'static str {
    match s {
        Status::Passing => "#2e7d32",
        Status::Failing => "#c62828",
        Status::Waived => "#b26a00",
        Status::NotApplicable => "#78909c",
        Status::NotCovered => "#6a1b9a",
        Status::DeclaredOnly => "#1565c0",
    }
}

const CSS: &str = r#"
:root { --ink: #1b1f23; --muted: #57606a; --line: #d0d7de; --head: #f3f5f7; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: #fff; margin: 0 auto; max-width: 1180px; padding: 24px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 12px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 22px 0 8px; }
p { margin: 6px 0 10px; }
a { color: #0b57d0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 18px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 7px; text-align: left; vertical-align: top; }
thead th { background: var(--head); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.id { white-space: nowrap; font-weight: 600; }
td.evidence, dl.stamp code { overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; white-space: nowrap; }
.s-passing { background: #2e7d32; } .s-failing { background: #c62828; } .s-waived { background: #b26a00; }
.s-not-applicable { background: #78909c; } .s-not-covered { background: #6a1b9a; } .s-declared-only { background: #1565c0; }
.sev-error { color: #c62828; font-weight: 600; } .sev-warning { color: #b26a00; font-weight: 600; } .sev-note { color: var(--muted); font-weight: 600; }
dl.stamp { display: grid; grid-template-columns: max-content 1fr; gap: 3px 18px; margin: 0 0 8px; padding: 12px 14px; background: var(--head); border: 1px solid var(--line); }
dl.stamp dt { color: var(--muted); }
dl.stamp dd { margin: 0; overflow-wrap: anywhere; }
nav.toc ol { margin: 8px 0 0; padding-left: 20px; columns: 2; }
figure { margin: 8px 0 18px; }
figcaption { color: var(--muted); font-size: 12px; }
svg { max-width: 100%; height: auto; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
ul.findings { padding-left: 18px; margin: 4px 0 12px; }
ul.findings li { margin: 3px 0; }
li.waived-finding { color: var(--muted); }
tr.expired td { background: #fdecea; } tr.expiring td { background: #fff4e5; }
.stands-out { font-weight: 700; color: #c62828; }
td.missed { color: #c62828; font-weight: 600; } td.met { color: #2e7d32; }
.legend-notes { font-size: 12px; color: var(--muted); }
footer { margin-top: 36px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  nav.toc { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  table { font-size: 8pt; }
  thead { display: table-header-group; }
  tr, li, figure, dl.stamp { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  section#matrix, section#soa, section#controls { break-before: page; page-break-before: always; }
}
"#;

fn badge(s: Status) -> String {
    format!(
        "<span class=\"badge s-{}\">{}</span>",
        s.as_str(),
        esc(s.label())
    )
}

fn sev(s: Severity) -> String {
    format!("<span class=\"sev-{s}\">{s}</span>")
}

fn row_anchor(fw: &FrameworkReport, row: &Row) -> String {
    anchor(&format!("req-{}", fw.framework.meta.prefix), &row.req.id)
}

fn controls_cell(r: &Report, ids: &[usize]) -> String {
    if ids.is_empty() {
        return "<span class=\"muted\">—</span>".to_string();
    }
    ids.iter()
        .map(|&i| {
            let c = &r.controls[i];
            let status = if c.status == "implemented" {
                String::new()
            } else {
                format!(" <span class=\"muted\">({})</span>", esc(&c.status))
            };
            format!(
                "<a href=\"#{}\">{}</a>{status}",
                anchor("control", &c.id),
                esc(&c.id)
            )
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Findings listed in one matrix cell before "and N more".
const CELL_FINDINGS: usize = 8;

fn findings_cell(r: &Report, ids: &[usize]) -> String {
    if ids.is_empty() {
        return "<span class=\"muted\">—</span>".to_string();
    }
    let mut parts: Vec<String> = ids
        .iter()
        .take(CELL_FINDINGS)
        .map(|&i| {
            let f = &r.findings[i];
            let at = f
                .place
                .as_ref()
                .map_or(String::new(), |p| format!(" {}", place(p)));
            let waived = if f.waived() {
                " <span class=\"muted\">(waived)</span>"
            } else {
                ""
            };
            format!(
                "<a href=\"#{}\">{}</a>{at}{waived}",
                f.anchor,
                esc(&f.diag.code)
            )
        })
        .collect();
    if ids.len() > CELL_FINDINGS {
        parts.push(format!(
            "<span class=\"muted\">and {} more (Findings by requirement)</span>",
            ids.len() - CELL_FINDINGS
        ));
    }
    parts.join("<br>")
}

fn stamp(r: &Report, s: &mut String) {
    let st = &r.stamp;
    s.push_str("<dl class=\"stamp\">\n");
    let mut item = |k: &str, v: String| {
        let _ = writeln!(s, "<dt>{}</dt><dd>{v}</dd>", esc(k));
    };
    item("Organisation", esc(&r.organization));
    item("Evaluation date (--as-of)", r.as_of.to_string());
    item("Tool", format!("nis2check {}", esc(&st.tool_version)));
    item(
        "Built-in rule pack",
        format!(
            "<code>{}</code> ({} files)",
            esc(&st.rule_pack),
            st.rule_pack_files
        ),
    );
    item(
        "Repository commit",
        format!("<code>{}</code>", esc(&st.commit)),
    );
    item(
        "Rules evaluated",
        format!(
            "{} ({} of the organisation's own loaded)",
            r.rules_evaluated, r.custom_rules
        ),
    );
    s.push_str("</dl>\n");
}

/// The stacked bar chart of requirement statuses per NIS2 Art. 21(2) point, as inline SVG.
pub fn chart_svg(bars: &[ChartBar]) -> String {
    let (label_w, bar_w, row_h, top) = (300.0, 420.0, 28.0, 8.0);
    let width = label_w + bar_w + 60.0;
    let max = bars.iter().map(ChartBar::total).max().unwrap_or(0).max(1) as f64;
    let legend_y = top + row_h * bars.len() as f64 + 14.0;
    let height = legend_y + 26.0;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg id=\"chart-21-2\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"chart-title\">"
    );
    s.push_str("<title id=\"chart-title\">Requirement status per NIS2 Art. 21(2) measure (a)–(j)</title>\n");
    for (i, bar) in bars.iter().enumerate() {
        let y = top + row_h * i as f64;
        let short: String = if bar.title.chars().count() > 44 {
            let cut: String = bar.title.chars().take(42).collect();
            format!("{}…", cut.trim_end())
        } else {
            bar.title.clone()
        };
        let _ = writeln!(
            s,
            "<g class=\"point\" data-point=\"{}\"><text x=\"0\" y=\"{:.1}\" font-size=\"12\" fill=\"#1b1f23\"><tspan font-weight=\"600\">({})</tspan> {}<title>{} — {}</title></text>",
            esc(&bar.point),
            y + row_h * 0.62,
            esc(&bar.letter),
            esc(&short),
            esc(&format!("NIS2 Art. {}", bar.point)),
            esc(&bar.title)
        );
        let mut x = label_w;
        for st in Status::ALL {
            let n = bar.counts[st.index()];
            if n == 0 {
                continue;
            }
            let w = bar_w * n as f64 / max;
            let _ = writeln!(
                s,
                "<rect class=\"bar\" data-status=\"{}\" data-count=\"{n}\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\"><title>({}) {}: {n}</title></rect>",
                st.as_str(),
                y + 4.0,
                row_h - 8.0,
                colour(st),
                esc(&bar.letter),
                st.label()
            );
            x += w;
        }
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#57606a\">{}</text></g>",
            x + 6.0,
            y + row_h * 0.62,
            bar.total()
        );
    }
    let mut x = 0.0;
    for st in Status::ALL {
        let _ = writeln!(
            s,
            "<rect x=\"{x:.1}\" y=\"{legend_y:.1}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#1b1f23\">{}</text>",
            colour(st),
            x + 16.0,
            legend_y + 10.5,
            st.label()
        );
        x += 16.0 + 8.0 * st.label().len() as f64 + 18.0;
    }
    s.push_str("</svg>\n");
    s
}

fn summary(r: &Report, s: &mut String) {
    s.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n");
    let count = |sev: Severity| {
        r.findings
            .iter()
            .filter(|f| !f.waived() && f.diag.severity == sev)
            .count()
    };
    let _ = writeln!(
        s,
        "<p>{} ({} errors, {} warnings, {} notes) and {}.</p>",
        plural(r.active_findings(), "active finding", "active findings"),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
        plural(r.waived_findings(), "waived finding", "waived findings"),
    );
    if r.assessed.is_empty() {
        s.push_str(
            "<p>No framework is in use, so there are no requirements to assess.</p>\n</section>\n",
        );
        return;
    }
    s.push_str(
        "<table class=\"counts\"><thead><tr><th>Framework</th><th class=\"num\">Requirements</th>",
    );
    for st in Status::ALL {
        let _ = write!(s, "<th class=\"num\">{}</th>", badge(st));
    }
    s.push_str("</tr></thead><tbody>\n");
    for fw in &r.assessed {
        let c = fw.counts();
        let _ = write!(
            s,
            "<tr data-framework=\"{}\"><td>{}</td><td class=\"num\">{}</td>",
            esc(fw.id()),
            esc(fw.short()),
            fw.rows.len()
        );
        for st in Status::ALL {
            let _ = write!(s, "<td class=\"num\">{}</td>", c[st.index()]);
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>\n");
    s.push_str("<figure id=\"chart\">\n");
    s.push_str(&chart_svg(&r.chart));
    s.push_str("<figcaption>Requirement status per NIS2 Art. 21(2) measure. Each bar counts the requirements of the frameworks above that map to the point: the NIS2 point itself, the requirements the catalogue maps to it, and the BIO2 measures whose ISO/IEC 27002 control maps to it (ENISA's mapping, which is not an equivalence).</figcaption>\n</figure>\n");
    s.push_str("</section>\n");
}

fn scope(r: &Report, s: &mut String) {
    s.push_str("<section id=\"scope\">\n<h2>Scope</h2>\n");
    match &r.scope {
        Some(sc) => {
            let _ = write!(
                s,
                "<p>Derived classification: <strong>{}</strong>.",
                esc(sc.position.as_str())
            );
            match &sc.declared {
                Some(d) if d == sc.position.as_str() => {
                    let _ = write!(s, " Declared: {} (agrees).", esc(d));
                }
                Some(d) => {
                    let _ = write!(
                        s,
                        " Declared: <span class=\"stands-out\">{}</span> (differs from the derived classification).",
                        esc(d)
                    );
                }
                None => s.push_str(" Declared: nothing."),
            }
            if let Some(sup) = &sc.supervision {
                let _ = write!(s, " Supervision: {}.", esc(sup));
            }
            s.push_str("</p>\n<p>Because:</p>\n<ul>\n");
            for reason in &sc.reasons {
                let _ = writeln!(s, "<li>{}</li>", esc_code(reason));
            }
            s.push_str("</ul>\n");
            let derived: Vec<String> = sc.frameworks.iter().map(|f| r.framework_short(f)).collect();
            let _ = writeln!(
                s,
                "<p>Frameworks that follow from the scope: {}.",
                if derived.is_empty() {
                    "none".to_string()
                } else {
                    esc(&derived.join(", "))
                }
            );
        }
        None => s.push_str("<p>No <code>[organization]</code>: the scope cannot be derived.\n"),
    }
    let used: Vec<String> = r.frameworks.iter().map(|f| r.framework_short(f)).collect();
    let _ = write!(
        s,
        " Frameworks in use: <strong>{}</strong> ({}).",
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
        s.push_str(" ISO/IEC 27001:2022 Annex A is not in use, but controls cite it: the report includes its Statement of Applicability.");
    }
    s.push_str("</p>\n</section>\n");
}

fn legend(s: &mut String) {
    s.push_str("<section id=\"legend\">\n<h2>Status legend</h2>\n<table class=\"legend\"><thead><tr><th>Status</th><th>Meaning</th></tr></thead><tbody>\n");
    for st in Status::ALL {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td></tr>",
            badge(st),
            esc_code(st.definition())
        );
    }
    s.push_str("</tbody></table>\n<ul class=\"legend-notes\">\n");
    for note in LEGEND_NOTES {
        let _ = writeln!(s, "<li>{}</li>", esc_code(note));
    }
    s.push_str("</ul>\n</section>\n");
}

fn counts_text(fw: &FrameworkReport) -> String {
    let c = fw.counts();
    let parts: Vec<String> = Status::ALL
        .iter()
        .filter(|st| c[st.index()] > 0)
        .map(|st| format!("{} {}", c[st.index()], st.label()))
        .collect();
    format!(
        "{}: {}.",
        plural(fw.rows.len(), "requirement", "requirements"),
        parts.join(", ")
    )
}

fn matrix(r: &Report, s: &mut String) {
    s.push_str("<section id=\"matrix\">\n<h2>Requirement status matrix</h2>\n");
    if !r.assessed.iter().any(|f| f.enabled) {
        s.push_str("<p>No framework is in use.</p>\n");
    }
    for fw in r.assessed.iter().filter(|f| f.enabled) {
        let _ = writeln!(
            s,
            "<h3 id=\"{}\">{} — {}</h3>\n<p class=\"muted\">{}</p>",
            anchor("matrix", fw.id()),
            esc(fw.short()),
            esc(&fw.framework.meta.title),
            counts_text(fw)
        );
        let _ = writeln!(
            s,
            "<table class=\"matrix\" data-framework=\"{}\"><thead><tr><th>Requirement</th><th>Title</th><th>Status</th><th>Controls</th><th>Findings</th></tr></thead><tbody>",
            esc(fw.id())
        );
        for row in &fw.rows {
            let _ = writeln!(
                s,
                "<tr class=\"req\" id=\"{}\" data-framework=\"{}\" data-requirement=\"{}\" data-status=\"{}\"><td class=\"id\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                row_anchor(fw, row),
                esc(fw.id()),
                esc(&row.req.id),
                row.status.as_str(),
                esc(&row.req.id),
                esc(&row.req.title),
                badge(row.status),
                controls_cell(r, &row.controls),
                findings_cell(r, &row.findings)
            );
        }
        s.push_str("</tbody></table>\n");
    }
    s.push_str("</section>\n");
}

fn soa(r: &Report, s: &mut String) {
    let list: Vec<&FrameworkReport> = r.assessed.iter().filter(|f| f.has_soa()).collect();
    if list.is_empty() {
        return;
    }
    s.push_str("<section id=\"soa\">\n<h2>Statement of Applicability</h2>\n");
    for fw in list {
        let meta = &fw.framework.meta;
        let version = if meta.version.is_empty() || meta.title.contains(&meta.version) {
            String::new()
        } else {
            format!(" (version {})", esc(&fw.framework.meta.version))
        };
        let _ = writeln!(
            s,
            "<h3 id=\"{}\">{}{version}</h3>\n<p class=\"muted\">{}</p>",
            anchor("soa", fw.id()),
            esc(&fw.framework.meta.title),
            counts_text(fw)
        );
        let _ = writeln!(
            s,
            "<table class=\"soa\" data-framework=\"{}\"><thead><tr><th>Id</th><th>Title</th><th>Applicable</th><th>Justification</th><th>Implementing controls</th><th>Status</th></tr></thead><tbody>",
            esc(fw.id())
        );
        for row in &fw.rows {
            let applicable = match row.status {
                Status::NotApplicable => "no",
                Status::NotCovered => "not stated",
                _ => "yes",
            };
            let just: Vec<String> = row
                .controls
                .iter()
                .map(|&i| &r.controls[i])
                .filter(|c| c.not_applicable())
                .map(|c| match &c.justification {
                    Some(j) => format!("{} <span class=\"muted\">({})</span>", esc(j), esc(&c.id)),
                    None => format!(
                        "<span class=\"stands-out\">no justification</span> <span class=\"muted\">({})</span>",
                        esc(&c.id)
                    ),
                })
                .collect();
            let _ = writeln!(
                s,
                "<tr class=\"soa-row\" data-framework=\"{}\" data-requirement=\"{}\" data-status=\"{}\"><td class=\"id\">{}</td><td>{}</td><td>{applicable}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(fw.id()),
                esc(&row.req.id),
                row.status.as_str(),
                esc(&row.req.id),
                esc(&row.req.title),
                if just.is_empty() {
                    "<span class=\"muted\">—</span>".to_string()
                } else {
                    just.join("<br>")
                },
                controls_cell(r, &row.controls),
                badge(row.status)
            );
        }
        s.push_str("</tbody></table>\n");
    }
    s.push_str("</section>\n");
}

fn findings(r: &Report, s: &mut String) {
    s.push_str("<section id=\"findings\">\n<h2>Findings by requirement</h2>\n");
    if r.findings.is_empty() {
        s.push_str("<p>No findings.</p>\n");
    }
    let mut shown = vec![false; r.findings.len()];
    for g in &r.groups {
        match g.requirement {
            Some(req) => {
                let _ = writeln!(
                    s,
                    "<h3 id=\"{}\">{} — {}</h3>",
                    anchor("findings-nis2", &req.id),
                    esc(&g.cite),
                    esc(&req.title)
                );
            }
            None => {
                let _ = writeln!(s, "<h3 id=\"findings-other\">{}</h3>", esc(&g.cite));
            }
        }
        s.push_str("<ul class=\"findings\">\n");
        for &i in &g.findings {
            let f = &r.findings[i];
            let d = f.diag;
            let title = d.rule.as_ref().map_or("", |x| x.title.as_str());
            let place = f
                .place
                .as_ref()
                .map_or(String::new(), |p| format!(" — {}", place(p)));
            let class = if f.waived() {
                "finding waived-finding"
            } else {
                "finding"
            };
            if shown[i] {
                let _ = writeln!(
                    s,
                    "<li class=\"{class}\">{} <code>{}</code> {}: see <a href=\"#{}\">above</a>{place}</li>",
                    sev(d.severity),
                    esc(&d.code),
                    esc(title),
                    f.anchor
                );
                continue;
            }
            shown[i] = true;
            let waived = match &d.waived_by {
                Some(w) => format!(
                    "<br><em>waived by {}</em> (approved by {}, expires {}): {}",
                    esc(&w.id),
                    esc(&w.approved_by),
                    esc(&w.expires),
                    esc(&w.reason)
                ),
                None => String::new(),
            };
            let refs: Vec<&str> = d
                .references
                .iter()
                .filter(|x| !x.starts_with("NIS2 "))
                .map(String::as_str)
                .collect();
            let refs = if refs.is_empty() {
                String::new()
            } else {
                format!(
                    "<br><span class=\"muted\">also {}</span>",
                    esc(&refs.join(", "))
                )
            };
            let _ = writeln!(
                s,
                "<li class=\"{class}\" id=\"{}\" data-code=\"{}\">{} <code>{}</code> {}: {}{place}{waived}{refs}</li>",
                f.anchor,
                esc(&d.code),
                sev(d.severity),
                esc(&d.code),
                esc(title),
                esc_code(&d.message),
            );
        }
        s.push_str("</ul>\n");
    }
    if !r.other.is_empty() {
        s.push_str(
            "<h3 id=\"other-diagnostics\">Other diagnostics</h3>\n<ul class=\"findings\">\n",
        );
        for (d, at) in &r.other {
            let place = at
                .as_ref()
                .map_or(String::new(), |p| format!(" — {}", place(p)));
            let _ = writeln!(
                s,
                "<li>{} <code>{}</code>: {}{place}</li>",
                sev(d.severity),
                esc(&d.code),
                esc_code(&d.message)
            );
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</section>\n");
}

fn waivers(r: &Report, s: &mut String) {
    s.push_str("<section id=\"waivers\">\n<h2>Waivers</h2>\n");
    if r.waivers.is_empty() {
        s.push_str("<p>No waivers.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        s,
        "<p>Expired waivers, and waivers that expire within {} days of {}, are highlighted.</p>",
        super::EXPIRING_DAYS,
        r.as_of
    );
    s.push_str("<table class=\"waivers\"><thead><tr><th>Waiver</th><th>Rule</th><th>Target</th><th>Reason</th><th>Approved by</th><th>Expires</th><th>On the evaluation date</th><th class=\"num\">Findings covered</th></tr></thead><tbody>\n");
    for w in &r.waivers {
        let approver = match &w.approver_name {
            Some(n) => format!(
                "{} <span class=\"muted\">({})</span>",
                esc(n),
                esc(&w.approved_by)
            ),
            None => esc(&w.approved_by),
        };
        let state = if w.state.stands_out() {
            format!("<span class=\"stands-out\">{}</span>", esc(&w.state.text()))
        } else {
            esc(&w.state.text())
        };
        let ticket = w.ticket.as_ref().map_or(String::new(), |t| {
            format!("<br><span class=\"muted\">{}</span>", esc(t))
        });
        let covers: Vec<String> = w
            .covers
            .iter()
            .map(|&i| {
                format!(
                    "<a href=\"#{}\">{}</a>",
                    r.findings[i].anchor,
                    esc(&r.findings[i].diag.code)
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "<tr class=\"{}\" data-waiver=\"{}\"><td class=\"id\">{}{ticket}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{approver}</td><td class=\"num\">{}</td><td>{state}</td><td class=\"num\">{} {}</td></tr>",
            w.state.class(),
            esc(&w.id),
            esc(&w.id),
            esc(&w.rule),
            esc(&w.target),
            esc(&w.reason),
            w.expires,
            w.covers.len(),
            covers.join(" ")
        );
    }
    s.push_str("</tbody></table>\n</section>\n");
}

fn incident(t: &Timeline, s: &mut String) {
    let _ = writeln!(
        s,
        "<h3 id=\"{}\">{} — {}</h3>",
        anchor("incident", &t.id),
        esc(&t.id),
        esc(&t.title)
    );
    let _ = writeln!(
        s,
        "<p>Aware: <strong>{}</strong> (<code>aware_at = {}</code>, {}){}; {}.</p>",
        timeline::utc(t.aware),
        esc(&t.aware_text),
        place(&t.place),
        t.resolved.map_or(String::new(), |r| format!(
            "; handling ended {}",
            timeline::utc(r)
        )),
        match t.missed() {
            0 => "no deadline missed".to_string(),
            n => format!(
                "<span class=\"stands-out\">{} missed</span>",
                plural(n, "deadline", "deadlines")
            ),
        }
    );
    let _ = writeln!(
        s,
        "<table class=\"timeline\" data-incident=\"{}\"><thead><tr><th>Step</th><th>Deadline</th><th>Due</th><th>Sent</th><th>Result</th></tr></thead><tbody>",
        esc(&t.id)
    );
    for st in &t.steps {
        let _ = writeln!(
            s,
            "<tr data-outcome=\"{}\"><td>{} <span class=\"muted\">({})</span></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"{}\">{}</td></tr>",
            st.outcome.class(),
            esc(st.name),
            esc(st.cite),
            esc(&st.rule),
            st.due.map_or("—".to_string(), timeline::utc),
            st.sent.map_or("not sent".to_string(), timeline::utc),
            st.outcome.class(),
            esc(&st.outcome.text())
        );
    }
    s.push_str("</tbody></table>\n");
}

fn incidents(r: &Report, s: &mut String) {
    s.push_str("<section id=\"incidents\">\n<h2>Incident reporting (NIS2 Art. 23)</h2>\n");
    let inc = &r.incidents;
    if inc.significant.is_empty() {
        s.push_str("<p>No significant incidents.</p>\n");
    } else {
        s.push_str("<p class=\"muted\">Deadlines run from <code>aware_at</code>; all times in UTC. A month is a calendar month, the day clamped to the end of a shorter month.</p>\n");
    }
    for t in &inc.significant {
        incident(t, s);
    }
    if !inc.not_significant.is_empty() {
        s.push_str("<p>Assessed as not significant (no reporting duty):</p>\n<ul>\n");
        for (id, title) in &inc.not_significant {
            let _ = writeln!(s, "<li><strong>{}</strong> — {}</li>", esc(id), esc(title));
        }
        s.push_str("</ul>\n");
    }
    if !inc.unassessed.is_empty() {
        s.push_str("<p class=\"stands-out\">Significance not assessed (<code>significant</code> missing):</p>\n<ul>\n");
        for (id, title) in &inc.unassessed {
            let _ = writeln!(s, "<li><strong>{}</strong> — {}</li>", esc(id), esc(title));
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</section>\n");
}

fn controls(r: &Report, s: &mut String) {
    s.push_str("<section id=\"controls\">\n<h2>Controls</h2>\n");
    if r.controls.is_empty() {
        s.push_str("<p>No controls.</p>\n</section>\n");
        return;
    }
    s.push_str("<table class=\"controls\"><thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Owner</th><th>Requirements</th><th>Evidence</th><th>Defined in</th></tr></thead><tbody>\n");
    for c in &r.controls {
        let mut title = esc(&c.title);
        if let Some(j) = &c.justification {
            let _ = write!(
                title,
                "<br><span class=\"muted\">Justification: {}</span>",
                esc(j)
            );
        }
        // Evidence URLs are shown as text, never as links: the report fetches and opens nothing.
        let evidence: Vec<String> = c.evidence.iter().map(|e| esc(e)).collect();
        let _ = writeln!(
            s,
            "<tr id=\"{}\"><td class=\"id\">{}</td><td>{title}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"evidence\">{}</td><td>{}</td></tr>",
            anchor("control", &c.id),
            esc(&c.id),
            esc(&c.status),
            esc(&c.owner),
            esc(&c.requirements.join(", ")),
            if evidence.is_empty() {
                "<span class=\"muted\">—</span>".to_string()
            } else {
                evidence.join("<br>")
            },
            place(&c.place)
        );
    }
    s.push_str("</tbody></table>\n</section>\n");
}

/// The whole document.
pub fn render(r: &Report) -> String {
    let mut s = String::with_capacity(256 * 1024);
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    // Nothing may be fetched: no scripts, no stylesheets, fonts or images from anywhere.
    s.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        s,
        "<meta name=\"generator\" content=\"nis2check {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>",
        esc(&r.stamp.tool_version),
        esc(&r.title())
    );
    let _ = writeln!(s, "<header>\n<h1>{}</h1>", esc(&r.title()));
    stamp(r, &mut s);
    s.push_str("</header>\n");
    s.push_str("<nav class=\"toc\"><strong>Contents</strong><ol>");
    let mut toc = vec![
        ("summary", "Summary"),
        ("scope", "Scope"),
        ("legend", "Status legend"),
        ("matrix", "Requirement status matrix"),
    ];
    if r.assessed.iter().any(|f| f.has_soa()) {
        toc.push(("soa", "Statement of Applicability"));
    }
    toc.extend([
        ("findings", "Findings by requirement"),
        ("waivers", "Waivers"),
        ("incidents", "Incident reporting"),
        ("controls", "Controls"),
    ]);
    for (id, name) in toc {
        let _ = write!(s, "<li><a href=\"#{id}\">{name}</a></li>");
    }
    s.push_str("</ol></nav>\n<main>\n");
    summary(r, &mut s);
    scope(r, &mut s);
    legend(&mut s);
    matrix(r, &mut s);
    soa(r, &mut s);
    findings(r, &mut s);
    waivers(r, &mut s);
    incidents(r, &mut s);
    controls(r, &mut s);
    let _ = writeln!(
        s,
        "</main>\n<footer>nis2check {} · as of {} · rule pack <code>{}</code> · commit <code>{}</code></footer>\n</body>\n</html>",
        esc(&r.stamp.tool_version),
        r.as_of,
        esc(&r.stamp.rule_pack),
        esc(&r.stamp.commit)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_could_open_markup() {
        assert_eq!(
            esc(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(anchor("control", "c-1.a"), "control-c-1.a");
        assert_eq!(anchor("req-nis2", "21(2)(a)"), "req-nis2-21_2__a_");
    }
}
