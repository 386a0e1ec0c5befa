package nis2check.rules.incidents.root_cause_test

import data.nis2check.rules.incidents.root_cause as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_incident(extra) := object.union(
	{
		"id": "inc-1", "title": "Outage", "significant": true,
		"aware_at": "2026-03-01T10:00:00Z", "resolved_at": "2026-03-05T10:00:00Z",
		"root_cause": "Expired certificate", "lessons_learned": "Monitor certificate expiry",
	},
	extra,
)

_input(inc) := {"meta": _meta, "incidents": [inc]}

test_complete_review_passes if {
	rule.deny == set() with input as _input(_incident({}))
}

test_both_missing if {
	inc := object.remove(_incident({}), ["root_cause", "lessons_learned"])
	rule.deny == {{
		"msg": "resolved significant incident 'inc-1' has no root_cause or lessons_learned; record the post-incident review",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": [],
	}} with input as _input(inc)
}

test_blank_lessons_learned if {
	rule.deny == {{
		"msg": "resolved significant incident 'inc-1' has no lessons_learned; record the post-incident review",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["lessons_learned"],
	}} with input as _input(_incident({"lessons_learned": "  "}))
}

test_unresolved_incident_ignored if {
	inc := object.remove(_incident({}), ["resolved_at", "root_cause", "lessons_learned"])
	rule.deny == set() with input as _input(inc)
}

test_not_significant_ignored if {
	inc := object.remove(_incident({"significant": false}), ["root_cause"])
	rule.deny == set() with input as _input(inc)
}
