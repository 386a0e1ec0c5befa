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

# A period of one month ends with the day of the same date a month later (Regulation 1182/71,
# Art. 3(2)(c)), whatever the time of the notification.
test_last_second_of_the_day_a_month_later_passes if {
	rule.deny == set() with input as _input(_incident({"final_report_at": "2026-04-02T23:59:59Z"}))
}

test_the_next_day_fails if {
	inc := _incident({"final_report_at": "2026-04-03T00:00:00Z"})
	rule.deny == {_late("2026-04-03T00:00:00Z", "2026-04-02T23:59:59Z")} with input as _input(inc)
}

# The days are those of the time zone the notification is written in: sent at 00:30 on
# 1 March in +01:00 (28 February in UTC), it leaves until the end of 1 April there.
test_days_counted_in_the_notification_time_zone if {
	on_time := _incident({
		"aware_at": "2026-02-28T20:00:00+01:00",
		"notification_at": "2026-03-01T00:30:00+01:00",
		"final_report_at": "2026-03-31T12:00:00+02:00",
	})
	rule.deny == set() with input as _input(on_time)
	last := object.union(on_time, {"final_report_at": "2026-04-02T00:59:59+02:00"})
	rule.deny == set() with input as _input(last)
	late := object.union(on_time, {"final_report_at": "2026-04-02T01:00:00+02:00"})
	rule.deny == {_late("2026-04-02T01:00:00+02:00", "2026-04-01T23:59:59+01:00")} with input as _input(late)
}

test_days_counted_in_a_negative_offset if {
	# 2 March 22:00 at -05:00 is 3 March in UTC; the deadline is the end of 2 April at -05:00.
	inc := _incident({
		"notification_at": "2026-03-02T22:00:00-05:00",
		"final_report_at": "2026-04-03T05:00:00Z",
	})
	rule.deny == {_late("2026-04-03T05:00:00Z", "2026-04-02T23:59:59-05:00")} with input as _input(inc)
	rule.deny == set() with input as _input(object.union(inc, {"final_report_at": "2026-04-03T04:59:59Z"}))
}

test_month_end_clamped if {
	# One month after 31 January is 28 February, not 3 March.
	inc := _incident({
		"aware_at": "2026-01-30T10:00:00Z",
		"notification_at": "2026-01-31T10:00:00Z",
		"final_report_at": "2026-03-01T00:00:00Z",
	})
	rule.deny == {_late("2026-03-01T00:00:00Z", "2026-02-28T23:59:59Z")} with input as _input(inc)
	rule.deny == set() with input as _input(object.union(inc, {"final_report_at": "2026-02-28T23:59:59Z"}))
}

test_missing_final_report_overdue if {
	rule.deny == {{
		"msg": "significant incident 'inc-1' has no final_report_at; the final report was due by 2026-04-02T23:59:59Z (one month after the incident notification)",
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
		"msg": "significant incident 'inc-1' has no final_report_at; the final report was due by 2026-06-10T23:59:59Z (one month after resolution, as a progress report was sent)",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["final_report_at"],
		"related": [_resolution],
	}} with input as _input(inc)
}

test_progress_report_final_report_late_after_resolution if {
	inc := _incident({
		"progress_report_at": "2026-04-01T10:00:00Z",
		"resolved_at": "2026-05-10T10:00:00Z",
		"final_report_at": "2026-06-11T00:00:00Z",
	})
	rule.deny == {{
		"msg": "final report for incident 'inc-1' sent at 2026-06-11T00:00:00Z; it was due by 2026-06-10T23:59:59Z (one month after resolution, as a progress report was sent)",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["final_report_at"],
		"related": [_resolution],
	}} with input as _input(inc)
}

test_late_progress_report_does_not_extend if {
	inc := _incident({"progress_report_at": "2026-04-03T10:00:00Z"})
	rule.deny == {{
		"msg": "significant incident 'inc-1' has no final_report_at; the final report was due by 2026-04-02T23:59:59Z (one month after the incident notification)",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["final_report_at"],
		"related": [_notification],
	}} with input as _input(inc)
}

test_progress_report_after_resolution_does_not_extend if {
	inc := _incident({"resolved_at": "2026-03-05T10:00:00Z", "progress_report_at": "2026-04-01T10:00:00Z"})
	rule.deny == {{
		"msg": "significant incident 'inc-1' has no final_report_at; the final report was due by 2026-04-02T23:59:59Z (one month after the incident notification)",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["final_report_at"],
		"related": [_notification],
	}} with input as _input(inc)
}

test_not_significant_ignored if {
	rule.deny == set() with input as _input(_incident({"significant": false}))
}
