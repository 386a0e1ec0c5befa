//! Reads the `# METADATA` block of a Rego package (regorus cannot run `rego.metadata.*`).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diag::Severity;

// OPA's other METADATA fields are accepted (so OPA-style blocks parse) but not used.
#[allow(dead_code)]
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    related_resources: Vec<RelatedResource>,
    #[serde(default)]
    authors: Vec<serde_yaml_ng::Value>,
    #[serde(default)]
    organizations: Vec<String>,
    #[serde(default)]
    schemas: Vec<serde_yaml_ng::Value>,
    #[serde(default)]
    entrypoint: Option<bool>,
    #[serde(default)]
    custom: Option<RawCustom>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCustom {
    id: Option<String>,
    severity: Option<String>,
    #[serde(default)]
    frameworks: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    bio2_version: Option<String>,
    #[serde(default)]
    remediation: Option<String>,
    #[serde(default)]
    example: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct RelatedResource {
    #[serde(rename = "ref")]
    pub reference: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// What a rule package says about itself.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: String,
    pub title: String,
    pub description: String,
    pub severity: Severity,
    /// framework id → requirement ids
    pub frameworks: BTreeMap<String, Vec<String>>,
    pub bio2_version: Option<String>,
    pub remediation: String,
    pub example: Option<String>,
    pub related_resources: Vec<RelatedResource>,
}

/// A problem in a METADATA block: (1-based line, message).
pub type MetaError = (usize, String);

/// The package name declared in a Rego source, with its 1-based line.
pub fn package_of(src: &str) -> Option<(String, usize)> {
    src.lines().enumerate().find_map(|(i, l)| {
        let rest = l.trim_start().strip_prefix("package ")?;
        Some((rest.trim().to_string(), i + 1))
    })
}

/// Names of the top-level rules of a source that start at column 0 (`deny`, `warn`, `test_…`).
pub fn top_level_rules(src: &str) -> Vec<String> {
    let mut names: Vec<String> = src
        .lines()
        .filter_map(|l| {
            let end = l
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(l.len());
            let name = &l[..end];
            let first = name.chars().next()?;
            if !(first.is_ascii_alphabetic() || first == '_')
                || matches!(name, "package" | "import" | "default")
            {
                return None;
            }
            Some(name.to_string())
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Reads the package-scoped METADATA block: the one marked `scope: package`, or the one right
/// above the `package` line. `Ok(None)` when the file has none.
pub fn read(src: &str) -> Result<Option<RuleMeta>, MetaError> {
    let lines: Vec<&str> = src.lines().collect();
    let package_line = package_of(src).map(|(_, l)| l - 1);
    let mut chosen: Option<(usize, RawMeta)> = None;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "# METADATA" {
            i += 1;
            continue;
        }
        let start = i;
        let mut yaml = String::new();
        i += 1;
        while i < lines.len() && lines[i].trim_start().starts_with('#') {
            let l = lines[i].trim_start();
            let l = l
                .strip_prefix("# ")
                .or_else(|| l.strip_prefix('#'))
                .unwrap_or(l);
            yaml.push_str(l);
            yaml.push('\n');
            i += 1;
        }
        let raw: RawMeta = serde_yaml_ng::from_str(&yaml).map_err(|e| {
            let line = e.location().map_or(start + 1, |l| start + 1 + l.line());
            (line, format!("invalid METADATA: {e}"))
        })?;
        let above_package = package_line == Some(i);
        if raw.scope.as_deref() == Some("package") || (above_package && chosen.is_none()) {
            chosen = Some((start + 1, raw));
        }
    }
    let Some((line, raw)) = chosen else {
        return Ok(None);
    };
    let custom = raw.custom.unwrap_or_default();
    let id = custom.id.ok_or((
        line,
        "METADATA has no `custom.id` (a permanent rule code such as `ORG001`)".to_string(),
    ))?;
    let severity = match custom.severity.as_deref() {
        None => Severity::Error,
        Some(s) => Severity::parse(s).ok_or((
            line,
            format!("`custom.severity` must be error, warning or note, not `{s}`"),
        ))?,
    };
    let title = raw
        .title
        .ok_or((line, format!("METADATA of {id} has no `title`")))?;
    Ok(Some(RuleMeta {
        id,
        title,
        description: raw.description.unwrap_or_default().trim().to_string(),
        severity,
        frameworks: custom.frameworks,
        bio2_version: custom.bio2_version,
        remediation: custom.remediation.unwrap_or_default().trim().to_string(),
        example: custom.example.map(|e| e.trim_end().to_string()),
        related_resources: raw.related_resources,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_package_block() {
        let src = "# METADATA\n# title: T\n# description: >-\n#   two\n#   lines\n# custom:\n#   id: X001\n#   severity: warning\n#   frameworks:\n#     nis2: [\"21(2)(c)\"]\npackage a.b\n\ndeny contains x if { x := 1 }\n";
        let m = read(src).unwrap().unwrap();
        assert_eq!(m.id, "X001");
        assert_eq!(m.severity, Severity::Warning);
        assert_eq!(m.description, "two lines");
        assert_eq!(m.frameworks["nis2"], vec!["21(2)(c)"]);
        assert_eq!(package_of(src), Some(("a.b".to_string(), 11)));
        assert_eq!(top_level_rules(src), vec!["deny"]);
    }

    #[test]
    fn reports_bad_yaml_with_its_line() {
        let src = "package a\n# METADATA\n# title: [unclosed\n# custom:\n";
        let err = read(src).unwrap_err();
        assert!(err.0 >= 2, "{err:?}");
    }
}
