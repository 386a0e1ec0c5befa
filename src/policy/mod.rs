//! Evaluation: one regorus engine holds the built-in pack and the organisation's own rules; each
//! rule package's `deny` and `warn` sets become findings joined to the package's METADATA.

pub mod guard;
pub mod metadata;
pub mod parallel;
pub mod split;
pub mod testing;

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

use crate::catalog::Catalog;
use crate::diag::{Diagnostic, Origin, Severity};
use crate::source::{FileId, SourceFile, Sources};
pub use metadata::RuleMeta;

pub mod builtin {
    //! The embedded built-in pack.
    include!(concat!(env!("OUT_DIR"), "/builtin_policies.rs"));
}

/// Built-in packages live below this namespace; the organisation's may not.
pub const BUILTIN_NAMESPACE: &str = "nis2check.";

/// One Rego file.
#[derive(Debug, Clone)]
pub struct Module {
    /// Path shown to people: `policies/…` for built-ins, repository-relative otherwise.
    pub path: String,
    pub source: String,
    pub package: String,
    pub builtin: bool,
    pub is_test: bool,
    /// The file in [`Sources`], for custom modules (built-ins are added when they need a label).
    pub file: Option<FileId>,
}

/// A rule: a package that defines `deny` and/or `warn`, with its metadata.
#[derive(Debug, Clone)]
pub struct Rule {
    pub meta: RuleMeta,
    pub package: String,
    pub path: String,
    pub builtin: bool,
    pub has_deny: bool,
    pub has_warn: bool,
}

/// A Rego file is a test file when its name ends in `_test.rego` — unless it is named after its
/// folder (the rule `restore_test` lives in `restore_test/restore_test.rego`).
pub fn is_test_path(path: &str) -> bool {
    let mut parts = path.rsplit('/');
    let file = parts.next().unwrap_or("");
    let folder = parts.next().unwrap_or("");
    let stem = file.strip_suffix(".rego").unwrap_or(file);
    stem.ends_with("_test") && stem != folder
}

/// The modules of the built-in pack.
pub fn builtin_modules() -> Vec<Module> {
    builtin::FILES
        .iter()
        .filter(|(p, _)| p.ends_with(".rego"))
        .map(|(p, s)| Module {
            path: format!("policies/{p}"),
            source: (*s).to_string(),
            package: metadata::package_of(s).map(|(p, _)| p).unwrap_or_default(),
            builtin: true,
            is_test: is_test_path(p),
            file: None,
        })
        .collect()
}

/// Reads the organisation's `*.rego` files from the given folders (relative to `root`). A folder
/// must lie inside the repository: absolute paths, `..` and links out are refused.
pub fn custom_modules(
    root: &Path,
    folders: &[String],
    max_bytes: u64,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Module> {
    let mut modules = Vec::new();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let limits = crate::load::Limits {
        max_file_bytes: max_bytes,
        max_files: 10_000,
        shuffle_seed: None,
    };
    let mut seen = std::collections::BTreeSet::new();
    for folder in folders {
        let path = Path::new(folder);
        let climbs = path.is_absolute()
            || folder.starts_with('\\')
            || path.components().any(|c| {
                matches!(
                    c,
                    std::path::Component::ParentDir
                        | std::path::Component::Prefix(_)
                        | std::path::Component::RootDir
                )
            });
        let dir = root.join(folder);
        let link = std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink());
        let outside = climbs
            || (!link
                && dir
                    .canonicalize()
                    .is_ok_and(|c| !c.starts_with(&canonical_root)));
        if outside {
            diagnostics.push(
                Diagnostic::input(
                    "policy-folder-outside",
                    format!("the policy folder `{folder}` in nis2check.toml lies outside the repository; it was not read"),
                )
                .help("list folders inside the repository, relative to its root, e.g. `policies = [\"policies\"]`"),
            );
            continue;
        }
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => {
                diagnostics.push(
                    Diagnostic::new(Origin::Input, Severity::Note, "symlink-skipped", format!("skipped the policy folder `{folder}`, a link: symbolic links are never followed"))
                        .help("commit the policies themselves instead of a link"),
                );
                continue;
            }
            Ok(m) if m.is_dir() => {}
            _ => {
                if folder != "policies" {
                    diagnostics.push(
                        Diagnostic::input(
                            "missing-policy-folder",
                            format!("the policy folder `{folder}` does not exist"),
                        )
                        .help("create it, or correct `policies` in nis2check.toml"),
                    );
                }
                continue;
            }
        }
        let files = crate::load::walk(
            root,
            &dir,
            "rego",
            &globset::GlobSet::empty(),
            &limits,
            diagnostics,
        );
        for (rel, path) in files {
            if !seen.insert(rel.clone()) {
                continue;
            }
            let Some(file) = crate::load::read_file(&rel, &path, &limits, sources, diagnostics)
            else {
                continue;
            };
            let text = sources.get(file).text.to_string();
            let package = metadata::package_of(&text)
                .map(|(p, _)| p)
                .unwrap_or_default();
            modules.push(Module {
                path: rel.clone(),
                is_test: is_test_path(&rel),
                source: text,
                package,
                builtin: false,
                file: Some(file),
            });
        }
    }
    modules
}

