//! The NIS2 Art. 23 reporting timeline of each significant incident, computed from its TOML
//! timestamps: early warning within 24 hours of awareness, incident notification within 72
//! hours (24 hours for a trust service provider), final report within one month of the
//! notification — each against its deadline, met or missed by how much. The deadlines are the
//! ones rules INC001, INC002 and INC003 check.

use std::str::FromStr;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, ToSpan};

use super::Place;
use crate::load::{NodeValue, Table};
use crate::model::{Kind, Repository};
use crate::source::Sources;

/// How a reporting step stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Sent by the deadline, this long before it.
    Met(SignedDuration),
    /// Sent after the deadline, this much late.
    Late(SignedDuration),
    /// Not sent, and the deadline passed this long before `as_of`.
    Overdue(SignedDuration),
    /// Not sent, and not yet due on `as_of`.
    Open,
    /// No deadline can be computed (the reason).
    Unknown(String),
}

impl Outcome {
    pub fn missed(&self) -> bool {
        matches!(self, Outcome::Late(_) | Outcome::Overdue(_))
    }

    pub fn class(&self) -> &'static str {
        match self {
            Outcome::Met(_) => "met",
            Outcome::Late(_) | Outcome::Overdue(_) => "missed",
            Outcome::Open | Outcome::Unknown(_) => "open",
        }
    }

    pub fn text(&self) -> String {
        match self {
            Outcome::Met(d) if d.is_zero() => "met, exactly on the deadline".to_string(),
            Outcome::Met(d) => format!("met, {} before the deadline", duration(*d)),
            Outcome::Late(d) => format!("missed by {}", duration(*d)),
            Outcome::Overdue(d) => format!("not sent; overdue by {}", duration(*d)),
            Outcome::Open => "not sent; not yet due".to_string(),
            Outcome::Unknown(why) => why.clone(),
        }
    }
}

/// One step of the timeline.
#[derive(Debug, Clone)]
pub struct Step {
    /// "Early warning"
    pub name: &'static str,
    /// "NIS2 Art. 23(4)(a)"
    pub cite: &'static str,
    /// How the deadline is counted: "24 h after awareness".
    pub rule: String,
    pub due: Option<Timestamp>,
    pub sent: Option<Timestamp>,
    pub outcome: Outcome,
}

/// One significant incident.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub id: String,
    pub title: String,
    pub aware: Timestamp,
    /// `aware_at` as written.
    pub aware_text: String,
    pub resolved: Option<Timestamp>,
    pub steps: Vec<Step>,
    pub place: Place,
}

impl Timeline {
    pub fn missed(&self) -> usize {
        self.steps.iter().filter(|s| s.outcome.missed()).count()
    }
}

/// The incidents of a repository.
#[derive(Debug, Clone, Default)]
pub struct Incidents {
    pub significant: Vec<Timeline>,
    /// (id, title) of incidents assessed as not significant: no reporting duty.
    pub not_significant: Vec<(String, String)>,
    /// (id, title) of incidents without `significant`: not assessed (rule INC005).
    pub unassessed: Vec<(String, String)>,
}

fn timestamp(t: &Table, key: &str) -> Option<Timestamp> {
    match &t.value(key)?.value {
        NodeValue::Datetime(d) => Timestamp::from_str(&d.to_string()).ok(),
        _ => None,
    }
}

