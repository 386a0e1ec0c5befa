//! Validation into the typed model: every kind checked against its schema, ids indexed,
//! duplicates and dangling references reported. All problems of a run are collected.

pub mod input;
pub mod jsonschema;
pub mod schema;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use crate::catalog::Catalog;
use crate::diag::{did_you_mean, Diagnostic};
use crate::load::{Node, NodeValue, ParsedFile, Table};
use crate::source::FileId;
pub use schema::Kind;
use schema::{Field, Ty};

/// Dates and times must lie in these years.
pub const MIN_YEAR: u16 = 1900;
pub const MAX_YEAR: u16 = 2199;

/// One entity: a `[[kind]]` table (or the `[organization]` table).
#[derive(Debug)]
pub struct Entity {
    pub kind: Kind,
    /// The id; empty for the organisation and for an entity whose id is missing.
    pub id: String,
    pub file: FileId,
    pub table: Table,
}

/// A validated repository.
#[derive(Debug, Default)]
pub struct Repository {
    /// Entities in (kind, id, file) order.
    pub entities: Vec<Entity>,
    index: HashMap<(Kind, String), usize>,
}

/// A segment of a field path in a finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

impl Repository {
    pub fn get(&self, kind: Kind, id: &str) -> Option<&Entity> {
        self.index
            .get(&(kind, id.to_string()))
            .map(|&i| &self.entities[i])
    }

    pub fn organization(&self) -> Option<&Entity> {
        self.entities.iter().find(|e| e.kind == Kind::Organization)
    }

    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == kind)
    }

    pub fn ids(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.of_kind(kind).map(|e| e.id.as_str())
    }

    /// Resolves a field path to the longest existing key path: the span of that value, or the
    /// table header when not even the first key exists. The flag says whether the whole path
    /// exists.
    pub fn resolve(&self, entity: &Entity, path: &[PathSeg]) -> (Range<usize>, bool) {
        let mut depth = 0;
        let mut span = entity.table.span.clone();
        let mut node: Option<&Node> = None;
        let mut table = Some(&entity.table);
        for seg in path {
            let next = match (seg, table, node) {
                (PathSeg::Key(k), Some(t), _) => t.get(k).map(|e| {
                    // Label `key = value` when it fits on the value's line, else the key.
                    (&e.value, e.key_span.clone())
                }),
                (PathSeg::Index(i), _, Some(n)) => n
                    .as_array()
                    .and_then(|a| a.get(*i))
                    .map(|n| (n, n.span.clone())),
                _ => None,
            };
            let Some((n, key_span)) = next else { break };
            span = if matches!(seg, PathSeg::Key(_))
                && !matches!(n.value, NodeValue::Table(_) | NodeValue::Array(_))
            {
                key_span.start.min(n.span.start)..n.span.end
            } else if matches!(n.value, NodeValue::Table(_)) && n.span.start < key_span.start {
                // a `[parent.key]` header: its span is the header itself
                n.span.clone()
            } else {
                key_span.start.min(n.span.start)..n.span.end.max(key_span.end)
            };
            node = Some(n);
            table = n.as_table();
            depth += 1;
        }
        (span, depth == path.len())
    }
}

/// What validation needs to know from outside.
pub struct Validator<'a> {
    pub catalog: &'a Catalog,
    diagnostics: Vec<Diagnostic>,
    refs: Vec<PendingRef>,
}

struct PendingRef {
    target: Kind,
    id: String,
    file: FileId,
    span: Range<usize>,
    field: String,
}

/// Below this many files one thread validates them all.
const PARALLEL_FROM_FILES: usize = 32;

/// What one file holds, checked against the schema: its entities, the problems found and the
/// references still to resolve once every file is read.
struct FileEntities {
    entities: Vec<Entity>,
    diagnostics: Vec<Diagnostic>,
    refs: Vec<PendingRef>,
}

