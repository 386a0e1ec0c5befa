# METADATA
# scope: package
# title: The BC/DR plan exists and was tested within the test interval
# description: >-
#   A business continuity and disaster recovery plan only helps when it has been exercised.
#   The repository needs at least one document of type `bc-dr-plan`, and every such plan needs
#   a `tested_at` date within the organisation's `plan_test_months` (default 12) before the
#   evaluation date.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(c)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 4.1.4
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.30.01
# custom:
#   id: BCM002
#   severity: error
#   frameworks:
#     nis2: ["21(2)(c)"]
#     cir-2024-2690: ["4.1.4"]
#     bio2: ["5.30.01"]
#   bio2_version: "1.2"
#   remediation: >-
#     Write a BC/DR plan (a `[[document]]` with `type = "bc-dr-plan"`), exercise it, and record
#     the date of the last exercise as `tested_at`.
#   example: |
#     [[document]]
#     id = "bcp"
#     type = "bc-dr-plan"
#     title = "Business continuity and disaster recovery plan"
#     owner = "p-ciso"
#     tested_at = 2026-03-12
package nis2check.rules.continuity.plan_tested

import data.nis2check.lib.dates
import data.nis2check.lib.result

_plans := [d | some d in input.documents; d.type == "bc-dr-plan"]

deny contains result.org([], msg) if {
	count(_plans) == 0
	msg := sprintf(
		"no document of type \"bc-dr-plan\"; a BC/DR plan is required and must be tested every %d months",
		[dates.interval("plan_test_months")],
	)
}

deny contains result.entity("document", plan.id, ["tested_at"], _msg(plan, months)) if {
	months := dates.interval("plan_test_months")
	cutoff := dates.not_before(months)
	some plan in _plans
	not _tested_recently(plan, cutoff)
}

_tested_recently(plan, cutoff) if plan.tested_at >= cutoff

_msg(plan, months) := sprintf(
	"BC/DR plan '%s' was last tested on %s; it must be tested every %d months (due %s)",
	[plan.id, last, months, dates.format_date(dates.due_ns(last, months))],
) if {
	last := plan.tested_at
} else := sprintf(
	"BC/DR plan '%s' has no tested_at; it must be tested every %d months",
	[plan.id, months],
)