/// `ts` plus calendar months, counted in UTC with the day clamped to the end of a shorter month
/// (Regulation 1182/71 Art. 3(2)(c); the same as `dates.add_months_ns` of the rules).
pub fn add_months(ts: Timestamp, months: i64) -> Option<Timestamp> {
    let utc = ts.to_zoned_datetime(jiff::tz::TimeZone::UTC);
    let dt = utc.datetime().checked_add(months.months()).ok()?;
    dt.to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// The start of `as_of` in UTC: the instant the rules evaluate at.
pub fn as_of_instant(as_of: Date) -> Timestamp {
    as_of
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

fn step(
    name: &'static str,
    cite: &'static str,
    rule: String,
    due: Result<Timestamp, String>,
    sent: Option<Timestamp>,
    now: Timestamp,
) -> Step {
    let (due, outcome) = match due {
        Err(why) => (None, Outcome::Unknown(why)),
        Ok(due) => {
            let outcome = match sent {
                Some(s) if s <= due => Outcome::Met(due.duration_since(s)),
                Some(s) => Outcome::Late(s.duration_since(due)),
                None if due < now => Outcome::Overdue(now.duration_since(due)),
                None => Outcome::Open,
            };
            (Some(due), outcome)
        }
    };
    Step {
        name,
        cite,
        rule,
        due,
        sent,
        outcome,
    }
}

/// The timeline of one significant incident.
pub fn timeline(t: &Table, as_of: Date, tsp: bool) -> Option<(Timestamp, Vec<Step>)> {
    let aware = timestamp(t, "aware_at")?;
    let now = as_of_instant(as_of);
    let hours = |h: i64| aware + SignedDuration::from_hours(h);
    let early = timestamp(t, "early_warning_at");
    let notification = timestamp(t, "notification_at");
    let progress = timestamp(t, "progress_report_at");
    let resolved = timestamp(t, "resolved_at");
    let final_report = timestamp(t, "final_report_at");
    let notify_hours = if tsp { 24 } else { 72 };
    let mut steps = vec![
        step(
            "Early warning",
            "NIS2 Art. 23(4)(a)",
            "24 h after awareness".to_string(),
            Ok(hours(24)),
            early,
            now,
        ),
        step(
            "Incident notification",
            "NIS2 Art. 23(4)(b)",
            if tsp {
                "24 h after awareness (trust service provider)".to_string()
            } else {
                "72 h after awareness".to_string()
            },
            Ok(hours(notify_hours)),
            notification,
            now,
        ),
    ];
    // Final report: one month after the notification; when a progress report went out by then
    // while the incident was still being handled, one month after the end of handling.
    let (rule, due) = match notification.and_then(|n| add_months(n, 1)) {
        None => (
            "1 month after the incident notification".to_string(),
            Err(
                "no deadline yet: it runs from the incident notification, which was not sent"
                    .to_string(),
            ),
        ),
        Some(normal) => {
            let extended =
                progress.is_some_and(|p| p <= normal) && resolved.is_none_or(|r| r > normal);
            if extended {
                match resolved.and_then(|r| add_months(r, 1)) {
                    Some(due) => (
                        "1 month after the end of handling (a progress report was sent in time)"
                            .to_string(),
                        Ok(due),
                    ),
                    None => (
                        "1 month after the end of handling (a progress report was sent in time)"
                            .to_string(),
                        Err(
                            "not yet due: the incident is still being handled (no resolved_at)"
                                .to_string(),
                        ),
                    ),
                }
            } else {
                (
                    "1 month after the incident notification".to_string(),
                    Ok(normal),
                )
            }
        }
    };
    steps.push(step(
        "Final report",
        "NIS2 Art. 23(4)(d)",
        rule,
        due,
        final_report,
        now,
    ));
    Some((aware, steps))
}

/// Every incident of a repository, sorted by id.
pub fn collect(repo: &Repository, sources: &Sources, as_of: Date, tsp: bool) -> Incidents {
    let mut out = Incidents::default();
    for e in repo.of_kind(Kind::Incident) {
        let t = &e.table;
        let title = t.str("title").unwrap_or("").to_string();
        match t.value("significant").map(|n| &n.value) {
            Some(NodeValue::Boolean(true)) => {}
            Some(NodeValue::Boolean(false)) => {
                out.not_significant.push((e.id.clone(), title));
                continue;
            }
            _ => {
                out.unassessed.push((e.id.clone(), title));
                continue;
            }
        }
        let Some((aware, steps)) = timeline(t, as_of, tsp) else {
            continue;
        };
        let f = sources.get(e.file);
        out.significant.push(Timeline {
            id: e.id.clone(),
            title,
            aware,
            aware_text: t
                .value("aware_at")
                .map(|n| match &n.value {
                    NodeValue::Datetime(d) => d.to_string(),
                    _ => String::new(),
                })
                .unwrap_or_default(),
            resolved: timestamp(t, "resolved_at"),
            steps,
            place: Place {
                file: f.name.clone(),
                line: f.line_col(t.span.start).line,
            },
        });
    }
    out
}

/// "2026-03-29 13:20 UTC" (seconds only when there are any).
pub fn utc(ts: Timestamp) -> String {
    let z = ts.to_zoned_datetime(jiff::tz::TimeZone::UTC);
    if z.second() == 0 && z.subsec_nanosecond() == 0 {
        z.strftime("%Y-%m-%d %H:%M UTC").to_string()
    } else {
        z.strftime("%Y-%m-%d %H:%M:%S UTC").to_string()
    }
}

/// "6 h 5 min", "2 d 3 h", "1 d 1 s": the non-zero parts; "0 min" for none.
pub fn duration(d: SignedDuration) -> String {
    let total = d.as_secs().unsigned_abs();
    let (days, rest) = (total / 86_400, total % 86_400);
    let (h, m, s) = (rest / 3600, rest % 3600 / 60, rest % 60);
    let parts: Vec<String> = [(days, "d"), (h, "h"), (m, "min"), (s, "s")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}"))
        .collect();
    if parts.is_empty() {
        "0 min".to_string()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn durations_read_like_the_rules() {
        assert_eq!(
            duration(SignedDuration::from_secs(6 * 3600 + 5 * 60)),
            "6 h 5 min"
        );
        assert_eq!(
            duration(SignedDuration::from_secs(24 * 3600 + 1)),
            "1 d 1 s"
        );
        assert_eq!(
            duration(SignedDuration::from_secs(2 * 86_400 + 3 * 3600)),
            "2 d 3 h"
        );
        assert_eq!(duration(SignedDuration::from_secs(0)), "0 min");
        assert_eq!(duration(SignedDuration::from_secs(-90)), "1 min 30 s");
    }

    #[test]
    fn a_month_is_a_calendar_month_clamped_in_utc() {
        assert_eq!(
            add_months(ts("2026-01-31T10:00:00Z"), 1),
            Some(ts("2026-02-28T10:00:00Z"))
        );
        // 00:30+02:00 on 1 April is 22:30Z on 31 March: the month counts from the UTC date.
        assert_eq!(
            add_months(ts("2026-04-01T00:30:00+02:00"), 1),
            Some(ts("2026-04-30T22:30:00Z"))
        );
    }

    #[test]
    fn deadlines_across_a_daylight_saving_change() {
        let toml = r#"
aware_at = 2026-03-28T08:15:00+01:00
early_warning_at = 2026-03-29T15:20:00+02:00
notification_at = 2026-03-30T16:45:00+02:00
final_report_at = 2026-04-24T11:00:00+02:00
"#;
        let mut sources = Sources::default();
        let file = sources.add(crate::source::SourceFile::new("i.toml".into(), toml));
        let table = crate::load::parse(&sources, file, &mut Vec::new()).unwrap();
        let (_, steps) = timeline(&table, Date::constant(2026, 6, 30), false).unwrap();
        assert_eq!(
            steps[0].outcome,
            Outcome::Late(SignedDuration::from_secs(6 * 3600 + 5 * 60))
        );
        assert_eq!(steps[0].outcome.text(), "missed by 6 h 5 min");
        assert_eq!(
            steps[1].outcome.text(),
            "met, 16 h 30 min before the deadline"
        );
        assert_eq!(steps[2].due, Some(ts("2026-04-30T14:45:00Z")));
        assert_eq!(
            steps[2].outcome.text(),
            "met, 6 d 5 h 45 min before the deadline"
        );
        let (_, tsp) = timeline(&table, Date::constant(2026, 6, 30), true).unwrap();
        assert_eq!(tsp[1].outcome.text(), "missed by 1 d 7 h 30 min");
    }

    #[test]
    fn unsent_reports_are_overdue_or_open() {
        let toml = "aware_at = 2026-06-29T10:00:00Z\n";
        let mut sources = Sources::default();
        let file = sources.add(crate::source::SourceFile::new("i.toml".into(), toml));
        let table = crate::load::parse(&sources, file, &mut Vec::new()).unwrap();
        let (_, steps) = timeline(&table, Date::constant(2026, 7, 1), false).unwrap();
        assert_eq!(steps[0].outcome.text(), "not sent; overdue by 14 h");
        assert_eq!(steps[1].outcome, Outcome::Open);
        assert!(matches!(steps[2].outcome, Outcome::Unknown(_)));
    }
}
