//! `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::message`), so
//! that findings show as annotations on the pull request, and a Markdown job summary appended
//! to `$GITHUB_STEP_SUMMARY`.
//!
//! GitHub shows at most 10 annotations of each level per step. The most severe come first, at
//! most 10 per level; one `::notice::` then says how many more there are. The job summary lists
//! every finding.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::check::Outcome;
use crate::diag::{Diagnostic, Severity};
use crate::report::human;

/// Annotations GitHub shows per level and step.
pub const MAX_PER_LEVEL: usize = 10;

/// Days before `as_of` within which an expiring waiver is called out in the job summary.
pub const EXPIRY_WINDOW_DAYS: i32 = 30;

/// The job summary file GitHub Actions gives the step, if any (`GITHUB_STEP_SUMMARY`).
pub fn step_summary_path() -> Option<PathBuf> {
    std::env::var_os("GITHUB_STEP_SUMMARY")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Escapes the message of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command (`file=`, `title=` …).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

/// `CODE: rule title`, or the code.
fn title(d: &Diagnostic) -> String {
    match &d.rule {
        Some(r) => format!("{}: {}", d.code, r.title),
        None => d.code.clone(),
    }
}

/// One workflow command for a diagnostic.
pub fn annotation(d: &Diagnostic, outcome: &Outcome) -> String {
    let mut props = Vec::new();
    if let Some(l) = &d.primary {
        let f = outcome.sources.get(l.file);
        let start = f.line_col(l.span.start);
        let end = f.line_col(l.span.end.max(l.span.start));
        props.push(format!("file={}", escape_property(&outcome.ci_path(f))));
        props.push(format!("line={}", start.line));
        props.push(format!("col={}", start.column));
        props.push(format!("endLine={}", end.line));
        props.push(format!("endColumn={}", end.column));
    }
    props.push(format!("title={}", escape_property(&title(d))));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    if !d.references.is_empty() {
        message.push_str(&format!("\nlegal basis: {}", d.references.join(" · ")));
    }
    format!(
        "::{} {}::{}",
        command(d.severity),
        props.join(","),
        escape_data(&message)
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The workflow commands and the summary line; appends the job summary to `summary` when
/// given. A summary that cannot be written becomes a warning annotation.
pub fn render(outcome: &Outcome, summary: Option<&Path>) -> String {
    let mut out = annotations(outcome);
    if let Some(path) = summary {
        let md = job_summary(outcome, blob_base().as_deref());
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut f| f.write_all(md.as_bytes()));
        if let Err(e) = written {
            out.push_str(&format!(
                "::warning title=nis2check::{}\n",
                escape_data(&format!(
                    "cannot append the job summary to `{}`: {e}",
                    path.display()
                ))
            ));
        }
    }
    out.push_str(&human::summary(outcome));
    out.push('\n');
    out
}

/// The annotations, most severe first, at most [`MAX_PER_LEVEL`] per level, then a notice
/// with how many more there are.
pub fn annotations(outcome: &Outcome) -> String {
    let open: Vec<&Diagnostic> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.waived_by.is_none())
        .collect();
    let count = |s: Severity| open.iter().filter(|d| d.severity == s).count();
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    let overflow = errors > MAX_PER_LEVEL || warnings > MAX_PER_LEVEL || notes > MAX_PER_LEVEL;
    // The closing notice is a notice too: leave room for it.
    let note_cap = if overflow {
        MAX_PER_LEVEL - 1
    } else {
        MAX_PER_LEVEL
    };
    let mut out = String::new();
    let mut hidden = Vec::new();
    let mut n = 0;
    for (severity, cap) in [
        (Severity::Error, MAX_PER_LEVEL),
        (Severity::Warning, MAX_PER_LEVEL),
        (Severity::Note, note_cap),
    ] {
        let all: Vec<&&Diagnostic> = open.iter().filter(|d| d.severity == severity).collect();
        for d in all.iter().take(cap) {
            out.push_str(&annotation(d, outcome));
            out.push('\n');
        }
        if all.len() > cap {
            n += all.len() - cap;
            hidden.push(plural(all.len() - cap, severity.as_str()));
        }
    }
    if !hidden.is_empty() {
        out.push_str(&format!(
            "::notice title=nis2check::{}\n",
            escape_data(&format!(
                "{n} more {} not annotated ({}): GitHub shows at most {MAX_PER_LEVEL} annotations per level; every finding is in the job summary",
                if n == 1 { "finding is" } else { "findings are" },
                hidden.join(", ")
            ))
        ));
    }
    out
}

/// A Markdown table cell: no line breaks, `|` escaped.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

/// Where GitHub shows this run's files: `SERVER/OWNER/REPO/blob/SHA/`, from the variables
/// every Actions job has; `None` outside Actions.
pub fn blob_base() -> Option<String> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    Some(format!(
        "{}/{}/blob/{}/",
        var("GITHUB_SERVER_URL")?.trim_end_matches('/'),
        var("GITHUB_REPOSITORY")?,
        var("GITHUB_SHA")?
    ))
}

