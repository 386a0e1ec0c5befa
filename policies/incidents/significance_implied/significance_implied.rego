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
#   `financial_loss_eur` and `deaths` at or above the threshold (above it, for the thresholds
#   the profile lists in `above`: the CIR counts a loss above EUR 500,000, an outage of more
#   than 30 minutes), or `health_damage`, `trade_secrets_exfiltrated` or `suspected_malicious`
#   true where the profile sets that key to true. For cloud, CDN and managed (security)
#   service providers the CIR counts a full outage by its duration, and a limited service
#   (`unavailability = "partial"`) by its users and its duration together (more than 1
#   million users for more than an hour); an incident without `unavailability` counts as a
#   full outage. Thresholds the profile leaves out do not apply. Disruptions caused by planned
#   maintenance (`planned_maintenance = true`) are not incidents and are skipped.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 23(3)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Arts. 3 and 5–14 (thresholds per entity type)
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
	# Package-level values once, before the loop: a reference to a rule inside it is resolved
	# again for every incident (BENCHMARKS.md).
	thresholds := _thresholds
	above := _above
	partial := _partial_profile
	some inc in input.incidents
	not inc.significant == true
	not inc.planned_maintenance == true
	factors := sort([k | some k, t in thresholds; _counts(inc, k, partial); _reaches(k, inc[k], t, above)])
	limited := [inc | partial; _limited(inc, thresholds, above)]
	count(factors) + count(limited) > 0
	texts := array.concat([_factor_text(k, inc[k]) | some k in factors], [_limited_text(i) | some i in limited])
	msg := sprintf(
		"incident '%s' %s, but its declared factors reach the significance thresholds (%s): %s; set significant = true and report it",
		[inc.id, _assessment(inc), _basis, concat(", ", texts)],
	)
	finding := result.entity("incident", inc.id, ["significant"], msg)
	labels := array.concat(
		[result.related("incident", inc.id, [k], _label(k)) | some k in factors],
		[l | some i in limited; some l in _limited_labels(i)],
	)
}

# A profile that counts a limited service apart (CIR 2024/2690 Arts. 5–14: cloud, CDN, managed
# and managed security services) counts `duration_minutes` alone only for a full outage, and a
# limited one (`unavailability = "partial"`) by its users and its duration together.
_partial_profile := true if {
	is_number(_thresholds.partial_users_affected)
} else := false

_counts(_, key, _) if key != "duration_minutes"

_counts(_, "duration_minutes", false) := true

_counts(inc, "duration_minutes", true) if not inc.unavailability == "partial"

_limited(inc, thresholds, above) if {
	inc.unavailability == "partial"
	_reaches("partial_users_affected", inc.users_affected, thresholds.partial_users_affected, above)
	_reaches("partial_duration_minutes", inc.duration_minutes, thresholds.partial_duration_minutes, above)
}

_limited_text(inc) := sprintf(
	"a limited service for users_affected = %v over duration_minutes = %v (thresholds %s users and %s minutes)",
	[inc.users_affected, inc.duration_minutes, _threshold_text("partial_users_affected"), _threshold_text("partial_duration_minutes")],
)

_limited_labels(inc) := [
	result.related("incident", inc.id, ["users_affected"], sprintf("a limited service for more than %v users", [_thresholds.partial_users_affected])),
	result.related("incident", inc.id, ["duration_minutes"], sprintf("for more than %v minutes", [_thresholds.partial_duration_minutes])),
]

# The thresholds a value must exceed (the others it must reach).
_above := {k | some k in input.meta.significance.above}

# A declared number that reaches a numeric threshold (exceeds it, for one in `above`), or a
# flag that the profile sets to true.
_reaches(key, value, threshold, above) if {
	is_number(threshold)
	is_number(value)
	not key in above
	value >= threshold
}

_reaches(key, value, threshold, above) if {
	is_number(threshold)
	is_number(value)
	key in above
	value > threshold
}

_reaches(_, value, threshold, _) if {
	threshold == true
	value == true
}

_assessment(inc) := "is marked significant = false" if {
	inc.significant == false
} else := "has no significance assessment"

_factor_text(key, value) := sprintf("%s = %v (threshold %s)", [key, value, _threshold_text(key)]) if {
	is_number(_thresholds[key])
} else := sprintf("%s = true", [key])

_threshold_text(key) := sprintf("above %v", [_thresholds[key]]) if {
	key in _above
} else := sprintf("%v", [_thresholds[key]])

_label(key) := sprintf("exceeds the threshold of %v", [_thresholds[key]]) if {
	is_number(_thresholds[key])
	key in _above
} else := sprintf("reaches the threshold of %v", [_thresholds[key]]) if {
	is_number(_thresholds[key])
} else := "makes the incident significant"
