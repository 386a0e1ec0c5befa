package nis2check.rules.supply_chain.exit_strategy_test

import data.nis2check.rules.supply_chain.exit_strategy as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_supplier(extra) := object.union(
	{"id": "s-cloudco", "name": "CloudCo", "provides": ["hosting"], "criticality": "critical"},
	extra,
)

_finding := {
	"msg": "critical supplier 's-cloudco' has no exit_strategy; describe how the service would be moved to another provider or in-house",
	"entity": {"kind": "supplier", "id": "s-cloudco"},
	"field": ["exit_strategy"],
}

test_exit_strategy_passes if {
	rule.deny == set() with input as {"meta": _meta, "suppliers": [_supplier({"exit_strategy": "Move to the secondary provider"})]}
}

test_no_exit_strategy if {
	rule.deny == {_finding} with input as {"meta": _meta, "suppliers": [_supplier({})]}
}

test_blank_exit_strategy if {
	rule.deny == {_finding} with input as {"meta": _meta, "suppliers": [_supplier({"exit_strategy": "  "})]}
}

test_non_critical_suppliers_ignored if {
	suppliers := [
		_supplier({"id": "s-print", "criticality": "high"}),
		object.remove(_supplier({"id": "s-other"}), ["criticality"]),
	]
	rule.deny == set() with input as {"meta": _meta, "suppliers": suppliers}
}
