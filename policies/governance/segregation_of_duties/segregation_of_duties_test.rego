package nis2check.rules.governance.segregation_of_duties_test

import data.nis2check.rules.governance.segregation_of_duties as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_control(approver) := {"id": "c-mfa", "title": "MFA", "status": "implemented", "owner": "p-it", "requirements": ["nis2:21(2)(j)"], "approved_by": approver}

_document(approvers) := {"id": "sec-pol", "type": "security-policy", "title": "Policy", "owner": "p-ciso", "approved_by": approvers}

_risk(acceptors) := {"id": "r1", "title": "Legacy ERP", "owner": "p-cfo", "accepted_by": acceptors}

_owner_label(kind, id) := {"entity": {"kind": kind, "id": id}, "field": ["owner"], "msg": "the owner"}

test_independent_approvals_pass if {
	rule.deny == set() with input as {
		"meta": _meta,
		"controls": [_control("p-ciso")],
		"documents": [_document(["p-director"]), _document(["p-ciso", "p-director"])],
		"risks": [_risk(["p-director"]), _risk(["p-cfo", "p-director"])],
	}
}

test_missing_approvals_are_left_to_other_rules if {
	control := object.remove(_control("x"), ["approved_by"])
	document := object.remove(_document([]), ["approved_by"])
	rule.deny == set() with input as {
		"meta": _meta,
		"controls": [control],
		"documents": [document, _document([])],
		"risks": [{"id": "r1", "title": "T", "owner": "p-cfo"}, _risk([])],
	}
}

test_control_approved_by_its_owner if {
	rule.deny == {{
		"msg": "control 'c-mfa' is approved by its own owner 'p-it'; another person must approve it",
		"entity": {"kind": "control", "id": "c-mfa"},
		"field": ["approved_by"],
		"related": [_owner_label("control", "c-mfa")],
	}} with input as {"meta": _meta, "controls": [_control("p-it")]}
}

test_document_approved_only_by_its_owner if {
	rule.deny == {{
		"msg": "document 'sec-pol' is approved only by its own owner 'p-ciso'; another person must approve it",
		"entity": {"kind": "document", "id": "sec-pol"},
		"field": ["approved_by"],
		"related": [_owner_label("document", "sec-pol")],
	}} with input as {"meta": _meta, "documents": [_document(["p-ciso"])]}
}

test_risk_accepted_only_by_its_owner if {
	rule.deny == {{
		"msg": "risk 'r1' is accepted only by its own owner 'p-cfo'; someone else must accept it too, e.g. the management body",
		"entity": {"kind": "risk", "id": "r1"},
		"field": ["accepted_by"],
		"related": [_owner_label("risk", "r1")],
	}} with input as {"meta": _meta, "risks": [_risk(["p-cfo"])]}
}

test_one_finding_per_case if {
	findings := rule.deny with input as {
		"meta": _meta,
		"controls": [_control("p-it"), object.union(_control("p-it"), {"id": "c-two"})],
		"documents": [_document(["p-ciso", "p-ciso"])],
		"risks": [_risk(["p-cfo"])],
	}
	{[f.entity.kind, f.entity.id] | some f in findings} == {["control", "c-mfa"], ["control", "c-two"], ["document", "sec-pol"], ["risk", "r1"]}
	count(findings) == 4
}
