//! The embedded widget's scenario: every lead source combined into one, so a blog reader edits
//! a single "leads per month" and "conversion today" instead of a table.
//!
//! Combining keeps the expected figures: sales today are Σ Lᵢ·conversionᵢ, which a single source
//! with the lead-weighted mean conversion reproduces, and the target process scales every source
//! by the same contact ratio. Only a source whose close rate the model clamps to 1 (an input it
//! warns about) would come out differently.

use crate::model::scenario::{LeadSource, Scenario};

/// `scenario` with its sources replaced by one source named `name` that has their total monthly
/// leads and their lead-weighted mean conversion and cost per lead (a plain mean when there are
/// no leads at all). A scenario with one source keeps it as it is.
///
/// The mean conversion is rounded to a hundredth of a percent and the cost to cents, so the
/// widget's inputs read "8,67" rather than "8,666667"; that moves the figures by well under 0.1%.
pub fn single_source(scenario: Scenario, name: &str) -> Scenario {
    if scenario.sources.len() <= 1 {
        return scenario;
    }
    let total: f64 = scenario.sources.iter().map(|s| s.leads_per_month).sum();
    let weight = |s: &LeadSource| {
        if total > 0.0 {
            s.leads_per_month / total
        } else {
            1.0 / scenario.sources.len() as f64
        }
    };
    let mean = |f: fn(&LeadSource) -> f64| -> f64 {
        scenario.sources.iter().map(|s| weight(s) * f(s)).sum()
    };
    let combined = LeadSource {
        name: name.to_owned(),
        leads_per_month: total,
        cost_per_lead: (mean(|s| s.cost_per_lead) * 100.0).round() / 100.0,
        conversion_now: (mean(|s| s.conversion_now) * 1e4).round() / 1e4,
        buyable: None,
        max_leads_per_month: None,
        fixed_cost_per_month: 0.0,
    };
    Scenario {
        sources: vec![combined],
        ..scenario
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::expected::expected;
    use crate::model::presets::default_scenario;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-3 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn combining_the_sources_keeps_the_expected_figures() {
        let full = default_scenario();
        let one = single_source(full.clone(), "Alle leads");
        assert_eq!(one.sources.len(), 1);
        assert_eq!(one.sources[0].name, "Alle leads");
        assert_eq!(one.sources[0].leads_per_month, 510.0);
        assert!(one.validate().is_empty());
        let (a, _) = expected(&full).unwrap();
        let (b, _) = expected(&one).unwrap();
        for (x, y) in [
            (a.sales_now, b.sales_now),
            (a.sales_target, b.sales_target),
            (a.lost_revenue, b.lost_revenue),
            (a.cost, b.cost),
            (a.wasted_spend, b.wasted_spend),
            (a.loss_by_cause.speed, b.loss_by_cause.speed),
        ] {
            assert!(close(x, y), "{x} vs {y}");
        }
    }

    #[test]
    fn one_source_and_no_leads_are_handled() {
        let one = single_source(default_scenario(), "x");
        assert_eq!(single_source(one.clone(), "y"), one);
        let mut none = default_scenario();
        for s in &mut none.sources {
            s.leads_per_month = 0.0;
        }
        let c = single_source(none.clone(), "x");
        let mean = none.sources.iter().map(|s| s.conversion_now).sum::<f64>() / 6.0;
        assert!((c.sources[0].conversion_now - mean).abs() <= 0.5e-4);
        assert!(c.validate().is_empty());
    }
}
