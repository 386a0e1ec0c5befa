package nis2check.rules.physical.site_protection_test

import data.nis2check.rules.physical.site_protection as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_site(extra) := object.union(
	{
		"id": "dc-utrecht", "name": "Data centre Utrecht", "type": "site", "criticality": "critical",
		"physical_access_control": true, "utility_protection": true,
	},
	extra,
)

_input(assets) := {"meta": _meta, "assets": assets}

test_protected_critical_site_passes if {
	rule.deny == set() with input as _input([_site({})])
}

test_medium_and_low_sites_and_other_assets_are_not_checked if {
	assets := [
		{"id": "office-a", "name": "Office A", "type": "site", "criticality": "medium"},
		{"id": "office-b", "name": "Office B", "type": "site", "criticality": "low", "utility_protection": false},
		{"id": "office-c", "name": "Office C", "type": "site"},
		{"id": "crm", "name": "CRM", "type": "application", "criticality": "critical"},
	]
	rule.deny == set() with input as _input(assets)
}

test_no_assets_at_all_passes if {
	rule.deny == set() with input as {"meta": _meta}
}

test_critical_site_without_either_property if {
	site := {"id": "dc-utrecht", "name": "Data centre Utrecht", "type": "site", "criticality": "critical"}
	rule.deny == {
		{
			"msg": "critical site 'dc-utrecht' has no physical_access_control; physical access must be controlled and logged",
			"entity": {"kind": "asset", "id": "dc-utrecht"},
			"field": ["physical_access_control"],
		},
		{
			"msg": "critical site 'dc-utrecht' has no utility_protection; it must be protected against failure of power and other supporting utilities",
			"entity": {"kind": "asset", "id": "dc-utrecht"},
			"field": ["utility_protection"],
		},
	} with input as _input([site])
}

test_high_site_with_access_control_false if {
	rule.deny == {{
		"msg": "high site 'dc-utrecht' has physical_access_control = false; physical access must be controlled and logged",
		"entity": {"kind": "asset", "id": "dc-utrecht"},
		"field": ["physical_access_control"],
	}} with input as _input([_site({"criticality": "high", "physical_access_control": false})])
}

test_every_site_is_checked if {
	assets := [_site({}), _site({"id": "server-room", "utility_protection": false})]
	rule.deny == {{
		"msg": "critical site 'server-room' has utility_protection = false; it must be protected against failure of power and other supporting utilities",
		"entity": {"kind": "asset", "id": "server-room"},
		"field": ["utility_protection"],
	}} with input as _input(assets)
}
