# METADATA
# scope: package
# title: Every asset has a criticality
# description: >-
#   Which assets matter most decides where continuity, access and testing effort goes, and
#   several rules only check critical or high assets: an asset without a criticality would
#   escape them. Every asset needs a `criticality` (`critical`, `high`, `medium` or `low`).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(i)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 12.4
# custom:
#   id: AST003
#   severity: error
#   frameworks:
#     nis2: ["21(2)(i)"]
#     cir-2024-2690: ["12.4"]
#   remediation: >-
#     Decide how critical the asset is for the services it supports and set `criticality` to
#     `critical`, `high`, `medium` or `low`.
#   example: |
#     [[asset]]
#     id = "crm"
#     name = "CRM"
#     type = "application"
#     criticality = "high"
package nis2check.rules.assets.asset_criticality

import data.nis2check.lib.result

_levels := {"critical", "high", "medium", "low"}

deny contains result.entity("asset", asset.id, ["criticality"], msg) if {
	# Inline, not a helper: this runs for every asset, and a call costs more than the test
	# (BENCHMARKS.md). `object.get` keeps it portable: OPA makes `not levels[asset.criticality]`
	# false, not true, when the field is missing.
	levels := _levels
	some asset in input.assets
	not levels[object.get(asset, "criticality", "")]
	msg := sprintf(
		"asset '%s' has no criticality; set it to critical, high, medium or low",
		[asset.id],
	)
}
