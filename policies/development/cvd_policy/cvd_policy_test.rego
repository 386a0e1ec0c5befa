package nis2check.rules.development.cvd_policy_test

import data.nis2check.rules.development.cvd_policy as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_cvd(id, extra) := object.union({"id": id, "type": "vulnerability-disclosure", "title": "CVD", "owner": "p-ciso"}, extra)

_input(docs) := {"meta": _meta, "documents": docs}

test_published_policy_passes if {
	rule.deny == set() with input as _input([_cvd("cvd", {"published": true})])
}

test_one_published_policy_is_enough if {
	rule.deny == set() with input as _input([_cvd("cvd-draft", {"published": false}), _cvd("cvd", {"published": true})])
}

test_no_policy if {
	docs := [{"id": "sec-pol", "type": "security-policy", "title": "Policy", "owner": "p-ciso", "published": true}]
	rule.deny == {{
		"msg": "no document of type \"vulnerability-disclosure\"; a coordinated vulnerability disclosure policy must be published",
		"field": [],
	}} with input as _input(docs)
}

test_no_documents_at_all if {
	rule.deny == {{
		"msg": "no document of type \"vulnerability-disclosure\"; a coordinated vulnerability disclosure policy must be published",
		"field": [],
	}} with input as {"meta": _meta}
}

test_not_published if {
	rule.deny == {
		{
			"msg": "vulnerability disclosure policy 'cvd' has published = false; it must be public (published = true)",
			"entity": {"kind": "document", "id": "cvd"},
			"field": ["published"],
		},
		{
			"msg": "vulnerability disclosure policy 'cvd-nl' does not record published; it must be public (set published = true)",
			"entity": {"kind": "document", "id": "cvd-nl"},
			"field": ["published"],
		},
	} with input as _input([_cvd("cvd", {"published": false}), _cvd("cvd-nl", {})])
}
