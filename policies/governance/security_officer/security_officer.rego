# METADATA
# scope: package
# title: A security officer reports to the management body
# description: >-
#   Someone must report directly to the management body on network and information security
#   (CIR 2024/2690 Annex 1.2.3), and BIO2 asks for a CISO who can advise and report to the
#   board independently. At least one current person with role `ciso` or `security-officer`
#   must either report to (`reports_to`) a current management-body member or sit on the
#   management body. Without any such officer, every current officer gets a finding on
#   `reports_to`; with no officer at all, the finding points at `[organization]`.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 20(1)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 1.2.3
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.02.02
# custom:
#   id: GOV005
#   severity: error
#   frameworks:
#     nis2: ["20(1)"]
#     cir-2024-2690: ["1.2.3"]
#     bio2: ["5.02.02"]
#     iso27001-2022: ["A.5.2"]
#   bio2_version: "1.2"
#   remediation: >-
#     Appoint a CISO or security officer (role `ciso` or `security-officer`) and set
#     `reports_to` to the id of a management-body member, so the reporting line is direct.
#   example: |
#     [[person]]
#     id = "p-director"
#     name = "A. Director"
#     roles = ["management-body"]
#
#     [[person]]
#     id = "p-ciso"
#     name = "B. Officer"
#     roles = ["ciso"]
#     reports_to = "p-director"
package nis2check.rules.governance.security_officer

import data.nis2check.lib.index
import data.nis2check.lib.index.management_body
import data.nis2check.lib.index.people as people_by_id
import data.nis2check.lib.result

_officer_roles := {"ciso", "security-officer"}

# The current officers (someone with both roles is listed twice).
_officers := [p |
	some role in _officer_roles
	some p in index.people_with_role(role)
	index.current(p)
]

_reports_to_board(p) if p.reports_to in management_body

_reports_to_board(p) if p.id in management_body

_satisfied if {
	some p in _officers
	_reports_to_board(p)
}

deny contains result.org([], msg) if {
	count(_officers) == 0
	msg := "no current person has role 'ciso' or 'security-officer'; appoint one who reports to the management body"
}

deny contains _finding(p) if {
	not _satisfied
	some p in _officers
}

_finding(p) := result.with_related(_base(p), [_boss_label(people_by_id[p.reports_to])]) if {
	people_by_id[p.reports_to]
} else := _base(p)

_base(p) := result.entity("person", p.id, ["reports_to"], sprintf("no security officer reports to the management body: %s", [_line(p)]))

_line(p) := sprintf("'%s' reports to '%s', who is %s", [p.id, p.reports_to, _why(p.reports_to)]) if {
	people_by_id[p.reports_to]
} else := sprintf("'%s' reports to '%s', who is not a known person", [p.id, p.reports_to]) if {
	p.reports_to
} else := sprintf("'%s' has no reports_to; set it to a management-body member", [p.id])

_why(id) := sprintf("no longer current (left %s)", [people_by_id[id].left_at]) if {
	not index.current(people_by_id[id])
} else := "not on the management body"

_boss_label(boss) := result.related("person", boss.id, ["left_at"], "left here") if {
	not index.current(boss)
} else := result.related("person", boss.id, ["roles"], "not on the management body")
