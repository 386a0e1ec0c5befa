//! `nis2check schema`: a JSON Schema (draft-07) of the repository's TOML files, generated from
//! the same schema table that validation uses, for editors (Taplo / Even Better TOML).

use serde_json::{json, Map, Value};

use super::schema::{Field, Kind, Ty};

fn ty(t: &Ty) -> Value {
    match t {
        Ty::Str => json!({"type": "string"}),
        Ty::Id => json!({"type": "string", "pattern": "^[a-z0-9._-]+$"}),
        Ty::Int => json!({"type": "integer"}),
        Ty::IntRange(lo, hi) => json!({"type": "integer", "minimum": lo, "maximum": hi}),
        Ty::Num => json!({"type": "number"}),
        Ty::Bool => json!({"type": "boolean"}),
        Ty::Date => json!({"type": "string", "format": "date"}),
        Ty::Timestamp => json!({"type": "string", "format": "date-time"}),
        Ty::Enum(options) => json!({"type": "string", "enum": options}),
        Ty::Ref(kind) => {
            json!({"type": "string", "description": format!("the id of a {}", kind.key())})
        }
        Ty::Requirement => json!({"type": "string", "pattern": "^[a-z0-9-]+:.+$"}),
        Ty::Array(inner) => json!({"type": "array", "items": ty(inner)}),
        Ty::Table(fields) => table(fields),
    }
}

fn table(fields: &[Field]) -> Value {
    let mut props = Map::new();
    for f in fields {
        let mut v = ty(&f.ty);
        if let Some(o) = v.as_object_mut() {
            o.entry("description").or_insert_with(|| json!(f.doc));
        }
        props.insert(f.name.to_string(), v);
    }
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    let mut t = json!({"type": "object", "properties": props, "additionalProperties": false});
    if !required.is_empty() {
        t["required"] = json!(required);
    }
    t
}

/// The schema of a compliance-repository TOML file (any mix of kinds).
pub fn schema() -> Value {
    let mut props = Map::new();
    for kind in Kind::ALL {
        let t = table(kind.fields());
        let v = if kind == Kind::Organization {
            t
        } else {
            json!({"type": "array", "items": t})
        };
        props.insert(kind.key().to_string(), v);
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://nis2check.invalid/schema/repository.json",
        "title": "nis2check compliance repository file",
        "description": "A TOML file of a nis2check compliance repository (docs/format.md). Dates are TOML local dates; incident timestamps are offset date-times.",
        "type": "object",
        "properties": props,
        "additionalProperties": false,
    })
}
