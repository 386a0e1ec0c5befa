# METADATA
# scope: package
# title: Critical suppliers' contracts hold the security clauses
# description: >-
#   The contract is where an organisation makes its security requirements binding on a
#   supplier. Every supplier with `criticality = "critical"` needs a `contract` table in which
#   all of `security_requirements`, `incident_notification`, `right_to_audit`,
#   `vulnerability_handling`, `subcontracting`, `exit`, `staff_training` and
#   `background_checks` are `true`. One finding per supplier lists the clauses that are
#   missing or false.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(d)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 5.1.4
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.20.01, 5.20.04, 5.20.05, 5.20.06
# custom:
#   id: SUP003
#   severity: error
#   frameworks:
#     nis2: ["21(2)(d)"]
#     cir-2024-2690: ["5.1.4"]
#     bio2: ["5.20.01", "5.20.04", "5.20.05", "5.20.06"]
#   bio2_version: "1.2"
#   remediation: >-
#     Add the missing clauses to the contract (or SLA) with the supplier and set each of them to
#     `true` in the supplier's `contract` table.
#   example: |
#     [[supplier]]
#     id = "s-cloudco"
#     name = "CloudCo B.V."
#     provides = ["hosting"]
#     criticality = "critical"
#     contract = { security_requirements = true, incident_notification = true, right_to_audit = true, vulnerability_handling = true, subcontracting = true, exit = true, staff_training = true, background_checks = true }
package nis2check.rules.supply_chain.contract_clauses

import data.nis2check.lib.result

_clauses := [
	"security_requirements",
	"incident_notification",
	"right_to_audit",
	"vulnerability_handling",
	"subcontracting",
	"exit",
	"staff_training",
	"background_checks",
]

deny contains result.entity("supplier", supplier.id, ["contract"], _msg(supplier, missing)) if {
	some supplier in input.suppliers
	supplier.criticality == "critical"
	contract := object.get(supplier, "contract", {})
	missing := [c | some c in _clauses; not contract[c] == true]
	count(missing) > 0
}

_msg(supplier, missing) := sprintf(
	"critical supplier '%s' has no contract table; its contract needs all eight security clauses (%s)",
	[supplier.id, concat(", ", missing)],
) if {
	not supplier.contract
} else := sprintf(
	"critical supplier '%s' contract lacks %s; all eight security clauses must be true",
	[supplier.id, concat(", ", missing)],
)
