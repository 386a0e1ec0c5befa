# Collections keyed by id, built once per evaluation. A rule that needs another entity looks it
# up here (index.people[id]) instead of scanning a second collection inside its own scan, so
# every rule stays linear in the size of the repository.
#
# Import the rule you read, not this package, for rules (functions such as `index.current` are
# fine through the package): a reference through `import data.nis2check.lib.index` makes
# regorus evaluate every rule of the package, including the object of all assets, on each rule
# that uses it (13 ms per rule at 10k assets). So:
#
#   import data.nis2check.lib.index.management_body
#   import data.nis2check.lib.index.people as people_by_id
package nis2check.lib.index

import data.nis2check.lib.dates.today

people := {p.id: p | some p in input.people}

documents := {d.id: d | some d in input.documents}

controls := {c.id: c | some c in input.controls}

assets := {a.id: a | some a in input.assets}

suppliers := {s.id: s | some s in input.suppliers}

risks := {r.id: r | some r in input.risks}

incidents := {i.id: i | some i in input.incidents}

# A person is current unless they left on or before the evaluation date.
# ("YYYY-MM-DD" strings compare as dates; a person without left_at reads as leaving in 9999.)
current(person) if object.get(person, "left_at", "9999-12-31") > today

# The current people, in input order. A rule about the current staff loops over this rather
# than calling `current` for each person: in regorus the call costs more than the test.
current_people := [p | as_of := today; some p in input.people; object.get(p, "left_at", "9999-12-31") > as_of]

# The people who hold `role`, current or not, in input order. The input lists them by their
# positions in `input.people` (`input.lookups.people_by_role`), so this reads those people
# only: the five members of a management body, not all 5,000 people at 100k assets. An input
# without the lookup (a test's `with input as`) gets them by walking the people.
people_with_role(role) := [input.people[i] | some i in positions] if {
	positions := input.lookups.people_by_role[role]
} else := [p | some p in input.people; role in p.roles]

# The current members of the management body, in input order. A rule about them loops over
# this rather than looking each id of `management_body` up in `people`: that object of every
# person is built anew in each rule that reads it, a tree of 5,000 people at 100k assets.
management_body_members := [p |
	as_of := today
	some p in people_with_role("management-body")
	object.get(p, "left_at", "9999-12-31") > as_of
]

# Ids of the current members of the management body.
management_body := {p.id | some p in management_body_members}

# The input `doc` with the `lookups` that Rust adds to every input, worked out here from its
# collections: for unit tests, so that a rule reading a lookup can be tested on an input
# written by hand (`rule.deny with input as index.with_lookups({...})`). A Rust test checks
# that both give the same lookups on every fixture.
with_lookups(doc) := object.union(doc, {"lookups": {
	"people_by_role": {role: positions |
		some role in _roles
		positions := [i | some i, p in object.get(doc, "people", []); role in object.get(p, "roles", [])]
	},
	"risks_by_supplier": {supplier: ids |
		some r in object.get(doc, "risks", [])
		some supplier in object.get(r, "suppliers", [])
		ids := [x.id | some x in doc.risks; supplier in object.get(x, "suppliers", [])]
	},
}})

# The roles a person may hold (docs/format.md).
_roles := ["management-body", "ciso", "security-officer", "privacy-officer", "admin", "staff", "contractor"]

_trust_service_types := {"trust-service-provider", "qualified-trust-service-provider"}

default is_tsp := false

# The organisation is a (qualified) trust service provider: shorter notification deadline.
is_tsp if input.organization.entity_type in _trust_service_types
