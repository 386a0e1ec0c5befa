//! Reads the `# METADATA` block of a Rego package (regorus cannot run `rego.metadata.*`).
//!
//! Every problem of a block is reported in one run, each at the bytes of its key or value in
//! the `.rego` file (the block's first line when the key is missing).

use std::collections::BTreeMap;
use std::ops::Range;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_yaml_ng::{Mapping, Value};

use crate::catalog::Catalog;
use crate::diag::{did_you_mean, Severity};

/// OPA's METADATA keys, with what each holds. The others than title, description,
/// related_resources, scope and custom are accepted (so OPA-style blocks read) but not used.
const KEYS: &[(&str, &str)] = &[
    ("scope", "text, e.g. `package`"),
    ("title", "text"),
    ("description", "text"),
    (
        "related_resources",
        "a list of `ref` (a URL) and `description` pairs",
    ),
    ("authors", "a list"),
    ("organizations", "a list of text"),
    ("schemas", "a list"),
    ("entrypoint", "true or false"),
    ("custom", "a map of keys (`id`, `severity`, `frameworks` …)"),
];

/// The keys of `custom`, with what each holds.
const CUSTOM_KEYS: &[(&str, &str)] = &[
    ("id", "text, a permanent rule code such as `ORG001`"),
    ("severity", "`error`, `warning` or `note`"),
    (
        "frameworks",
        "a map of framework ids to lists of requirement ids, e.g. `nis2: [\"21(2)(c)\"]`",
    ),
    ("bio2_version", "text, e.g. `\"1.2\"`"),
    ("remediation", "text"),
    ("example", "text"),
];

/// The help on every problem in a METADATA block.
const METADATA_DOCS: &str = "docs/policies.md (\"Metadata\") lists the keys of a rule's METADATA";

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

/// A problem in a METADATA block, at bytes of the Rego source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaError {
    pub span: Range<usize>,
    pub message: String,
    pub label: String,
    pub help: String,
}

/// A METADATA block that cannot be used.
#[derive(Debug, Clone)]
pub struct Invalid {
    /// Every problem, in the order of the source.
    pub errors: Vec<MetaError>,
    /// The rule id the block declares: `Some(None)` when it declares none, `None` when that
    /// cannot be known (a block is not YAML, or `custom.id` is not text).
    pub id: Option<Option<String>>,
}

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

/// One `# METADATA` block: its YAML, and where each YAML line lies in the source.
struct Block<'s> {
    /// The `# METADATA` line.
    header: Range<usize>,
    /// For each YAML line: where its source line starts, where its text starts, its text.
    lines: Vec<(usize, usize, &'s str)>,
    /// The 0-based source line after the block.
    next_line: usize,
}

/// Where a key is written in a [`Block`].
#[derive(Debug, Clone)]
struct Found {
    /// The YAML line.
    line: usize,
    /// The key's columns in the line (quotes included); its value starts after them.
    key: Range<usize>,
    /// The end of the lines its value may span.
    end: usize,
}

/// `+ - _ . ( )` and letters or digits continue a key or an id.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '(' | ')' | '+')
}

