package nis2check.rules.access.mfa_remote_privileged_test

import data.nis2check.rules.access.mfa_remote_privileged as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_asset(id, extra) := object.union({"id": id, "name": "A", "type": "system"}, extra)

_remote(id, msg) := {
	"msg": msg,
	"entity": {"kind": "asset", "id": id},
	"field": ["mfa"],
	"related": [{"entity": {"kind": "asset", "id": id}, "field": ["remote_access"], "msg": "remote access enabled here"}],
}

_admin(id, msg) := {
	"msg": msg,
	"entity": {"kind": "asset", "id": id},
	"field": ["admin_mfa"],
	"related": [{"entity": {"kind": "asset", "id": id}, "field": ["criticality"], "msg": "MFA for privileged accounts is required at this criticality"}],
}

test_remote_access_with_mfa_passes if {
	rule.deny == set() with input as {"meta": _meta, "assets": [_asset("scada", {"remote_access": true, "mfa": true})]}
}

test_critical_and_high_with_mfa_passes if {
	assets := [
		_asset("scada", {"criticality": "critical", "remote_access": true, "mfa": true, "admin_mfa": true}),
		_asset("erp", {"criticality": "high", "admin_mfa": true}),
	]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}

test_no_remote_access_low_criticality_ignored if {
	assets := [
		_asset("erp", {"remote_access": false, "mfa": false, "criticality": "medium", "admin_mfa": false}),
		_asset("hr", {"internet_facing": true, "criticality": "low"}),
		_asset("wiki", {}),
	]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}

test_mfa_false if {
	rule.deny == {_remote(
		"scada",
		"asset 'scada' allows remote access but has mfa = false; MFA is required",
	)} with input as {"meta": _meta, "assets": [_asset("scada", {"remote_access": true, "mfa": false})]}
}

test_mfa_missing if {
	rule.deny == {_remote(
		"scada",
		"asset 'scada' allows remote access but does not record mfa; MFA is required (set mfa = true)",
	)} with input as {"meta": _meta, "assets": [_asset("scada", {"remote_access": true})]}
}

test_admin_mfa_false if {
	rule.deny == {_admin(
		"erp",
		"high asset 'erp' has admin_mfa = false; MFA is required for administrator and other privileged accounts",
	)} with input as {"meta": _meta, "assets": [_asset("erp", {"criticality": "high", "admin_mfa": false})]}
}

test_admin_mfa_missing if {
	rule.deny == {_admin(
		"erp",
		"critical asset 'erp' does not record admin_mfa; MFA is required for administrator and other privileged accounts (set admin_mfa = true)",
	)} with input as {"meta": _meta, "assets": [_asset("erp", {"criticality": "critical"})]}
}

# Remote access and privileged accounts are separate properties: one finding for each.
test_both_missing_two_findings if {
	rule.deny == {
		_remote("scada", "asset 'scada' allows remote access but does not record mfa; MFA is required (set mfa = true)"),
		_admin(
			"scada",
			"critical asset 'scada' does not record admin_mfa; MFA is required for administrator and other privileged accounts (set admin_mfa = true)",
		),
	} with input as {"meta": _meta, "assets": [_asset("scada", {"criticality": "critical", "remote_access": true})]}
}
