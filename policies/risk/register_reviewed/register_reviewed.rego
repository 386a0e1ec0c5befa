# METADATA
# scope: package
# title: Every open risk is reviewed within the review interval
# description: >-
#   The CIR asks that the results of the risk assessment and the treatment plan be reviewed at
#   least once a year, and after significant changes or incidents. Every risk that is not
#   closed (a missing status counts as open) needs a `reviewed_at` date within the
#   organisation's `risk_review_months` (default 12) before the evaluation date.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 2.1.4
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(a)
# custom:
#   id: RSK004
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(a)"]
#     cir-2024-2690: ["2.1.4"]
#   remediation: >-
#     Review the risk (likelihood, impact, treatment and its progress) with its owner and
#     record the date as `reviewed_at`; close risks that no longer apply.
#   example: |
#     [[risk]]
#     id = "r-ransomware"
#     title = "Ransomware on the file servers"
#     status = "in-treatment"
#     reviewed_at = 2026-02-01
package nis2check.rules.risk.register_reviewed

import data.nis2check.lib.dates
import data.nis2check.lib.result

# One pass over the risks and no helper call (BENCHMARKS.md). A missing date reads as "",
# which sorts before every date, so it fails the same comparison.
deny contains result.entity("risk", r.id, ["reviewed_at"], _msg(r.id, last, months)) if {
	months := dates.interval("risk_review_months")
	cutoff := dates.not_before(months)
	some r in input.risks
	not r.status == "closed"
	last := object.get(r, "reviewed_at", "")
	last < cutoff
}

_msg(id, last, months) := sprintf(
	"risk '%s' has no reviewed_at; risks are reviewed every %d months",
	[id, months],
) if {
	last == ""
} else := sprintf(
	"risk '%s' was last reviewed on %s; risks are reviewed every %d months (due %s)",
	[id, last, months, dates.format_date(dates.due_ns(last, months))],
)
