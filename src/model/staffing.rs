//! Staffed processes in the model (MODEL.md §7): the queue's response times turned into
//! contact, the capacity figures of `expected.capacity_now`/`capacity_target`, the staffing
//! ROI, and the staffing suggestions.
//!
//! **Into the model.** E\[P_contact\] of a process with capacity is the mean of P_contact(t, N)
//! over its distribution D ([`super::queue`]); calibration and §3–§5 are otherwise unchanged.
//!
//! **The Shapley split.** Its "speed" cause is the response-time description, typed (median and
//! spread) or staffed (the capacity). The queue's volume Λ depends on the follow-up rate, so a
//! staffed description is run with the follow-up rate of the combination being valued: the
//! worth of (follow-up f, speed s, attempts a) is f · E\[P_contact\](D(s, f), a) · Σ L_i close_i.
//! That is a well-defined game whose parts sum to the lost sales exactly; the queue runs are
//! cached, at most one per (description, follow-up rate): four when both processes are staffed
//! with different follow-up rates, each evaluated for both attempt counts.
//!
//! **Streams.** The queue of `process_now`'s description always uses the "now" streams and
//! that of `process_target` the "target" streams ([`super::queue::stream_seed`]), whatever
//! follow-up rate it runs with, so the two follow-up rates are compared with common random
//! numbers; every staffing suggestion uses the "now" streams too.

use serde::{Deserialize, Serialize};

use super::capacity::{Capacity, Day, Shift, arrival_profile, format_time, weekly_leads};
use super::contact::response_factor;
use super::queue::{QueueSetup, ResponseTimes, response_times, stream_seed};
use super::scenario::{Contact, Scenario};

/// Which process of the scenario a queue belongs to (its random streams).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// `process_now`.
    Now,
    /// `process_target`.
    Target,
}

/// The capacity figures of one process (MODEL.md §7 outputs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CapacityOutcome {
    /// Median of D, minutes.
    pub median_response_minutes: f64,
    /// 90th percentile of D, minutes.
    pub p90_response_minutes: f64,
    /// Mean of D, minutes.
    pub mean_response_minutes: f64,
    /// Share of D within 5 minutes.
    pub within_5_minutes: f64,
    /// Share of D within 60 minutes.
    pub within_60_minutes: f64,
    /// Share of leads arriving while nobody is on duty (exact, from the profile and shifts).
    pub arrive_unstaffed: f64,
    /// Staffed person-hours a week.
    pub staffed_hours_per_week: f64,
    /// Λ · minutes_per_lead / 60.
    pub first_response_hours_per_week: f64,
    /// Λ · mean over D of the expected retries · minutes_per_retry / 60.
    pub retry_hours_per_week: f64,
    /// (first-response + retry hours) ÷ staffed hours.
    pub utilisation: f64,
    /// Staffed person-hours a week × 365.25 / 7 × cost_per_person_hour.
    pub staffing_cost_per_year: f64,
    /// E\[P_contact\] over D with the process's attempts.
    pub expected_contact: f64,
}

/// The target staffing against today's, when both processes have a capacity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffingRoi {
    /// Staffing cost per year of the target minus today's.
    pub extra_cost_per_year: f64,
    /// Gross profit per year of the target process minus today's (`lost_gross_profit`: the
    /// whole process change, of which the staffing is the means).
    pub extra_gross_profit_per_year: f64,
    /// extra_gross_profit_per_year − extra_cost_per_year.
    pub net_per_year: f64,
}

/// One extra person for three hours on one day, added to today's shifts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffingSuggestion {
    /// The day, `"mon"` … `"sun"`.
    pub day: Day,
    /// Start, `"HH:MM"`.
    pub from: String,
    /// End, `"HH:MM"` (`"24:00"` for the last block).
    pub to: String,
    /// Median response time today with the block added.
    pub median_response_minutes: f64,
    /// Share answered within 5 minutes with the block added.
    pub within_5_minutes: f64,
    /// Expected extra sales a year (close rates as calibrated today).
    pub sales_gain: f64,
    /// sales_gain · gross_profit_per_sale.
    pub gross_profit_gain: f64,
    /// The block's cost a year: 3 person-hours a week × 365.25 / 7 × cost_per_person_hour.
    pub cost_per_year: f64,
    /// gross_profit_gain − cost_per_year.
    pub net_per_year: f64,
}

