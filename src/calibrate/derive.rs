//! The derivations of MODEL.md §9, from the collected leads to a [`Calibration`].
//!
//! Definitions where §9 leaves room (each is in the report's docs too):
//! - **Export time E**: the latest readable timestamp of any row (created or first contact),
//!   whether or not the row is used; the span starts at the earliest readable created of any
//!   row. The span in months is span_days ÷ 30.4375, at least one day's worth, so a file whose
//!   leads all came in at one instant still gives finite rates.
//! - **Used rows**: source non-empty and created readable, the first such row of its id (ids
//!   compared exactly, after trimming spaces), status not excluded. Invalid, duplicate and
//!   excluded rows are out of every count below, but their timestamps count for E.
//! - **Sold**: the status is in the sold group, or the sold column says yes; **lost**: the
//!   status is in the lost group and the lead is not sold; excluded beats both.
//! - **Decided**: sold, lost, or created more than 60 × 24 hours before E.
//! - **Contacted** (followed up): a readable first contact, or a response time (any, even
//!   negative), or attempts > 0, or sold (a sale implies contact). A sold lead with none of
//!   the others is a `sold_without_contact` problem when the file has a column that could
//!   show contact. `follow_up_rate` needs such a column (else it stays the base's).
//! - **Response time**: first contact − created in minutes; the response-minutes column when
//!   there is no first contact. Times ≤ 0 are left out; negative ones are
//!   `contact_before_created`. Median and p90 interpolate linearly between order statistics,
//!   at (n − 1)·p as numpy's default: the definition [`crate::model::histogram::Histogram::quantile`]
//!   uses (that one works on integer histograms, so the sorted-sample version is here).
//! - **KS distance**: sup |F_n − F| between the times' empirical distribution and the
//!   log-normal with the derived median and σ = ln(spread) / 1.2815515655446004 (MODEL.md §2).
//! - **Attempts**: over contacted leads with an attempts value; the median rounded half away
//!   from zero, clamped to 1..=20.
//! - **Arrivals**: used leads by hour of the week of created in Amsterdam time, Monday 00:00–
//!   00:59 first: the wall clock as written for values without offset (a time in the skipped
//!   hour keeps its hour), converted from UTC otherwise. Monthly counts likewise.
//! - **Seasonality**: a calendar month (Amsterdam time) is whole when it starts at or after
//!   the earliest created and ends at or before E. With at least 12 whole months, the weight of
//!   each month of the year is the mean count of used leads over its whole months (with
//!   exactly 12, the counts themselves). Whole months that hold no used lead at all give no
//!   seasonality (all-zero weights are not a season).

use std::collections::HashMap;

use super::beta::jeffreys_interval;
use super::headers::{FIELDS, Field};
use super::leads::{Collector, Lead, NONE, Status, bad};
use super::report::{
    Calibration, Problem, ProblemKind, Report, Response, ResponseReport, SourceReport,
};
use super::status::StatusGroup;
use super::time::{self, DAY_MS, DateOrder};
use super::{CalibrateError, count};

/// Days in a month of the span.
pub const MONTH_DAYS: f64 = 30.4375;
/// A lead older than this at E is decided even if open.
pub const DECIDED_AFTER_DAYS: i64 = 60;
/// A lead without contact older than this at E counts against the follow-up rate.
pub const UNCONTACTED_AFTER_DAYS: i64 = 7;
/// Sources with fewer decided leads are reported.
pub const FEW_DECIDED: u64 = 30;
/// σ of the log-normal = ln(spread) / this (the standard normal's 90% point).
const Z90: f64 = 1.281_551_565_544_600_4;

/// The `p`-quantile of sorted values, by linear interpolation between order statistics at
/// (n − 1)·p (numpy's default); `None` when empty.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor();
    let k = lo as usize;
    let x = sorted[k];
    match sorted.get(k + 1) {
        Some(&next) if h > lo => Some(x + (h - lo) * (next - x)),
        _ => Some(x),
    }
}

