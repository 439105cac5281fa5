//! The plan a marketeer can buy (MODEL.md §8): the cheapest mix of leads that reaches the sales
//! target, and what a given annual budget buys.
//!
//! # The knapsack
//!
//! Each source i has a sale probability p_i(P) per lead under process P (calibrated as in
//! [`crate::model::expected`]), a cost per lead, an optional cap of 12 · `max_leads_per_month`
//! leads a year and a fixed cost per month. Sources that are not buyable
//! ([`LeadSource::is_buyable`]) deliver their current leads L_i = 12 · `leads_per_month`, no more
//! and no less, and their sales S_fixed = Σ_fixed L_i p_i. Leads of the buyable sources are
//! bought from zero: today's volume of a buyable source is neither a floor nor a cap of the
//! plan (only `max_leads_per_month` is).
//!
//! Buying x leads of source i costs x · cost_per_lead_i and sells x · p_i: both are linear, so
//! each buyable source is an item of a *fractional* knapsack with value per unit of cost 1 / c_i,
//! c_i = cost_per_lead_i / p_i(P) the cost per extra sale. Filling the remaining sales
//! R = T − S_fixed greedily in increasing order of c_i, each source up to its cap, is then the
//! least-cost mix (the exchange argument: moving a sale from a cheaper source to a dearer one
//! never lowers the cost). Ties are taken in the order of the sources; sources with p_i = 0 are
//! skipped (their leads never sell). If R ≤ 0 the fixed sources already reach the target and
//! nothing is bought; if the caps run out first, the sales still missing are `shortfall_sales`.
//! A buyable source whose leads cost nothing has c_i = 0 and is bought first, up to its cap (a
//! cap is required for it: [`crate::model::error::Problem::FreeBuyableWithoutCap`]).
//!
//! Budget to sales ([`budget_plan`]) is the same knapsack seen from the other side: after the
//! committed costs, the money left buys leads in the same order, each source up to its cap,
//! until the money or the caps are exhausted. Spending the cheapest plan's budget this way buys
//! the cheapest plan's leads, and so the target, back (a property test), so the two answers
//! agree. (When the non-buyable sources reach the target alone, the cheapest plan buys nothing,
//! while its budget, the committed costs, still gets the free buyable sources' leads.)
//!
//! # Choices
//!
//! - **Committed costs.** Every source's fixed cost (12 · `fixed_cost_per_month`) is paid
//!   whatever is bought, and is in every plan's budget; the budget to sales spends what is left
//!   after it ("after fixed costs"). A plan's budget counts lead costs of *bought* leads only, as
//!   MODEL.md §8 says ("bought leads · cost_per_lead, plus all fixed costs"): a paid source
//!   marked not buyable (e.g. a contract of fixed volume) delivers its leads at no cost to the
//!   plan; its contract belongs in `fixed_cost_per_month`. Fixed costs are treated as committed even for a buyable source of
//!   which the plan buys nothing (MODEL.md: "plus all fixed costs"): choosing which
//!   subscriptions to drop is a fixed-charge problem the greedy order does not answer, and the
//!   cost order c_i uses variable cost only.
//! - **Months.** Leads and the variable budget (all lead costs) are split over the months by the
//!   normalised seasonality w; the fixed costs, being monthly, are Σ `fixed_cost_per_month` in
//!   every month. The months therefore sum to the year (up to rounding).
//! - **A budget below the committed costs** buys nothing: the result is the non-buyable
//!   sources' leads and sales. A budget that covers them exactly still gets the free buyable
//!   sources' leads (they cost nothing).
//! - **Per source**, `budget` is bought leads · cost_per_lead + 12 · fixed_cost_per_month, in the
//!   scenario's order, so the sources sum to the plan's budget.
//! - A cap on a non-buyable source is ignored (it delivers its current leads).

use serde::{Deserialize, Serialize};

use super::scenario::{LeadSource, Scenario};

/// One source's part of a plan (MODEL.md §8 key names).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourcePurchase {
    /// The source's name.
    pub name: String,
    /// Leads per year: today's for a non-buyable source, those bought for a buyable one.
    pub leads: f64,
    /// Bought leads · cost_per_lead + 12 · fixed_cost_per_month (a non-buyable source's own
    /// leads are not bought, so cost the plan nothing but its fixed cost).
    pub budget: f64,
    /// Expected sales per year from these leads.
    pub sales: f64,
}

