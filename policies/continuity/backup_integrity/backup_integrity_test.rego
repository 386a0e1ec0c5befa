package nis2check.rules.continuity.backup_integrity_test

import data.nis2check.rules.continuity.backup_integrity as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "intervals": {"restore_test_months": 12}}

_asset(extra) := object.union({"id": "crm", "name": "CRM", "type": "application", "criticality": "critical"}, extra)

_input(asset) := {"meta": _meta, "assets": [asset]}

test_recent_check_passes if {
	rule.deny == set() with input as _input(_asset({"backup": {"integrity_checked_at": "2026-06-01"}}))
}

test_check_due_today_passes if {
	rule.deny == set() with input as _input(_asset({"backup": {"integrity_checked_at": "2025-06-30"}}))
}

test_old_check if {
	rule.deny == {{
		"msg": "critical asset 'crm' last had a backup integrity check on 2025-06-29; one is needed every 12 months (due 2026-06-29)",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["backup", "integrity_checked_at"],
	}} with input as _input(_asset({"backup": {"offsite": true, "integrity_checked_at": "2025-06-29"}}))
}

test_never_checked if {
	rule.deny == {{
		"msg": "critical asset 'crm' has no backup.integrity_checked_at; a backup integrity check is needed every 12 months",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["backup", "integrity_checked_at"],
	}} with input as _input(_asset({"backup": {"last_restore_test": "2026-05-01"}}))
}

test_interval_from_settings if {
	meta := object.union(_meta, {"intervals": {"restore_test_months": 6}})
	rule.deny == {{
		"msg": "critical asset 'crm' last had a backup integrity check on 2025-12-01; one is needed every 6 months (due 2026-06-01)",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["backup", "integrity_checked_at"],
	}} with input as {"meta": meta, "assets": [_asset({"backup": {"integrity_checked_at": "2025-12-01"}})]}
}

test_non_critical_assets_ignored if {
	assets := [
		_asset({"id": "wiki", "criticality": "high"}),
		object.remove(_asset({"id": "test"}), ["criticality"]),
	]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}