/// The log-normal distribution function with `median` and σ at x > 0 (a step at the median
/// when σ = 0).
fn lognormal_cdf(x: f64, median: f64, sigma: f64) -> f64 {
    if sigma <= 0.0 {
        return if x >= median { 1.0 } else { 0.0 };
    }
    let z = (x.ln() - median.ln()) / sigma;
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}

/// Kolmogorov–Smirnov distance between sorted positive values and the log-normal.
pub fn ks_distance(sorted: &[f64], median: f64, spread: f64) -> f64 {
    let n = sorted.len() as f64;
    let sigma = spread.ln() / Z90;
    sorted.iter().enumerate().fold(0.0, |d, (i, &x)| {
        let f = lognormal_cdf(x, median, sigma);
        let i = i as f64;
        d.max((i + 1.0) / n - f).max(f - i / n)
    })
}

/// Counts and the first five rows of one problem.
#[derive(Default)]
struct Tally {
    count: u64,
    rows: Vec<u32>,
    values: Vec<String>,
}

impl Tally {
    fn note(&mut self, line: u32) {
        self.count += 1;
        if self.rows.len() < 5 {
            self.rows.push(line);
        }
    }

    fn value(&mut self, v: &str, most: usize) {
        if self.values.len() < most && !self.values.iter().any(|x| x == v) {
            self.values.push(v.to_string());
        }
    }

    fn into_problem(self, kind: ProblemKind) -> Option<Problem> {
        (self.count > 0).then_some(Problem {
            kind,
            count: self.count,
            rows: self.rows,
            values: self.values,
        })
    }
}

#[derive(Default, Clone)]
struct SourceTally {
    leads: u64,
    decided: u64,
    sold: u64,
    first_row: u32,
}

