package nis2check.rules.scope.registration_complete_test

import data.nis2check.rules.scope.registration_complete as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "scope": {"position": "important", "size": "medium"}}

_complete := {
	"name": "Voorbeeld B.V.",
	"member_state": "NL",
	"sector": "energy",
	"ip_ranges": ["192.0.2.0/24"],
	"member_states_served": ["NL"],
	"contact": {"address": "Voorbeeldweg 1, 9999 AA Utrecht", "email": "security@voorbeeld.example", "phone": "+31 30 000 0000"},
	"registration": {"registered_at": "2026-01-12"},
}

_input(org) := {"meta": _meta, "organization": org}

test_complete_registration_passes if {
	rule.deny == set() with input as _input(_complete)
}

test_art27_type_with_main_establishment_passes if {
	org := object.union(_complete, {"entity_type": "cloud-computing", "main_establishment": "NL"})
	rule.deny == set() with input as _input(org)
}

test_other_entity_type_needs_no_main_establishment if {
	org := object.union(_complete, {"entity_type": "trust-service-provider"})
	rule.deny == set() with input as _input(org)
}

test_missing_items_listed_in_one_finding if {
	# object.union merges nested objects, so replace `contact` after removing it.
	base := object.remove(_complete, ["ip_ranges", "contact"])
	org := object.union(base, {"contact": {"email": "security@voorbeeld.example"}, "member_states_served": []})
	rule.deny == {{
		"msg": "registration data incomplete (NIS2 Art. 3(4)): missing contact.address, contact.phone, ip_ranges, member_states_served",
		"field": ["contact", "address"],
	}} with input as _input(org)
}

test_nothing_registered if {
	org := {"name": "X", "member_state": "NL"}
	rule.deny == {{
		"msg": "registration data incomplete (NIS2 Art. 3(4)): missing contact.address, contact.email, contact.phone, ip_ranges, sector, member_states_served, registration.registered_at",
		"field": ["contact", "address"],
	}} with input as _input(org)
}

test_blank_values_count_as_missing if {
	org := object.union(_complete, {"contact": {"email": " ", "phone": "+31 30 000 0000"}, "ip_ranges": [""]})
	rule.deny == {{
		"msg": "registration data incomplete (NIS2 Art. 3(4)): missing contact.email, ip_ranges",
		"field": ["contact", "email"],
	}} with input as _input(org)
}

test_art27_type_without_main_establishment if {
	org := object.remove(object.union(_complete, {"entity_type": "managed-service-provider"}), ["registration"])
	rule.deny == {{
		"msg": "registration data incomplete (NIS2 Art. 3(4), and Art. 27 for entity type 'managed-service-provider'): missing registration.registered_at, main_establishment",
		"field": ["registration", "registered_at"],
	}} with input as _input(org)
}

test_out_of_scope_skipped if {
	meta := object.union(_meta, {"scope": {"position": "out-of-scope", "size": "small"}})
	rule.deny == set() with input as {"meta": meta, "organization": {"name": "X", "member_state": "NL"}}
}

test_without_derived_scope_still_checked if {
	rule.deny == {{
		"msg": "registration data incomplete (NIS2 Art. 3(4)): missing registration.registered_at",
		"field": ["registration", "registered_at"],
	}} with input as {"meta": {"as_of": "2026-06-30"}, "organization": object.remove(_complete, ["registration"])}
}
