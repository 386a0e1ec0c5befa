//! The diagnostics of a run: validation problems, policy findings and operational errors all
//! become one [`Diagnostic`] type, rendered by `report`.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::source::FileId;

/// How serious a diagnostic is. Ordered: `Note < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "note" => Some(Severity::Note),
            _ => None,
        }
    }

    /// One level lower (used for a rule's `warn` findings).
    pub fn lower(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            _ => Severity::Note,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What produced a diagnostic. `Input` problems mean the repository could not be evaluated
/// (exit code 2); `Finding`s are what the rules say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Syntax, schema, reference and settings problems.
    Input,
    /// A rule package that failed to compile or run.
    Policy,
    /// A finding of a rule.
    Finding,
    /// A waiver that expired or matches nothing.
    Waiver,
}

/// A place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Range<usize>,
    pub message: Option<String>,
}

impl Label {
    pub fn new(file: FileId, span: Range<usize>, message: impl Into<Option<String>>) -> Self {
        Label {
            file,
            span,
            message: message.into(),
        }
    }
}

/// An entity a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct EntityRef {
    pub kind: String,
    pub id: String,
}

/// The waiver that covers a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaivedBy {
    pub id: String,
    pub expires: String,
    pub approved_by: String,
    pub reason: String,
}

/// One diagnostic.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Stable code: a rule id such as `INC001`, or a kebab-case code such as `unknown-key`.
    pub code: String,
    pub severity: Severity,
    pub origin: Origin,
    pub message: String,
    /// The primary place; `None` for a problem that belongs to no file.
    pub primary: Option<Label>,
    /// Further places; those in another file than the primary one are shown as related notes.
    pub secondary: Vec<Label>,
    pub help: Option<String>,
    /// Legal references, formatted for people ("NIS2 Art. 23(4)(a)").
    pub references: Vec<String>,
    /// Rule data, for findings.
    pub rule: Option<RuleInfo>,
    pub waived_by: Option<WaivedBy>,
    /// In the baseline (`--baseline`) or already present at `--new-since REF`: reported, but
    /// it does not fail the run.
    pub baselined: bool,
}

/// What a finding carries of its rule and entity.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub title: String,
    pub entity: Option<EntityRef>,
    pub field: Vec<String>,
    /// framework id → requirement ids
    pub frameworks: Vec<(String, Vec<String>)>,
}

impl Diagnostic {
    pub fn new(
        origin: Origin,
        severity: Severity,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code: code.into(),
            severity,
            origin,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
            references: Vec::new(),
            rule: None,
            waived_by: None,
            baselined: false,
        }
    }

    /// An input error (exit code 2).
    pub fn input(code: &str, message: impl Into<String>) -> Self {
        Diagnostic::new(Origin::Input, Severity::Error, code, message)
    }

    pub fn at(
        mut self,
        file: FileId,
        span: Range<usize>,
        label: impl Into<Option<String>>,
    ) -> Self {
        self.primary = Some(Label::new(file, span, label.into()));
        self
    }

    pub fn also(
        mut self,
        file: FileId,
        span: Range<usize>,
        label: impl Into<Option<String>>,
    ) -> Self {
        self.secondary.push(Label::new(file, span, label.into()));
        self
    }

    /// Adds `offset` to the file of every label: for diagnostics made against a [`Sources`] of
    /// their own that was appended to the run's ([`crate::source::Sources::append`]).
    ///
    /// [`Sources`]: crate::source::Sources
    pub fn shift_files(&mut self, offset: FileId) {
        for label in self.primary.iter_mut().chain(self.secondary.iter_mut()) {
            label.file += offset;
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// A fingerprint that stays the same when unrelated lines move: rule, entity and field for
    /// findings about an entity; the message for organisation-wide findings; the labelled text
    /// for problems in a file.
    pub fn fingerprint(&self, sources: &crate::source::Sources) -> String {
        if let Some(rule) = &self.rule {
            let field = rule.field.join(".");
            return match &rule.entity {
                Some(e) => format!("{}|{}|{}|{field}", self.code, e.kind, e.id),
                None => format!("{}|organization||{field}|{}", self.code, self.message),
            };
        }
        match &self.primary {
            Some(l) => {
                let f = sources.get(l.file);
                let start = f.clamp(l.span.start);
                let end = f.clamp(l.span.end).max(start);
                format!("{}|{}|{}", self.code, f.name, &f.text[start..end])
            }
            None => format!("{}|{}", self.code, self.message),
        }
    }

    /// Counts toward the exit code and the totals.
    pub fn is_active(&self) -> bool {
        self.waived_by.is_none() && !self.baselined
    }

    /// True when this diagnostic means the repository could not be evaluated.
    pub fn is_fatal(&self) -> bool {
        matches!(self.origin, Origin::Input | Origin::Policy) && self.severity == Severity::Error
    }
}

/// "did you mean" over a set of candidates, by Jaro-Winkler similarity.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    // The same word in another case (`inc001` for `INC001`) first: the letters all differ to
    // the similarity measure.
    if let Some(c) = candidates.iter().find(|c| c.eq_ignore_ascii_case(word)) {
        return Some(c);
    }
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(word, c);
        if score >= 0.8 && best.is_none_or(|(b, bc)| score > b || (score == b && c < bc)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_picks_the_closest_and_refuses_far_words() {
        let keys = ["owner", "name", "criticality", "classification"];
        assert_eq!(did_you_mean("ownr", keys), Some("owner"));
        assert_eq!(did_you_mean("criticalty", keys), Some("criticality"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }

    #[test]
    fn did_you_mean_finds_the_same_word_in_another_case() {
        assert_eq!(did_you_mean("inc001", ["INC001", "INC002"]), Some("INC001"));
        assert_eq!(did_you_mean("Owner", ["owner", "name"]), Some("owner"));
    }
}
