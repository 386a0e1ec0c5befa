# METADATA
# scope: package
# title: Recurring incidents with one root cause that together reach the loss threshold
# description: >-
#   Incidents that are not significant on their own count together as one significant
#   incident when they occurred at least twice within six months, share the same apparent root
#   cause and together meet the financial-loss criterion (CIR 2024/2690 Art. 4); the CIR Annex
#   asks for a regular check for such recurrences. This rule groups the incidents by
#   `root_cause` (ignoring case and surrounding spaces) and, for each incident, adds up the
#   `financial_loss_eur` of the incidents with that root cause that occurred within the six
#   months before it: at `occurred_at`, or at `aware_at` where the start is not recorded. Only incidents whose loss does not make them significant by
#   themselves take part (INC006 reports those); planned maintenance is skipped. When the total
#   meets the profile's `financial_loss_eur` threshold (exceeds it, where the profile counts a
#   loss only above it, as the CIR does: "above EUR 500,000") and not every incident in those
#   six months is marked `significant = true`, the incident that ends them is reported: each
#   such incident, when several later ones do. Nothing is checked when the significance profile
#   sets no `financial_loss_eur` threshold.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 23(3)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Art. 4 and Annex 3.4.2(b)
# custom:
#   id: INC007
#   severity: warning
#   frameworks:
#     nis2: ["23(3)"]
#     cir-2024-2690: ["3.4.2(b)"]
#   remediation: >-
#     Treat the recurring incidents as one significant incident: set `significant = true` on
#     each of them and report them. If the root causes differ after all, record the actual
#     root cause of each.
#   example: |
#     [[incident]]
#     id = "inc-2026-004"
#     title = "Payment fraud through a spoofed supplier mail"
#     aware_at = 2026-02-03T09:00:00+01:00
#     root_cause = "Supplier mail domain spoofed"
#     financial_loss_eur = 300000
#     significant = true
#
#     [[incident]]
#     id = "inc-2026-007"
#     title = "Second payment fraud through a spoofed supplier mail"
#     aware_at = 2026-05-12T14:00:00+02:00
#     root_cause = "Supplier mail domain spoofed"
#     financial_loss_eur = 250000
#     significant = true
package nis2check.rules.incidents.recurring

import data.nis2check.lib.dates
import data.nis2check.lib.result

_window_months := 6

_threshold := t if {
	t := input.meta.significance.thresholds.financial_loss_eur
	is_number(t)
}

# Whether the profile counts a loss only above the threshold (the CIR: "above EUR 500,000").
_above if "financial_loss_eur" in input.meta.significance.above

# A loss that does not make an incident significant by itself (INC006 reports those).
_below(loss) if {
	_above
	loss <= _threshold
}

_below(loss) if {
	not _above
	loss < _threshold
}

_meets(total) if {
	_above
	total > _threshold
}

_meets(total) if {
	not _above
	total >= _threshold
}

_meets_text := "more than" if _above

else := "at least"

_basis := b if {
	b := input.meta.significance.basis
	trim_space(b) != ""
} else := "the significance profile"

# The incidents that can add up, grouped by root cause in one pass: cause -> {[when ns, id,
# loss, marked significant, root cause as written, "occurred" or "aware"], ...}.
_by_cause[cause] contains [at, inc.id, inc.financial_loss_eur, _marked(inc), inc.root_cause, word] if {
	some inc in input.incidents
	not inc.planned_maintenance == true
	cause := lower(trim_space(inc.root_cause))
	cause != ""
	is_number(inc.financial_loss_eur)
	inc.financial_loss_eur > 0
	_below(inc.financial_loss_eur)
	[at, word] := _when(inc)
}

# When the incident occurred (CIR Art. 4 counts incidents that occurred within six months):
# `occurred_at`, else `aware_at`, which every incident has.
_when(inc) := [dates.ts_ns(inc.occurred_at), "occurred"] if inc.occurred_at

_when(inc) := [dates.ts_ns(inc.aware_at), "aware"] if not inc.occurred_at

deny contains result.with_related(finding, labels) if {
	some group in _by_cause
	count(group) > 1
	ordered := sort(group)
	some e, last in ordered
	e > 0

	# The incidents with this root cause from the six months up to and including `last`.
	window := [m | some j in numbers.range(0, e); m := ordered[j]; dates.add_months_ns(m[0], _window_months) >= last[0]]
	count(window) > 1
	total := sum([m[2] | some m in window])
	_meets(total)
	not _all_significant(window)

	earlier := array.slice(window, 0, count(window) - 1)
	msg := sprintf(
		"incidents %s and '%s' share the root cause '%s' within six months (%s to %s) and together lost EUR %v, %s the EUR %v threshold (%s); recurring incidents count as one significant incident: mark them all significant = true and report them",
		[
			_ids_text(earlier), last[1], trim_space(last[4]),
			dates.format_date(window[0][0]), dates.format_date(last[0]),
			total, _meets_text, _threshold, _basis,
		],
	)
	finding := result.entity("incident", last[1], ["significant"], msg)
	labels := [_earlier_label(m) | some m in earlier]
}

_marked(inc) := true if {
	inc.significant == true
} else := false

_all_significant(window) if every m in window {
	m[3] == true
}

_ids_text(ms) := concat(", ", [sprintf("'%s'", [m[1]]) | some m in ms])

_earlier_label(m) := result.related(
	"incident", m[1], ["financial_loss_eur"],
	sprintf("EUR %v lost, %s %s, same root cause", [m[2], m[5], dates.format_date(m[0])]),
)
