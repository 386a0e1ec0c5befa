package nis2check.lib.index_test

import data.nis2check.lib.index

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_people := [
	{"id": "p-board", "name": "B", "roles": ["management-body"]},
	{"id": "p-board-ciso", "name": "C", "roles": ["ciso", "management-body"]},
	{"id": "p-left", "name": "L", "roles": ["management-body"], "left_at": "2026-06-30"},
	{"id": "p-leaving", "name": "M", "roles": ["management-body"], "left_at": "2026-07-01"},
	{"id": "p-staff", "name": "S", "roles": ["staff"]},
]

test_people_keyed_by_id if {
	ps := index.people with input as {"meta": _meta, "people": _people}
	count(ps) == 5
	ps["p-staff"].name == "S"
}

test_collections_keyed_by_id if {
	inp := {
		"meta": _meta,
		"assets": [{"id": "a1"}, {"id": "a2"}],
		"suppliers": [{"id": "s1"}],
		"documents": [{"id": "d1"}],
		"controls": [{"id": "c1"}],
		"risks": [{"id": "r1"}],
		"incidents": [{"id": "i1"}],
	}
	index.assets == {"a1": {"id": "a1"}, "a2": {"id": "a2"}} with input as inp
	index.suppliers == {"s1": {"id": "s1"}} with input as inp
	index.documents == {"d1": {"id": "d1"}} with input as inp
	index.controls == {"c1": {"id": "c1"}} with input as inp
	index.risks == {"r1": {"id": "r1"}} with input as inp
	index.incidents == {"i1": {"id": "i1"}} with input as inp
}

test_missing_collection_is_empty if {
	index.assets == {} with input as {"meta": _meta}
	index.management_body == set() with input as {"meta": _meta}
}

test_management_body_only_current_members if {
	index.management_body == {"p-board", "p-board-ciso", "p-leaving"} with input as {"meta": _meta, "people": _people}
}

test_current if {
	index.current({"id": "x"}) with input as {"meta": _meta}
	index.current({"id": "x", "left_at": "2026-07-01"}) with input as {"meta": _meta}
	not index.current({"id": "x", "left_at": "2026-06-30"}) with input as {"meta": _meta}
}

test_current_people_in_input_order if {
	ids := [p.id | some p in index.current_people] with input as {"meta": _meta, "people": _people}
	ids == ["p-board", "p-board-ciso", "p-leaving", "p-staff"]
}

test_current_people_agree_with_current if {
	current := {p.id | some p in index.current_people} with input as {"meta": _meta, "people": _people}
	each := {p.id | some p in _people; index.current(p)} with input as {"meta": _meta}
	current == each
}

test_is_tsp if {
	index.is_tsp with input as {"meta": _meta, "organization": {"entity_type": "trust-service-provider"}}
	index.is_tsp with input as {"meta": _meta, "organization": {"entity_type": "qualified-trust-service-provider"}}
}

test_is_not_tsp if {
	index.is_tsp == false with input as {"meta": _meta, "organization": {"entity_type": "cloud-computing"}}
	index.is_tsp == false with input as {"meta": _meta, "organization": {"name": "X"}}
}

test_management_body_members_agree_with_management_body if {
	members := [p.id | some p in index.management_body_members] with input as {"meta": _meta, "people": _people}
	members == ["p-board", "p-board-ciso", "p-leaving"]
	{id | some id in members} == index.management_body with input as {"meta": _meta, "people": _people}
}

test_people_with_role_reads_the_lookup if {
	inp := {
		"meta": _meta,
		"people": _people,
		"lookups": {"people_by_role": {"management-body": [0, 3], "staff": []}},
	}
	[p.id | some p in index.people_with_role("management-body")] == ["p-board", "p-leaving"] with input as inp
	index.people_with_role("staff") == [] with input as inp
	[p.id | some p in index.management_body_members] == ["p-board", "p-leaving"] with input as inp
}

test_people_with_role_without_lookup_walks_the_people if {
	inp := {"meta": _meta, "people": _people}
	ids := [p.id | some p in index.people_with_role("management-body")] with input as inp
	ids == ["p-board", "p-board-ciso", "p-left", "p-leaving"]
	[p.id | some p in index.people_with_role("ciso")] == ["p-board-ciso"] with input as inp
	index.people_with_role("admin") == [] with input as inp
}

test_with_lookups_adds_what_rust_adds if {
	doc := {
		"meta": _meta,
		"people": _people,
		"risks": [
			{"id": "r1", "suppliers": ["s-b", "s-a"]},
			{"id": "r2"},
			{"id": "r3", "suppliers": ["s-a", "s-a"]},
		],
	}
	got := index.with_lookups(doc)
	got.people == _people
	got.lookups.people_by_role["management-body"] == [0, 1, 2, 3]
	got.lookups.people_by_role.ciso == [1]
	got.lookups.people_by_role.contractor == []
	count(got.lookups.people_by_role) == 7
	got.lookups.risks_by_supplier == {"s-a": ["r1", "r3"], "s-b": ["r1"]}
}

test_with_lookups_of_an_empty_input if {
	got := index.with_lookups({"meta": _meta})
	got.lookups.risks_by_supplier == {}
	got.lookups.people_by_role.staff == []
}
