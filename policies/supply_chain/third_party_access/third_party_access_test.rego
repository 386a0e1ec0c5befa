package nis2check.rules.supply_chain.third_party_access_test

import data.nis2check.rules.supply_chain.third_party_access as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_supplier(id, extra) := object.union({"id": id, "name": "S", "provides": ["remote support"]}, extra)

_finding(id, msg) := {
	"msg": msg,
	"entity": {"kind": "supplier", "id": id},
	"field": ["access_until"],
	"related": [{"entity": {"kind": "supplier", "id": id}, "field": ["remote_access"], "msg": "remote access granted here"}],
}

test_access_until_in_future_passes if {
	suppliers := [_supplier("s-vendor", {"remote_access": true, "access_until": "2026-12-31"})]
	rule.deny == set() with input as {"meta": _meta, "suppliers": suppliers}
}

test_access_until_today_passes if {
	suppliers := [_supplier("s-vendor", {"remote_access": true, "access_until": "2026-06-30"})]
	rule.deny == set() with input as {"meta": _meta, "suppliers": suppliers}
}

# Suppliers without remote access need no access_until, even when they serve a remote-access
# asset (a cloud supplier of a laptop fleet) or have an old access_until.
test_no_remote_access_ignored if {
	inp := {
		"meta": _meta,
		"suppliers": [
			_supplier("s-cloud", {}),
			_supplier("s-former", {"remote_access": false, "access_until": "2025-01-01"}),
		],
		"assets": [{"id": "laptops", "name": "Laptops", "type": "device", "remote_access": true, "suppliers": ["s-cloud"]}],
	}
	rule.deny == set() with input as inp
}

test_access_until_missing if {
	suppliers := [_supplier("s-vendor", {"remote_access": true})]
	rule.deny == {_finding(
		"s-vendor",
		"supplier 's-vendor' has remote access but no access_until; third-party access must end on a set date",
	)} with input as {"meta": _meta, "suppliers": suppliers}
}

test_access_until_passed if {
	suppliers := [
		_supplier("s-vendor", {"remote_access": true, "access_until": "2026-06-29"}),
		_supplier("s-ok", {"remote_access": true, "access_until": "2027-01-01"}),
	]
	rule.deny == {_finding(
		"s-vendor",
		"supplier 's-vendor' has remote access but its access_until = 2026-06-29 has passed; end the access or renew the authorisation with a new access_until",
	)} with input as {"meta": _meta, "suppliers": suppliers}
}

test_one_finding_per_supplier if {
	suppliers := [
		_supplier("s-a", {"remote_access": true}),
		_supplier("s-b", {"remote_access": true, "access_until": "2026-01-01"}),
	]
	rule.deny == {
		_finding("s-a", "supplier 's-a' has remote access but no access_until; third-party access must end on a set date"),
		_finding(
			"s-b",
			"supplier 's-b' has remote access but its access_until = 2026-01-01 has passed; end the access or renew the authorisation with a new access_until",
		),
	} with input as {"meta": _meta, "suppliers": suppliers}
}
