# METADATA
# scope: package
# title: Internet-facing assets enforce multi-factor authentication
# description: >-
#   NIS2 lists multi-factor authentication among the minimum measures, and BIO2 requires it at
#   least for internet-facing services. Every asset with `internet_facing = true` must have
#   `mfa = true` (MFA enforced for all interactive access).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(j)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 11.7
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.17.01
# custom:
#   id: ACC001
#   severity: error
#   frameworks:
#     nis2: ["21(2)(j)"]
#     cir-2024-2690: ["11.7"]
#     bio2: ["5.17.01"]
#   bio2_version: "1.2"
#   remediation: >-
#     Enforce multi-factor authentication for all interactive access to the asset and set
#     `mfa = true`.
#   example: |
#     [[asset]]
#     id = "portal"
#     name = "Citizen portal"
#     type = "application"
#     internet_facing = true
#     mfa = true
package nis2check.rules.access.mfa_internet_facing

import data.nis2check.lib.result

deny contains result.entity("asset", asset.id, ["mfa"], _msg(asset)) if {
	some asset in input.assets
	asset.internet_facing == true
	# Inline rather than a helper: this runs for every asset, and a call costs more than the test.
	not asset.mfa == true
}

_msg(asset) := sprintf("internet-facing asset '%s' has mfa = false; MFA is required", [asset.id]) if {
	asset.mfa == false
} else := sprintf("internet-facing asset '%s' does not record mfa; MFA is required (set mfa = true)", [asset.id])
