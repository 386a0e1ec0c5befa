# METADATA
# scope: package
# title: Critical assets are backed up off-site
# description: >-
#   A backup that sits on the same network or in the same building as the system is lost in
#   the same incident. Every asset with `criticality = "critical"` needs
#   `backup.offsite = true`: its backups are kept outside the system's network, far enough
#   away to survive a disaster at the main site.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(c)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 4.2.2
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 8.13.03
# custom:
#   id: BCM004
#   severity: error
#   frameworks:
#     nis2: ["21(2)(c)"]
#     cir-2024-2690: ["4.2.2"]
#     bio2: ["8.13.03"]
#   bio2_version: "1.2"
#   remediation: >-
#     Keep a copy of the asset's backups at a separate location outside its network (another
#     site, region or provider) and set `backup.offsite = true`.
#   example: |
#     [[asset]]
#     id = "crm"
#     name = "CRM"
#     type = "application"
#     criticality = "critical"
#     backup = { offsite = true }
package nis2check.rules.continuity.offsite_backup

import data.nis2check.lib.result

deny contains result.entity("asset", asset.id, ["backup", "offsite"], _msg(asset)) if {
	some asset in input.assets
	asset.criticality == "critical"
	# Inline rather than a helper: this runs for every asset, and a call costs more than the test.
	not asset.backup.offsite == true
}

_msg(asset) := sprintf(
	"critical asset '%s' has backup.offsite = false; its backups must also be kept off-site",
	[asset.id],
) if {
	asset.backup.offsite == false
} else := sprintf(
	"critical asset '%s' does not record backup.offsite; its backups must also be kept off-site (set backup.offsite = true)",
	[asset.id],
)
