# METADATA
# scope: package
# title: Critical assets have a recent restore test
# description: >-
#   Backups only count when a restore has been shown to work. Every asset with
#   `criticality = "critical"` needs `backup.last_restore_test` within the organisation's
#   `restore_test_months` (default 12) before the evaluation date.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(c)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 4.2.6
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 8.13.04
# custom:
#   id: BCM001
#   severity: error
#   frameworks:
#     nis2: ["21(2)(c)"]
#     cir-2024-2690: ["4.2.6"]
#     bio2: ["8.13.04"]
#   bio2_version: "1.2"
#   remediation: >-
#     Run a restore test of the asset's backup and record its date as
#     `backup.last_restore_test` on the asset.
#   example: |
#     [[asset]]
#     id = "crm"
#     name = "CRM"
#     type = "application"
#     criticality = "critical"
#     backup = { offsite = true, last_restore_test = 2026-05-01 }
package nis2check.rules.continuity.restore_test

import data.nis2check.lib.dates
import data.nis2check.lib.result

deny contains result.entity("asset", asset.id, ["backup", "last_restore_test"], _msg(asset, months)) if {
	months := dates.interval("restore_test_months")
	cutoff := dates.not_before(months)
	some asset in input.assets
	asset.criticality == "critical"
	not _restore_tested(asset, cutoff)
}

_restore_tested(asset, cutoff) if asset.backup.last_restore_test >= cutoff

_msg(asset, months) := sprintf(
	"critical asset '%s' last had a restore test on %s; one is needed every %d months (due %s)",
	[asset.id, last, months, dates.format_date(dates.due_ns(last, months))],
) if {
	last := asset.backup.last_restore_test
} else := sprintf(
	"critical asset '%s' has no backup.last_restore_test; a restore test is needed every %d months",
	[asset.id, months],
)
