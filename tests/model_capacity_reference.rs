//! An independent reference for MODEL.md §7, written from its text alone: a naive
//! discrete-event simulation of the first-come-first-served lead queue, with its own arrivals
//! (a Poisson count per hour of the week, placed uniformly in the hour), its own random numbers
//! (`rand_pcg::Pcg64`, not the model's `Pcg64Mcg` streams), its own people on duty (the shifts
//! read minute by minute), its own reaction time, work per lead and waits until the next
//! opening. Nothing of `leadplan::model::queue`, `capacity::WeekStaffing` or `staffing` is used:
//! only the scenario types (the input) and `expected` (the model under test).
//!
//! The model's figures are checked against it as the hidden acceptance checks of issue 12 do:
//! the reference's CDF at the model's median and p90 within 1.5 points of 50% and 90% (the
//! whole jump when the value sits on an atom, such as the reaction time); the shares within 5
//! and 60 minutes and the share arriving unstaffed within 1.5 points; staffed hours,
//! first-response hours and staffing costs exactly; E\[P_contact\] and the sales within 1.5%.
//! The reference simulates ten times the model's 20,000 counted leads, so its own noise is
//! small beside the model's (at most about 0.35 points on a share, far inside 1.5). The
//! reference itself is checked against Erlang C first.

use std::collections::VecDeque;
use std::time::Instant;

use leadplan::model::capacity::{Capacity, Day, Shift};
use leadplan::model::expected::expected;
use leadplan::model::presets::{WorkshopPreset, default_arrivals};
use leadplan::model::scenario::{Contact, Process, Scenario};
use leadplan::model::staffing::CapacityOutcome;
use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64;

#[path = "support/erlang.rs"]
mod erlang;
use erlang::erlang_c;

/// Minutes in a week.
const WEEK: f64 = 10_080.0;
/// Counted leads the reference aims for: ten times the model's 20,000.
const REFERENCE_LEADS: f64 = 200_000.0;
/// The acceptance tolerance on a probability (1.5 points) and on sales (1.5%).
const TOLERANCE: f64 = 0.015;

/// The reference's random numbers.
struct Random(Pcg64);

impl Random {
    fn new(seed: u64, slot: u64) -> Random {
        Random(Pcg64::seed_from_u64(
            seed.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ (0x7265_6665_7265_6e63 + slot),
        ))
    }

    /// Uniform on [0, 1).
    fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / 9_007_199_254_740_992.0
    }

    /// Exponential with mean `mean`, by inversion.
    fn exponential(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.uniform()).ln()
    }

    /// Poisson with mean `mean`, by Knuth's product of uniforms (in pieces of mean ≤ 20).
    fn poisson(&mut self, mean: f64) -> u64 {
        let mut n = 0;
        let mut left = mean;
        while left > 0.0 {
            let piece = left.min(20.0);
            left -= piece;
            let limit = (-piece).exp();
            let mut product = self.uniform();
            while product > limit {
                n += 1;
                product *= self.uniform();
            }
        }
        n
    }
}

/// People on duty at `t` minutes from Monday 00:00 (any week): the sum of `people` over the
/// shifts whose day is t's day and whose [from, to) holds t's time of day.
fn people_at(shifts: &[Shift], t: f64) -> u32 {
    let in_week = t.rem_euclid(WEEK);
    let day = (in_week / 1440.0).floor() as usize;
    let minute = in_week - day as f64 * 1440.0;
    shifts
        .iter()
        .filter(|s| {
            s.days.contains(&Day::ALL[day])
                && f64::from(s.from) <= minute
                && minute < f64::from(s.to)
        })
        .map(|s| s.people)
        .sum()
}

/// The minutes of the week at which c(t) may change, and the week's end.
fn boundaries(shifts: &[Shift]) -> Vec<f64> {
    let mut b: Vec<f64> = Day::ALL
        .iter()
        .enumerate()
        .flat_map(|(d, day)| {
            shifts
                .iter()
                .filter(|s| s.days.contains(day))
                .flat_map(move |s| [s.from, s.to].map(|m| d as f64 * 1440.0 + f64::from(m)))
        })
        .chain([WEEK])
        .collect();
    b.sort_by(f64::total_cmp);
    b.dedup();
    b
}

/// The hour-of-week profile, normalised.
fn profile(s: &Scenario) -> Vec<f64> {
    let raw = s
        .arrivals
        .clone()
        .unwrap_or_else(|| default_arrivals().to_vec());
    let total: f64 = raw.iter().sum();
    raw.iter().map(|w| w / total).collect()
}

