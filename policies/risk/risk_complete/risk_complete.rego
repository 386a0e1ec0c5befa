# METADATA
# scope: package
# title: Open risks are complete
# description: >-
#   The CIR asks for a risk treatment plan with an owner and a deadline for every treatment,
#   based on an assessment of likelihood and impact for the assets concerned. Every risk that
#   is not closed needs `owner`, `likelihood`, `impact`, `treatment`, `treatment_owner`,
#   `treatment_due` and at least one entry in `assets`. One finding per risk lists what is
#   missing.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(a)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 2.1.2
# custom:
#   id: RSK002
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(a)"]
#     cir-2024-2690: ["2.1.2"]
#   remediation: >-
#     Complete the risk: name its owner, score likelihood and impact (1-5), choose a treatment
#     with an owner and a due date, and link the assets it concerns.
#   example: |
#     [[risk]]
#     id = "r-ransomware"
#     title = "Ransomware on the file servers"
#     assets = ["fileserver"]
#     likelihood = 3
#     impact = 4
#     owner = "p-ciso"
#     treatment = "mitigate"
#     treatment_owner = "p-it-lead"
#     treatment_due = 2026-09-30
#     status = "in-treatment"
package nis2check.rules.risk.risk_complete

import data.nis2check.lib.result

_required := ["owner", "likelihood", "impact", "treatment", "treatment_owner", "treatment_due", "assets"]

deny contains result.entity("risk", r.id, _field(missing), msg) if {
	some r in input.risks
	not r.status == "closed"
	not _surely_complete(r)
	missing := [k | some k in _required; not _present(r, k)]
	count(missing) > 0
	msg := sprintf("open risk '%s' is incomplete: no %s", [r.id, concat(", ", missing)])
}

_present(r, key) if is_number(r[key])

_present(r, key) if {
	is_string(r[key])
	trim_space(r[key]) != ""
}

_present(r, key) if {
	is_array(r[key])
	count(r[key]) > 0
}

# A cheap check that implies every `_present`, so a complete risk skips the list of what is
# missing (the list stays the exact test).
_surely_complete(r) if {
	is_number(r.likelihood)
	is_number(r.impact)
	r.owner >= "!" # texts starting with a printable ASCII character ("!" to "~") are not
	r.owner < "\u007f" # blank: comparisons instead of trim_space calls
	r.treatment >= "!"
	r.treatment < "\u007f"
	r.treatment_owner >= "!"
	r.treatment_owner < "\u007f"
	r.treatment_due >= "!"
	r.treatment_due < "\u007f"
	is_array(r.assets)
	count(r.assets) > 0
}

# One missing field is labelled; with several, the risk itself.
_field(missing) := [missing[0]] if count(missing) == 1

_field(missing) := [] if count(missing) > 1
