# METADATA
# scope: package
# title: Implemented controls are reviewed for effectiveness and backed by evidence
# description: >-
#   A control only counts when it is shown to work. Every control with status `implemented`
#   or `partial` needs a `reviewed_at` (its last effectiveness review) within the
#   organisation's `policy_review_months` (default 12) before the evaluation date, and at
#   least one `evidence` entry showing that it operates. One finding per missing property.
#   Controls that are `planned` or `not-applicable` are not assessed.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(f)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 7.1 and 7.2
# custom:
#   id: EFF001
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(f)"]
#     cir-2024-2690: ["7.1", "7.2"]
#   remediation: >-
#     Assess whether the control works as intended, record the date as `reviewed_at`, and add
#     at least one `evidence` entry (`path` or `url`, with a `date` and a `description`) that
#     shows it operating, e.g. a review report, a test result or a tool export.
#   example: |
#     [[control]]
#     id = "c-mfa"
#     title = "Multi-factor authentication"
#     status = "implemented"
#     owner = "p-ciso"
#     requirements = ["nis2:21(2)(j)"]
#     reviewed_at = 2026-04-01
#     evidence = [{ url = "https://intranet.example/mfa/coverage-2026-04", date = 2026-04-01, description = "MFA coverage report" }]
package nis2check.rules.effectiveness.control_effectiveness

import data.nis2check.lib.dates
import data.nis2check.lib.result

_assessed_statuses := {"implemented", "partial"}

_assessed := [c | some c in input.controls; c.status in _assessed_statuses]

deny contains result.entity("control", control.id, ["reviewed_at"], _review_msg(control, months)) if {
	months := dates.interval("policy_review_months")
	cutoff := dates.not_before(months)
	some control in _assessed
	not object.get(control, "reviewed_at", "") >= cutoff # missing means failing
}

deny contains result.entity("control", control.id, ["evidence"], msg) if {
	some control in _assessed
	count(object.get(control, "evidence", [])) == 0
	msg := sprintf(
		"control '%s' is %s but has no evidence; record at least one `evidence` entry showing that it operates",
		[control.id, control.status],
	)
}

_review_msg(control, months) := sprintf(
	"control '%s' is %s but its effectiveness was last reviewed on %s; it must be reviewed every %d months (due %s)",
	[control.id, control.status, last, months, dates.format_date(dates.due_ns(last, months))],
) if {
	last := control.reviewed_at
} else := sprintf(
	"control '%s' is %s but has no reviewed_at; its effectiveness must be reviewed every %d months",
	[control.id, control.status, months],
)
