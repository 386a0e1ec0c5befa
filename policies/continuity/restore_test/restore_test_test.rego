package nis2check.rules.continuity.restore_test_test

import data.nis2check.rules.continuity.restore_test as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "intervals": {"restore_test_months": 12}}

_asset(extra) := object.union({"id": "crm", "name": "CRM", "type": "application", "criticality": "critical"}, extra)

_input(asset) := {"meta": _meta, "assets": [asset]}

test_recent_restore_test_passes if {
	rule.deny == set() with input as _input(_asset({"backup": {"last_restore_test": "2026-05-01"}}))
}

test_restore_test_due_today_passes if {
	rule.deny == set() with input as _input(_asset({"backup": {"last_restore_test": "2025-06-30"}}))
}

test_old_restore_test if {
	rule.deny == {{
		"msg": "critical asset 'crm' last had a restore test on 2025-06-29; one is needed every 12 months (due 2026-06-29)",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["backup", "last_restore_test"],
	}} with input as _input(_asset({"backup": {"offsite": true, "last_restore_test": "2025-06-29"}}))
}

test_no_backup_table if {
	rule.deny == {{
		"msg": "critical asset 'crm' has no backup.last_restore_test; a restore test is needed every 12 months",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["backup", "last_restore_test"],
	}} with input as _input(_asset({}))
}

test_backup_without_restore_test if {
	rule.deny == {{
		"msg": "critical asset 'crm' has no backup.last_restore_test; a restore test is needed every 12 months",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["backup", "last_restore_test"],
	}} with input as _input(_asset({"backup": {"offsite": true}}))
}

test_non_critical_assets_ignored if {
	assets := [
		_asset({"id": "wiki", "criticality": "high"}),
		object.remove(_asset({"id": "test"}), ["criticality"]),
	]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}
