package nis2check.rules.people.background_check_test

import data.nis2check.rules.people.background_check as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_person(extra) := object.union({"id": "p-admin", "name": "A", "roles": ["admin"], "screening_required": true}, extra)

_input(people) := {"meta": _meta, "people": people}

_start := {"entity": {"kind": "person", "id": "p-admin"}, "field": ["appointed_at"], "msg": "the role started here"}

test_screened_before_start_passes if {
	rule.deny == set() with input as _input([_person({"appointed_at": "2026-03-01", "screened_at": "2026-02-10"})])
}

test_screened_on_the_first_day_passes if {
	rule.deny == set() with input as _input([_person({"appointed_at": "2026-03-01", "screened_at": "2026-03-01"})])
}

test_screening_not_required if {
	people := [
		{"id": "p-staff", "name": "S", "roles": ["staff"], "appointed_at": "2026-03-01"},
		{"id": "p-x", "name": "X", "roles": ["staff"], "appointed_at": "2026-03-01", "screening_required": false},
	]
	rule.deny == set() with input as _input(people)
}

test_future_start_not_yet_due if {
	rule.deny == set() with input as _input([_person({"appointed_at": "2026-07-01"})])
}

test_leaver_ignored if {
	rule.deny == set() with input as _input([_person({"appointed_at": "2024-03-01", "left_at": "2026-01-31"})])
}

test_screened_after_start if {
	rule.deny == {{
		"msg": "person 'p-admin' was screened on 2026-03-02, after starting in the role on 2026-03-01; the background check must come first",
		"entity": {"kind": "person", "id": "p-admin"},
		"field": ["screened_at"],
		"related": [_start],
	}} with input as _input([_person({"appointed_at": "2026-03-01", "screened_at": "2026-03-02"})])
}

test_never_screened if {
	rule.deny == {{
		"msg": "person 'p-admin' needs a background check (screening_required) but has no screened_at; the role started on 2026-06-30",
		"entity": {"kind": "person", "id": "p-admin"},
		"field": ["screened_at"],
		"related": [_start],
	}} with input as _input([_person({"appointed_at": "2026-06-30"})])
}

test_no_appointment_date if {
	rule.deny == {{
		"msg": "person 'p-admin' needs a background check (screening_required) but has no appointed_at, so it cannot be shown that the check preceded the role (screened on 2026-02-10)",
		"entity": {"kind": "person", "id": "p-admin"},
		"field": ["appointed_at"],
	}} with input as _input([_person({"screened_at": "2026-02-10"})])
}

test_no_dates_at_all if {
	rule.deny == {{
		"msg": "person 'p-admin' needs a background check (screening_required) but has no appointed_at, so it cannot be shown that the check preceded the role; screened_at is missing too",
		"entity": {"kind": "person", "id": "p-admin"},
		"field": ["appointed_at"],
	}} with input as _input([_person({})])
}
