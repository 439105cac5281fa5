//! Shared helpers of the model's integration tests: scenario strategies for proptest.
#![allow(dead_code)]

use leadplan::model::presets::default_scenario;
use leadplan::model::scenario::{Contact, LeadSource, Process, Scenario};
use proptest::prelude::*;

/// A valid follow-up process.
pub fn process() -> impl Strategy<Value = Process> {
    (0.05f64..=1.0, 1.0f64..=20_000.0, 1.0f64..=50.0, 1u32..=20).prop_map(
        |(follow_up_rate, median_response_minutes, response_spread, attempts)| {
            Process::typed(
                follow_up_rate,
                median_response_minutes,
                response_spread,
                attempts,
            )
        },
    )
}

/// A valid contact model: 1..=6 points, minutes increasing, factors non-increasing.
pub fn contact() -> impl Strategy<Value = Contact> {
    (
        0.05f64..=1.0,
        0.05f64..=1.0,
        prop::collection::vec((1.0f64..=5.0, 0.3f64..=1.0), 1..=6),
    )
        .prop_map(|(first_attempt, attempt_decay, steps)| {
            let mut minutes = 1.0;
            let mut factor = 1.0;
            let response_curve = steps
                .into_iter()
                .map(|(grow, shrink)| {
                    minutes *= grow + 0.01;
                    factor *= shrink;
                    (minutes, factor.max(1e-6))
                })
                .collect();
            Contact {
                first_attempt,
                attempt_decay,
                response_curve,
            }
        })
}

/// A valid lead source with the given index (for a unique name).
pub fn sources() -> impl Strategy<Value = Vec<LeadSource>> {
    prop::collection::vec((0.0f64..=400.0, 0.0f64..=60.0, 0.0f64..=0.3), 1..=6).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(
                |(i, (leads_per_month, cost_per_lead, conversion_now))| LeadSource {
                    name: format!("Source {i}"),
                    leads_per_month,
                    cost_per_lead,
                    conversion_now,
                    buyable: None,
                    max_leads_per_month: None,
                    fixed_cost_per_month: 0.0,
                },
            )
            .collect()
    })
}

/// A valid scenario with random sources, processes, contact, seasonality and volume CV.
pub fn scenario() -> impl Strategy<Value = Scenario> {
    (
        sources(),
        process(),
        process(),
        contact(),
        prop::collection::vec(0.0f64..=3.0, 12),
        0.0f64..=1.0,
        prop::option::of(1.0f64..=5000.0),
    )
        .prop_map(
            |(sources, process_now, process_target, contact, mut seasonality, cv, target)| {
                seasonality[0] += 0.1;
                let mut s = default_scenario();
                s.sources = sources;
                s.process_now = process_now;
                s.process_target = process_target;
                s.contact = contact;
                s.seasonality = seasonality;
                s.simulation.volume_cv = cv;
                s.target_sales_per_year = target;
                s
            },
        )
}
