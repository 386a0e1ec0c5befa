# METADATA
# scope: package
# title: The registration with the authority is kept current
# description: >-
#   Changes to the registration data must reach the authority within two weeks (NIS2 Art.
#   3(4)), so the registration is worth re-confirming regularly; how often is the organisation's
#   choice, not the law's. The later of `registration.updated_at` and
#   `registration.registered_at` must lie within the organisation's `registration_review_months`
#   (default 12) before the evaluation date; with neither date the rule fails. Organisations whose derived position
#   is out of scope or excluded are skipped.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 3(4)
# custom:
#   id: REG003
#   severity: warning
#   frameworks:
#     nis2: ["3(4)"]
#   remediation: >-
#     Check the registration data held by the authority against `[organization]`, report any
#     change, and record the date as `registration.updated_at`.
#   example: |
#     [organization]
#     name = "Voorbeeld Energie B.V."
#     member_state = "NL"
#     sector = "energy"
#     registration = { registered_at = 2025-01-12, updated_at = 2026-01-12, reference = "NIS2-0001" }
package nis2check.rules.scope.registration_current

import data.nis2check.lib.dates
import data.nis2check.lib.result

_months := dates.interval("registration_review_months")

_not_in_scope := {"out-of-scope", "excluded"}

_date_fields := ["updated_at", "registered_at"]

deny contains result.org(_field, _msg) if {
	not input.meta.scope.position in _not_in_scope
	not _current
}

_current if {
	some k in _date_fields
	dates.within_months(input.organization.registration[k], _months)
}

_last := max({input.organization.registration[k] | some k in _date_fields; input.organization.registration[k]})

_field := ["registration", "updated_at"] if {
	input.organization.registration.updated_at == _last
} else := ["registration", "registered_at"] if {
	input.organization.registration.registered_at
} else := ["registration", "updated_at"]

_msg := sprintf(
	"the registration was last updated on %s; confirm it with the authority at least every %d months (due %s)",
	[_last, _months, dates.format_date(dates.due_ns(_last, _months))],
) if {
	_last
} else := sprintf(
	"the registration has no updated_at or registered_at date; record when it was last confirmed with the authority (at least every %d months)",
	[_months],
)
