package nis2check.rules.incidents.significance_implied_test

import data.nis2check.rules.incidents.significance_implied as rule

_significance := {
	"profile": "cir-2024-2690",
	"basis": "CIR 2024/2690 Arts. 3 and 7",
	"thresholds": {
		"duration_minutes": 30,
		"users_affected": 1000000,
		"financial_loss_eur": 500000,
		"deaths": 1,
		"health_damage": true,
		"trade_secrets_exfiltrated": true,
		"suspected_malicious": true,
	},
	"above": ["duration_minutes", "financial_loss_eur", "users_affected"],
}

_meta := {"as_of": "2026-06-30", "as_of_ns": 1782777600000000000, "significance": _significance}

_incident(extra) := object.union(
	{"id": "inc-1", "title": "Outage", "aware_at": "2026-03-01T10:00:00Z", "significant": false},
	extra,
)

_input(inc) := {"meta": _meta, "incidents": [inc]}

_finding(msg, labels) := {
	"msg": msg,
	"entity": {"kind": "incident", "id": "inc-1"},
	"field": ["significant"],
	"related": labels,
}

_label(field, msg) := {"entity": {"kind": "incident", "id": "inc-1"}, "field": [field], "msg": msg}

test_below_every_threshold_passes if {
	inc := _incident({
		"duration_minutes": 29, "users_affected": 999999, "financial_loss_eur": 499999.5,
		"deaths": 0, "health_damage": false, "trade_secrets_exfiltrated": false, "suspected_malicious": false,
	})
	rule.deny == set() with input as _input(inc)
}

# The CIR counts a loss above EUR 500,000, more than 30 minutes, more than 1 million users.
test_at_a_threshold_counted_above_it_passes if {
	inc := _incident({"duration_minutes": 30, "users_affected": 1000000, "financial_loss_eur": 500000})
	rule.deny == set() with input as _input(inc)
}

test_just_above_a_threshold_counted_above_it if {
	rule.deny == {_finding(
		"incident 'inc-1' is marked significant = false, but its declared factors reach the significance thresholds (CIR 2024/2690 Arts. 3 and 7): financial_loss_eur = 500000.01 (threshold above 500000); set significant = true and report it",
		[_label("financial_loss_eur", "exceeds the threshold of 500000")],
	)} with input as _input(_incident({"financial_loss_eur": 500000.01}))
}

# A threshold not listed in `above` (the Dutch profile's four hours, the organisation's own)
# counts when it is reached.
test_reached_threshold if {
	meta := object.union(object.remove(_meta, ["significance"]), {"significance": {"profile": "nl-government", "basis": "NL", "thresholds": {"duration_minutes": 240}, "above": []}})
	rule.deny == {_finding(
		"incident 'inc-1' is marked significant = false, but its declared factors reach the significance thresholds (NL): duration_minutes = 240 (threshold 240); set significant = true and report it",
		[_label("duration_minutes", "reaches the threshold of 240")],
	)} with input as {"meta": meta, "incidents": [_incident({"duration_minutes": 240})]}
}

test_significant_incident_passes if {
	rule.deny == set() with input as _input(_incident({"significant": true, "duration_minutes": 600}))
}

test_duration_above_threshold if {
	rule.deny == {_finding(
		"incident 'inc-1' is marked significant = false, but its declared factors reach the significance thresholds (CIR 2024/2690 Arts. 3 and 7): duration_minutes = 31 (threshold above 30); set significant = true and report it",
		[_label("duration_minutes", "exceeds the threshold of 30")],
	)} with input as _input(_incident({"duration_minutes": 31}))
}

test_several_factors_unassessed if {
	inc := object.remove(_incident({"financial_loss_eur": 750000, "users_affected": 12, "health_damage": true}), ["significant"])
	rule.deny == {_finding(
		"incident 'inc-1' has no significance assessment, but its declared factors reach the significance thresholds (CIR 2024/2690 Arts. 3 and 7): financial_loss_eur = 750000 (threshold above 500000), health_damage = true; set significant = true and report it",
		[
			_label("financial_loss_eur", "exceeds the threshold of 500000"),
			_label("health_damage", "makes the incident significant"),
		],
	)} with input as _input(inc)
}

test_death_trade_secrets_and_malicious if {
	inc := _incident({"deaths": 2, "trade_secrets_exfiltrated": true, "suspected_malicious": true})
	rule.deny == {_finding(
		"incident 'inc-1' is marked significant = false, but its declared factors reach the significance thresholds (CIR 2024/2690 Arts. 3 and 7): deaths = 2 (threshold 1), suspected_malicious = true, trade_secrets_exfiltrated = true; set significant = true and report it",
		[
			_label("deaths", "reaches the threshold of 1"),
			_label("suspected_malicious", "makes the incident significant"),
			_label("trade_secrets_exfiltrated", "makes the incident significant"),
		],
	)} with input as _input(inc)
}

