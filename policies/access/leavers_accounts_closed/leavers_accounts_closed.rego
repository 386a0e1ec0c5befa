# METADATA
# scope: package
# title: Leavers' accounts are closed when they leave
# description: >-
#   Access rights are removed when employment ends (CIR 2024/2690 Annex 11.2.2; access control
#   under NIS2 Art. 21(2)(i)). Every person whose `left_at` lies before the evaluation date
#   needs `accounts_closed_at` no later than one day after `left_at`; the day of grace allows
#   for accounts closed on the first working day after a departure at the end of a day. A
#   leaver still within that day is not reported yet.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(i)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 11.2.2
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.16.01
# custom:
#   id: ACC006
#   severity: error
#   frameworks:
#     nis2: ["21(2)(i)"]
#     cir-2024-2690: ["11.2.2"]
#     bio2: ["5.16.01"]
#     iso27001-2022: ["A.5.18"]
#   bio2_version: "1.2"
#   remediation: >-
#     Close the leaver's accounts and remove their access (including tokens, keys and remote
#     access), and record the date as `accounts_closed_at` on the person. Make account closure
#     part of the leaver process so it happens on the last day.
#   example: |
#     [[person]]
#     id = "p-former"
#     name = "F. Vertrokken"
#     roles = ["staff"]
#     left_at = 2026-03-31
#     accounts_closed_at = 2026-03-31
package nis2check.rules.access.leavers_accounts_closed

import data.nis2check.lib.dates
import data.nis2check.lib.dates.as_of_ns
import data.nis2check.lib.dates.day_ns
import data.nis2check.lib.dates.today
import data.nis2check.lib.result

_grace_ns := day_ns

deny contains result.with_related(finding, [_left_label(p)]) if {
	as_of := today # once: a read of an imported rule costs more than of a local
	some p in input.people
	p.left_at < as_of # dates compare as strings: only leavers, without a function call per person
	deadline := dates.date_ns(p.left_at) + _grace_ns
	dates.date_ns(p.accounts_closed_at) > deadline
	msg := sprintf(
		"leaver '%s' left on %s but the accounts were closed only on %s; close them by the day after leaving (%s)",
		[p.id, p.left_at, p.accounts_closed_at, dates.format_date(deadline)],
	)
	finding := result.entity("person", p.id, ["accounts_closed_at"], msg)
}

deny contains result.with_related(finding, [_left_label(p)]) if {
	as_of := today
	some p in input.people
	p.left_at < as_of
	deadline := dates.date_ns(p.left_at) + _grace_ns
	deadline < as_of_ns
	not p.accounts_closed_at
	msg := sprintf(
		"leaver '%s' left on %s and has no accounts_closed_at; accounts were due to be closed by %s",
		[p.id, p.left_at, dates.format_date(deadline)],
	)
	finding := result.entity("person", p.id, ["accounts_closed_at"], msg)
}

_left_label(p) := result.related("person", p.id, ["left_at"], "left here")
