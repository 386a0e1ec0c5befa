package nis2check.rules.scope.authority_and_csirt_test

import data.nis2check.rules.scope.authority_and_csirt as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "scope": {"position": "essential", "size": "large"}}

_org(extra) := object.union({"name": "X", "member_state": "NL", "sector": "energy"}, extra)

_authority_msg := "[organization] has no competent_authority: name the competent authority (regulator), e.g. competent_authority = \"RDI\""

_csirt_msg := "[organization] has no csirt: name the CSIRT that incident reports go to, e.g. csirt = \"NCSC\""

test_both_declared_passes if {
	rule.deny == set() with input as {"meta": _meta, "organization": _org({"competent_authority": "RDI", "csirt": "NCSC"})}
}

test_neither_declared if {
	rule.deny == {
		{"msg": _authority_msg, "field": ["competent_authority"]},
		{"msg": _csirt_msg, "field": ["csirt"]},
	} with input as {"meta": _meta, "organization": _org({})}
}

test_blank_csirt if {
	rule.deny == {{"msg": _csirt_msg, "field": ["csirt"]}} with input as {"meta": _meta, "organization": _org({"competent_authority": "RDI", "csirt": ""})}
}

test_out_of_scope_skipped if {
	meta := object.union(_meta, {"scope": {"position": "out-of-scope", "size": "small"}})
	rule.deny == set() with input as {"meta": meta, "organization": _org({})}
}
