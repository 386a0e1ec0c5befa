# METADATA
# scope: package
# title: The security policy is reviewed after a significant incident
# description: >-
#   A significant incident is a reason to look at the security policy again, not only the
#   yearly review (CIR 2024/2690 Annex 1.1.2). For every document of type `security-policy`,
#   the later of `reviewed_at` and `approved_at` must not lie before the day the latest
#   significant incident (`significant = true`) was resolved (`resolved_at`, or `aware_at`
#   while it is still open). Days are compared as written in the timestamp's own offset. A
#   policy with neither date fails once there is a significant incident.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(a)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 1.1.2
# custom:
#   id: GOV004
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(a)"]
#     cir-2024-2690: ["1.1.2"]
#   remediation: >-
#     Review the security policy in the light of the incident's root cause and lessons learned,
#     update it where needed, and record the date as `reviewed_at` (or `approved_at` for a new
#     approved version).
#   example: |
#     [[incident]]
#     id = "inc-2026-01"
#     title = "Ransomware on a file server"
#     aware_at = 2026-02-03T08:15:00+01:00
#     resolved_at = 2026-02-10T17:00:00+01:00
#     significant = true
#
#     [[document]]
#     id = "security-policy"
#     type = "security-policy"
#     title = "Information security policy"
#     owner = "p-ciso"
#     approved_by = ["p-director"]
#     approved_at = 2025-01-15
#     reviewed_at = 2026-03-02
package nis2check.rules.governance.policy_reviewed_after_incident

import data.nis2check.lib.index.incidents as incidents_by_id
import data.nis2check.lib.result

_review_fields := ["reviewed_at", "approved_at"]

# The day (YYYY-MM-DD, in the timestamp's own offset) each significant incident ended, or
# began when it is still open.
_incident_days := {inc.id: day |
	some inc in input.incidents
	inc.significant == true
	day := substring(_incident_end(inc), 0, 10)
}

_incident_end(inc) := inc[_incident_field(inc)]

_incident_field(inc) := "resolved_at" if {
	inc.resolved_at
} else := "aware_at"

_latest_day := max({day | some day in _incident_days})

# The latest significant incident (the smallest id among those ending on the latest day).
_latest_id := min({id | some id, day in _incident_days; day == _latest_day})

deny contains result.with_related(finding, [label]) if {
	latest := _latest_day
	inc := incidents_by_id[_latest_id]
	some doc in input.documents
	doc.type == "security-policy"
	not _reviewed_since(doc, latest)
	finding := result.entity("document", doc.id, _field(doc), _msg(doc, inc, latest))
	field := _incident_field(inc)
	label := result.related("incident", inc.id, [field], _label[field])
}

_label := {
	"resolved_at": "the significant incident was resolved here",
	"aware_at": "the significant incident is still open; awareness recorded here",
}

# "YYYY-MM-DD" strings compare as dates.
_reviewed_since(doc, day) if {
	some k in _review_fields
	doc[k] >= day
}

_last_review(doc) := max({doc[k] | some k in _review_fields; doc[k]})

_field(doc) := ["reviewed_at"] if {
	doc.reviewed_at == _last_review(doc)
} else := ["approved_at"] if {
	doc.approved_at
} else := ["reviewed_at"]

_msg(doc, inc, day) := sprintf(
	"security policy '%s' was last reviewed on %s, before significant incident '%s' (%s %s); review it in the light of the incident",
	[doc.id, _last_review(doc), inc.id, _verb_short[_incident_field(inc)], day],
) if {
	_last_review(doc)
} else := sprintf(
	"security policy '%s' has no reviewed_at or approved_at date; it must be reviewed after significant incident '%s' (%s %s)",
	[doc.id, inc.id, _verb_short[_incident_field(inc)], day],
)

_verb_short := {"resolved_at": "resolved", "aware_at": "open since"}
