package nis2check.rules.incidents.recurring_test

import data.nis2check.rules.incidents.recurring as rule

_meta := {
	"as_of": "2026-06-30",
	"as_of_ns": 1782777600000000000,
	"significance": {
		"profile": "cir-2024-2690",
		"basis": "CIR 2024/2690 Art. 3(1)(a)",
		"thresholds": {"financial_loss_eur": 500000, "duration_minutes": 30},
		"above": ["duration_minutes", "financial_loss_eur", "users_affected"],
	},
}

_incident(id, aware, loss, extra) := object.union(
	{
		"id": id, "title": "Payment fraud", "aware_at": aware, "significant": false,
		"root_cause": "Supplier mail domain spoofed", "financial_loss_eur": loss,
	},
	extra,
)

_input(incs) := {"meta": _meta, "incidents": incs}

_label(id, loss, date) := {
	"entity": {"kind": "incident", "id": id},
	"field": ["financial_loss_eur"],
	"msg": sprintf("EUR %v lost, aware %s, same root cause", [loss, date]),
}

_msg(earlier, last, from, to, total) := sprintf(
	"incidents %s and '%s' share the root cause 'Supplier mail domain spoofed' within six months (%s to %s) and together lost EUR %v, more than the EUR 500000 threshold (CIR 2024/2690 Art. 3(1)(a)); recurring incidents count as one significant incident: mark them all significant = true and report them",
	[earlier, last, from, to, total],
)

_finding(id, msg, labels) := {"msg": msg, "entity": {"kind": "incident", "id": id}, "field": ["significant"], "related": labels}

test_two_incidents_reach_the_threshold_together if {
	incs := [
		_incident("inc-1", "2026-01-10T09:00:00Z", 300000, {"root_cause": " supplier MAIL domain spoofed "}),
		_incident("inc-2", "2026-05-02T09:00:00+02:00", 200001, {}),
	]
	rule.deny == {_finding(
		"inc-2",
		_msg("'inc-1'", "inc-2", "2026-01-10", "2026-05-02", 500001),
		[_label("inc-1", 300000, "2026-01-10")],
	)} with input as _input(incs)
}

# The CIR counts a loss above EUR 500,000: exactly that much together is not significant, and
# an incident that lost exactly that much on its own takes part.
test_exactly_the_threshold_together_passes if {
	incs := [
		_incident("inc-1", "2026-01-10T09:00:00Z", 300000, {}),
		_incident("inc-2", "2026-05-02T09:00:00Z", 200000, {}),
	]
	rule.deny == set() with input as _input(incs)
}

test_an_incident_of_exactly_the_threshold_takes_part if {
	incs := [
		_incident("inc-1", "2026-01-10T09:00:00Z", 500000, {}),
		_incident("inc-2", "2026-05-02T09:00:00Z", 10, {}),
	]
	count(rule.deny) == 1 with input as _input(incs)
}

# A threshold counted when reached (the organisation's own): equal together counts.
test_a_reached_threshold_together if {
	meta := object.union(object.remove(_meta, ["significance"]), {"significance": {"basis": "own", "thresholds": {"financial_loss_eur": 500000}, "above": []}})
	incs := [
		_incident("inc-1", "2026-01-10T09:00:00Z", 300000, {}),
		_incident("inc-2", "2026-05-02T09:00:00Z", 200000, {}),
	]
	[f.msg | some f in rule.deny] == ["incidents 'inc-1' and 'inc-2' share the root cause 'Supplier mail domain spoofed' within six months (2026-01-10 to 2026-05-02) and together lost EUR 500000, at least the EUR 500000 threshold (own); recurring incidents count as one significant incident: mark them all significant = true and report them"] with input as {"meta": meta, "incidents": incs}
}

test_below_the_threshold_together_passes if {
	incs := [
		_incident("inc-1", "2026-01-10T09:00:00Z", 300000, {}),
		_incident("inc-2", "2026-05-02T09:00:00Z", 199999, {}),
	]
	rule.deny == set() with input as _input(incs)
}

test_all_marked_significant_passes if {
	incs := [
		_incident("inc-1", "2026-01-10T09:00:00Z", 300000, {"significant": true}),
		_incident("inc-2", "2026-05-02T09:00:00Z", 250000, {"significant": true}),
	]
	rule.deny == set() with input as _input(incs)
}

test_more_than_six_months_apart_passes if {
	incs := [
		_incident("inc-1", "2026-01-10T09:00:00Z", 300000, {}),
		_incident("inc-2", "2026-07-10T09:00:01Z", 250000, {}),
	]
	rule.deny == set() with input as _input(incs)
}

