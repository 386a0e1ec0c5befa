package nis2check.rules.incidents.incident_notification_test

import data.nis2check.rules.incidents.incident_notification as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_org := {"name": "Org", "member_state": "NL", "sector": "energy"}

_tsp := object.union(_org, {"entity_type": "trust-service-provider"})

_incident(extra) := object.union(
	{
		"id": "inc-1", "title": "Outage", "aware_at": "2026-03-01T10:00:00Z", "significant": true,
		"early_warning_at": "2026-03-01T12:00:00Z",
	},
	extra,
)

_input(org, inc) := {"meta": _meta, "organization": org, "incidents": [inc]}

_aware := {"entity": {"kind": "incident", "id": "inc-1"}, "field": ["aware_at"], "msg": "awareness recorded here"}

_late(text, allowed) := {
	"msg": sprintf("incident notification for incident 'inc-1' sent %s after awareness; %s", [text, allowed]),
	"entity": {"kind": "incident", "id": "inc-1"},
	"field": ["notification_at"],
	"related": [_aware],
}

test_notification_in_time_passes if {
	rule.deny == set() with input as _input(_org, _incident({"notification_at": "2026-03-03T09:00:00Z"}))
}

test_exactly_72_hours_passes if {
	rule.deny == set() with input as _input(_org, _incident({"notification_at": "2026-03-04T10:00:00Z"}))
}

test_72_hours_and_one_second_fails if {
	inc := _incident({"notification_at": "2026-03-04T10:00:01Z"})
	rule.deny == {_late("72 h 0 min 1 s", "NIS2 allows 72 h")} with input as _input(_org, inc)
}

test_offsets_exactly_72_hours_passes if {
	inc := _incident({"aware_at": "2026-03-01T10:00:00+02:00", "notification_at": "2026-03-04T08:00:00Z"})
	rule.deny == set() with input as _input(_org, inc)
}

test_offsets_late_although_local_clocks_read_71_hours if {
	inc := _incident({"aware_at": "2026-03-01T10:00:00+02:00", "notification_at": "2026-03-04T09:00:00Z"})
	rule.deny == {_late("73 h", "NIS2 allows 72 h")} with input as _input(_org, inc)
}

test_trust_service_provider_exactly_24_hours_passes if {
	rule.deny == set() with input as _input(_tsp, _incident({"notification_at": "2026-03-02T10:00:00Z"}))
}

test_trust_service_provider_24_hours_and_one_second_fails if {
	inc := _incident({"notification_at": "2026-03-02T10:00:01Z"})
	rule.deny == {_late("24 h 0 min 1 s", "NIS2 allows 24 h for a trust service provider")} with input as _input(_tsp, inc)
}

test_qualified_trust_service_provider_48_hours_fails if {
	org := object.union(_org, {"entity_type": "qualified-trust-service-provider"})
	inc := _incident({"notification_at": "2026-03-03T10:00:00Z"})
	rule.deny == {_late("48 h", "NIS2 allows 24 h for a trust service provider")} with input as _input(org, inc)
}

test_missing_notification_overdue if {
	rule.deny == {{
		"msg": "significant incident 'inc-1' has no notification_at; the incident notification was due by 2026-03-04T10:00:00Z (NIS2 allows 72 h)",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["notification_at"],
		"related": [_aware],
	}} with input as _input(_org, _incident({}))
}

test_missing_notification_not_yet_due if {
	rule.deny == set() with input as _input(_org, _incident({"aware_at": "2026-06-27T10:00:00Z"}))
}

test_missing_notification_tsp_overdue_sooner if {
	inc := _incident({"aware_at": "2026-06-27T10:00:00Z"})
	rule.deny == {{
		"msg": "significant incident 'inc-1' has no notification_at; the incident notification was due by 2026-06-28T10:00:00Z (NIS2 allows 24 h for a trust service provider)",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["notification_at"],
		"related": [_aware],
	}} with input as _input(_tsp, inc)
}

test_not_significant_ignored if {
	rule.deny == set() with input as _input(_org, _incident({"significant": false}))
}

# The 24 h hold for incidents that affect the trust services; one that does not has 72 h.
test_trust_service_provider_other_incident_has_72_hours if {
	inc := _incident({"notification_at": "2026-03-03T10:00:00Z", "trust_services": false})
	rule.deny == set() with input as _input(_tsp, inc)
	late := _incident({"notification_at": "2026-03-04T10:00:01Z", "trust_services": false})
	rule.deny == {_late("72 h 0 min 1 s", "NIS2 allows 72 h for an incident that does not affect the trust services")} with input as _input(_tsp, late)
}

test_trust_services_true_keeps_24_hours if {
	inc := _incident({"notification_at": "2026-03-03T10:00:00Z", "trust_services": true})
	rule.deny == {_late("48 h", "NIS2 allows 24 h for a trust service provider")} with input as _input(_tsp, inc)
}

# The flag means nothing for other entities: 72 h either way.
test_trust_services_ignored_for_other_entities if {
	inc := _incident({"notification_at": "2026-03-03T10:00:00Z", "trust_services": true})
	rule.deny == set() with input as _input(_org, inc)
}