/// Validates the parsed files into a repository. Returns it even when there are problems, so
/// that every problem can be reported in one run. A reference to one of `unparsed_ids` (ids
/// that a file which failed to parse appears to define) is not reported as dangling.
pub fn validate(
    files: Vec<ParsedFile>,
    catalog: &Catalog,
    unparsed_ids: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Repository {
    let any_file = !files.is_empty();
    // Files are checked independently, on all cores; what spans files (duplicates, the one
    // organisation, references) is done after, in file order.
    let threads = crate::par::threads(files.len(), PARALLEL_FROM_FILES);
    let mut v = Validator {
        catalog,
        diagnostics: Vec::new(),
        refs: Vec::new(),
    };
    let mut entities = Vec::new();
    for mut part in crate::par::map_ordered(files, threads, |f| validate_file(f, catalog)) {
        entities.append(&mut part.entities);
        v.diagnostics.append(&mut part.diagnostics);
        v.refs.append(&mut part.refs);
    }

    // Index, with duplicates labelled at both places.
    entities.sort_by(|a, b| (a.kind, &a.id, a.file).cmp(&(b.kind, &b.id, b.file)));
    let mut index = HashMap::with_capacity(entities.len());
    let mut first: Option<usize> = None;
    for (i, e) in entities.iter().enumerate() {
        if e.kind == Kind::Organization || e.id.is_empty() {
            continue;
        }
        match first {
            Some(f) if entities[f].kind == e.kind && entities[f].id == e.id => {
                let orig = &entities[f];
                v.diagnostics.push(
                    Diagnostic::input(
                        "duplicate-id",
                        format!("duplicate {} id `{}`", e.kind.key(), e.id),
                    )
                    .at(e.file, id_span(e), Some("defined again here".to_string()))
                    .also(
                        orig.file,
                        id_span(orig),
                        Some("first defined here".to_string()),
                    )
                    .help(format!(
                        "ids must be unique within a kind: rename one of the two {}s",
                        e.kind.key()
                    )),
                );
            }
            _ => {
                first = Some(i);
                index.insert((e.kind, e.id.clone()), i);
            }
        }
    }
    let repo = Repository { entities, index };

    // Exactly one organisation.
    let orgs: Vec<&Entity> = repo.of_kind(Kind::Organization).collect();
    if orgs.is_empty() && any_file {
        v.diagnostics.push(
            Diagnostic::input("no-organization", "no `[organization]` table in the repository")
                .help("add an organization.toml with `[organization]`, `name`, `member_state` and `sector` (run `nis2check init` for a starter)"),
        );
    } else if orgs.len() > 1 {
        let mut d = Diagnostic::input(
            "duplicate-organization",
            format!(
                "{} `[organization]` tables; a repository describes exactly one organisation",
                orgs.len()
            ),
        )
        .at(
            orgs[1].file,
            orgs[1].table.span.clone(),
            Some("another organisation here".to_string()),
        )
        .help("keep one `[organization]` table and remove the others");
        d = d.also(
            orgs[0].file,
            orgs[0].table.span.clone(),
            Some("first one here".to_string()),
        );
        for o in &orgs[2..] {
            d = d.also(o.file, o.table.span.clone(), Some("and here".to_string()));
        }
        v.diagnostics.push(d);
    }

    // Dangling references.
    for r in std::mem::take(&mut v.refs) {
        if repo.get(r.target, &r.id).is_some() || unparsed_ids.contains(&r.id) {
            continue;
        }
        let mut d = Diagnostic::input(
            "dangling-reference",
            format!(
                "`{}` refers to {} `{}`, which does not exist",
                r.field,
                r.target.key(),
                r.id
            ),
        )
        .at(
            r.file,
            r.span,
            Some(format!("no {} with this id", r.target.key())),
        );
        d = match did_you_mean(&r.id, repo.ids(r.target)) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help(format!(
                "add a `[[{}]]` with `id = \"{}\"`, or correct the id",
                r.target.key(),
                r.id
            )),
        };
        v.diagnostics.push(d);
    }
    diagnostics.append(&mut v.diagnostics);
    repo
}

fn id_span(e: &Entity) -> Range<usize> {
    e.table
        .value("id")
        .map_or(e.table.span.clone(), |n| n.span.clone())
}

fn type_name(v: &NodeValue) -> &'static str {
    Node {
        span: 0..0,
        value: v.clone(),
    }
    .type_name()
}