/// Hours of a suggested block.
pub const BLOCK_HOURS: u32 = 3;
/// First and last start hour of a suggested block.
pub const BLOCK_STARTS: std::ops::RangeInclusive<u32> = 7..=21;
/// Suggestions reported.
pub const SUGGESTIONS: usize = 5;

/// D for the process in `slot` described by `capacity`, with follow-up rate `follow_up_rate`.
pub fn queue_response_times(
    s: &Scenario,
    slot: Slot,
    capacity: &Capacity,
    follow_up_rate: f64,
) -> ResponseTimes {
    let profile = arrival_profile(s);
    let staff = capacity.week();
    let process = match slot {
        Slot::Now => 0,
        Slot::Target => 1,
    };
    response_times(&QueueSetup {
        staff: &staff,
        profile: &profile,
        lambda: weekly_leads(s, follow_up_rate),
        minutes_per_lead: capacity.minutes_per_lead,
        reaction_minutes: capacity.reaction_minutes,
        arrivals_seed: stream_seed(s.simulation.seed, process, 0),
        service_seed: stream_seed(s.simulation.seed, process, 1),
    })
}

/// Expected further attempts of a followed-up lead first called after t, with reach
/// x = first_attempt · r(t): Σ_{k=1..N−1} ∏_{j=1..k} (1 − x · decay^(j−1)).
fn expected_retries(x: f64, decay: f64, attempts: u32) -> f64 {
    let mut reach = x.clamp(0.0, 1.0);
    let mut miss = 1.0;
    let mut total = 0.0;
    for _ in 1..attempts {
        miss *= 1.0 - reach;
        reach *= decay;
        total += miss;
    }
    total
}

/// Means over D: [E P_contact(T, attempts\[0\]), E P_contact(T, attempts\[1\]), E retries(T,
/// own)], one evaluation of the response curve per bin.
pub fn contact_means(
    d: &ResponseTimes,
    contact: &Contact,
    attempts: [u32; 2],
    own: u32,
) -> [f64; 3] {
    d.means(|t| {
        let x = contact.first_attempt * response_factor(&contact.response_curve, t);
        let p = |n: u32| contact_probability_at(x, contact.attempt_decay, n);
        [
            p(attempts[0]),
            p(attempts[1]),
            expected_retries(x, contact.attempt_decay, own),
        ]
    })
}

/// 1 − ∏_{k<n} (1 − x·decay^k): P_contact with the reach x = first_attempt · r(t) given.
fn contact_probability_at(x: f64, decay: f64, attempts: u32) -> f64 {
    let mut reach = x.clamp(0.0, 1.0);
    let mut miss = 1.0;
    for _ in 0..attempts {
        miss *= 1.0 - reach;
        reach *= decay;
    }
    1.0 - miss
}

/// The capacity figures of a process from its D.
pub fn outcome(
    s: &Scenario,
    capacity: &Capacity,
    follow_up_rate: f64,
    d: &ResponseTimes,
    expected_contact: f64,
    mean_retries: f64,
) -> CapacityOutcome {
    let lambda = weekly_leads(s, follow_up_rate);
    let staffed = capacity.staffed_hours_per_week();
    let first = lambda * capacity.minutes_per_lead / 60.0;
    let retry = lambda * mean_retries * capacity.minutes_per_retry / 60.0;
    CapacityOutcome {
        median_response_minutes: d.median(),
        p90_response_minutes: d.p90(),
        mean_response_minutes: d.mean(),
        within_5_minutes: d.within_5(),
        within_60_minutes: d.within_60(),
        arrive_unstaffed: capacity.week().unstaffed_share(&arrival_profile(s)),
        staffed_hours_per_week: staffed,
        first_response_hours_per_week: first,
        retry_hours_per_week: retry,
        utilisation: if staffed > 0.0 {
            (first + retry) / staffed
        } else {
            0.0
        },
        staffing_cost_per_year: capacity.cost_per_year(),
        expected_contact,
    }
}

