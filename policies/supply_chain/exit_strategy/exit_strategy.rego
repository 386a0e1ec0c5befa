# METADATA
# scope: package
# title: Critical suppliers have an exit strategy
# description: >-
#   Depending on a supplier one cannot leave is a risk in itself (lock-in, a supplier that
#   fails or is acquired). Every supplier with `criticality = "critical"` needs a non-empty
#   `exit_strategy`: how the service would be moved elsewhere or taken back in-house.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(d)
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.20.06
# custom:
#   id: SUP004
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(d)"]
#     bio2: ["5.20.06"]
#   bio2_version: "1.2"
#   remediation: >-
#     Describe how the organisation would leave the supplier (alternative provider, data
#     export, transition period) and record it as `exit_strategy` on the supplier.
#   example: |
#     [[supplier]]
#     id = "s-cloudco"
#     name = "CloudCo B.V."
#     provides = ["hosting"]
#     criticality = "critical"
#     exit_strategy = "Restore from offsite backups to the secondary data centre"
package nis2check.rules.supply_chain.exit_strategy

import data.nis2check.lib.result

deny contains result.entity("supplier", supplier.id, ["exit_strategy"], msg) if {
	some supplier in input.suppliers
	supplier.criticality == "critical"
	not _has_exit_strategy(supplier)
	msg := sprintf(
		"critical supplier '%s' has no exit_strategy; describe how the service would be moved to another provider or in-house",
		[supplier.id],
	)
}

_has_exit_strategy(supplier) if trim_space(supplier.exit_strategy) != ""