test_exactly_six_months_apart_counts if {
	incs := [
		_incident("inc-1", "2026-01-10T09:00:00Z", 300000, {"significant": true}),
		_incident("inc-2", "2026-07-10T09:00:00Z", 250000, {}),
	]
	rule.deny == {_finding(
		"inc-2",
		_msg("'inc-1'", "inc-2", "2026-01-10", "2026-07-10", 550000),
		[_label("inc-1", 300000, "2026-01-10")],
	)} with input as _input(incs)
}

test_different_root_causes_pass if {
	incs := [
		_incident("inc-1", "2026-01-10T09:00:00Z", 300000, {}),
		_incident("inc-2", "2026-02-10T09:00:00Z", 300000, {"root_cause": "Phished credentials"}),
		_incident("inc-3", "2026-03-10T09:00:00Z", 300000, {"root_cause": " "}),
		object.remove(_incident("inc-4", "2026-03-11T09:00:00Z", 300000, {}), ["root_cause"]),
	]
	rule.deny == set() with input as _input(incs)
}

test_one_incident_alone_over_the_threshold_is_left_to_inc006 if {
	incs := [
		_incident("inc-1", "2026-01-10T09:00:00Z", 600000, {}),
		_incident("inc-2", "2026-02-10T09:00:00Z", 100000, {}),
	]
	rule.deny == set() with input as _input(incs)
}

test_planned_maintenance_skipped if {
	incs := [
		_incident("inc-1", "2026-01-10T09:00:00Z", 300000, {"planned_maintenance": true}),
		_incident("inc-2", "2026-02-10T09:00:00Z", 300000, {}),
	]
	rule.deny == set() with input as _input(incs)
}

test_three_incidents_each_later_one_reported if {
	incs := [
		_incident("inc-1", "2026-01-10T09:00:00Z", 200000, {}),
		_incident("inc-2", "2026-03-01T09:00:00Z", 200000, {}),
		_incident("inc-3", "2026-05-20T09:00:00Z", 200000, {}),
		_incident("inc-4", "2026-08-01T09:00:00Z", 200000, {}),
	]
	rule.deny == {
		# Up to inc-2 only EUR 400000; inc-3 brings it to 600000; inc-1 is out of inc-4's window.
		_finding(
			"inc-3",
			_msg("'inc-1', 'inc-2'", "inc-3", "2026-01-10", "2026-05-20", 600000),
			[_label("inc-1", 200000, "2026-01-10"), _label("inc-2", 200000, "2026-03-01")],
		),
		_finding(
			"inc-4",
			_msg("'inc-2', 'inc-3'", "inc-4", "2026-03-01", "2026-08-01", 600000),
			[_label("inc-2", 200000, "2026-03-01"), _label("inc-3", 200000, "2026-05-20")],
		),
	} with input as _input(incs)
}

test_no_loss_threshold_no_findings if {
	meta := object.union(object.remove(_meta, ["significance"]), {"significance": {"profile": "organization", "basis": "x", "thresholds": {"duration_minutes": 240}}})
	incs := [
		_incident("inc-1", "2026-01-10T09:00:00Z", 300000, {}),
		_incident("inc-2", "2026-02-10T09:00:00Z", 300000, {}),
	]
	rule.deny == set() with input as {"meta": meta, "incidents": incs}
}

# The CIR counts incidents that occurred within six months: `occurred_at` where it is recorded.
# Noticed more than six months apart, but they occurred five months apart.
test_the_window_counts_from_when_they_occurred if {
	incs := [
		_incident("inc-1", "2025-12-02T09:00:00Z", 300000, {"occurred_at": "2025-12-01T09:00:00Z"}),
		_incident("inc-2", "2026-06-20T09:00:00Z", 200001, {"occurred_at": "2026-05-01T09:00:00Z"}),
	]
	rule.deny == {_finding(
		"inc-2",
		_msg("'inc-1'", "inc-2", "2025-12-01", "2026-05-01", 500001),
		[{
			"entity": {"kind": "incident", "id": "inc-1"},
			"field": ["financial_loss_eur"],
			"msg": "EUR 300000 lost, occurred 2025-12-01, same root cause",
		}],
	)} with input as _input(incs)
}

# Noticed within six months, but they occurred seven months apart.
test_noticed_close_together_but_occurred_apart_passes if {
	incs := [
		_incident("inc-1", "2026-01-10T09:00:00Z", 300000, {"occurred_at": "2025-10-01T09:00:00Z"}),
		_incident("inc-2", "2026-05-02T09:00:00Z", 200001, {}),
	]
	rule.deny == set() with input as _input(incs)
}