/// The staffing suggestions of MODEL.md §7 for `s`: each of the 105 blocks of one extra person
/// for three hours (every day, every start on the hour from 07:00 to 21:00) added to
/// `process_now`'s shifts, ranked by net gain per year (gross profit gained − the block's
/// cost; ties in day and start order), the best five. `None` when `process_now` has no capacity
/// or the scenario is invalid.
///
/// Sales gained hold today's calibrated close rates: with the block, today's process sells
/// follow_up_rate · E\[P_contact\]_block · Σ L_i close_i. Every block's queue runs on the same
/// random streams as today's (common random numbers), so a block can only shorten each lead's
/// wait and the ranking is not noise.
pub fn staffing_suggestions(s: &Scenario) -> Option<Vec<StaffingSuggestion>> {
    let mut search = SuggestionSearch::new(s)?;
    while !search.is_done() {
        search.step(BLOCK_STARTS.count());
    }
    Some(search.best())
}

/// [`staffing_suggestions`] a few blocks at a time, so a worker can look for newer input
/// between steps (and report progress): the same blocks in the same order, the same result.
#[derive(Clone, Debug)]
pub struct SuggestionSearch {
    scenario: Scenario,
    capacity: Capacity,
    base: f64,
    reachable: f64,
    cost_per_year: f64,
    /// (day, start hour) of every block, in day and start order.
    blocks: Vec<(Day, u32)>,
    found: Vec<StaffingSuggestion>,
}

impl SuggestionSearch {
    /// The search for `s`; `None` when `process_now` has no capacity or `s` is invalid.
    pub fn new(s: &Scenario) -> Option<SuggestionSearch> {
        let capacity = s.process_now.capacity.as_ref()?.clone();
        if !s.validate().is_empty() {
            return None;
        }
        let now = &s.process_now;
        let n = now.attempts;
        let base = contact_means(
            &queue_response_times(s, Slot::Now, &capacity, now.follow_up_rate),
            &s.contact,
            [n, n],
            n,
        )[0];
        let cal = super::expected::calibrate_with(s, base, base);
        let reachable: f64 = s
            .sources
            .iter()
            .zip(&cal.close_rate)
            .map(|(src, close)| 12.0 * src.leads_per_month * close)
            .sum();
        let cost_per_year = f64::from(BLOCK_HOURS) * 365.25 / 7.0 * capacity.cost_per_person_hour;
        let blocks = Day::ALL
            .into_iter()
            .flat_map(|day| BLOCK_STARTS.map(move |hour| (day, hour)))
            .collect::<Vec<_>>();
        Some(SuggestionSearch {
            scenario: s.clone(),
            capacity,
            base,
            reachable,
            cost_per_year,
            found: Vec::with_capacity(blocks.len()),
            blocks,
        })
    }

    /// Blocks valued so far.
    pub fn done(&self) -> usize {
        self.found.len()
    }

    /// Blocks to value in all (105).
    pub fn total(&self) -> usize {
        self.blocks.len()
    }

    /// Whether every block is valued.
    pub fn is_done(&self) -> bool {
        self.done() >= self.total()
    }

    /// Values up to `blocks` more blocks.
    pub fn step(&mut self, blocks: usize) {
        let s = &self.scenario;
        let now = &s.process_now;
        let n = now.attempts;
        let end = (self.found.len() + blocks).min(self.blocks.len());
        for i in self.found.len()..end {
            let (day, hour) = self.blocks[i];
            let (from, to) = (hour * 60, (hour + BLOCK_HOURS) * 60);
            let mut more = self.capacity.clone();
            more.shifts.push(Shift {
                days: vec![day],
                from,
                to,
                people: 1,
            });
            let d = queue_response_times(s, Slot::Now, &more, now.follow_up_rate);
            let contact = contact_means(&d, &s.contact, [n, n], n)[0];
            let sales_gain = now.follow_up_rate * (contact - self.base) * self.reachable;
            let gross_profit_gain = sales_gain * s.gross_profit_per_sale;
            self.found.push(StaffingSuggestion {
                day,
                from: format_time(from),
                to: format_time(to),
                median_response_minutes: d.median(),
                within_5_minutes: d.within_5(),
                sales_gain,
                gross_profit_gain,
                cost_per_year: self.cost_per_year,
                net_per_year: gross_profit_gain - self.cost_per_year,
            });
        }
    }

