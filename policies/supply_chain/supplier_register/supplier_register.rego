# METADATA
# scope: package
# title: The supplier register is complete
# description: >-
#   Supply-chain security starts with knowing who the direct suppliers are, how to reach them
#   and what they provide. Every supplier needs a contact point (`contact.email` or
#   `contact.phone`), a non-empty `provides` list, a `criticality` and a `country`.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(d)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 5.2
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 5.22.02
# custom:
#   id: SUP002
#   severity: warning
#   frameworks:
#     nis2: ["21(2)(d)"]
#     cir-2024-2690: ["5.2"]
#     bio2: ["5.22.02"]
#   bio2_version: "1.2"
#   remediation: >-
#     Complete the supplier's entry: a contact e-mail address or phone number, what it provides,
#     how critical it is and the country (ISO 3166-1 alpha-2) it operates from.
#   example: |
#     [[supplier]]
#     id = "s-cloudco"
#     name = "CloudCo B.V."
#     provides = ["hosting"]
#     criticality = "critical"
#     country = "NL"
#     contact = { name = "Service desk", email = "support@cloudco.example" }
package nis2check.rules.supply_chain.supplier_register

import data.nis2check.lib.result

# Register entries in the order they are reported, with the key each one is labelled on.
_entries := [
	{"key": "contact", "label": "contact email or phone"},
	{"key": "provides", "label": "provides"},
	{"key": "criticality", "label": "criticality"},
	{"key": "country", "label": "country"},
]

deny contains result.entity("supplier", supplier.id, _field(missing), msg) if {
	some supplier in input.suppliers
	not _surely_registered(supplier)
	missing := [e | some e in _entries; not _recorded(supplier, e.key)]
	count(missing) > 0
	msg := sprintf(
		"supplier '%s' is incomplete in the supplier register: no %s; the register needs contact email or phone, provides, criticality and country",
		[supplier.id, concat(", ", [e.label | some e in missing])],
	)
}

_recorded(supplier, "contact") if {
	some k in ["email", "phone"]
	_text(supplier.contact[k])
}

_recorded(supplier, "provides") if {
	some p in supplier.provides
	_text(p)
}

_recorded(supplier, "criticality") if _text(supplier.criticality)

_recorded(supplier, "country") if _text(supplier.country)

_text(s) if trim_space(s) != ""

# A cheap check that implies every `_recorded`, so a complete entry skips the list of what is
# missing (the list stays the exact test). The tests are inline: a call of `_text` for each
# would double the rule's time. A text starting with a printable ASCII character ("!" to "~")
# is not blank: two comparisons instead of a trim_space call. Anything else takes the exact path.
_surely_registered(supplier) if {
	supplier.contact.email >= "!"
	supplier.contact.email < "\u007f"
	supplier.provides[0] >= "!"
	supplier.provides[0] < "\u007f"
	supplier.criticality >= "!"
	supplier.criticality < "\u007f"
	supplier.country >= "!"
	supplier.country < "\u007f"
}

# One missing entry is labelled; with several, the supplier itself.
_field(missing) := [missing[0].key] if count(missing) == 1

_field(missing) := [] if count(missing) > 1
