# METADATA
# scope: package
# title: Resolved significant incidents record root cause and lessons learned
# description: >-
#   The CIR asks for a post-incident review of significant incidents that establishes the root
#   cause and the lessons learned, so the measures can be improved. Every incident with
#   `significant = true` and a `resolved_at` needs a non-empty `root_cause` and
#   `lessons_learned`.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(b)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 3.6.1
# custom:
#   id: INC005
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(b)"]
#     cir-2024-2690: ["3.6.1"]
#   remediation: >-
#     Hold a post-incident review and record its outcome as `root_cause` and `lessons_learned`
#     on the incident.
#   example: |
#     [[incident]]
#     id = "inc-2026-001"
#     title = "Ransomware on file server"
#     aware_at = 2026-03-01T10:00:00+01:00
#     significant = true
#     resolved_at = 2026-03-10T12:00:00+01:00
#     root_cause = "Unpatched VPN appliance"
#     lessons_learned = "Patch edge devices within 48 h; alert on new admin accounts"
package nis2check.rules.incidents.root_cause

import data.nis2check.lib.result

_required := ["root_cause", "lessons_learned"]

deny contains result.entity("incident", inc.id, _field(missing), msg) if {
	some inc in input.incidents
	inc.significant == true
	inc.resolved_at
	missing := [k | some k in _required; not _filled(inc, k)]
	count(missing) > 0
	msg := sprintf(
		"resolved significant incident '%s' has no %s; record the post-incident review",
		[inc.id, concat(" or ", missing)],
	)
}

_filled(inc, key) if trim_space(inc[key]) != ""

# One missing field is labelled; with both missing, the incident itself.
_field(missing) := [missing[0]] if count(missing) == 1

_field(missing) := [] if count(missing) > 1
