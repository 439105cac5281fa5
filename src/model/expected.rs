//! Expected values (MODEL.md §3): calibration, sales now and with the target process, the
//! Shapley split of the lost sales over three causes, and the annual-plan backsolve, with the
//! plans a marketeer can buy of §8 ([`super::buy_plan`]).
//!
//! **Fixed costs** (`fixed_cost_per_month`, §8) count in `cost` (12 · fixed cost per source, in
//! the source's `cost` too), in each month's `cost` (the fixed cost per month, undivided by
//! seasonality, so the months sum to the year) and so in every cost per sale. They are not
//! `wasted_spend` (money spent on leads nobody follows up: lead cost only), nor in the
//! current-mix plan's budgets, which stay Σ μ_i cost_per_lead_i per lead as in §3: the
//! cheapest plan of §8 is the budget with fixed costs.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::buy_plan::{BudgetPlan, CheapestPlan, budget_plan, cheapest_plan};
use super::capacity::weekly_leads;
use super::contact::expected_contact;
use super::queue::ResponseTimes;
use super::scenario::{FieldError, Process, Scenario};
use super::staffing::{
    CapacityOutcome, Slot, StaffingRoi, contact_means, outcome, queue_response_times,
};

/// Something the user should look at, though the numbers could be computed.
#[derive(Clone, Debug, PartialEq)]
pub enum Warning {
    /// Today's conversion of `source` exceeds what today's follow-up can explain
    /// (conversion_now > follow_up_rate_now · E\[P_contact\]_now), so its close rate was clamped
    /// to 100%.
    CloseRateClamped {
        /// The source's name.
        source: String,
    },
    /// A sales target is set, but no lead can become a sale under `process` ("now" or
    /// "target"), or there are no leads: the plan's leads and budgets are `null`.
    TargetUnreachable {
        /// `"now"` or `"target"`.
        process: &'static str,
    },
    /// The retries of a staffed process do not fit in the time nobody spends on first
    /// responses (MODEL.md §7): Λ · mean expected retries · minutes_per_retry exceeds the
    /// staffed minutes less Λ · minutes_per_lead.
    RetriesDoNotFit {
        /// `"now"` or `"target"`.
        process: &'static str,
        /// Hours a week the retries need.
        retry_hours: f64,
        /// Staffed hours a week left after first responses.
        idle_hours: f64,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::CloseRateClamped { source } => write!(
                f,
                "today's conversion of {source} is higher than today's follow-up can explain; \
                 check its inputs"
            ),
            Warning::TargetUnreachable { process } => write!(
                f,
                "the sales target cannot be planned with the {process} process: no lead would \
                 become a sale"
            ),
            Warning::RetriesDoNotFit {
                process,
                retry_hours,
                idle_hours,
            } => write!(
                f,
                "the retries of the {process} process need {retry_hours:.1} hours a week, more \
                 than the {idle_hours:.1} staffed hours left after first responses: add people \
                 or hours, or fewer attempts"
            ),
        }
    }
}

/// Per-source sale probabilities after calibration (MODEL.md §2).
#[derive(Clone, Debug, PartialEq)]
pub struct Calibration {
    /// E\[P_contact\] of today's process.
    pub contact_now: f64,
    /// E\[P_contact\] of the target process.
    pub contact_target: f64,
    /// close_i: chance that a reached lead of source i buys (clamped to 1).
    pub close_rate: Vec<f64>,
    /// p_i(now) = follow_up_rate_now · E\[P_contact\]_now · close_i.
    pub p_now: Vec<f64>,
    /// p_i(target), likewise.
    pub p_target: Vec<f64>,
    /// One [`Warning::CloseRateClamped`] per clamped source.
    pub warnings: Vec<Warning>,
}