/// Λ, followed-up leads a week: follow_up_rate · Σ 12 · leads_per_month · 7 / 365.25.
fn lambda(s: &Scenario, p: &Process) -> f64 {
    let per_year: f64 = s.sources.iter().map(|x| 12.0 * x.leads_per_month).sum();
    p.follow_up_rate * per_year * 7.0 / 365.25
}

/// What the reference keeps of one process: every counted lead's response time, sorted, and
/// how many counted leads arrived while nobody was on duty.
struct Sample {
    times: Vec<f64>,
    unstaffed: usize,
}

impl Sample {
    fn n(&self) -> f64 {
        self.times.len() as f64
    }

    /// P(T ≤ x).
    fn cdf(&self, x: f64) -> f64 {
        self.times.partition_point(|&t| t <= x) as f64 / self.n()
    }

    /// P(T < x).
    fn cdf_below(&self, x: f64) -> f64 {
        self.times.partition_point(|&t| t < x) as f64 / self.n()
    }

    /// How far `p` is from the reference's CDF at `x`: 0 when p lies in [P(T < x), P(T ≤ x)].
    fn miss(&self, x: f64, p: f64) -> f64 {
        (self.cdf_below(x) - p).max(p - self.cdf(x)).max(0.0)
    }

    fn mean_of(&self, f: impl Fn(f64) -> f64) -> f64 {
        self.times.iter().map(|&t| f(t)).sum::<f64>() / self.n()
    }
}

/// The §7 queue, naively: events in time order (a lead becoming ready at arrival + reaction, a
/// response finishing, a change of c(t)); at each, finished responses free their person, ready
/// leads join the line, and while fewer than c(t) people are busy the first in line is answered.
/// One warm-up week, then enough counted weeks for [`REFERENCE_LEADS`].
fn reference(s: &Scenario, p: &Process, slot: u64) -> Sample {
    let cap = p
        .capacity
        .as_ref()
        .unwrap_or_else(|| panic!("a staffed process"));
    let a = profile(s);
    let lambda = lambda(s, p);
    let weeks = (REFERENCE_LEADS / lambda).ceil().max(4.0) as u32;
    let mut random = Random::new(s.simulation.seed, slot);
    let mut arrivals = Vec::new();
    for week in 0..=weeks {
        for (h, share) in a.iter().enumerate() {
            let start = (f64::from(week) * 168.0 + h as f64) * 60.0;
            let n = random.poisson(lambda * share);
            let mut hour: Vec<f64> = (0..n).map(|_| start + 60.0 * random.uniform()).collect();
            hour.sort_by(f64::total_cmp);
            arrivals.extend(hour);
        }
    }
    let bounds = boundaries(&cap.shifts);
    let next_change = |t: f64| {
        let week_start = (t / WEEK).floor() * WEEK;
        let in_week = t - week_start;
        week_start
            + bounds
                .iter()
                .copied()
                .find(|&b| b > in_week)
                .unwrap_or(WEEK)
    };
    let reaction = cap.reaction_minutes;
    let mut line = VecDeque::new();
    let mut busy: Vec<f64> = Vec::new();
    let mut ready = 0;
    let mut times = Vec::new();
    let mut answered = 0;
    let mut t = 0.0;
    while answered < arrivals.len() {
        busy.retain(|&done| done > t);
        while ready < arrivals.len() && arrivals[ready] + reaction <= t {
            line.push_back(ready);
            ready += 1;
        }
        let on_duty = people_at(&cap.shifts, t) as usize;
        while busy.len() < on_duty {
            let Some(i) = line.pop_front() else { break };
            busy.push(t + random.exponential(cap.minutes_per_lead));
            answered += 1;
            if arrivals[i] >= WEEK {
                // Picked up the moment it could be: exactly the reaction time.
                let ready_at = arrivals[i] + reaction;
                times.push(if t == ready_at {
                    reaction
                } else {
                    t - arrivals[i]
                });
            }
        }
        let mut next = next_change(t);
        if let Some(&arrival) = arrivals.get(ready) {
            next = next.min(arrival + reaction);
        }
        for &done in &busy {
            next = next.min(done);
        }
        t = next;
    }
    times.sort_by(f64::total_cmp);
    let unstaffed = arrivals
        .iter()
        .filter(|&&t| t >= WEEK && people_at(&cap.shifts, t) == 0)
        .count();
    Sample { times, unstaffed }
}

/// Staffed person-minutes of a week, minute by minute.
fn person_minutes(cap: &Capacity) -> f64 {
    (0..10_080)
        .map(|m| f64::from(people_at(&cap.shifts, f64::from(m) + 0.5)))
        .sum()
}

