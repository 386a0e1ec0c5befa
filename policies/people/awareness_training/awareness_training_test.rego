package nis2check.rules.people.awareness_training_test

import data.nis2check.rules.people.awareness_training as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "intervals": {"awareness_training_months": 12}}

_aware(date) := {"topic": "security-awareness", "completed_at": date}

_person(roles, trainings) := {"id": "p-jansen", "name": "J", "roles": roles, "trainings": trainings}

_input(people) := {"meta": _meta, "people": people}

test_trained_staff_passes if {
	rule.deny == set() with input as _input([_person(["staff"], [_aware("2026-02-01")])])
}

test_due_today_passes if {
	rule.deny == set() with input as _input([_person(["admin"], [_aware("2025-06-30")])])
}

test_latest_training_counts if {
	rule.deny == set() with input as _input([_person(["contractor"], [_aware("2024-01-01"), _aware("2026-01-01")])])
}

test_expired_training if {
	rule.deny == {{
		"msg": "person 'p-jansen' last completed security-awareness training on 2025-06-29; it must be repeated every 12 months (due 2026-06-29)",
		"entity": {"kind": "person", "id": "p-jansen"},
		"field": ["trainings"],
	}} with input as _input([_person(["staff"], [_aware("2024-06-01"), _aware("2025-06-29")])])
}

test_no_trainings if {
	person := {"id": "p-jansen", "name": "J", "roles": ["ciso"]}
	rule.deny == {{
		"msg": "person 'p-jansen' has no security-awareness training on record; it is needed every 12 months",
		"entity": {"kind": "person", "id": "p-jansen"},
		"field": ["trainings"],
	}} with input as _input([person])
}

test_other_topic_does_not_count if {
	person := _person(["staff", "management-body"], [{"topic": "cybersecurity-management", "completed_at": "2026-06-01"}])
	rule.deny == {{
		"msg": "person 'p-jansen' has no security-awareness training on record; it is needed every 12 months",
		"entity": {"kind": "person", "id": "p-jansen"},
		"field": ["trainings"],
	}} with input as _input([person])
}

test_board_only_and_leavers_ignored if {
	board := {"id": "p-director", "name": "D", "roles": ["management-body"]}
	left := {"id": "p-left", "name": "L", "roles": ["staff"], "left_at": "2026-05-01"}
	rule.deny == set() with input as _input([board, left])
}

test_interval_from_settings if {
	meta := object.union(_meta, {"intervals": {"awareness_training_months": 6}})
	rule.deny == {{
		"msg": "person 'p-jansen' last completed security-awareness training on 2025-12-01; it must be repeated every 6 months (due 2026-06-01)",
		"entity": {"kind": "person", "id": "p-jansen"},
		"field": ["trainings"],
	}} with input as {"meta": meta, "people": [_person(["staff"], [_aware("2025-12-01")])]}
}
