# METADATA
# scope: package
# title: Every asset has an owner
# description: >-
#   An asset inventory is only useful when someone answers for each entry. Every asset needs an
#   `owner`, the id of the person responsible for it.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(i)
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

# This runs for every asset, and a call (trim_space, object.get) costs more than a comparison
# (BENCHMARKS.md). An owner that starts with a printable ASCII character ("!" to "~") is not
# blank, and that is nearly every owner: only the others are trimmed. Three passes: a missing
# owner; "" or an owner starting with a space or a control character; an owner starting beyond
# ASCII, which may be a Unicode space (U+00A0, U+3000, ...). (Not one pass with
# `not asset.owner >= "!"`: OPA takes a possibly undefined argument out of a negated call, so
# a missing owner would fail the body there and count as blank here.)
deny contains _finding(asset) if {
	some asset in input.assets
	not asset.owner
}

deny contains _finding(asset) if {
	some asset in input.assets
	asset.owner < "!"
	trim_space(asset.owner) == ""
}

deny contains _finding(asset) if {
	some asset in input.assets
	asset.owner >= "\u007f"
	trim_space(asset.owner) == ""
}

_finding(asset) := result.entity(
	"asset", asset.id, ["owner"],
	sprintf("asset '%s' has no owner; name the person responsible for it", [asset.id]),
)
