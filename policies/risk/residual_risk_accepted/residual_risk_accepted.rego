# METADATA
# scope: package
# title: Residual risk above the tolerance is accepted by the management body
# description: >-
#   The CIR asks that residual risks be accepted by the management body or the persons
#   accountable. A risk whose residual score (`residual_likelihood` × `residual_impact`, or
#   `likelihood` × `impact` when no residual values are given) exceeds the risk tolerance
#   (`[risk] tolerance` in nis2check.toml, default 8) must have `accepted_by` naming at least
#   one current management-body member, an `accepted_at` date and a `justification`. Closed
#   risks are skipped.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(a)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 2.1.1
# custom:
#   id: RSK001
#   severity: error
#   frameworks:
#     nis2: ["21(2)(a)"]
#     cir-2024-2690: ["2.1.1"]
#   remediation: >-
#     Treat the risk further until the residual score is within the tolerance, or have the
#     management body accept it: record `accepted_by` (management-body person ids),
#     `accepted_at` and a `justification`.
#   example: |
#     [[risk]]
#     id = "r-legacy-erp"
#     title = "Unsupported ERP version"
#     likelihood = 4
#     impact = 4
#     residual_likelihood = 3
#     residual_impact = 4
#     status = "accepted"
#     accepted_by = ["p-director"]
#     accepted_at = 2026-02-01
#     justification = "Replacement planned in Q4; compensating network isolation in place"
#
#     [[person]]
#     id = "p-director"
#     name = "A. de Vries"
#     roles = ["management-body"]
package nis2check.rules.risk.residual_risk_accepted

import data.nis2check.lib.index.management_body
import data.nis2check.lib.result

_tolerance := t if {
	t := input.meta.risk_tolerance
} else := 8

# Open risks above the tolerance, each with its score text ("12 (residual 3 × 4)"), found once
# for the three rules below.
_above := [[r, text] |
	tolerance := _tolerance
	some r in input.risks
	not r.status == "closed"
	score := _score(r)
	score > tolerance
	text := sprintf("residual score %s above the tolerance of %d", [_score_text(r, score), tolerance])
]

deny contains result.entity("risk", r.id, ["accepted_by"], msg) if {
	some [r, above] in _above
	not _accepted_by_management(r)
	msg := sprintf("risk '%s' has a %s but %s", [r.id, above, _acceptors_text(r)])
}

deny contains result.entity("risk", r.id, ["accepted_at"], msg) if {
	some [r, above] in _above
	not r.accepted_at
	msg := sprintf("risk '%s' has a %s but no accepted_at date", [r.id, above])
}

deny contains result.entity("risk", r.id, ["justification"], msg) if {
	some [r, above] in _above
	not _justified(r)
	msg := sprintf("risk '%s' has a %s but no justification for accepting it", [r.id, above])
}

# The residual values when both are numbers, else the inherent ones.
_has_residual(r) if {
	is_number(r.residual_likelihood)
	is_number(r.residual_impact)
}

_score(r) := r.residual_likelihood * r.residual_impact if _has_residual(r) else := r.likelihood * r.impact

_score_text(r, score) := sprintf("%d (residual %d × %d)", [score, r.residual_likelihood, r.residual_impact]) if {
	_has_residual(r)
} else := sprintf("%d (%d × %d, no residual values)", [score, r.likelihood, r.impact])

_accepted_by_management(r) if {
	some id in r.accepted_by
	id in management_body
}

_acceptors_text(r) := sprintf("accepted_by (%s) names no current management-body member", [concat(", ", r.accepted_by)]) if {
	count(r.accepted_by) > 0
} else := "no acceptance by a current management-body member"

_justified(r) if trim_space(r.justification) != ""
