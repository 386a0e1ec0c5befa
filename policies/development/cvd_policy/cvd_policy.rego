# METADATA
# scope: package
# title: A coordinated vulnerability disclosure policy is published
# description: >-
#   Outsiders who find a vulnerability need to know how to report it safely. The repository
#   needs a document of type `vulnerability-disclosure` with `published = true`. When such
#   documents exist but none is published, each of them is reported.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(e)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 6.10.2
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 8.08.06 (v1.2; 5.24.08 in v1.3)
# custom:
#   id: DEV002
#   severity: error
#   frameworks:
#     nis2: ["21(2)(e)"]
#     cir-2024-2690: ["6.10.2"]
#     bio2: ["8.08.06"]
#   bio2_version: "1.2"
#   remediation: >-
#     Publish a coordinated vulnerability disclosure policy (for example on the website and in
#     /.well-known/security.txt), record it as a `[[document]]` with
#     `type = "vulnerability-disclosure"` and set `published = true`.
#   example: |
#     [[document]]
#     id = "cvd"
#     type = "vulnerability-disclosure"
#     title = "Coordinated vulnerability disclosure policy"
#     owner = "p-ciso"
#     url = "https://www.example.nl/cvd"
#     published = true
package nis2check.rules.development.cvd_policy

import data.nis2check.lib.result

_cvd_documents := [d | some d in input.documents; d.type == "vulnerability-disclosure"]

deny contains result.org([], msg) if {
	count(_cvd_documents) == 0
	msg := "no document of type \"vulnerability-disclosure\"; a coordinated vulnerability disclosure policy must be published"
}

deny contains result.entity("document", doc.id, ["published"], _msg(doc)) if {
	not _any_published
	some doc in _cvd_documents
}

_any_published if {
	some doc in _cvd_documents
	doc.published == true
}

_msg(doc) := sprintf(
	"vulnerability disclosure policy '%s' has published = false; it must be public (published = true)",
	[doc.id],
) if {
	doc.published == false
} else := sprintf(
	"vulnerability disclosure policy '%s' does not record published; it must be public (set published = true)",
	[doc.id],
)
