package nis2check.rules.supply_chain.contract_clauses_test

import data.nis2check.rules.supply_chain.contract_clauses as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_full_contract := {
	"security_requirements": true,
	"incident_notification": true,
	"right_to_audit": true,
	"vulnerability_handling": true,
	"subcontracting": true,
	"exit": true,
	"staff_training": true,
	"background_checks": true,
	"ends_at": "2028-12-31",
}

_supplier(contract) := {
	"id": "s-cloudco",
	"name": "CloudCo",
	"provides": ["hosting"],
	"criticality": "critical",
	"contract": contract,
}

_input(supplier) := {"meta": _meta, "suppliers": [supplier]}

test_all_clauses_pass if {
	rule.deny == set() with input as _input(_supplier(_full_contract))
}

test_clauses_false_or_missing if {
	contract := object.remove(object.union(_full_contract, {"right_to_audit": false}), ["exit"])
	rule.deny == {{
		"msg": "critical supplier 's-cloudco' contract lacks right_to_audit, exit; all eight security clauses must be true",
		"entity": {"kind": "supplier", "id": "s-cloudco"},
		"field": ["contract"],
	}} with input as _input(_supplier(contract))
}

test_empty_contract_table if {
	rule.deny == {{
		"msg": "critical supplier 's-cloudco' contract lacks security_requirements, incident_notification, right_to_audit, vulnerability_handling, subcontracting, exit, staff_training, background_checks; all eight security clauses must be true",
		"entity": {"kind": "supplier", "id": "s-cloudco"},
		"field": ["contract"],
	}} with input as _input(_supplier({"ends_at": "2028-12-31"}))
}

test_no_contract_table if {
	supplier := object.remove(_supplier({}), ["contract"])
	rule.deny == {{
		"msg": "critical supplier 's-cloudco' has no contract table; its contract needs all eight security clauses (security_requirements, incident_notification, right_to_audit, vulnerability_handling, subcontracting, exit, staff_training, background_checks)",
		"entity": {"kind": "supplier", "id": "s-cloudco"},
		"field": ["contract"],
	}} with input as _input(supplier)
}

test_non_critical_suppliers_ignored if {
	suppliers := [
		object.union(_supplier({}), {"id": "s-print", "criticality": "high"}),
		object.remove(object.union(_supplier({}), {"id": "s-other"}), ["criticality"]),
	]
	rule.deny == set() with input as {"meta": _meta, "suppliers": suppliers}
}
