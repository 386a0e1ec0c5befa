# METADATA
# scope: package
# title: Every asset is classified on all four security properties
# description: >-
#   The CIR asks for every asset to be classified by confidentiality, integrity, authenticity
#   and availability, so protection can follow the classification. Every asset needs a
#   `classification` table with all four of `confidentiality`, `integrity`, `availability` and
#   `authenticity`.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(i)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 12.1.2
# custom:
#   id: AST002
#   severity: error
#   frameworks:
#     nis2: ["21(2)(i)"]
#     cir-2024-2690: ["12.1.2"]
#   remediation: >-
#     Classify the asset: set `confidentiality`, `integrity`, `availability` and `authenticity`
#     (each `low`, `medium` or `high`) in its `classification` table.
#   example: |
#     [[asset]]
#     id = "crm"
#     name = "CRM"
#     type = "application"
#     classification = { confidentiality = "high", integrity = "high", availability = "medium", authenticity = "high" }
package nis2check.rules.assets.asset_classified

import data.nis2check.lib.result

_properties := ["confidentiality", "integrity", "availability", "authenticity"]

deny contains result.entity("asset", asset.id, ["classification"], msg) if {
	levels := _levels
	some asset in input.assets
	not _surely_classified(asset, levels)
	missing := [p | some p in _properties; not _classified(asset, p)]
	count(missing) > 0
	msg := sprintf("asset '%s' is not classified on %s; all four properties are required", [asset.id, concat(", ", missing)])
}

_classified(asset, property) if trim_space(asset.classification[property]) != ""

# The usual case in one step, before the list of what is missing, and cheaply: all four are one of the levels the schema allows (four set lookups
# instead of four calls of trim_space, for every asset). Anything else is looked at closely.
_surely_classified(asset, levels) if {
	# Not a parameter: OPA fails the calling body when an argument is undefined (a missing
	# table), where the finding is wanted.
	c := asset.classification
	levels[c.confidentiality]
	levels[c.integrity]
	levels[c.availability]
	levels[c.authenticity]
}

_levels := {"low", "medium", "high"}
