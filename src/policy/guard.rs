//! Static checks of the organisation's own policies, before they are compiled. The policies are
//! untrusted input: regorus cannot catch a stack overflow (a recursive function such as
//! `f(x) := f(x)` aborts the whole process), and the lean feature set leaves out the network
//! built-ins only by accident of configuration. So each custom module is parsed with regorus'
//! own parser and
//!
//! - its package must not be in the reserved `nis2check` namespace (read from the syntax tree,
//!   so `package nis2check["x"]` is caught too);
//! - it may not call a built-in that reaches the network, the environment, the wall clock or a
//!   random source ([`FORBIDDEN`]);
//! - the graph of which rule or function refers to which (across the custom modules, through
//!   imports, `data.` paths and `with … as …` replacements) must have no cycle — Rego forbids
//!   recursion and OPA rejects it at compile time — and no chain longer than
//!   [`MAX_CALL_DEPTH`], which would exhaust the stack just the same.
//!
//! The graph over-approximates (a local variable that shares a rule's name and is bound by `=`
//! counts as a reference), which can only reject, never let a cycle through.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use regorus::unstable::{
    AssignOp, Expr, Literal, Module as AstModule, Parser, Query, Rule, RuleHead, Source, Span,
};

use super::Module;
use crate::diag::{Diagnostic, Origin, Severity};
use crate::source::{FileId, Sources};

/// The deepest chain of rules and functions that refer to each other. Chains of a few thousand
/// overflow the evaluator's stack; real rules need a handful.
pub const MAX_CALL_DEPTH: usize = 100;

/// The deepest nesting of `{` and `[` in a module. regorus' parser backtracks over every `{`
/// and `[` (a set, an object or a comprehension?), so its time doubles with each level: 20
/// levels take seconds, 30 would take hours (found by fuzzing). The built-in pack needs 6.
pub const MAX_NESTING: usize = 12;

/// The parse cost a module may have: each `{` or `[` at depth d costs 2^d. 2^21 keeps the
/// worst case to about a second; the built-in rules cost a few thousand.
pub const MAX_NESTING_COST: u64 = 1 << 21;

/// Built-in functions the organisation's rules may not call, with the reason.
pub const FORBIDDEN: &[(&str, &str)] = &[
    ("http.send", "reaches the network"),
    ("net.lookup_ip_addr", "reaches the network (DNS)"),
    ("opa.runtime", "exposes the environment of the process"),
    (
        "time.now_ns",
        "reads the wall clock; rules see time only as `input.meta.as_of`, so that every result can be reproduced",
    ),
    ("rand.intn", "is random; two runs must give the same result"),
    ("uuid.rfc4122", "is random; two runs must give the same result"),
];

/// What the checks found for one module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// regorus cannot parse it: compiling it reports the error.
    Unparsed,
    /// Parsed and accepted; the package as a dotted path without `data.`.
    Accepted { package: String },
    /// Rejected with at least one diagnostic.
    Rejected,
}

/// A node of the reference graph: a rule or function (`pkg.name`), or a built-in function
/// (`builtin:name`, only to follow `with` replacements).
pub(super) type Node = String;

pub(super) struct Edge {
    pub(super) to: Node,
    file: FileId,
    span: Range<usize>,
}

pub(super) struct ModuleInfo {
    package: Vec<String>,
    /// import alias → path (starting with `data` or `input`)
    imports: BTreeMap<String, Vec<String>>,
    file: FileId,
}