/// Checks one file: every top-level table must be a known kind, and every entity its schema.
fn validate_file(parsed: ParsedFile, catalog: &Catalog) -> FileEntities {
    let mut v = Validator {
        catalog,
        diagnostics: Vec::new(),
        refs: Vec::new(),
    };
    let mut entities = Vec::new();
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.key()).collect();
    let file = parsed.file;
    for entry in parsed.table.entries {
        let Some(kind) = Kind::from_key(&entry.key) else {
            let mut d = Diagnostic::input("unknown-kind", format!("unknown table `{}`", entry.key))
                .at(
                    file,
                    entry.key_span.clone(),
                    Some("not a kind nis2check knows".to_string()),
                );
            d = match did_you_mean(&entry.key, kinds.iter().copied()) {
                Some(s) => d.help(format!(
                    "did you mean `{s}`? (write `[[{s}]]`, or `[organization]`)"
                )),
                None => d.help(format!("the top-level tables are: {}", kinds.join(", "))),
            };
            v.diagnostics.push(d);
            continue;
        };
        let key_span = entry.key_span.clone();
        match (kind, entry.value.value) {
            (Kind::Organization, NodeValue::Table(t)) => {
                let table = Table {
                    span: entry.value.span,
                    entries: t.entries,
                };
                v.check_table(Cx { kind, id: "", file }, &table, kind.fields(), "");
                entities.push(Entity {
                    kind,
                    id: String::new(),
                    file,
                    table,
                });
            }
            (Kind::Organization, other) => {
                v.diagnostics.push(
                    Diagnostic::input("wrong-type", "`organization` must be a single table")
                        .at(file, key_span, Some(format!("this is {}", type_name(&other))))
                        .help("write `[organization]` once, with `name = …` and the other keys below it"),
                );
            }
            (_, NodeValue::Array(elements)) => {
                for element in elements {
                    let span = element.span.clone();
                    match element.value {
                        NodeValue::Table(t) => {
                            let table = Table {
                                span,
                                entries: t.entries,
                            };
                            let id = table.str("id").unwrap_or("").to_string();
                            v.check_table(
                                Cx {
                                    kind,
                                    id: &id,
                                    file,
                                },
                                &table,
                                kind.fields(),
                                "",
                            );
                            entities.push(Entity {
                                kind,
                                id,
                                file,
                                table,
                            });
                        }
                        other => v.diagnostics.push(
                            Diagnostic::input(
                                "wrong-type",
                                format!("each `{}` must be a table", kind.key()),
                            )
                            .at(file, span, Some(format!("this is {}", type_name(&other))))
                            .help(format!("write each entry as a `[[{}]]` table", kind.key())),
                        ),
                    }
                }
            }
            (_, NodeValue::Table(_)) => v.diagnostics.push(
                Diagnostic::input(
                    "wrong-type",
                    format!(
                        "`[{0}]` must be an array of tables: write `[[{0}]]`",
                        kind.key()
                    ),
                )
                .at(file, key_span, Some("a single table".to_string()))
                .help(format!(
                    "use double brackets, `[[{}]]`, even for one entry",
                    kind.key()
                )),
            ),
            (_, other) => v.diagnostics.push(
                Diagnostic::input(
                    "wrong-type",
                    format!("`{}` must be an array of tables", kind.key()),
                )
                .at(
                    file,
                    key_span,
                    Some(format!("this is {}", type_name(&other))),
                )
                .help(format!("write each entry as a `[[{}]]` table", kind.key())),
            ),
        }
    }
    FileEntities {
        entities,
        diagnostics: v.diagnostics,
        refs: v.refs,
    }
}

fn describe(kind: Kind, id: &str) -> String {
    if kind == Kind::Organization {
        "the organization".to_string()
    } else if id.is_empty() {
        format!("this {}", kind.key())
    } else {
        format!("{} `{}`", kind.key(), id)
    }
}

/// Where a value being checked belongs.
#[derive(Clone, Copy)]
struct Cx<'a> {
    kind: Kind,
    id: &'a str,
    file: FileId,
}

