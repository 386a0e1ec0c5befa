package nis2check.rules.assets.asset_criticality_test

import data.nis2check.rules.assets.asset_criticality as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_asset(id, extra) := object.union({"id": id, "name": "A", "type": "application"}, extra)

test_every_level_passes if {
	assets := [
		_asset("a", {"criticality": "critical"}),
		_asset("b", {"criticality": "high"}),
		_asset("c", {"criticality": "medium"}),
		_asset("d", {"criticality": "low"}),
	]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}

test_missing_criticality if {
	assets := [_asset("crm", {"criticality": "high"}), _asset("wiki", {})]
	rule.deny == {{
		"msg": "asset 'wiki' has no criticality; set it to critical, high, medium or low",
		"entity": {"kind": "asset", "id": "wiki"},
		"field": ["criticality"],
	}} with input as {"meta": _meta, "assets": assets}
}
