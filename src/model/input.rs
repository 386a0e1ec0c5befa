//! The policy input: one JSON document built by hand from the parsed tree, so that TOML dates
//! become plain strings that Rego can compare.

use serde_json::{json, Map, Value};

use super::{Entity, Kind, Repository};
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
    let collections = collections(repo);
    let mut root = build_small(repo, meta, &collections);
    for (kind, entities) in collections {
        let items = entities
            .into_iter()
            .map(|e| table_to_json(&e.table))
            .collect();
        root.insert(kind.collection().into(), Value::Array(items));
    }
    Value::Object(root)
}

/// The collections of the input (every kind but the organisation and waivers), each as its
/// entities in id order. Entities are stored in (kind, id) order; a duplicate id keeps its
/// first definition.
fn collections(repo: &Repository) -> Vec<(Kind, Vec<&Entity>)> {
    let kinds = Kind::ALL
        .into_iter()
        .filter(|k| !matches!(k, Kind::Organization | Kind::Waiver));
    kinds
        .map(|kind| {
            let mut entities = Vec::new();
            let mut last: Option<&str> = None;
            for e in repo.of_kind(kind) {
                if last == Some(e.id.as_str()) {
                    continue;
                }
                last = Some(&e.id);
                entities.push(e);
            }
            (kind, entities)
        })
        .collect()
}

/// `meta`, `catalog`, `organization` and `lookups`.
fn build_small(
    repo: &Repository,
    meta: &Meta,
    collections: &[(Kind, Vec<&Entity>)],
) -> Map<String, Value> {
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
            "not_before": not_before_table(meta.as_of),
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
    let of_kind = |kind: Kind| {
        collections
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[][..], |(_, entities)| entities.as_slice())
    };
    root.insert(
        "lookups".into(),
        json!({
            "people_by_role": people_by_role(of_kind(Kind::Person)),
            "risks_by_supplier": risks_by_supplier(of_kind(Kind::Risk)),
        }),
    );
    root
}

/// The strings of an entity's array field (`roles`, `suppliers`); nothing when it is absent or
/// not an array.
fn strings_of<'a>(entity: &'a Entity, key: &str) -> impl Iterator<Item = &'a str> {
    let items = entity.table.value(key).and_then(Node::as_array);
    items.unwrap_or_default().iter().filter_map(Node::as_str)
}

/// `lookups.risks_by_supplier`: for every supplier id a risk names in `suppliers`, the ids of
/// the risks that name it, in id order. RSK005 probes it for each critical supplier instead of
/// building the set of every named supplier (a tree in regorus: n log n).
fn risks_by_supplier(risks: &[&Entity]) -> Map<String, Value> {
    let mut by_supplier: std::collections::BTreeMap<&str, Vec<Value>> = Default::default();
    for risk in risks {
        for supplier in strings_of(risk, "suppliers") {
            let ids = by_supplier.entry(supplier).or_default();
            // A supplier named twice by one risk: the risk once.
            if ids.last().and_then(Value::as_str) != Some(risk.id.as_str()) {
                ids.push(Value::from(risk.id.as_str()));
            }
        }
    }
    by_supplier
        .into_iter()
        .map(|(supplier, ids)| (supplier.to_string(), Value::Array(ids)))
        .collect()
}

/// `lookups.people_by_role`: for every role a person may hold, the positions in `people` (in
/// id order) of the people who hold it, ascending; `[]` for a role nobody holds. A rule that
/// needs the management body reads its handful of members this way instead of walking every
/// person (`data.nis2check.lib.index.people_with_role`).
fn people_by_role(people: &[&Entity]) -> Map<String, Value> {
    let mut by_role: Vec<Vec<usize>> = vec![Vec::new(); super::schema::PERSON_ROLES.len()];
    for (position, person) in people.iter().enumerate() {
        for role in strings_of(person, "roles") {
            let Some(r) = super::schema::PERSON_ROLES.iter().position(|x| *x == role) else {
                continue;
            };
            // A role listed twice is one position.
            if by_role[r].last() != Some(&position) {
                by_role[r].push(position);
            }
        }
    }
    super::schema::PERSON_ROLES
        .iter()
        .zip(by_role)
        .map(|(role, positions)| (role.to_string(), json!(positions)))
        .collect()
}

/// The longest interval `meta.not_before` holds, in months.
pub const NOT_BEFORE_MONTHS: i32 = 36;

/// `meta.not_before`: for 1 to [`NOT_BEFORE_MONTHS`] months (as strings: JSON keys), the
/// earliest date that is still within that many months of `as_of`. `dates.not_before` in
/// policies/lib/dates looks it up rather than computing it: the month arithmetic took ~23 µs,
/// once per rule and block, on a repository where a whole rule can take 40 µs.
fn not_before_table(as_of: jiff::civil::Date) -> Map<String, Value> {
    (1..=NOT_BEFORE_MONTHS)
        .map(|n| (n.to_string(), json!(not_before(as_of, n).to_string())))
        .collect()
}