/// A prepared engine with every rule module loaded.
#[derive(Clone)]
pub struct PolicySet {
    pub engine: regorus::Engine,
    pub rules: Vec<Rule>,
    /// The compiled modules, to place runtime errors.
    pub modules: std::sync::Arc<Vec<Module>>,
    /// The time limit of one rule.
    pub time_limit: Duration,
}

/// The file of a module in `sources`, adding a built-in one on first use.
fn module_file(module: &Module, sources: &mut Sources) -> FileId {
    match module.file {
        Some(f) => f,
        None => sources.add(SourceFile::new(module.path.clone(), module.source.clone())),
    }
}

/// Turns a regorus error (its location is only in the text) into a diagnostic on the module.
pub fn engine_error(
    code: &str,
    context: &str,
    err: &str,
    module: Option<&Module>,
    sources: &mut Sources,
) -> Diagnostic {
    let mut message = None;
    let mut location: Option<(usize, usize)> = None;
    for line in err.lines() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("--> ") {
            let mut parts = rest.rsplitn(3, ':');
            let col = parts.next().and_then(|c| c.trim().parse().ok());
            let ln = parts.next().and_then(|c| c.trim().parse().ok());
            if let (Some(c), Some(l)) = (col, ln) {
                location = Some((l, c));
            }
        } else if let Some(m) = t.strip_prefix("error: ") {
            message.get_or_insert_with(|| m.trim().to_string());
        }
    }
    let message = message.unwrap_or_else(|| {
        err.lines()
            .next()
            .unwrap_or("unknown error")
            .trim()
            .to_string()
    });
    let mut d = Diagnostic::new(
        Origin::Policy,
        Severity::Error,
        code,
        format!("{context}: {message}"),
    );
    if let Some(module) = module {
        let file = module_file(module, sources);
        let src = sources.get(file);
        let span = match location {
            Some((line, col)) if line >= 1 && line <= src.line_count() => {
                let range = src.line_range(line - 1);
                let line_text = &src.text[range.clone()];
                let offset = line_text
                    .char_indices()
                    .nth(col.saturating_sub(1))
                    .map_or(line_text.len(), |(i, _)| i);
                let start = range.start + offset;
                let end = line_text[offset..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                    .map_or(range.end, |e| start + e.max(1));
                start..end
            }
            _ => 0..0,
        };
        d = d.at(file, span, Some(message));
    }
    d
}

/// Options for building the engine.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    pub time_limit: Duration,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            time_limit: Duration::from_secs(10),
        }
    }
}

