package nis2check.rules.assets.asset_services_test

import data.nis2check.rules.assets.asset_services as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_asset(id, extra) := object.union({"id": id, "name": "A", "type": "application", "criticality": "critical"}, extra)

test_services_listed_passes if {
	assets := [_asset("crm", {"services": ["Billing"]}), _asset("erp", {"criticality": "high", "services": ["Finance"]})]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}

test_lower_criticality_ignored if {
	assets := [
		_asset("wiki", {"criticality": "medium"}),
		_asset("kiosk", {"criticality": "low", "services": []}),
		object.remove(_asset("test", {}), ["criticality"]),
	]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}

test_no_services if {
	assets := [_asset("crm", {}), _asset("erp", {"criticality": "high", "services": [" "]})]
	rule.deny == {
		{
			"msg": "critical asset 'crm' lists no services; name the services it supports in services",
			"entity": {"kind": "asset", "id": "crm"},
			"field": ["services"],
		},
		{
			"msg": "high asset 'erp' lists no services; name the services it supports in services",
			"entity": {"kind": "asset", "id": "erp"},
			"field": ["services"],
		},
	} with input as {"meta": _meta, "assets": assets}
}

# A first service that starts beyond printable ASCII takes the exact path: a Unicode space is
# blank, a later real service or a non-ASCII name counts.
test_blank_services_edges if {
	assets := [
		_asset("a1", {"services": ["\u00a0"]}),
		_asset("a2", {"services": ["\u3000", "Billing"]}),
		_asset("a3", {"services": ["Één loket"]}),
		_asset("a4", {"services": ["", " "]}),
	]
	{f.entity.id | some f in rule.deny} == {"a1", "a4"} with input as {"meta": _meta, "assets": assets}
}
