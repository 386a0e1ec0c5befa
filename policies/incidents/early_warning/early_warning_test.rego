package nis2check.rules.incidents.early_warning_test

import data.nis2check.rules.incidents.early_warning as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_incident(extra) := object.union(
	{"id": "inc-1", "title": "Outage", "aware_at": "2026-03-01T10:00:00Z", "significant": true},
	extra,
)

_input(inc) := {"meta": _meta, "incidents": [inc]}

_aware := {"entity": {"kind": "incident", "id": "inc-1"}, "field": ["aware_at"], "msg": "awareness recorded here"}

_late(text) := {
	"msg": sprintf("early warning for incident 'inc-1' sent %s after awareness; NIS2 allows 24 h", [text]),
	"entity": {"kind": "incident", "id": "inc-1"},
	"field": ["early_warning_at"],
	"related": [_aware],
}

test_early_warning_in_time_passes if {
	rule.deny == set() with input as _input(_incident({"early_warning_at": "2026-03-01T18:00:00Z"}))
}

test_exactly_24_hours_passes if {
	rule.deny == set() with input as _input(_incident({"early_warning_at": "2026-03-02T10:00:00Z"}))
}

test_24_hours_and_one_second_fails if {
	rule.deny == {_late("24 h 0 min 1 s")} with input as _input(_incident({"early_warning_at": "2026-03-02T10:00:01Z"}))
}

test_24_hours_and_one_nanosecond_fails if {
	inc := _incident({"early_warning_at": "2026-03-02T10:00:00.000000001Z"})
	rule.deny == {_late("24 h 0 min 1 s")} with input as _input(inc)
}

test_31_hours_fails if {
	rule.deny == {_late("31 h")} with input as _input(_incident({"early_warning_at": "2026-03-02T17:00:00Z"}))
}

test_offsets_exactly_24_hours_passes if {
	# 10:00+02:00 is 08:00Z; 08:00Z the next day is exactly 24 h later.
	inc := _incident({"aware_at": "2026-03-01T10:00:00+02:00", "early_warning_at": "2026-03-02T08:00:00Z"})
	rule.deny == set() with input as _input(inc)
}

test_offsets_local_clock_reads_late_but_is_in_time if {
	# The wall clocks read 25 h apart, but 11:00+02:00 is 09:00Z: 23 h after awareness.
	inc := _incident({"aware_at": "2026-03-01T10:00:00Z", "early_warning_at": "2026-03-02T11:00:00+02:00"})
	rule.deny == set() with input as _input(inc)
}

test_offsets_local_clock_reads_in_time_but_is_late if {
	# The wall clocks read 23 h apart, but 10:00+02:00 is 08:00Z: 25 h before 09:00Z.
	inc := _incident({"aware_at": "2026-03-01T10:00:00+02:00", "early_warning_at": "2026-03-02T09:00:00Z"})
	rule.deny == {_late("25 h")} with input as _input(inc)
}

test_missing_early_warning_overdue if {
	rule.deny == {{
		"msg": "significant incident 'inc-1' has no early_warning_at; the early warning was due within 24 h of awareness, by 2026-03-02T10:00:00Z",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["early_warning_at"],
		"related": [_aware],
	}} with input as _input(_incident({}))
}

test_missing_early_warning_not_yet_due if {
	# Aware on 2026-06-29 at 10:00Z: due 2026-06-30T10:00Z, after the start of the as-of day.
	rule.deny == set() with input as _input(_incident({"aware_at": "2026-06-29T10:00:00Z"}))
}

test_missing_early_warning_due_just_before_as_of if {
	inc := _incident({"aware_at": "2026-06-28T23:59:59Z"})
	rule.deny == {{
		"msg": "significant incident 'inc-1' has no early_warning_at; the early warning was due within 24 h of awareness, by 2026-06-29T23:59:59Z",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["early_warning_at"],
		"related": [_aware],
	}} with input as _input(inc)
}

test_not_significant_ignored if {
	rule.deny == set() with input as _input(_incident({"significant": false}))
}

test_unassessed_ignored if {
	inc := object.remove(_incident({}), ["significant"])
	rule.deny == set() with input as _input(inc)
}
