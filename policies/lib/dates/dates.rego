# Date and time helpers. All times are nanoseconds since the Unix epoch (UTC). The evaluation
# date comes from input.meta (never the wall clock).
#
# Month arithmetic is done here rather than with a bare time.add_date because the engines
# disagree at month ends: OPA (Go) turns 31 January + 1 month into 3 March, regorus (chrono)
# into 28 February. add_months_ns only asks time.add_date to move the first day of a month,
# where both agree, and then clamps the day to the end of the target month, which is also how
# EU law counts periods in months (Regulation 1182/71, Art. 3(2)(c)).
#
# Import the rules you read (`as_of_ns`, `today`, `day_ns`, …), not only this package: a rule
# read through `import data.nis2check.lib.dates` (`dates.as_of_ns`) makes regorus evaluate
# every rule of the package first, and search all modules again on every read. Functions are
# fine through the package:
#
#   import data.nis2check.lib.dates
#   import data.nis2check.lib.dates.as_of_ns
#
#   due < as_of_ns
#   dates.date_ns(d)
package nis2check.lib.dates

# Literals, not products of each other: every rule evaluation computes each rule it reads anew,
# and a chain of four costs as much as a date comparison for twenty people.
second_ns := 1000000000

minute_ns := 60000000000 # 60 * second_ns

hour_ns := 3600000000000 # 60 * minute_ns

day_ns := 86400000000000 # 24 * hour_ns

# Default intervals (months; days for the `…_days` ones), as in docs/format.md. Rust always
# fills input.meta.intervals; these only keep rules strict when a hand-written input leaves
# one out.
_default_intervals := {
	"policy_review_months": 12,
	"management_training_months": 24,
	"restore_test_months": 12,
	"supplier_assessment_months": 12,
	"asset_verification_months": 12,
	"plan_test_months": 12,
	"awareness_training_months": 12,
	"access_review_months": 12,
	"privileged_access_review_months": 3,
	"pentest_months": 12,
	"risk_review_months": 12,
	"registration_review_months": 12,
	"vulnerability_fix_days": 7,
}

# The interval `name` (e.g. "policy_review_months") in months.
interval(name) := months if {
	months := input.meta.intervals[name]
} else := _default_intervals[name]

# Start (00:00:00 UTC) of the evaluation date.
as_of_ns := ns if {
	ns := input.meta.as_of_ns
} else := date_ns(input.meta.as_of)

# The evaluation date as "YYYY-MM-DD": date strings compare with it as dates
# (d <= today exactly when date_ns(d) <= as_of_ns), without parsing each one. Read from the
# input, which always has it, rather than formatted again in every rule that reads it.
today := d if {
	d := input.meta.as_of
} else := format_date(as_of_ns)

# "2026-03-01" (a TOML local date) -> start of that day in UTC.
date_ns(d) := time.parse_rfc3339_ns(concat("", [d, "T00:00:00Z"]))

# "2026-03-01T10:00:00+01:00" (an RFC 3339 timestamp) -> ns.
ts_ns(t) := time.parse_rfc3339_ns(t)

# ns + n calendar months (UTC), the day clamped to the end of a shorter target month:
# 2026-01-31 + 1 month = 2026-02-28. The time of day is kept.
add_months_ns(ns, n) := target + time_of_day if {
	day_len := day_ns
	time_of_day := ns % day_len
	day := time.date(ns)[2]
	offset := (day - 1) * day_len
	month_start := (ns - time_of_day) - offset
	target_month_start := time.add_date(month_start, 0, n, 0)
	next_month_start := time.add_date(month_start, 0, n + 1, 0)
	target := min([target_month_start + offset, next_month_start - day_len])
}

# The UTC offset of an RFC 3339 timestamp in ns: 0 for "…Z", 2 h for "…+02:00", -5.5 h for
# "…-05:30". nis2check accepts only timestamps with an offset (a local date-time is an input
# error), so one of these ends every timestamp a rule sees.
offset_ns(t) := _wall_ns(t) - ts_ns(t)

# The deadline of a period of n calendar months that runs from the moment of timestamp t: the
# last nanosecond of the day n months after t's day, both days counted in t's own time zone
# (the day clamped to the end of a shorter month). Regulation 1182/71 ends such a period "with
# the expiry of the last hour" of that day (Art. 3(2)(c)), so the time of day of t does not
# matter, and neither does whether the clock of the day it falls on reads in UTC.
months_after_ns(t, n) := (add_months_ns(day_start, n) + day_ns) - (off + 1) if {
	local := _wall_ns(t)
	off := local - ts_ns(t)
	day_start := local - (((local % day_ns) + day_ns) % day_ns)
}

