package nis2check.rules.governance.security_officer_test

import data.nis2check.rules.governance.security_officer as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_director := {"id": "p-director", "name": "D", "roles": ["management-body"]}

_it_manager := {"id": "p-it", "name": "I", "roles": ["staff"], "reports_to": "p-director"}

_ciso(extra) := object.union({"id": "p-ciso", "name": "C", "roles": ["ciso"]}, extra)

_input(people) := {"meta": _meta, "people": people}

test_ciso_reporting_to_the_board_passes if {
	rule.deny == set() with input as _input([_director, _ciso({"reports_to": "p-director"})])
}

test_security_officer_on_the_board_passes if {
	officer := {"id": "p-board-sec", "name": "S", "roles": ["management-body", "security-officer"]}
	rule.deny == set() with input as _input([officer])
}

test_one_qualifying_officer_is_enough if {
	other := {"id": "p-sec", "name": "S", "roles": ["security-officer"], "reports_to": "p-ciso"}
	rule.deny == set() with input as _input([_director, _ciso({"reports_to": "p-director"}), other])
}

test_no_officer if {
	rule.deny == {{
		"msg": "no current person has role 'ciso' or 'security-officer'; appoint one who reports to the management body",
		"field": [],
	}} with input as _input([_director, _it_manager])
}

test_former_ciso_does_not_count if {
	rule.deny == {{
		"msg": "no current person has role 'ciso' or 'security-officer'; appoint one who reports to the management body",
		"field": [],
	}} with input as _input([_director, _ciso({"reports_to": "p-director", "left_at": "2026-03-31"})])
}

test_ciso_reports_to_someone_off_the_board if {
	rule.deny == {{
		"msg": "no security officer reports to the management body: 'p-ciso' reports to 'p-it', who is not on the management body",
		"entity": {"kind": "person", "id": "p-ciso"},
		"field": ["reports_to"],
		"related": [{"entity": {"kind": "person", "id": "p-it"}, "field": ["roles"], "msg": "not on the management body"}],
	}} with input as _input([_director, _it_manager, _ciso({"reports_to": "p-it"})])
}

test_ciso_reports_to_a_former_director if {
	former := object.union(_director, {"left_at": "2026-01-31"})
	rule.deny == {{
		"msg": "no security officer reports to the management body: 'p-ciso' reports to 'p-director', who is no longer current (left 2026-01-31)",
		"entity": {"kind": "person", "id": "p-ciso"},
		"field": ["reports_to"],
		"related": [{"entity": {"kind": "person", "id": "p-director"}, "field": ["left_at"], "msg": "left here"}],
	}} with input as _input([former, _ciso({"reports_to": "p-director"})])
}

test_every_officer_reported_when_none_qualifies if {
	sec := {"id": "p-sec", "name": "S", "roles": ["security-officer"], "reports_to": "p-nobody"}
	rule.deny == {
		{
			"msg": "no security officer reports to the management body: 'p-ciso' has no reports_to; set it to a management-body member",
			"entity": {"kind": "person", "id": "p-ciso"},
			"field": ["reports_to"],
		},
		{
			"msg": "no security officer reports to the management body: 'p-sec' reports to 'p-nobody', who is not a known person",
			"entity": {"kind": "person", "id": "p-sec"},
			"field": ["reports_to"],
		},
	} with input as _input([_director, _ciso({}), sec])
}

test_an_officer_with_both_roles_is_reported_once if {
	both := {"id": "p-both", "name": "B", "roles": ["ciso", "security-officer"], "reports_to": "p-it"}
	findings := rule.deny with input as _input([_director, _it_manager, both])
	count(findings) == 1
	some f in findings
	f.entity == {"kind": "person", "id": "p-both"}
}
