package nis2check.rules.soa.requirement_covered_test

import data.nis2check.rules.soa.requirement_covered as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "frameworks": ["bio2", "nis2"]}

_catalog := {
	"nis2": {"prefix": "nis2", "short": "NIS2", "requirements": [
		{"id": "21(2)(a)", "ref": "nis2:21(2)(a)", "title": "Risk analysis policies", "where_appropriate": false},
		{"id": "21(2)(h)", "ref": "nis2:21(2)(h)", "title": "Cryptography", "where_appropriate": false},
	]},
	"bio2": {"prefix": "bio2", "short": "BIO2", "requirements": [
		{"id": "5.01.01", "ref": "bio2:5.01.01", "title": "Policy adopted", "where_appropriate": false},
		{"id": "5.01.02", "ref": "bio2:5.01.02", "title": "Policy reviewed yearly", "where_appropriate": false},
	]},
}

_control(id, status, reqs) := {"id": id, "title": id, "status": status, "owner": "p-ciso", "requirements": reqs}

_finding(msg) := {"msg": msg, "entity": {"kind": "settings", "id": ""}, "field": ["frameworks"]}

test_all_requirements_covered_passes if {
	controls := [
		_control("c-policy", "implemented", ["nis2:21(2)(a)", "bio2:5.01.01", "bio2:5.01.02"]),
		_control("c-crypto", "planned", ["nis2:21(2)(h)"]),
	]
	rule.deny == set() with input as {"meta": _meta, "catalog": _catalog, "controls": controls}
}

test_not_applicable_counts_as_addressed if {
	controls := [
		_control("c-policy", "partial", ["nis2:21(2)(a)", "bio2:5.01.01", "bio2:5.01.02"]),
		object.union(_control("c-crypto", "not-applicable", ["nis2:21(2)(h)"]), {"justification": "No data at rest"}),
	]
	rule.deny == set() with input as {"meta": _meta, "catalog": _catalog, "controls": controls}
}

test_uncovered_requirements if {
	controls := [_control("c-policy", "implemented", ["nis2:21(2)(a)", "bio2:5.01.01", "iso27001:A.5.1"])]
	rule.deny == {
		_finding("NIS2 21(2)(h) (Cryptography) is not addressed by any control; list \"nis2:21(2)(h)\" in a control's requirements"),
		_finding("BIO2 5.01.02 (Policy reviewed yearly) is not addressed by any control; list \"bio2:5.01.02\" in a control's requirements"),
	} with input as {"meta": _meta, "catalog": _catalog, "controls": controls}
}

test_id_without_prefix_does_not_cover if {
	# "5.01.02" alone, or under another framework's prefix, does not name the BIO2 measure.
	controls := [_control("c-policy", "implemented", ["nis2:21(2)(a)", "nis2:21(2)(h)", "bio2:5.01.01", "5.01.02", "cir:5.01.02"])]
	rule.deny == {_finding(
		"BIO2 5.01.02 (Policy reviewed yearly) is not addressed by any control; list \"bio2:5.01.02\" in a control's requirements",
	)} with input as {"meta": _meta, "catalog": _catalog, "controls": controls}
}

test_no_controls_every_requirement_reported if {
	rule.deny == {
		_finding("NIS2 21(2)(a) (Risk analysis policies) is not addressed by any control; list \"nis2:21(2)(a)\" in a control's requirements"),
		_finding("NIS2 21(2)(h) (Cryptography) is not addressed by any control; list \"nis2:21(2)(h)\" in a control's requirements"),
		_finding("BIO2 5.01.01 (Policy adopted) is not addressed by any control; list \"bio2:5.01.01\" in a control's requirements"),
		_finding("BIO2 5.01.02 (Policy reviewed yearly) is not addressed by any control; list \"bio2:5.01.02\" in a control's requirements"),
	} with input as {"meta": _meta, "catalog": _catalog}
}

test_no_catalog_no_findings if {
	rule.deny == set() with input as {"meta": _meta, "controls": []}
}
