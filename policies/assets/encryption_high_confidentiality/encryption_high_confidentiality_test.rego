package nis2check.rules.assets.encryption_high_confidentiality_test

import data.nis2check.rules.assets.encryption_high_confidentiality as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_asset(id, confidentiality, extra) := object.union(
	{
		"id": id,
		"name": "A",
		"type": "application",
		"classification": {"confidentiality": confidentiality, "integrity": "high", "availability": "low", "authenticity": "high"},
	},
	extra,
)

test_encrypted_passes if {
	asset := _asset("crm", "high", {"encryption": {"at_rest": true, "in_transit": true}})
	rule.deny == set() with input as {"meta": _meta, "assets": [asset]}
}

test_lower_confidentiality_ignored if {
	assets := [
		_asset("wiki", "medium", {}),
		_asset("site", "low", {"encryption": {"at_rest": false}}),
		{"id": "new", "name": "N", "type": "application"},
	]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}

test_at_rest_false if {
	asset := _asset("crm", "high", {"encryption": {"at_rest": false, "in_transit": true}})
	rule.deny == {{
		"msg": "asset 'crm' has high confidentiality but encryption.at_rest is not true; encryption at rest and in transit is required",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["encryption", "at_rest"],
	}} with input as {"meta": _meta, "assets": [asset]}
}

test_in_transit_missing if {
	asset := _asset("crm", "high", {"encryption": {"at_rest": true}})
	rule.deny == {{
		"msg": "asset 'crm' has high confidentiality but encryption.in_transit is not true; encryption at rest and in transit is required",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["encryption", "in_transit"],
	}} with input as {"meta": _meta, "assets": [asset]}
}

test_no_encryption_table if {
	rule.deny == {{
		"msg": "asset 'crm' has high confidentiality but encryption.at_rest and encryption.in_transit are not true; encryption at rest and in transit is required",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["encryption"],
	}} with input as {"meta": _meta, "assets": [_asset("crm", "high", {})]}
}
