# METADATA
# scope: package
# title: Background checks are done before the role starts
# description: >-
#   Where a role needs a verified background, the verification is completed before the person
#   starts exercising the role (CIR 2024/2690 Annex 10.2.2(b); human-resources security, NIS2
#   Art. 21(2)(i)). Every current person with `screening_required = true` whose
#   `appointed_at` has been reached needs a `screened_at` on or before `appointed_at`. A
#   missing `screened_at` fails, and so does a missing `appointed_at`, since then the order
#   cannot be shown.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(i)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 10.2
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 6.01.01
# custom:
#   id: PPL003
#   severity: error
#   frameworks:
#     nis2: ["21(2)(i)"]
#     cir-2024-2690: ["10.2", "10.2.2(b)"]
#     bio2: ["6.01.01"]
#     iso27001-2022: ["A.6.1"]
#   bio2_version: "1.2"
#   remediation: >-
#     Complete the background check (e.g. a certificate of conduct) before the person starts in
#     the role and record its date as `screened_at`; record the start as `appointed_at`.
#   example: |
#     [[person]]
#     id = "p-admin"
#     name = "A. Beheerder"
#     roles = ["admin"]
#     appointed_at = 2026-03-01
#     screening_required = true
#     screened_at = 2026-02-10
package nis2check.rules.people.background_check

import data.nis2check.lib.dates.today
import data.nis2check.lib.index
import data.nis2check.lib.result

# The current people who need a background check, found once for the three rules below.
_required := [p | some p in input.people; p.screening_required == true; index.current(p)]

# Screened, and no later than the start of the role ("YYYY-MM-DD" strings compare as dates).
deny contains result.with_related(finding, [_start_label(p)]) if {
	some p in _required
	p.screened_at > p.appointed_at
	msg := sprintf(
		"person '%s' was screened on %s, after starting in the role on %s; the background check must come first",
		[p.id, p.screened_at, p.appointed_at],
	)
	finding := result.entity("person", p.id, ["screened_at"], msg)
}

deny contains result.with_related(finding, [_start_label(p)]) if {
	some p in _required
	not p.screened_at
	p.appointed_at <= today
	msg := sprintf(
		"person '%s' needs a background check (screening_required) but has no screened_at; the role started on %s",
		[p.id, p.appointed_at],
	)
	finding := result.entity("person", p.id, ["screened_at"], msg)
}

deny contains result.entity("person", p.id, ["appointed_at"], msg) if {
	some p in _required
	not p.appointed_at
	msg := sprintf(
		"person '%s' needs a background check (screening_required) but has no appointed_at, so it cannot be shown that the check preceded the role%s",
		[p.id, _screened_text(p)],
	)
}

_screened_text(p) := sprintf(" (screened on %s)", [p.screened_at]) if {
	p.screened_at
} else := "; screened_at is missing too"

_start_label(p) := result.related("person", p.id, ["appointed_at"], "the role started here")
