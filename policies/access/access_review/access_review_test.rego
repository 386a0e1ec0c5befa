package nis2check.rules.access.access_review_test

import data.nis2check.rules.access.access_review as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "intervals": {"access_review_months": 12}}

_asset(extra) := object.union({"id": "crm", "name": "CRM", "type": "application", "criticality": "high"}, extra)

_input(asset) := {"meta": _meta, "assets": [asset]}

test_recent_review_passes if {
	rule.deny == set() with input as _input(_asset({"access_reviewed_at": "2026-03-01"}))
}

test_review_due_today_passes if {
	rule.deny == set() with input as _input(_asset({"criticality": "critical", "access_reviewed_at": "2025-06-30"}))
}

test_old_review if {
	rule.deny == {{
		"msg": "high asset 'crm' last had an access review on 2025-06-29; one is needed every 12 months (due 2026-06-29)",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["access_reviewed_at"],
	}} with input as _input(_asset({"access_reviewed_at": "2025-06-29"}))
}

test_never_reviewed if {
	rule.deny == {{
		"msg": "critical asset 'crm' has no access_reviewed_at; an access review is needed every 12 months",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["access_reviewed_at"],
	}} with input as _input(_asset({"criticality": "critical"}))
}

test_interval_from_settings if {
	meta := object.union(_meta, {"intervals": {"access_review_months": 6}})
	rule.deny == {{
		"msg": "high asset 'crm' last had an access review on 2025-12-01; one is needed every 6 months (due 2026-06-01)",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["access_reviewed_at"],
	}} with input as {"meta": meta, "assets": [_asset({"access_reviewed_at": "2025-12-01"})]}
}

test_lower_criticality_ignored if {
	assets := [
		_asset({"id": "wiki", "criticality": "medium"}),
		_asset({"id": "kiosk", "criticality": "low"}),
		object.remove(_asset({"id": "test"}), ["criticality"]),
	]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}
