# METADATA
# scope: package
# title: Critical assets have recovery point and recovery time objectives
# description: >-
#   Backup and recovery can only be planned, and tested, against explicit objectives: how much
#   data may be lost and how long the asset may be down. Every asset with
#   `criticality = "critical"` needs `backup.rpo_hours` (recovery point objective) and
#   `backup.rto_hours` (recovery time objective), both numbers.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(c)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 4.1.2
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 8.13.02
# custom:
#   id: BCM003
#   severity: error
#   frameworks:
#     nis2: ["21(2)(c)"]
#     cir-2024-2690: ["4.1.2"]
#     bio2: ["8.13.02"]
#   bio2_version: "1.2"
#   remediation: >-
#     Set the maximum tolerable data loss and downtime from the risk assessment and record them
#     as `backup.rpo_hours` and `backup.rto_hours` on the asset.
#   example: |
#     [[asset]]
#     id = "crm"
#     name = "CRM"
#     type = "application"
#     criticality = "critical"
#     backup = { rpo_hours = 4, rto_hours = 8 }
package nis2check.rules.continuity.recovery_objectives

import data.nis2check.lib.result

_objectives := ["rpo_hours", "rto_hours"]

deny contains result.entity("asset", asset.id, _field(missing), msg) if {
	some asset in input.assets
	asset.criticality == "critical"
	not _both_set(asset)
	missing := [k | some k in _objectives; not _set(asset, k)]
	count(missing) > 0
	msg := sprintf(
		"critical asset '%s' has no %s; recovery point and recovery time objectives (backup.rpo_hours, backup.rto_hours) are required",
		[asset.id, concat(", ", [sprintf("backup.%s", [k]) | some k in missing])],
	)
}

_set(asset, key) if is_number(asset.backup[key])

# The usual case in one step, before the list of what is missing.
_both_set(asset) if {
	is_number(asset.backup.rpo_hours)
	is_number(asset.backup.rto_hours)
}

# One missing objective is labelled; with both missing, the backup table (or the asset).
_field(missing) := ["backup", missing[0]] if count(missing) == 1

_field(missing) := ["backup"] if count(missing) > 1
