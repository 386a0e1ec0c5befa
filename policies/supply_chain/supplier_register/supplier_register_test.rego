package nis2check.rules.supply_chain.supplier_register_test

import data.nis2check.rules.supply_chain.supplier_register as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_complete := {
	"id": "s-cloudco",
	"name": "CloudCo",
	"provides": ["hosting"],
	"criticality": "low",
	"country": "NL",
	"contact": {"name": "Desk", "email": "support@cloudco.example"},
}

_input(supplier) := {"meta": _meta, "suppliers": [supplier]}

test_complete_entry_passes if {
	rule.deny == set() with input as _input(_complete)
}

test_phone_is_enough_contact if {
	rule.deny == set() with input as _input(object.union(_complete, {"contact": {"phone": "+31 30 000 0000"}}))
}

test_contact_without_email_or_phone if {
	rule.deny == {{
		"msg": "supplier 's-cloudco' is incomplete in the supplier register: no contact email or phone; the register needs contact email or phone, provides, criticality and country",
		"entity": {"kind": "supplier", "id": "s-cloudco"},
		"field": ["contact"],
	}} with input as _input(object.union(_complete, {"contact": {"name": "Desk", "email": " "}}))
}

test_blank_provides if {
	rule.deny == {{
		"msg": "supplier 's-cloudco' is incomplete in the supplier register: no provides; the register needs contact email or phone, provides, criticality and country",
		"entity": {"kind": "supplier", "id": "s-cloudco"},
		"field": ["provides"],
	}} with input as _input(object.union(_complete, {"provides": [""]}))
}

test_several_missing if {
	supplier := object.remove(_complete, ["contact", "criticality", "country"])
	rule.deny == {{
		"msg": "supplier 's-cloudco' is incomplete in the supplier register: no contact email or phone, criticality, country; the register needs contact email or phone, provides, criticality and country",
		"entity": {"kind": "supplier", "id": "s-cloudco"},
		"field": [],
	}} with input as _input(supplier)
}

test_one_finding_per_supplier if {
	suppliers := [
		object.union(_complete, {"id": "s-a", "provides": []}),
		object.union(_complete, {"id": "s-b"}),
		object.remove(object.union(_complete, {"id": "s-c"}), ["country"]),
	]
	rule.deny == {
		{
			"msg": "supplier 's-a' is incomplete in the supplier register: no provides; the register needs contact email or phone, provides, criticality and country",
			"entity": {"kind": "supplier", "id": "s-a"},
			"field": ["provides"],
		},
		{
			"msg": "supplier 's-c' is incomplete in the supplier register: no country; the register needs contact email or phone, provides, criticality and country",
			"entity": {"kind": "supplier", "id": "s-c"},
			"field": ["country"],
		},
	} with input as {"meta": _meta, "suppliers": suppliers}
}

# Texts that do not start with printable ASCII skip the fast path and are trimmed exactly.
test_blank_text_edges if {
	rule.deny == {{
		"msg": "supplier 's-cloudco' is incomplete in the supplier register: no country; the register needs contact email or phone, provides, criticality and country",
		"entity": {"kind": "supplier", "id": "s-cloudco"},
		"field": ["country"],
	}} with input as _input(object.union(_complete, {"country": "\u3000"}))
	rule.deny == set() with input as _input(object.union(_complete, {"country": "Österreich", "provides": [" hosting"]}))
}