/// Checks the given (custom) modules; one verdict per module, in order.
pub fn check(
    modules: &[&Module],
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Verdict> {
    let mut verdicts = vec![Verdict::Unparsed; modules.len()];
    let mut parsed = Vec::new();
    for (i, module) in modules.iter().enumerate() {
        if let Some(d) = nesting(module, sources) {
            diagnostics.push(d);
            verdicts[i] = Verdict::Rejected;
            continue;
        }
        let Some(ast) = parse(module) else {
            continue;
        };
        let file = super::module_file(module, sources);
        let (package, imports) = package_and_imports(&ast);
        if package.first().map(String::as_str) == Some("nis2check") {
            let span = span_of(ast.package.refr.span());
            diagnostics.push(
                Diagnostic::new(Origin::Policy, Severity::Error, "reserved-package", format!("package `{}` is in the reserved `nis2check` namespace", package.join(".")))
                    .at(file, span, Some("reserved for the built-in rules".to_string()))
                    .help("give the organisation's rules their own package, e.g. `package org.rules.my_rule`; built-in rules cannot be replaced or extended"),
            );
            verdicts[i] = Verdict::Rejected;
        } else {
            verdicts[i] = Verdict::Accepted {
                package: package.join("."),
            };
        }
        parsed.push((
            i,
            ModuleInfo {
                package,
                imports,
                file,
            },
            ast,
        ));
    }

    // Every rule and function of the custom modules: (package, name).
    let mut defined: BTreeSet<(Vec<String>, String)> = BTreeSet::new();
    for (_, info, ast) in &parsed {
        for rule in &ast.policy {
            if let Some(name) = rule_name(rule) {
                defined.insert((info.package.clone(), name));
            }
        }
    }

    let mut graph: BTreeMap<Node, Vec<Edge>> = BTreeMap::new();
    let mut heads: BTreeMap<Node, (FileId, Range<usize>)> = BTreeMap::new();
    let mut forbidden_in = BTreeSet::new();
    for (i, info, ast) in &parsed {
        for rule in &ast.policy {
            let Some(name) = rule_name(rule) else {
                continue;
            };
            let node = node_name(&info.package, &name);
            heads
                .entry(node.clone())
                .or_insert_with(|| (info.file, span_of(rule.span())));
            let walker = Walker::walk(info, &defined, rule, false);
            for (span, name, why) in walker.forbidden {
                diagnostics.push(
                    Diagnostic::new(
                        Origin::Policy,
                        Severity::Error,
                        "forbidden-builtin",
                        format!("`{name}` {why}; the organisation's rules may not call it"),
                    )
                    .at(info.file, span, Some(format!("calls `{name}`")))
                    .help("rules get everything they may use in `input` (the repository, and `input.meta.as_of` for the date); remove the call"),
                );
                forbidden_in.insert(*i);
            }
            graph.entry(node.clone()).or_default().extend(walker.edges);
            for (from, edge) in walker.replaced {
                graph.entry(from).or_default().push(edge);
            }
        }
    }
    for i in forbidden_in {
        verdicts[i] = Verdict::Rejected;
    }

    // Cycles: an iterative depth-first search, in name order so the report is stable.
    let mut rejected_files = BTreeSet::new();
    let cycles = find_cycles(&graph);
    let mut reported = BTreeSet::new();
    for cycle in cycles {
        let key: BTreeSet<&Node> = cycle.iter().map(|(n, _)| n).collect();
        if !reported.insert(key.into_iter().cloned().collect::<Vec<_>>()) {
            continue;
        }
        // cycle: [(node, edge index leaving it)], the last edge leads back to the first node.
        let nodes: Vec<&str> = cycle.iter().map(|(n, _)| n.as_str()).collect();
        let names = short_names(&nodes, &defined);
        let (last, edge) = cycle.last().expect("a cycle has a node");
        let back = &graph[last][*edge];
        let path = format!("{} → {}", names.join(" → "), names[0]);
        let message = if cycle.len() == 1 {
            format!("`{}` calls itself ({path})", names[0])
        } else {
            format!("rules or functions call each other in a cycle: {path}")
        };
        let mut d = Diagnostic::new(Origin::Policy, Severity::Error, "policy-recursion", message)
            .at(
                back.file,
                back.span.clone(),
                Some(format!("refers back to `{}`", names[0])),
            )
            .help("Rego does not allow recursion (OPA rejects it when compiling) and it would exhaust the evaluator's stack; iterate with `some … in`, comprehensions or `walk` instead");
        if let Some((file, span)) = heads.get(&cycle[0].0) {
            if *file == back.file {
                d = d.also(*file, span.clone(), Some("defined here".to_string()));
            }
        }
        rejected_files.insert(back.file);
        diagnostics.push(d);
    }
    if reported.is_empty() {
        if let Some((depth, path)) = deepest(&graph) {
            if depth > MAX_CALL_DEPTH {
                let first = &path[0];
                let (file, span) = heads.get(first).cloned().unwrap_or_default();
                let nodes: Vec<&str> = path.iter().take(4).map(String::as_str).collect();
                let shown = short_names(&nodes, &defined);
                diagnostics.push(
                    Diagnostic::new(Origin::Policy, Severity::Error, "policy-too-deep", format!("rules and functions refer to each other {depth} levels deep ({} → …), more than {MAX_CALL_DEPTH}", shown.join(" → ")))
                        .at(file, span, Some(format!("the chain starts here and is {depth} long")))
                        .help("a chain this deep would exhaust the evaluator's stack; compute the result with comprehensions or `walk` in a few rules instead"),
                );
                rejected_files.insert(file);
            }
        }
    }
    for (i, info, _) in &parsed {
        if rejected_files.contains(&info.file) {
            verdicts[*i] = Verdict::Rejected;
        }
    }
    verdicts
}

/// regorus' syntax tree of a module (Rego v1), or `None` when it does not parse.
pub(super) fn parse(module: &Module) -> Option<AstModule> {
    let source = Source::from_contents(module.path.clone(), module.source.clone()).ok()?;
    let mut parser = Parser::new(&source).ok()?;
    parser.enable_rego_v1().ok()?;
    parser.parse().ok()
}

impl ModuleInfo {
    pub(super) fn new(ast: &AstModule, file: FileId) -> Self {
        let (package, imports) = package_and_imports(ast);
        ModuleInfo {
            package,
            imports,
            file,
        }
    }

    pub(super) fn package(&self) -> &[String] {
        &self.package
    }

    /// `name` is one of the module's import aliases.
    pub(super) fn has_import(&self, name: &str) -> bool {
        self.imports.contains_key(name)
    }

    /// Imports a path below `input` (its uses are not followed).
    pub(super) fn imports_input(&self) -> bool {
        self.imports
            .values()
            .any(|p| p.first().map(String::as_str) == Some("input"))
    }
}

/// A module's package as a path without `data`, and its imports of `data` and `input`
/// (alias → path).
fn package_and_imports(ast: &AstModule) -> (Vec<String>, BTreeMap<String, Vec<String>>) {
    let package = flatten(&ast.package.refr).unwrap_or_default();
    let mut imports = BTreeMap::new();
    for import in &ast.imports {
        if let Some(path) = flatten(&import.refr) {
            let alias = match &import.r#as {
                Some(span) => span.text().to_string(),
                None => path.last().cloned().unwrap_or_default(),
            };
            if matches!(path.first().map(String::as_str), Some("data" | "input")) {
                imports.insert(alias, path);
            }
        }
    }
    (package, imports)
}

