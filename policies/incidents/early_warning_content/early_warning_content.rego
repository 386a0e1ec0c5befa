# METADATA
# scope: package
# title: The early warning says whether the incident is malicious and cross-border
# description: >-
#   NIS2's early warning must say whether the significant incident is suspected of being
#   caused by unlawful or malicious acts and whether it could have a cross-border impact. For
#   every incident with `significant = true` and an `early_warning_at`, both
#   `suspected_malicious` and `cross_border` must be recorded (true or false), so the register
#   shows what the early warning said.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 23(4)(a)
# custom:
#   id: INC008
#   severity: warning
#   frameworks:
#     nis2: ["23(4)(a)"]
#   remediation: >-
#     Record what the early warning said: `suspected_malicious = true` or `false` and
#     `cross_border = true` or `false`. If the early warning left either out, send the
#     authority the missing assessment.
#   example: |
#     [[incident]]
#     id = "inc-2026-001"
#     title = "Ransomware on file server"
#     aware_at = 2026-03-01T10:00:00+01:00
#     significant = true
#     early_warning_at = 2026-03-01T18:30:00+01:00
#     suspected_malicious = true
#     cross_border = false
package nis2check.rules.incidents.early_warning_content

import data.nis2check.lib.result

_required := ["suspected_malicious", "cross_border"]

deny contains result.with_related(finding, [_warning_label(inc)]) if {
	some inc in input.incidents
	inc.significant == true
	inc.early_warning_at
	missing := [k | some k in _required; not _recorded(inc, k)]
	count(missing) > 0
	msg := sprintf(
		"significant incident '%s' had an early warning but does not record %s (true or false); the early warning must say whether malicious acts are suspected and whether there is cross-border impact",
		[inc.id, concat(" or ", missing)],
	)
	finding := result.entity("incident", inc.id, _field(missing), msg)
}

_recorded(inc, key) if is_boolean(inc[key])

# One missing field is labelled; with both missing, the incident itself.
_field(missing) := [missing[0]] if count(missing) == 1

_field(missing) := [] if count(missing) > 1

_warning_label(inc) := result.related("incident", inc.id, ["early_warning_at"], "early warning sent here")