    /// The best [`SUGGESTIONS`] of the blocks valued so far, by net gain per year (ties in day
    /// and start order).
    pub fn best(&self) -> Vec<StaffingSuggestion> {
        let mut all = self.found.clone();
        // Stable: equal gains keep day and start order.
        all.sort_by(|a, b| b.net_per_year.total_cmp(&a.net_per_year));
        all.truncate(SUGGESTIONS);
        all
    }
}

/// The fixed example whose D-summary [`reference_summary`] computes: the office-hours
/// workshop preset's today (MODEL.md §7's example shifts, the default profile and work values,
/// seed 42).
pub fn reference_scenario() -> Scenario {
    super::presets::WorkshopPreset::OfficeHours.scenario()
}

/// The D-summary of [`reference_scenario`]'s `process_now`: [median, p90, mean, within 5,
/// within 60, E\[P_contact\]]. The same bits natively and in WebAssembly: compare with
/// [`REFERENCE_SUMMARY_BITS`].
pub fn reference_summary() -> [f64; 6] {
    let s = reference_scenario();
    let Some(capacity) = s.process_now.capacity.as_ref() else {
        return [f64::NAN; 6];
    };
    let d = queue_response_times(&s, Slot::Now, capacity, s.process_now.follow_up_rate);
    let n = s.process_now.attempts;
    [
        d.median(),
        d.p90(),
        d.mean(),
        d.within_5(),
        d.within_60(),
        contact_means(&d, &s.contact, [n, n], n)[0],
    ]
}

/// The bits of [`reference_summary`] (`f64::to_bits`), pinned: a change means the queue's
/// results changed.
/// In numbers: median 60.01 min, p90 1131.5 min, mean 444.8 min, 45.4% within 5 minutes,
/// 50.0% within 60, E\[P_contact\] 0.6540.
pub const REFERENCE_SUMMARY_BITS: [u64; 6] = [
    0x404e_0100_0000_0000,
    0x4091_ae00_0000_0000,
    0x407b_cc80_0156_87df,
    0x3fdd_09a3_9c8b_2d96,
    0x3fdf_ff98_3cb2_7e96,
    0x3fe4_ed8f_a691_aa5e,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::contact::contact_probability;
    use crate::model::presets::default_scenario;

    #[test]
    fn the_search_in_steps_finds_what_the_whole_search_finds() {
        let s = reference_scenario();
        let mut search = SuggestionSearch::new(&s).unwrap_or_else(|| panic!("staffed"));
        assert_eq!(search.total(), 105);
        let mut steps = 0;
        while !search.is_done() {
            search.step(4);
            steps += 1;
        }
        assert_eq!(steps, 27);
        assert_eq!(search.done(), 105);
        assert_eq!(Some(search.best()), staffing_suggestions(&s));
        assert!(SuggestionSearch::new(&crate::model::presets::default_scenario()).is_none());
    }

    #[test]
    fn reference_summary_is_pinned() {
        // Value stability: the queue's streams, arrivals, service times and histogram. The same
        // constants serve a browser test of native-versus-WebAssembly bit equality.
        assert_eq!(
            reference_summary().map(f64::to_bits),
            REFERENCE_SUMMARY_BITS
        );
    }

    #[test]
    fn retries_formula() {
        // N = 3, x = 0.5, decay 0.5: (1 − 0.5) + (1 − 0.5)(1 − 0.25).
        assert!((expected_retries(0.5, 0.5, 3) - (0.5 + 0.5 * 0.75)).abs() < 1e-15);
        assert_eq!(expected_retries(0.5, 0.5, 1), 0.0);
        let c = default_scenario().contact;
        let x = c.first_attempt * response_factor(&c.response_curve, 90.0);
        assert_eq!(
            contact_probability_at(x, c.attempt_decay, 4),
            contact_probability(&c, 90.0, 4)
        );
    }
}
