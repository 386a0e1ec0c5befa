package nis2check.rules.assets.asset_owner_test

import data.nis2check.rules.assets.asset_owner as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_asset(id) := {"id": id, "name": "A", "type": "application"}

test_owned_assets_pass if {
	assets := [object.union(_asset("crm"), {"owner": "p-a"}), object.union(_asset("erp"), {"owner": "p-b"})]
	rule.deny == set() with input as {"meta": _meta, "assets": assets}
}

test_missing_and_blank_owner if {
	assets := [_asset("crm"), object.union(_asset("erp"), {"owner": ""}), object.union(_asset("hr"), {"owner": "p-a"})]
	rule.deny == {
		{"msg": "asset 'crm' has no owner; name the person responsible for it", "entity": {"kind": "asset", "id": "crm"}, "field": ["owner"]},
		{"msg": "asset 'erp' has no owner; name the person responsible for it", "entity": {"kind": "asset", "id": "erp"}, "field": ["owner"]},
	} with input as {"meta": _meta, "assets": assets}
}
