package nis2check.rules.governance.security_policy_reviewed_test

import data.nis2check.rules.governance.security_policy_reviewed as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "intervals": {"policy_review_months": 12}}

_policy := {"id": "sec-pol", "type": "security-policy", "title": "Policy", "owner": "p-ciso"}

_input(doc) := {"meta": _meta, "documents": [doc]}

test_recent_review_passes if {
	doc := object.union(_policy, {"approved_at": "2024-01-15", "reviewed_at": "2026-01-20"})
	rule.deny == set() with input as _input(doc)
}

test_recent_approval_counts_as_review if {
	doc := object.union(_policy, {"approved_at": "2026-01-15", "reviewed_at": "2024-01-20"})
	rule.deny == set() with input as _input(doc)
}

test_due_today_passes if {
	doc := object.union(_policy, {"reviewed_at": "2025-06-30"})
	rule.deny == set() with input as _input(doc)
}

test_one_day_overdue if {
	doc := object.union(_policy, {"approved_at": "2024-03-01", "reviewed_at": "2025-06-29"})
	rule.deny == {{
		"msg": "security policy 'sec-pol' was last reviewed on 2025-06-29; it must be reviewed every 12 months (due 2026-06-29)",
		"entity": {"kind": "document", "id": "sec-pol"},
		"field": ["reviewed_at"],
	}} with input as _input(doc)
}

test_only_old_approval if {
	doc := object.union(_policy, {"approved_at": "2024-03-01"})
	rule.deny == {{
		"msg": "security policy 'sec-pol' was last reviewed on 2024-03-01; it must be reviewed every 12 months (due 2025-03-01)",
		"entity": {"kind": "document", "id": "sec-pol"},
		"field": ["approved_at"],
	}} with input as _input(doc)
}

test_old_approval_is_labelled_when_it_is_the_latest if {
	doc := object.union(_policy, {"approved_at": "2024-03-01", "reviewed_at": "2023-03-01"})
	rule.deny == {{
		"msg": "security policy 'sec-pol' was last reviewed on 2024-03-01; it must be reviewed every 12 months (due 2025-03-01)",
		"entity": {"kind": "document", "id": "sec-pol"},
		"field": ["approved_at"],
	}} with input as _input(doc)
}

test_no_dates if {
	rule.deny == {{
		"msg": "security policy 'sec-pol' has no reviewed_at or approved_at date; it must be reviewed every 12 months",
		"entity": {"kind": "document", "id": "sec-pol"},
		"field": ["reviewed_at"],
	}} with input as _input(_policy)
}

test_interval_from_settings if {
	doc := object.union(_policy, {"reviewed_at": "2026-01-15"})
	meta := object.union(_meta, {"intervals": {"policy_review_months": 3}})
	rule.deny == {{
		"msg": "security policy 'sec-pol' was last reviewed on 2026-01-15; it must be reviewed every 3 months (due 2026-04-15)",
		"entity": {"kind": "document", "id": "sec-pol"},
		"field": ["reviewed_at"],
	}} with input as {"meta": meta, "documents": [doc]}
}

test_other_documents_ignored if {
	doc := {"id": "ir", "type": "incident-response-plan", "title": "IR", "owner": "p-ciso"}
	rule.deny == set() with input as _input(doc)
}