/// Scans a module's brackets (outside strings and comments) before regorus parses it: too deep
/// a nesting, or too many deep nests, would keep its parser busy for hours.
fn nesting(module: &Module, sources: &mut Sources) -> Option<Diagnostic> {
    let text = module.source.as_bytes();
    let mut depth = 0usize;
    let mut cost = 0u64;
    let mut i = 0;
    // (offset of the outermost open bracket, the cost of its nest)
    let mut nest = (0usize, 0u64);
    let mut worst = (0usize, 0u64);
    while i < text.len() {
        match text[i] {
            b'#' => {
                while i < text.len() && text[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < text.len() && text[i] != b'"' && text[i] != b'\n' {
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'`' => {
                i += 1;
                while i < text.len() && text[i] != b'`' {
                    i += 1;
                }
            }
            b'{' | b'[' => {
                depth += 1;
                if depth == 1 {
                    nest = (i, 0);
                }
                let c = 1u64 << depth.min(62);
                cost = cost.saturating_add(c);
                nest.1 = nest.1.saturating_add(c);
                if nest.1 > worst.1 {
                    worst = nest;
                }
                if depth > MAX_NESTING {
                    let file = super::module_file(module, sources);
                    return Some(
                        Diagnostic::new(Origin::Policy, Severity::Error, "policy-too-nested", format!("brackets nest more than {MAX_NESTING} deep in `{}`", module.path))
                            .at(file, i..i + 1, Some(format!("level {depth}")))
                            .help("regorus' parser takes time that doubles with every level of `{` and `[`; build the value in steps, with helper rules"),
                    );
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    if cost > MAX_NESTING_COST {
        let file = super::module_file(module, sources);
        let at = worst.0;
        return Some(
            Diagnostic::new(Origin::Policy, Severity::Error, "policy-too-nested", format!("the brackets of `{}` are too deeply and too often nested to parse in reasonable time", module.path))
                .at(file, at..at + 1, Some("the costliest nest starts here".to_string()))
                .help("regorus' parser takes time that doubles with every level of `{` and `[`; build deep values in steps, with helper rules, or split the file"),
        );
    }
    None
}

fn span_of(span: &Span) -> Range<usize> {
    span.start as usize..span.end as usize
}

pub(super) fn node_name(package: &[String], name: &str) -> Node {
    let mut parts = package.to_vec();
    parts.push(name.to_string());
    parts.join(".")
}

/// Names for people: without the package when all are in one package.
fn short_names(nodes: &[&str], defined: &BTreeSet<(Vec<String>, String)>) -> Vec<String> {
    let split: Vec<Option<(String, String)>> = nodes
        .iter()
        .map(|n| {
            defined
                .iter()
                .find(|(p, name)| node_name(p, name) == *n)
                .map(|(p, name)| (p.join("."), name.clone()))
        })
        .collect();
    let one_package = split
        .iter()
        .all(|s| s.as_ref().map(|(p, _)| p) == split[0].as_ref().map(|(p, _)| p));
    nodes
        .iter()
        .zip(&split)
        .map(|(n, s)| match s {
            Some((_, name)) if one_package => name.clone(),
            _ => n.strip_prefix("builtin:").unwrap_or(n).to_string(),
        })
        .collect()
}

/// The components of a reference made of a variable, `.field`s and `["string"]`s.
fn flatten(expr: &Expr) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    let mut e = expr;
    loop {
        match e {
            Expr::Var { span, .. } => {
                parts.push(span.text().to_string());
                break;
            }
            Expr::RefDot { refr, field, .. } => {
                parts.push(field.0.text().to_string());
                e = refr;
            }
            Expr::RefBrack { refr, index, .. } => match index.as_ref() {
                Expr::String { value, .. } | Expr::RawString { value, .. } => {
                    parts.push(value.as_string().ok()?.to_string());
                    e = refr;
                }
                _ => return None,
            },
            _ => return None,
        }
    }
    parts.reverse();
    Some(parts)
}

/// The leading components of a reference, up to the first computed index.
fn prefix(expr: &Expr) -> Vec<String> {
    let mut e = expr;
    let mut parts = Vec::new();
    loop {
        match e {
            Expr::Var { span, .. } => {
                parts.push(span.text().to_string());
                break;
            }
            Expr::RefDot { refr, field, .. } => {
                parts.push(field.0.text().to_string());
                e = refr;
            }
            Expr::RefBrack { refr, index, .. } => {
                match index.as_ref() {
                    Expr::String { value, .. } | Expr::RawString { value, .. } => {
                        parts.push(value.as_string().map(|s| s.to_string()).unwrap_or_default())
                    }
                    _ => parts.clear(),
                }
                e = refr;
            }
            _ => return Vec::new(),
        }
    }
    parts.reverse();
    parts
}

/// The name a rule defines: the first component of its head.
pub(super) fn rule_name(rule: &Rule) -> Option<String> {
    let refr = match rule {
        Rule::Spec { head, .. } => match head {
            RuleHead::Compr { refr, .. }
            | RuleHead::Set { refr, .. }
            | RuleHead::Func { refr, .. } => refr,
        },
        Rule::Default { refr, .. } => refr,
    };
    prefix(refr).into_iter().next()
}

pub(super) struct Walker<'a> {
    info: &'a ModuleInfo,
    defined: &'a BTreeSet<(Vec<String>, String)>,
    /// Variables bound inside the rule (they shadow rule names).
    pub(super) locals: BTreeSet<String>,
    pub(super) edges: Vec<Edge>,
    /// `with X as Y`: X may behave as Y.
    replaced: Vec<(Node, Edge)>,
    forbidden: Vec<(Range<usize>, String, &'static str)>,
    /// Every read of `input`: its path up to the first computed index, and whether it is the
    /// collection of a top-level `some x in input.C` of a `deny`/`warn` body (see
    /// [`super::split`]; only recorded when the walk was asked to look for those).
    pub(super) inputs: Vec<(Vec<String>, bool)>,
    /// The rule refers to something the graph cannot follow: `data` as a whole or at a computed
    /// key, a `data` path that names no rule, or a `with` replacement.
    pub(super) opaque: bool,
    /// Look for the `some x in input.C` of `deny` and `warn` bodies.
    domains: bool,
}

impl<'a> Walker<'a> {
    /// Walks one rule of the module `info`; `domains` as in [`Walker::inputs`].
    pub(super) fn walk(
        info: &'a ModuleInfo,
        defined: &'a BTreeSet<(Vec<String>, String)>,
        rule: &Rule,
        domains: bool,
    ) -> Self {
        let mut walker = Walker {
            info,
            defined,
            locals: BTreeSet::new(),
            edges: Vec::new(),
            replaced: Vec::new(),
            forbidden: Vec::new(),
            inputs: Vec::new(),
            opaque: false,
            domains,
        };
        walker.collect_locals_rule(rule);
        walker.rule(rule);
        walker
    }

    /// Resolves a reference to a rule or function of the custom modules, or (for a call) a
    /// built-in function.
    fn resolve(&self, parts: &[String], call: bool) -> Option<Node> {
        let root = parts.first()?;
        if self.locals.contains(root) || root == "input" || root == "_" {
            return None;
        }
        let path: Vec<String> = if root == "data" {
            parts.to_vec()
        } else if let Some(import) = self.info.imports.get(root) {
            import.iter().chain(&parts[1..]).cloned().collect()
        } else if self
            .defined
            .contains(&(self.info.package.clone(), root.clone()))
        {
            return Some(node_name(&self.info.package, root));
        } else if call {
            return Some(format!("builtin:{}", parts.join(".")));
        } else {
            return None;
        };
        if path.first().map(String::as_str) != Some("data") {
            return None;
        }
        let path = &path[1..];
        (0..path.len()).find_map(|i| {
            let key = (path[..i].to_vec(), path[i].clone());
            self.defined
                .contains(&key)
                .then(|| node_name(&key.0, &key.1))
        })
    }

    fn reference(&mut self, expr: &Expr, call: bool) {
        let parts = prefix(expr);
        let root = parts.first().map(String::as_str);
        if root == Some("input") && !self.locals.contains("input") {
            self.inputs.push((parts.clone(), false));
        } else if let Some(to) = self.resolve(&parts, call) {
            if let Some(name) = to.strip_prefix("builtin:") {
                if let Some((_, why)) = FORBIDDEN.iter().find(|(n, _)| *n == name) {
                    self.forbidden
                        .push((span_of(expr.span()), name.to_string(), why));
                }
            }
            self.edges.push(Edge {
                to,
                file: self.info.file,
                span: span_of(expr.span()),
            });
        } else if root.is_some_and(|r| {
            !self.locals.contains(r)
                && (r == "data"
                    || self
                        .info
                        .imports
                        .get(r)
                        .and_then(|p| p.first())
                        .map(String::as_str)
                        == Some("data"))
        }) {
            self.opaque = true;
        }
        // Computed indexes are expressions of their own.
        let mut e = expr;
        loop {
            match e {
                Expr::RefDot { refr, .. } => e = refr,
                Expr::RefBrack { refr, index, .. } => {
                    self.expr(index);
                    e = refr;
                }
                Expr::Var { .. } => break,
                other => {
                    self.expr(other);
                    break;
                }
            }
        }
    }

    fn rule(&mut self, rule: &Rule) {
        match rule {
            Rule::Spec { head, bodies, .. } => {
                match head {
                    RuleHead::Compr { refr, assign, .. } => {
                        self.head_ref(refr);
                        if let Some(a) = assign {
                            self.expr(&a.value);
                        }
                    }
                    RuleHead::Set { refr, key, .. } => {
                        self.head_ref(refr);
                        if let Some(k) = key {
                            self.expr(k);
                        }
                    }
                    RuleHead::Func {
                        refr, args, assign, ..
                    } => {
                        self.head_ref(refr);
                        for a in args {
                            self.expr(a);
                        }
                        if let Some(a) = assign {
                            self.expr(&a.value);
                        }
                    }
                }
                let top = self.domains
                    && matches!(head, RuleHead::Set { .. })
                    && matches!(rule_name(rule).as_deref(), Some("deny" | "warn"));
                for body in bodies {
                    if let Some(a) = &body.assign {
                        self.expr(&a.value);
                    }
                    self.query_at(&body.query, top);
                }
            }
            Rule::Default { args, value, .. } => {
                for a in args {
                    self.expr(a);
                }
                self.expr(value);
            }
        }
    }

    /// A rule head's computed indexes (`deny[x]`, `a.b[c]`) are expressions.
    fn head_ref(&mut self, refr: &Expr) {
        let mut e = refr;
        loop {
            match e {
                Expr::RefDot { refr, .. } => e = refr,
                Expr::RefBrack { refr, index, .. } => {
                    self.expr(index);
                    e = refr;
                }
                _ => break,
            }
        }
    }

    fn query(&mut self, query: &Query) {
        self.query_at(query, false)
    }

    /// A query; `top` for the body of a `deny` or `warn`, whose first `some x in input.C` for
    /// each C is recorded as that body's domain.
    fn query_at(&mut self, query: &Query, top: bool) {
        let mut domains = BTreeSet::new();
        for stmt in &query.stmts {
            match &stmt.literal {
                Literal::SomeIn {
                    key: None,
                    value,
                    collection,
                    ..
                } if top && self.domain(collection, &mut domains) => self.expr(value),
                Literal::SomeVars { .. } => {}
                Literal::SomeIn {
                    key,
                    value,
                    collection,
                    ..
                } => self.membership(key.as_deref(), value, collection),
                Literal::Expr { expr, .. } | Literal::NotExpr { expr, .. } => self.expr(expr),
                Literal::Every { domain, query, .. } => {
                    self.expr(domain);
                    self.query(query);
                }
            }
            for with in &stmt.with_mods {
                self.opaque = true;
                self.expr(&with.r#as);
                let target = self.resolve(&prefix(&with.refr), true);
                let replacement = self.resolve(&prefix(&with.r#as), true);
                if let (Some(from), Some(to)) = (target, replacement) {
                    self.replaced.push((
                        from,
                        Edge {
                            to,
                            file: self.info.file,
                            span: span_of(&with.span),
                        },
                    ));
                }
            }
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match expr {
            Expr::String { .. }
            | Expr::RawString { .. }
            | Expr::Number { .. }
            | Expr::Bool { .. }
            | Expr::Null { .. } => {}
            Expr::Var { .. } | Expr::RefDot { .. } | Expr::RefBrack { .. } => {
                self.reference(expr, false)
            }
            Expr::Array { items, .. } | Expr::Set { items, .. } => {
                for i in items {
                    self.expr(i);
                }
            }
            Expr::Object { fields, .. } => {
                for (_, k, v) in fields {
                    self.expr(k);
                    self.expr(v);
                }
            }
            Expr::ArrayCompr { term, query, .. } | Expr::SetCompr { term, query, .. } => {
                self.expr(term);
                self.query(query);
            }
            Expr::ObjectCompr {
                key, value, query, ..
            } => {
                self.expr(key);
                self.expr(value);
                self.query(query);
            }
            Expr::Call { fcn, params, .. } => {
                self.reference(fcn, true);
                for p in params {
                    self.expr(p);
                }
            }
            Expr::UnaryExpr { expr, .. } => self.expr(expr),
            Expr::BinExpr { lhs, rhs, .. }
            | Expr::BoolExpr { lhs, rhs, .. }
            | Expr::ArithExpr { lhs, rhs, .. }
            | Expr::AssignExpr { lhs, rhs, .. } => {
                self.expr(lhs);
                self.expr(rhs);
            }
            Expr::Membership {
                key,
                value,
                collection,
                ..
            } => self.membership(key.as_deref(), value, collection),
        }
    }

    /// Records `collection` as a domain when it is `input.C` and the body has no domain over C
    /// yet (a second one pairs the elements: not a domain).
    fn domain(&mut self, collection: &Expr, seen: &mut BTreeSet<String>) -> bool {
        match flatten(collection) {
            Some(path)
                if path.len() == 2
                    && path[0] == "input"
                    && !self.locals.contains("input")
                    && seen.insert(path[1].clone()) =>
            {
                self.inputs.push((path, true));
                true
            }
            _ => false,
        }
    }

    /// `some key, value in collection` and `key, value in collection`.
    fn membership(&mut self, key: Option<&Expr>, value: &Expr, collection: &Expr) {
        if let Some(k) = key {
            self.expr(k);
        }
        self.expr(value);
        self.expr(collection);
    }

    // ---- local variables ----

    fn collect_locals_rule(&mut self, rule: &Rule) {
        match rule {
            Rule::Spec { head, bodies, .. } => {
                if let RuleHead::Func { args, .. } = head {
                    for a in args {
                        self.vars_in(a);
                    }
                }
                for body in bodies {
                    self.collect_locals_query(&body.query);
                }
            }
            Rule::Default { args, .. } => {
                for a in args {
                    self.vars_in(a);
                }
            }
        }
    }

    fn collect_locals_query(&mut self, query: &Query) {
        for stmt in &query.stmts {
            match &stmt.literal {
                Literal::SomeVars { vars, .. } => {
                    for v in vars {
                        self.locals.insert(v.text().to_string());
                    }
                }
                Literal::SomeIn { key, value, .. } => {
                    if let Some(k) = key {
                        self.vars_in(k);
                    }
                    self.vars_in(value);
                }
                Literal::Expr { expr, .. } | Literal::NotExpr { expr, .. } => {
                    self.collect_locals_expr(expr)
                }
                Literal::Every {
                    key, value, query, ..
                } => {
                    if let Some(k) = key {
                        self.locals.insert(k.text().to_string());
                    }
                    self.locals.insert(value.text().to_string());
                    self.collect_locals_query(query);
                }
            }
        }
    }

    /// `x := …` binds `x`; comprehensions bind inside their queries.
    fn collect_locals_expr(&mut self, expr: &Expr) {
        match expr {
            Expr::AssignExpr {
                op: AssignOp::ColEq,
                lhs,
                ..
            } => self.vars_in(lhs),
            Expr::ArrayCompr { query, .. }
            | Expr::SetCompr { query, .. }
            | Expr::ObjectCompr { query, .. } => self.collect_locals_query(query),
            _ => {}
        }
    }

    /// The variables of a pattern (`x`, `[a, b]`, `{"k": v}`).
    fn vars_in(&mut self, expr: &Expr) {
        match expr {
            Expr::Var { span, .. } => {
                self.locals.insert(span.text().to_string());
            }
            Expr::Array { items, .. } | Expr::Set { items, .. } => {
                for i in items {
                    self.vars_in(i);
                }
            }
            Expr::Object { fields, .. } => {
                for (_, _, v) in fields {
                    self.vars_in(v);
                }
            }
            _ => {}
        }
    }
}

/// Every cycle found by a depth-first search from each node in name order: the nodes of the
/// cycle, each with the index of the edge that leaves it along the cycle.
fn find_cycles(graph: &BTreeMap<Node, Vec<Edge>>) -> Vec<Vec<(Node, usize)>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Color {
        White,
        Gray,
        Black,
    }
    let mut color: BTreeMap<&str, Color> = BTreeMap::new();
    let mut cycles = Vec::new();
    for start in graph.keys() {
        if color.get(start.as_str()).copied().unwrap_or(Color::White) != Color::White {
            continue;
        }
        // (node, next edge to try)
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        color.insert(start, Color::Gray);
        while let Some(&(node, next)) = stack.last() {
            let edges = graph.get(node).map_or(&[][..], Vec::as_slice);
            if next >= edges.len() {
                color.insert(node, Color::Black);
                stack.pop();
                continue;
            }
            let top = stack.len() - 1;
            stack[top].1 += 1;
            let to = edges[next].to.as_str();
            match color.get(to).copied().unwrap_or(Color::White) {
                Color::White => {
                    color.insert(to, Color::Gray);
                    stack.push((to, 0));
                }
                Color::Gray => {
                    let from = stack.iter().position(|(n, _)| *n == to).unwrap_or(0);
                    let cycle = stack[from..]
                        .iter()
                        .map(|(n, next)| (n.to_string(), next - 1))
                        .collect();
                    cycles.push(cycle);
                }
                Color::Black => {}
            }
        }
    }
    cycles
}

/// The longest chain in an acyclic graph: its length in nodes, and the chain.
fn deepest(graph: &BTreeMap<Node, Vec<Edge>>) -> Option<(usize, Vec<Node>)> {
    let mut depth: BTreeMap<&str, (usize, Option<&str>)> = BTreeMap::new();
    for start in graph.keys() {
        if depth.contains_key(start.as_str()) {
            continue;
        }
        let mut stack: Vec<(&str, bool)> = vec![(start, false)];
        while let Some((node, done)) = stack.pop() {
            if depth.contains_key(node) {
                continue;
            }
            let edges = graph.get(node).map_or(&[][..], Vec::as_slice);
            if done {
                let best = edges
                    .iter()
                    .filter_map(|e| depth.get(e.to.as_str()).map(|(d, _)| (*d, e.to.as_str())))
                    .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)));
                let entry = match best {
                    Some((d, to)) => (d + 1, Some(to)),
                    None => (1, None),
                };
                depth.insert(node, entry);
            } else {
                stack.push((node, true));
                for e in edges {
                    if !depth.contains_key(e.to.as_str()) {
                        stack.push((e.to.as_str(), false));
                    }
                }
            }
        }
    }
    let (start, (d, _)) = depth
        .iter()
        .filter(|(n, _)| !n.starts_with("builtin:"))
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.0.cmp(a.0)))?;
    let mut path = vec![start.to_string()];
    let mut node = *start;
    while let Some((_, Some(next))) = depth.get(node) {
        path.push(next.to_string());
        node = next;
    }
    Some((*d, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str) -> (Vec<Verdict>, Vec<Diagnostic>) {
        let module = Module {
            path: "policies/x.rego".into(),
            source: src.into(),
            package: String::new(),
            builtin: false,
            is_test: false,
            file: None,
        };
        let mut sources = Sources::default();
        let mut diags = Vec::new();
        let v = check(&[&module], &mut sources, &mut diags);
        (v, diags)
    }

    fn codes(src: &str) -> Vec<String> {
        run(src).1.into_iter().map(|d| d.code).collect()
    }

    #[test]
    fn recursion_is_found_directly_mutually_and_through_with() {
        assert_eq!(codes("package a\nf(x) := f(x)\n"), ["policy-recursion"]);
        assert_eq!(
            codes("package a\nf(x) := g(x)\ng(x) := y if { y := f(x) }\n"),
            ["policy-recursion"]
        );
        assert_eq!(
            codes("package a\nf(x) := data.a.f(x)\n"),
            ["policy-recursion"]
        );
        assert_eq!(codes("package a\nr := s\ns := r\n"), ["policy-recursion"]);
        // count is replaced by f, and f calls count.
        assert_eq!(
            codes("package a\nf(x) := count(x)\nr if {\n  f([1]) with count as f\n}\n"),
            ["policy-recursion"]
        );
    }

    #[test]
    fn ordinary_rules_pass() {
        let src = "package a\nimport data.a.lib\nf(x) := x + 1\ng(x) := f(x) * 2\n\
                   deny contains msg if { some x in input.assets; g(x.n) > 3; msg := sprintf(\"%v\", [x]) }\n\
                   h(f) := f + 1\n";
        let (v, d) = run(src);
        assert!(
            d.is_empty(),
            "{:?}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
        assert_eq!(
            v,
            [Verdict::Accepted {
                package: "a".into()
            }]
        );
    }

    #[test]
    fn network_clock_and_random_builtins_are_refused() {
        assert_eq!(
            codes("package a\nr := http.send({\"url\": \"http://x\"})\n"),
            ["forbidden-builtin"]
        );
        assert_eq!(
            codes("package a\nr if { net.lookup_ip_addr(\"x\") }\ns := opa.runtime()\nt := time.now_ns()\n"),
            ["forbidden-builtin", "forbidden-builtin", "forbidden-builtin"]
        );
    }

    #[test]
    fn the_reserved_namespace_is_read_from_the_syntax_tree() {
        assert_eq!(codes("package nis2check.x\n"), ["reserved-package"]);
        assert_eq!(
            codes("package nis2check[\"assets\"]\n"),
            ["reserved-package"]
        );
        assert_eq!(codes("package nis2checker\n"), Vec::<String>::new());
    }

    #[test]
    fn deep_or_costly_nesting_is_refused_before_regorus_parses_it() {
        let deep = format!("package a\nr if {{ f({}a) }}\n", "{".repeat(30));
        let started = std::time::Instant::now();
        assert_eq!(codes(&deep), ["policy-too-nested"]);
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        let many = format!(
            "package a\nf(x) := x\n{}",
            (0..20_000)
                .map(|i| format!("r{i} if {{ f({}a{}) }}\n", "[".repeat(10), "]".repeat(10)))
                .collect::<String>()
        );
        assert_eq!(codes(&many), ["policy-too-nested"]);
        // Brackets in strings and comments do not count.
        let quoted = format!(
            "package a\n# {0}\nr := \"{0}\"\ns := `{0}`\n",
            "{[".repeat(40)
        );
        assert_eq!(codes(&quoted), Vec::<String>::new());
    }

    #[test]
    fn long_chains_are_refused() {
        let mut src = String::from("package a\n");
        for i in 0..150 {
            src.push_str(&format!("f{i}(x) := f{}(x)\n", i + 1));
        }
        src.push_str("f150(x) := x\n");
        assert_eq!(codes(&src), ["policy-too-deep"]);
    }
}

#[cfg(test)]
mod builtin_pack {
    use super::*;

    /// The checks know real policies: the built-in pack and its tests (read as if they were
    /// the organisation's) raise nothing but the reserved namespace.
    #[test]
    fn the_builtin_pack_passes_the_checks() {
        let modules: Vec<Module> = crate::policy::builtin_modules()
            .into_iter()
            .map(|m| Module {
                builtin: false,
                ..m
            })
            .collect();
        let refs: Vec<&Module> = modules.iter().collect();
        let mut sources = Sources::default();
        let mut diags = Vec::new();
        let verdicts = check(&refs, &mut sources, &mut diags);
        let other: Vec<String> = diags
            .iter()
            .filter(|d| d.code != "reserved-package")
            .map(|d| {
                let l = d.primary.as_ref().unwrap();
                let f = sources.get(l.file);
                format!(
                    "{}:{}: {}",
                    f.name,
                    f.line_col(l.span.start).line,
                    d.message
                )
            })
            .collect();
        assert!(other.is_empty(), "{other:#?}");
        assert!(verdicts.iter().all(|v| *v != Verdict::Unparsed));
    }
}
