package nis2check.rules.risk.register_reviewed_test

import data.nis2check.rules.risk.register_reviewed as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "intervals": {"risk_review_months": 12}}

_risk(extra) := object.union({"id": "r1", "title": "Ransomware", "status": "open"}, extra)

_input(risks) := {"meta": _meta, "risks": risks}

_finding(msg) := {"msg": msg, "entity": {"kind": "risk", "id": "r1"}, "field": ["reviewed_at"]}

test_recent_review_passes if {
	rule.deny == set() with input as _input([_risk({"reviewed_at": "2026-02-01"})])
}

test_review_due_today_passes if {
	rule.deny == set() with input as _input([_risk({"reviewed_at": "2025-06-30"})])
}

test_review_a_day_late if {
	rule.deny == {_finding(
		"risk 'r1' was last reviewed on 2025-06-29; risks are reviewed every 12 months (due 2026-06-29)",
	)} with input as _input([_risk({"reviewed_at": "2025-06-29"})])
}

test_never_reviewed if {
	rule.deny == {_finding("risk 'r1' has no reviewed_at; risks are reviewed every 12 months")} with input as _input([_risk({})])
}

test_missing_status_counts_as_open if {
	risk := object.remove(_risk({}), ["status"])
	rule.deny == {_finding("risk 'r1' has no reviewed_at; risks are reviewed every 12 months")} with input as _input([risk])
}

test_accepted_and_treated_risks_are_reviewed_too if {
	risks := [
		_risk({"status": "accepted", "reviewed_at": "2025-01-31"}),
		_risk({"id": "r2", "status": "treated", "reviewed_at": "2026-01-31"}),
	]
	rule.deny == {_finding(
		"risk 'r1' was last reviewed on 2025-01-31; risks are reviewed every 12 months (due 2026-01-31)",
	)} with input as _input(risks)
}

test_closed_risk_skipped if {
	rule.deny == set() with input as _input([_risk({"status": "closed", "reviewed_at": "2020-01-01"})])
}

test_interval_from_settings if {
	meta := object.union(_meta, {"intervals": {"risk_review_months": 6}})
	rule.deny == {_finding(
		"risk 'r1' was last reviewed on 2025-12-01; risks are reviewed every 6 months (due 2026-06-01)",
	)} with input as {"meta": meta, "risks": [_risk({"reviewed_at": "2025-12-01"})]}
}

test_default_interval if {
	rule.deny == set() with input as {"meta": {"as_of": "2026-06-30"}, "risks": [_risk({"reviewed_at": "2025-07-01"})]}
}
