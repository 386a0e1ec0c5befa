package nis2check.rules.scope.classification_consistent_test

import data.nis2check.rules.scope.classification_consistent as rule

_meta(position, size) := {
	"as_of": "2026-06-30",
	"as_of_ns": 1782777600000000000,
	"scope": {"position": position, "size": size, "reasons": [], "declared": null, "designation_basis": null},
}

_org(extra) := object.union({"name": "X", "member_state": "NL", "sector": "energy"}, extra)

_input(position, size, org) := {"meta": _meta(position, size), "organization": org}

_finding(msg) := {"msg": msg, "field": ["classification"]}

test_matching_classification_passes if {
	rule.deny == set() with input as _input("important", "medium", _org({"classification": "important"}))
}

test_excluded_matches_out_of_scope if {
	rule.deny == set() with input as _input("excluded", "large", _org({"classification": "out-of-scope"}))
}

test_missing_classification_out_of_scope_passes if {
	rule.deny == set() with input as _input("out-of-scope", "small", _org({}))
}

test_declared_important_derived_essential if {
	rule.deny == {_finding("[organization] declares classification 'important', but the organisation's data make it 'essential' (size: large); correct the classification or the data it is derived from (see `nis2check scope`), or give the designation_basis")} with input as _input("essential", "large", _org({"classification": "important"}))
}

test_declared_in_scope_derived_out_of_scope if {
	rule.deny == {_finding("[organization] declares classification 'essential', but the organisation's data make it 'out-of-scope' (size: small); correct the classification or the data it is derived from (see `nis2check scope`), or give the designation_basis")} with input as _input("out-of-scope", "small", _org({"classification": "essential"}))
}

test_designation_basis_explains_the_difference if {
	org := _org({"classification": "essential", "designation_basis": "Designated by the minister, decision 2025-17"})
	rule.deny == set() with input as _input("important", "medium", org)
}

test_blank_designation_basis_does_not_count if {
	org := _org({"classification": "essential", "designation_basis": " "})
	rule.deny == {_finding("[organization] declares classification 'essential', but the organisation's data make it 'important' (size: medium); correct the classification or the data it is derived from (see `nis2check scope`), or give the designation_basis")} with input as _input("important", "medium", org)
}

test_missing_classification_in_scope if {
	rule.deny == {_finding("[organization] declares no classification, but the organisation's data make it 'important' (size: medium); declare classification = \"important\"")} with input as _input("important", "medium", _org({}))
}

test_no_scope_in_meta_no_finding if {
	rule.deny == set() with input as {"meta": {"as_of": "2026-06-30"}, "organization": _org({"classification": "important"})}
}
