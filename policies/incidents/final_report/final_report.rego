# METADATA
# scope: package
# title: Final report within one month of the incident notification
# description: >-
#   For a significant incident, NIS2 requires a final report at the latest one month after the
#   incident notification. If the incident is still being handled then, the entity sends a
#   progress report instead and the final report is due one month after handling ends. For
#   every incident with `significant = true` and a `notification_at`, `final_report_at` must
#   be at most one calendar month after `notification_at`: by the end of the day with the same
#   date in the next month (or of that month's last day, when it is shorter), counted in the
#   time zone `notification_at` is written in. When a `progress_report_at` was sent by that
#   deadline and the incident was not resolved by then, the final report is due one calendar
#   month after `resolved_at` instead, counted the same way, and is not yet due while
#   `resolved_at` is absent. A missing `final_report_at` fails once the deadline has passed
#   before the evaluation date.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 23(4)(d) and (e)
# custom:
#   id: INC003
#   severity: error
#   frameworks:
#     nis2: ["23(4)(d)", "23(4)(e)"]
#   remediation: >-
#     Send the final report (severity and impact, threat or root cause, mitigation applied,
#     cross-border impact) and record it as `final_report_at`. If the incident is still being
#     handled a month after the notification, send a progress report (`progress_report_at`)
#     and the final report within a month of `resolved_at`.
#   example: |
#     [[incident]]
#     id = "inc-2026-001"
#     title = "Ransomware on file server"
#     aware_at = 2026-03-01T10:00:00+01:00
#     significant = true
#     early_warning_at = 2026-03-01T18:30:00+01:00
#     notification_at = 2026-03-03T16:00:00+01:00
#     resolved_at = 2026-03-10T12:00:00+01:00
#     final_report_at = 2026-03-25T11:00:00+01:00
package nis2check.rules.incidents.final_report

import data.nis2check.lib.dates
import data.nis2check.lib.dates.as_of_ns
import data.nis2check.lib.result

deny contains result.with_related(finding, [_clock_label(inc, d.extended)]) if {
	some inc in input.incidents
	inc.significant == true
	d := _deadline(inc)
	dates.ts_ns(inc.final_report_at) > d.due
	msg := sprintf(
		"final report for incident '%s' sent at %s; it was due by %s (%s)",
		[inc.id, inc.final_report_at, dates.format_ts_in(d.due, d.clock), _basis(d.extended)],
	)
	finding := result.entity("incident", inc.id, ["final_report_at"], msg)
}

deny contains result.with_related(finding, [_clock_label(inc, d.extended)]) if {
	some inc in input.incidents
	inc.significant == true
	not inc.final_report_at
	d := _deadline(inc)
	d.due < as_of_ns
	msg := sprintf(
		"significant incident '%s' has no final_report_at; the final report was due by %s (%s)",
		[inc.id, dates.format_ts_in(d.due, d.clock), _basis(d.extended)],
	)
	finding := result.entity("incident", inc.id, ["final_report_at"], msg)
}

# The deadline, worked out once per incident (functions are not cached, and the month
# arithmetic is the dearest part of the rule): {due, clock (the timestamp it runs from, whose
# time zone is the deadline's), extended}. One month after the notification; or, when a
# progress report was sent by then while the incident was still being handled, one month
# after the end of handling, and nothing (undefined) while it has not ended.
_deadline(inc) := d if {
	normal := dates.months_after_ns(inc.notification_at, 1)
	d := _deadline_from(inc, normal)
}

_deadline_from(inc, normal) := {"due": dates.months_after_ns(inc.resolved_at, 1), "clock": inc.resolved_at, "extended": true} if {
	_extended(inc, normal)
}

_deadline_from(inc, normal) := {"due": normal, "clock": inc.notification_at, "extended": false} if {
	not _extended(inc, normal)
}

_extended(inc, normal) if {
	dates.ts_ns(inc.progress_report_at) <= normal
	not _resolved_by(inc, normal)
}

_resolved_by(inc, t) if dates.ts_ns(inc.resolved_at) <= t

_basis(true) := "one month after resolution, as a progress report was sent"

_basis(false) := "one month after the incident notification"

_clock_label(inc, true) := result.related("incident", inc.id, ["resolved_at"], "handling ended here")

_clock_label(inc, false) := result.related("incident", inc.id, ["notification_at"], "notification sent here")