/// Compiles the non-test modules into one engine and reads the rules' metadata. Problems are
/// diagnostics; the set is `None` when any module failed.
pub fn prepare(
    modules: &[Module],
    options: &EngineOptions,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PolicySet> {
    let mut engine = new_engine(options);
    let mut rules = Vec::new();
    let mut ok = true;
    // The organisation's modules are untrusted: checked before regorus sees them.
    let custom: Vec<&Module> = modules
        .iter()
        .filter(|m| !m.builtin && !m.is_test)
        .collect();
    let verdicts = guard::check(&custom, sources, diagnostics);
    let catalog = std::cell::OnceCell::new();
    let verdict = |m: &Module| {
        custom
            .iter()
            .position(|c| std::ptr::eq(*c, m))
            .map(|i| verdicts[i].clone())
    };
    for module in modules.iter().filter(|m| !m.is_test) {
        let verdict = verdict(module);
        if verdict == Some(guard::Verdict::Rejected) {
            ok = false;
            continue;
        }
        if !module.builtin
            && verdict.is_none_or(|v| v == guard::Verdict::Unparsed)
            && (module.package.starts_with(BUILTIN_NAMESPACE) || module.package == "nis2check")
        {
            let file = module_file(module, sources);
            let line = metadata::package_of(&module.source).map_or(0, |(_, l)| l);
            let span = sources.get(file).line_range(line.saturating_sub(1));
            diagnostics.push(
                Diagnostic::new(Origin::Policy, Severity::Error, "reserved-package", format!("package `{}` is in the reserved `nis2check` namespace", module.package))
                    .at(file, span, Some("reserved for the built-in rules".to_string()))
                    .help("give the organisation's rules their own package, e.g. `package org.rules.my_rule`; built-in rules cannot be replaced"),
            );
            ok = false;
            continue;
        }
        if let Err(err) = engine.add_policy(module.path.clone(), module.source.clone()) {
            diagnostics.push(engine_error(
                "policy-error",
                &format!("cannot compile `{}`", module.path),
                &format!("{err:#}"),
                Some(module),
                sources,
            ));
            ok = false;
            continue;
        }
        let names = metadata::top_level_rules(&module.source);
        let has_deny = names.iter().any(|n| n == "deny");
        let has_warn = names.iter().any(|n| n == "warn");
        // The organisation's rules cite only what the catalogue holds (a test holds the
        // built-in ones to it).
        let cited_against = (!module.builtin).then(|| catalog.get_or_init(Catalog::builtin));
        match metadata::read(&module.source, cited_against) {
            Ok(Some(meta)) => {
                if has_deny || has_warn {
                    rules.push(Rule {
                        meta,
                        package: module.package.clone(),
                        path: module.path.clone(),
                        builtin: module.builtin,
                        has_deny,
                        has_warn,
                    });
                }
            }
            Ok(None) if has_deny || has_warn => {
                let file = module_file(module, sources);
                let line = metadata::package_of(&module.source).map_or(0, |(_, l)| l);
                let span = sources.get(file).line_range(line.saturating_sub(1));
                diagnostics.push(
                    Diagnostic::new(Origin::Policy, Severity::Error, "missing-metadata", format!("rule package `{}` has no METADATA block", module.package))
                        .at(file, span, Some("a rule needs an id, a title and a severity".to_string()))
                        .help("add above `package`:\n# METADATA\n# title: What the rule checks\n# custom:\n#   id: ORG001\n#   severity: error"),
                );
                ok = false;
            }
            Ok(None) => {}
            Err(invalid) => {
                let file = module_file(module, sources);
                for e in invalid.errors {
                    diagnostics.push(
                        Diagnostic::new(
                            Origin::Policy,
                            Severity::Error,
                            "invalid-metadata",
                            e.message,
                        )
                        .at(file, e.span, Some(e.label))
                        .help(e.help),
                    );
                }
                ok = false;
            }
        }
    }
    // Rule ids are unique.
    rules.sort_by(|a, b| a.meta.id.cmp(&b.meta.id).then(b.builtin.cmp(&a.builtin)));
    for pair in rules.windows(2) {
        if pair[0].meta.id == pair[1].meta.id {
            let id = &pair[0].meta.id;
            let name = |r: &Rule| {
                if r.builtin {
                    format!("the built-in rule `{}`", r.path)
                } else {
                    format!("`{}`", r.path)
                }
            };
            let mut d = Diagnostic::new(
                Origin::Policy,
                Severity::Error,
                "duplicate-rule-id",
                format!(
                    "rule id `{id}` is used by {} and by {}",
                    name(&pair[0]),
                    name(&pair[1])
                ),
            )
            .help("give the organisation's rule its own id (e.g. with your own prefix, `ORG001`)");
            // At the `id:` line of the organisation's rule (the built-in sorts first), and of
            // the other one when both are the organisation's.
            for rule in pair.iter().rev() {
                let Some(module) = modules
                    .iter()
                    .find(|m| !m.builtin && !m.is_test && m.path == rule.path)
                else {
                    continue;
                };
                let file = module_file(module, sources);
                let line = module
                    .source
                    .lines()
                    .position(|l| {
                        let l = l.trim_start_matches('#').trim();
                        l.strip_prefix("id:")
                            .is_some_and(|v| v.trim().trim_matches(|c| c == '"' || c == '\'') == id)
                    })
                    .unwrap_or(0);
                let span = sources.get(file).line_range(line);
                d = if d.primary.is_none() {
                    d.at(file, span, Some("this id is taken".to_string()))
                } else {
                    d.also(file, span, Some("also here".to_string()))
                };
            }
            diagnostics.push(d);
            ok = false;
        }
    }
    ok.then_some(PolicySet {
        engine,
        rules,
        modules: std::sync::Arc::new(modules.iter().filter(|m| !m.is_test).cloned().collect()),
        time_limit: options.time_limit,
    })
}

/// The rule ids the modules declare in their METADATA, read without compiling them: what
/// waivers and `[rules]` are checked against when [`prepare`] failed, so that a broken rule of
/// the organisation does not make every other rule "unknown". `None` when a module's METADATA
/// is not YAML (or its `custom.id` not text): then which rules exist is not known.
pub fn declared_rule_ids(modules: &[Module]) -> Option<Vec<String>> {
    let mut ids = Vec::new();
    for module in modules.iter().filter(|m| !m.is_test) {
        match metadata::read(&module.source, None) {
            Ok(Some(meta)) => ids.push(meta.id),
            Ok(None) => {}
            // A block with other problems still names its rule.
            Err(invalid) => ids.extend(invalid.id?),
        }
    }
    ids.sort();
    ids.dedup();
    Some(ids)
}

/// [`prepare`] against a `Sources` of its own (so it can run on another thread; append the
/// sources and shift the diagnostics' files), with the modules analysed: regorus does that on
/// the first evaluation otherwise, and a clone of an analysed engine is analysed.
pub fn prepare_analysed(
    modules: &[Module],
    options: &EngineOptions,
) -> (Option<PolicySet>, Sources, Vec<Diagnostic>) {
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();
    let mut set = prepare(modules, options, &mut sources, &mut diagnostics);
    if let Some(set) = set.as_mut() {
        let _ = set.engine.eval_query("true".to_string(), false);
    }
    (set, sources, diagnostics)
}

/// The built-in pack alone, compiled once per process and cloned (for in-memory runs: the
/// property tests and the fuzzer, which check thousands of small repositories).
pub fn builtin_set(options: &EngineOptions) -> Option<PolicySet> {
    static CACHE: std::sync::Mutex<Vec<(Duration, Option<PolicySet>)>> =
        std::sync::Mutex::new(Vec::new());
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, set)) = cache.iter().find(|(t, _)| *t == options.time_limit) {
        return set.clone();
    }
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();
    let set = prepare(&builtin_modules(), options, &mut sources, &mut diagnostics);
    cache.push((options.time_limit, set.clone()));
    set
}

