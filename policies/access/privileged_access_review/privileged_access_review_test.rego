package nis2check.rules.access.privileged_access_review_test

import data.nis2check.rules.access.privileged_access_review as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "intervals": {"privileged_access_review_months": 3}}

_asset(extra) := object.union({"id": "crm", "name": "CRM", "type": "application", "criticality": "critical"}, extra)

_input(asset) := {"meta": _meta, "assets": [asset]}

test_recent_review_passes if {
	rule.deny == set() with input as _input(_asset({"privileged_access_reviewed_at": "2026-06-01"}))
}

test_review_due_today_passes if {
	rule.deny == set() with input as _input(_asset({"privileged_access_reviewed_at": "2026-03-30"}))
}

test_old_review if {
	rule.deny == {{
		"msg": "critical asset 'crm' last had a privileged access review on 2026-03-29; one is needed every 3 months (due 2026-06-29)",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["privileged_access_reviewed_at"],
	}} with input as _input(_asset({"privileged_access_reviewed_at": "2026-03-29"}))
}

test_never_reviewed if {
	rule.deny == {{
		"msg": "critical asset 'crm' has no privileged_access_reviewed_at; a privileged access review is needed every 3 months",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["privileged_access_reviewed_at"],
	}} with input as _input(_asset({"access_reviewed_at": "2026-06-01"}))
}

test_default_interval_is_three_months if {
	rule.deny == {{
		"msg": "critical asset 'crm' last had a privileged access review on 2026-01-15; one is needed every 3 months (due 2026-04-15)",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["privileged_access_reviewed_at"],
	}} with input as {"meta": {"as_of": "2026-06-30"}, "assets": [_asset({"privileged_access_reviewed_at": "2026-01-15"})]}
}

test_non_critical_assets_ignored if {
	assets := [
		_asset({"id": "wiki", "criticality": "high"}),
		object.remove(_asset({"id": "test"}), ["criticality"]),
	]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}
