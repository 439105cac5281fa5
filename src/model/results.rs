//! The full results document (MODEL.md §5): expected values, the simulation and warnings.

use serde::{Deserialize, Serialize};

use super::expected::{Expected, expected_unchecked};
use super::scenario::{FieldError, Scenario};
use super::simulate::{SimulationSummary, Simulator};
use super::staffing::staffing_suggestions;

/// What `leadplan run` prints.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// Expected values (§3).
    pub expected: Expected,
    /// The Monte Carlo (§4); `None` only when a caller chose not to simulate.
    pub simulation: Option<SimulationSummary>,
    /// Warnings in English, e.g. clamped close rates.
    pub warnings: Vec<String>,
}

impl Results {
    /// The results as pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        // Plain numbers, strings and options cannot fail to serialise; NaN would print as null.
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string())
    }
}

/// Validates `s`, computes the expected values and runs the whole simulation, with the
/// staffing suggestions when `process_now` has a capacity.
pub fn run(s: &Scenario) -> Result<Results, Vec<FieldError>> {
    let mut sim = Simulator::new(s)?;
    sim.run_batch(sim.runs_total());
    let (expected, warnings) = expected_unchecked(s);
    let mut summary = sim.summary();
    summary.staffing_suggestions = staffing_suggestions(s);
    Ok(Results {
        expected,
        simulation: Some(summary),
        warnings: warnings.iter().map(ToString::to_string).collect(),
    })
}

/// Validates `s` and computes the expected values only (`simulation` is `None`).
pub fn run_expected(s: &Scenario) -> Result<Results, Vec<FieldError>> {
    let (expected, warnings) = super::expected::expected(s)?;
    Ok(Results {
        expected,
        simulation: None,
        warnings: warnings.iter().map(ToString::to_string).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::default_scenario;

    #[test]
    fn json_has_the_model_md_keys() {
        let mut s = default_scenario();
        s.simulation.runs = 100;
        let r = run(&s).unwrap_or_else(|e| panic!("{e:?}"));
        let v: serde_json::Value =
            serde_json::from_str(&r.to_json_pretty()).unwrap_or(serde_json::Value::Null);
        for key in [
            "leads",
            "cost",
            "sales_now",
            "sales_target",
            "lost_sales",
            "lost_revenue",
            "lost_gross_profit",
            "conversion_now",
            "conversion_target",
            "cost_per_sale_now",
            "cost_per_sale_target",
            "wasted_spend",
            "loss_by_cause",
            "sources",
            "months",
            "plan",
        ] {
            assert!(v["expected"].get(key).is_some(), "expected.{key}");
        }
        for key in ["follow_up", "speed", "attempts"] {
            assert!(v["expected"]["loss_by_cause"][key].is_number(), "{key}");
        }
        for key in [
            "name",
            "leads",
            "close_rate",
            "p_now",
            "p_target",
            "sales_now",
            "sales_target",
            "cost",
        ] {
            assert!(
                v["expected"]["sources"][0].get(key).is_some(),
                "sources.{key}"
            );
        }
        for key in ["leads", "sales_now", "sales_target", "cost"] {
            assert!(v["expected"]["months"][11][key].is_number(), "months.{key}");
        }
        for key in [
            "leads_needed_now",
            "leads_needed_target",
            "budget_now",
            "budget_target",
            "conversion_needed",
        ] {
            assert!(v["expected"]["plan"][key].is_number(), "plan.{key}");
        }
        assert!(v["expected"]["plan"]["months"][0]["leads_needed_now"].is_number());
        let sim = &v["simulation"];
        assert_eq!(sim["runs"], 100);
        assert_eq!(sim["seed"], 42);
        for key in ["sales_now", "sales_target", "lost_sales", "lost_revenue"] {
            for stat in ["mean", "p10", "p50", "p90"] {
                assert!(sim["annual"][key][stat].is_number(), "annual.{key}.{stat}");
            }
        }
        for stat in ["p10", "p50", "p90"] {
            assert!(sim["months"][11]["sales_target"][stat].is_number());
        }
        assert!(sim["p_hit_target_now"].is_number());
        assert!(sim.get("lost").is_none());
        assert!(v["warnings"].is_array());
        s.target_sales_per_year = None;
        let r = run(&s).unwrap_or_else(|e| panic!("{e:?}"));
        let v: serde_json::Value =
            serde_json::from_str(&r.to_json_pretty()).unwrap_or(serde_json::Value::Null);
        assert!(v["expected"]["plan"].is_null());
        assert!(v["simulation"]["p_hit_target_target"].is_null());
    }
}
