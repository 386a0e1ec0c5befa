package nis2check.rules.soa.not_applicable_justified_test

import data.nis2check.rules.soa.not_applicable_justified as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_catalog := {"cir-2024-2690": {"prefix": "cir", "short": "CIR 2024/2690", "requirements": [
	{"id": "4.1.2(e)", "ref": "cir:4.1.2(e)", "title": "Recovery order", "where_appropriate": true},
	{"id": "4.1.2(f)", "ref": "cir:4.1.2(f)", "title": "Recovery plans", "where_appropriate": true},
	{"id": "4.2.6", "ref": "cir:4.2.6", "title": "Restore tests", "where_appropriate": false},
]}}

_control(extra) := object.union(
	{"id": "c1", "title": "Recovery order", "status": "not-applicable", "owner": "p-ciso", "requirements": ["nis2:21(2)(c)"]},
	extra,
)

_input(controls) := {"meta": _meta, "catalog": _catalog, "controls": controls}

_finding(msg) := {"msg": msg, "entity": {"kind": "control", "id": "c1"}, "field": ["justification"]}

test_justified_not_applicable_passes if {
	rule.deny == set() with input as _input([_control({"justification": "No OT systems in scope"})])
}

test_applicable_controls_need_no_justification if {
	controls := [_control({"status": "implemented"}), _control({"id": "c2", "status": "planned"})]
	rule.deny == set() with input as _input(controls)
}

test_missing_justification if {
	rule.deny == {_finding(
		"control 'c1' is marked not-applicable without a justification; record why it does not apply",
	)} with input as _input([_control({})])
}

test_blank_justification if {
	rule.deny == {_finding(
		"control 'c1' is marked not-applicable without a justification; record why it does not apply",
	)} with input as _input([_control({"justification": "  "})])
}

test_where_appropriate_points_named if {
	c := _control({"requirements": ["cir:4.2.6", "cir:4.1.2(f)", "nis2:21(2)(c)", "cir:4.1.2(e)"]})
	rule.deny == {_finding(
		"control 'c1' is marked not-applicable without a justification; record why it does not apply (CIR Art. 2(2) requires written reasons for not applying cir:4.1.2(e), cir:4.1.2(f))",
	)} with input as _input([c])
}

test_where_appropriate_only_from_enabled_catalogues if {
	c := _control({"requirements": ["cir:4.1.2(e)"]})
	rule.deny == {_finding(
		"control 'c1' is marked not-applicable without a justification; record why it does not apply",
	)} with input as {"meta": _meta, "controls": [c]}
}
