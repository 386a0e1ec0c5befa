# METADATA
# scope: package
# title: Incident records are kept at least three years
# description: >-
#   BIO2 asks that the records of (suspected) security incidents, and the information needed to
#   analyse and resolve them, be kept for at least three years. NIS2 and the CIR set no period,
#   so the rule runs only when `bio2` is among the frameworks. Every incident says until when
#   its records are kept in `records_kept_until`, a date at least three years after it was
#   resolved (`resolved_at`, its date in its own time zone), or, while it is open, after the
#   entity became aware of it (`aware_at`); the day is clamped to the end of a shorter month
#   (29 February to 28 February). The measure names no starting point; the rule counts from
#   the end of the handling, when the record is complete. An incident without
#   `records_kept_until` is reported until its three years have passed.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(b)
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.28.01
# custom:
#   id: INC009
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(b)"]
#     bio2: ["5.28.01"]
#   bio2_version: "1.2"
#   remediation: >-
#     Keep the incident's records (the register entry, logs, evidence, correspondence with the
#     CSIRT) for at least three years after it was resolved, and record that date as
#     `records_kept_until` on the incident.
#   example: |
#     [[incident]]
#     id = "inc-2026-001"
#     title = "Ransomware on file server"
#     aware_at = 2026-03-01T10:00:00+01:00
#     significant = false
#     resolved_at = 2026-03-10T12:00:00+01:00
#     records_kept_until = 2029-12-31
package nis2check.rules.incidents.records_retention

import data.nis2check.lib.dates
import data.nis2check.lib.dates.today
import data.nis2check.lib.result

deny contains result.entity("incident", inc.id, [], msg) if {
	"bio2" in input.meta.frameworks
	as_of := today # once: a read of an imported rule costs more than of a local
	some inc in input.incidents
	not inc.records_kept_until
	[since, start] := _start(inc)
	due := _due(start)
	due >= as_of # the three years have not passed
	msg := sprintf(
		"incident '%s' does not say until when its records are kept; keep them at least three years after it %s on %s, until %s or later, and record that as `records_kept_until`",
		[inc.id, since, start, due],
	)
}

deny contains result.entity("incident", inc.id, ["records_kept_until"], msg) if {
	"bio2" in input.meta.frameworks
	some inc in input.incidents
	kept := inc.records_kept_until
	[since, start] := _start(inc)
	due := _due(start)
	kept < due # dates compare as strings
	msg := sprintf(
		"incident '%s' keeps its records until %s, less than three years after it %s on %s; keep them until %s or later",
		[inc.id, kept, since, start, due],
	)
}

# What the three years count from, and its date in the incident's own time zone.
_start(inc) := ["was resolved", substring(inc.resolved_at, 0, 10)] if inc.resolved_at

_start(inc) := ["became known", substring(inc.aware_at, 0, 10)] if not inc.resolved_at

# The last day the records must still be kept: the start + 36 months, clamped.
_due(start) := dates.format_date(dates.due_ns(start, 36))
