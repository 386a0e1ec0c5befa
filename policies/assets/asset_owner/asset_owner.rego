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

# Missing and blank are two bodies, each tested inline: this runs for every asset, and a call
# to a helper per asset costs more than the test itself (BENCHMARKS.md).
deny contains result.entity("asset", asset.id, ["owner"], _msg(asset)) if {
	some asset in input.assets
	not asset.owner
}

deny contains result.entity("asset", asset.id, ["owner"], _msg(asset)) if {
	some asset in input.assets
	trim_space(asset.owner) == ""
}

_msg(asset) := sprintf("asset '%s' has no owner; name the person responsible for it", [asset.id])

