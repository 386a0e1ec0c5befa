package nis2check.rules.risk.treatment_overdue_test

import data.nis2check.rules.risk.treatment_overdue as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_risk(extra) := object.union({"id": "r1", "title": "Ransomware", "treatment": "mitigate", "treatment_due": "2026-03-31"}, extra)

_input(risk) := {"meta": _meta, "risks": [risk]}

test_treated_risk_passes if {
	rule.deny == set() with input as _input(_risk({"status": "treated"}))
}

test_accepted_and_closed_pass if {
	rule.deny == set() with input as {"meta": _meta, "risks": [
		_risk({"status": "accepted"}),
		_risk({"id": "r2", "status": "closed"}),
	]}
}

test_due_today_is_not_overdue if {
	rule.deny == set() with input as _input(_risk({"status": "in-treatment", "treatment_due": "2026-06-30"}))
}

test_overdue_in_treatment if {
	rule.deny == {{
		"msg": "treatment of risk 'r1' was due on 2026-06-29 and its status is still 'in-treatment'",
		"entity": {"kind": "risk", "id": "r1"},
		"field": ["treatment_due"],
	}} with input as _input(_risk({"status": "in-treatment", "treatment_due": "2026-06-29"}))
}

test_overdue_without_status if {
	rule.deny == {{
		"msg": "treatment of risk 'r1' was due on 2026-03-31 and the risk has no status",
		"entity": {"kind": "risk", "id": "r1"},
		"field": ["treatment_due"],
	}} with input as _input(_risk({}))
}

test_no_due_date_left_to_rsk002 if {
	rule.deny == set() with input as _input(object.remove(_risk({"status": "open"}), ["treatment_due"]))
}
