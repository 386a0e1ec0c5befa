package nis2check.rules.risk.critical_supplier_risk_test

import data.nis2check.lib.index
import data.nis2check.rules.risk.critical_supplier_risk as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_supplier(id, criticality) := {"id": id, "name": id, "provides": ["hosting"], "criticality": criticality}

_finding(id) := {
	"msg": sprintf("critical supplier '%s' is named in no risk; add a risk that lists it in `suppliers`", [id]),
	"entity": {"kind": "supplier", "id": id},
	"field": ["criticality"],
}

test_covered_supplier_passes if {
	inp := index.with_lookups({
		"meta": _meta,
		"suppliers": [_supplier("s-cloud", "critical")],
		"risks": [{"id": "r1", "title": "Cloud outage", "suppliers": ["s-other", "s-cloud"]}],
	})
	rule.deny == set() with input as inp
}

test_uncovered_critical_supplier if {
	inp := index.with_lookups({
		"meta": _meta,
		"suppliers": [_supplier("s-cloud", "critical"), _supplier("s-msp", "critical")],
		"risks": [{"id": "r1", "title": "MSP breach", "suppliers": ["s-msp"]}, {"id": "r2", "title": "No suppliers"}],
	})
	rule.deny == {_finding("s-cloud")} with input as inp
}

test_no_risks_at_all if {
	inp := index.with_lookups({"meta": _meta, "suppliers": [_supplier("s-cloud", "critical")]})
	rule.deny == {_finding("s-cloud")} with input as inp
}

test_closed_risk_still_counts if {
	inp := index.with_lookups({
		"meta": _meta,
		"suppliers": [_supplier("s-cloud", "critical")],
		"risks": [{"id": "r1", "title": "Cloud outage", "status": "closed", "suppliers": ["s-cloud"]}],
	})
	rule.deny == set() with input as inp
}

test_non_critical_suppliers_ignored if {
	inp := index.with_lookups({
		"meta": _meta,
		"suppliers": [_supplier("s-print", "high"), object.remove(_supplier("s-misc", "low"), ["criticality"])],
		"risks": [],
	})
	rule.deny == set() with input as inp
}
