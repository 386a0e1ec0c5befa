package nis2check.rules.incidents.early_warning_content_test

import data.nis2check.rules.incidents.early_warning_content as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_incident(extra) := object.union(
	{
		"id": "inc-1", "title": "Ransomware", "aware_at": "2026-03-01T10:00:00Z", "significant": true,
		"early_warning_at": "2026-03-01T18:00:00Z",
	},
	extra,
)

_input(inc) := {"meta": _meta, "incidents": [inc]}

_label := {"entity": {"kind": "incident", "id": "inc-1"}, "field": ["early_warning_at"], "msg": "early warning sent here"}

_finding(field, missing) := {
	"msg": sprintf(
		"significant incident 'inc-1' had an early warning but does not record %s (true or false); the early warning must say whether malicious acts are suspected and whether there is cross-border impact",
		[missing],
	),
	"entity": {"kind": "incident", "id": "inc-1"},
	"field": field,
	"related": [_label],
}

test_both_recorded_passes if {
	rule.deny == set() with input as _input(_incident({"suspected_malicious": true, "cross_border": false}))
}

test_false_counts_as_recorded if {
	rule.deny == set() with input as _input(_incident({"suspected_malicious": false, "cross_border": false}))
}

test_both_missing if {
	rule.deny == {_finding([], "suspected_malicious or cross_border")} with input as _input(_incident({}))
}

test_cross_border_missing if {
	rule.deny == {_finding(["cross_border"], "cross_border")} with input as _input(_incident({"suspected_malicious": true}))
}

test_suspected_malicious_missing if {
	rule.deny == {_finding(["suspected_malicious"], "suspected_malicious")} with input as _input(_incident({"cross_border": true}))
}

test_no_early_warning_left_to_inc001 if {
	rule.deny == set() with input as _input(object.remove(_incident({}), ["early_warning_at"]))
}

test_not_significant_ignored if {
	rule.deny == set() with input as _input(_incident({"significant": false}))
}
