package nis2check.rules.risk.residual_risk_accepted_test

import data.nis2check.rules.risk.residual_risk_accepted as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "risk_tolerance": 8}

_people := [
	{"id": "p-director", "name": "D", "roles": ["management-body"]},
	{"id": "p-former", "name": "F", "roles": ["management-body"], "left_at": "2026-01-01"},
	{"id": "p-ciso", "name": "C", "roles": ["ciso"]},
]

_accepted := {
	"accepted_by": ["p-director"],
	"accepted_at": "2026-02-01",
	"justification": "Replacement planned",
}

_risk(extra) := object.union(
	{"id": "r1", "title": "Legacy ERP", "likelihood": 4, "impact": 4, "residual_likelihood": 3, "residual_impact": 4},
	extra,
)

_input(risk) := {"meta": _meta, "people": _people, "risks": [risk]}

_finding(field, msg) := {"msg": msg, "entity": {"kind": "risk", "id": "r1"}, "field": [field]}

test_accepted_risk_passes if {
	rule.deny == set() with input as _input(_risk(_accepted))
}

test_within_tolerance_needs_no_acceptance if {
	rule.deny == set() with input as _input(_risk({"residual_likelihood": 2, "residual_impact": 4}))
}

test_residual_score_counts_not_inherent if {
	# Inherent 4 × 4 = 16, residual 2 × 2 = 4.
	rule.deny == set() with input as _input(_risk({"residual_likelihood": 2, "residual_impact": 2}))
}

test_unaccepted_risk if {
	rule.deny == {
		_finding("accepted_by", "risk 'r1' has a residual score 12 (residual 3 × 4) above the tolerance of 8 but no acceptance by a current management-body member"),
		_finding("accepted_at", "risk 'r1' has a residual score 12 (residual 3 × 4) above the tolerance of 8 but no accepted_at date"),
		_finding("justification", "risk 'r1' has a residual score 12 (residual 3 × 4) above the tolerance of 8 but no justification for accepting it"),
	} with input as _input(_risk({}))
}

test_falls_back_to_inherent_score if {
	risk := object.remove(_risk(object.union(_accepted, {"accepted_by": ["p-ciso", "p-former"]})), ["residual_likelihood", "residual_impact"])
	rule.deny == {_finding(
		"accepted_by",
		"risk 'r1' has a residual score 16 (4 × 4, no residual values) above the tolerance of 8 but accepted_by (p-ciso, p-former) names no current management-body member",
	)} with input as _input(risk)
}

test_blank_justification if {
	rule.deny == {_finding(
		"justification",
		"risk 'r1' has a residual score 12 (residual 3 × 4) above the tolerance of 8 but no justification for accepting it",
	)} with input as _input(_risk(object.union(_accepted, {"justification": " "})))
}

test_tolerance_from_settings if {
	meta := object.union(_meta, {"risk_tolerance": 12})
	rule.deny == set() with input as {"meta": meta, "people": _people, "risks": [_risk({})]}
}

test_exactly_at_tolerance_passes if {
	rule.deny == set() with input as _input(_risk({"residual_likelihood": 2, "residual_impact": 4, "likelihood": 5, "impact": 5}))
}

test_closed_risk_skipped if {
	rule.deny == set() with input as _input(_risk({"status": "closed"}))
}

test_unscored_risk_left_to_rsk002 if {
	rule.deny == set() with input as _input({"id": "r1", "title": "Unscored"})
}
