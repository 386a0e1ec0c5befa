# METADATA
# scope: package
# title: New staff complete security-awareness training within three months
# description: >-
#   Staff and contractors who use the information systems complete security-awareness training
#   within three months of starting (BIO2 6.03.02; the CIR awareness programme covers new staff,
#   Annex 8.1.2). For every current person with a role other than `management-body` and an
#   `appointed_at` more than three months before the evaluation date, a training with topic
#   `security-awareness` must be completed no later than `appointed_at` + 3 months. A late
#   first training is reported while the deadline lies within the last
#   `awareness_training_months` (default 12, one audit period); for earlier appointments any
#   training on record counts, and keeping it current is PPL001's job. A person with no
#   security-awareness training at all is always reported. People without `appointed_at`
#   cannot be judged here and are left to PPL001.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(g)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 8.1.2
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 6.03.02
# custom:
#   id: PPL002
#   severity: error
#   frameworks:
#     nis2: ["21(2)(g)"]
#     cir-2024-2690: ["8.1.2"]
#     bio2: ["6.03.02"]
#     iso27001-2022: ["A.6.3"]
#   bio2_version: "1.2"
#   remediation: >-
#     Make security-awareness training part of onboarding, have the person complete it, and
#     record it in the person's `trainings` with `topic = "security-awareness"` and
#     `completed_at`.
#   example: |
#     [[person]]
#     id = "p-new"
#     name = "N. Nieuw"
#     roles = ["staff"]
#     appointed_at = 2026-01-05
#     trainings = [{ topic = "security-awareness", completed_at = 2026-02-20 }]
package nis2check.rules.people.new_staff_training

import data.nis2check.lib.dates
import data.nis2check.lib.dates.as_of_ns
import data.nis2check.lib.index.current_people
import data.nis2check.lib.result

_topic := "security-awareness"

_months := 3

# Work in "YYYY-MM-DD" strings, which compare as dates: a deadline has passed exactly when the
# appointment lies before `dates.not_before(3)`, so the month arithmetic runs only for those.
# And it runs only for those who may be reported: a person with a training on record who was
# appointed more than four months before the period start has a deadline (appointment + 3
# months) before it, so `_reportable` would not hold. Most staff were appointed years ago.
deny contains result.entity("person", p.id, ["trainings"], msg) if {
	cutoff := dates.not_before(_months)
	period_start_ns := dates.add_months_ns(as_of_ns, 0 - dates.interval("awareness_training_months"))
	period_start := dates.format_date(period_start_ns)
	recent := dates.format_date(dates.add_months_ns(period_start_ns, 0 - (_months + 1)))
	topic := _topic # once: a rule read in the loop is looked up again for every training
	some p in current_people
	p.appointed_at < cutoff
	completions := {t.completed_at | some t in p.trainings; t.topic == topic; t.completed_at}
	_may_report(p, completions, recent)
	_has_staff_role(p) # after the shortcut, which leaves few people
	deadline := dates.format_date(dates.due_ns(p.appointed_at, _months))
	not _any_by(completions, deadline)
	_reportable(completions, deadline, period_start)
	msg := _msg(p, completions, deadline)
}

_may_report(_, completions, _) if count(completions) == 0

_may_report(p, _, recent) if p.appointed_at >= recent

_has_staff_role(p) if {
	some role in p.roles
	role != "management-body"
}

_any_by(completions, deadline) if {
	some d in completions
	d <= deadline
}

# Never trained: always reported.
_reportable(completions, _, _) if count(completions) == 0

# Trained late: reported while the deadline lies within the last audit period.
_reportable(_, deadline, period_start) if deadline >= period_start

_msg(p, completions, deadline) := sprintf(
	"person '%s' started on %s but first completed security-awareness training on %s, after the 3-month deadline of %s",
	[p.id, p.appointed_at, min(completions), deadline],
) if {
	count(completions) > 0
} else := sprintf(
	"person '%s' started on %s and has no security-awareness training on record; new staff complete it within 3 months (by %s)",
	[p.id, p.appointed_at, deadline],
)
