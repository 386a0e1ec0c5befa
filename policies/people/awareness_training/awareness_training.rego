# METADATA
# scope: package
# title: Staff follow security-awareness training within the interval
# description: >-
#   Basic cyber hygiene and training are part of the duty of care (NIS2 Art. 21(2)(g)), and
#   the awareness programme is repeated over time (CIR 2024/2690 Annex 8.1.2). Every current
#   person with a role other than `management-body` (staff, admins, contractors, security and
#   privacy officers) needs a training with topic `security-awareness` completed within the
#   organisation's `awareness_training_months` (default 12) before the evaluation date.
#   Members of the management body who hold no other role are covered by GOV003 instead.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(g)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 8.1.2
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.04.01
# custom:
#   id: PPL001
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(g)"]
#     cir-2024-2690: ["8.1.2"]
#     bio2: ["5.04.01"]
#     iso27001-2022: ["A.6.3"]
#   bio2_version: "1.2"
#   remediation: >-
#     Have the person complete security-awareness training and record it in the person's
#     `trainings` with `topic = "security-awareness"` and `completed_at`.
#   example: |
#     [[person]]
#     id = "p-jansen"
#     name = "J. Jansen"
#     roles = ["staff"]
#     trainings = [{ topic = "security-awareness", completed_at = 2026-02-01 }]
package nis2check.rules.people.awareness_training

import data.nis2check.lib.dates
import data.nis2check.lib.index.current_people
import data.nis2check.lib.result

_topic := "security-awareness"

deny contains result.entity("person", p.id, ["trainings"], _msg(p, months)) if {
	months := dates.interval("awareness_training_months")
	cutoff := dates.not_before(months)
	some p in current_people
	not _trained_recently(p, cutoff) # first: most people are, and then no further call
	_has_staff_role(p)
}

_has_staff_role(p) if {
	some role in p.roles
	role != "management-body"
}

_trained_recently(p, cutoff) if {
	some t in p.trainings
	t.topic == _topic
	t.completed_at >= cutoff
}

_last_training(p) := max({t.completed_at | some t in p.trainings; t.topic == _topic; t.completed_at})

_msg(p, months) := sprintf(
	"person '%s' last completed security-awareness training on %s; it must be repeated every %d months (due %s)",
	[p.id, last, months, dates.format_date(dates.due_ns(last, months))],
) if {
	last := _last_training(p)
} else := sprintf(
	"person '%s' has no security-awareness training on record; it is needed every %d months",
	[p.id, months],
)
