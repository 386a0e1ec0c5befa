# METADATA
# scope: package
# title: Registration data for the authority is complete
# description: >-
#   Essential and important entities register with the competent authority (NIS2 Art. 3(4)):
#   address and contact details (`contact.address`, `contact.email`, `contact.phone`), public
#   `ip_ranges`, `sector` and the `member_states_served`, and the registration itself
#   (`registration.registered_at`). Entity
#   types listed in Art. 27 (DNS, TLD, domain registration, cloud, data centre, CDN, MSP, MSSP,
#   online marketplaces, search engines and social networks) also give their
#   `main_establishment`. One finding lists every missing item. Organisations whose derived
#   position is out of scope or excluded are skipped.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 3(4) and Art. 27
# custom:
#   id: REG001
#   severity: error
#   frameworks:
#     nis2: ["3(4)", "27"]
#   remediation: >-
#     Fill in the missing items in `[organization]`, register (or update the registration) with
#     the competent authority, and record the date as `registration.registered_at`.
#   example: |
#     [organization]
#     name = "Voorbeeld Cloud B.V."
#     member_state = "NL"
#     sector = "digital-infrastructure"
#     entity_type = "cloud-computing"
#     ip_ranges = ["192.0.2.0/24"]
#     member_states_served = ["NL", "BE"]
#     employees = 120
#     main_establishment = "NL"
#     contact = { address = "Voorbeeldweg 1, 9999 AA Utrecht", email = "security@voorbeeld.example", phone = "+31 30 000 0000" }
#     registration = { registered_at = 2026-01-12, reference = "NIS2-0001" }
package nis2check.rules.scope.registration_complete

import data.nis2check.lib.result

_not_in_scope := {"out-of-scope", "excluded"}

# Entity types of NIS2 Art. 27 (registry of entities under the jurisdiction rules of Art. 26).
_art27_types := {
	"dns-service-provider",
	"tld-registry",
	"domain-registration",
	"cloud-computing",
	"data-centre",
	"cdn",
	"managed-service-provider",
	"managed-security-service-provider",
	"online-marketplace",
	"online-search-engine",
	"social-network",
}

# Art. 3(4) items, in the order they are reported.
_base_items := [
	["contact", "address"],
	["contact", "email"],
	["contact", "phone"],
	["ip_ranges"],
	["sector"],
	["member_states_served"],
	["registration", "registered_at"],
]

_art27 if input.organization.entity_type in _art27_types

_items := array.concat(_base_items, [["main_establishment"]]) if {
	_art27
} else := _base_items

_missing := [path | some path in _items; not _present(path)]

deny contains result.org(_missing[0], msg) if {
	not input.meta.scope.position in _not_in_scope
	count(_missing) > 0
	names := [concat(".", path) | some path in _missing]
	msg := sprintf("registration data incomplete (%s): missing %s", [_basis, concat(", ", names)])
}

_basis := sprintf("NIS2 Art. 3(4), and Art. 27 for entity type '%s'", [input.organization.entity_type]) if {
	_art27
} else := "NIS2 Art. 3(4)"

# A non-blank string, or a non-empty list of non-blank strings.
_present(path) if {
	v := object.get(input.organization, path, null)
	is_string(v)
	trim_space(v) != ""
}

_present(path) if {
	v := object.get(input.organization, path, null)
	is_array(v)
	count(v) > 0
	every x in v {
		is_string(x)
		trim_space(x) != ""
	}
}
