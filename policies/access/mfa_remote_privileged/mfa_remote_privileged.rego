# METADATA
# scope: package
# title: Remote access and privileged accounts enforce multi-factor authentication
# description: >-
#   Remote access (VPN, remote desktop, vendor support, remote administration) and
#   administrator accounts are the favourite ways in for attackers. Every asset with
#   `remote_access = true` must have `mfa = true` (MFA enforced for all interactive access),
#   and every asset of criticality `critical` or `high` must have `admin_mfa = true` (MFA
#   enforced for administrator and other privileged accounts). A missing `mfa` or `admin_mfa`
#   fails. One finding per asset per missing property.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(j)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 11.7
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.17.01
# custom:
#   id: ACC002
#   severity: error
#   frameworks:
#     nis2: ["21(2)(j)"]
#     cir-2024-2690: ["11.7"]
#     bio2: ["5.17.01"]
#   bio2_version: "1.2"
#   remediation: >-
#     Enforce multi-factor authentication for all remote access to the asset (including
#     supplier and administrator access) and set `mfa = true`. On critical and high assets,
#     enforce it for administrator and other privileged accounts too and set
#     `admin_mfa = true`.
#   example: |
#     [[asset]]
#     id = "scada-historian"
#     name = "SCADA historian"
#     type = "system"
#     criticality = "critical"
#     remote_access = true
#     mfa = true
#     admin_mfa = true
package nis2check.rules.access.mfa_remote_privileged

import data.nis2check.lib.result

# Criticalities at which privileged accounts must use MFA.
_privileged_mfa_criticality := {"critical", "high"}

deny contains result.with_related(finding, [label]) if {
	some asset in input.assets
	asset.remote_access == true
	# Inline rather than a helper: this runs for every asset, and a call costs more than the test.
	not asset.mfa == true
	finding := result.entity("asset", asset.id, ["mfa"], _remote_msg(asset))
	label := result.related("asset", asset.id, ["remote_access"], "remote access enabled here")
}

deny contains result.with_related(finding, [label]) if {
	# Package-level values are looked up once, before the loop: a reference to a rule inside
	# the loop is resolved again for every asset (BENCHMARKS.md).
	in_scope := _privileged_mfa_criticality
	some asset in input.assets
	asset.criticality in in_scope
	not asset.admin_mfa == true
	finding := result.entity("asset", asset.id, ["admin_mfa"], _admin_msg(asset))
	label := result.related("asset", asset.id, ["criticality"], "MFA for privileged accounts is required at this criticality")
}

_remote_msg(asset) := sprintf("asset '%s' allows remote access but has mfa = false; MFA is required", [asset.id]) if {
	asset.mfa == false
} else := sprintf("asset '%s' allows remote access but does not record mfa; MFA is required (set mfa = true)", [asset.id])

_admin_msg(asset) := sprintf(
	"%s asset '%s' has admin_mfa = false; MFA is required for administrator and other privileged accounts",
	[asset.criticality, asset.id],
) if {
	asset.admin_mfa == false
} else := sprintf(
	"%s asset '%s' does not record admin_mfa; MFA is required for administrator and other privileged accounts (set admin_mfa = true)",
	[asset.criticality, asset.id],
)
