# METADATA
# scope: package
# title: Critical and high sites have physical access control and utility protection
# description: >-
#   A site (an asset of type `site`: a data centre, server room or office that houses network
#   and information systems) with criticality `critical` or `high` must control and log
#   physical access (`physical_access_control = true`) and be protected against the failure
#   of power and other supporting utilities (`utility_protection = true`). One finding per
#   property that is absent or not true.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(c) and (i)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 13.1 (supporting utilities) and 13.3 (perimeter and physical access control)
#   - ref: https://www.iso.org/standard/27001
#     description: ISO/IEC 27001:2022 Annex A 7.1, 7.2 and 7.11
# custom:
#   id: PHY001
#   severity: error
#   frameworks:
#     nis2: ["21(2)(c)", "21(2)(i)"]
#     cir-2024-2690: ["13.1.1", "13.1.2", "13.3.1", "13.3.2"]
#     iso27001-2022: ["A.7.1", "A.7.2", "A.7.11"]
#   remediation: >-
#     Secure the site's perimeter and entry points so that physical access is controlled and
#     logged, and protect it against power and other utility failures (UPS, generator,
#     redundant feeds, monitoring); then record `physical_access_control = true` and
#     `utility_protection = true` on the site.
#   example: |
#     [[asset]]
#     id = "dc-utrecht"
#     name = "Data centre Utrecht"
#     type = "site"
#     criticality = "critical"
#     physical_access_control = true
#     utility_protection = true
package nis2check.rules.physical.site_protection

import data.nis2check.lib.result

_in_scope_criticality := {"critical", "high"}

# Property -> what it must show, in the words of the finding.
_properties := {
	"physical_access_control": "physical access must be controlled and logged",
	"utility_protection": "it must be protected against failure of power and other supporting utilities",
}

deny contains result.entity("asset", site.id, [property], msg) if {
	some site in input.assets
	site.type == "site"
	# Few assets are sites: the set is looked up only for those.
	site.criticality in _in_scope_criticality
	some property, need in _properties
	not _protected(site, property)
	msg := sprintf(
		"%s site '%s' %s; %s",
		[site.criticality, site.id, _state(site, property), need],
	)
}

_protected(site, property) if site[property] == true

_state(site, property) := sprintf("has %s = %v", [property, site[property]]) if {
	site[property] != true
} else := sprintf("has no %s", [property])
