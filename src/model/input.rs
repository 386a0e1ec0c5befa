//! The policy input: one JSON document built by hand from the parsed tree, so that TOML dates
//! become plain strings that Rego can compare.

use serde_json::{json, Map, Value};

use super::{Kind, Repository};
use crate::load::{Node, NodeValue, Table};

/// Settings that rules read from `input.meta`.
#[derive(Debug, Clone)]
pub struct Meta {
    pub as_of: jiff::civil::Date,
    pub frameworks: Vec<String>,
    pub intervals: Vec<(String, i64)>,
    pub risk_tolerance: i64,
    /// `meta.scope`
    pub scope: Value,
    /// `meta.significance`
    pub significance: Value,
    /// the top-level `catalog`
    pub catalog: Value,
}

/// Builds `{meta, organization, people, documents, …}`; collections are sorted by id.
pub fn build(repo: &Repository, meta: &Meta) -> Value {
    let mut root = build_small(repo, meta);
    for (kind, tables) in collections(repo) {
        let items = tables.into_iter().map(table_to_json).collect();
        root.insert(kind.collection().into(), Value::Array(items));
    }
    Value::Object(root)
}

/// The collections of the input (every kind but the organisation and waivers), each as its
/// tables in id order. Entities are stored in (kind, id) order; a duplicate id keeps its first
/// definition.
fn collections(repo: &Repository) -> Vec<(Kind, Vec<&Table>)> {
    let kinds = Kind::ALL
        .into_iter()
        .filter(|k| !matches!(k, Kind::Organization | Kind::Waiver));
    kinds
        .map(|kind| {
            let mut tables = Vec::new();
            let mut last: Option<&str> = None;
            for e in repo.of_kind(kind) {
                if last == Some(e.id.as_str()) {
                    continue;
                }
                last = Some(&e.id);
                tables.push(&e.table);
            }
            (kind, tables)
        })
        .collect()
}

/// `meta`, `catalog` and `organization`.
fn build_small(repo: &Repository, meta: &Meta) -> Map<String, Value> {
    let as_of_ns = meta
        .as_of
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_nanosecond() as i64)
        .unwrap_or(0);
    let intervals: Map<String, Value> = meta
        .intervals
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    let mut root = Map::new();
    root.insert(
        "meta".into(),
        json!({
            "as_of": meta.as_of.to_string(),
            "as_of_ns": as_of_ns,
            "frameworks": meta.frameworks,
            "tool_version": env!("CARGO_PKG_VERSION"),
            "intervals": intervals,
            "risk_tolerance": meta.risk_tolerance,
            "scope": meta.scope,
            "significance": meta.significance,
        }),
    );
    root.insert("catalog".into(), meta.catalog.clone());
    root.insert(
        "organization".into(),
        repo.organization()
            .map_or_else(|| Value::Object(Map::new()), |o| table_to_json(&o.table)),
    );
    root
}

/// The same document as [`build`], built directly as the engine's value: no intermediate JSON
/// tree and no serde round trip, and every key (and every short string, such as a date or an
/// enum value) shared rather than allocated once per entity. At 100k assets this halves the
/// time and memory of the input stage.
pub fn build_value(repo: &Repository, meta: &Meta) -> regorus::Value {
    use std::collections::BTreeMap;
    let mut strings = Strings::default();
    let mut root = BTreeMap::new();
    // The small parts (meta, catalogue, organisation) go the JSON way: same values, less code.
    for (k, v) in build_small(repo, meta) {
        root.insert(regorus::Value::from(k), regorus::Value::from(v));
    }
    for (kind, tables) in collections(repo) {
        let items = tables_to_values(&tables, &mut strings);
        root.insert(
            regorus::Value::from(kind.collection()),
            regorus::Value::from(items),
        );
    }
    regorus::Value::from(root)
}

/// Converts a collection, in two halves on two threads when it is large and a second core is
/// there ([`crate::par::threads`]; the values are `Send`: regorus is built with `arc`).
fn tables_to_values(tables: &[&Table], strings: &mut Strings) -> Vec<regorus::Value> {
    const PARALLEL_FROM: usize = 4096;
    if crate::par::threads(tables.len(), PARALLEL_FROM) < 2 {
        return tables.iter().map(|t| table_to_value(t, strings)).collect();
    }
    let (first, second) = tables.split_at(tables.len() / 2);
    let (mut a, b) = std::thread::scope(|scope| {
        let other = scope.spawn(|| {
            let mut own = Strings::default();
            second
                .iter()
                .map(|t| table_to_value(t, &mut own))
                .collect::<Vec<_>>()
        });
        let a: Vec<_> = first.iter().map(|t| table_to_value(t, strings)).collect();
        (a, other.join().expect("converting a table does not panic"))
    });
    a.extend(b);
    a
}

