# METADATA
# scope: package
# title: Every asset has an owner
# description: >-
#   An asset inventory is only useful when someone answers for each entry. Every asset needs an
#   `owner`, the id of the person responsible for it.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 12.4
# custom:
#   id: AST001
#   severity: error
#   frameworks:
#     nis2: ["21(2)(i)"]
#     cir-2024-2690: ["12.4"]
#   remediation: >-
#     Name the person responsible for the asset as `owner` (a person id).
#   example: |
#     [[asset]]
#     id = "crm"
#     name = "CRM"
#     type = "application"
#     owner = "p-sales-lead"
package nis2check.rules.assets.asset_owner

import data.nis2check.lib.result

# One pass over the assets and no helper call: this runs for every asset, and a call costs
# more than the test itself (BENCHMARKS.md). A missing owner reads as "".
deny contains result.entity("asset", asset.id, ["owner"], msg) if {
	some asset in input.assets
	trim_space(object.get(asset, "owner", "")) == ""
	msg := sprintf("asset '%s' has no owner; name the person responsible for it", [asset.id])
}