/// Calibrates close rates from today's conversion. The scenario must be valid (not checked).
/// With nobody followed up today and no conversion either, close rates are 0. A process with
/// a capacity runs its queue ([`crate::model::staffing`]).
pub fn calibrate(s: &Scenario) -> Calibration {
    let contact = |slot: Slot, p: &Process| match &p.capacity {
        None => expected_contact(&s.contact, p),
        Some(capacity) => {
            let d = queue_response_times(s, slot, capacity, p.follow_up_rate);
            contact_means(&d, &s.contact, [p.attempts; 2], p.attempts)[0]
        }
    };
    let contact_now = contact(Slot::Now, &s.process_now);
    let contact_target = contact(Slot::Target, &s.process_target);
    calibrate_with(s, contact_now, contact_target)
}

pub(crate) fn calibrate_with(s: &Scenario, contact_now: f64, contact_target: f64) -> Calibration {
    let reach_now = s.process_now.follow_up_rate * contact_now;
    let mut c = Calibration {
        contact_now,
        contact_target,
        close_rate: Vec::with_capacity(s.sources.len()),
        p_now: Vec::with_capacity(s.sources.len()),
        p_target: Vec::with_capacity(s.sources.len()),
        warnings: Vec::new(),
    };
    for src in &s.sources {
        let mut close = if reach_now > 0.0 {
            src.conversion_now / reach_now
        } else {
            0.0
        };
        if close > 1.0 {
            close = 1.0;
            c.warnings.push(Warning::CloseRateClamped {
                source: src.name.clone(),
            });
        }
        c.close_rate.push(close);
        c.p_now.push(reach_now * close);
        c.p_target
            .push(s.process_target.follow_up_rate * contact_target * close);
    }
    c
}

/// The expected values of MODEL.md §3, with the §5 key names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Expected {
    /// Leads per year, Σ 12 · leads_per_month.
    pub leads: f64,
    /// Cost per year: lead cost plus 12 · every source's fixed cost per month.
    pub cost: f64,
    /// Expected sales per year with today's process.
    pub sales_now: f64,
    /// Expected sales per year with the target process.
    pub sales_target: f64,
    /// sales_target − sales_now (negative when the target process is worse).
    pub lost_sales: f64,
    /// lost_sales · revenue_per_sale.
    pub lost_revenue: f64,
    /// lost_sales · gross_profit_per_sale.
    pub lost_gross_profit: f64,
    /// sales_now / leads (0 without leads).
    pub conversion_now: f64,
    /// sales_target / leads (0 without leads).
    pub conversion_target: f64,
    /// cost / sales_now; `None` (null) when sales_now is 0.
    pub cost_per_sale_now: Option<f64>,
    /// cost / sales_target; `None` (null) when sales_target is 0.
    pub cost_per_sale_target: Option<f64>,
    /// Σ L_i (1 − follow_up_rate_now) cost_per_lead_i: spend on leads nobody follows up today
    /// (lead cost only: fixed costs are paid whatever happens to the leads).
    pub wasted_spend: f64,
    /// lost_sales split over its three causes.
    pub loss_by_cause: LossByCause,
    /// Per source, in the scenario's order.
    pub sources: Vec<SourceExpected>,
    /// Per month, January first.
    pub months: Vec<MonthExpected>,
    /// The annual plan; `None` (null) without a sales target.
    pub plan: Option<Plan>,
    /// Today's staffing figures (MODEL.md §7); `None` (null) without a capacity.
    pub capacity_now: Option<CapacityOutcome>,
    /// The target's staffing figures; `None` (null) without a capacity.
    pub capacity_target: Option<CapacityOutcome>,
    /// The target staffing against today's; `None` (null) unless both have a capacity.
    pub staffing_roi: Option<StaffingRoi>,
}

/// The Shapley split of lost sales: each cause's average gain in expected sales, over the six
/// orders of switching the causes from today's to the target process. The parts sum to
/// lost_sales (up to rounding, ~10⁻¹² relative).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LossByCause {
    /// Follow-up rate.
    pub follow_up: f64,
    /// Speed: the response-time description, median and spread together or the capacity (see
    /// [`crate::model::staffing`] for how a staffed queue meets the follow-up rate).
    pub speed: f64,
    /// Number of attempts.
    pub attempts: f64,
}

