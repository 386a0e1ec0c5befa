package nis2check.rules.supply_chain.supplier_assessed_test

import data.nis2check.rules.supply_chain.supplier_assessed as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "intervals": {"supplier_assessment_months": 12}}

_supplier(extra) := object.union(
	{"id": "s-cloudco", "name": "CloudCo", "provides": ["hosting"], "criticality": "critical"},
	extra,
)

_input(supplier) := {"meta": _meta, "suppliers": [supplier]}

test_recent_assessment_passes if {
	rule.deny == set() with input as _input(_supplier({"assessed_at": "2026-02-10"}))
}

test_assessment_due_today_passes if {
	rule.deny == set() with input as _input(_supplier({"assessed_at": "2025-06-30"}))
}

test_old_assessment if {
	rule.deny == {{
		"msg": "critical supplier 's-cloudco' was last assessed on 2025-03-01; an assessment is needed every 12 months (due 2026-03-01)",
		"entity": {"kind": "supplier", "id": "s-cloudco"},
		"field": ["assessed_at"],
	}} with input as _input(_supplier({"assessed_at": "2025-03-01"}))
}

test_never_assessed if {
	rule.deny == {{
		"msg": "critical supplier 's-cloudco' has no assessed_at; an assessment is needed every 12 months",
		"entity": {"kind": "supplier", "id": "s-cloudco"},
		"field": ["assessed_at"],
	}} with input as _input(_supplier({}))
}

test_interval_from_settings if {
	meta := object.union(_meta, {"intervals": {"supplier_assessment_months": 6}})
	rule.deny == {{
		"msg": "critical supplier 's-cloudco' was last assessed on 2025-12-01; an assessment is needed every 6 months (due 2026-06-01)",
		"entity": {"kind": "supplier", "id": "s-cloudco"},
		"field": ["assessed_at"],
	}} with input as {"meta": meta, "suppliers": [_supplier({"assessed_at": "2025-12-01"})]}
}

test_non_critical_suppliers_ignored if {
	suppliers := [
		_supplier({"id": "s-print", "criticality": "low"}),
		object.remove(_supplier({"id": "s-other"}), ["criticality"]),
	]
	rule.deny == set() with input as {"meta": _meta, "suppliers": suppliers}
}