pub fn new_engine(options: &EngineOptions) -> regorus::Engine {
    let mut engine = regorus::Engine::new();
    set_time_limit(&mut engine, options.time_limit);
    engine
}

/// The time one evaluation (`eval_rule`) may take.
pub fn set_time_limit(engine: &mut regorus::Engine, limit: Duration) {
    engine.set_execution_timer_config(regorus::utils::limits::ExecutionTimerConfig {
        limit,
        check_interval: std::num::NonZeroU32::new(64).unwrap(),
    });
}

/// A finding object as a rule returns it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct RawFinding {
    pub msg: String,
    #[serde(default)]
    pub entity: Option<RawEntity>,
    #[serde(default)]
    pub field: Vec<FieldSeg>,
    #[serde(default)]
    pub related: Vec<RawRelated>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct RawEntity {
    pub kind: String,
    pub id: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct RawRelated {
    #[serde(default)]
    pub entity: Option<RawEntity>,
    #[serde(default)]
    pub field: Vec<FieldSeg>,
    #[serde(default)]
    pub msg: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(untagged)]
pub enum FieldSeg {
    Index(u64),
    Key(String),
}

/// The findings of one rule.
pub struct RuleResult {
    pub rule: usize,
    /// (from `warn`?, finding)
    pub findings: Vec<(bool, RawFinding)>,
    pub elapsed: Duration,
}

/// What evaluating one rule's `deny` and `warn` gave on the engine's input: per name, absent
/// (the package does not define it), the set, or regorus' error.
#[derive(Default)]
pub struct Raw {
    pub deny: Option<Result<regorus::Value, String>>,
    pub warn: Option<Result<regorus::Value, String>>,
}

/// Evaluates a rule's `deny` and `warn` on the engine's current input.
pub fn evaluate_raw(engine: &mut regorus::Engine, rule: &Rule) -> Raw {
    let mut eval = |present: bool, name: &str| {
        present.then(|| {
            engine
                .eval_rule(format!("data.{}.{name}", rule.package))
                .map_err(|err| format!("{err:#}"))
        })
    };
    Raw {
        deny: eval(rule.has_deny, "deny"),
        warn: eval(rule.has_warn, "warn"),
    }
}

/// The findings of rule `i` from its raw sets; a malformed set or an error is a diagnostic.
pub fn conclude(
    set: &PolicySet,
    i: usize,
    raw: Raw,
    elapsed: Duration,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> RuleResult {
    let rule = &set.rules[i];
    let mut findings = Vec::new();
    for (is_warn, name, outcome) in [(false, "deny", raw.deny), (true, "warn", raw.warn)] {
        match outcome {
            None | Some(Ok(regorus::Value::Undefined)) => {}
            Some(Ok(value)) => match parse_findings(&value) {
                Ok(list) => findings.extend(list.into_iter().map(|f| (is_warn, f))),
                Err(e) => diagnostics.push(
                    Diagnostic::new(Origin::Policy, Severity::Error, "malformed-finding", format!("rule {} returned a malformed `{name}`: {e}", rule.meta.id))
                        .help("a finding is {\"msg\": string, \"entity\": {\"kind\", \"id\"}, \"field\": [..], \"related\": [..]} (docs/policies.md)"),
                ),
            },
            Some(Err(text)) => diagnostics.push(runtime_error(set, rule, name, &text, sources)),
        }
    }
    RuleResult {
        rule: i,
        findings,
        elapsed,
    }
}

/// A rule that failed or ran out of time.
fn runtime_error(
    set: &PolicySet,
    rule: &Rule,
    name: &str,
    text: &str,
    sources: &mut Sources,
) -> Diagnostic {
    // The error is located in the module it names (a library the rule calls, say), else in
    // the rule's own.
    let named = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))
        .and_then(|rest| rest.rsplitn(3, ':').nth(2))
        .map(str::trim);
    let module = match named {
        Some(path) => set.modules.iter().find(|m| m.path == path),
        None => set.modules.iter().find(|m| m.path == rule.path),
    };
    let timeout = text.contains("time limit")
        || text.contains("timed out")
        || text.contains("execution timer");
    if !timeout {
        return engine_error(
            "policy-runtime-error",
            &format!("rule {} failed", rule.meta.id),
            text,
            module,
            sources,
        )
        .help(format!("fix the rule in `{}`", rule.path));
    }
    let limit = set.time_limit.as_secs_f64();
    let mut d = Diagnostic::new(
        Origin::Policy,
        Severity::Error,
        "policy-timeout",
        format!(
            "rule {} (`{}`) ran past the time limit of {limit} s and was stopped",
            rule.meta.id, rule.path
        ),
    )
    .help("make the rule linear: index a collection by id once instead of scanning one collection inside another; raise the limit with `--policy-timeout SECONDS` only for a rule that is slow by nature");
    if let Some(m) = module {
        let file = module_file(m, sources);
        let line = metadata::package_of(&m.source).map_or(0, |(_, l)| l);
        let span = sources.get(file).line_range(line.saturating_sub(1));
        d = d.at(file, span, Some(format!("`{name}` of this package")));
    }
    d
}

fn parse_findings(value: &regorus::Value) -> Result<Vec<RawFinding>, String> {
    let json = serde_json::to_value(value).map_err(|e| e.to_string())?;
    let items = match json {
        serde_json::Value::Array(items) => items,
        other => return Err(format!("expected a set of objects, found {other}")),
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let text = item.to_string();
        out.push(serde_json::from_value::<RawFinding>(item).map_err(|e| format!("{e} in {text}"))?);
    }
    Ok(out)
}
