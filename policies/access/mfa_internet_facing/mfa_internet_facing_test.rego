package nis2check.rules.access.mfa_internet_facing_test

import data.nis2check.rules.access.mfa_internet_facing as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_asset(id, extra) := object.union({"id": id, "name": "A", "type": "application"}, extra)

test_internet_facing_with_mfa_passes if {
	rule.deny == set() with input as {"meta": _meta, "assets": [_asset("portal", {"internet_facing": true, "mfa": true})]}
}

test_internal_assets_ignored if {
	assets := [_asset("erp", {"internet_facing": false, "mfa": false}), _asset("hr", {})]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}

test_mfa_false if {
	rule.deny == {{
		"msg": "internet-facing asset 'portal' has mfa = false; MFA is required",
		"entity": {"kind": "asset", "id": "portal"},
		"field": ["mfa"],
	}} with input as {"meta": _meta, "assets": [_asset("portal", {"internet_facing": true, "mfa": false})]}
}

test_mfa_missing if {
	rule.deny == {{
		"msg": "internet-facing asset 'portal' does not record mfa; MFA is required (set mfa = true)",
		"entity": {"kind": "asset", "id": "portal"},
		"field": ["mfa"],
	}} with input as {"meta": _meta, "assets": [_asset("portal", {"internet_facing": true})]}
}
