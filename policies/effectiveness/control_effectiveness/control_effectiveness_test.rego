package nis2check.rules.effectiveness.control_effectiveness_test

import data.nis2check.rules.effectiveness.control_effectiveness as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "intervals": {"policy_review_months": 12}}

_evidence := [{"path": "evidence/mfa-coverage.pdf", "date": "2026-04-01", "description": "MFA coverage report"}]

_control(extra) := object.union(
	{
		"id": "c-mfa", "title": "MFA", "status": "implemented", "owner": "p-ciso",
		"requirements": ["nis2:21(2)(j)"], "reviewed_at": "2026-04-01", "evidence": _evidence,
	},
	extra,
)

_input(controls) := {"meta": _meta, "controls": controls}

test_reviewed_control_with_evidence_passes if {
	rule.deny == set() with input as _input([_control({})])
}

test_review_due_today_passes if {
	rule.deny == set() with input as _input([_control({"reviewed_at": "2025-06-30"})])
}

test_planned_and_not_applicable_controls_are_not_assessed if {
	controls := [
		{"id": "c-planned", "title": "P", "status": "planned", "owner": "p-ciso", "requirements": ["nis2:21(2)(h)"]},
		{
			"id": "c-na", "title": "N", "status": "not-applicable", "owner": "p-ciso",
			"requirements": ["nis2:27"], "justification": "Not a DNS provider",
		},
	]
	rule.deny == set() with input as _input(controls)
}

test_no_controls_at_all_passes if {
	rule.deny == set() with input as {"meta": _meta}
}

test_review_too_long_ago if {
	rule.deny == {{
		"msg": "control 'c-mfa' is implemented but its effectiveness was last reviewed on 2025-06-29; it must be reviewed every 12 months (due 2026-06-29)",
		"entity": {"kind": "control", "id": "c-mfa"},
		"field": ["reviewed_at"],
	}} with input as _input([_control({"reviewed_at": "2025-06-29"})])
}

test_never_reviewed_and_no_evidence if {
	control := {"id": "c-mfa", "title": "MFA", "status": "partial", "owner": "p-ciso", "requirements": ["nis2:21(2)(j)"]}
	rule.deny == {
		{
			"msg": "control 'c-mfa' is partial but has no reviewed_at; its effectiveness must be reviewed every 12 months",
			"entity": {"kind": "control", "id": "c-mfa"},
			"field": ["reviewed_at"],
		},
		{
			"msg": "control 'c-mfa' is partial but has no evidence; record at least one `evidence` entry showing that it operates",
			"entity": {"kind": "control", "id": "c-mfa"},
			"field": ["evidence"],
		},
	} with input as _input([control])
}

test_empty_evidence_list if {
	rule.deny == {{
		"msg": "control 'c-mfa' is implemented but has no evidence; record at least one `evidence` entry showing that it operates",
		"entity": {"kind": "control", "id": "c-mfa"},
		"field": ["evidence"],
	}} with input as _input([_control({"evidence": []})])
}

test_interval_from_settings_and_every_control_checked if {
	meta := object.union(_meta, {"intervals": {"policy_review_months": 6}})
	controls := [_control({}), _control({"id": "c-backup", "reviewed_at": "2025-12-01"})]
	rule.deny == {{
		"msg": "control 'c-backup' is implemented but its effectiveness was last reviewed on 2025-12-01; it must be reviewed every 6 months (due 2026-06-01)",
		"entity": {"kind": "control", "id": "c-backup"},
		"field": ["reviewed_at"],
	}} with input as {"meta": meta, "controls": controls}
}
