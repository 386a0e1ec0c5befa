package nis2check.rules.continuity.plan_tested_test

import data.nis2check.rules.continuity.plan_tested as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "intervals": {"plan_test_months": 12}}

_plan(extra) := object.union({"id": "bcp", "type": "bc-dr-plan", "title": "BCP", "owner": "p-ciso"}, extra)

_input(docs) := {"meta": _meta, "documents": docs}

test_recently_tested_plan_passes if {
	rule.deny == set() with input as _input([_plan({"tested_at": "2026-03-12"})])
}

test_plan_tested_due_today_passes if {
	rule.deny == set() with input as _input([_plan({"tested_at": "2025-06-30"})])
}

test_no_plan if {
	docs := [{"id": "sec-pol", "type": "security-policy", "title": "Policy", "owner": "p-ciso", "tested_at": "2026-01-01"}]
	rule.deny == {{
		"msg": "no document of type \"bc-dr-plan\"; a BC/DR plan is required and must be tested every 12 months",
		"field": [],
	}} with input as _input(docs)
}

test_no_documents_at_all if {
	rule.deny == {{
		"msg": "no document of type \"bc-dr-plan\"; a BC/DR plan is required and must be tested every 12 months",
		"field": [],
	}} with input as {"meta": _meta}
}

test_plan_tested_too_long_ago if {
	rule.deny == {{
		"msg": "BC/DR plan 'bcp' was last tested on 2025-06-29; it must be tested every 12 months (due 2026-06-29)",
		"entity": {"kind": "document", "id": "bcp"},
		"field": ["tested_at"],
	}} with input as _input([_plan({"tested_at": "2025-06-29"})])
}

test_plan_never_tested if {
	rule.deny == {{
		"msg": "BC/DR plan 'bcp' has no tested_at; it must be tested every 12 months",
		"entity": {"kind": "document", "id": "bcp"},
		"field": ["tested_at"],
	}} with input as _input([_plan({"approved_at": "2026-01-10"})])
}

test_every_plan_is_checked if {
	docs := [_plan({"tested_at": "2026-03-12"}), _plan({"id": "drp-ot", "tested_at": "2025-12-01"})]
	meta := object.union(_meta, {"intervals": {"plan_test_months": 6}})
	rule.deny == {{
		"msg": "BC/DR plan 'drp-ot' was last tested on 2025-12-01; it must be tested every 6 months (due 2026-06-01)",
		"entity": {"kind": "document", "id": "drp-ot"},
		"field": ["tested_at"],
	}} with input as {"meta": meta, "documents": docs}
}