/// Interned strings: one allocation per distinct key or short value.
#[derive(Default)]
struct Strings(std::collections::HashMap<String, regorus::Value, Fnv>);

/// FNV-1a: the interned strings are short and not attacker-chosen in a way that matters here
/// (a run reads its own repository), and SipHash cost more than the allocation it saves.
#[derive(Default, Clone, Copy)]
struct Fnv;

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl Strings {
    fn get(&mut self, s: &str) -> regorus::Value {
        // Long strings (names, descriptions, ids) are mostly unique: not worth a lookup.
        if s.len() > 24 {
            return regorus::Value::from(s);
        }
        if let Some(v) = self.0.get(s) {
            return v.clone();
        }
        let v = regorus::Value::from(s);
        self.0.insert(s.to_string(), v.clone());
        v
    }
}

/// A JSON document as the engine's value, with keys and short strings shared as in
/// [`build_value`] (the benchmark reads back the input written by `NIS2CHECK_DUMP_INPUT`).
pub fn value_from_json(json: &Value) -> regorus::Value {
    fn conv(v: &Value, strings: &mut Strings) -> regorus::Value {
        match v {
            Value::Null => regorus::Value::Null,
            Value::Bool(b) => regorus::Value::from(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => regorus::Value::from(i),
                (None, Some(u)) => regorus::Value::from(u),
                _ => regorus::Value::from(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => strings.get(s),
            Value::Array(a) => {
                regorus::Value::from(a.iter().map(|x| conv(x, strings)).collect::<Vec<_>>())
            }
            Value::Object(m) => regorus::Value::from(
                m.iter()
                    .map(|(k, x)| (strings.get(k), conv(x, strings)))
                    .collect::<std::collections::BTreeMap<_, _>>(),
            ),
        }
    }
    conv(json, &mut Strings::default())
}

fn table_to_value(table: &Table, strings: &mut Strings) -> regorus::Value {
    let map: std::collections::BTreeMap<regorus::Value, regorus::Value> = table
        .entries
        .iter()
        .map(|e| (strings.get(&e.key), node_to_value(&e.value, strings)))
        .collect();
    regorus::Value::from(map)
}

fn node_to_value(node: &Node, strings: &mut Strings) -> regorus::Value {
    match &node.value {
        NodeValue::String(s) => strings.get(s),
        NodeValue::Integer(i) => regorus::Value::from(*i),
        NodeValue::BigInteger(s) => regorus::Value::from(s.as_str()),
        // As in the JSON: a float JSON cannot hold (NaN, infinity) becomes null.
        NodeValue::Float(f) if f.is_finite() => regorus::Value::from(*f),
        NodeValue::Float(_) => regorus::Value::Null,
        NodeValue::Boolean(b) => regorus::Value::from(*b),
        NodeValue::Datetime(d) => strings.get(&d.to_string()),
        NodeValue::Array(a) => regorus::Value::from(
            a.iter()
                .map(|n| node_to_value(n, strings))
                .collect::<Vec<_>>(),
        ),
        NodeValue::Table(t) => table_to_value(t, strings),
    }
}

pub fn table_to_json(table: &Table) -> Value {
    let mut m = Map::with_capacity(table.entries.len());
    for e in &table.entries {
        m.insert(e.key.clone(), node_to_json(&e.value));
    }
    Value::Object(m)
}

fn node_to_json(node: &Node) -> Value {
    match &node.value {
        NodeValue::String(s) => Value::String(s.clone()),
        NodeValue::Integer(i) => json!(i),
        NodeValue::BigInteger(s) => Value::String(s.clone()),
        NodeValue::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        NodeValue::Boolean(b) => Value::Bool(*b),
        NodeValue::Datetime(d) => Value::String(d.to_string()),
        NodeValue::Array(a) => Value::Array(a.iter().map(node_to_json).collect()),
        NodeValue::Table(t) => table_to_json(t),
    }
}
