package nis2check.rules.governance.management_training_test

import data.nis2check.rules.governance.management_training as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "intervals": {"management_training_months": 24}}

_trained(date) := {"topic": "cybersecurity-management", "completed_at": date, "provider": "Academy"}

_director(trainings) := {"id": "p-director", "name": "D", "roles": ["management-body"], "trainings": trainings}

_input(people) := {"meta": _meta, "people": people}

test_trained_member_passes if {
	rule.deny == set() with input as _input([_director([_trained("2025-10-01")])])
}

test_training_due_today_passes if {
	rule.deny == set() with input as _input([_director([_trained("2024-06-30")])])
}

test_latest_training_counts if {
	rule.deny == set() with input as _input([_director([_trained("2020-01-01"), _trained("2025-01-01")])])
}

test_expired_training if {
	rule.deny == {{
		"msg": "management-body member 'p-director' last completed cybersecurity-management training on 2024-06-29; it must be repeated every 24 months (due 2026-06-29)",
		"entity": {"kind": "person", "id": "p-director"},
		"field": ["trainings"],
	}} with input as _input([_director([_trained("2022-01-01"), _trained("2024-06-29")])])
}

test_no_trainings_key if {
	person := {"id": "p-director", "name": "D", "roles": ["management-body"]}
	rule.deny == {{
		"msg": "management-body member 'p-director' has no cybersecurity-management training on record; NIS2 requires it (every 24 months here)",
		"entity": {"kind": "person", "id": "p-director"},
		"field": ["trainings"],
	}} with input as _input([person])
}

test_other_topic_does_not_count if {
	person := _director([{"topic": "security-awareness", "completed_at": "2026-06-01"}])
	rule.deny == {{
		"msg": "management-body member 'p-director' has no cybersecurity-management training on record; NIS2 requires it (every 24 months here)",
		"entity": {"kind": "person", "id": "p-director"},
		"field": ["trainings"],
	}} with input as _input([person])
}

test_leavers_and_staff_ignored if {
	left := {"id": "p-left", "name": "L", "roles": ["management-body"], "left_at": "2026-05-01"}
	staff := {"id": "p-staff", "name": "S", "roles": ["staff"]}
	rule.deny == set() with input as _input([left, staff])
}

test_shorter_interval_from_settings if {
	meta := object.union(_meta, {"intervals": {"management_training_months": 12}})
	rule.deny == {{
		"msg": "management-body member 'p-director' last completed cybersecurity-management training on 2025-01-01; it must be repeated every 12 months (due 2026-01-01)",
		"entity": {"kind": "person", "id": "p-director"},
		"field": ["trainings"],
	}} with input as {"meta": meta, "people": [_director([_trained("2025-01-01")])]}
}

# A new member has the interval, from the appointment, for a first training.
test_newly_appointed_member_not_yet_due if {
	new := object.union(_director([]), {"appointed_at": "2024-06-30"})
	rule.deny == set() with input as _input([new])
}

test_member_appointed_before_the_interval_is_due if {
	old := object.union(_director([]), {"appointed_at": "2024-06-29"})
	rule.deny == {{
		"msg": "management-body member 'p-director' has no cybersecurity-management training on record; NIS2 requires it (every 24 months here)",
		"entity": {"kind": "person", "id": "p-director"},
		"field": ["trainings"],
	}} with input as _input([old])
}