impl Block<'_> {
    fn yaml(&self) -> String {
        let mut yaml = String::new();
        for (_, _, text) in &self.lines {
            yaml.push_str(text);
            yaml.push('\n');
        }
        yaml
    }

    fn text(&self, line: usize) -> &str {
        self.lines[line].2
    }

    /// Bytes of a part of a YAML line, in the source.
    fn span(&self, line: usize, cols: Range<usize>) -> Range<usize> {
        let at = self.lines[line].1;
        at + cols.start..at + cols.end
    }

    /// Indentation of a line; `None` for a blank or comment line.
    fn indent(&self, line: usize) -> Option<usize> {
        let text = self.text(line);
        let rest = text.trim_start_matches(' ');
        (!rest.is_empty() && !rest.starts_with('#')).then(|| text.len() - rest.len())
    }

    /// The key a line starts with (after its indentation), and its columns (quotes included).
    fn key_of(&self, line: usize) -> Option<(&str, Range<usize>)> {
        let text = self.text(line);
        let start = self.indent(line)?;
        let rest = &text[start..];
        let (key, len) = match rest.chars().next()? {
            q @ ('"' | '\'') => {
                let close = rest[1..].find(q)?;
                (&rest[1..1 + close], close + 2)
            }
            _ => {
                let colon = rest
                    .match_indices(':')
                    .map(|(i, _)| i)
                    .find(|&i| rest[i + 1..].is_empty() || rest[i + 1..].starts_with(' '))?;
                (rest[..colon].trim_end(), rest[..colon].trim_end().len())
            }
        };
        rest[len..]
            .trim_start()
            .starts_with(':')
            .then_some((key, start..start + len))
    }

    /// The lines below a key's line that belong to its value: more indented ones, and a block
    /// list at the key's own indentation.
    fn region_end(&self, line: usize) -> usize {
        let own = self.indent(line).unwrap_or(0);
        let mut end = line + 1;
        for next in line + 1..self.lines.len() {
            match self.indent(next) {
                None => continue,
                Some(i) if i > own => end = next + 1,
                Some(i) if i == own && self.text(next)[i..].starts_with('-') => end = next + 1,
                Some(_) => break,
            }
        }
        end
    }

    /// The first occurrence of `word` as a whole word (with its quotes, if quoted) from line
    /// `from.0`, column `from.1`, up to line `end`; with `as_key`, only where a `:` follows.
    fn search(
        &self,
        from: (usize, usize),
        end: usize,
        word: &str,
        as_key: bool,
    ) -> Option<(usize, Range<usize>)> {
        if word.is_empty() {
            return None;
        }
        for line in from.0..end.min(self.lines.len()) {
            let text = self.text(line);
            let skip = if line == from.0 {
                from.1.min(text.len())
            } else {
                0
            };
            for (i, _) in text.match_indices(word) {
                if i < skip {
                    continue;
                }
                let (mut a, mut b) = (i, i + word.len());
                let before = text[..a].chars().next_back();
                let after = text[b..].chars().next();
                if let (Some(q @ ('"' | '\'')), Some(q2)) = (before, after) {
                    if q == q2 {
                        a -= 1;
                        b += 1;
                    }
                }
                let outside_before = text[..a].chars().next_back();
                let outside_after = text[b..].chars().next();
                if outside_before.is_some_and(is_word) || outside_after.is_some_and(is_word) {
                    continue;
                }
                if as_key && !text[b..].trim_start().starts_with(':') {
                    continue;
                }
                return Some((line, a..b));
            }
        }
        None
    }

    /// Where a key path is written. The nearest ancestor that is found stands in for a key
    /// that is not; `None` when not even the first key is.
    fn find(&self, path: &[&str]) -> Option<Found> {
        let mut region = 0..self.lines.len();
        let mut found: Option<Found> = None;
        for key in path {
            // Block style: a key on its own line, at the indentation of the region's keys.
            let child = region.clone().filter_map(|l| self.indent(l)).min();
            let line = region.clone().find(|&l| {
                self.indent(l) == child && self.key_of(l).is_some_and(|(k, _)| k == *key)
            });
            if let Some(line) = line {
                let key = self.key_of(line).map(|(_, c)| c).unwrap_or_default();
                let end = self.region_end(line);
                found = Some(Found { line, key, end });
                region = line + 1..end;
                continue;
            }
            // Flow style (`frameworks: {nis2: [..], bio2: [..]}`): the key written in the
            // parent's value, which starts on the parent's line.
            let Some(parent) = found.clone() else {
                break;
            };
            let inline = self.text(parent.line)[parent.key.end..]
                .trim_start()
                .strip_prefix(':')
                .is_some_and(|v| v.trim_start().starts_with('{'));
            if !inline {
                break;
            }
            match self.search((parent.line, parent.key.end), parent.end, key, true) {
                Some((line, key)) => {
                    found = Some(Found {
                        line,
                        key,
                        end: parent.end,
                    });
                    region = parent.end..parent.end;
                }
                None => break,
            }
        }
        found
    }

    /// The bytes of a key, else of its nearest ancestor, else of the `# METADATA` line.
    fn key(&self, path: &[&str]) -> Range<usize> {
        match self.find(path) {
            Some(f) => self.span(f.line, f.key),
            None => self.header.clone(),
        }
    }

    /// The bytes of a key's value when it is on the key's line (else of the key).
    fn value(&self, path: &[&str]) -> Range<usize> {
        let Some(Found {
            line, key: cols, ..
        }) = self.find(path)
        else {
            return self.header.clone();
        };
        let text = self.text(line);
        let rest = &text[cols.end..];
        let after_colon = rest.find(':').map_or(text.len(), |i| cols.end + i + 1);
        let value = text[after_colon..].trim();
        if value.is_empty() || value.starts_with('#') || value.starts_with(['|', '>']) {
            return self.span(line, cols);
        }
        let start =
            after_colon + (text[after_colon..].len() - text[after_colon..].trim_start().len());
        self.span(line, start..start + flow_value_len(value))
    }

    /// The bytes of `item` in the value of a key (else of the key).
    fn item(&self, path: &[&str], item: &str) -> Range<usize> {
        let Some(f) = self.find(path) else {
            return self.header.clone();
        };
        match self.search((f.line, f.key.end), f.end, item, false) {
            Some((line, cols)) => self.span(line, cols),
            None => self.span(f.line, f.key),
        }
    }

    fn error(&self, span: Range<usize>, message: String, label: &str, help: String) -> MetaError {
        MetaError {
            span,
            message,
            label: label.to_string(),
            help,
        }
    }
}

