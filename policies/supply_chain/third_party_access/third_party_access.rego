# METADATA
# scope: package
# title: Suppliers with remote access have time-limited access
# description: >-
#   Access by suppliers and service providers must be limited in scope and in time, so that a
#   forgotten support connection does not stay open. Every supplier with
#   `remote_access = true` (it has remote access to the organisation's systems) needs an
#   `access_until` date on or after the evaluation date; a missing `access_until` fails. One
#   finding per supplier.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(i)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 11.2.2(d) and 6.7.2(h)
# custom:
#   id: SUP005
#   severity: error
#   frameworks:
#     nis2: ["21(2)(i)"]
#     cir-2024-2690: ["11.2.2(d)", "6.7.2(h)"]
#   remediation: >-
#     Authorise the supplier's remote access for a set period and record its end as
#     `access_until` on the supplier. When the period has passed, end the access (and set
#     `remote_access = false`) or renew the authorisation with a new `access_until`.
#   example: |
#     [[supplier]]
#     id = "s-scada-support"
#     name = "SCADA Support B.V."
#     provides = ["remote maintenance of the SCADA historian"]
#     remote_access = true
#     access_until = 2026-12-31
package nis2check.rules.supply_chain.third_party_access

import data.nis2check.lib.dates
import data.nis2check.lib.dates.as_of_ns
import data.nis2check.lib.result

deny contains result.with_related(finding, [label]) if {
	some supplier in input.suppliers
	supplier.remote_access == true
	not _access_current(supplier)
	finding := result.entity("supplier", supplier.id, ["access_until"], _msg(supplier))
	label := result.related("supplier", supplier.id, ["remote_access"], "remote access granted here")
}

_access_current(supplier) if dates.date_ns(supplier.access_until) >= as_of_ns

_msg(supplier) := sprintf(
	"supplier '%s' has remote access but its access_until = %s has passed; end the access or renew the authorisation with a new access_until",
	[supplier.id, supplier.access_until],
) if {
	supplier.access_until
} else := sprintf(
	"supplier '%s' has remote access but no access_until; third-party access must end on a set date",
	[supplier.id],
)
