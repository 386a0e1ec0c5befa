# METADATA
# scope: package
# title: Privileged access to critical assets is reviewed within the interval
# description: >-
#   Administrator and other privileged rights give the most power over a system and are
#   reviewed more often than ordinary access. Every asset with `criticality = "critical"`
#   needs a `privileged_access_reviewed_at` within the organisation's
#   `privileged_access_review_months` (default 3) before the evaluation date.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(i)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 11.3
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 8.02.01
# custom:
#   id: ACC004
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(i)"]
#     cir-2024-2690: ["11.3"]
#     bio2: ["8.02.01"]
#   bio2_version: "1.2"
#   remediation: >-
#     Review the privileged and administrator accounts of the asset, remove rights that are no
#     longer needed, document the result and record the date as
#     `privileged_access_reviewed_at` on the asset.
#   example: |
#     [[asset]]
#     id = "crm"
#     name = "CRM"
#     type = "application"
#     criticality = "critical"
#     privileged_access_reviewed_at = 2026-06-01
package nis2check.rules.access.privileged_access_review

import data.nis2check.lib.dates
import data.nis2check.lib.result

deny contains result.entity("asset", asset.id, ["privileged_access_reviewed_at"], _msg(asset, months)) if {
	months := dates.interval("privileged_access_review_months")
	cutoff := dates.not_before(months)
	some asset in input.assets
	asset.criticality == "critical"
	not object.get(asset, "privileged_access_reviewed_at", "") >= cutoff # missing means failing
}

_msg(asset, months) := sprintf(
	"critical asset '%s' last had a privileged access review on %s; one is needed every %d months (due %s)",
	[asset.id, last, months, dates.format_date(dates.due_ns(last, months))],
) if {
	last := asset.privileged_access_reviewed_at
} else := sprintf(
	"critical asset '%s' has no privileged_access_reviewed_at; a privileged access review is needed every %d months",
	[asset.id, months],
)
