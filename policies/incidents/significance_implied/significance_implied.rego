# METADATA
# scope: package
# title: An incident whose factors reach a significance threshold is marked significant
# description: >-
#   An incident is significant when it causes or can cause severe operational disruption,
#   financial loss or considerable damage to others. The significance profile that applies to
#   the organisation (`meta.significance`: CIR 2024/2690, the Dutch government profile, or the
#   organisation's own `[significance]` thresholds) turns that into thresholds. An incident
#   that is not marked `significant = true` while one of its declared factors reaches a
#   threshold of the profile is under-reported: `duration_minutes`, `users_affected`,
#   `financial_loss_eur` and `deaths` at or above the threshold, or `health_damage`,
#   `trade_secrets_exfiltrated` or `suspected_malicious` true where the profile sets that key
#   to true. Thresholds the profile leaves out do not apply. Disruptions caused by planned
#   maintenance (`planned_maintenance = true`) are not incidents and are skipped.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 23(3)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Arts. 3 and 5-14 (thresholds per entity type)
# custom:
#   id: INC006
#   severity: error
#   frameworks:
#     nis2: ["23(3)"]
#   remediation: >-
#     Set `significant = true` and make the reports (early warning, notification, final
#     report), or correct the factor if the recorded value is wrong.
#   example: |
#     [[incident]]
#     id = "inc-2026-003"
#     title = "Hosting platform unavailable"
#     aware_at = 2026-04-10T08:00:00+02:00
#     duration_minutes = 95
#     significant = true
#     early_warning_at = 2026-04-10T11:00:00+02:00
package nis2check.rules.incidents.significance_implied

import data.nis2check.lib.result

_thresholds := t if {
	is_object(input.meta.significance.thresholds)
	t := input.meta.significance.thresholds
} else := {}

_basis := b if {
	b := input.meta.significance.basis
	trim_space(b) != ""
} else := "the significance profile"

deny contains result.with_related(finding, labels) if {
	some inc in input.incidents
	not inc.significant == true
	not inc.planned_maintenance == true
	factors := sort([k | some k, t in _thresholds; _reaches(inc[k], t)])
	count(factors) > 0
	texts := [_factor_text(k, inc[k], _thresholds[k]) | some k in factors]
	msg := sprintf(
		"incident '%s' %s, but its declared factors reach the significance thresholds (%s): %s; set significant = true and report it",
		[inc.id, _assessment(inc), _basis, concat(", ", texts)],
	)
	finding := result.entity("incident", inc.id, ["significant"], msg)
	labels := [result.related("incident", inc.id, [k], _label(_thresholds[k])) | some k in factors]
}

# A declared number at or above a numeric threshold, or a flag that the profile sets to true.
_reaches(value, threshold) if {
	is_number(threshold)
	is_number(value)
	value >= threshold
}

_reaches(value, threshold) if {
	threshold == true
	value == true
}

_assessment(inc) := "is marked significant = false" if {
	inc.significant == false
} else := "has no significance assessment"

_factor_text(key, value, threshold) := sprintf("%s = %v (threshold %v)", [key, value, threshold]) if {
	is_number(threshold)
} else := sprintf("%s = true", [key])

_label(threshold) := sprintf("reaches the threshold of %v", [threshold]) if {
	is_number(threshold)
} else := "makes the incident significant"