test_absent_threshold_does_not_apply if {
	# The organisation's own profile sets only a duration and a user count.
	meta := object.union(object.remove(_meta, ["significance"]), {"significance": {
		"profile": "organization",
		"basis": "[significance] in nis2check.toml",
		"thresholds": {"duration_minutes": 240, "users_affected": 10000},
	}})
	inc := _incident({"duration_minutes": 200, "financial_loss_eur": 10000000, "suspected_malicious": true, "health_damage": true})
	rule.deny == set() with input as {"meta": meta, "incidents": [inc]}
}

test_flag_threshold_false_does_not_apply if {
	meta := object.union(object.remove(_meta, ["significance"]), {"significance": {"profile": "organization", "basis": "x", "thresholds": {"suspected_malicious": false}}})
	rule.deny == set() with input as {"meta": meta, "incidents": [_incident({"suspected_malicious": true})]}
}

test_planned_maintenance_skipped if {
	rule.deny == set() with input as _input(_incident({"planned_maintenance": true, "duration_minutes": 600}))
}

test_planned_maintenance_false_still_checked if {
	rule.deny == {_finding(
		"incident 'inc-1' is marked significant = false, but its declared factors reach the significance thresholds (CIR 2024/2690 Arts. 3 and 7): duration_minutes = 600 (threshold above 30); set significant = true and report it",
		[_label("duration_minutes", "exceeds the threshold of 30")],
	)} with input as _input(_incident({"planned_maintenance": false, "duration_minutes": 600}))
}

test_no_profile_no_findings if {
	meta := object.union(object.remove(_meta, ["significance"]), {"significance": {"profile": "none", "basis": "no profile", "thresholds": {}}})
	rule.deny == set() with input as {"meta": meta, "incidents": [_incident({"duration_minutes": 600})]}
	rule.deny == set() with input as {"meta": {"as_of": "2026-06-30"}, "incidents": [_incident({"duration_minutes": 600})]}
}

test_missing_basis_falls_back if {
	meta := object.union(object.remove(_meta, ["significance"]), {"significance": {"thresholds": {"users_affected": 100}}})
	rule.deny == {_finding(
		"incident 'inc-1' is marked significant = false, but its declared factors reach the significance thresholds (the significance profile): users_affected = 100 (threshold 100); set significant = true and report it",
		[_label("users_affected", "reaches the threshold of 100")],
	)} with input as {"meta": meta, "incidents": [_incident({"users_affected": 100})]}
}

# A cloud provider: a full outage counts after 30 minutes; a limited service from more than
# 1 million users for more than an hour, both (CIR 2024/2690 Arts. 5–14).
_cloud := {
	"profile": "cir-2024-2690",
	"basis": "CIR",
	"thresholds": {"duration_minutes": 30, "partial_users_affected": 1000000, "partial_duration_minutes": 60},
	"above": ["duration_minutes", "partial_duration_minutes", "partial_users_affected"],
}

# (object.union merges nested objects: remove the CIR profile of _meta first.)
_cloud_input(extra) := {"meta": object.union(object.remove(_meta, ["significance"]), {"significance": _cloud}), "incidents": [_incident(extra)]}

test_limited_service_below_both_thresholds_passes if {
	rule.deny == set() with input as _cloud_input({"unavailability": "partial", "duration_minutes": 40, "users_affected": 10})
	rule.deny == set() with input as _cloud_input({"unavailability": "partial", "duration_minutes": 5, "users_affected": 2000000})
	rule.deny == set() with input as _cloud_input({"unavailability": "partial", "duration_minutes": 60, "users_affected": 1000001})
}

test_limited_service_above_both_thresholds if {
	rule.deny == {_finding(
		"incident 'inc-1' is marked significant = false, but its declared factors reach the significance thresholds (CIR): a limited service for users_affected = 1000001 over duration_minutes = 61 (thresholds above 1000000 users and above 60 minutes); set significant = true and report it",
		[
			_label("users_affected", "a limited service for more than 1000000 users"),
			_label("duration_minutes", "for more than 60 minutes"),
		],
	)} with input as _cloud_input({"unavailability": "partial", "duration_minutes": 61, "users_affected": 1000001})
}

test_full_or_unstated_outage_counts_by_duration if {
	expected := {_finding(
		"incident 'inc-1' is marked significant = false, but its declared factors reach the significance thresholds (CIR): duration_minutes = 31 (threshold above 30); set significant = true and report it",
		[_label("duration_minutes", "exceeds the threshold of 30")],
	)}
	rule.deny == expected with input as _cloud_input({"unavailability": "full", "duration_minutes": 31, "users_affected": 10})
	rule.deny == expected with input as _cloud_input({"duration_minutes": 31, "users_affected": 10})
}
