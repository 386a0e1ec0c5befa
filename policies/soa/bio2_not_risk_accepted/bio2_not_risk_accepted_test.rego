package nis2check.rules.soa.bio2_not_risk_accepted_test

import data.nis2check.rules.soa.bio2_not_risk_accepted as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_risk(extra) := object.union({"id": "r1", "title": "Legacy application without MFA", "treatment": "accept"}, extra)

_input(risks) := {"meta": _meta, "risks": risks}

_label := {"entity": {"kind": "risk", "id": "r1"}, "field": ["treatment"], "msg": "treatment = \"accept\" set here"}

_finding(measure, i) := {
	"msg": sprintf(
		"risk 'r1' accepts not applying BIO2 measure %s; a BIO2 government measure cannot be risk-accepted: implement it, or mark it not-applicable on a control with a justification",
		[measure],
	),
	"entity": {"kind": "risk", "id": "r1"},
	"field": ["requirements", i],
	"related": [_label],
}

test_accepting_iso_control_passes if {
	rule.deny == set() with input as _input([_risk({"requirements": ["iso27001:A.8.5", "cir:11.7"]})])
}

test_accepted_risk_without_requirements_passes if {
	rule.deny == set() with input as _input([_risk({})])
}

test_mitigated_risk_may_name_bio2 if {
	rule.deny == set() with input as _input([_risk({"treatment": "mitigate", "requirements": ["bio2:5.17.01"]})])
}

test_accepting_bio2_measures if {
	rule.deny == {_finding("5.17.01", 1), _finding("8.05.01", 2)} with input as _input([_risk({"requirements": ["iso27001:A.8.5", "bio2:5.17.01", "bio2:8.05.01"]})])
}

test_only_the_accepting_risk_is_reported if {
	risks := [
		_risk({"requirements": ["bio2:5.17.01"]}),
		_risk({"id": "r2", "treatment": "transfer", "requirements": ["bio2:5.17.01"]}),
	]
	rule.deny == {_finding("5.17.01", 0)} with input as _input(risks)
}
