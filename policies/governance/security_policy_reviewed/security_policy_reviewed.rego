# METADATA
# scope: package
# title: The security policy is reviewed within the review interval
# description: >-
#   A security policy must be kept current: the CIR asks for a review at least once a year
#   (and after significant incidents or changes). For every document of type
#   `security-policy`, the later of `reviewed_at` and `approved_at` must lie within the
#   organisation's `policy_review_months` (default 12) before the evaluation date. A policy
#   with neither date fails.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(a)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 1.1.2
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.01.02
# custom:
#   id: GOV002
#   severity: error
#   frameworks:
#     nis2: ["21(2)(a)"]
#     cir-2024-2690: ["1.1.2"]
#     bio2: ["5.01.02"]
#   bio2_version: "1.2"
#   remediation: >-
#     Review the security policy, update it where needed and record the date as
#     `reviewed_at` (or `approved_at` when the management body approved a new version).
#   example: |
#     [[document]]
#     id = "security-policy"
#     type = "security-policy"
#     title = "Information security policy"
#     owner = "p-ciso"
#     approved_by = ["p-director"]
#     approved_at = 2025-01-15
#     reviewed_at = 2026-01-20
package nis2check.rules.governance.security_policy_reviewed

import data.nis2check.lib.dates
import data.nis2check.lib.result

_review_fields := ["reviewed_at", "approved_at"]

deny contains result.entity("document", doc.id, _field(doc), _msg(doc, months)) if {
	months := dates.interval("policy_review_months")
	some doc in input.documents
	doc.type == "security-policy"
	not _reviewed_recently(doc, months)
}

_reviewed_recently(doc, months) if {
	some k in _review_fields
	dates.within_months(doc[k], months)
}

# The most recent of reviewed_at / approved_at ("YYYY-MM-DD" strings sort as dates).
_last_review(doc) := max({doc[k] | some k in _review_fields; doc[k]})

# Label the date that counts; with neither date, the table header.
_field(doc) := ["reviewed_at"] if {
	doc.reviewed_at == _last_review(doc)
} else := ["approved_at"] if {
	doc.approved_at
} else := ["reviewed_at"]

_msg(doc, months) := sprintf(
	"security policy '%s' was last reviewed on %s; it must be reviewed every %d months (due %s)",
	[doc.id, last, months, dates.format_date(dates.due_ns(last, months))],
) if {
	last := _last_review(doc)
} else := sprintf(
	"security policy '%s' has no reviewed_at or approved_at date; it must be reviewed every %d months",
	[doc.id, months],
)
