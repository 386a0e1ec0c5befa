# METADATA
# scope: package
# title: The security policy is approved by the management body
# description: >-
#   NIS2 makes the management body approve the cybersecurity risk-management measures, and
#   the CIR asks for the date of that formal approval. The repository must hold at least one
#   document of type `security-policy`, and each one needs an `approved_at` date and an
#   `approved_by` list naming at least one current member of the management body (a person
#   with the role `management-body` who has not left).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 20(1)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 1.1.1(k)
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.01.01
# custom:
#   id: GOV001
#   severity: error
#   frameworks:
#     nis2: ["20(1)"]
#     cir-2024-2690: ["1.1.1(k)"]
#     bio2: ["5.01.01"]
#   bio2_version: "1.2"
#   remediation: >-
#     Add a `[[document]]` with `type = "security-policy"`, have it approved by the management
#     body and record the approvers (`approved_by`, person ids with the role
#     `management-body`) and the date (`approved_at`).
#   example: |
#     [[document]]
#     id = "security-policy"
#     type = "security-policy"
#     title = "Information security policy"
#     owner = "p-ciso"
#     approved_by = ["p-director"]
#     approved_at = 2026-01-15
#
#     [[person]]
#     id = "p-director"
#     name = "A. de Vries"
#     roles = ["management-body"]
package nis2check.rules.governance.security_policy_approved

import data.nis2check.lib.index.management_body
import data.nis2check.lib.result

_policies := [d | some d in input.documents; d.type == "security-policy"]

deny contains result.org([], msg) if {
	count(_policies) == 0
	msg := "no document of type \"security-policy\"; the management body must approve a security policy"
}

deny contains result.entity("document", doc.id, ["approved_at"], msg) if {
	some doc in _policies
	not doc.approved_at
	msg := sprintf("security policy '%s' has no approved_at; record the date the management body approved it", [doc.id])
}

deny contains result.entity("document", doc.id, ["approved_by"], _approvers_msg(doc)) if {
	some doc in _policies
	not _approved_by_management(doc)
}

_approved_by_management(doc) if {
	some id in doc.approved_by
	id in management_body
}

_approvers_msg(doc) := msg if {
	count(doc.approved_by) > 0
	msg := sprintf(
		"security policy '%s' is approved by %s, none of whom is a current management-body member",
		[doc.id, concat(", ", doc.approved_by)],
	)
} else := sprintf("security policy '%s' has no approver; a current management-body member must approve it", [doc.id])
