# METADATA
# scope: package
# title: Management-body members follow cybersecurity training
# description: >-
#   NIS2 requires the members of the management body to follow training so they can judge
#   cybersecurity risks and the measures taken against them. Every current member of the
#   management body (role `management-body`, not left) needs a training with topic
#   `cybersecurity-management` completed within the organisation's
#   `management_training_months` (default 24) before the evaluation date. A member appointed
#   within that period (`appointed_at`) has until that many months after the appointment for
#   a first training.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 20(2)
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.04.01
# custom:
#   id: GOV003
#   severity: error
#   frameworks:
#     nis2: ["20(2)"]
#     bio2: ["5.04.01"]
#   bio2_version: "1.2"
#   remediation: >-
#     Have the member complete cybersecurity training for management and record it in the
#     person's `trainings` with `topic = "cybersecurity-management"` and `completed_at`.
#   example: |
#     [[person]]
#     id = "p-director"
#     name = "A. Director"
#     roles = ["management-body"]
#     trainings = [
#       { topic = "cybersecurity-management", completed_at = 2025-10-01, provider = "Academy" },
#     ]
package nis2check.rules.governance.management_training

import data.nis2check.lib.dates
import data.nis2check.lib.index.management_body_members
import data.nis2check.lib.result

_topic := "cybersecurity-management"

deny contains result.entity("person", person.id, ["trainings"], _msg(person, months)) if {
	months := dates.interval("management_training_months")
	cutoff := dates.not_before(months)
	some person in management_body_members
	not _trained_recently(person, cutoff)
	not _appointed_since(person, cutoff)
}

# Appointed on or after the cutoff: the first training is due `months` after the appointment,
# which has not passed yet (dates.not_before).
_appointed_since(person, cutoff) if person.appointed_at >= cutoff

_trained_recently(person, cutoff) if {
	some t in person.trainings
	t.topic == _topic
	t.completed_at >= cutoff
}

_last_training(person) := max({t.completed_at | some t in person.trainings; t.topic == _topic; t.completed_at})

_msg(person, months) := sprintf(
	"management-body member '%s' last completed cybersecurity-management training on %s; it must be repeated every %d months (due %s)",
	[person.id, last, months, dates.format_date(dates.due_ns(last, months))],
) if {
	last := _last_training(person)
} else := sprintf(
	"management-body member '%s' has no cybersecurity-management training on record; NIS2 requires it (every %d months here)",
	[person.id, months],
)
