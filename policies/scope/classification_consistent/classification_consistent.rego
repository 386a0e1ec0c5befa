# METADATA
# scope: package
# title: The declared NIS2 classification matches the derived one
# description: >-
#   Whether an entity is essential, important or out of scope follows from its sector, entity
#   type, size and public-administration status (NIS2 Arts. 2–3); nis2check derives that
#   position from `[organization]` (see `nis2check scope`). A declared `classification` that
#   differs from the derived position, without a `designation_basis` explaining a Member-State
#   designation, means either the declaration or the data behind the derivation is wrong, and
#   the registration and the applicable duties may be wrong with it. A missing `classification`
#   fails when the derived position is essential or important. A derived `excluded` position
#   (Art. 2(7)) matches a declared `out-of-scope`.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Arts. 2–3 (scope and classification)
# custom:
#   id: SCP001
#   severity: error
#   frameworks:
#     nis2: ["3(1)", "3(2)"]
#   remediation: >-
#     Run `nis2check scope` to see how the position is derived. Then correct `classification`
#     in `[organization]`, or correct the data it is derived from (`sector`, `entity_type`,
#     `employees`, `annual_turnover_eur`, `balance_sheet_eur`, `public_administration`). When
#     the Member State designated the entity, record the legal basis as `designation_basis`.
#   example: |
#     [organization]
#     name = "Voorbeeld Energie B.V."
#     member_state = "NL"
#     sector = "energy"
#     employees = 120
#     classification = "important"
package nis2check.rules.scope.classification_consistent

import data.nis2check.lib.result

_in_scope := {"essential", "important"}

# The declared value each derived position agrees with.
_agrees := {
	"essential": "essential",
	"important": "important",
	"out-of-scope": "out-of-scope",
	"excluded": "out-of-scope",
}

deny contains result.org(["classification"], msg) if {
	derived := input.meta.scope.position
	declared := input.organization.classification
	not _designated
	declared != _agrees[derived]
	msg := sprintf(
		"[organization] declares classification '%s', but the organisation's data make it '%s' (size: %s); correct the classification or the data it is derived from (see `nis2check scope`), or give the designation_basis",
		[declared, derived, _size],
	)
}

deny contains result.org(["classification"], msg) if {
	derived := input.meta.scope.position
	derived in _in_scope
	not input.organization.classification
	msg := sprintf(
		"[organization] declares no classification, but the organisation's data make it '%s' (size: %s); declare classification = \"%s\"",
		[derived, _size, derived],
	)
}

_designated if trim_space(input.organization.designation_basis) != ""

_size := s if {
	s := input.meta.scope.size
} else := "unknown"