/// Expected values of one source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceExpected {
    /// The source's name.
    pub name: String,
    /// Leads per year.
    pub leads: f64,
    /// Calibrated chance that a reached lead buys.
    pub close_rate: f64,
    /// Sale probability of one lead today.
    pub p_now: f64,
    /// Sale probability of one lead with the target process.
    pub p_target: f64,
    /// Expected sales per year today.
    pub sales_now: f64,
    /// Expected sales per year with the target process.
    pub sales_target: f64,
    /// Cost per year: leads · cost_per_lead + 12 · fixed_cost_per_month.
    pub cost: f64,
    /// cost / sales_now; `None` (null) at 0 sales.
    pub cost_per_sale_now: Option<f64>,
    /// cost / sales_target; `None` (null) at 0 sales.
    pub cost_per_sale_target: Option<f64>,
}

/// Expected values of one month (annual values times the month's normalised weight).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthExpected {
    /// Leads in the month.
    pub leads: f64,
    /// Expected sales today.
    pub sales_now: f64,
    /// Expected sales with the target process.
    pub sales_target: f64,
    /// Lead cost times the month's weight, plus every source's fixed cost per month.
    pub cost: f64,
}

/// The annual plan: the leads and budget the target needs with today's source mix μ (§3), and
/// the plans a marketeer can buy (§8, see [`super::buy_plan`]). Values of the current-mix plan
/// are `None` (null) when they cannot be computed: no leads (so no mix), or no sales possible
/// with that process. Its budgets are lead cost only, as in §3.
///
/// The whole plan is `None` without a sales target (§5), and with it the budget-to-sales answer,
/// even when `budget_per_year` is given: MODEL.md §8 places `for_budget_*` in `expected.plan`,
/// and §5 keeps `plan` null without a target. [`super::buy_plan::budget_plan`] itself needs no
/// target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// T / Σ μ_i p_i(now).
    pub leads_needed_now: Option<f64>,
    /// T / Σ μ_i p_i(target).
    pub leads_needed_target: Option<f64>,
    /// leads_needed_now · Σ μ_i cost_per_lead_i.
    pub budget_now: Option<f64>,
    /// leads_needed_target · Σ μ_i cost_per_lead_i.
    pub budget_target: Option<f64>,
    /// T / Σ L_i: the conversion today's leads would need.
    pub conversion_needed: Option<f64>,
    /// Split by normalised seasonality, January first.
    pub months: Vec<PlanMonth>,
    /// Split by the source mix μ, in the scenario's order.
    pub sources: Vec<PlanSource>,
    /// The least-cost mix that reaches the target with today's process (§8).
    pub cheapest_now: CheapestPlan,
    /// The least-cost mix that reaches the target with the target process (§8).
    pub cheapest_target: CheapestPlan,
    /// What `budget_per_year` buys with today's process; `None` (null) without the field.
    pub for_budget_now: Option<BudgetPlan>,
    /// What `budget_per_year` buys with the target process; `None` (null) without the field.
    pub for_budget_target: Option<BudgetPlan>,
}

/// One month of the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanMonth {
    /// Leads needed this month with today's process.
    pub leads_needed_now: Option<f64>,
    /// Leads needed this month with the target process.
    pub leads_needed_target: Option<f64>,
    /// Budget this month with today's process.
    pub budget_now: Option<f64>,
    /// Budget this month with the target process.
    pub budget_target: Option<f64>,
}

/// One source's share of the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSource {
    /// The source's name.
    pub name: String,
    /// Leads needed from this source per year with today's process.
    pub leads_needed_now: Option<f64>,
    /// Leads needed from this source per year with the target process.
    pub leads_needed_target: Option<f64>,
    /// Budget for this source with today's process.
    pub budget_now: Option<f64>,
    /// Budget for this source with the target process.
    pub budget_target: Option<f64>,
}

/// The normalised seasonality weights (sum 1). The scenario must be valid.
pub fn month_weights(s: &Scenario) -> Vec<f64> {
    let total: f64 = s.seasonality.iter().sum();
    s.seasonality.iter().map(|w| w / total).collect()
}

