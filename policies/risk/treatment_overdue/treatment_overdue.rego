# METADATA
# scope: package
# title: Risk treatments are not overdue
# description: >-
#   NIS2 requires an entity that finds it does not comply with the measures to correct that
#   without undue delay. A risk whose `treatment_due` date lies before the evaluation date
#   while its `status` is not `treated`, `accepted` or `closed` (a missing status counts as
#   open) has an overdue treatment.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(4)
# custom:
#   id: RSK003
#   severity: warning
#   frameworks:
#     nis2: ["21(4)"]
#   remediation: >-
#     Finish the treatment and set `status = "treated"`, or agree a new `treatment_due` date
#     with the treatment owner (or have the residual risk accepted).
#   example: |
#     [[risk]]
#     id = "r-ransomware"
#     title = "Ransomware on the file servers"
#     treatment = "mitigate"
#     treatment_owner = "p-it-lead"
#     treatment_due = 2026-03-31
#     status = "treated"
package nis2check.rules.risk.treatment_overdue

import data.nis2check.lib.dates
import data.nis2check.lib.result

_done := {"treated", "accepted", "closed"}

deny contains result.entity("risk", r.id, ["treatment_due"], msg) if {
	some r in input.risks
	not _finished(r)
	dates.before_as_of(r.treatment_due)
	msg := sprintf("treatment of risk '%s' was due on %s and %s", [r.id, r.treatment_due, _status_text(r)])
}

_finished(r) if r.status in _done

_status_text(r) := sprintf("its status is still '%s'", [r.status]) if {
	r.status
} else := "the risk has no status"
