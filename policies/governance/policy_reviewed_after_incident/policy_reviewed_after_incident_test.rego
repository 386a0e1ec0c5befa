package nis2check.rules.governance.policy_reviewed_after_incident_test

import data.nis2check.rules.governance.policy_reviewed_after_incident as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_policy(extra) := object.union({"id": "sec-pol", "type": "security-policy", "title": "Policy", "owner": "p-ciso"}, extra)

_incident(id, extra) := object.union({"id": id, "title": "T", "aware_at": "2026-02-03T08:15:00+01:00", "significant": true}, extra)

_input(docs, incidents) := {"meta": _meta, "documents": docs, "incidents": incidents}

_resolved_label(id) := {"entity": {"kind": "incident", "id": id}, "field": ["resolved_at"], "msg": "the significant incident was resolved here"}

test_review_after_resolution_passes if {
	inc := _incident("inc-1", {"resolved_at": "2026-02-10T17:00:00+01:00"})
	rule.deny == set() with input as _input([_policy({"approved_at": "2025-01-15", "reviewed_at": "2026-03-02"})], [inc])
}

test_review_on_the_day_of_resolution_passes if {
	inc := _incident("inc-1", {"resolved_at": "2026-02-10T17:00:00+01:00"})
	rule.deny == set() with input as _input([_policy({"approved_at": "2026-02-10"})], [inc])
}

test_day_taken_in_the_timestamps_own_offset if {
	# 00:30 on 11 February in +01:00 is still 10 February in UTC; the organisation's day counts.
	inc := _incident("inc-1", {"resolved_at": "2026-02-11T00:30:00+01:00"})
	rule.deny == {object.union(
		{
			"msg": "security policy 'sec-pol' was last reviewed on 2026-02-10, before significant incident 'inc-1' (resolved 2026-02-11); review it in the light of the incident",
			"entity": {"kind": "document", "id": "sec-pol"},
			"field": ["reviewed_at"],
		},
		{"related": [_resolved_label("inc-1")]},
	)} with input as _input([_policy({"reviewed_at": "2026-02-10"})], [inc])
}

test_no_significant_incident_passes if {
	incs := [
		_incident("inc-1", {"significant": false, "resolved_at": "2026-06-01T10:00:00Z"}),
		object.remove(_incident("inc-2", {"resolved_at": "2026-06-01T10:00:00Z"}), ["significant"]),
	]
	rule.deny == set() with input as _input([_policy({"reviewed_at": "2025-09-01"})], incs)
}

test_policy_not_reviewed_after_the_latest_incident if {
	incs := [
		_incident("inc-1", {"resolved_at": "2026-02-10T17:00:00+01:00"}),
		_incident("inc-2", {"aware_at": "2026-04-01T09:00:00Z", "resolved_at": "2026-04-20T12:00:00Z"}),
	]
	rule.deny == {{
		"msg": "security policy 'sec-pol' was last reviewed on 2026-03-02, before significant incident 'inc-2' (resolved 2026-04-20); review it in the light of the incident",
		"entity": {"kind": "document", "id": "sec-pol"},
		"field": ["approved_at"],
		"related": [_resolved_label("inc-2")],
	}} with input as _input([_policy({"approved_at": "2026-03-02", "reviewed_at": "2025-11-01"})], incs)
}

test_open_incident_counts_from_awareness if {
	inc := _incident("inc-1", {"aware_at": "2026-06-15T09:00:00+02:00"})
	rule.deny == {{
		"msg": "security policy 'sec-pol' was last reviewed on 2026-01-20, before significant incident 'inc-1' (open since 2026-06-15); review it in the light of the incident",
		"entity": {"kind": "document", "id": "sec-pol"},
		"field": ["reviewed_at"],
		"related": [{"entity": {"kind": "incident", "id": "inc-1"}, "field": ["aware_at"], "msg": "the significant incident is still open; awareness recorded here"}],
	}} with input as _input([_policy({"reviewed_at": "2026-01-20"})], [inc])
}

test_policy_without_dates if {
	inc := _incident("inc-1", {"resolved_at": "2026-02-10T17:00:00+01:00"})
	rule.deny == {{
		"msg": "security policy 'sec-pol' has no reviewed_at or approved_at date; it must be reviewed after significant incident 'inc-1' (resolved 2026-02-10)",
		"entity": {"kind": "document", "id": "sec-pol"},
		"field": ["reviewed_at"],
		"related": [_resolved_label("inc-1")],
	}} with input as _input([_policy({})], [inc])
}

test_other_documents_ignored if {
	inc := _incident("inc-1", {"resolved_at": "2026-02-10T17:00:00+01:00"})
	doc := {"id": "ir", "type": "incident-response-plan", "title": "IR", "owner": "p-ciso", "reviewed_at": "2025-01-01"}
	rule.deny == set() with input as _input([doc], [inc])
}
