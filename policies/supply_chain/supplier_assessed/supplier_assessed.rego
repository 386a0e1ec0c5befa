# METADATA
# scope: package
# title: Critical suppliers are assessed within the assessment interval
# description: >-
#   Supply-chain security means knowing how secure the suppliers one depends on are. Every
#   supplier with `criticality = "critical"` needs a security assessment (`assessed_at`) within
#   the organisation's `supplier_assessment_months` (default 12) before the evaluation date.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(d)
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.22.01
# custom:
#   id: SUP001
#   severity: error
#   frameworks:
#     nis2: ["21(2)(d)"]
#     bio2: ["5.22.01"]
#   bio2_version: "1.2"
#   remediation: >-
#     Assess the supplier's security (questionnaire, certificates, audit reports) and record the
#     date as `assessed_at` on the supplier.
#   example: |
#     [[supplier]]
#     id = "s-cloudco"
#     name = "CloudCo B.V."
#     provides = ["hosting"]
#     criticality = "critical"
#     assessed_at = 2026-02-10
package nis2check.rules.supply_chain.supplier_assessed

import data.nis2check.lib.dates
import data.nis2check.lib.result

deny contains result.entity("supplier", supplier.id, ["assessed_at"], _msg(supplier, months)) if {
	months := dates.interval("supplier_assessment_months")
	cutoff := dates.not_before(months)
	some supplier in input.suppliers
	supplier.criticality == "critical"
	not _assessed_recently(supplier, cutoff)
}

_assessed_recently(supplier, cutoff) if supplier.assessed_at >= cutoff

_msg(supplier, months) := sprintf(
	"critical supplier '%s' was last assessed on %s; an assessment is needed every %d months (due %s)",
	[supplier.id, last, months, dates.format_date(dates.due_ns(last, months))],
) if {
	last := supplier.assessed_at
} else := sprintf(
	"critical supplier '%s' has no assessed_at; an assessment is needed every %d months",
	[supplier.id, months],
)
