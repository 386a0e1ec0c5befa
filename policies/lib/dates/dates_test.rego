package nis2check.lib.dates_test

import data.nis2check.lib.dates

_meta := {
	"as_of": "2026-06-30",
	"as_of_ns": 1782777600000000000,
	"intervals": {"policy_review_months": 6},
}

test_date_ns_is_start_of_day_utc if {
	dates.date_ns("2026-06-30") == 1782777600000000000
}

test_ts_ns_same_instant_across_offsets if {
	dates.ts_ns("2026-03-01T10:00:00+01:00") == dates.ts_ns("2026-03-01T09:00:00Z")
}

test_ts_ns_keeps_nanoseconds if {
	dates.ts_ns("2026-03-01T09:00:00.000000001Z") - dates.ts_ns("2026-03-01T09:00:00Z") == 1
}

test_add_months_same_day if {
	dates.add_months_ns(dates.date_ns("2026-03-15"), 1) == dates.date_ns("2026-04-15")
}

test_add_months_keeps_time_of_day if {
	dates.add_months_ns(dates.ts_ns("2026-03-15T10:30:00Z"), 1) == dates.ts_ns("2026-04-15T10:30:00Z")
}

test_add_months_clamps_to_end_of_february if {
	dates.add_months_ns(dates.date_ns("2026-01-31"), 1) == dates.date_ns("2026-02-28")
}

test_add_months_clamps_to_leap_day if {
	dates.add_months_ns(dates.ts_ns("2028-01-31T23:00:00Z"), 1) == dates.ts_ns("2028-02-29T23:00:00Z")
}

test_add_months_clamps_to_thirty_days if {
	dates.add_months_ns(dates.date_ns("2026-03-31"), 1) == dates.date_ns("2026-04-30")
}

test_add_months_crosses_year if {
	dates.add_months_ns(dates.date_ns("2025-12-10"), 1) == dates.date_ns("2026-01-10")
}

test_add_twelve_months_from_leap_day if {
	dates.add_months_ns(dates.date_ns("2024-02-29"), 12) == dates.date_ns("2025-02-28")
}

test_add_twenty_four_months if {
	dates.add_months_ns(dates.date_ns("2024-06-30"), 24) == dates.date_ns("2026-06-30")
}

test_within_months_on_the_due_day if {
	dates.within_months("2025-06-30", 12) with input.meta as _meta
}

test_within_months_fails_a_day_late if {
	not dates.within_months("2025-06-29", 12) with input.meta as _meta
	dates.older_than_months("2025-06-29", 12) with input.meta as _meta
}

# The rules' pattern: a positive helper over the entity, negated at the call site, so that an
# absent date counts as "not recent".
_reviewed_recently(doc) if dates.within_months(doc.reviewed_at, 12)

test_within_months_missing_date_is_not_within if {
	not _reviewed_recently({"id": "d"}) with input.meta as _meta
	_reviewed_recently({"id": "d", "reviewed_at": "2026-01-01"}) with input.meta as _meta
}

test_older_than_months_false_when_recent if {
	not dates.older_than_months("2026-01-01", 12) with input.meta as _meta
}

test_before_as_of if {
	dates.before_as_of("2026-06-29") with input.meta as _meta
	not dates.before_as_of("2026-06-30") with input.meta as _meta
}

test_as_of_ns_falls_back_to_as_of if {
	dates.as_of_ns == 1782777600000000000 with input.meta as {"as_of": "2026-06-30"}
}

test_interval_from_meta if {
	dates.interval("policy_review_months") == 6 with input.meta as _meta
}

test_interval_default if {
	dates.interval("management_training_months") == 24 with input.meta as _meta
	dates.interval("privileged_access_review_months") == 3 with input.meta as {}
}

test_hours_between if {
	dates.hours_between(dates.ts_ns("2026-03-01T10:00:00+01:00"), dates.ts_ns("2026-03-02T16:00:00Z")) == 31
}

test_format_date if {
	dates.format_date(dates.ts_ns("2026-03-01T00:30:00+01:00")) == "2026-02-28"
}

test_format_ts if {
	dates.format_ts(dates.ts_ns("2026-03-01T10:05:09+01:00")) == "2026-03-01T09:05:09Z"
}

test_duration_text_whole_hours if {
	dates.duration_text(31 * dates.hour_ns) == "31 h"
}

test_duration_text_minutes if {
	dates.duration_text((24 * dates.hour_ns) + (30 * dates.minute_ns)) == "24 h 30 min"
}

