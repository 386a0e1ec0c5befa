# METADATA
# scope: package
# title: Nobody approves their own work
# description: >-
#   Conflicting duties are kept apart (CIR 2024/2690 Annex 1.2.5): an approval only means
#   something when someone other than the author gives it. The rule reports a control whose
#   `approved_by` is its own `owner`, a document whose `approved_by` names only its `owner`,
#   and a risk whose `accepted_by` names only its `owner`. A risk owner who accepts a residual
#   risk together with someone else is not reported: ISO/IEC 27001 clause 6.1.3 has risk
#   owners approve the treatment and accept residual risk, so their co-signature is expected.
#   One finding per case.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(a)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 1.2.5
# custom:
#   id: GOV006
#   severity: error
#   frameworks:
#     nis2: ["21(2)(a)"]
#     cir-2024-2690: ["1.2.5"]
#     iso27001-2022: ["A.5.3"]
#   remediation: >-
#     Have someone other than the owner approve: set `approved_by` (controls, documents) or
#     `accepted_by` (risks) to a person who does not own the item, e.g. a management-body member.
#   example: |
#     [[control]]
#     id = "c-mfa"
#     title = "MFA on all internet-facing services"
#     status = "implemented"
#     owner = "p-it"
#     requirements = ["nis2:21(2)(j)"]
#     approved_by = "p-ciso"
package nis2check.rules.governance.segregation_of_duties

import data.nis2check.lib.result

deny contains _finding("control", c, "approved_by", msg) if {
	some c in input.controls
	c.approved_by == c.owner
	msg := sprintf("control '%s' is approved by its own owner '%s'; another person must approve it", [c.id, c.owner])
}

deny contains _finding("document", d, "approved_by", msg) if {
	some d in input.documents
	d.approved_by[0] == d.owner # cheap first test: the call only where it can hold
	_only_owner(d.approved_by, d.owner)
	msg := sprintf("document '%s' is approved only by its own owner '%s'; another person must approve it", [d.id, d.owner])
}

deny contains _finding("risk", r, "accepted_by", msg) if {
	some r in input.risks
	r.accepted_by[0] == r.owner
	_only_owner(r.accepted_by, r.owner)
	msg := sprintf("risk '%s' is accepted only by its own owner '%s'; someone else must accept it too, e.g. the management body", [r.id, r.owner])
}

# A non-empty list whose every entry is the owner.
_only_owner(list, owner) if {
	count(list) > 0
	every id in list {
		id == owner
	}
}

_finding(kind, entity, field, msg) := result.with_related(
	result.entity(kind, entity.id, [field], msg),
	[result.related(kind, entity.id, ["owner"], "the owner")],
)