/// Validates `s`, then computes the expected values and their warnings.
pub fn expected(s: &Scenario) -> Result<(Expected, Vec<Warning>), Vec<FieldError>> {
    let errors = s.validate();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(expected_unchecked(s))
}

/// [`expected`] without the annual plan: `plan` is `None` whatever the target, and no plan
/// warning is given. Every other value is [`expected`]'s, to the bit. For views that show no
/// plan (the embedded widget), so their bundle holds no plan solver (§8).
pub fn expected_without_plan(s: &Scenario) -> Result<Expected, Vec<FieldError>> {
    let errors = s.validate();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(expected_with(s, Parts::WithoutPlan).0)
}

/// Which parts of the expected values to compute.
#[derive(Clone, Copy, PartialEq)]
enum Parts {
    All,
    WithoutPlan,
}

/// E\[P_contact\] of every combination of the three causes, `c[speed][follow_up][attempts]`
/// (0 now, 1 target), and the distributions D of the staffed processes at their own follow-up
/// rates with their means [contact now-attempts, contact target-attempts, retries own].
struct Contacts {
    c: [[[f64; 2]; 2]; 2],
    staffed: [Option<(ResponseTimes, [f64; 3])>; 2],
}

/// See [`Contacts`] and, for the rules of the speed cause, [`crate::model::staffing`].
fn contacts(s: &Scenario) -> Contacts {
    let processes = [&s.process_now, &s.process_target];
    let attempts = [s.process_now.attempts, s.process_target.attempts];
    let follow = [
        s.process_now.follow_up_rate,
        s.process_target.follow_up_rate,
    ];
    let mut c = [[[0.0; 2]; 2]; 2];
    let mut staffed = [None, None];
    for (speed, (p, slot)) in processes.iter().zip([Slot::Now, Slot::Target]).enumerate() {
        match &p.capacity {
            None => {
                for (a, &n) in attempts.iter().enumerate() {
                    let e = expected_contact(
                        &s.contact,
                        &Process {
                            attempts: n,
                            ..(*p).clone()
                        },
                    );
                    c[speed][0][a] = e;
                    c[speed][1][a] = e;
                }
            }
            Some(capacity) => {
                // The same follow-up rate gives the same queue: run it once.
                let same = follow[1].to_bits() == follow[0].to_bits();
                let own = if same { 0 } else { speed };
                for f in 0..if same { 1 } else { 2 } {
                    let d = queue_response_times(s, slot, capacity, follow[f]);
                    let m = contact_means(&d, &s.contact, attempts, p.attempts);
                    c[speed][f] = [m[0], m[1]];
                    if same {
                        c[speed][1] = c[speed][0];
                    }
                    if f == own {
                        staffed[speed] = Some((d, m));
                    }
                }
            }
        }
    }
    Contacts { c, staffed }
}

/// [`expected`] for a scenario already known to be valid.
pub(crate) fn expected_unchecked(s: &Scenario) -> (Expected, Vec<Warning>) {
    expected_with(s, Parts::All)
}