test_duration_text_seconds if {
	dates.duration_text((24 * dates.hour_ns) + dates.second_ns) == "24 h 0 min 1 s"
}

test_duration_text_rounds_a_fraction_up if {
	dates.duration_text((24 * dates.hour_ns) + 1) == "24 h 0 min 1 s"
}

# not_before(n) is the boundary of within_months(., n): the days around it, for evaluation dates
# at month ends, in leap years and across years.
_boundary_ok(as_of, n) if {
	meta := {"as_of": as_of, "as_of_ns": dates.date_ns(as_of)}
	cutoff := dates.not_before(n) with input.meta as meta
	before := dates.format_date(dates.date_ns(cutoff) - dates.day_ns)
	dates.within_months(cutoff, n) with input.meta as meta
	not dates.within_months(before, n) with input.meta as meta
}

test_not_before_reads_the_table_nis2check_provides if {
	meta := object.union(_meta, {"not_before": {"12": "2025-07-01"}})
	dates.not_before(12) == "2025-07-01" with input.meta as meta
	# A month count the table does not hold is computed.
	dates.not_before(5) == "2026-01-30" with input.meta as meta
}

test_not_before_same_day if {
	dates.not_before(12) == "2025-06-30" with input.meta as _meta
	_boundary_ok("2026-06-30", 12)
}

test_not_before_short_target_month if {
	# 31 March - 1 month: no 31 February; 28 February + 1 month = 28 March falls short.
	dates.not_before(1) == "2026-03-01" with input.meta as {"as_of": "2026-03-31", "as_of_ns": dates.date_ns("2026-03-31")}
	_boundary_ok("2026-03-31", 1)
	_boundary_ok("2026-03-29", 1)
	_boundary_ok("2028-03-30", 1)
	_boundary_ok("2028-02-29", 12)
	_boundary_ok("2026-05-31", 3)
	_boundary_ok("2026-01-15", 3)
	_boundary_ok("2026-12-31", 24)
}

test_today if {
	dates.today == "2026-06-30" with input.meta as _meta
	dates.today == "2026-06-30" with input.meta as {"as_of": "2026-06-30"}
}

# The units are written as literals (cheaper to evaluate); they must still be what they say.
test_units_are_consistent if {
	dates.minute_ns == 60 * dates.second_ns
	dates.hour_ns == 60 * dates.minute_ns
	dates.day_ns == 24 * dates.hour_ns
	dates.day_ns == dates.date_ns("2026-03-02") - dates.date_ns("2026-03-01")
}

test_offset_ns if {
	dates.offset_ns("2026-03-01T10:00:00Z") == 0
	dates.offset_ns("2026-03-01T10:00:00z") == 0
	dates.offset_ns("2026-03-01T10:00:00.250+02:00") == 2 * dates.hour_ns
	dates.offset_ns("2026-03-01T10:00:00-05:30") == 0 - ((5 * dates.hour_ns) + (30 * dates.minute_ns))
	dates.offset_ns("2026-03-01T10:00:00+00:00") == 0
}

test_months_after_ns_ends_with_the_day if {
	# One month after any moment of 31 January (UTC) ends with 28 February.
	dates.format_ts(dates.months_after_ns("2026-01-31T00:00:00Z", 1)) == "2026-02-28T23:59:59Z"
	dates.months_after_ns("2026-01-31T23:59:59Z", 1) == dates.months_after_ns("2026-01-31T00:00:00Z", 1)
	# 2028 is a leap year.
	dates.format_ts_in(dates.months_after_ns("2028-01-31T08:00:00+01:00", 1), "2028-01-31T08:00:00+01:00") == "2028-02-29T23:59:59+01:00"
	# The last nanosecond of the day, not the first of the next.
	dates.months_after_ns("2026-03-02T10:00:00Z", 1) + 1 == time.parse_rfc3339_ns("2026-04-03T00:00:00Z")
}

test_format_ts_in if {
	ns := time.parse_rfc3339_ns("2026-04-01T22:59:59Z")
	dates.format_ts_in(ns, "2026-03-01T00:30:00+01:00") == "2026-04-01T23:59:59+01:00"
	dates.format_ts_in(ns, "2026-03-01T00:30:00Z") == "2026-04-01T22:59:59Z"
	dates.format_ts_in(ns, "2026-03-01T00:30:00-05:00") == "2026-04-01T17:59:59-05:00"
}
