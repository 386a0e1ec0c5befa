# METADATA
# scope: package
# title: Access rights to critical and high assets are reviewed within the interval
# description: >-
#   Access rights pile up as people change roles; only a periodic review removes what is no
#   longer needed. Every asset with `criticality` `critical` or `high` needs an
#   `access_reviewed_at` within the organisation's `access_review_months` (default 12) before
#   the evaluation date.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(i)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 11.2.3
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.18.02
# custom:
#   id: ACC003
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(i)"]
#     cir-2024-2690: ["11.2.3"]
#     bio2: ["5.18.02"]
#   bio2_version: "1.2"
#   remediation: >-
#     Review who has access to the asset, remove what is no longer needed, document the result
#     and record the date as `access_reviewed_at` on the asset.
#   example: |
#     [[asset]]
#     id = "crm"
#     name = "CRM"
#     type = "application"
#     criticality = "high"
#     access_reviewed_at = 2026-03-01
package nis2check.rules.access.access_review

import data.nis2check.lib.dates
import data.nis2check.lib.result

_in_scope := {"critical", "high"}

deny contains result.entity("asset", asset.id, ["access_reviewed_at"], _msg(asset, months)) if {
	months := dates.interval("access_review_months")
	cutoff := dates.not_before(months)
	# Package-level values are looked up once, before the loop: a reference to a rule inside
	# the loop is resolved again for every asset (BENCHMARKS.md).
	in_scope := _in_scope
	some asset in input.assets
	asset.criticality in in_scope
	not object.get(asset, "access_reviewed_at", "") >= cutoff # missing means failing
}

_msg(asset, months) := sprintf(
	"%s asset '%s' last had an access review on %s; one is needed every %d months (due %s)",
	[asset.criticality, asset.id, last, months, dates.format_date(dates.due_ns(last, months))],
) if {
	last := asset.access_reviewed_at
} else := sprintf(
	"%s asset '%s' has no access_reviewed_at; an access review is needed every %d months",
	[asset.criticality, asset.id, months],
)