fn expected_with(s: &Scenario, parts: Parts) -> (Expected, Vec<Warning>) {
    let (now, target) = (&s.process_now, &s.process_target);
    let Contacts { c, staffed } = contacts(s);
    let cal = calibrate_with(s, c[0][0][0], c[1][1][1]);
    let mut warnings = cal.warnings.clone();
    let mut capacity = [None, None];
    for (i, (p, name)) in [(now, "now"), (target, "target")].into_iter().enumerate() {
        if let (Some(cap), Some((d, m))) = (&p.capacity, &staffed[i]) {
            let own = m[i];
            let o = outcome(s, cap, p.follow_up_rate, d, own, m[2]);
            let lambda = weekly_leads(s, p.follow_up_rate);
            let idle = cap.person_minutes() - lambda * cap.minutes_per_lead;
            let retry = lambda * m[2] * cap.minutes_per_retry;
            if retry > idle {
                warnings.push(Warning::RetriesDoNotFit {
                    process: name,
                    retry_hours: retry / 60.0,
                    idle_hours: idle / 60.0,
                });
            }
            capacity[i] = Some(o);
        }
    }
    let ratio = |a: f64, b: f64| if b > 0.0 { Some(a / b) } else { None };

    let mut leads = 0.0;
    let mut lead_cost = 0.0;
    let mut fixed_per_month = 0.0;
    let mut cost = 0.0;
    let mut sales_now = 0.0;
    let mut sales_target = 0.0;
    let mut wasted_spend = 0.0;
    let mut reachable = 0.0; // Σ L_i close_i
    let mut sources = Vec::with_capacity(s.sources.len());
    for (i, src) in s.sources.iter().enumerate() {
        let l = 12.0 * src.leads_per_month;
        let source_cost = l * src.cost_per_lead + 12.0 * src.fixed_cost_per_month;
        let (source_now, source_target) = (l * cal.p_now[i], l * cal.p_target[i]);
        let e = SourceExpected {
            name: src.name.clone(),
            leads: l,
            close_rate: cal.close_rate[i],
            p_now: cal.p_now[i],
            p_target: cal.p_target[i],
            sales_now: source_now,
            sales_target: source_target,
            cost: source_cost,
            cost_per_sale_now: ratio(source_cost, source_now),
            cost_per_sale_target: ratio(source_cost, source_target),
        };
        leads += l;
        lead_cost += l * src.cost_per_lead;
        fixed_per_month += src.fixed_cost_per_month;
        cost += e.cost;
        sales_now += e.sales_now;
        sales_target += e.sales_target;
        wasted_spend += l * (1.0 - now.follow_up_rate) * src.cost_per_lead;
        reachable += l * cal.close_rate[i];
        sources.push(e);
    }
    let lost_sales = sales_target - sales_now;

    // Expected sales with each cause at now (0) or target (1):
    // f · C(speed, f, attempts) · Σ L close.
    let follow = [now.follow_up_rate, target.follow_up_rate];
    let value = |x: [usize; 3]| follow[x[0]] * c[x[1]][x[0]][x[2]] * reachable;
    let loss = shapley3(value);

    let weights = month_weights(s);
    let months = weights
        .iter()
        .map(|w| MonthExpected {
            leads: leads * w,
            sales_now: sales_now * w,
            sales_target: sales_target * w,
            cost: lead_cost * w + fixed_per_month,
        })
        .collect();

    let target = s.target_sales_per_year.filter(|_| parts == Parts::All);
    let plan = target.map(|t| {
        let mix_cost = ratio(lead_cost, leads);
        let needed_now = ratio(sales_now, leads).and_then(|y| ratio(t, y));
        let needed_target = ratio(sales_target, leads).and_then(|y| ratio(t, y));
        if needed_now.is_none() {
            warnings.push(Warning::TargetUnreachable { process: "now" });
        }
        if needed_target.is_none() {
            warnings.push(Warning::TargetUnreachable { process: "target" });
        }
        let times = |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| a * b);
        let budget_now = times(needed_now, mix_cost);
        let budget_target = times(needed_target, mix_cost);
        Plan {
            leads_needed_now: needed_now,
            leads_needed_target: needed_target,
            budget_now,
            budget_target,
            conversion_needed: ratio(t, leads),
            months: weights
                .iter()
                .map(|&w| PlanMonth {
                    leads_needed_now: needed_now.map(|x| x * w),
                    leads_needed_target: needed_target.map(|x| x * w),
                    budget_now: budget_now.map(|x| x * w),
                    budget_target: budget_target.map(|x| x * w),
                })
                .collect(),
            sources: s
                .sources
                .iter()
                .map(|src| {
                    let mu = ratio(12.0 * src.leads_per_month, leads);
                    let share = |x: Option<f64>| times(x, mu);
                    let cpl = Some(src.cost_per_lead);
                    PlanSource {
                        name: src.name.clone(),
                        leads_needed_now: share(needed_now),
                        leads_needed_target: share(needed_target),
                        budget_now: times(share(needed_now), cpl),
                        budget_target: times(share(needed_target), cpl),
                    }
                })
                .collect(),
            cheapest_now: cheapest_plan(s, &cal.p_now, t, &weights),
            cheapest_target: cheapest_plan(s, &cal.p_target, t, &weights),
            for_budget_now: s.budget_per_year.map(|b| budget_plan(s, &cal.p_now, b)),
            for_budget_target: s.budget_per_year.map(|b| budget_plan(s, &cal.p_target, b)),
        }
    });

    let conversion = |sales: f64| ratio(sales, leads).unwrap_or(0.0);
    let lost_gross_profit = lost_sales * s.gross_profit_per_sale;
    let [capacity_now, capacity_target] = capacity;
    let staffing_roi = match (&capacity_now, &capacity_target) {
        (Some(a), Some(b)) => {
            let extra_cost = b.staffing_cost_per_year - a.staffing_cost_per_year;
            Some(StaffingRoi {
                extra_cost_per_year: extra_cost,
                extra_gross_profit_per_year: lost_gross_profit,
                net_per_year: lost_gross_profit - extra_cost,
            })
        }
        _ => None,
    };
    let e = Expected {
        leads,
        cost,
        sales_now,
        sales_target,
        lost_sales,
        lost_revenue: lost_sales * s.revenue_per_sale,
        lost_gross_profit,
        conversion_now: conversion(sales_now),
        conversion_target: conversion(sales_target),
        cost_per_sale_now: ratio(cost, sales_now),
        cost_per_sale_target: ratio(cost, sales_target),
        wasted_spend,
        loss_by_cause: loss,
        sources,
        months,
        plan,
        capacity_now,
        capacity_target,
        staffing_roi,
    };
    (e, warnings)
}

