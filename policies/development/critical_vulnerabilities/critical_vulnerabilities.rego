# METADATA
# scope: package
# title: Critical and high vulnerabilities are not left open past the deadline
# description: >-
#   Vulnerabilities that are likely to be exploited and would do serious damage must be dealt
#   with without undue delay (the CIR's words); BIO2 sets one week at most. Every entry in an
#   asset's `vulnerabilities` with `severity` `critical` or `high` fails when it has no
#   `fixed_at` on or before the evaluation date and its `found_at` lies more than the
#   organisation's `vulnerability_fix_days` (default 7; at most 7 when BIO2 applies) before
#   the evaluation date.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/dir/2022/2555/oj
#     description: NIS2 Art. 21(2)(e)
#   - ref: https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj
#     description: CIR 2024/2690 Annex 6.10.2
#   - ref: https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid
#     description: BIO2 8.08.01
# custom:
#   id: DEV001
#   severity: error
#   frameworks:
#     nis2: ["21(2)(e)"]
#     cir-2024-2690: ["6.10.2"]
#     bio2: ["8.08.01"]
#   bio2_version: "1.2"
#   remediation: >-
#     Patch or otherwise mitigate the vulnerability and record the date as `fixed_at` in its
#     entry under the asset's `vulnerabilities`.
#   example: |
#     [[asset]]
#     id = "portal"
#     name = "Citizen portal"
#     type = "application"
#     vulnerabilities = [{ id = "CVE-2026-12345", severity = "critical", found_at = 2026-06-01, fixed_at = 2026-06-03 }]
package nis2check.rules.development.critical_vulnerabilities

import data.nis2check.lib.dates
import data.nis2check.lib.dates.as_of_ns
import data.nis2check.lib.dates.day_ns
import data.nis2check.lib.dates.today as as_of_date
import data.nis2check.lib.result

# The organisation's choice of "without undue delay"; Rust caps it at BIO2's week when BIO2
# applies (settings::LEGAL_MAXIMA).
_deadline_days := dates.interval("vulnerability_fix_days")

_urgent := {"critical", "high"}

deny contains result.entity("asset", asset.id, ["vulnerabilities", i], msg) if {
	today := as_of_date
	# Package-level values are looked up once, before the loop: a reference to a rule inside
	# the loop is resolved again for every asset (BENCHMARKS.md).
	urgent := _urgent
	days := _deadline_days
	some asset in input.assets
	some i, vuln in asset.vulnerabilities
	vuln.severity in urgent
	not _fixed(vuln, today)
	due := dates.date_ns(vuln.found_at) + (days * day_ns)
	due < as_of_ns
	msg := sprintf(
		"asset '%s' has %s vulnerability '%s' open since %s; critical and high vulnerabilities must be fixed within %d days (due %s)",
		[asset.id, vuln.severity, vuln.id, vuln.found_at, days, dates.format_date(due)],
	)
}

# Fixed on or before the evaluation date: a later fixed_at did not yet apply then. (Date strings
# compare as dates: no parsing per vulnerability.)
_fixed(vuln, today) if vuln.fixed_at <= today
