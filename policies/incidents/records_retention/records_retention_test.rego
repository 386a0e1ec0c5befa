package nis2check.rules.incidents.records_retention_test

import data.nis2check.rules.incidents.records_retention as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "frameworks": ["nis2", "bio2"]}

_incident(extra) := object.union(
	{
		"id": "inc-1", "title": "Outage",
		"aware_at": "2026-03-01T10:00:00+01:00", "resolved_at": "2026-03-10T12:00:00+01:00",
		"records_kept_until": "2029-03-10",
	},
	extra,
)

_input(inc) := {"meta": _meta, "incidents": [inc]}

test_three_years_after_resolution_passes if {
	rule.deny == set() with input as _input(_incident({}))
}

test_a_day_short if {
	rule.deny == {{
		"msg": "incident 'inc-1' keeps its records until 2029-03-09, less than three years after it was resolved on 2026-03-10; keep them until 2029-03-10 or later",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["records_kept_until"],
	}} with input as _input(_incident({"records_kept_until": "2029-03-09"}))
}

test_missing if {
	inc := object.remove(_incident({}), ["records_kept_until"])
	rule.deny == {{
		"msg": "incident 'inc-1' does not say until when its records are kept; keep them at least three years after it was resolved on 2026-03-10, until 2029-03-10 or later, and record that as `records_kept_until`",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": [],
	}} with input as _input(inc)
}

# Open: from awareness; a later resolution moves the date on.
test_open_incident_counts_from_awareness if {
	inc := object.remove(_incident({"records_kept_until": "2029-02-28"}), ["resolved_at"])
	rule.deny == {{
		"msg": "incident 'inc-1' keeps its records until 2029-02-28, less than three years after it became known on 2026-03-01; keep them until 2029-03-01 or later",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["records_kept_until"],
	}} with input as _input(inc)
}

# The date in the incident's own time zone: 00:30 on 1 March in Amsterdam is still February in UTC.
test_the_local_date_counts if {
	inc := _incident({"resolved_at": "2026-03-01T00:30:00+01:00", "records_kept_until": "2029-02-28"})
	count(rule.deny) == 1 with input as _input(inc)
	rule.deny == set() with input as _input(object.union(inc, {"records_kept_until": "2029-03-01"}))
}

# 29 February + three years is 28 February.
test_leap_day_clamped if {
	inc := _incident({"resolved_at": "2024-02-29T09:00:00Z", "records_kept_until": "2027-02-28"})
	rule.deny == set() with input as _input(inc)
	count(rule.deny) == 1 with input as _input(object.union(inc, {"records_kept_until": "2027-02-27"}))
}

# Three years after resolution before the evaluation date: nothing left to keep.
test_missing_after_three_years_ignored if {
	inc := object.remove(_incident({"resolved_at": "2023-06-29T10:00:00Z"}), ["records_kept_until"])
	rule.deny == set() with input as _input(inc)
	count(rule.deny) == 1 with input as _input(object.union(inc, {"resolved_at": "2023-06-30T10:00:00Z"}))
}

# Records destroyed too early stay a finding.
test_short_retention_reported_after_three_years if {
	inc := _incident({"resolved_at": "2020-01-10T10:00:00Z", "records_kept_until": "2021-01-10"})
	count(rule.deny) == 1 with input as _input(inc)
}

test_not_bio2_ignored if {
	inc := object.remove(_incident({}), ["records_kept_until"])
	rule.deny == set() with input as {"meta": object.union(_meta, {"frameworks": ["nis2", "cir-2024-2690"]}), "incidents": [inc]}
}
