# METADATA
# scope: package
# title: Incident notification within 72 hours (24 hours for trust service providers)
# description: >-
#   For a significant incident, NIS2 requires an incident notification, with an initial
#   assessment of severity and impact, at the latest 72 hours after the entity became aware of
#   it; a trust service provider has 24 hours for incidents affecting its trust services. For
#   every incident with `significant = true`, `notification_at` must be at most 72 hours after
#   `aware_at` (24 hours when `entity_type` is `trust-service-provider` or
#   `qualified-trust-service-provider`, unless the incident says `trust_services = false`: it
#   does not affect the trust services), to the nanosecond and across UTC offsets. A missing
#   `notification_at` fails once the deadline has passed before the evaluation date.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 23(4)(b)
# custom:
#   id: INC002
#   severity: error
#   frameworks:
#     nis2: ["23(4)(b)"]
#   remediation: >-
#     Send the incident notification and record when it was sent as `notification_at`, with its
#     UTC offset. Adjust the incident procedure so the next one goes out within the deadline.
#   example: |
#     [[incident]]
#     id = "inc-2026-001"
#     title = "Ransomware on file server"
#     aware_at = 2026-03-01T10:00:00+01:00
#     significant = true
#     early_warning_at = 2026-03-01T18:30:00+01:00
#     notification_at = 2026-03-03T16:00:00+01:00
package nis2check.rules.incidents.incident_notification

import data.nis2check.lib.dates
import data.nis2check.lib.dates.as_of_ns
import data.nis2check.lib.dates.hour_ns
import data.nis2check.lib.index.is_tsp
import data.nis2check.lib.result

# A trust service provider has 24 h for an incident that affects its trust services, which an
# incident of such a provider is taken to do unless it says otherwise.
_trust_services(inc) if {
	is_tsp
	not inc.trust_services == false
}

_limit_hours(inc) := 24 if _trust_services(inc)

_limit_hours(inc) := 72 if not _trust_services(inc)

_allowed(inc) := "NIS2 allows 24 h for a trust service provider" if _trust_services(inc)

_allowed(inc) := "NIS2 allows 72 h" if {
	not _trust_services(inc)
	not is_tsp
}

_allowed(inc) := "NIS2 allows 72 h for an incident that does not affect the trust services" if {
	is_tsp
	inc.trust_services == false
}

deny contains result.with_related(finding, [_aware_label(inc)]) if {
	some inc in input.incidents
	inc.significant == true
	taken := dates.ts_ns(inc.notification_at) - dates.ts_ns(inc.aware_at)
	taken > _limit_hours(inc) * hour_ns
	msg := sprintf(
		"incident notification for incident '%s' sent %s after awareness; %s",
		[inc.id, dates.duration_text(taken), _allowed(inc)],
	)
	finding := result.entity("incident", inc.id, ["notification_at"], msg)
}

deny contains result.with_related(finding, [_aware_label(inc)]) if {
	some inc in input.incidents
	inc.significant == true
	not inc.notification_at
	due := dates.ts_ns(inc.aware_at) + (_limit_hours(inc) * hour_ns)
	due < as_of_ns
	msg := sprintf(
		"significant incident '%s' has no notification_at; the incident notification was due by %s (%s)",
		[inc.id, dates.format_ts(due), _allowed(inc)],
	)
	finding := result.entity("incident", inc.id, ["notification_at"], msg)
}

_aware_label(inc) := result.related("incident", inc.id, ["aware_at"], "awareness recorded here")
