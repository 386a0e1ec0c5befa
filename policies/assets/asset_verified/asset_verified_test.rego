package nis2check.rules.assets.asset_verified_test

import data.nis2check.rules.assets.asset_verified as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "intervals": {"asset_verification_months": 12}}

_asset(extra) := object.union({"id": "crm", "name": "CRM", "type": "application"}, extra)

_input(asset) := {"meta": _meta, "assets": [asset]}

test_recently_verified_passes if {
	rule.deny == set() with input as _input(_asset({"last_verified_at": "2026-05-01"}))
}

test_verification_due_today_passes if {
	rule.deny == set() with input as _input(_asset({"last_verified_at": "2025-06-30"}))
}

test_old_verification if {
	rule.deny == {{
		"msg": "asset 'crm' was last verified on 2025-06-29; the inventory entry must be verified every 12 months (due 2026-06-29)",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["last_verified_at"],
	}} with input as _input(_asset({"last_verified_at": "2025-06-29"}))
}

test_never_verified if {
	rule.deny == {{
		"msg": "asset 'crm' has no last_verified_at; the inventory entry must be verified every 12 months",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["last_verified_at"],
	}} with input as _input(_asset({"criticality": "low"}))
}

test_interval_from_settings if {
	meta := object.union(_meta, {"intervals": {"asset_verification_months": 6}})
	rule.deny == {{
		"msg": "asset 'crm' was last verified on 2025-12-01; the inventory entry must be verified every 6 months (due 2026-06-01)",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["last_verified_at"],
	}} with input as {"meta": meta, "assets": [_asset({"last_verified_at": "2025-12-01"})]}
}
