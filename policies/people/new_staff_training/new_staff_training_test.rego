package nis2check.rules.people.new_staff_training_test

import data.nis2check.rules.people.new_staff_training as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "intervals": {"awareness_training_months": 12}}

_aware(date) := {"topic": "security-awareness", "completed_at": date}

_person(appointed, trainings) := {"id": "p-new", "name": "N", "roles": ["staff"], "appointed_at": appointed, "trainings": trainings}

_input(people) := {"meta": _meta, "people": people}

_finding(msg) := {"msg": msg, "entity": {"kind": "person", "id": "p-new"}, "field": ["trainings"]}

test_trained_in_time_passes if {
	rule.deny == set() with input as _input([_person("2026-01-05", [_aware("2026-02-20")])])
}

test_trained_on_the_deadline_passes if {
	rule.deny == set() with input as _input([_person("2025-11-30", [_aware("2026-02-28")])])
}

test_trained_before_starting_passes if {
	rule.deny == set() with input as _input([_person("2026-01-05", [_aware("2025-12-15")])])
}

test_within_the_first_three_months_not_yet_due if {
	# Appointed 2026-04-01: the deadline 2026-07-01 is still ahead.
	rule.deny == set() with input as _input([_person("2026-04-01", [])])
}

test_trained_late if {
	rule.deny == {_finding("person 'p-new' started on 2026-01-05 but first completed security-awareness training on 2026-04-06, after the 3-month deadline of 2026-04-05")} with input as _input([_person("2026-01-05", [_aware("2026-06-01"), _aware("2026-04-06")])])
}

test_never_trained if {
	person := object.remove(_person("2026-01-05", []), ["trainings"])
	rule.deny == {_finding("person 'p-new' started on 2026-01-05 and has no security-awareness training on record; new staff complete it within 3 months (by 2026-04-05)")} with input as _input([person])
}

test_other_topic_does_not_count if {
	person := _person("2026-01-05", [{"topic": "cybersecurity-management", "completed_at": "2026-01-10"}])
	rule.deny == {_finding("person 'p-new' started on 2026-01-05 and has no security-awareness training on record; new staff complete it within 3 months (by 2026-04-05)")} with input as _input([person])
}

test_late_training_before_the_audit_period_counts if {
	# Deadline 2025-06-29 lies more than 12 months back: any training on record counts.
	rule.deny == set() with input as _input([_person("2025-03-29", [_aware("2025-09-01")])])
}

test_late_training_on_the_edge_of_the_audit_period if {
	# Deadline 2025-06-30 lies exactly 12 months back: still reported.
	rule.deny == {_finding("person 'p-new' started on 2025-03-30 but first completed security-awareness training on 2025-09-01, after the 3-month deadline of 2025-06-30")} with input as _input([_person("2025-03-30", [_aware("2025-09-01")])])
}

test_late_training_end_of_month_appointment_on_the_edge if {
	# 2025-03-31 + 3 months is 2025-06-30 (June has 30 days): the start of the audit period.
	rule.deny == {_finding("person 'p-new' started on 2025-03-31 but first completed security-awareness training on 2025-09-01, after the 3-month deadline of 2025-06-30")} with input as _input([_person("2025-03-31", [_aware("2025-09-01")])])
}

test_late_training_long_before_the_audit_period_counts if {
	# Deadline 2025-05-27: before the audit period; the rule does not even compute it.
	rule.deny == set() with input as _input([_person("2025-02-27", [_aware("2025-09-01")])])
}

test_old_appointment_never_trained if {
	rule.deny == {_finding("person 'p-new' started on 2019-02-01 and has no security-awareness training on record; new staff complete it within 3 months (by 2019-05-01)")} with input as _input([_person("2019-02-01", [])])
}

test_board_only_leavers_and_undated_ignored if {
	board := {"id": "p-director", "name": "D", "roles": ["management-body"], "appointed_at": "2026-01-05"}
	left := object.union(_person("2026-01-05", []), {"id": "p-left", "left_at": "2026-06-01"})
	undated := {"id": "p-old", "name": "O", "roles": ["staff"]}
	rule.deny == set() with input as _input([board, left, undated])
}