/// The share of leads arriving while nobody is on duty, exactly, minute by minute.
fn unstaffed_share(s: &Scenario, cap: &Capacity) -> f64 {
    let a = profile(s);
    (0..10_080)
        .filter(|&m| people_at(&cap.shifts, f64::from(m) + 0.5) == 0)
        .map(|m| a[(m / 60) as usize] / 60.0)
        .sum()
}

/// r(t) of MODEL.md §2: linear in (ln t, ln r) between points, flat outside.
fn factor(curve: &[(f64, f64)], t: f64) -> f64 {
    let (first, last) = (curve[0], curve[curve.len() - 1]);
    if t <= first.0 {
        return first.1;
    }
    if t >= last.0 {
        return last.1;
    }
    let w = curve.windows(2).find(|w| t < w[1].0).unwrap_or(&curve[..2]);
    let ((ta, ra), (tb, rb)) = (w[0], w[1]);
    let u = (t.ln() - ta.ln()) / (tb.ln() - ta.ln());
    (ra.ln() + u * (rb.ln() - ra.ln())).exp()
}

/// Chance the first `k` attempts all miss a lead first called at t, for k = 0..n.
fn misses(c: &Contact, t: f64, n: u32) -> Vec<f64> {
    let x = c.first_attempt * factor(&c.response_curve, t);
    let mut miss = vec![1.0];
    for k in 0..n {
        let last = miss[k as usize];
        miss.push(last * (1.0 - x * c.attempt_decay.powi(k as i32)));
    }
    miss
}

/// P_contact(t, N).
fn p_contact(c: &Contact, t: f64, n: u32) -> f64 {
    1.0 - misses(c, t, n)[n as usize]
}

/// Expected further attempts: Σ_{k=1..N−1} ∏_{j=1..k} (1 − q_j(t)).
fn retries(c: &Contact, t: f64, n: u32) -> f64 {
    misses(c, t, n.saturating_sub(1))[1..].iter().sum()
}

