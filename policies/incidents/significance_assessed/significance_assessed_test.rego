package nis2check.rules.incidents.significance_assessed_test

import data.nis2check.rules.incidents.significance_assessed as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_incident(id) := {"id": id, "title": "Outage", "aware_at": "2026-03-01T10:00:00Z"}

test_assessed_incidents_pass if {
	incs := [
		object.union(_incident("inc-1"), {"significant": true}),
		object.union(_incident("inc-2"), {"significant": false}),
	]
	rule.deny == set() with input as {"meta": _meta, "incidents": incs}
}

test_unassessed_incident if {
	incs := [_incident("inc-1"), object.union(_incident("inc-2"), {"significant": false})]
	rule.deny == {{
		"msg": "incident 'inc-1' has no significance assessment; set significant = true or false",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["significant"],
	}} with input as {"meta": _meta, "incidents": incs}
}

test_no_incidents if {
	rule.deny == set() with input as {"meta": _meta, "incidents": []}
}
