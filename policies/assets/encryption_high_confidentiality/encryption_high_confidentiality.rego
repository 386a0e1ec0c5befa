# METADATA
# scope: package
# title: Assets with high confidentiality are encrypted at rest and in transit
# description: >-
#   Cryptography must protect information in line with its classification. Every asset with
#   `classification.confidentiality = "high"` needs `encryption.at_rest = true` and
#   `encryption.in_transit = true`. One finding per asset names what is missing.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(h)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 9.1
# custom:
#   id: AST006
#   severity: error
#   frameworks:
#     nis2: ["21(2)(h)"]
#     cir-2024-2690: ["9.1"]
#   remediation: >-
#     Encrypt the asset's data at rest (disk, database or storage encryption) and in transit
#     (TLS or an encrypted tunnel), and set `encryption.at_rest` and `encryption.in_transit` to
#     `true`.
#   example: |
#     [[asset]]
#     id = "crm"
#     name = "CRM"
#     type = "application"
#     classification = { confidentiality = "high", integrity = "high", availability = "medium", authenticity = "high" }
#     encryption = { at_rest = true, in_transit = true }
package nis2check.rules.assets.encryption_high_confidentiality

import data.nis2check.lib.result

_kinds := ["at_rest", "in_transit"]

deny contains result.entity("asset", asset.id, _field(missing), msg) if {
	some asset in input.assets
	asset.classification.confidentiality == "high"
	not _fully_encrypted(asset)
	missing := [k | some k in _kinds; not _encrypted(asset, k)]
	count(missing) > 0
	msg := sprintf(
		"asset '%s' has high confidentiality but %s %s not true; encryption at rest and in transit is required",
		[asset.id, concat(" and ", [sprintf("encryption.%s", [k]) | some k in missing]), _verb(missing)],
	)
}

_encrypted(asset, kind) if asset.encryption[kind] == true

# The usual case in one step, before the list of what is missing.
_fully_encrypted(asset) if {
	asset.encryption.at_rest == true
	asset.encryption.in_transit == true
}

_verb(missing) := "is" if count(missing) == 1

_verb(missing) := "are" if count(missing) > 1

# One missing kind is labelled; with both missing, the encryption table (or the asset).
_field(missing) := ["encryption", missing[0]] if count(missing) == 1

_field(missing) := ["encryption"] if count(missing) > 1
