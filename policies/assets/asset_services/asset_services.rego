# METADATA
# scope: package
# title: Critical and high assets list the services they support
# description: >-
#   The inventory must link the organisation's services to the systems behind them, so that
#   the impact of an incident or outage on a service can be seen. Every asset with
#   `criticality` `critical` or `high` needs a non-empty `services` list.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(i)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 12.4
# custom:
#   id: AST004
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(i)"]
#     cir-2024-2690: ["12.4"]
#   remediation: >-
#     List the services the asset supports in `services`.
#   example: |
#     [[asset]]
#     id = "crm"
#     name = "CRM"
#     type = "application"
#     criticality = "high"
#     services = ["Customer service", "Billing"]
package nis2check.rules.assets.asset_services

import data.nis2check.lib.result

_in_scope := {"critical", "high"}

deny contains result.entity("asset", asset.id, ["services"], msg) if {
	# Package-level values are looked up once, before the loop: a reference to a rule inside
	# the loop is resolved again for every asset (BENCHMARKS.md).
	in_scope := _in_scope
	some asset in input.assets
	asset.criticality in in_scope
	not _lists_services(asset)
	msg := sprintf(
		"%s asset '%s' lists no services; name the services it supports in services",
		[asset.criticality, asset.id],
	)
}

# The first service starting with a printable ASCII character is surely not blank: no call.
_lists_services(asset) if {
	first := asset.services[0]
	first >= "!"
	first < "\u007f"
} else if {
	some s in asset.services
	trim_space(s) != ""
}
