package nis2check.rules.scope.registration_current_test

import data.nis2check.rules.scope.registration_current as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "scope": {"position": "important", "size": "medium"}}

_input(registration) := {"meta": _meta, "organization": {"name": "X", "member_state": "NL", "sector": "energy", "registration": registration}}

test_recent_update_passes if {
	rule.deny == set() with input as _input({"registered_at": "2023-01-12", "updated_at": "2026-01-12"})
}

test_recent_registration_passes if {
	rule.deny == set() with input as _input({"registered_at": "2026-01-12"})
}

test_due_today_passes if {
	rule.deny == set() with input as _input({"registered_at": "2025-06-30"})
}

test_stale_update if {
	rule.deny == {{
		"msg": "the registration was last updated on 2025-06-29; confirm it with the authority at least every 12 months (due 2026-06-29)",
		"field": ["registration", "updated_at"],
	}} with input as _input({"registered_at": "2024-01-12", "updated_at": "2025-06-29"})
}

test_stale_registration_without_update if {
	rule.deny == {{
		"msg": "the registration was last updated on 2024-01-12; confirm it with the authority at least every 12 months (due 2025-01-12)",
		"field": ["registration", "registered_at"],
	}} with input as _input({"registered_at": "2024-01-12"})
}

test_no_registration if {
	rule.deny == {{
		"msg": "the registration has no updated_at or registered_at date; record when it was last confirmed with the authority (at least every 12 months)",
		"field": ["registration", "updated_at"],
	}} with input as {"meta": _meta, "organization": {"name": "X", "member_state": "NL", "sector": "energy"}}
}

test_out_of_scope_skipped if {
	meta := object.union(_meta, {"scope": {"position": "excluded", "size": "large"}})
	rule.deny == set() with input as {"meta": meta, "organization": {"name": "X", "member_state": "NL", "sector": "energy"}}
}

# How often to re-confirm is the organisation's choice (`registration_review_months`).
test_the_organisation_sets_the_interval if {
	reg := {"registered_at": "2024-01-12", "updated_at": "2025-06-29"}
	meta := object.union(_meta, {"intervals": {"registration_review_months": 24}})
	rule.deny == set() with input as {"meta": meta, "organization": {"name": "X", "registration": reg}}
	short := object.union(_meta, {"intervals": {"registration_review_months": 6}})
	rule.deny == {{
		"msg": "the registration was last updated on 2025-12-12; confirm it with the authority at least every 6 months (due 2026-06-12)",
		"field": ["registration", "updated_at"],
	}} with input as {"meta": short, "organization": {"name": "X", "registration": {"registered_at": "2024-01-12", "updated_at": "2025-12-12"}}}
}