/// Turns the collected leads into the calibration; an error when no row is usable.
pub fn finish(c: Collector<'_>) -> Result<Calibration, CalibrateError> {
    let rows = c.leads.len() as u64;
    if rows == 0 {
        return Err(CalibrateError::OnlyHeader);
    }
    let mut problems: Vec<Problem> = Vec::new();

    // The date order: month first only with more proof for it than for day first.
    let ev = &c.evidence;
    let order = if ev.month_first.0 > ev.day_first.0 {
        DateOrder::MonthFirst
    } else {
        DateOrder::DayFirst
    };
    if ev.month_first.0 > 0 && ev.day_first.0 > 0 {
        let losing = match order {
            DateOrder::MonthFirst => &ev.day_first,
            DateOrder::DayFirst => &ev.month_first,
        };
        problems.push(Problem {
            kind: ProblemKind::ConflictingDateOrder,
            count: losing.0,
            rows: losing.1.clone(),
            values: vec![order.name().to_string()],
        });
    } else if ev.month_first.0 == 0 && ev.day_first.0 == 0 && ev.ambiguous.0 > 0 {
        problems.push(Problem {
            kind: ProblemKind::AmbiguousDateOrder,
            count: ev.ambiguous.0,
            rows: ev.ambiguous.1.clone(),
            values: vec![order.name().to_string()],
        });
    }

    // Resolve every timestamp; E and the start of the span.
    // Resolved twice (here and in the main loop) rather than stored: it is cheap.
    let resolve = |l: &Lead| {
        (
            l.created.and_then(|s| s.resolve(order)),
            l.first_contact.and_then(|s| s.resolve(order)),
        )
    };
    let (mut export_time, mut start) = (None::<i64>, None::<i64>);
    for l in &c.leads {
        let (created, contact) = resolve(l);
        export_time = export_time.max(created).max(contact);
        start = match (start, created) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    let has_contact_column = [Field::FirstContact, Field::ResponseMinutes, Field::Attempts]
        .iter()
        .any(|&f| c.mapping[f as usize].is_some());

    let mut invalid = Tally::default();
    let mut invalid_values = Tally::default();
    let mut before_created = Tally::default();
    let mut duplicates = Tally::default();
    let mut unmapped = Tally::default();
    let mut sold_no_contact = Tally::default();
    let mut excluded = 0u64;
    let mut claimed = vec![false; c.leads.len().min(u32::MAX as usize)];
    let mut per_source = vec![SourceTally::default(); c.sources.len()];
    let mut times: Vec<f64> = Vec::new();
    let mut attempts: Vec<f64> = Vec::new();
    let mut arrivals = vec![0u64; 168];
    let mut monthly: HashMap<i64, u64> = HashMap::new();
    let (mut contacted, mut uncontacted_old) = (0u64, 0u64);
    let mut used = 0u64;
    let e = export_time.unwrap_or(0);

    for lead in &c.leads {
        let (created, contact) = resolve(lead);
        let Some(created) = created.filter(|_| lead.source != NONE) else {
            invalid.note(lead.line);
            invalid.value(&invalid_reason(lead, &c), 5);
            continue;
        };
        if lead.id != NONE {
            let slot = lead.id as usize;
            if claimed.get(slot).copied().unwrap_or(false) {
                duplicates.note(lead.line);
                continue;
            }
            if let Some(s) = claimed.get_mut(slot) {
                *s = true;
            }
        }
        if lead.status == Status::Known(StatusGroup::Excluded) {
            excluded += 1;
            continue;
        }
        used += 1;
        let mut bad_flags = lead.bad;
        if lead.first_contact.is_some() && contact.is_none() {
            // A date that does not exist in the file's date order.
            bad_flags |= bad::FIRST_CONTACT;
        }
        if bad_flags != 0 {
            invalid_values.note(lead.line);
            for (flag, field) in [
                (bad::FIRST_CONTACT, Field::FirstContact),
                (bad::RESPONSE_MINUTES, Field::ResponseMinutes),
                (bad::ATTEMPTS, Field::Attempts),
                (bad::SOLD, Field::Sold),
            ] {
                if bad_flags & flag != 0 {
                    invalid_values.value(field.name(), 4);
                }
            }
        }
        if let Status::Unmapped(i) = lead.status {
            unmapped.note(lead.line);
            if let Some(v) = c.unmapped.get(i as usize) {
                unmapped.value(v, 100);
            }
        }
        let age = e - created;
        let sold = lead.status == Status::Known(StatusGroup::Sold) || lead.sold_flag;
        let lost = !sold && lead.status == Status::Known(StatusGroup::Lost);
        let decided = sold || lost || age > DECIDED_AFTER_DAYS * DAY_MS;
        let t = &mut per_source[lead.source as usize];
        if t.leads == 0 {
            t.first_row = lead.line;
        }
        t.leads += 1;
        t.decided += u64::from(decided);
        t.sold += u64::from(sold);

        let minutes = match contact {
            Some(at) => Some((at - created) as f64 / 60_000.0),
            None if lead.response_minutes.is_finite() => Some(lead.response_minutes),
            None => None,
        };
        let evidence = minutes.is_some() || lead.attempts > 0.0;
        if sold && !evidence && has_contact_column {
            sold_no_contact.note(lead.line);
        }
        let is_contacted = evidence || sold;
        if is_contacted {
            contacted += 1;
            if lead.attempts.is_finite() {
                attempts.push(lead.attempts);
            }
        } else if age > UNCONTACTED_AFTER_DAYS * DAY_MS {
            uncontacted_old += 1;
        }
        match minutes {
            Some(m) if m > 0.0 => times.push(m),
            Some(m) if m < 0.0 => before_created.note(lead.line),
            _ => {}
        }

        let local = lead
            .created
            .and_then(|s| s.wall_clock(order))
            .unwrap_or_else(|| time::utc_to_amsterdam(created));
        let day = local.div_euclid(DAY_MS);
        let hour = local.rem_euclid(DAY_MS) / 3_600_000;
        arrivals[(time::weekday(day) * 24) as usize + hour as usize] += 1;
        let (y, m, _) = time::civil_from_days(day);
        *monthly.entry(y * 12 + i64::from(m) - 1).or_default() += 1;
    }

    if used == 0 {
        return Err(CalibrateError::NoUsableRow {
            rows,
            invalid: invalid.count,
            duplicates: duplicates.count,
            excluded,
            first_reason: invalid.values.first().cloned(),
        });
    }
    // Both exist once a row is used.
    let (e, start) = (export_time.unwrap_or(0), start.unwrap_or(0));
    let span_days = (e - start) as f64 / DAY_MS as f64;
    let months = span_days.max(1.0) / MONTH_DAYS;

    // Sources, most leads first (ties: first in the file).
    let mut order_of: Vec<usize> = (0..c.sources.len())
        .filter(|&i| per_source[i].leads > 0)
        .collect();
    order_of.sort_by_key(|&i| {
        (
            std::cmp::Reverse(per_source[i].leads),
            per_source[i].first_row,
        )
    });
    let mut few = Tally::default();
    let sources: Vec<SourceReport> = order_of
        .iter()
        .map(|&i| {
            let t = &per_source[i];
            if t.decided < FEW_DECIDED {
                // `rows`: the first row of each such source.
                few.note(t.first_row);
                few.value(&c.sources[i], usize::MAX);
            }
            let (lo, hi) = jeffreys_interval(t.sold, t.decided);
            SourceReport {
                name: c.sources[i].clone(),
                leads: t.leads,
                decided: t.decided,
                sold: t.sold,
                conversion: (t.decided > 0).then(|| t.sold as f64 / t.decided as f64),
                interval: [lo, hi],
                leads_per_month: t.leads as f64 / months,
            }
        })
        .collect();
    if sources.len() > crate::model::scenario::MAX_SOURCES {
        problems.push(Problem {
            kind: ProblemKind::TooManySources,
            count: (sources.len() - crate::model::scenario::MAX_SOURCES) as u64,
            rows: Vec::new(),
            values: sources[crate::model::scenario::MAX_SOURCES..]
                .iter()
                .map(|s| s.name.clone())
                .collect(),
        });
    }

    let follow_up_rate = (has_contact_column && contacted + uncontacted_old > 0)
        .then(|| contacted as f64 / (contacted + uncontacted_old) as f64);

    times.sort_unstable_by(f64::total_cmp);
    let response = match (quantile_sorted(&times, 0.5), quantile_sorted(&times, 0.9)) {
        (Some(median), Some(p90)) => Some(Response {
            median_minutes: median,
            p90_minutes: p90,
            spread: (p90 / median).clamp(1.0, crate::model::scenario::MAX_SPREAD),
        }),
        _ => None,
    };
    let ks = response
        .as_ref()
        .map(|r| ks_distance(&times, r.median_minutes, r.spread));

    attempts.sort_unstable_by(f64::total_cmp);
    let attempts = quantile_sorted(&attempts, 0.5).map(|m| {
        let r = m
            .round()
            .clamp(1.0, f64::from(crate::model::scenario::MAX_ATTEMPTS));
        r as u32
    });

    let seasonality = seasonality(&monthly, start, e);

    for (tally, kind) in [
        (invalid, ProblemKind::InvalidRows),
        (invalid_values, ProblemKind::InvalidValues),
        (before_created, ProblemKind::ContactBeforeCreated),
        (duplicates, ProblemKind::DuplicateIds),
        (unmapped, ProblemKind::UnmappedStatus),
        (sold_no_contact, ProblemKind::SoldWithoutContact),
        (few, ProblemKind::FewDecidedLeads),
    ] {
        problems.extend(tally.into_problem(kind));
    }
    problems.sort_by_key(|p| p.kind);

    let columns = FIELDS
        .iter()
        .filter_map(|&f| c.column(f).map(|h| (f.name().to_string(), h.to_string())))
        .collect();
    let report = Report {
        rows,
        used,
        span_days,
        date_order: order.name(),
        columns,
        sources,
        follow_up_rate,
        response: ResponseReport {
            contacted: count(times.len()).into(),
            median_minutes: response.as_ref().map(|r| r.median_minutes),
            p90_minutes: response.as_ref().map(|r| r.p90_minutes),
            spread: response.as_ref().map(|r| r.spread),
            ks_distance: ks,
        },
        attempts,
        problems,
    };
    Ok(Calibration {
        report,
        response,
        arrivals,
        seasonality,
        headers: c.header.clone(),
        mapping: c.mapping,
        unmapped_status: c.unmapped.clone(),
        response_times: times,
    })
}

/// Why a row is left out, for the first few `invalid_rows`.
fn invalid_reason(lead: &Lead, c: &Collector<'_>) -> String {
    if lead.source == NONE {
        "source: missing".to_string()
    } else if lead.created_unreadable {
        "created: not a date and time".to_string()
    } else if lead.created.is_some() {
        format!("created: no such date when read {}", c.date_order_name())
    } else {
        "created: missing".to_string()
    }
}

/// Mean count per month of the year over the whole months of [start, end], if at least 12.
fn seasonality(monthly: &HashMap<i64, u64>, start: i64, end: i64) -> Option<[f64; 12]> {
    let month_start = |index: i64| -> i64 {
        let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        let days = time::civil_days(i32::try_from(y).unwrap_or(i32::MAX), m, 1).unwrap_or(0);
        time::amsterdam_to_utc(days * DAY_MS)
    };
    let index_of = |utc: i64| -> i64 {
        let (y, m, _) = time::civil_from_days(time::utc_to_amsterdam(utc).div_euclid(DAY_MS));
        y * 12 + i64::from(m) - 1
    };
    let mut first = index_of(start);
    if month_start(first) < start {
        first += 1;
    }
    // The month before E's is the last that ends by E.
    let last = index_of(end) - 1;
    if last - first + 1 < 12 {
        return None;
    }
    let mut sums = [0.0; 12];
    let mut seen = [0.0; 12];
    for index in first..=last {
        let k = index.rem_euclid(12) as usize;
        sums[k] += monthly.get(&index).copied().unwrap_or(0) as f64;
        seen[k] += 1.0;
    }
    // Whole months without a used lead (the span started at an excluded or a duplicate row's
    // created) say nothing of the season: all-zero weights are no seasonality.
    if sums.iter().all(|&x| x == 0.0) {
        return None;
    }
    let mut w = [0.0; 12];
    for k in 0..12 {
        w[k] = sums[k] / seen[k];
    }
    Some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_like_numpy() {
        let v = [1.0, 2.0, 4.0, 8.0, 16.0];
        assert_eq!(quantile_sorted(&v, 0.5), Some(4.0));
        // (n − 1)·0.9 = 3.6: 8 + 0.6·8.
        assert_eq!(quantile_sorted(&v, 0.9), Some(12.8));
        assert_eq!(quantile_sorted(&[3.0], 0.9), Some(3.0));
        assert_eq!(quantile_sorted(&[], 0.5), None);
    }

    #[test]
    fn ks_of_lognormal_quantiles_is_small() {
        // The (i + ½)/n quantiles of the log-normal itself: distance exactly 1/(2n).
        let (m, spread) = (60.0, 4.0);
        let sigma = f64::ln(spread) / Z90;
        let n = 1000;
        let v: Vec<f64> = (0..n)
            .map(|i| {
                let p = (i as f64 + 0.5) / n as f64;
                m * (sigma * inverse_normal(p)).exp()
            })
            .collect();
        let d = ks_distance(&v, m, spread);
        assert!((d - 0.5 / n as f64).abs() < 1e-9, "{d}");
        // A point mass against a wide log-normal: F(m) = ½.
        assert!((ks_distance(&[m; 10], m, spread) - 0.5).abs() < 1e-12);
    }

    /// Inverse standard normal by bisection on erfc (tests only).
    fn inverse_normal(p: f64) -> f64 {
        let (mut lo, mut hi) = (-40.0, 40.0);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if 0.5 * libm::erfc(-mid / std::f64::consts::SQRT_2) < p {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    }
}