# The wall-clock time of t read as if it were UTC (no number parsing of the offset: "05" is not
# JSON).
_wall_ns(t) := ts_ns(t) if {
	upper(substring(t, count(t) - 1, 1)) == "Z"
} else := time.parse_rfc3339_ns(concat("", [substring(t, 0, count(t) - 6), "Z"]))

# "2026-04-02T23:59:59+02:00": ns in the time zone of timestamp t (whole seconds).
format_ts_in(ns, t) := sprintf("%sT%02d:%02d:%02d%s", array.concat(array.concat([format_date(local)], time.clock(local)), [_zone(t, off)])) if {
	off := offset_ns(t)
	local := ns + off
}

_zone(_, 0) := "Z"

_zone(t, off) := substring(t, count(t) - 6, 6) if off != 0

# The day a date-based deadline falls on: date d + n months.
due_ns(d, n) := add_months_ns(date_ns(d), n)

# Date d + n months is on or after the evaluation date: d is recent enough.
# Undefined when d is absent: wrap it in a positive helper over the entity and negate that
# (`_recent(a) if dates.within_months(a.x, n)` ... `not _recent(a)`), so a missing date fails.
within_months(d, months) if due_ns(d, months) >= as_of_ns

# The earliest date ("YYYY-MM-DD") that is still within `months` of the evaluation date:
# within_months(d, months) holds exactly when d >= not_before(months), because d + n months
# (clamped to the month's end) only grows with d. A rule computes it once, before its loop over
# a collection, and compares date strings per entity: month arithmetic per entity made the
# interval rules the slowest of the pack (BENCHMARKS.md).
#
#   cutoff := dates.not_before(months)
#   some asset in input.assets
#   not _recent(asset, cutoff)          # _recent(asset, cutoff) if asset.x >= cutoff
#
# Keep the comparison inside the helper: OPA evaluates `not asset.x >= cutoff` to false (not
# true) when asset.x is missing, regorus to true. Only `==` is safe to negate inline. Where a
# rule looks at every asset, a positive test without a helper is twice as fast and as portable:
# `object.get(asset, "x", "") < cutoff` (a missing date reads as "", before every date).
#
# nis2check puts it in the input for 1 to 36 months (`input.meta.not_before["12"]`), computed
# once: the arithmetic below cost ~23 µs, in every rule that needs a cutoff and in every block
# such a rule runs on. Other month counts, and inputs without the table, compute it here.
not_before(months) := d if {
	d := input.meta.not_before[format_int(months, 10)]
} else := format_date(_not_before_ns(months))

# The same day n months back; when that month is too short for it, the first day of the next
# month (the earlier days of the short month, clamped forward, still fall short).
_not_before_ns(months) := ns if {
	now := as_of_ns
	day_len := day_ns
	day := time.date(now)[2]
	offset := (day - 1) * day_len
	month_start := (now - (now % day_len)) - offset
	target_start := time.add_date(month_start, 0, 0 - months, 0)
	next_start := time.add_date(month_start, 0, 1 - months, 0)
	ns := min([target_start + offset, next_start])
}

# Date d + n months lies before the evaluation date.
older_than_months(d, months) if due_ns(d, months) < as_of_ns

# Date d lies before the evaluation date.
before_as_of(d) if date_ns(d) < as_of_ns

# Hours from a_ns to b_ns (a number, not rounded).
hours_between(a_ns, b_ns) := (b_ns - a_ns) / hour_ns

# "2026-03-01" for ns (UTC).
format_date(ns) := sprintf("%04d-%02d-%02d", time.date(ns))

# "2026-03-01T09:00:00Z" for ns (UTC, whole seconds).
format_ts(ns) := sprintf("%sT%02d:%02d:%02dZ", array.concat([format_date(ns)], time.clock(ns)))

# A non-negative duration in words: "31 h", "24 h 30 min", "24 h 0 min 1 s". A fraction of a
# second is rounded up, so a duration just over a limit never reads as the limit itself.
duration_text(ns) := _duration_words(hours, minutes, seconds) if {
	total_s := _ceil_seconds(ns)
	seconds := total_s % 60
	total_min := (total_s - seconds) / 60
	minutes := total_min % 60
	hours := (total_min - minutes) / 60
}

_ceil_seconds(ns) := ((ns - (ns % second_ns)) / second_ns) + 1 if {
	ns % second_ns != 0
} else := ns / second_ns

_duration_words(h, m, s) := sprintf("%d h", [h]) if {
	m == 0
	s == 0
} else := sprintf("%d h %d min", [h, m]) if {
	s == 0
} else := sprintf("%d h %d min %d s", [h, m, s])