/// One month of the cheapest plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthPurchase {
    /// The plan's leads times the month's normalised weight.
    pub leads: f64,
    /// The plan's lead cost times the month's weight, plus every source's fixed cost per month.
    pub budget: f64,
}

/// The least-cost plan that reaches the sales target with one process.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheapestPlan {
    /// Bought leads' cost, the non-buyable sources' lead cost and every fixed cost, per year.
    pub budget: f64,
    /// All leads of the plan per year: the non-buyable sources' and those bought.
    pub leads: f64,
    /// Sales the caps leave short of the target (0 when it is reached).
    pub shortfall_sales: f64,
    /// Every source, in the scenario's order.
    pub sources: Vec<SourcePurchase>,
    /// Split by normalised seasonality, January first.
    pub months: Vec<MonthPurchase>,
}

/// What a budget buys with one process.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BudgetPlan {
    /// Expected sales per year, the non-buyable sources' own included.
    pub sales: f64,
    /// All leads of the plan per year.
    pub leads: f64,
    /// Every source, in the scenario's order.
    pub sources: Vec<SourcePurchase>,
}

/// A source's annual cap on bought leads (infinite without one).
fn cap(src: &LeadSource) -> f64 {
    src.max_leads_per_month.map_or(f64::INFINITY, |m| 12.0 * m)
}

