package nis2check.rules.continuity.offsite_backup_test

import data.nis2check.rules.continuity.offsite_backup as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_asset(extra) := object.union({"id": "crm", "name": "CRM", "type": "application", "criticality": "critical"}, extra)

_input(asset) := {"meta": _meta, "assets": [asset]}

test_offsite_backup_passes if {
	rule.deny == set() with input as _input(_asset({"backup": {"offsite": true}}))
}

test_offsite_false if {
	rule.deny == {{
		"msg": "critical asset 'crm' has backup.offsite = false; its backups must also be kept off-site",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["backup", "offsite"],
	}} with input as _input(_asset({"backup": {"offsite": false, "rpo_hours": 4}}))
}

test_offsite_missing if {
	rule.deny == {{
		"msg": "critical asset 'crm' does not record backup.offsite; its backups must also be kept off-site (set backup.offsite = true)",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["backup", "offsite"],
	}} with input as _input(_asset({"backup": {"rpo_hours": 4}}))
}

test_no_backup_table if {
	rule.deny == {{
		"msg": "critical asset 'crm' does not record backup.offsite; its backups must also be kept off-site (set backup.offsite = true)",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["backup", "offsite"],
	}} with input as _input(_asset({}))
}

test_non_critical_assets_ignored if {
	assets := [
		_asset({"id": "wiki", "criticality": "high", "backup": {"offsite": false}}),
		object.remove(_asset({"id": "test"}), ["criticality"]),
	]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}
