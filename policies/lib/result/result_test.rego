package nis2check.lib.result_test

import data.nis2check.lib.result

test_entity if {
	result.entity("asset", "crm", ["backup", "last_restore_test"], "m") == {
		"msg": "m",
		"entity": {"kind": "asset", "id": "crm"},
		"field": ["backup", "last_restore_test"],
	}
}

test_org if {
	result.org([], "m") == {"msg": "m", "field": []}
}

test_related if {
	result.related("incident", "inc-1", ["aware_at"], "here") == {
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["aware_at"],
		"msg": "here",
	}
}

test_with_related if {
	f := result.entity("incident", "inc-1", ["early_warning_at"], "late")
	r := result.related("incident", "inc-1", ["aware_at"], "here")
	result.with_related(f, [r]) == {
		"msg": "late",
		"entity": {"kind": "incident", "id": "inc-1"},
		"field": ["early_warning_at"],
		"related": [{"entity": {"kind": "incident", "id": "inc-1"}, "field": ["aware_at"], "msg": "here"}],
	}
}

test_with_related_keeps_org_finding_without_entity if {
	f := result.with_related(result.org([], "m"), [])
	f == {"msg": "m", "field": [], "related": []}
	not f.entity
}
