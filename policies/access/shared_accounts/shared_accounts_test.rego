package nis2check.rules.access.shared_accounts_test

import data.nis2check.rules.access.shared_accounts as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_asset(id, extra) := object.union({"id": id, "name": "A", "type": "ot"}, extra)

_finding := {
	"msg": "asset 'panel' has shared_accounts = true but no shared_accounts_justification; document why shared accounts are needed",
	"entity": {"kind": "asset", "id": "panel"},
	"field": ["shared_accounts_justification"],
}

test_justified_shared_accounts_pass if {
	asset := _asset("panel", {"shared_accounts": true, "shared_accounts_justification": "Single-login device"})
	rule.deny == set() with input as {"meta": _meta, "assets": [asset]}
}

test_no_shared_accounts_ignored if {
	assets := [_asset("erp", {"shared_accounts": false}), _asset("hr", {})]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}

test_no_justification if {
	rule.deny == {_finding} with input as {"meta": _meta, "assets": [_asset("panel", {"shared_accounts": true})]}
}

test_blank_justification if {
	asset := _asset("panel", {"shared_accounts": true, "shared_accounts_justification": " "})
	rule.deny == {_finding} with input as {"meta": _meta, "assets": [asset]}
}
