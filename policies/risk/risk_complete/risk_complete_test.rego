package nis2check.rules.risk.risk_complete_test

import data.nis2check.rules.risk.risk_complete as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_complete := {
	"id": "r1", "title": "Ransomware", "assets": ["fileserver"], "likelihood": 3, "impact": 4,
	"owner": "p-ciso", "treatment": "mitigate", "treatment_owner": "p-it", "treatment_due": "2026-09-30",
	"status": "in-treatment",
}

_input(risk) := {"meta": _meta, "risks": [risk]}

test_complete_risk_passes if {
	rule.deny == set() with input as _input(_complete)
}

test_risk_without_status_is_checked if {
	risk := object.remove(_complete, ["status", "treatment_due"])
	rule.deny == {{
		"msg": "open risk 'r1' is incomplete: no treatment_due",
		"entity": {"kind": "risk", "id": "r1"},
		"field": ["treatment_due"],
	}} with input as _input(risk)
}

test_bare_risk_lists_everything if {
	rule.deny == {{
		"msg": "open risk 'r1' is incomplete: no owner, likelihood, impact, treatment, treatment_owner, treatment_due, assets",
		"entity": {"kind": "risk", "id": "r1"},
		"field": [],
	}} with input as _input({"id": "r1", "title": "Bare", "status": "open"})
}

test_empty_assets_and_blank_owner if {
	risk := object.union(_complete, {"assets": [], "owner": ""})
	rule.deny == {{
		"msg": "open risk 'r1' is incomplete: no owner, assets",
		"entity": {"kind": "risk", "id": "r1"},
		"field": [],
	}} with input as _input(risk)
}

test_closed_risk_skipped if {
	rule.deny == set() with input as _input({"id": "r1", "title": "Bare", "status": "closed"})
}

# Texts that do not start with printable ASCII skip the fast path and are trimmed exactly.
test_blank_text_edges if {
	blank := object.union(_complete, {"owner": "\u00a0", "treatment": "\t"})
	rule.deny == {{
		"msg": "open risk 'r1' is incomplete: no owner, treatment",
		"entity": {"kind": "risk", "id": "r1"},
		"field": [],
	}} with input as _input(blank)
	rule.deny == set() with input as _input(object.union(_complete, {"owner": "Ölaf", "treatment": " mitigate"}))
}
