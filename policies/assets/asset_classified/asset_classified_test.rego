package nis2check.rules.assets.asset_classified_test

import data.nis2check.rules.assets.asset_classified as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_full := {"confidentiality": "high", "integrity": "high", "availability": "medium", "authenticity": "low"}

_asset(id, classification) := {"id": id, "name": "A", "type": "application", "classification": classification}

test_fully_classified_passes if {
	rule.deny == set() with input as {"meta": _meta, "assets": [_asset("crm", _full)]}
}

test_partly_classified if {
	rule.deny == {{
		"msg": "asset 'crm' is not classified on availability, authenticity; all four properties are required",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["classification"],
	}} with input as {"meta": _meta, "assets": [_asset("crm", {"confidentiality": "high", "integrity": "low"})]}
}

test_no_classification_table if {
	asset := {"id": "crm", "name": "A", "type": "application"}
	rule.deny == {{
		"msg": "asset 'crm' is not classified on confidentiality, integrity, availability, authenticity; all four properties are required",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["classification"],
	}} with input as {"meta": _meta, "assets": [asset]}
}

test_one_finding_per_asset if {
	assets := [_asset("crm", object.remove(_full, ["authenticity"])), _asset("erp", _full), _asset("hr", {})]
	rule.deny == {
		{
			"msg": "asset 'crm' is not classified on authenticity; all four properties are required",
			"entity": {"kind": "asset", "id": "crm"},
			"field": ["classification"],
		},
		{
			"msg": "asset 'hr' is not classified on confidentiality, integrity, availability, authenticity; all four properties are required",
			"entity": {"kind": "asset", "id": "hr"},
			"field": ["classification"],
		},
	} with input as {"meta": _meta, "assets": assets}
}
