# METADATA
# scope: package
# title: Every critical supplier is covered by a risk
# description: >-
#   Supply-chain security starts with knowing what could go wrong with the suppliers one
#   depends on: NIS2 asks the measures to take each direct supplier's vulnerabilities and
#   practices into account, and the CIR asks that third-party risks be identified in the risk
#   assessment. Every supplier with `criticality = "critical"` must be named in the
#   `suppliers` of at least one risk in the register (whatever that risk's status).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(d) and 21(3)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 2.1.2(d)
# custom:
#   id: RSK005
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(d)", "21(3)"]
#     cir-2024-2690: ["2.1.2(d)"]
#   remediation: >-
#     Assess what a failure or compromise of the supplier would mean (outage, data breach,
#     lock-in) and record it as a risk that lists the supplier in `suppliers`.
#   example: |
#     [[supplier]]
#     id = "s-cloudco"
#     name = "CloudCo B.V."
#     provides = ["hosting"]
#     criticality = "critical"
#
#     [[risk]]
#     id = "r-cloudco-outage"
#     title = "Prolonged outage of CloudCo hosting"
#     suppliers = ["s-cloudco"]
package nis2check.rules.risk.critical_supplier_risk

import data.nis2check.lib.result

deny contains result.entity("supplier", s.id, ["criticality"], msg) if {
	some s in input.suppliers
	s.criticality == "critical"
	# The risks that name it, from the lookup Rust builds (docs/policies.md): one probe per
	# critical supplier, where a set of every named supplier would be built per evaluation.
	not input.lookups.risks_by_supplier[s.id]
	msg := sprintf(
		"critical supplier '%s' is named in no risk; add a risk that lists it in `suppliers`",
		[s.id],
	)
}
