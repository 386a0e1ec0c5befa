# Finding constructors. Every rule builds its findings through these functions so that all
# findings have the shape Rust expects (docs/policies.md): msg, an optional entity {kind, id},
# a field path and optional related labels.
package nis2check.lib.result

# A finding about one entity. `kind` is the singular kind ("asset", "incident", ...), `field`
# the key path inside the entity (an array, possibly empty).
entity(kind, id, field, msg) := {"msg": msg, "entity": {"kind": kind, "id": id}, "field": field}

# An organisation-wide finding: it points at the [organization] table.
org(field, msg) := {"msg": msg, "field": field}

# A secondary label on another place (or another field of the same entity).
related(kind, id, field, msg) := {"entity": {"kind": kind, "id": id}, "field": field, "msg": msg}

# The finding with its related labels (an array of `related(...)` objects).
with_related(finding, related_list) := object.union(finding, {"related": related_list})