/// Shapley values of three players (follow-up, speed, attempts) for the game `value`, where
/// `value([f, s, a])` is the worth with each player at now (0) or target (1).
fn shapley3(value: impl Fn([usize; 3]) -> f64) -> LossByCause {
    const ORDERS: [[usize; 3]; 6] = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let mut phi = [0.0; 3];
    for order in ORDERS {
        let mut state = [0usize; 3];
        let mut before = value(state);
        for player in order {
            state[player] = 1;
            let after = value(state);
            phi[player] += after - before;
            before = after;
        }
    }
    LossByCause {
        follow_up: phi[0] / 6.0,
        speed: phi[1] / 6.0,
        attempts: phi[2] / 6.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::default_scenario;

    fn run(s: &Scenario) -> (Expected, Vec<Warning>) {
        expected(s).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn default_scenario_matches_model_md() {
        let (e, w) = run(&default_scenario());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(e.leads, 6120.0);
        // Calibration reproduces today's conversion exactly: 8.7%.
        let observed = 12.0
            * (120.0 * 0.09 + 60.0 * 0.07 + 150.0 * 0.08 + 80.0 * 0.08 + 40.0 * 0.09 + 60.0 * 0.12);
        assert!((e.sales_now - observed).abs() < 1e-9);
        assert!(
            (e.conversion_now - 0.0868).abs() < 5e-4,
            "{}",
            e.conversion_now
        );
        // MODEL.md §6: the target process lifts conversion to about 15.0%, ~1.7×.
        assert!(
            (e.conversion_target - 0.150).abs() < 0.001,
            "{}",
            e.conversion_target
        );
        assert_eq!(e.months.len(), 12);
        let month_sum: f64 = e.months.iter().map(|m| m.sales_now).sum();
        assert!((month_sum - e.sales_now).abs() < 1e-9);
        assert_eq!(
            e.cost,
            12.0 * (120.0 * 25.0 + 150.0 * 12.0 + 80.0 * 15.0 + 40.0 * 18.0)
        );
        assert!((e.wasted_spend - 0.1 * e.cost).abs() < 1e-6);
    }

    #[test]
    fn without_plan_is_expected_less_its_plan() {
        use crate::model::presets::WorkshopPreset;
        let mut scenarios: Vec<Scenario> = WorkshopPreset::all().map(|p| p.scenario()).into();
        let mut budget = default_scenario();
        budget.budget_per_year = Some(50_000.0);
        scenarios.push(budget);
        for s in &scenarios {
            let (mut all, _) = run(s);
            assert!(all.plan.is_some(), "every preset has a target");
            all.plan = None;
            let without = expected_without_plan(s).unwrap_or_else(|e| panic!("{e:?}"));
            // Bit for bit: Debug prints every float's shortest round-trip form.
            assert_eq!(format!("{without:?}"), format!("{all:?}"));
        }
        let mut bad = default_scenario();
        bad.revenue_per_sale = -1.0;
        assert_eq!(expected_without_plan(&bad).err(), expected(&bad).err());
    }

    #[test]
    fn shapley_parts_sum_to_lost_sales() {
        let (e, _) = run(&default_scenario());
        let l = &e.loss_by_cause;
        let sum = l.follow_up + l.speed + l.attempts;
        assert!(
            (sum - e.lost_sales).abs() <= 1e-12 * e.lost_sales.abs(),
            "{sum} {}",
            e.lost_sales
        );
        assert!(l.follow_up > 0.0 && l.speed > 0.0 && l.attempts > 0.0);
    }

    #[test]
    fn shapley_of_an_additive_game_is_each_part() {
        let v = |x: [usize; 3]| 1.0 * x[0] as f64 + 2.0 * x[1] as f64 + 4.0 * x[2] as f64;
        let l = shapley3(v);
        assert_eq!((l.follow_up, l.speed, l.attempts), (1.0, 2.0, 4.0));
    }

    #[test]
    fn plan_backsolves_the_target() {
        let s = default_scenario();
        let (e, _) = run(&s);
        let plan = e.plan.unwrap_or_else(|| panic!("target set"));
        let needed = plan.leads_needed_now.unwrap_or(f64::NAN);
        // With leads_needed at today's conversion, sales hit the target.
        assert!((needed * e.conversion_now - 600.0).abs() < 1e-9);
        let needed_t = plan.leads_needed_target.unwrap_or(f64::NAN);
        assert!((needed_t * e.conversion_target - 600.0).abs() < 1e-9);
        let budget = plan.budget_now.unwrap_or(f64::NAN);
        assert!((budget - needed * e.cost / e.leads).abs() < 1e-6);
        assert_eq!(plan.conversion_needed, Some(600.0 / 6120.0));
        let month_sum: f64 = plan.months.iter().filter_map(|m| m.leads_needed_now).sum();
        assert!((month_sum - needed).abs() < 1e-9);
        let source_sum: f64 = plan.sources.iter().filter_map(|m| m.budget_now).sum();
        assert!((source_sum - budget).abs() < 1e-6);
    }

    #[test]
    fn no_target_no_plan() {
        let mut s = default_scenario();
        s.target_sales_per_year = None;
        assert_eq!(run(&s).0.plan, None);
    }

    #[test]
    fn clamps_unexplainable_conversion_with_a_warning() {
        let mut s = default_scenario();
        s.sources[2].conversion_now = 0.9;
        let (e, w) = run(&s);
        assert_eq!(e.sources[2].close_rate, 1.0);
        assert_eq!(
            w.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
            vec![
                "today's conversion of Marktplaats is higher than today's follow-up can \
                 explain; check its inputs"
            ]
        );
    }

    #[test]
    fn zero_leads_give_nulls_not_nans() {
        let mut s = default_scenario();
        for src in &mut s.sources {
            src.leads_per_month = 0.0;
        }
        let (e, w) = run(&s);
        assert_eq!(e.conversion_now, 0.0);
        assert_eq!(e.cost_per_sale_now, None);
        let plan = e.plan.unwrap_or_else(|| panic!("target set"));
        assert_eq!(plan.leads_needed_now, None);
        assert_eq!(plan.conversion_needed, None);
        assert_eq!(w.len(), 2);
    }

    #[test]
    fn invalid_scenario_is_refused() {
        let mut s = default_scenario();
        s.process_target.attempts = 21;
        assert!(expected(&s).is_err());
    }
}
