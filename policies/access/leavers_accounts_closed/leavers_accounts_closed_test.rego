package nis2check.rules.access.leavers_accounts_closed_test

import data.nis2check.rules.access.leavers_accounts_closed as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_person(extra) := object.union({"id": "p-former", "name": "F", "roles": ["staff"]}, extra)

_input(people) := {"meta": _meta, "people": people}

_left := {"entity": {"kind": "person", "id": "p-former"}, "field": ["left_at"], "msg": "left here"}

_finding(msg) := {"msg": msg, "entity": {"kind": "person", "id": "p-former"}, "field": ["accounts_closed_at"], "related": [_left]}

test_closed_on_the_last_day_passes if {
	rule.deny == set() with input as _input([_person({"left_at": "2026-03-31", "accounts_closed_at": "2026-03-31"})])
}

test_closed_the_day_after_passes if {
	rule.deny == set() with input as _input([_person({"left_at": "2026-03-31", "accounts_closed_at": "2026-04-01"})])
}

test_closed_in_advance_passes if {
	rule.deny == set() with input as _input([_person({"left_at": "2026-03-31", "accounts_closed_at": "2026-03-27"})])
}

test_current_staff_and_future_leavers_ignored if {
	people := [
		_person({"id": "p-staff"}),
		_person({"id": "p-leaving", "left_at": "2026-07-15"}),
		_person({"id": "p-today", "left_at": "2026-06-30"}),
	]
	rule.deny == set() with input as _input(people)
}

test_still_within_the_day_of_grace if {
	rule.deny == set() with input as _input([_person({"left_at": "2026-06-29"})])
}

test_closed_two_days_late if {
	rule.deny == {_finding("leaver 'p-former' left on 2026-03-31 but the accounts were closed only on 2026-04-02; close them by the day after leaving (2026-04-01)")} with input as _input([_person({"left_at": "2026-03-31", "accounts_closed_at": "2026-04-02"})])
}

test_never_closed if {
	rule.deny == {_finding("leaver 'p-former' left on 2026-06-28 and has no accounts_closed_at; accounts were due to be closed by 2026-06-29")} with input as _input([_person({"left_at": "2026-06-28"})])
}
