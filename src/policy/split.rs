//! Evaluating a rule block by block over a large collection.
//!
//! A rule such as
//!
//! ```rego
//! deny contains f if {
//!     some asset in input.assets
//!     asset.criticality == "critical"
//!     not asset.backup.offsite == true
//! }
//! ```
//!
//! reads each asset on its own: its `deny` over all assets is the union of its `deny` over any
//! split of them into blocks. Evaluated over 100,000 assets at once, every such rule walks
//! ~150 MiB of values, far more than the caches hold, and costs per asset almost twice what it
//! costs over 10,000. Evaluated block by block, every rule of the pack reads a block while it
//! is still in the cache from the previous rule, and the cost per asset stays what it is on a
//! small repository (BENCHMARKS.md).
//!
//! Which rules may be split is decided from their syntax tree, conservatively — a rule that is
//! not recognised is evaluated on the whole input, as before. A package's `deny`/`warn` is
//! split over `input.C` when
//!
//! - every `deny`/`warn` of the package is a partial set (`contains`);
//! - `input.C` appears in their bodies only as the collection of a top-level
//!   `some x in input.C` (no index variable; at most one per body and collection);
//! - nothing else reads `input.C` or `input` as a whole (`input[k]`, `object.get(input, …)`):
//!   neither the `deny`/`warn` rules themselves nor any rule or function they reach, in any
//!   package (a helper that counts the assets, or a `warn` that reads `deny`, keeps the package
//!   whole);
//! - nothing they reach uses `with`, refers to `data` as a whole or at a computed key, imports
//!   from `input`, or binds a local variable that shadows a rule, an import, `input` or `data`.
//!
//! `.bench/opa-fixtures` (in CI) evaluates every fixture with blocks of two entities and
//! compares the result sets with OPA's; `tests/split.rs` compares split and whole evaluation.

use std::collections::{BTreeMap, BTreeSet};

use super::guard::{self, ModuleInfo, Node, Walker};
use super::Module;

/// Below this many entries a collection is evaluated whole. A block of 1,024 assets, suppliers
/// or risks is 1–3 MiB of engine values, about what a core's L2 cache holds (2 MiB on the
/// benchmark machine), so the rules after the first find the block there. With blocks of
/// 8,192 the pack took 3–5 % longer at 10k and 100k assets, and the rules over the suppliers
/// and the risks grew faster than their data (BENCHMARKS.md).
pub const BLOCK: usize = 1024;

/// When and how to split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocking {
    /// Collections longer than this are split into blocks of at most this many entries.
    pub size: usize,
    /// A rule is split only when the other collections it reads have at most this many
    /// entries together: it reads them again for every block (an index of the people, say),
    /// and at 1/16 of a block that adds at most a few per cent. So the cost stays linear: a
    /// rule that reads a collection growing with the repository stops being split.
    pub max_other: usize,
    /// A collection is split only when at least this many rules may be split over it: a block
    /// pays off when the rules after the first find it in the cache. One rule alone gains
    /// nothing from blocks, and its blocks, taken by both workers at once, ran slower: ACC006
    /// over the people at 100k took 21–24 ms in blocks, 17–18 ms whole, in `check`.
    pub min_rules: usize,
}

impl Blocking {
    /// How `check` splits: blocks of [`BLOCK`], for collections two or more rules share.
    pub const DEFAULT: Blocking = Blocking {
        size: BLOCK,
        max_other: BLOCK / 16,
        min_rules: 2,
    };

    /// [`Blocking::DEFAULT`]; or, for the tests and the OPA fixture comparison, the hidden
    /// `NIS2CHECK_BLOCK=N`: blocks of N entries and every rule that can be split is split, to
    /// exercise the split on small inputs.
    pub fn from_env() -> Self {
        match std::env::var("NIS2CHECK_BLOCK")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&n| n > 0)
        {
            Some(size) => Blocking {
                size,
                max_other: usize::MAX,
                min_rules: 1,
            },
            None => Blocking::DEFAULT,
        }
    }
}

