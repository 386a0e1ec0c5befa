# METADATA
# scope: package
# title: Every requirement of the enabled frameworks is addressed by a control
# description: >-
#   A Statement of Applicability shows, for every requirement of every framework the
#   organisation works to, how it is addressed. For each framework enabled in `nis2check.toml`
#   (`frameworks`, or the frameworks derived from `[organization]`), every requirement of its
#   catalogue (the leaves: points and lettered sub-points) must be listed as `prefix:id`
#   (e.g. `nis2:21(2)(h)`, `bio2:5.17.01`) in the `requirements` of at least one control. Any
#   status counts, including `not-applicable`: rule SOA002 checks that such a control says why.
#   One finding per requirement that no control names.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(a)
# custom:
#   id: SOA001
#   severity: error
#   frameworks:
#     nis2: ["21(2)(a)"]
#   remediation: >-
#     Add the requirement to the `requirements` of the control that implements it, or record a
#     control with `status = "not-applicable"` and a `justification` saying why it does not
#     apply. Drop a framework from `frameworks` in nis2check.toml only if it does not apply.
#   example: |
#     [[control]]
#     id = "c-crypto"
#     title = "Cryptography policy and key management"
#     status = "implemented"
#     owner = "p-ciso"
#     requirements = ["nis2:21(2)(h)", "cir:9.1", "bio2:8.24.01"]
package nis2check.rules.soa.requirement_covered

import data.nis2check.lib.result

# Every "prefix:id" that some control lists, built once.
_covered := {req | some c in input.controls; some req in c.requirements}

# The catalogue is every requirement of every framework in scope; each carries its qualified
# id, `ref` ("bio2:5.01.01"), as controls cite it: building it here cost a call per requirement.
deny contains result.entity("settings", "", ["frameworks"], msg) if {
	covered := _covered
	some framework in input.catalog
	some req in framework.requirements
	not req.ref in covered
	msg := sprintf(
		"%s %s (%s) is not addressed by any control; list \"%s\" in a control's requirements",
		[framework.short, req.id, req.title, req.ref],
	)
}
