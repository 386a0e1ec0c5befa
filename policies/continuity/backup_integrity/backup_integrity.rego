# METADATA
# scope: package
# title: Critical assets have a recent backup integrity check
# description: >-
#   Backup copies can be silently corrupted or tampered with. Every asset with
#   `criticality = "critical"` needs `backup.integrity_checked_at` within the organisation's
#   `restore_test_months` (default 12) before the evaluation date.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(c)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 4.2.3
# custom:
#   id: BCM005
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(c)"]
#     cir-2024-2690: ["4.2.3"]
#   remediation: >-
#     Check the integrity of the asset's backup copies (checksums, test reads, immutability
#     reports) and record the date as `backup.integrity_checked_at` on the asset.
#   example: |
#     [[asset]]
#     id = "crm"
#     name = "CRM"
#     type = "application"
#     criticality = "critical"
#     backup = { offsite = true, integrity_checked_at = 2026-06-01 }
package nis2check.rules.continuity.backup_integrity

import data.nis2check.lib.dates
import data.nis2check.lib.result

deny contains result.entity("asset", asset.id, ["backup", "integrity_checked_at"], _msg(asset, months)) if {
	months := dates.interval("restore_test_months")
	cutoff := dates.not_before(months)
	some asset in input.assets
	asset.criticality == "critical"
	not _checked_recently(asset, cutoff)
}

_checked_recently(asset, cutoff) if asset.backup.integrity_checked_at >= cutoff

_msg(asset, months) := sprintf(
	"critical asset '%s' last had a backup integrity check on %s; one is needed every %d months (due %s)",
	[asset.id, last, months, dates.format_date(dates.due_ns(last, months))],
) if {
	last := asset.backup.integrity_checked_at
} else := sprintf(
	"critical asset '%s' has no backup.integrity_checked_at; a backup integrity check is needed every %d months",
	[asset.id, months],
)
