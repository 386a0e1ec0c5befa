package nis2check.rules.governance.security_policy_approved_test

import data.nis2check.rules.governance.security_policy_approved as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_people := [
	{"id": "p-director", "name": "D", "roles": ["management-body"]},
	{"id": "p-former", "name": "F", "roles": ["management-body"], "left_at": "2026-01-31"},
	{"id": "p-ciso", "name": "C", "roles": ["ciso"]},
]

_policy := {
	"id": "sec-pol",
	"type": "security-policy",
	"title": "Security policy",
	"owner": "p-ciso",
	"approved_by": ["p-director"],
	"approved_at": "2026-01-15",
}

_input(docs) := {"meta": _meta, "people": _people, "documents": docs}

test_approved_policy_passes if {
	rule.deny == set() with input as _input([_policy])
}

test_one_approved_member_among_others_passes if {
	doc := object.union(_policy, {"approved_by": ["p-ciso", "p-director"]})
	rule.deny == set() with input as _input([doc])
}

test_no_security_policy if {
	rule.deny == {{
		"msg": "no document of type \"security-policy\"; the management body must approve a security policy",
		"field": [],
	}} with input as _input([{"id": "ir", "type": "incident-response-plan", "title": "IR", "owner": "p-ciso"}])
}

test_no_documents_at_all if {
	count(rule.deny) == 1 with input as {"meta": _meta, "people": _people}
}

test_missing_approval if {
	doc := object.remove(_policy, ["approved_by", "approved_at"])
	rule.deny == {
		{
			"msg": "security policy 'sec-pol' has no approved_at; record the date the management body approved it",
			"entity": {"kind": "document", "id": "sec-pol"},
			"field": ["approved_at"],
		},
		{
			"msg": "security policy 'sec-pol' has no approver; a current management-body member must approve it",
			"entity": {"kind": "document", "id": "sec-pol"},
			"field": ["approved_by"],
		},
	} with input as _input([doc])
}

test_empty_approver_list if {
	doc := object.union(_policy, {"approved_by": []})
	rule.deny == {{
		"msg": "security policy 'sec-pol' has no approver; a current management-body member must approve it",
		"entity": {"kind": "document", "id": "sec-pol"},
		"field": ["approved_by"],
	}} with input as _input([doc])
}

test_approved_by_non_members_and_leavers if {
	doc := object.union(_policy, {"approved_by": ["p-ciso", "p-former"]})
	rule.deny == {{
		"msg": "security policy 'sec-pol' is approved by p-ciso, p-former, none of whom is a current management-body member",
		"entity": {"kind": "document", "id": "sec-pol"},
		"field": ["approved_by"],
	}} with input as _input([doc])
}

test_each_security_policy_checked if {
	second := object.union(_policy, {"id": "sec-pol-ot", "approved_by": ["p-ciso"]})
	rule.deny == {{
		"msg": "security policy 'sec-pol-ot' is approved by p-ciso, none of whom is a current management-body member",
		"entity": {"kind": "document", "id": "sec-pol-ot"},
		"field": ["approved_by"],
	}} with input as _input([_policy, second])
}