/// The starting point of every plan: the non-buyable sources' leads (the buyable ones at 0),
/// and the buyable sources with p > 0 in increasing cost per sale, ties in the scenario's order.
fn start(s: &Scenario, p: &[f64]) -> (Vec<f64>, Vec<usize>) {
    let leads = s
        .sources
        .iter()
        .map(|src| {
            if src.is_buyable() {
                0.0
            } else {
                12.0 * src.leads_per_month
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..s.sources.len())
        .filter(|&i| s.sources[i].is_buyable() && p.get(i).is_some_and(|&x| x > 0.0))
        .collect();
    // A stable sort keeps ties in the scenario's order.
    order.sort_by(|&a, &b| {
        let c = |i: usize| s.sources[i].cost_per_lead / p[i];
        c(a).total_cmp(&c(b))
    });
    (leads, order)
}

/// What every plan pays whatever it buys: all fixed costs.
fn committed_cost(s: &Scenario) -> f64 {
    s.sources
        .iter()
        .map(|src| 12.0 * src.fixed_cost_per_month)
        .sum()
}

/// The lead cost a plan pays for `leads` of `src`: only bought leads cost money in a plan.
fn bought_cost(src: &LeadSource, leads: f64) -> f64 {
    if src.is_buyable() {
        leads * src.cost_per_lead
    } else {
        0.0
    }
}

fn purchases(s: &Scenario, p: &[f64], leads: &[f64]) -> Vec<SourcePurchase> {
    s.sources
        .iter()
        .zip(leads.iter().zip(p))
        .map(|(src, (&l, &p))| SourcePurchase {
            name: src.name.clone(),
            leads: l,
            budget: bought_cost(src, l) + 12.0 * src.fixed_cost_per_month,
            sales: l * p,
        })
        .collect()
}

/// The cheapest plan for `target` sales a year, with `p[i]` the sale probability of a lead of
/// source i under the process planned for and `weights` the normalised seasonality. The
/// scenario must be valid and `p` as long as its sources. See the module docs.
pub fn cheapest_plan(s: &Scenario, p: &[f64], target: f64, weights: &[f64]) -> CheapestPlan {
    let (mut leads, order) = start(s, p);
    let fixed_sales: f64 = leads.iter().zip(p).map(|(l, p)| l * p).sum();
    let mut rest = target - fixed_sales;
    if rest > 0.0 {
        for i in order {
            let needed = rest / p[i];
            let cap = cap(&s.sources[i]);
            if needed <= cap {
                leads[i] = needed;
                rest = 0.0;
                break;
            }
            leads[i] = cap;
            rest -= cap * p[i];
        }
    }
    let sources = purchases(s, p, &leads);
    let lead_cost: f64 = s
        .sources
        .iter()
        .zip(&leads)
        .map(|(src, &l)| bought_cost(src, l))
        .sum();
    let fixed_per_month: f64 = s.sources.iter().map(|src| src.fixed_cost_per_month).sum();
    let total_leads: f64 = leads.iter().sum();
    CheapestPlan {
        budget: sources.iter().map(|x| x.budget).sum(),
        leads: total_leads,
        shortfall_sales: rest.max(0.0),
        months: weights
            .iter()
            .map(|w| MonthPurchase {
                leads: total_leads * w,
                budget: lead_cost * w + fixed_per_month,
            })
            .collect(),
        sources,
    }
}

/// What `budget` a year buys, with `p[i]` the sale probability of a lead of source i under the
/// process planned for. The scenario must be valid and `p` as long as its sources. See the
/// module docs.
pub fn budget_plan(s: &Scenario, p: &[f64], budget: f64) -> BudgetPlan {
    let (mut leads, order) = start(s, p);
    let mut money = budget - committed_cost(s);
    if money >= 0.0 {
        for i in order {
            let src = &s.sources[i];
            let cap = cap(src);
            if src.cost_per_lead == 0.0 {
                // Free leads need a cap (validation); without one there is nothing sane to buy.
                if cap.is_finite() {
                    leads[i] = cap;
                }
                continue;
            }
            let affordable = money / src.cost_per_lead;
            if affordable <= cap {
                leads[i] = affordable;
                money = 0.0;
            } else {
                leads[i] = cap;
                money -= cap * src.cost_per_lead;
            }
        }
    }
    let sources = purchases(s, p, &leads);
    BudgetPlan {
        sales: sources.iter().map(|x| x.sales).sum(),
        leads: leads.iter().sum(),
        sources,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::expected::{calibrate, month_weights};
    use crate::model::presets::default_scenario;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    /// A scenario with hand-set probabilities: three buyable sources and one fixed one.
    fn market() -> (Scenario, Vec<f64>) {
        let mut s = default_scenario();
        s.sources.truncate(4);
        // Website 25/0.1 = 250 a sale, capped at 100 a month; Importer fixed; Marktplaats
        // 12/0.04 = 300 a sale, uncapped; AutoTrack 15/0.1 = 150 a sale, capped at 50 a month.
        s.sources[0].max_leads_per_month = Some(100.0);
        s.sources[3].max_leads_per_month = Some(50.0);
        s.sources[2].fixed_cost_per_month = 500.0;
        (s, vec![0.1, 0.05, 0.04, 0.1])
    }

    #[test]
    fn fills_in_increasing_cost_per_sale() {
        let (s, p) = market();
        let w = month_weights(&s);
        // Fixed: Importer 720 leads · 0.05 = 36 sales. AutoTrack 600 leads → 60 sales, Website
        // 1200 → 120, then Marktplaats (600 − 36 − 60 − 120) / 0.04 = 9600 leads.
        let plan = cheapest_plan(&s, &p, 600.0, &w);
        let leads: Vec<f64> = plan.sources.iter().map(|x| x.leads).collect();
        assert_eq!(leads[1], 720.0);
        assert_eq!(leads[3], 600.0);
        assert_eq!(leads[0], 1200.0);
        assert!(close(leads[2], 9600.0), "{leads:?}");
        assert_eq!(plan.shortfall_sales, 0.0);
        let budget = 1200.0 * 25.0 + 9600.0 * 12.0 + 600.0 * 15.0 + 12.0 * 500.0;
        assert!(close(plan.budget, budget), "{}", plan.budget);
        assert!(close(plan.leads, 720.0 + 600.0 + 1200.0 + 9600.0));
        let sales: f64 = plan.sources.iter().map(|x| x.sales).sum();
        assert!(close(sales, 600.0));
        // Months: fixed cost 500 a month each, the rest by seasonality; they sum to the year.
        let month_budget: f64 = plan.months.iter().map(|m| m.budget).sum();
        assert!(close(month_budget, plan.budget));
        let month_leads: f64 = plan.months.iter().map(|m| m.leads).sum();
        assert!(close(month_leads, plan.leads));
        assert!(close(
            plan.months[0].budget - 500.0,
            (budget - 6000.0) * w[0]
        ));
    }

    #[test]
    fn caps_leave_a_shortfall() {
        let (mut s, p) = market();
        s.sources[2].max_leads_per_month = Some(100.0);
        let plan = cheapest_plan(&s, &p, 600.0, &month_weights(&s));
        // 36 + 60 + 120 + 1200 · 0.04 = 264 sales at most.
        assert!(close(plan.shortfall_sales, 600.0 - 264.0), "{plan:?}");
        assert_eq!(plan.sources[2].leads, 1200.0);
    }

    #[test]
    fn reached_by_fixed_sources_buys_nothing() {
        let (s, p) = market();
        let plan = cheapest_plan(&s, &p, 30.0, &month_weights(&s));
        assert_eq!(plan.shortfall_sales, 0.0);
        assert_eq!(plan.leads, 720.0);
        // Only committed costs: Marktplaats's fixed cost (the Importer's leads are free).
        assert_eq!(plan.budget, 6000.0);
    }

    #[test]
    fn ties_go_in_source_order_and_zero_probability_is_skipped() {
        let (mut s, mut p) = market();
        s.sources[3].cost_per_lead = 25.0; // now 250 a sale, like the Website
        p[2] = 0.0;
        let plan = cheapest_plan(&s, &p, 100.0, &month_weights(&s));
        // 64 sales missing: all from the Website (first of the tie), none from Marktplaats.
        assert!(close(plan.sources[0].leads, 640.0));
        assert_eq!(plan.sources[3].leads, 0.0);
        assert_eq!(plan.sources[2].leads, 0.0);
    }

    #[test]
    fn budget_buys_in_the_same_order() {
        let (s, p) = market();
        // Committed 6000; 600 · 15 = 9000 buys AutoTrack, 30000 the Website, 1200 more buys
        // 100 Marktplaats leads.
        let b = budget_plan(&s, &p, 6000.0 + 9000.0 + 30000.0 + 1200.0);
        let leads: Vec<f64> = b.sources.iter().map(|x| x.leads).collect();
        assert_eq!(leads, vec![1200.0, 720.0, 100.0, 600.0]);
        assert!(close(b.sales, 36.0 + 120.0 + 4.0 + 60.0));
        assert!(close(b.leads, 2620.0));
        // Below the committed costs nothing is bought.
        let b = budget_plan(&s, &p, 5999.0);
        assert_eq!(b.leads, 720.0);
        assert!(close(b.sales, 36.0));
    }

    #[test]
    fn free_buyable_source_comes_first_and_non_buyable_paid_source_costs_the_plan_nothing() {
        let (mut s, p) = market();
        s.sources[1].buyable = Some(true);
        s.sources[1].max_leads_per_month = Some(10.0);
        s.sources[0].buyable = Some(false);
        let plan = cheapest_plan(&s, &p, 300.0, &month_weights(&s));
        // Website fixed: 1440 leads · 0.1 = 144 sales, not bought. Importer 120 free
        // leads → 6, AutoTrack 600 → 60, Marktplaats the remaining 90 sales = 2250 leads.
        assert_eq!(plan.sources[0].leads, 1440.0);
        assert_eq!(plan.sources[1].leads, 120.0);
        assert_eq!(plan.sources[1].budget, 0.0);
        assert!(close(plan.sources[2].leads, 2250.0));
        let budget = 9000.0 + 2250.0 * 12.0 + 6000.0;
        assert_eq!(plan.sources[0].budget, 0.0);
        assert!(close(plan.budget, budget));
        let back = budget_plan(&s, &p, plan.budget);
        assert!(close(back.sales, 300.0), "{back:?}");
        // Exactly the committed (fixed) costs: the free leads still come.
        let b = budget_plan(&s, &p, 6000.0);
        assert_eq!(b.sources[1].leads, 120.0);
        assert_eq!(b.sources[3].leads, 0.0);
    }

    #[test]
    fn default_scenario_buys_no_free_leads() {
        let s = default_scenario();
        let cal = calibrate(&s);
        let plan = cheapest_plan(&s, &cal.p_now, 600.0, &month_weights(&s));
        // Importer and Phone & walk-in cost nothing, so are not buyable: their 720 leads a year.
        for i in [1, 5] {
            assert_eq!(plan.sources[i].leads, 720.0);
            assert_eq!(plan.sources[i].budget, 0.0);
        }
        assert_eq!(plan.shortfall_sales, 0.0);
    }
}