/// `[file:line](BLOB/file#Lline)`, or `` `file:line` `` without [`blob_base`] (a relative
/// link in a job summary would resolve against the run's page), or `—`.
fn place(d: &Diagnostic, outcome: &Outcome, blob: Option<&str>) -> String {
    match &d.primary {
        Some(l) => {
            let f = outcome.sources.get(l.file);
            let line = f.line_col(l.span.start).line;
            let path = outcome.ci_path(f);
            match blob {
                Some(base) => format!(
                    "[{}:{line}]({base}{}#L{line})",
                    cell(&path),
                    super::sarif::uri(&path)
                ),
                None => format!("`{}:{line}`", cell(&path).replace('`', "'")),
            }
        }
        None => "—".to_string(),
    }
}

/// The Markdown job summary.
pub fn job_summary(outcome: &Outcome, blob: Option<&str>) -> String {
    let mut md = String::new();
    let open: Vec<&Diagnostic> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.waived_by.is_none())
        .collect();
    let waived: Vec<&Diagnostic> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.waived_by.is_some())
        .collect();
    let _ = writeln!(md, "## nis2check\n");
    let _ = writeln!(md, "{}\n", human::summary(outcome));

    let _ = writeln!(md, "| level | open |\n|---|---:|");
    for s in [Severity::Error, Severity::Warning, Severity::Note] {
        let _ = writeln!(md, "| {s} | {} |", outcome.count(s));
    }
    let _ = writeln!(md, "| waived | {} |\n", waived.len());

    // framework → (errors, warnings, notes), open findings only.
    let mut by_framework: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for d in &open {
        if let Some(r) = &d.rule {
            for (fw, _) in &r.frameworks {
                let e = by_framework.entry(fw).or_default();
                e[match d.severity {
                    Severity::Error => 0,
                    Severity::Warning => 1,
                    Severity::Note => 2,
                }] += 1;
            }
        }
    }
    if !by_framework.is_empty() {
        let _ = writeln!(
            md,
            "| framework | errors | warnings | notes |\n|---|---:|---:|---:|"
        );
        for (fw, [e, w, n]) in &by_framework {
            let _ = writeln!(md, "| {} | {e} | {w} | {n} |", cell(fw));
        }
        md.push('\n');
    }

    if !open.is_empty() {
        let _ = writeln!(md, "### Findings\n");
        let _ = writeln!(md, "| level | code | message | place |\n|---|---|---|---|");
        let mut sorted = open.clone();
        // Most severe first; the diagnostics' own order within a level.
        sorted.sort_by_key(|d| std::cmp::Reverse(d.severity));
        for d in sorted {
            let _ = writeln!(
                md,
                "| {} | `{}` | {} | {} |",
                d.severity,
                cell(&d.code),
                cell(&d.message),
                place(d, outcome, blob)
            );
        }
        md.push('\n');
    }

    if !waived.is_empty() {
        let _ = writeln!(md, "### Waived\n");
        let _ = writeln!(
            md,
            "| code | message | place | waiver | expires | approved by | reason |\n|---|---|---|---|---|---|---|"
        );
        for d in &waived {
            let w = d.waived_by.as_ref().expect("filtered");
            let _ = writeln!(
                md,
                "| `{}` | {} | {} | `{}` | {} | {} | {} |",
                cell(&d.code),
                cell(&d.message),
                place(d, outcome, blob),
                cell(&w.id),
                cell(&w.expires),
                cell(&w.approved_by),
                cell(&w.reason)
            );
        }
        md.push('\n');
    }

    // Waivers that expire within the window, from the findings they cover.
    let mut expiring: BTreeMap<(String, String), (i32, usize)> = BTreeMap::new();
    for d in &waived {
        let w = d.waived_by.as_ref().expect("filtered");
        let Ok(expires) = w.expires.parse::<jiff::civil::Date>() else {
            continue;
        };
        let Ok(span) = outcome.as_of.until(expires) else {
            continue;
        };
        let days = span.get_days();
        if (0..=EXPIRY_WINDOW_DAYS).contains(&days) {
            expiring
                .entry((w.expires.clone(), w.id.clone()))
                .or_insert((days, 0))
                .1 += 1;
        }
    }
    if !expiring.is_empty() {
        let _ = writeln!(
            md,
            "### Waivers expiring within {EXPIRY_WINDOW_DAYS} days\n"
        );
        let _ = writeln!(
            md,
            "| waiver | expires | days left | findings covered |\n|---|---|---:|---:|"
        );
        for ((expires, id), (days, n)) in &expiring {
            let _ = writeln!(md, "| `{}` | {} | {days} | {n} |", cell(id), cell(expires));
        }
        md.push('\n');
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks() {
        assert_eq!(escape_data("100% done\r\nnext"), "100%25 done%0D%0Anext");
        assert_eq!(escape_data("a:b,c"), "a:b,c");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(
            escape_property("AST001: Assets, owned\n%"),
            "AST001%3A Assets%2C owned%0A%25"
        );
        assert_eq!(escape_property("dir,1/a:b.toml"), "dir%2C1/a%3Ab.toml");
    }

    #[test]
    fn cells_escape_pipes_and_line_breaks() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
    }
}