impl Validator<'_> {
    fn check_table(&mut self, cx: Cx<'_>, table: &Table, fields: &'static [Field], prefix: &str) {
        for entry in &table.entries {
            let path = join(prefix, &entry.key);
            match fields.iter().find(|f| f.name == entry.key) {
                Some(field) => self.check_value(cx, &entry.value, &field.ty, &path),
                None => {
                    let names = fields.iter().map(|f| f.name);
                    let mut d = Diagnostic::input(
                        "unknown-key",
                        format!("unknown field `{path}` in {}", describe(cx.kind, cx.id)),
                    );
                    d = match did_you_mean(&entry.key, names.clone()) {
                        Some(s) => d
                            .at(
                                cx.file,
                                entry.key_span.clone(),
                                Some(format!("did you mean `{s}`?")),
                            )
                            .help(format!("rename `{}` to `{s}`", entry.key)),
                        None => d
                            .at(
                                cx.file,
                                entry.key_span.clone(),
                                Some("unknown field".to_string()),
                            )
                            .help(format!(
                                "the fields here are: {}",
                                names.collect::<Vec<_>>().join(", ")
                            )),
                    };
                    self.diagnostics.push(d);
                }
            }
        }
        for field in fields.iter().filter(|f| f.required) {
            if table.get(field.name).is_none() {
                self.diagnostics.push(
                    Diagnostic::input(
                        "missing-field",
                        format!(
                            "{} has no `{}`",
                            describe(cx.kind, cx.id),
                            join(prefix, field.name)
                        ),
                    )
                    .at(
                        cx.file,
                        table.span.clone(),
                        Some(format!("`{}` is required here", field.name)),
                    )
                    .help(format!("add `{} = …`: {}", field.name, field.doc)),
                );
            }
        }
    }

    fn wrong_type(&mut self, cx: Cx<'_>, node: &Node, path: &str, expected: &str, help: String) {
        self.diagnostics.push(
            Diagnostic::input(
                "wrong-type",
                format!(
                    "`{path}` of {} must be {expected}",
                    describe(cx.kind, cx.id)
                ),
            )
            .at(
                cx.file,
                node.span.clone(),
                Some(format!("this is {}", node.type_name())),
            )
            .help(help),
        );
    }

    fn check_value(&mut self, cx: Cx<'_>, node: &Node, ty: &'static Ty, path: &str) {
        match (ty, &node.value) {
            (Ty::Str, NodeValue::String(_)) => {}
            (Ty::Str, _) => self.wrong_type(
                cx,
                node,
                path,
                "a string",
                format!("quote the value: `{path} = \"…\"`"),
            ),
            (Ty::Id, NodeValue::String(s)) => {
                let ok = !s.is_empty()
                    && s.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')
                    });
                if !ok {
                    self.diagnostics.push(
                        Diagnostic::input("invalid-id", format!("`{s}` is not a valid id"))
                            .at(
                                cx.file,
                                node.span.clone(),
                                Some("ids use a-z, 0-9, `-`, `_` and `.`".to_string()),
                            )
                            .help(format!("write it as `{}`", suggest_id(s))),
                    );
                }
            }
            (Ty::Id, _) => self.wrong_type(
                cx,
                node,
                path,
                "a string",
                "write the id as a string: `id = \"crm\"`".into(),
            ),
            (Ty::Int | Ty::IntRange(..) | Ty::Num, NodeValue::BigInteger(_)) => {
                self.diagnostics.push(
                    Diagnostic::input(
                        "number-out-of-range",
                        format!(
                            "`{path}` of {} does not fit in 64 bits",
                            describe(cx.kind, cx.id)
                        ),
                    )
                    .at(cx.file, node.span.clone(), Some("too large".to_string()))
                    .help("write a number between -9223372036854775808 and 9223372036854775807"),
                )
            }
            (Ty::Int, NodeValue::Integer(_)) => {}
            (Ty::IntRange(lo, hi), NodeValue::Integer(n)) => {
                if n < lo || n > hi {
                    self.diagnostics.push(
                        Diagnostic::input(
                            "out-of-range",
                            format!(
                                "`{path}` of {} must be between {lo} and {hi}",
                                describe(cx.kind, cx.id)
                            ),
                        )
                        .at(
                            cx.file,
                            node.span.clone(),
                            Some(format!("{n} is outside {lo}–{hi}")),
                        )
                        .help(format!("use the scale {lo} (lowest) to {hi} (highest)")),
                    );
                }
            }
            (Ty::Num, NodeValue::Integer(_)) => {}
            (Ty::Num, NodeValue::Float(x)) => {
                if !x.is_finite() {
                    self.diagnostics.push(
                        Diagnostic::input(
                            "not-finite",
                            format!(
                                "`{path}` of {} must be a finite number",
                                describe(cx.kind, cx.id)
                            ),
                        )
                        .at(
                            cx.file,
                            node.span.clone(),
                            Some("nan and inf are not allowed".to_string()),
                        )
                        .help("write an ordinary number, e.g. `12.5`"),
                    );
                }
            }
            (Ty::Int | Ty::IntRange(..), _) => self.wrong_type(
                cx,
                node,
                path,
                "an integer",
                format!("write a whole number without quotes: `{path} = 3`"),
            ),
            (Ty::Num, _) => self.wrong_type(
                cx,
                node,
                path,
                "a number",
                format!("write a number without quotes: `{path} = 1500000`"),
            ),
            (Ty::Bool, NodeValue::Boolean(_)) => {}
            (Ty::Bool, _) => self.wrong_type(
                cx,
                node,
                path,
                "`true` or `false`",
                format!("write `{path} = true` or `{path} = false`, without quotes"),
            ),
            // The rules count in nanoseconds since 1970 (valid 1677–2262): a date far outside
            // is a typo, and would fail the rules at run time (found by fuzzing).
            (Ty::Date | Ty::Timestamp, NodeValue::Datetime(d))
                if d.date
                    .is_some_and(|d| !(MIN_YEAR..=MAX_YEAR).contains(&d.year)) =>
            {
                let year = d.date.map_or(0, |d| d.year);
                self.diagnostics.push(
                    Diagnostic::input(
                        "date-out-of-range",
                        format!(
                            "`{path}` of {} is in the year {year}, outside {MIN_YEAR}–{MAX_YEAR}",
                            describe(cx.kind, cx.id)
                        ),
                    )
                    .at(cx.file, node.span.clone(), Some("out of range".to_string()))
                    .help(format!(
                        "write the real date as YYYY-MM-DD, between {MIN_YEAR} and {MAX_YEAR}"
                    )),
                )
            }
            (Ty::Date, NodeValue::Datetime(d)) if d.date.is_some() && d.time.is_none() => {}
            (Ty::Date, NodeValue::Datetime(d)) => {
                let date = d
                    .date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "2026-03-01".into());
                self.wrong_type(
                    cx,
                    node,
                    path,
                    "a local date",
                    format!("write only the date: `{path} = {date}`"),
                )
            }
            (Ty::Date, NodeValue::String(s)) => {
                let help = if looks_like_date(s) {
                    format!("remove the quotes: TOML dates are written bare, `{path} = {s}`")
                } else {
                    format!("write a date such as `{path} = 2026-03-01`")
                };
                self.wrong_type(cx, node, path, "a date", help)
            }
            (Ty::Date, _) => self.wrong_type(
                cx,
                node,
                path,
                "a date",
                format!("write a date such as `{path} = 2026-03-01`"),
            ),
            (Ty::Timestamp, NodeValue::Datetime(d))
                if d.date.is_some() && d.time.is_some() && d.offset.is_some() => {}
            (Ty::Timestamp, NodeValue::Datetime(d)) => {
                let example = match (d.date, d.time) {
                    (Some(date), Some(time)) => format!("{date}T{time}+01:00"),
                    (Some(date), None) => format!("{date}T10:00:00+01:00"),
                    _ => "2026-03-01T10:00:00+01:00".to_string(),
                };
                self.diagnostics.push(
                    Diagnostic::input(
                        "missing-offset",
                        format!("`{path}` of {} needs a time and a UTC offset", describe(cx.kind, cx.id)),
                    )
                    .at(cx.file, node.span.clone(), Some(format!("{} has no UTC offset", node.type_name())))
                    .help(format!(
                        "reporting deadlines are counted in hours, so the moment must be exact: write e.g. `{path} = {example}` (or `Z` for UTC)"
                    )),
                )
            }
            (Ty::Timestamp, NodeValue::String(s)) => {
                let help = if looks_like_date(s) {
                    format!("remove the quotes: TOML date-times are written bare, e.g. `{path} = 2026-03-01T10:00:00+01:00`")
                } else {
                    format!(
                        "write an offset date-time such as `{path} = 2026-03-01T10:00:00+01:00`"
                    )
                };
                self.wrong_type(cx, node, path, "an offset date-time", help)
            }
            (Ty::Timestamp, _) => self.wrong_type(
                cx,
                node,
                path,
                "an offset date-time",
                format!("write e.g. `{path} = 2026-03-01T10:00:00+01:00`"),
            ),
            (Ty::Enum(options), NodeValue::String(s)) => {
                if !options.contains(&s.as_str()) {
                    let mut d = Diagnostic::input(
                        "invalid-value",
                        format!(
                            "`{path}` of {} must be one of: {}",
                            describe(cx.kind, cx.id),
                            options.join(", ")
                        ),
                    );
                    d = match did_you_mean(s, options.iter().copied()) {
                        Some(m) => d
                            .at(
                                cx.file,
                                node.span.clone(),
                                Some(format!("did you mean `{m}`?")),
                            )
                            .help(format!("write `{path} = \"{m}\"`")),
                        None => d
                            .at(
                                cx.file,
                                node.span.clone(),
                                Some(format!("`{s}` is not one of them")),
                            )
                            .help(format!("choose one of: {}", options.join(", "))),
                    };
                    self.diagnostics.push(d);
                }
            }
            (Ty::Enum(options), _) => self.wrong_type(
                cx,
                node,
                path,
                "a string",
                format!("write one of: {}", options.join(", ")),
            ),
            (Ty::Ref(target), NodeValue::String(s)) => self.refs.push(PendingRef {
                target: *target,
                id: s.clone(),
                file: cx.file,
                span: node.span.clone(),
                field: path.to_string(),
            }),
            (Ty::Ref(target), _) => self.wrong_type(
                cx,
                node,
                path,
                &format!("the id of a {}", target.key()),
                format!("write the id as a string, e.g. `{path} = \"…\"`"),
            ),
            (Ty::Requirement, NodeValue::String(s)) => {
                if let Err((label, help)) = self.catalog.check_requirement(s) {
                    self.diagnostics.push(
                        Diagnostic::input(
                            "unknown-requirement",
                            format!("unknown requirement `{s}` in {}", describe(cx.kind, cx.id)),
                        )
                        .at(cx.file, node.span.clone(), Some(label))
                        .help(help),
                    );
                }
            }
            (Ty::Requirement, _) => self.wrong_type(
                cx,
                node,
                path,
                "a string",
                "write requirements as strings such as `\"nis2:21(2)(c)\"`".into(),
            ),
            (Ty::Array(inner), NodeValue::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    self.check_value(cx, item, inner, &format!("{path}[{i}]"));
                }
            }
            (Ty::Array(_), _) => self.wrong_type(
                cx,
                node,
                path,
                "an array",
                format!("write a list: `{path} = [ … ]`"),
            ),
            (Ty::Table(fields), NodeValue::Table(t)) => self.check_table(cx, t, fields, path),
            (Ty::Table(fields), _) => {
                let first = fields.first().map_or("…", |f| f.name);
                self.wrong_type(
                    cx,
                    node,
                    path,
                    "a table",
                    format!("write `{path} = {{ {first} = … }}`"),
                )
            }
        }
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit)
}

fn suggest_id(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "entity-1".to_string()
    } else {
        out
    }
}

/// Counts of entities by kind, for the summary.
pub fn counts(repo: &Repository) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for e in &repo.entities {
        *m.entry(e.kind.key()).or_insert(0) += 1;
    }
    m
}