/// The length of the YAML value `text` starts with: a quoted string to its closing quote, a
/// `[..]` or `{..}` to its closing bracket (or the line's end), a plain scalar up to a comment
/// or the `,` `]` `}` that ends it in flow style.
fn flow_value_len(text: &str) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                if depth == 0 {
                    return i + 1;
                }
            }
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            (None, ',' | ']' | '}') if depth == 0 => return text[..i].trim_end().len(),
            (None, '#') if depth == 0 && text[..i].ends_with(' ') => {
                return text[..i].trim_end().len()
            }
            _ => {}
        }
    }
    text.trim_end().len()
}

/// The `# METADATA` blocks of a source.
fn blocks(src: &str) -> Vec<Block<'_>> {
    let mut lines = Vec::new();
    let mut at = 0;
    for raw in src.split('\n') {
        let text = raw.strip_suffix('\r').unwrap_or(raw);
        lines.push((at, text));
        at += raw.len() + 1;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (start, text) = lines[i];
        if text.trim() != "# METADATA" {
            i += 1;
            continue;
        }
        let header = start..start + text.len();
        let mut yaml = Vec::new();
        i += 1;
        while i < lines.len() && lines[i].1.trim_start().starts_with('#') {
            let (line_start, full) = lines[i];
            let l = full.trim_start();
            let l = l
                .strip_prefix("# ")
                .or_else(|| l.strip_prefix('#'))
                .unwrap_or(l);
            yaml.push((line_start, line_start + full.len() - l.len(), l));
            i += 1;
        }
        out.push(Block {
            header,
            lines: yaml,
            next_line: i,
        });
    }
    out
}

/// What a block holds, with each field read on its own so that every problem is found.
struct Raw {
    scope: Option<String>,
    title: Option<String>,
    description: Option<String>,
    related_resources: Vec<RelatedResource>,
    /// `Err` when `custom.id` is there but not text.
    id: Result<Option<String>, ()>,
    severity: Result<Option<String>, ()>,
    frameworks: BTreeMap<String, Vec<String>>,
    bio2_version: Option<String>,
    remediation: Option<String>,
    example: Option<String>,
}

