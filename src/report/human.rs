//! Human output: miette graphical diagnostics with source snippets, then a summary.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};

use crate::check::Outcome;
use crate::diag::{Diagnostic, Severity};
use crate::source::{printable, Excerpt, Sources};

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

struct View<'a> {
    d: &'a Diagnostic,
    /// Labels of one file, and that file.
    file: Option<usize>,
    labels: Vec<LabeledSpan>,
    source: Option<Excerpt<'a>>,
    help: Option<String>,
    related: Vec<View<'a>>,
    message: String,
    /// A related place in another file, drawn under its parent.
    nested: bool,
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for View<'_> {}

impl miette::Diagnostic for View<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.nested).then(|| {
            Box::new(format!("{}[{}]", self.d.severity, printable(&self.d.code)))
                as Box<dyn fmt::Display>
        })
    }

    fn severity(&self) -> Option<miette::Severity> {
        if self.nested {
            return Some(miette::Severity::Advice);
        }
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

fn view<'a>(d: &'a Diagnostic, sources: &'a Sources) -> View<'a> {
    let mut help = d.help.as_deref().map(|h| printable(h).into_owned());
    if !d.references.is_empty() {
        let refs = format!("legal basis: {}", d.references.join(" · "));
        help = Some(match help {
            Some(h) => format!("{h}\n{refs}"),
            None => refs,
        });
    }
    let mut v = View {
        d,
        file: None,
        labels: Vec::new(),
        source: None,
        help,
        related: Vec::new(),
        message: printable(&d.message).into_owned(),
        nested: false,
    };
    // Snippets are drawn from an excerpt of the file: control characters shown as symbols,
    // very long lines cut around the labels (miette cannot draw columns past 65,535).
    let text = |m: &Option<String>| m.as_deref().map(|m| printable(m).into_owned());
    if let Some(p) = &d.primary {
        v.file = Some(p.file);
        let mut spans = vec![p.span.clone()];
        spans.extend(
            d.secondary
                .iter()
                .filter(|s| s.file == p.file)
                .map(|s| s.span.clone()),
        );
        let excerpt = sources.get(p.file).excerpt(&spans, 1);
        v.labels.push(LabeledSpan::new_primary_with_span(
            text(&p.message),
            excerpt.map_span(&p.span),
        ));
        for s in &d.secondary {
            if s.file == p.file {
                v.labels.push(LabeledSpan::new_with_span(
                    text(&s.message),
                    excerpt.map_span(&s.span),
                ));
            } else {
                let other = sources
                    .get(s.file)
                    .excerpt(std::slice::from_ref(&s.span), 1);
                let mut r = View {
                    d,
                    file: Some(s.file),
                    labels: vec![LabeledSpan::new_primary_with_span(
                        text(&s.message),
                        other.map_span(&s.span),
                    )],
                    source: Some(other),
                    help: None,
                    related: Vec::new(),
                    message: format!("see also {}", printable(&sources.get(s.file).name)),
                    nested: true,
                };
                r.d = d;
                v.related.push(r);
            }
        }
        v.source = Some(excerpt);
    }
    v
}

/// Renders one diagnostic.
pub fn render_one(d: &Diagnostic, sources: &Sources, style: Style, out: &mut String) {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        // Lines break at spaces only: textwrap's default also breaks after a hyphen, which cut
        // dates ("2024-\n01-18") and ids ("a-gba-\narchief") in two.
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_links(false)
        .with_show_related_as_nested(true);
    let v = view(d, sources);
    if handler.render_report(out, &v).is_err() {
        out.push_str(&printable(&format!(
            "{}[{}]: {}\n",
            d.severity, d.code, d.message
        )));
    }
}

/// Renders a whole outcome.
pub fn render(outcome: &Outcome, style: Style) -> String {
    let mut out = String::new();
    let mut waived = Vec::new();
    let active: Vec<&Diagnostic> = outcome
        .diagnostics
        .iter()
        .filter(|d| {
            let w = d.waived_by.is_some();
            if w {
                waived.push(*d);
            }
            !w && !d.baselined
        })
        .collect();
    // Findings of one rule at one place (e.g. every uncovered requirement of a framework, all
    // labelled on `frameworks`) are drawn once, with every message listed: nothing is hidden.
    let mut i = 0;
    while i < active.len() {
        let d = active[i];
        let same = |o: &&Diagnostic| {
            o.code == d.code
                && o.severity == d.severity
                && o.primary == d.primary
                && o.primary.is_some()
        };
        // At least the diagnostic itself: one without a place is never `same` (and a zero
        // here would loop forever).
        let n = active[i..].iter().take_while(|o| same(o)).count().max(1);
        if n >= 3 {
            let mut grouped = d.clone();
            grouped.message = format!("{n} findings of {} here", d.code);
            if let Some(rule) = &d.rule {
                grouped.message = format!("{} ({n} findings)", rule.title);
            }
            let list: Vec<String> = active[i..i + n]
                .iter()
                .map(|o| format!("- {}", o.message))
                .collect();
            grouped.help = Some(match &d.help {
                Some(h) => format!("{}\n{h}", list.join("\n")),
                None => list.join("\n"),
            });
            render_one(&grouped, &outcome.sources, style, &mut out);
        } else {
            for o in &active[i..i + n] {
                render_one(o, &outcome.sources, style, &mut out);
                out.push('\n');
            }
            i += n;
            continue;
        }
        out.push('\n');
        i += n;
    }
    if !waived.is_empty() {
        out.push_str(&format!(
            "waived ({}), listed for the record:\n",
            waived.len()
        ));
        for d in waived {
            let w = d.waived_by.as_ref().expect("filtered");
            let place = d.primary.as_ref().map_or_else(String::new, |l| {
                let f = outcome.sources.get(l.file);
                let lc = f.line_col(l.span.start);
                format!("{}:{}:{} ", f.name, lc.line, lc.column)
            });
            // One line per waived finding: nothing in it may break the line or the terminal.
            let line = format!(
                "{} {place}{} (waiver `{}` until {}, approved by {}: {})",
                d.code, d.message, w.id, w.expires, w.approved_by, w.reason
            );
            out.push_str(&format!("  {}\n", printable(&line).replace('\n', " ")));
        }
        out.push('\n');
    }
    if let Some(c) = &outcome.comparison {
        let known: Vec<&Diagnostic> = active_known(outcome);
        if !known.is_empty() {
            out.push_str(&format!(
                "already present in {} ({}), listed for the record:\n",
                c.against,
                known.len()
            ));
            for d in known {
                let line = format!("{} {}{}", d.code, place(d, outcome), d.message);
                out.push_str(&format!("  {}\n", printable(&line).replace('\n', " ")));
            }
            out.push('\n');
        }
        if !c.resolved.is_empty() {
            out.push_str(&format!(
                "resolved since {} ({}):\n",
                c.against,
                c.resolved.len()
            ));
            for (code, message) in &c.resolved {
                let line = format!("{code} {message}");
                out.push_str(&format!("  {}\n", printable(&line).replace('\n', " ")));
            }
            out.push('\n');
        }
    }
    out.push_str(&summary(outcome));
    out.push('\n');
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The closing line.
pub fn summary(outcome: &Outcome) -> String {
    let counts = format!(
        "{}, {}, {}, {} waived",
        plural(outcome.count(Severity::Error), "error"),
        plural(outcome.count(Severity::Warning), "warning"),
        plural(outcome.count(Severity::Note), "note"),
        outcome.waived()
    );
    let counts = match &outcome.comparison {
        Some(c) => format!("{counts}, {} already present in {}", c.known, c.against),
        None => counts,
    };
    if outcome.evaluated {
        format!(
            "{counts} · {} evaluated on {} in {} (as of {}; frameworks: {})",
            plural(outcome.rules_evaluated, "rule"),
            plural(outcome.entities, "entity").replace("entitys", "entities"),
            plural(outcome.files, "file"),
            outcome.as_of,
            if outcome.frameworks.is_empty() {
                "none apply, see `nis2check scope`".to_string()
            } else {
                outcome.frameworks.join(", ")
            }
        )
    } else {
        format!(
            "{counts} · rules not evaluated: fix the errors above first ({} read)",
            plural(outcome.files, "file")
        )
    }
}

fn active_known(outcome: &Outcome) -> Vec<&Diagnostic> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.baselined && d.waived_by.is_none())
        .collect()
}

fn place(d: &Diagnostic, outcome: &Outcome) -> String {
    d.primary.as_ref().map_or_else(String::new, |l| {
        let f = outcome.sources.get(l.file);
        let lc = f.line_col(l.span.start);
        format!("{}:{}:{} ", f.name, lc.line, lc.column)
    })
}