/// Per package (dotted, without `data.`): the collections its `deny` and `warn` may be split
/// over, each with the other top-level parts of `input` they read. Packages that may not be
/// split are absent. Modules that do not parse split nothing.
pub fn separable(modules: &[Module]) -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let mut parsed = Vec::new();
    for module in modules.iter().filter(|m| !m.is_test) {
        let Some(ast) = guard::parse(module) else {
            return BTreeMap::new();
        };
        let info = ModuleInfo::new(&ast, 0);
        parsed.push((info, ast));
    }
    let mut defined: BTreeSet<(Vec<String>, String)> = BTreeSet::new();
    for (info, ast) in &parsed {
        for rule in &ast.policy {
            if let Some(name) = guard::rule_name(rule) {
                defined.insert((info.package().to_vec(), name));
            }
        }
    }

    /// What is known of a rule or function (all its definitions together).
    #[derive(Default)]
    struct Facts {
        /// Reads of `input` as (path, is a domain).
        inputs: Vec<(Vec<String>, bool)>,
        opaque: bool,
        edges: BTreeSet<Node>,
        /// A `deny`/`warn` that is not a partial set.
        not_a_set: bool,
    }
    let mut facts: BTreeMap<Node, Facts> = BTreeMap::new();
    for (info, ast) in &parsed {
        let shadowable: BTreeSet<&str> = defined
            .iter()
            .filter(|(p, _)| p == info.package())
            .map(|(_, n)| n.as_str())
            .chain(["input", "data"])
            .collect();
        for rule in &ast.policy {
            let Some(name) = guard::rule_name(rule) else {
                continue;
            };
            let walker = Walker::walk(info, &defined, rule, true);
            let node = guard::node_name(info.package(), &name);
            let f = facts.entry(node).or_default();
            f.opaque |= walker.opaque
                || info.imports_input()
                || walker
                    .locals
                    .iter()
                    .any(|l| shadowable.contains(l.as_str()) || info.has_import(l));
            f.inputs.extend(walker.inputs);
            f.edges.extend(walker.edges.into_iter().map(|e| e.to));
            let is_set = matches!(
                rule.as_ref(),
                regorus::unstable::Rule::Spec {
                    head: regorus::unstable::RuleHead::Set { .. },
                    ..
                }
            );
            f.not_a_set |= matches!(name.as_str(), "deny" | "warn") && !is_set;
        }
    }

    let mut out = BTreeMap::new();
    let packages: BTreeSet<&[String]> = parsed.iter().map(|(i, _)| i.package()).collect();
    for package in packages {
        let roots: Vec<Node> = ["deny", "warn"]
            .iter()
            .map(|n| guard::node_name(package, n))
            .filter(|n| facts.contains_key(n))
            .collect();
        if roots.is_empty() || roots.iter().any(|r| facts[r].not_a_set) {
            continue;
        }
        // Everything the roots reach through at least one reference (a root reached from the
        // other counts in full).
        let mut reached: BTreeSet<&Node> = BTreeSet::new();
        let mut stack: Vec<&Node> = roots.iter().flat_map(|r| &facts[r].edges).collect();
        while let Some(n) = stack.pop() {
            if let Some(f) = facts.get(n) {
                if reached.insert(n) {
                    stack.extend(&f.edges);
                }
            }
        }
        let whole = |inputs: &[(Vec<String>, bool)]| inputs.iter().any(|(p, _)| p.len() < 2);
        if roots.iter().chain(reached.iter().copied()).any(|n| {
            let f = &facts[n];
            f.opaque || whole(&f.inputs)
        }) {
            continue;
        }
        let candidates: BTreeSet<&String> = roots
            .iter()
            .flat_map(|r| &facts[r].inputs)
            .filter(|(_, domain)| *domain)
            .map(|(p, _)| &p[1])
            .collect();
        let reads: BTreeSet<&String> = roots
            .iter()
            .chain(reached.iter().copied())
            .flat_map(|n| &facts[n].inputs)
            .map(|(p, _)| &p[1])
            .collect();
        let ok: BTreeMap<String, BTreeSet<String>> = candidates
            .into_iter()
            .filter(|c| {
                let read = |n: &Node, domains_too: bool| {
                    facts[n]
                        .inputs
                        .iter()
                        .any(|(p, domain)| &p[1] == *c && (domains_too || !domain))
                };
                !roots.iter().any(|r| read(r, false)) && !reached.iter().any(|n| read(n, true))
            })
            .map(|c| {
                let other = reads.iter().filter(|r| **r != c).map(|r| (*r).clone());
                (c.clone(), other.collect())
            })
            .collect();
        if !ok.is_empty() {
            out.insert(package.join("."), ok);
        }
    }
    out
}

/// The input document with `collection` cut to `range`: the same values, shared.
pub fn block_input(
    input: &regorus::Value,
    collection: &str,
    range: std::ops::Range<usize>,
) -> regorus::Value {
    let Ok(root) = input.as_object() else {
        return input.clone();
    };
    let key = regorus::Value::from(collection);
    let map: BTreeMap<regorus::Value, regorus::Value> = root
        .iter()
        .map(|(k, v)| {
            if *k == key {
                let items: Vec<regorus::Value> = v
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .skip(range.start)
                            .take(range.len())
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default();
                (k.clone(), regorus::Value::from(items))
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect();
    regorus::Value::from(map)
}
