//! `--format junit`: JUnit XML for CI dashboards (GitLab, Jenkins, Azure DevOps …).
//!
//! One `<testsuite>` per rule that was evaluated, named `ID: title`, sorted by id; one
//! `<testcase>` per finding (named after its entity and field), failing with the finding's
//! level as `type`; waived findings are `<skipped>`; a rule without findings has one passing
//! test case. Input, policy and waiver diagnostics form the suite `nis2check.input`, which comes
//! first. No timings: two runs print the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::check::{self, Outcome};
use crate::diag::{Diagnostic, Origin};
use crate::policy::Rule;

/// The suite of the diagnostics that are not findings of a rule.
pub const INPUT_SUITE: &str = "nis2check.input";

/// Escapes an attribute value (in double quotes) for XML 1.0. Line breaks and tabs become
/// character references, so that parsers keep them; characters XML cannot hold (most C0
/// controls) become U+FFFD.
pub fn escape_attr(s: &str) -> String {
    escape(s, true)
}

/// Escapes element text for XML 1.0; line breaks stay as they are.
pub fn escape_text(s: &str) -> String {
    escape(s, false)
}

fn escape(s: &str, attr: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\n' if attr => out.push_str("&#10;"),
            '\t' if attr => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// `file:line:col`, or an empty string.
fn place(d: &Diagnostic, outcome: &Outcome) -> String {
    match &d.primary {
        Some(l) => {
            let f = outcome.sources.get(l.file);
            let lc = f.line_col(l.span.start);
            format!("{}:{}:{}", outcome.ci_path(f), lc.line, lc.column)
        }
        None => String::new(),
    }
}

/// The test-case name of a diagnostic.
fn case_name(d: &Diagnostic, outcome: &Outcome) -> String {
    match &d.rule {
        Some(r) => {
            let mut name = match &r.entity {
                Some(e) => format!("{}:{}", e.kind, e.id),
                None => "organization".to_string(),
            };
            if !r.field.is_empty() {
                name.push(' ');
                name.push_str(&r.field.join("."));
            }
            name
        }
        None => {
            let p = place(d, outcome);
            if p.is_empty() {
                d.code.clone()
            } else {
                format!("{} {p}", d.code)
            }
        }
    }
}

/// The body of a `<failure>`: `file:line:col message`, then help and legal basis.
fn failure_text(d: &Diagnostic, outcome: &Outcome) -> String {
    let p = place(d, outcome);
    let mut text = if p.is_empty() {
        d.message.clone()
    } else {
        format!("{p} {}", d.message)
    };
    if let Some(help) = &d.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    if !d.references.is_empty() {
        text.push_str(&format!("\nlegal basis: {}", d.references.join(" · ")));
    }
    text
}

fn testcase(out: &mut String, classname: &str, name: &str, d: &Diagnostic, outcome: &Outcome) {
    let _ = write!(
        out,
        "    <testcase classname=\"{}\" name=\"{}\"",
        escape_attr(classname),
        escape_attr(name)
    );
    if let Some(l) = &d.primary {
        let f = outcome.sources.get(l.file);
        let _ = write!(
            out,
            " file=\"{}\" line=\"{}\"",
            escape_attr(&outcome.ci_path(f)),
            f.line_col(l.span.start).line
        );
    }
    out.push_str(">\n");
    match &d.waived_by {
        Some(w) => {
            let _ = writeln!(
                out,
                "      <skipped message=\"{}\"/>",
                escape_attr(&format!(
                    "waived by {} until {} (approved by {}): {}",
                    w.id, w.expires, w.approved_by, w.reason
                ))
            );
        }
        None => {
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape_attr(&d.message),
                d.severity,
                escape_text(&failure_text(d, outcome))
            );
        }
    }
    out.push_str("    </testcase>\n");
}

struct Suite<'a> {
    name: String,
    classname: String,
    rule: Option<&'a Rule>,
    cases: Vec<&'a Diagnostic>,
}

