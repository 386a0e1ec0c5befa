# METADATA
# scope: package
# title: BIO2 government measures are not risk-accepted
# description: >-
#   BIO2 makes its government measures (part 2, e.g. `bio2:5.17.01`) mandatory: a measure can
#   be left out only when it does not apply, declared as such in the Statement of
#   Applicability with a justification. Accepting the risk of not applying a measure that does
#   apply is not allowed. A risk with `treatment = "accept"` therefore must not list any
#   `bio2:` requirement in its `requirements`. One finding per BIO2 measure named. (Leaving out
#   an ISO/IEC 27002 control that has no government measure is different: that needs a risk
#   analysis, which such a risk may record.)
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(a)
#   - ref: https://www.bio-overheid.nl
#     description: BIO2, Statement of Applicability and exceptions
# custom:
#   id: SOA003
#   severity: error
#   frameworks:
#     nis2: ["21(2)(a)"]
#   remediation: >-
#     Implement the BIO2 measure (and change the risk's treatment to `mitigate`), or, if the
#     measure really does not apply, record it on a control with `status = "not-applicable"`
#     and a `justification`, and remove it from the risk's `requirements`.
#   example: |
#     [[risk]]
#     id = "r-legacy-mfa"
#     title = "Legacy application cannot enforce MFA"
#     treatment = "accept"
#     requirements = ["iso27001:A.8.5"]
package nis2check.rules.soa.bio2_not_risk_accepted

import data.nis2check.lib.result

deny contains result.with_related(finding, [_treatment_label(r)]) if {
	some r in input.risks
	r.treatment == "accept"
	some i, req in r.requirements
	startswith(req, "bio2:")
	msg := sprintf(
		"risk '%s' accepts not applying BIO2 measure %s; a BIO2 government measure cannot be risk-accepted: implement it, or mark it not-applicable on a control with a justification",
		[r.id, substring(req, 5, -1)],
	)
	finding := result.entity("risk", r.id, ["requirements", i], msg)
}

_treatment_label(r) := result.related("risk", r.id, ["treatment"], "treatment = \"accept\" set here")
