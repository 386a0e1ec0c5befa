# METADATA
# scope: package
# title: The competent authority and the CSIRT are declared
# description: >-
#   Significant incidents are notified to the CSIRT or the competent authority (NIS2 Art.
#   23(1)); when an incident happens there is no time to find out who that is. `[organization]`
#   names the regulator (`competent_authority`) and the CSIRT reports go to (`csirt`). One
#   finding per missing key. Organisations whose derived position is out of scope or excluded
#   are skipped.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 23(1)
# custom:
#   id: REG002
#   severity: error
#   frameworks:
#     nis2: ["23(1)"]
#   remediation: >-
#     Look up the competent authority and the CSIRT for your sector and Member State and record
#     them as `competent_authority` and `csirt` in `[organization]`.
#   example: |
#     [organization]
#     name = "Voorbeeld Energie B.V."
#     member_state = "NL"
#     sector = "energy"
#     competent_authority = "RDI"
#     csirt = "NCSC"
package nis2check.rules.scope.authority_and_csirt

import data.nis2check.lib.result

_not_in_scope := {"out-of-scope", "excluded"}

_keys := {
	"competent_authority": "the competent authority (regulator)",
	"csirt": "the CSIRT that incident reports go to",
}

deny contains result.org([key], msg) if {
	not input.meta.scope.position in _not_in_scope
	some key, what in _keys
	not _declared(key)
	msg := sprintf("[organization] has no %s: name %s, e.g. %s", [key, what, _eg[key]])
}

_eg := {"competent_authority": "competent_authority = \"RDI\"", "csirt": "csirt = \"NCSC\""}

_declared(key) if trim_space(input.organization[key]) != ""