/// The earliest date still within `months` of `as_of`, as `dates.not_before` computes it: the
/// same day `months` back; when that month is too short for it, the first day of the next
/// month (2026-03-31, 1 month: 2026-03-01, since 2026-02-28 + 1 month is only 2026-03-28).
pub fn not_before(as_of: jiff::civil::Date, months: i32) -> jiff::civil::Date {
    let target = as_of
        .first_of_month()
        .checked_sub(jiff::Span::new().months(months))
        .unwrap_or(jiff::civil::Date::MIN);
    if as_of.day() <= target.days_in_month() {
        target.with().day(as_of.day()).build().unwrap_or(target)
    } else {
        target.last_of_month().tomorrow().unwrap_or(target)
    }
}

/// The same document as [`build`], built directly as the engine's value: no intermediate JSON
/// tree and no serde round trip, and every key (and every short string, such as a date or an
/// enum value) shared rather than allocated once per entity. At 100k assets this halves the
/// time and memory of the input stage.
pub fn build_value(repo: &Repository, meta: &Meta) -> regorus::Value {
    use std::collections::BTreeMap;
    // Every entity's own id first, kind by kind in id order, before anything else is
    // allocated: the ids sit together in memory instead of scattered among 100k assets, and an
    // object keyed by id (`index.people`) compares them on every lookup. The references to them
    // get strings of their own ([`reference_to_value`]).
    let collections = collections(repo);
    let own_ids: Vec<Vec<regorus::Value>> = collections
        .iter()
        .map(|(_, entities)| {
            entities
                .iter()
                .map(|e| regorus::Value::from(e.id.as_str()))
                .collect()
        })
        .collect();
    let mut strings = Strings::default();
    let mut root = BTreeMap::new();
    // The small parts (meta, catalogue, organisation, lookups) go the JSON way: same values,
    // less code.
    for (k, v) in build_small(repo, meta, &collections) {
        root.insert(regorus::Value::from(k), regorus::Value::from(v));
    }
    for ((kind, entities), own_ids) in collections.iter().zip(&own_ids) {
        let items = entities_to_values(entities, own_ids, &mut strings);
        root.insert(
            regorus::Value::from(kind.collection()),
            regorus::Value::from(items),
        );
    }
    regorus::Value::from(root)
}

/// Converts a collection (its entities, and their ids as values), in two halves on two
/// threads when it is large and a second core is there ([`crate::par::threads`]; the values
/// are `Send`: regorus is built with `arc`).
fn entities_to_values(
    entities: &[&Entity],
    own_ids: &[regorus::Value],
    strings: &mut Strings,
) -> Vec<regorus::Value> {
    const PARALLEL_FROM: usize = 4096;
    let convert = |es: &[&Entity], ids: &[regorus::Value], strings: &mut Strings| {
        es.iter()
            .zip(ids)
            .map(|(e, id)| table_to_value(&e.table, Some(id), strings))
            .collect::<Vec<_>>()
    };
    if crate::par::threads(entities.len(), PARALLEL_FROM) < 2 {
        return convert(entities, own_ids, strings);
    }
    let half = entities.len() / 2;
    let (first, second) = entities.split_at(half);
    let (first_ids, second_ids) = own_ids.split_at(half);
    let (mut a, b) = std::thread::scope(|scope| {
        let other = scope.spawn(move || convert(second, second_ids, &mut Strings::default()));
        let a = convert(first, first_ids, strings);
        (a, other.join().expect("converting a table does not panic"))
    });
    a.extend(b);
    a
}

/// Interned strings: one allocation per distinct key or short value.
#[derive(Default)]
struct Strings {
    own: std::collections::HashMap<String, regorus::Value, Fnv>,
}

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
        // Long strings (names, descriptions) are mostly unique: not worth a lookup.
        if s.len() > 24 {
            return regorus::Value::from(s);
        }
        if let Some(v) = self.own.get(s) {
            return v.clone();
        }
        let v = regorus::Value::from(s);
        self.own.insert(s.to_string(), v.clone());
        v
    }
}

/// Whether a key of an entity holds its id or names other entities (`owner`, `suppliers` …).
/// A `match`, not a lookup: it runs for every key of every entity. The test
/// `reference_keys_are_the_schemas` keeps it in step with the schema.
fn is_reference(key: &str) -> bool {
    matches!(
        key,
        "id" | "owner"
            | "approved_by"
            | "accepted_by"
            | "treatment_owner"
            | "reports_to"
            | "suppliers"
            | "assets"
    )
}

