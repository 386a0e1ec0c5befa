package nis2check.rules.development.critical_vulnerabilities_test

import data.nis2check.rules.development.critical_vulnerabilities as rule

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000}

_asset(vulns) := {"id": "portal", "name": "Portal", "type": "application", "vulnerabilities": vulns}

_input(vulns) := {"meta": _meta, "assets": [_asset(vulns)]}

test_fixed_vulnerability_passes if {
	vulns := [{"id": "CVE-1", "severity": "critical", "found_at": "2026-01-01", "fixed_at": "2026-01-20"}]
	rule.deny == set() with input as _input(vulns)
}

test_open_within_the_week_passes if {
	vulns := [{"id": "CVE-1", "severity": "high", "found_at": "2026-06-23"}]
	rule.deny == set() with input as _input(vulns)
}

test_lower_severities_ignored if {
	vulns := [
		{"id": "CVE-1", "severity": "medium", "found_at": "2026-01-01"},
		{"id": "CVE-2", "severity": "low", "found_at": "2026-01-01"},
	]
	rule.deny == set() with input as _input(vulns)
}

test_assets_without_vulnerabilities_pass if {
	rule.deny == set() with input as {"meta": _meta, "assets": [{"id": "erp", "name": "ERP", "type": "application"}]}
}

test_open_past_the_week if {
	vulns := [
		{"id": "CVE-1", "severity": "low", "found_at": "2026-01-01"},
		{"id": "CVE-2", "severity": "high", "found_at": "2026-06-22"},
	]
	rule.deny == {{
		"msg": "asset 'portal' has high vulnerability 'CVE-2' open since 2026-06-22; critical and high vulnerabilities must be fixed within 7 days (due 2026-06-29)",
		"entity": {"kind": "asset", "id": "portal"},
		"field": ["vulnerabilities", 1],
	}} with input as _input(vulns)
}

test_fixed_after_as_of_is_still_open if {
	vulns := [
		{"id": "CVE-1", "severity": "critical", "found_at": "2026-06-01", "fixed_at": "2026-07-02"},
		{"id": "CVE-2", "severity": "critical", "found_at": "2026-06-01", "fixed_at": "2026-06-30"},
	]
	rule.deny == {{
		"msg": "asset 'portal' has critical vulnerability 'CVE-1' open since 2026-06-01; critical and high vulnerabilities must be fixed within 7 days (due 2026-06-08)",
		"entity": {"kind": "asset", "id": "portal"},
		"field": ["vulnerabilities", 0],
	}} with input as _input(vulns)
}

test_one_finding_per_vulnerability if {
	vulns := [
		{"id": "CVE-1", "severity": "critical", "found_at": "2026-05-01"},
		{"id": "CVE-2", "severity": "high", "found_at": "2026-06-01"},
	]
	rule.deny == {
		{
			"msg": "asset 'portal' has critical vulnerability 'CVE-1' open since 2026-05-01; critical and high vulnerabilities must be fixed within 7 days (due 2026-05-08)",
			"entity": {"kind": "asset", "id": "portal"},
			"field": ["vulnerabilities", 0],
		},
		{
			"msg": "asset 'portal' has high vulnerability 'CVE-2' open since 2026-06-01; critical and high vulnerabilities must be fixed within 7 days (due 2026-06-08)",
			"entity": {"kind": "asset", "id": "portal"},
			"field": ["vulnerabilities", 1],
		},
	} with input as _input(vulns)
}

# Outside BIO2 the deadline is the organisation's (`vulnerability_fix_days`).
test_the_organisation_sets_the_deadline if {
	vulns := [{"id": "CVE-2", "severity": "high", "found_at": "2026-06-22"}]
	meta := object.union(_meta, {"intervals": {"vulnerability_fix_days": 14}})
	rule.deny == set() with input as {"meta": meta, "assets": [_asset(vulns)]}
	short := object.union(_meta, {"intervals": {"vulnerability_fix_days": 3}})
	rule.deny == {{
		"msg": "asset 'portal' has high vulnerability 'CVE-2' open since 2026-06-22; critical and high vulnerabilities must be fixed within 3 days (due 2026-06-25)",
		"entity": {"kind": "asset", "id": "portal"},
		"field": ["vulnerabilities", 0],
	}} with input as {"meta": short, "assets": [_asset(vulns)]}
}
