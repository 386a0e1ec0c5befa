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
    for kind in Kind::ALL {
        if matches!(kind, Kind::Organization | Kind::Waiver) {
            continue;
        }
        // Entities are stored in (kind, id) order; a duplicate id keeps its first definition.
        let mut items = Vec::new();
        let mut last: Option<&str> = None;
        for e in repo.of_kind(kind) {
            if last == Some(e.id.as_str()) {
                continue;
            }
            last = Some(&e.id);
            items.push(table_to_json(&e.table));
        }
        root.insert(kind.collection().into(), Value::Array(items));
    }
    Value::Object(root)
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
