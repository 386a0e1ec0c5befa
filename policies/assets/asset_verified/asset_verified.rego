# METADATA
# scope: package
# title: Every asset entry was verified within the verification interval
# description: >-
#   An inventory is only useful while it is current. Every asset needs a `last_verified_at`
#   (the date its inventory entry was last checked against reality) within the
#   organisation's `asset_verification_months` (default 12) before the evaluation date.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(i)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 12.4
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.09.01
# custom:
#   id: AST005
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(i)"]
#     cir-2024-2690: ["12.4"]
#     bio2: ["5.09.01"]
#   bio2_version: "1.2"
#   remediation: >-
#     Check the asset's inventory entry (owner, classification, suppliers, whether it still
#     exists), correct it and record the date as `last_verified_at`.
#   example: |
#     [[asset]]
#     id = "crm"
#     name = "CRM"
#     type = "application"
#     last_verified_at = 2026-05-01
package nis2check.rules.assets.asset_verified

import data.nis2check.lib.dates
import data.nis2check.lib.result

# One pass over the assets and no helper call: this runs for every asset, and a call costs
# more than the test itself (BENCHMARKS.md). A missing date reads as "", which sorts before
# every date, so it fails the same comparison.
deny contains result.entity("asset", asset.id, ["last_verified_at"], _msg(asset.id, last, months)) if {
	months := dates.interval("asset_verification_months")
	cutoff := dates.not_before(months)
	some asset in input.assets
	last := object.get(asset, "last_verified_at", "")
	last < cutoff
}

_msg(id, last, months) := sprintf(
	"asset '%s' has no last_verified_at; the inventory entry must be verified every %d months",
	[id, months],
) if {
	last == ""
} else := sprintf(
	"asset '%s' was last verified on %s; the inventory entry must be verified every %d months (due %s)",
	[id, last, months, dates.format_date(dates.due_ns(last, months))],
)
