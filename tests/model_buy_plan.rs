//! The plan a marketeer can buy (MODEL.md §8) and format version 2: properties of the cheapest
//! plan and of budget to sales, bad input with its paths, the writers' version numbers, and the
//! value stability of version-1 scenarios.
//!
//! The fixtures `tests/fixtures/default_*_v1*.json` were written by the program before §8 (commit
//! 4da9235): the default scenario as `to_json_pretty` and `to_json`, and `leadplan run`'s results
//! with 2,000 runs (and with 500 runs and no target).

mod common;

use leadplan::model::buy_plan::{CheapestPlan, budget_plan, cheapest_plan};
use leadplan::model::expected::{Expected, expected, month_weights};
use leadplan::model::parse::scenario_from_value;
use leadplan::model::presets::default_scenario;
use leadplan::model::results::run;
use leadplan::model::scenario::{CURRENT_VERSION, LeadSource, Scenario};
use proptest::prelude::*;
use serde_json::Value;

fn expected_of(s: &Scenario) -> Expected {
    match expected(s) {
        Ok((e, _)) => e,
        Err(e) => panic!("invalid scenario: {e:?}"),
    }
}

/// The cheapest plans (now, target) of a scenario with a target.
fn cheapest(s: &Scenario) -> (CheapestPlan, CheapestPlan) {
    match expected_of(s).plan {
        Some(p) => (p.cheapest_now, p.cheapest_target),
        None => panic!("no plan"),
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn errors(s: &Value) -> Vec<String> {
    match Scenario::from_json(&s.to_string()) {
        Ok(_) => vec![],
        Err(e) => e.iter().map(ToString::to_string).collect(),
    }
}

fn default_json() -> Value {
    json(&default_scenario().to_json_pretty())
}

// ---------------------------------------------------------------------------------------------
// Value stability and versions

#[test]
fn version_1_scenarios_are_written_byte_for_byte_as_before() {
    let s = default_scenario();
    assert_eq!(s.version, CURRENT_VERSION);
    assert_eq!(s.format_version(), 1);
    assert_eq!(s.to_json_pretty(), fixture("default_scenario_v1.json"));
    assert_eq!(s.to_json(), fixture("default_scenario_v1_compact.json"));
    // Explicit defaults are no version-2 use: `buyable` equal to its default, a fixed cost of 0.
    let mut same = s.clone();
    same.sources[0].buyable = Some(true);
    same.sources[1].buyable = Some(false);
    same.sources[2].fixed_cost_per_month = 0.0;
    assert_eq!(same.format_version(), 1);
    let text = same.to_json_pretty();
    assert!(text.contains("\"version\": 1,"), "{text}");
    assert!(text.contains("\"buyable\": true"));
    assert_eq!(Scenario::from_json(&text), Ok(same));
}

#[test]
fn each_section_8_field_makes_version_2() {
    let edits: [fn(&mut Scenario); 6] = [
        |s| s.sources[0].buyable = Some(false),
        |s| {
            s.sources[1].buyable = Some(true);
            s.sources[1].max_leads_per_month = Some(100.0);
        },
        |s| s.sources[2].max_leads_per_month = Some(400.0),
        |s| s.sources[3].fixed_cost_per_month = 250.0,
        |s| s.budget_per_year = Some(0.0),
        |s| s.budget_per_year = Some(90_000.0),
    ];
    for edit in edits {
        let mut s = default_scenario();
        edit(&mut s);
        assert_eq!(s.validate(), vec![]);
        assert_eq!(s.format_version(), 2, "{s:?}");
        let pretty = s.to_json_pretty();
        assert!(pretty.contains("\"version\": 2,"), "{pretty}");
        assert_eq!(json(&s.to_json())["version"], 2);
        assert_eq!(Scenario::from_json(&pretty).as_ref(), Ok(&s));
        assert_eq!(Scenario::from_json(&s.to_json()).as_ref(), Ok(&s));
    }
}

#[test]
fn a_version_1_document_with_a_version_2_field_is_read() {
    let mut doc = default_json();
    assert_eq!(doc["version"], 1);
    doc["sources"][2]["max_leads_per_month"] = Value::from(200);
    doc["budget_per_year"] = Value::from(80000);
    let s = Scenario::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(s.sources[2].max_leads_per_month, Some(200.0));
    assert_eq!(s.budget_per_year, Some(80000.0));
    // Nulls are the defaults.
    doc["sources"][2]["max_leads_per_month"] = Value::Null;
    doc["sources"][2]["buyable"] = Value::Null;
    doc["sources"][2]["fixed_cost_per_month"] = Value::Null;
    doc["budget_per_year"] = Value::Null;
    assert_eq!(
        Scenario::from_json(&doc.to_string()),
        Ok(default_scenario())
    );
}

/// The default scenario's results are those of the program before §7 and §8, plus the new keys.
#[test]
fn default_results_are_unchanged_but_for_the_new_keys() {
    for (target, runs, file) in [
        (true, 2000, "default_results_v1.json"),
        (false, 500, "default_results_no_target_v1.json"),
    ] {
        let mut s = default_scenario();
        s.simulation.runs = runs;
        if !target {
            s.target_sales_per_year = None;
        }
        let r = run(&s).unwrap_or_else(|e| panic!("{e:?}"));
        let mut v = json(&r.to_json_pretty());
        let e = &mut v["expected"];
        // MODEL.md §7's keys, null without a capacity.
        if let Some(doc) = e.as_object_mut() {
            for key in ["capacity_now", "capacity_target", "staffing_roi"] {
                assert_eq!(doc.remove(key), Some(Value::Null), "{key}");
            }
        }
        if let Some(sources) = e["sources"].as_array_mut() {
            for src in sources {
                let src = src.as_object_mut().unwrap_or_else(|| panic!("source"));
                assert!(src.remove("cost_per_sale_now").is_some());
                assert!(src.remove("cost_per_sale_target").is_some());
            }
        }
        if let Some(plan) = e["plan"].as_object_mut() {
            for key in [
                "cheapest_now",
                "cheapest_target",
                "for_budget_now",
                "for_budget_target",
            ] {
                assert!(plan.remove(key).is_some(), "{key}");
            }
        }
        if let Some(sim) = v["simulation"].as_object_mut() {
            let key = "staffing_suggestions";
            assert_eq!(sim.remove(key), Some(Value::Null), "{key}");
        }
        // Numbers stay text (arbitrary_precision): equal values are equal to the last digit.
        assert_eq!(v, json(&fixture(file)), "{file}");
    }
}

// ---------------------------------------------------------------------------------------------
// The default scenario and fixed costs

#[test]
fn default_cheapest_plan_buys_no_extra_free_leads() {
    let s = default_scenario();
    let e = expected_of(&s);
    let plan = e.plan.unwrap_or_else(|| panic!("target set"));
    assert_eq!(plan.for_budget_now, None);
    assert_eq!(plan.for_budget_target, None);
    for p in [&plan.cheapest_now, &plan.cheapest_target] {
        // Importer and Phone & walk-in cost nothing, so are not buyable: their 720 leads a year.
        assert_eq!(p.sources[1].leads, 720.0);
        assert_eq!(p.sources[5].leads, 720.0);
        assert_eq!(p.shortfall_sales, 0.0);
        let sales: f64 = p.sources.iter().map(|x| x.sales).sum();
        assert!((sales - 600.0).abs() < 1e-9, "{sales}");
        // The cheapest paid source per sale (Marktplaats, 12 a lead at p like AutoTrack's) is the
        // only one bought: the other three paid sources get nothing.
        for i in [0, 3, 4] {
            assert_eq!(p.sources[i].leads, 0.0, "{i}");
        }
        assert!(p.sources[2].leads > 0.0);
        assert!((p.budget - p.sources[2].leads * 12.0).abs() < 1e-9 * p.budget);
    }
    // With a better process fewer paid leads are needed.
    assert!(plan.cheapest_target.budget < plan.cheapest_now.budget);
    // The least-cost mix is never dearer than today's mix (which pays for pricier portals).
    let mix = plan.budget_now.unwrap_or(f64::NAN);
    assert!(plan.cheapest_now.budget < mix, "{mix}");
}

#[test]
fn fixed_costs_count_in_cost_and_cost_per_sale_but_not_wasted_spend() {
    let base = expected_of(&default_scenario());
    let mut s = default_scenario();
    s.sources[2].fixed_cost_per_month = 1000.0;
    s.sources[5].fixed_cost_per_month = 50.0;
    let e = expected_of(&s);
    assert_eq!(e.cost, base.cost + 12.0 * 1050.0);
    assert_eq!(e.sources[2].cost, base.sources[2].cost + 12_000.0);
    assert_eq!(e.sources[5].cost, 600.0);
    assert_eq!(e.wasted_spend, base.wasted_spend);
    assert_eq!(e.cost_per_sale_now, Some(e.cost / e.sales_now));
    assert_eq!(
        e.sources[2].cost_per_sale_target,
        Some(e.sources[2].cost / e.sources[2].sales_target)
    );
    let month_cost: f64 = e.months.iter().map(|m| m.cost).sum();
    assert!((month_cost - e.cost).abs() < 1e-9 * e.cost);
    assert!((e.months[7].cost - base.months[7].cost - 1050.0).abs() < 1e-9);
    // The current-mix plan of §3 is lead cost only and stays as it was.
    let (p, q) = (e.plan.as_ref(), base.plan.as_ref());
    assert_eq!(p.map(|p| p.budget_now), q.map(|q| q.budget_now));
    // The cheapest plan pays every fixed cost.
    let (now, _) = cheapest(&s);
    let (base_now, _) = cheapest(&default_scenario());
    assert!((now.budget - base_now.budget - 12.0 * 1050.0).abs() < 1e-6);
    let month_budget: f64 = now.months.iter().map(|m| m.budget).sum();
    assert!((month_budget - now.budget).abs() < 1e-9 * now.budget);
}

#[test]
fn per_source_cost_per_sale_is_null_at_zero_sales() {
    let mut s = default_scenario();
    s.sources[3].conversion_now = 0.0;
    s.sources[3].fixed_cost_per_month = 99.0;
    let e = expected_of(&s);
    assert_eq!(e.sources[3].cost_per_sale_now, None);
    assert_eq!(e.sources[3].cost_per_sale_target, None);
    assert_eq!(e.sources[1].cost_per_sale_now, Some(0.0));
}

#[test]
fn budget_per_year_gives_for_budget_but_no_plan_without_a_target() {
    let mut s = default_scenario();
    s.budget_per_year = Some(50_000.0);
    let e = expected_of(&s);
    let plan = e.plan.unwrap_or_else(|| panic!("target set"));
    let now = plan.for_budget_now.unwrap_or_else(|| panic!("budget set"));
    let target = plan
        .for_budget_target
        .unwrap_or_else(|| panic!("budget set"));
    // All on Marktplaats (the cheapest per sale, uncapped): 50,000 / 12 leads.
    assert!((now.sources[2].leads - 50_000.0 / 12.0).abs() < 1e-9);
    assert!((now.leads - (50_000.0 / 12.0 + 1440.0)).abs() < 1e-9);
    assert!(target.sales > now.sales);
    let sales: f64 = now.sources.iter().map(|x| x.sales).sum();
    assert!((sales - now.sales).abs() < 1e-12 * sales);
    // Without a target, `plan` is null (MODEL.md §5), budget or not.
    s.target_sales_per_year = None;
    assert_eq!(expected_of(&s).plan, None);
}

// ---------------------------------------------------------------------------------------------
// Bad input

#[test]
fn bad_section_8_fields_are_reported_at_their_paths() {
    let mut doc = default_json();
    doc["sources"][1]["buyable"] = Value::from(true);
    doc["sources"][0]["max_leads_per_month"] = Value::from(0);
    doc["sources"][2]["fixed_cost_per_month"] = Value::from(-5);
    doc["sources"][3]["buyable"] = Value::from("yes");
    doc["sources"][4]["max_leads_per_month"] = Value::from("many");
    doc["sources"][5]["fixed_cost_per_month"] = Value::from(vec![1]);
    doc["budget_per_year"] = Value::from(-1);
    assert_eq!(
        errors(&doc),
        vec![
            "sources[3].buyable: must be true/false, found text",
            "sources[4].max_leads_per_month: must be a number, found text",
            "sources[5].fixed_cost_per_month: must be a number, found a list",
            "budget_per_year: must be between 0 and 1000000000000",
            "sources[0].max_leads_per_month: must be above 0 and at most 1000000",
            "sources[1].buyable: a source whose leads cost nothing can be buyable only with a \
             cap: set max_leads_per_month, or a cost_per_lead above 0",
            "sources[2].fixed_cost_per_month: must be between 0 and 1000000000",
        ]
    );
    // A cap, or a price, makes a buyable free source fine; so does leaving it not buyable.
    let mut doc = default_json();
    doc["sources"][1]["buyable"] = Value::from(true);
    doc["sources"][1]["max_leads_per_month"] = Value::from(30);
    doc["sources"][5]["buyable"] = Value::from(false);
    assert_eq!(errors(&doc), Vec::<String>::new());
    let mut doc = default_json();
    doc["budget_per_year"] = Value::from("lots");
    doc["sources"][0]["fixed_cost_per_month"] = Value::from(f64::MAX);
    doc["sources"][0]["max_leads_per_month"] = Value::from(2e6);
    assert_eq!(
        errors(&doc),
        vec![
            "budget_per_year: must be a number, found text",
            "sources[0].max_leads_per_month: must be above 0 and at most 1000000",
            "sources[0].fixed_cost_per_month: must be between 0 and 1000000000",
        ]
    );
}

#[test]
fn nan_in_section_8_fields_names_the_field() {
    let mut s = default_scenario();
    s.sources[2].max_leads_per_month = Some(f64::NAN);
    s.sources[3].fixed_cost_per_month = f64::INFINITY;
    s.budget_per_year = Some(f64::NAN);
    let e: Vec<String> = s.validate().iter().map(ToString::to_string).collect();
    let finite = "must be a finite number (NaN and Infinity are not numbers in JSON)";
    assert_eq!(
        e,
        vec![
            format!("budget_per_year: {finite}"),
            format!("sources[2].max_leads_per_month: {finite}"),
            format!("sources[3].fixed_cost_per_month: {finite}"),
        ]
    );
    let text = s.to_json_pretty().replace("null", "NaN");
    assert!(Scenario::from_json(&text).is_err());
}

// ---------------------------------------------------------------------------------------------
// Properties

/// Per source: buyable (absent, true, false), a cap or none, a fixed cost or none.
fn buying() -> impl Strategy<Value = Vec<(u8, Option<f64>, f64)>> {
    prop::collection::vec(
        (
            0u8..3,
            prop::option::of(1.0f64..=300.0),
            prop_oneof![Just(0.0), 0.0f64..=2000.0],
        ),
        6,
    )
}

/// A valid scenario with §8 fields, a target and a budget.
fn market() -> impl Strategy<Value = Scenario> {
    (
        common::scenario(),
        buying(),
        1.0f64..=3000.0,
        0.0f64..=500_000.0,
    )
        .prop_map(|(mut s, buying, target, budget)| {
            for (src, (b, cap, fixed)) in s.sources.iter_mut().zip(buying) {
                src.buyable = [None, Some(true), Some(false)][usize::from(b)];
                src.max_leads_per_month = cap;
                src.fixed_cost_per_month = fixed;
                if src.is_buyable() && src.cost_per_lead == 0.0 && cap.is_none() {
                    src.max_leads_per_month = Some(100.0);
                }
            }
            s.target_sales_per_year = Some(target);
            s.budget_per_year = Some(budget);
            s
        })
}

/// Sale probabilities of the scenario's sources: now, target.
fn probabilities(e: &Expected) -> [Vec<f64>; 2] {
    [
        e.sources.iter().map(|x| x.p_now).collect(),
        e.sources.iter().map(|x| x.p_target).collect(),
    ]
}

/// The most sales the scenario's sources can give: the fixed ones' plus every cap's.
fn reachable(s: &Scenario, p: &[f64]) -> f64 {
    s.sources
        .iter()
        .zip(p)
        .map(|(src, &p)| {
            if !src.is_buyable() {
                12.0 * src.leads_per_month * p
            } else if p > 0.0 {
                src.max_leads_per_month
                    .map_or(f64::INFINITY, |m| 12.0 * m * p)
            } else {
                0.0
            }
        })
        .sum()
}

fn fixed_sales(s: &Scenario, p: &[f64]) -> f64 {
    s.sources
        .iter()
        .zip(p)
        .filter(|(src, _)| !src.is_buyable())
        .map(|(src, p)| 12.0 * src.leads_per_month * p)
        .sum()
}

fn near(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn raising_a_cap_never_raises_the_budget(
        s in market(), k in 0usize..6, factor in prop::option::of(1.0f64..10.0),
    ) {
        prop_assume!(s.validate().is_empty());
        let k = k % s.sources.len();
        prop_assume!(s.sources[k].max_leads_per_month.is_some());
        let mut raised = s.clone();
        // A larger cap, or none (a free source keeps one, as it must).
        raised.sources[k].max_leads_per_month = match factor {
            Some(f) => s.sources[k].max_leads_per_month.map(|m| m * f),
            None if s.sources[k].cost_per_lead > 0.0 || !s.sources[k].is_buyable() => None,
            None => s.sources[k].max_leads_per_month.map(|m| m * 2.0),
        };
        let (before_now, before_target) = cheapest(&s);
        let (after_now, after_target) = cheapest(&raised);
        for (before, after) in [(before_now, after_now), (before_target, after_target)] {
            // A higher cap can only lower the shortfall; when the target was reached already,
            // the budget cannot rise (with a shortfall it may: more sales are then bought).
            prop_assert!(after.shortfall_sales <= before.shortfall_sales + 1e-9 * before.shortfall_sales.max(1.0));
            if before.shortfall_sales == 0.0 {
                prop_assert!(
                    after.budget <= before.budget + 1e-12 * before.budget.max(1.0),
                    "{} > {}", after.budget, before.budget
                );
            }
        }
    }

    #[test]
    fn shortfall_is_zero_exactly_when_the_target_is_reachable(s in market()) {
        prop_assume!(s.validate().is_empty());
        let e = expected_of(&s);
        let t = s.target_sales_per_year.unwrap_or(f64::NAN);
        let plan = e.plan.clone().ok_or_else(|| TestCaseError::fail("no plan"))?;
        for (p, c) in probabilities(&e).iter().zip([&plan.cheapest_now, &plan.cheapest_target]) {
            let most = reachable(&s, p);
            // Within rounding of the boundary either answer is right.
            prop_assume!(!near(most, t, 1e-9));
            prop_assert_eq!(c.shortfall_sales == 0.0, most >= t, "{} {} {}", most, t, c.shortfall_sales);
            if most < t {
                prop_assert!(near(c.shortfall_sales, t - most, 1e-9));
            }
            let sales: f64 = c.sources.iter().map(|x| x.sales).sum();
            prop_assert!(near(sales + c.shortfall_sales, t.max(fixed_sales(&s, p)), 1e-9));
        }
    }

    #[test]
    fn the_cheapest_budget_buys_the_target_back(s in market()) {
        prop_assume!(s.validate().is_empty());
        let t = s.target_sales_per_year.unwrap_or(f64::NAN);
        let (now, target) = cheapest(&s);
        let e = expected_of(&s);
        for (j, (c, p)) in [now, target].iter().zip(probabilities(&e)).enumerate() {
            prop_assume!(c.shortfall_sales == 0.0);
            let direct = budget_plan(&s, &p, c.budget);
            // Through the results too, as `leadplan run` reports it.
            let mut with_budget = s.clone();
            with_budget.budget_per_year = Some(c.budget);
            let plan = expected_of(&with_budget).plan.ok_or_else(|| TestCaseError::fail("plan"))?;
            let reported = if j == 0 { plan.for_budget_now } else { plan.for_budget_target };
            prop_assert_eq!(reported.as_ref(), Some(&direct));
            if fixed_sales(&s, &p) < t {
                prop_assert!(near(direct.sales, t, 1e-9), "{} vs {}", direct.sales, t);
                for (a, b) in direct.sources.iter().zip(&c.sources) {
                    prop_assert!(near(a.leads, b.leads, 1e-9), "{} vs {}", a.leads, b.leads);
                }
            } else {
                // The fixed sources reach the target alone; free buyable leads come on top.
                prop_assert!(direct.sales >= t * (1.0 - 1e-12));
            }
        }
    }

    #[test]
    fn plans_add_up(s in market()) {
        prop_assume!(s.validate().is_empty());
        let e = expected_of(&s);
        let plan = e.plan.clone().ok_or_else(|| TestCaseError::fail("no plan"))?;
        let fixed: f64 = s.sources.iter().map(|x| 12.0 * x.fixed_cost_per_month).sum();
        for c in [&plan.cheapest_now, &plan.cheapest_target] {
            prop_assert_eq!(c.sources.len(), s.sources.len());
            prop_assert_eq!(c.months.len(), 12);
            let leads: f64 = c.sources.iter().map(|x| x.leads).sum();
            prop_assert!(near(leads, c.leads, 1e-12));
            let months: f64 = c.months.iter().map(|m| m.leads).sum();
            prop_assert!(near(months, c.leads, 1e-9));
            let budget: f64 = c.months.iter().map(|m| m.budget).sum();
            prop_assert!(near(budget, c.budget, 1e-9), "{} vs {}", budget, c.budget);
            prop_assert!(c.budget >= fixed * (1.0 - 1e-12));
            for (x, src) in c.sources.iter().zip(&s.sources) {
                prop_assert_eq!(&x.name, &src.name);
                let cap = src.max_leads_per_month.map_or(f64::INFINITY, |m| 12.0 * m);
                if src.is_buyable() {
                    prop_assert!(x.leads >= 0.0 && x.leads <= cap);
                } else {
                    prop_assert_eq!(x.leads, 12.0 * src.leads_per_month);
                }
            }
        }
        for b in [plan.for_budget_now, plan.for_budget_target].into_iter().flatten() {
            let spent: f64 = b.sources.iter().map(|x| x.budget).sum();
            let budget = s.budget_per_year.unwrap_or(f64::NAN);
            let committed: f64 = s.sources.iter().map(|x| {
                let own = if x.is_buyable() { 0.0 } else { 12.0 * x.leads_per_month * x.cost_per_lead };
                own + 12.0 * x.fixed_cost_per_month
            }).sum();
            // Never more than the budget, unless the budget does not even cover what is committed.
            prop_assert!(spent <= budget.max(committed) * (1.0 + 1e-12) + 1e-9, "{} > {}", spent, budget);
            let sales: f64 = b.sources.iter().map(|x| x.sales).sum();
            prop_assert!(near(sales, b.sales, 1e-12));
        }
    }

    /// No other mix of bought leads that reaches the target costs less.
    #[test]
    fn no_random_feasible_mix_is_cheaper(s in market(), mix in prop::collection::vec(0.0f64..1.0, 6)) {
        prop_assume!(s.validate().is_empty());
        let e = expected_of(&s);
        let t = s.target_sales_per_year.unwrap_or(f64::NAN);
        let (now, target) = cheapest(&s);
        for (c, p) in [now, target].iter().zip(probabilities(&e)) {
            let rest = t - fixed_sales(&s, &p);
            let buy: Vec<bool> = s.sources.iter().zip(&p).map(|(x, &p)| x.is_buyable() && p > 0.0).collect();
            // Sales per unit of the mix; scale it to the missing sales.
            let unit: f64 = (0..s.sources.len()).filter(|&i| buy[i]).map(|i| mix[i] * p[i]).sum();
            prop_assume!(rest > 0.0 && unit > 0.0 && c.shortfall_sales == 0.0);
            let scale = rest / unit;
            let mut cost = 0.0;
            for (i, src) in s.sources.iter().enumerate() {
                let x = if buy[i] { mix[i] * scale } else { 0.0 };
                let cap = src.max_leads_per_month.map_or(f64::INFINITY, |m| 12.0 * m);
                prop_assume!(x <= cap);
                let own = if src.is_buyable() { x } else { 12.0 * src.leads_per_month };
                cost += own * src.cost_per_lead + 12.0 * src.fixed_cost_per_month;
            }
            prop_assert!(c.budget <= cost * (1.0 + 1e-9) + 1e-9, "{} > {}", c.budget, cost);
        }
    }

    /// Version-2 fields go through both readers and the writers unchanged.
    #[test]
    fn section_8_fields_round_trip(s in market()) {
        prop_assume!(s.validate().is_empty());
        prop_assert_eq!(Scenario::from_json(&s.to_json_pretty()), Ok(s.clone()));
        prop_assert_eq!(Scenario::from_json(&s.to_json()), Ok(s.clone()));
        let value = serde_json::to_value(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(scenario_from_value(&value), Some(s.clone()));
        let uses_v2 = s.budget_per_year.is_some() || s.sources.iter().any(|x: &LeadSource| {
            x.buyable.is_some_and(|b| b != (x.cost_per_lead > 0.0))
                || x.max_leads_per_month.is_some()
                || x.fixed_cost_per_month != 0.0
        });
        prop_assert_eq!(s.format_version(), if uses_v2 { 2 } else { 1 });
    }
}

#[test]
fn cheapest_plan_months_follow_seasonality() {
    let mut s = default_scenario();
    s.sources[0].fixed_cost_per_month = 300.0;
    let e = expected_of(&s);
    let w = month_weights(&s);
    let p: Vec<f64> = e.sources.iter().map(|x| x.p_now).collect();
    let c = cheapest_plan(&s, &p, 600.0, &w);
    assert_eq!(Some(&c), e.plan.as_ref().map(|p| &p.cheapest_now));
    let lead_cost = c.budget - 3600.0;
    for (m, month) in c.months.iter().enumerate() {
        assert!((month.leads - c.leads * w[m]).abs() < 1e-9);
        assert!((month.budget - (lead_cost * w[m] + 300.0)).abs() < 1e-9);
    }
}
