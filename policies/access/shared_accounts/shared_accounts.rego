# METADATA
# scope: package
# title: Shared accounts are justified
# description: >-
#   Actions taken with a shared account cannot be traced to a person, so shared identities are
#   only allowed where they are needed and documented. Every asset with
#   `shared_accounts = true` needs a non-empty `shared_accounts_justification`.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(i)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 11.5.3
# custom:
#   id: ACC005
#   severity: error
#   frameworks:
#     nis2: ["21(2)(i)"]
#     cir-2024-2690: ["11.5.3"]
#   remediation: >-
#     Replace the shared accounts with personal ones, or document why they are needed (and who
#     approved them) in `shared_accounts_justification`.
#   example: |
#     [[asset]]
#     id = "plc-panel"
#     name = "PLC operator panel"
#     type = "ot"
#     shared_accounts = true
#     shared_accounts_justification = "The panel supports one operator login only; approved by the CISO, access logged at the control-room door"
package nis2check.rules.access.shared_accounts

import data.nis2check.lib.result

deny contains result.entity("asset", asset.id, ["shared_accounts_justification"], msg) if {
	some asset in input.assets
	asset.shared_accounts == true
	not _justified(asset)
	msg := sprintf(
		"asset '%s' has shared_accounts = true but no shared_accounts_justification; document why shared accounts are needed",
		[asset.id],
	)
}

_justified(asset) if trim_space(asset.shared_accounts_justification) != ""