/// E\[P_contact\] of a typed (log-normal) process, by the midpoint rule over z ∈ [−9, 9].
fn typed_contact(c: &Contact, p: &Process) -> f64 {
    if p.response_spread <= 1.0 {
        return p_contact(c, p.median_response_minutes, p.attempts);
    }
    let sigma = p.response_spread.ln() / 1.281_551_565_544_600_4;
    let steps = 36_000;
    let h = 18.0 / f64::from(steps);
    (0..steps)
        .map(|i| {
            let z = -9.0 + (f64::from(i) + 0.5) * h;
            let t = p.median_response_minutes * (sigma * z).exp();
            (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
                * h
                * p_contact(c, t, p.attempts)
        })
        .sum()
}

/// One staffed process of a scenario against the model's figures for it: returns the
/// reference's E\[P_contact\], and the failures found.
fn compare(
    name: &str,
    s: &Scenario,
    p: &Process,
    slot: u64,
    model: &CapacityOutcome,
    failures: &mut Vec<String>,
) -> f64 {
    let started = Instant::now();
    let cap = p.capacity.as_ref().unwrap_or_else(|| panic!("staffed"));
    let r = reference(s, p, slot);
    let seconds = started.elapsed().as_secs_f64();
    let mut check = |what: &str, miss: f64, tolerance: f64| {
        if miss.is_nan() || miss > tolerance {
            failures.push(format!(
                "{name}: {what} off by {miss:.5} (allowed {tolerance})"
            ));
        }
    };
    let (median, p90) = (model.median_response_minutes, model.p90_response_minutes);
    check(
        "reference CDF at the model's median",
        r.miss(median, 0.5),
        TOLERANCE,
    );
    check(
        "reference CDF at the model's p90",
        r.miss(p90, 0.9),
        TOLERANCE,
    );
    let within_5 = r.cdf(5.0);
    let within_60 = r.cdf(60.0);
    let unstaffed = r.unstaffed as f64 / r.n();
    check(
        "within 5 minutes",
        (within_5 - model.within_5_minutes).abs(),
        TOLERANCE,
    );
    check(
        "within 60 minutes",
        (within_60 - model.within_60_minutes).abs(),
        TOLERANCE,
    );
    check(
        "arriving unstaffed (simulated)",
        (unstaffed - model.arrive_unstaffed).abs(),
        TOLERANCE,
    );
    let exact_unstaffed = unstaffed_share(s, cap);
    check(
        "arriving unstaffed (exact)",
        (exact_unstaffed - model.arrive_unstaffed).abs(),
        1e-12,
    );
    let contact = r.mean_of(|t| p_contact(&s.contact, t, p.attempts));
    check(
        "E[P_contact] (relative)",
        (model.expected_contact / contact - 1.0).abs(),
        TOLERANCE,
    );
    let lambda = lambda(s, p);
    let retry_hours =
        lambda * r.mean_of(|t| retries(&s.contact, t, p.attempts)) * cap.minutes_per_retry / 60.0;
    check(
        "retry hours (relative)",
        (model.retry_hours_per_week / retry_hours - 1.0).abs(),
        TOLERANCE,
    );
    // Hours and costs: exact.
    let hours = person_minutes(cap) / 60.0;
    let cost = hours * 365.25 / 7.0 * cap.cost_per_person_hour;
    let first = lambda * cap.minutes_per_lead / 60.0;
    for (what, model_value, reference_value) in [
        ("staffed hours a week", model.staffed_hours_per_week, hours),
        ("staffing cost a year", model.staffing_cost_per_year, cost),
        (
            "first-response hours a week",
            model.first_response_hours_per_week,
            first,
        ),
    ] {
        if model_value != reference_value {
            failures.push(format!(
                "{name}: {what}: model {model_value} vs reference {reference_value}"
            ));
        }
    }
    println!(
        "{name}: {n} leads in {seconds:.1} s | median {median:.2} -> ref CDF [{ml:.4}, {mh:.4}] | \
         p90 {p90:.1} -> ref CDF [{pl:.4}, {ph:.4}] | within 5 {w5m:.4} vs {within_5:.4} | \
         within 60 {w60m:.4} vs {within_60:.4} | unstaffed {um:.4} vs {unstaffed:.4} (exact {exact_unstaffed:.4}) | \
         E[P_contact] {cm:.4} vs {contact:.4} | retry h {rm:.2} vs {retry_hours:.2} | hours {hours} | cost {cost:.2}",
        n = r.times.len(),
        ml = r.cdf_below(median),
        mh = r.cdf(median),
        pl = r.cdf_below(p90),
        ph = r.cdf(p90),
        w5m = model.within_5_minutes,
        w60m = model.within_60_minutes,
        um = model.arrive_unstaffed,
        cm = model.expected_contact,
        rm = model.retry_hours_per_week,
    );
    contact
}

/// Every staffed process of `s` against the reference, then the sales (within 1.5%) and the
/// staffing ROI's extra cost (exactly). Panics with every failure found.
fn check_scenario(name: &str, s: &Scenario) {
    let (e, _) = expected(s).unwrap_or_else(|errors| panic!("{name}: {errors:?}"));
    let mut failures = Vec::new();
    let mut contact = [0.0; 2];
    let mut cost = [None, None];
    for (i, (p, model)) in [
        (&s.process_now, &e.capacity_now),
        (&s.process_target, &e.capacity_target),
    ]
    .into_iter()
    .enumerate()
    {
        contact[i] = match (&p.capacity, model) {
            (Some(cap), Some(model)) => {
                cost[i] =
                    Some(person_minutes(cap) / 60.0 * 365.25 / 7.0 * cap.cost_per_person_hour);
                let which = if i == 0 { "now" } else { "target" };
                compare(
                    &format!("{name} ({which})"),
                    s,
                    p,
                    i as u64,
                    model,
                    &mut failures,
                )
            }
            (None, None) => typed_contact(&s.contact, p),
            _ => panic!("{name}: capacity figures exactly for the staffed processes"),
        };
    }
    // Sales: close rates calibrated on today's conversion, kept for the target (MODEL.md §2).
    let (now, target) = (&s.process_now, &s.process_target);
    let reach_now = now.follow_up_rate * contact[0];
    let mut sales = [0.0; 2];
    for src in &s.sources {
        let close = (src.conversion_now / reach_now).min(1.0);
        let leads = 12.0 * src.leads_per_month;
        sales[0] += leads * reach_now * close;
        sales[1] += leads * target.follow_up_rate * contact[1] * close;
    }
    for (what, model_value, reference_value) in [
        ("sales now", e.sales_now, sales[0]),
        ("sales with the target", e.sales_target, sales[1]),
    ] {
        let miss = (model_value / reference_value - 1.0).abs();
        println!("{name}: {what} {model_value:.2} vs {reference_value:.2}");
        if miss.is_nan() || miss > TOLERANCE {
            failures.push(format!(
                "{name}: {what}: model {model_value} vs reference {reference_value}"
            ));
        }
    }
    match (&e.staffing_roi, cost) {
        (Some(roi), [Some(a), Some(b)]) => {
            if roi.extra_cost_per_year != b - a {
                failures.push(format!(
                    "{name}: ROI extra cost {} vs {}",
                    roi.extra_cost_per_year,
                    b - a
                ));
            }
        }
        (None, [Some(_), Some(_)]) => failures.push(format!("{name}: no ROI with both staffed")),
        (Some(_), _) => failures.push(format!("{name}: a ROI without both staffed")),
        (None, _) => {}
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn office_hours_agree_with_the_reference() {
    check_scenario("office hours", &WorkshopPreset::OfficeHours.scenario());
}

#[test]
fn office_hours_with_an_evening_shift_agree_with_the_reference() {
    check_scenario("evening shift", &WorkshopPreset::EveningShift.scenario());
}

#[test]
fn a_seven_day_lead_desk_agrees_with_the_reference() {
    check_scenario("lead desk", &WorkshopPreset::LeadDesk.scenario());
}

/// Responses that run past their shift's end: 45 minutes a lead on average against hour-long
/// shifts 15 minutes apart, so a response still running holds up the next shift's start; a
/// second person on weekdays 10:00–10:15 (c drops from 2 to 0 while both may be busy); and
/// weekend shifts of 30 minutes, shorter than most responses.
#[test]
fn responses_past_the_end_of_a_shift_agree_with_the_reference() {
    let mut s = WorkshopPreset::OfficeHours.scenario();
    s.sources.truncate(1);
    // 16 followed-up leads a week: 720 of the 1,395 staffed minutes.
    s.sources[0].leads_per_month = 16.0 * 365.25 / 84.0;
    let shift = |days: &[Day], from: u32, to: u32| Shift {
        days: days.to_vec(),
        from,
        to,
        people: 1,
    };
    let weekdays = [Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri];
    let mut cap = Capacity::with_shifts(vec![
        shift(&Day::ALL, 480, 540),
        shift(&Day::ALL, 555, 615),
        shift(&Day::ALL, 630, 690),
        shift(&weekdays, 600, 615),
        shift(&[Day::Sat, Day::Sun], 1080, 1110),
    ]);
    cap.minutes_per_lead = 45.0;
    s.process_now = Process::staffed(1.0, 3, cap);
    assert_eq!(s.validate(), vec![]);
    check_scenario("past the shift's end", &s);
}

/// A reaction time of 30 minutes, today and in the target: a lead that arrives in the last
/// half hour of a shift waits for the next one.
#[test]
fn a_reaction_time_of_30_minutes_agrees_with_the_reference() {
    let mut s = WorkshopPreset::EveningShift.scenario();
    for p in [&mut s.process_now, &mut s.process_target] {
        if let Some(cap) = p.capacity.as_mut() {
            cap.reaction_minutes = 30.0;
        }
    }
    check_scenario("reaction 30 min", &s);
}

/// The reference itself, on MODEL.md §7's check: one shift all week, a flat profile, reaction
/// 0, 3 leads an hour, 8 minutes a lead; P(wait > 0) = C(c, A) and P(wait > 5) = C · e^{−(c−A)·5/h}.
#[test]
fn the_reference_reproduces_erlang_c() {
    let mut s = WorkshopPreset::OfficeHours.scenario();
    s.sources.truncate(1);
    s.sources[0].leads_per_month = 3.0 * 168.0 * 365.25 / 84.0;
    s.arrivals = Some(vec![1.0; 168]);
    for c in [1, 2] {
        let mut cap = Capacity::with_shifts(vec![Shift {
            days: Day::ALL.to_vec(),
            from: 0,
            to: 1440,
            people: c,
        }]);
        cap.reaction_minutes = 0.0;
        let p = Process::staffed(1.0, 2, cap);
        let r = reference(&s, &p, 0);
        let a = 3.0 * 8.0 / 60.0;
        let wait = erlang_c(c, a);
        let over_5 = wait * (-(f64::from(c) - a) * 5.0 / 8.0).exp();
        println!(
            "Erlang C, c = {c}: P(wait) {:.4} vs {wait:.4}, within 5 {:.4} vs {:.4}",
            1.0 - r.cdf(0.0),
            r.cdf(5.0),
            1.0 - over_5
        );
        assert!((1.0 - r.cdf(0.0) - wait).abs() < TOLERANCE, "c = {c}");
        assert!((r.cdf(5.0) - (1.0 - over_5)).abs() < TOLERANCE, "c = {c}");
        assert_eq!(r.unstaffed, 0);
    }
}
