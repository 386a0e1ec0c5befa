package nis2check.rules.incidents.final_report_test

import data.nis2check.rules.incidents.final_report as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_incident(extra) := object.union(
	{
		"id": "inc-1", "title": "Outage", "significant": true,
		"aware_at": "2026-03-01T10:00:00Z",
		"early_warning_at": "2026-03-01T12:00:00Z",
		"notification_at": "2026-03-02T10:00:00Z",
	},
	extra,
)

_input(inc) := {"meta": _meta, "incidents": [inc]}

_notification := {"entity": {"kind": "incident", "id": "inc-1"}, "field": ["notification_at"], "msg": "notification sent here"}

_resolution := {"entity": {"kind": "incident", "id": "inc-1"}, "field": ["resolved_at"], "msg": "handling ended here"}

_late(sent, due) := {
	"msg": sprintf(
		"final report for incident 'inc-1' sent at %s; it was due by %s (one month after the incident notification)",
		[sent, due],
	),
	"entity": {"kind": "incident", "id": "inc-1"},
	"field": ["final_report_at"],
	"related": [_notification],
}

test_final_report_in_time_passes if {
	rule.deny == set() with input as _input(_incident({"final_report_at": "2026-03-20T10:00:00Z"}))
}

test_exactly_one_month_passes if {
	rule.deny == set() with input as _input(_incident({"final_report_at": "2026-04-02T10:00:00Z"}))
}

test_one_month_and_one_second_fails if {
	inc := _incident({"final_report_at": "2026-04-02T10:00:01Z"})
	rule.deny == {_late("2026-04-02T10:00:01Z", "2026-04-02T10:00:00Z")} with input as _input(inc)
}

test_offsets_compared_as_instants if {
	# 12:00+02:00 is 10:00Z: exactly one month.
	inc := _incident({"final_report_at": "2026-04-02T12:00:00+02:00"})
	rule.deny == set() with input as _input(inc)
	late := _incident({"final_report_at": "2026-04-02T11:00:00-01:00"})
	rule.deny == {_late("2026-04-02T11:00:00-01:00", "2026-04-02T10:00:00Z")} with input as _input(late)
}

test_month_end_clamped if {
	# One month after 31 January is 28 February, not 3 March.
	inc := _incident({
		"aware_at": "2026-01-30T10:00:00Z",
		"notification_at": "2026-01-31T10:00:00Z",
		"final_report_at": "2026-03-01T09:00:00Z",
	})
	rule.deny == {_late("2026-03-01T09:00:00Z", "2026-02-28T10:00:00Z")} with input as _input(inc)
}

test_missing_final_report_overdue if {
	rule.deny == {{
		"msg": "significant incident 'inc-1' has no final_report_at; the final report was due by 2026-04-02T10:00:00Z (one month after the incident notification)",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["final_report_at"],
		"related": [_notification],
	}} with input as _input(_incident({}))
}

test_missing_final_report_not_yet_due if {
	inc := _incident({"aware_at": "2026-06-01T10:00:00Z", "notification_at": "2026-06-02T10:00:00Z"})
	rule.deny == set() with input as _input(inc)
}

test_missing_notification_is_left_to_inc002 if {
	inc := object.remove(_incident({}), ["notification_at"])
	rule.deny == set() with input as _input(inc)
}

test_progress_report_and_ongoing_incident_not_yet_due if {
	inc := _incident({"progress_report_at": "2026-04-01T10:00:00Z"})
	rule.deny == set() with input as _input(inc)
}

test_progress_report_final_report_due_month_after_resolution if {
	inc := _incident({
		"progress_report_at": "2026-04-01T10:00:00Z",
		"resolved_at": "2026-05-10T10:00:00Z",
		"final_report_at": "2026-06-10T10:00:00Z",
	})
	rule.deny == set() with input as _input(inc)
}

test_progress_report_final_report_missing_after_resolution if {
	inc := _incident({"progress_report_at": "2026-04-01T10:00:00Z", "resolved_at": "2026-05-10T10:00:00Z"})
	rule.deny == {{
		"msg": "significant incident 'inc-1' has no final_report_at; the final report was due by 2026-06-10T10:00:00Z (one month after resolution, as a progress report was sent)",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["final_report_at"],
		"related": [_resolution],
	}} with input as _input(inc)
}

test_progress_report_final_report_late_after_resolution if {
	inc := _incident({
		"progress_report_at": "2026-04-01T10:00:00Z",
		"resolved_at": "2026-05-10T10:00:00Z",
		"final_report_at": "2026-06-10T10:00:01Z",
	})
	rule.deny == {{
		"msg": "final report for incident 'inc-1' sent at 2026-06-10T10:00:01Z; it was due by 2026-06-10T10:00:00Z (one month after resolution, as a progress report was sent)",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["final_report_at"],
		"related": [_resolution],
	}} with input as _input(inc)
}

test_late_progress_report_does_not_extend if {
	inc := _incident({"progress_report_at": "2026-04-03T10:00:00Z"})
	rule.deny == {{
		"msg": "significant incident 'inc-1' has no final_report_at; the final report was due by 2026-04-02T10:00:00Z (one month after the incident notification)",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["final_report_at"],
		"related": [_notification],
	}} with input as _input(inc)
}

test_progress_report_after_resolution_does_not_extend if {
	inc := _incident({"resolved_at": "2026-03-05T10:00:00Z", "progress_report_at": "2026-04-01T10:00:00Z"})
	rule.deny == {{
		"msg": "significant incident 'inc-1' has no final_report_at; the final report was due by 2026-04-02T10:00:00Z (one month after the incident notification)",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["final_report_at"],
		"related": [_notification],
	}} with input as _input(inc)
}

test_not_significant_ignored if {
	rule.deny == set() with input as _input(_incident({"significant": false}))
}