/// What a key holds, for an error message.
fn what(keys: &[(&str, &'static str)], key: &str) -> &'static str {
    keys.iter().find(|(k, _)| *k == key).map_or("", |(_, w)| *w)
}

/// Reads one field; a value of the wrong type is an error at the value. `Ok(None)` when absent.
fn field<T: DeserializeOwned>(
    block: &Block,
    map: &Mapping,
    path: &[&str],
    what: &str,
    errors: &mut Vec<MetaError>,
) -> Result<Option<T>, ()> {
    let key = path.last().copied().unwrap_or_default();
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => serde_yaml_ng::from_value::<T>(v.clone())
            .map(Some)
            .map_err(|e| {
                errors.push(block.error(
                    block.value(path),
                    format!("`{}` in METADATA must be {what}", path.join(".")),
                    &e.to_string(),
                    METADATA_DOCS.to_string(),
                ));
            }),
    }
}

/// Reports the keys of a map that are not in `known`.
fn unknown_keys(
    block: &Block,
    map: &Mapping,
    parent: &[&str],
    known: &[(&str, &str)],
    errors: &mut Vec<MetaError>,
) {
    let names: Vec<&str> = known.iter().map(|(k, _)| *k).collect();
    for key in map.keys() {
        let name = match key {
            Value::String(s) => s.clone(),
            other => serde_yaml_ng::to_string(other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        if names.contains(&name.as_str()) {
            continue;
        }
        let mut path = parent.to_vec();
        path.push(&name);
        let help = match did_you_mean(&name, names.iter().copied()) {
            Some(m) => format!("did you mean `{m}`?"),
            None => match parent.last() {
                Some(p) => format!("the keys of `{p}` are: {}", names.join(", ")),
                None => format!("the keys of METADATA are: {}", names.join(", ")),
            },
        };
        errors.push(block.error(
            block.key(&path),
            format!("unknown key `{}` in METADATA", path.join(".")),
            "unknown key",
            help,
        ));
    }
}

/// Reads and checks one block's keys and their types.
fn raw(block: &Block, map: &Mapping, errors: &mut Vec<MetaError>) -> Raw {
    unknown_keys(block, map, &[], KEYS, errors);
    let mut raw = Raw {
        scope: None,
        title: None,
        description: None,
        related_resources: Vec::new(),
        id: Ok(None),
        severity: Ok(None),
        frameworks: BTreeMap::new(),
        bio2_version: None,
        remediation: None,
        example: None,
    };
    let top = |key: &'static str, errors: &mut Vec<MetaError>| {
        field::<String>(block, map, &[key], what(KEYS, key), errors)
            .ok()
            .flatten()
    };
    raw.scope = top("scope", errors);
    raw.title = top("title", errors);
    raw.description = top("description", errors);
    raw.related_resources = field(
        block,
        map,
        &["related_resources"],
        what(KEYS, "related_resources"),
        errors,
    )
    .ok()
    .flatten()
    .unwrap_or_default();
    let _ = field::<Vec<Value>>(block, map, &["authors"], what(KEYS, "authors"), errors);
    let _ = field::<Vec<String>>(
        block,
        map,
        &["organizations"],
        what(KEYS, "organizations"),
        errors,
    );
    let _ = field::<Vec<Value>>(block, map, &["schemas"], what(KEYS, "schemas"), errors);
    let _ = field::<bool>(
        block,
        map,
        &["entrypoint"],
        what(KEYS, "entrypoint"),
        errors,
    );
    let custom = match map.get("custom") {
        None | Some(Value::Null) => return raw,
        Some(Value::Mapping(c)) => c,
        Some(_) => {
            errors.push(block.error(
                block.value(&["custom"]),
                format!("`custom` in METADATA must be {}", what(KEYS, "custom")),
                "not a map",
                "write `custom:` on its own line and its keys below it, indented".to_string(),
            ));
            return raw;
        }
    };
    unknown_keys(block, custom, &["custom"], CUSTOM_KEYS, errors);
    let text = |key: &'static str, errors: &mut Vec<MetaError>| {
        field::<String>(
            block,
            custom,
            &["custom", key],
            what(CUSTOM_KEYS, key),
            errors,
        )
    };
    raw.id = text("id", errors);
    raw.severity = text("severity", errors);
    raw.bio2_version = text("bio2_version", errors).ok().flatten();
    raw.remediation = text("remediation", errors).ok().flatten();
    raw.example = text("example", errors).ok().flatten();
    // `frameworks` that is not a map of framework ids, at its value.
    let not_a_map = |label: &str| {
        block.error(
            block.value(&["custom", "frameworks"]),
            format!(
                "`custom.frameworks` in METADATA must be {}",
                what(CUSTOM_KEYS, "frameworks")
            ),
            label,
            METADATA_DOCS.to_string(),
        )
    };
    match custom.get("frameworks") {
        None | Some(Value::Null) => {}
        Some(Value::Mapping(frameworks)) => {
            for key in frameworks.keys() {
                let Some(key) = key.as_str() else {
                    errors.push(not_a_map("a framework id is text"));
                    continue;
                };
                let path = ["custom", "frameworks", key];
                let list = field::<Vec<String>>(
                    block,
                    frameworks,
                    &path,
                    "a list of requirement ids, e.g. `[\"21(2)(c)\"]`",
                    errors,
                );
                if let Ok(list) = list {
                    raw.frameworks
                        .insert(key.to_string(), list.unwrap_or_default());
                }
            }
        }
        Some(_) => errors.push(not_a_map("not a map")),
    }
    raw
}

/// Every framework and requirement a rule cites must be in the catalogue: an unknown framework
/// at its key, an unknown requirement at its id.
fn check_cited(block: &Block, raw: &Raw, catalog: &Catalog, errors: &mut Vec<MetaError>) {
    for (framework, ids) in &raw.frameworks {
        let path = ["custom", "frameworks", framework.as_str()];
        let fw = match catalog.cited_framework(framework) {
            Ok(fw) => fw,
            Err(help) => {
                errors.push(block.error(
                    block.key(&path),
                    format!(
                        "METADATA cites the framework `{framework}`, which is not in the catalogue"
                    ),
                    "unknown framework",
                    help,
                ));
                continue;
            }
        };
        // BIO2 renumbered measures between v1.2 and v1.3: a citation means nothing without the
        // version whose numbers it uses (REQUIREMENTS.md: tag every rule with it).
        if fw.meta.id == "bio2" {
            let known = ["1.2", fw.meta.version.as_str()];
            match raw.bio2_version.as_deref() {
                None => errors.push(block.error(
                    block.key(&path),
                    "METADATA cites BIO2 without `custom.bio2_version`".to_string(),
                    "which BIO2 version?",
                    format!(
                        "BIO2 measure numbers changed between v1.2 and v{}: add `bio2_version: \"{}\"` (or \"1.2\") under `custom`, the version whose numbers the rule cites",
                        fw.meta.version, fw.meta.version
                    ),
                )),
                Some(v) if !known.contains(&v) => errors.push(block.error(
                    block.value(&["custom", "bio2_version"]),
                    format!("`custom.bio2_version` is `{v}`, not a BIO2 version nis2check knows"),
                    "unknown version",
                    format!(
                        "write \"{}\" or \"1.2\": the version whose measure numbers the rule cites",
                        fw.meta.version
                    ),
                )),
                Some(_) => {}
            }
        }
        for id in ids {
            if let Err(help) = fw.check_cited(id, raw.bio2_version.as_deref()) {
                errors.push(block.error(
                    block.item(&path, id),
                    format!(
                        "{} has no requirement `{id}` (cited in `custom.frameworks.{framework}`)",
                        fw.meta.short
                    ),
                    "not in the catalogue",
                    help,
                ));
            }
        }
    }
}

/// Reads the package-scoped METADATA block: the one marked `scope: package`, or the one right
/// above the `package` line. `Ok(None)` when the file has none; every problem of every block
/// otherwise. With a catalogue, the frameworks and requirements the rule cites are checked
/// against it (an organisation's rules; a test holds the built-in ones to it).
pub fn read(src: &str, catalog: Option<&Catalog>) -> Result<Option<RuleMeta>, Invalid> {
    let package_line = package_of(src).map(|(_, l)| l - 1);
    let blocks = blocks(src);
    let mut errors = Vec::new();
    let mut readable = true;
    let mut chosen: Option<(&Block, Raw)> = None;
    for block in &blocks {
        let value: Value = match serde_yaml_ng::from_str(&block.yaml()) {
            Ok(v) => v,
            Err(e) => {
                let span = e
                    .location()
                    .and_then(|l| block.lines.get(l.line().saturating_sub(1)))
                    .map_or(block.header.clone(), |(start, at, text)| {
                        *start..at + text.len()
                    });
                let message = format!("invalid METADATA: {e}");
                errors.push(block.error(
                    span,
                    message.clone(),
                    &message,
                    "METADATA is YAML in comments, as OPA defines it: https://www.openpolicyagent.org/docs/policy-language#metadata".to_string(),
                ));
                readable = false;
                continue;
            }
        };
        let map = match value {
            Value::Mapping(m) => m,
            Value::Null => Mapping::new(),
            _ => {
                errors.push(block.error(
                    block.header.clone(),
                    "METADATA must be YAML keys and values".to_string(),
                    "not a map of keys",
                    "write one key a line below `# METADATA`, e.g. `# title: What the rule checks`"
                        .to_string(),
                ));
                readable = false;
                continue;
            }
        };
        let raw = raw(block, &map, &mut errors);
        let above_package = package_line == Some(block.next_line);
        if raw.scope.as_deref() == Some("package") || (above_package && chosen.is_none()) {
            chosen = Some((block, raw));
        }
    }
    let Some((block, raw)) = chosen else {
        return match errors.is_empty() {
            true => Ok(None),
            false => Err(Invalid {
                errors,
                id: readable.then_some(None),
            }),
        };
    };
    let id = raw.id.clone().ok().flatten();
    if raw.id == Ok(None) {
        errors.push(block.error(
            block.key(&["custom"]),
            "METADATA has no `custom.id` (a permanent rule code such as `ORG001`)".to_string(),
            "`custom.id` is missing",
            "add `id: ORG001` under `custom:`: a code of your own that is never reused".to_string(),
        ));
    }
    let severity = match &raw.severity {
        Ok(None) => {
            errors.push(block.error(
                block.key(&["custom"]),
                "METADATA has no `custom.severity` (error, warning or note)".to_string(),
                "`custom.severity` is missing",
                "add `severity: error` (or `warning`, `note`) under `custom:`".to_string(),
            ));
            None
        }
        Ok(Some(s)) => match Severity::parse(s) {
            Some(severity) => Some(severity),
            None => {
                let help = match did_you_mean(s, ["error", "warning", "note"]) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => "write `severity: error`, `warning` or `note`".to_string(),
                };
                errors.push(block.error(
                    block.value(&["custom", "severity"]),
                    format!("`custom.severity` must be error, warning or note, not `{s}`"),
                    "not a severity",
                    help,
                ));
                None
            }
        },
        Err(()) => None,
    };
    if let Some(catalog) = catalog {
        check_cited(block, &raw, catalog, &mut errors);
    }
    if raw.title.is_none() {
        let message = match &id {
            Some(id) => format!("METADATA of {id} has no `title`"),
            None => "METADATA has no `title`".to_string(),
        };
        errors.push(block.error(
            block.header.clone(),
            message,
            "`title` is missing",
            "add `# title: What the rule checks` below `# METADATA`".to_string(),
        ));
    }
    match (id.clone(), severity, raw.title) {
        (Some(id), Some(severity), Some(title)) if errors.is_empty() => Ok(Some(RuleMeta {
            id,
            title,
            description: raw.description.unwrap_or_default().trim().to_string(),
            severity,
            frameworks: raw.frameworks,
            bio2_version: raw.bio2_version,
            remediation: raw.remediation.unwrap_or_default().trim().to_string(),
            example: raw.example.map(|e| e.trim_end().to_string()),
            related_resources: raw.related_resources,
        })),
        _ => {
            errors.sort_by_key(|e| (e.span.start, e.span.end));
            Err(Invalid {
                errors,
                id: (readable && raw.id.is_ok()).then_some(id),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_package_block() {
        let src = "# METADATA\n# title: T\n# description: >-\n#   two\n#   lines\n# custom:\n#   id: X001\n#   severity: warning\n#   frameworks:\n#     nis2: [\"21(2)(c)\"]\npackage a.b\n\ndeny contains x if { x := 1 }\n";
        let m = read(src, Some(&Catalog::builtin())).unwrap().unwrap();
        assert_eq!(m.id, "X001");
        assert_eq!(m.severity, Severity::Warning);
        assert_eq!(m.description, "two lines");
        assert_eq!(m.frameworks["nis2"], vec!["21(2)(c)"]);
        assert_eq!(package_of(src), Some(("a.b".to_string(), 11)));
        assert_eq!(top_level_rules(src), vec!["deny"]);
    }

    #[test]
    fn a_value_ends_where_yaml_ends_it() {
        for (text, value) in [
            ("critical", "critical"),
            ("critical  # a comment", "critical"),
            ("eror, remediation: [a]}", "eror"),
            ("[a, \"b]\"]}", "[a, \"b]\"]"),
            ("{nis2: [\"21(2)(c)\"]} # c", "{nis2: [\"21(2)(c)\"]}"),
            ("'1.2' # c", "'1.2'"),
            ("[unclosed", "[unclosed"),
        ] {
            assert_eq!(&text[..flow_value_len(text)], value, "{text}");
        }
    }

    #[test]
    fn reports_bad_yaml_with_its_line() {
        let src = "package a\n# METADATA\n# title: [unclosed\n# custom:\n";
        let err = read(src, None).unwrap_err();
        assert_eq!(err.errors.len(), 1, "{err:?}");
        // Where YAML notices that the list is not closed: a whole line of the block.
        assert_eq!(&src[err.errors[0].span.clone()], "# custom:", "{err:?}");
        assert_eq!(err.id, None, "which rule it is cannot be known");
    }
}