impl Suite<'_> {
    fn failures(&self) -> usize {
        self.cases.iter().filter(|d| d.waived_by.is_none()).count()
    }

    fn skipped(&self) -> usize {
        self.cases.iter().filter(|d| d.waived_by.is_some()).count()
    }

    /// The test-case names; a name that would repeat in the suite gets the message added.
    fn names(&self, outcome: &Outcome) -> Vec<String> {
        let base: Vec<String> = self.cases.iter().map(|d| case_name(d, outcome)).collect();
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for name in &base {
            *count.entry(name).or_default() += 1;
        }
        base.iter()
            .zip(&self.cases)
            .map(|(name, d)| {
                if count[name.as_str()] > 1 {
                    format!("{name}: {}", d.message)
                } else {
                    name.clone()
                }
            })
            .collect()
    }

    /// A suite without findings still has one (passing) test case.
    fn tests(&self) -> usize {
        self.cases.len().max(1)
    }
}

pub fn render(outcome: &Outcome) -> String {
    let mut input = Suite {
        name: INPUT_SUITE.to_string(),
        classname: INPUT_SUITE.to_string(),
        rule: None,
        cases: Vec::new(),
    };
    // The rules that ran, by id.
    let mut rules: BTreeMap<&str, Suite> = BTreeMap::new();
    for (id, _) in &outcome.timings.per_rule {
        if let Some(rule) = outcome.rules.iter().find(|r| &r.meta.id == id) {
            rules.entry(id.as_str()).or_insert_with(|| Suite {
                name: format!("{}: {}", rule.meta.id, rule.meta.title),
                classname: rule.meta.id.clone(),
                rule: Some(rule),
                cases: Vec::new(),
            });
        }
    }
    for d in &outcome.diagnostics {
        match rules.get_mut(d.code.as_str()) {
            Some(suite) if d.origin == Origin::Finding => suite.cases.push(d),
            _ => input.cases.push(d),
        }
    }

    let suites: Vec<&Suite> = std::iter::once(&input).chain(rules.values()).collect();
    let tests: usize = suites.iter().map(|s| s.tests()).sum();
    let failures: usize = suites.iter().map(|s| s.failures()).sum();
    let skipped: usize = suites.iter().map(|s| s.skipped()).sum();

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"nis2check\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">"
    );
    for s in suites {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">",
            escape_attr(&s.name),
            s.tests(),
            s.failures(),
            s.skipped()
        );
        if let Some(rule) = s.rule {
            let references = check::references(&rule.meta, &outcome.catalog);
            out.push_str("    <properties>\n");
            let _ = writeln!(
                out,
                "      <property name=\"severity\" value=\"{}\"/>",
                super::sarif::rule_level(rule, outcome)
            );
            if !references.is_empty() {
                let _ = writeln!(
                    out,
                    "      <property name=\"references\" value=\"{}\"/>",
                    escape_attr(&references.join(" · "))
                );
            }
            let _ = writeln!(
                out,
                "      <property name=\"as_of\" value=\"{}\"/>",
                outcome.as_of
            );
            out.push_str("    </properties>\n");
        }
        if s.cases.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\"/>",
                escape_attr(&s.classname),
                if s.rule.is_some() {
                    "no findings"
                } else {
                    "no problems"
                }
            );
        }
        for (d, name) in s.cases.iter().zip(s.names(outcome)) {
            testcase(&mut out, &s.classname, &name, d, outcome);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_quotes_and_controls() {
        assert_eq!(
            escape_attr("a<b & \"c\" 'd'>\n\u{1}"),
            "a&lt;b &amp; &quot;c&quot; 'd'&gt;&#10;\u{FFFD}"
        );
        assert_eq!(escape_text("]]> \"x\"\r\n"), "]]&gt; \"x\"&#13;\n");
    }
}
