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

# The fast path trims only owners that do not start with a printable ASCII character: a
# leading space, a control character or a Unicode space must still be trimmed, and a name
# starting beyond ASCII must still count.
test_blank_owner_edges if {
	assets := [
		object.union(_asset("a1"), {"owner": "  \t"}),
		object.union(_asset("a2"), {"owner": "\u00a0\u3000"}),
		object.union(_asset("a3"), {"owner": " p-a"}),
		object.union(_asset("a4"), {"owner": "Émile"}),
		object.union(_asset("a5"), {"owner": "\u00a0p-b"}),
		object.union(_asset("a6"), {"owner": "~"}),
	]
	{f.entity.id | some f in rule.deny} == {"a1", "a2"} with input as {"meta": _meta, "assets": assets}
}
