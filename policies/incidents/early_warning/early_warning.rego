# METADATA
# scope: package
# title: Early warning within 24 hours of awareness
# description: >-
#   For a significant incident, NIS2 requires an early warning to the CSIRT or competent
#   authority without undue delay and at the latest 24 hours after the entity became aware of
#   it. For every incident with `significant = true`, `early_warning_at` must be at most
#   24 hours after `aware_at`, to the nanosecond and whatever UTC offsets the two timestamps
#   carry. A missing `early_warning_at` fails once the 24 hours have passed before the
#   evaluation date.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 23(4)(a)
# custom:
#   id: INC001
#   severity: error
#   frameworks:
#     nis2: ["23(4)(a)"]
#   remediation: >-
#     Send the early warning (say whether malicious acts are suspected and whether there may be
#     cross-border impact) and record when it was sent as `early_warning_at`, with its UTC
#     offset. Adjust the incident procedure so the next one goes out within 24 hours.
#   example: |
#     [[incident]]
#     id = "inc-2026-001"
#     title = "Ransomware on file server"
#     aware_at = 2026-03-01T10:00:00+01:00
#     significant = true
#     early_warning_at = 2026-03-01T18:30:00+01:00
package nis2check.rules.incidents.early_warning

import data.nis2check.lib.dates
import data.nis2check.lib.dates.as_of_ns
import data.nis2check.lib.dates.hour_ns
import data.nis2check.lib.result

_limit_ns := 24 * hour_ns

deny contains result.with_related(finding, [_aware_label(inc)]) if {
	some inc in input.incidents
	inc.significant == true
	taken := dates.ts_ns(inc.early_warning_at) - dates.ts_ns(inc.aware_at)
	taken > _limit_ns
	msg := sprintf(
		"early warning for incident '%s' sent %s after awareness; NIS2 allows 24 h",
		[inc.id, dates.duration_text(taken)],
	)
	finding := result.entity("incident", inc.id, ["early_warning_at"], msg)
}

deny contains result.with_related(finding, [_aware_label(inc)]) if {
	some inc in input.incidents
	inc.significant == true
	not inc.early_warning_at
	due := dates.ts_ns(inc.aware_at) + _limit_ns
	due < as_of_ns
	msg := sprintf(
		"significant incident '%s' has no early_warning_at; the early warning was due within 24 h of awareness, by %s",
		[inc.id, dates.format_ts(due)],
	)
	finding := result.entity("incident", inc.id, ["early_warning_at"], msg)
}

_aware_label(inc) := result.related("incident", inc.id, ["aware_at"], "awareness recorded here")
