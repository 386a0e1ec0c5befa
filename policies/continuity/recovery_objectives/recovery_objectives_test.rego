package nis2check.rules.continuity.recovery_objectives_test

import data.nis2check.rules.continuity.recovery_objectives as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_asset(extra) := object.union({"id": "crm", "name": "CRM", "type": "application", "criticality": "critical"}, extra)

_input(asset) := {"meta": _meta, "assets": [asset]}

test_both_objectives_pass if {
	rule.deny == set() with input as _input(_asset({"backup": {"rpo_hours": 4, "rto_hours": 8.5}}))
}

test_zero_rpo_passes if {
	rule.deny == set() with input as _input(_asset({"backup": {"rpo_hours": 0, "rto_hours": 1}}))
}

test_rto_missing if {
	rule.deny == {{
		"msg": "critical asset 'crm' has no backup.rto_hours; recovery point and recovery time objectives (backup.rpo_hours, backup.rto_hours) are required",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["backup", "rto_hours"],
	}} with input as _input(_asset({"backup": {"rpo_hours": 4, "offsite": true}}))
}

test_no_backup_table if {
	rule.deny == {{
		"msg": "critical asset 'crm' has no backup.rpo_hours, backup.rto_hours; recovery point and recovery time objectives (backup.rpo_hours, backup.rto_hours) are required",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["backup"],
	}} with input as _input(_asset({}))
}

test_non_critical_assets_ignored if {
	assets := [
		_asset({"id": "wiki", "criticality": "high"}),
		object.remove(_asset({"id": "test"}), ["criticality"]),
	]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}
