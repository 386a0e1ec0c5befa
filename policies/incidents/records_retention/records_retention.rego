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

import data.nis2check.lib.dates.today
import data.nis2check.lib.result

deny contains result.entity("incident", inc.id, [], msg) if {
	"bio2" in input.meta.frameworks
	as_of := today # once: a read of an imported rule costs more than of a local
	some inc in input.incidents
	not inc.records_kept_until
	start := substring(object.get(inc, "resolved_at", inc.aware_at), 0, 10)
	due := _due(start, to_number(substring(start, 0, 4)) + 3)
	due >= as_of # the three years have not passed
	msg := sprintf(
		"incident '%s' does not say until when its records are kept; keep them at least three years after it %s on %s, until %s or later, and record that as `records_kept_until`",
		[inc.id, _since(inc), start, due],
	)
}

# This runs for every incident: builtins in the body, no function of the package until the
# year says the date may be short (a call costs more than a comparison, BENCHMARKS.md).
deny contains result.entity("incident", inc.id, ["records_kept_until"], msg) if {
	"bio2" in input.meta.frameworks
	some inc in input.incidents
	kept := inc.records_kept_until
	start := substring(object.get(inc, "resolved_at", inc.aware_at), 0, 10)
	year := to_number(substring(start, 0, 4)) + 3
	to_number(substring(kept, 0, 4)) <= year # a later year keeps them long enough
	due := _due(start, year)
	kept < due # dates compare as strings
	msg := sprintf(
		"incident '%s' keeps its records until %s, less than three years after it %s on %s; keep them until %s or later",
		[inc.id, kept, _since(inc), start, due],
	)
}

# `start`, what the three years count from: the day the incident was resolved, or, while it is
# open, the day the entity became aware of it, each as the date in the incident's own time zone
# (the first ten characters of the timestamp).
_since(inc) := "was resolved" if inc.resolved_at

else := "became known"

# The last day the records must still be kept: `start` with the year `year` (start's + 3), as
# text, without the date arithmetic of `dates.due_ns`. 29 February becomes 28 February: three
# years after a leap year is never one.
_due(start, year) := concat("", [format_int(year, 10), _month_day(substring(start, 4, 6))])

_month_day(md) := "-02-28" if md == "-02-29"

_month_day(md) := md if md != "-02-29"
