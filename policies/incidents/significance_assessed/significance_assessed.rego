# METADATA
# scope: package
# title: Every incident has a significance assessment
# description: >-
#   The reporting duties of NIS2 apply to significant incidents: those that cause or can cause
#   severe operational disruption or financial loss, or considerable damage to others. The
#   reporting rules can only be checked when the entity has made that assessment, so every
#   incident must say `significant = true` or `significant = false`.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 23(3)
# custom:
#   id: INC004
#   severity: warning
#   frameworks:
#     nis2: ["23(3)"]
#   remediation: >-
#     Assess the incident against the significance criteria (people affected, duration,
#     financial loss, damage to others) and record the outcome as `significant`.
#   example: |
#     [[incident]]
#     id = "inc-2026-002"
#     title = "Phishing mail reported"
#     aware_at = 2026-04-02T09:00:00+02:00
#     significant = false
package nis2check.rules.incidents.significance_assessed

import data.nis2check.lib.result

deny contains result.entity("incident", inc.id, ["significant"], msg) if {
	some inc in input.incidents
	not _assessed(inc)
	msg := sprintf("incident '%s' has no significance assessment; set significant = true or false", [inc.id])
}

_assessed(inc) if is_boolean(inc.significant)
