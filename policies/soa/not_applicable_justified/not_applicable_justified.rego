# METADATA
# scope: package
# title: A control marked not applicable says why
# description: >-
#   In a Statement of Applicability, excluding a requirement is a decision that must be
#   explained: the CIR (Art. 2(2)) requires written reasons when an entity does not apply a
#   point that the Annex makes conditional ("where appropriate"), and BIO2 government measures
#   may only be left out as not applicable with a justification. Every control with
#   `status = "not-applicable"` needs a non-blank `justification`. When the control names a
#   "where appropriate" point of an enabled catalogue, the message says so.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(a)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Art. 2(2)
# custom:
#   id: SOA002
#   severity: error
#   frameworks:
#     nis2: ["21(2)(a)"]
#   remediation: >-
#     Write down why the requirement does not apply (no such systems, no such service, covered
#     elsewhere) as `justification` on the control, or change its status if it does apply.
#   example: |
#     [[control]]
#     id = "c-dev-separation"
#     title = "Separate development, test and production environments"
#     status = "not-applicable"
#     owner = "p-ciso"
#     requirements = ["iso27001:A.8.31"]
#     justification = "No software is developed in-house; every application is bought as SaaS"
package nis2check.rules.soa.not_applicable_justified

import data.nis2check.lib.result

# Every "prefix:id" of an enabled catalogue that applies only "where appropriate", built once.
_where_appropriate := {req.ref |
	some fw in input.catalog
	some req in fw.requirements
	req.where_appropriate == true
}

deny contains result.entity("control", c.id, ["justification"], msg) if {
	some c in input.controls
	c.status == "not-applicable"
	not _justified(c)
	msg := sprintf(
		"control '%s' is marked not-applicable without a justification; record why it does not apply%s",
		[c.id, _where_appropriate_text(c)],
	)
}

_justified(c) if trim_space(c.justification) != ""

_where_appropriate_text(c) := sprintf(
	" (CIR Art. 2(2) requires written reasons for not applying %s)",
	[concat(", ", points)],
) if {
	points := sort([q | some q in c.requirements; q in _where_appropriate])
	count(points) > 0
} else := ""