/// A JSON document as the engine's value, with its strings laid out as in [`build_value`]:
/// the entities' ids first, keys and short strings shared, references with strings of their
/// own (the benchmark reads back the input written by `NIS2CHECK_DUMP_INPUT`).
pub fn value_from_json(json: &Value) -> regorus::Value {
    type Ids<'a> = std::collections::HashMap<&'a str, regorus::Value>;
    /// The field a value is in: an `id`, another field that names entities, or any other.
    #[derive(Clone, Copy, PartialEq)]
    enum Field {
        Id,
        Reference,
        Other,
    }
    fn conv(v: &Value, ids: &Ids, strings: &mut Strings, field: Field) -> regorus::Value {
        match v {
            Value::Null => regorus::Value::Null,
            Value::Bool(b) => regorus::Value::from(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => regorus::Value::from(i),
                (None, Some(u)) => regorus::Value::from(u),
                _ => regorus::Value::from(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => match field {
                Field::Id => ids
                    .get(s.as_str())
                    .cloned()
                    .unwrap_or_else(|| regorus::Value::from(s.as_str())),
                Field::Reference => regorus::Value::from(s.as_str()),
                Field::Other => strings.get(s),
            },
            Value::Array(a) => regorus::Value::from(
                a.iter()
                    .map(|x| conv(x, ids, strings, field))
                    .collect::<Vec<_>>(),
            ),
            Value::Object(m) => regorus::Value::from(
                m.iter()
                    .map(|(k, x)| {
                        let field = match k.as_str() {
                            "id" => Field::Id,
                            k if is_reference(k) => Field::Reference,
                            _ => Field::Other,
                        };
                        (strings.get(k), conv(x, ids, strings, field))
                    })
                    .collect::<std::collections::BTreeMap<_, _>>(),
            ),
        }
    }
    // The ids first, as in build_value.
    let mut ids = Ids::new();
    if let Value::Object(root) = json {
        for entity in root.values().filter_map(Value::as_array).flatten() {
            if let Some(id) = entity.get("id").and_then(Value::as_str) {
                ids.entry(id).or_insert_with(|| regorus::Value::from(id));
            }
        }
    }
    conv(json, &ids, &mut Strings::default(), Field::Other)
}

/// A table as the engine's value; `own_id` is the value of its `id` when it is an entity.
fn table_to_value(
    table: &Table,
    own_id: Option<&regorus::Value>,
    strings: &mut Strings,
) -> regorus::Value {
    let map: std::collections::BTreeMap<regorus::Value, regorus::Value> = table
        .entries
        .iter()
        .map(|e| {
            let value = if let (Some(id), "id", NodeValue::String(_)) =
                (own_id, e.key.as_str(), &e.value.value)
            {
                id.clone()
            } else if is_reference(&e.key) {
                reference_to_value(&e.value, strings)
            } else {
                node_to_value(&e.value, strings)
            };
            (strings.get(&e.key), value)
        })
        .collect();
    regorus::Value::from(map)
}

/// The value of a field that names entities (`owner`, `suppliers`, …): a string or an array of
/// them, each string its own, allocated next to the entity that holds it. Not the named
/// entity's id, nor an interned string: the engine counts the references to a string each
/// time a rule reads it, so a shared string is written on every read. The assets' owners name
/// 5,000 people at 100k, in no order, and those shared strings fell out of the cache between
/// one block of assets and the next: AST001, which reads `owner` up to three times per asset,
/// took a fifth more per asset at 100k than at 10k (BENCHMARKS.md).
fn reference_to_value(node: &Node, strings: &mut Strings) -> regorus::Value {
    match &node.value {
        NodeValue::String(s) => regorus::Value::from(s.as_str()),
        NodeValue::Array(a) => regorus::Value::from(
            a.iter()
                .map(|n| reference_to_value(n, strings))
                .collect::<Vec<_>>(),
        ),
        _ => node_to_value(node, strings),
    }
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
        NodeValue::Table(t) => table_to_value(t, None, strings),
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

#[cfg(test)]
mod tests {
    use super::super::schema::{Field, Ty};
    use super::*;

    #[test]
    fn reference_keys_are_the_schemas() {
        let mut all_keys = std::collections::BTreeSet::new();
        let mut references = std::collections::BTreeSet::new();
        fn walk<'a>(
            fields: &'a [Field],
            all: &mut std::collections::BTreeSet<&'a str>,
            refs: &mut std::collections::BTreeSet<&'a str>,
            top: bool,
        ) {
            for f in fields {
                all.insert(f.name);
                let reference = matches!(f.ty, Ty::Id | Ty::Ref(_) | Ty::Array(Ty::Ref(_)));
                assert!(top || !reference, "a nested reference field: {}", f.name);
                if reference {
                    refs.insert(f.name);
                }
                match f.ty {
                    Ty::Table(inner) => walk(inner, all, refs, false),
                    Ty::Array(Ty::Table(inner)) => walk(inner, all, refs, false),
                    _ => {}
                }
            }
        }
        for kind in Kind::ALL {
            walk(kind.fields(), &mut all_keys, &mut references, true);
        }
        let matched: std::collections::BTreeSet<&str> = all_keys
            .iter()
            .copied()
            .filter(|k| is_reference(k))
            .collect();
        assert_eq!(matched, references);
        assert!(references.contains("suppliers") && references.contains("id"));
    }
}
