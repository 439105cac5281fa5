//! Property tests of the model: monotonicity, the Shapley split, the Monte Carlo mean, and
//! validation that never panics.

mod common;

use leadplan::model::expected::expected;
use leadplan::model::expected::month_weights;
use leadplan::model::parse::scenario_from_value;
use leadplan::model::scenario::Scenario;
use leadplan::model::simulate::simulate;
use proptest::prelude::*;
use serde_json::Value;

fn sales_target(s: &Scenario) -> f64 {
    match expected(s) {
        Ok((e, _)) => e.sales_target,
        Err(e) => panic!("generated scenario invalid: {e:?}"),
    }
}

/// Allows for quadrature rounding (~1e-13 relative).
fn not_lower(after: f64, before: f64) -> bool {
    after >= before - 1e-12 * before.abs().max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn faster_response_never_lowers_sales(s in common::scenario(), factor in 0.01f64..1.0) {
        prop_assume!(s.validate().is_empty());
        let before = sales_target(&s);
        let mut faster = s.clone();
        faster.process_target.median_response_minutes *= factor;
        prop_assert!(not_lower(sales_target(&faster), before));
    }

    #[test]
    fn more_attempts_never_lower_sales(s in common::scenario(), extra in 1u32..10) {
        prop_assume!(s.validate().is_empty());
        let before = sales_target(&s);
        let mut more = s.clone();
        more.process_target.attempts = (more.process_target.attempts + extra).min(20);
        prop_assert!(not_lower(sales_target(&more), before));
    }

    #[test]
    fn higher_follow_up_never_lowers_sales(s in common::scenario(), up in 0.0f64..1.0) {
        prop_assume!(s.validate().is_empty());
        let before = sales_target(&s);
        let mut higher = s.clone();
        let f = higher.process_target.follow_up_rate;
        higher.process_target.follow_up_rate = f + (1.0 - f) * up;
        prop_assert!(not_lower(sales_target(&higher), before));
    }

    #[test]
    fn shapley_parts_sum_to_lost_sales(s in common::scenario()) {
        prop_assume!(s.validate().is_empty());
        let (e, _) = expected(&s).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let l = &e.loss_by_cause;
        let sum = l.follow_up + l.speed + l.attempts;
        let scale = e.sales_now.abs().max(e.sales_target.abs()).max(1.0);
        prop_assert!((sum - e.lost_sales).abs() <= 1e-12 * scale, "{} vs {}", sum, e.lost_sales);
    }

    #[test]
    fn round_trip_through_json(s in common::scenario()) {
        prop_assume!(s.validate().is_empty());
        prop_assert_eq!(Scenario::from_json(&s.to_json_pretty()), Ok(s));
    }

    /// The page edits scenarios as JSON values and reads them back by hand (no derived
    /// deserializer in the wasm): that must agree with serde's derived one, also outside the
    /// valid ranges (those are `validate`'s to report), and refuse what the types cannot hold.
    #[test]
    fn reading_a_json_value_agrees_with_the_derived_deserializer(
        s in common::scenario(), attempts in 0u32..1000, runs in 0u32..2_000_000,
    ) {
        let mut s = s;
        s.process_now.attempts = attempts;
        s.simulation.runs = runs;
        let value = serde_json::to_value(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let derived: Scenario = serde_json::from_value(value.clone())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(scenario_from_value(&value), Some(derived.clone()));
        prop_assert_eq!(derived, s);
        let mut wrong = value;
        wrong["process_now"]["attempts"] = Value::from(-1);
        prop_assert_eq!(scenario_from_value(&wrong), None);
        wrong["process_now"]["attempts"] = Value::from("2");
        prop_assert_eq!(scenario_from_value(&wrong), None);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// The simulated annual means agree with §3 within 5 standard errors. The variance of one
    /// cell's sales is μ + v²μ² (negative binomial), cells are independent.
    #[test]
    fn monte_carlo_mean_agrees_with_expected(mut s in common::scenario(), seed in any::<u64>()) {
        prop_assume!(s.validate().is_empty());
        s.simulation.runs = 3000;
        s.simulation.seed = seed;
        let (e, _) = expected(&s).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let r = simulate(&s).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let v2 = s.simulation.volume_cv.powi(2);
        let w = month_weights(&s);
        for (sim_mean, per_source, want) in [
            (r.annual.sales_now.mean, e.sources.iter().map(|x| x.sales_now).collect::<Vec<_>>(), e.sales_now),
            (r.annual.sales_target.mean, e.sources.iter().map(|x| x.sales_target).collect(), e.sales_target),
        ] {
            let var: f64 = per_source
                .iter()
                .flat_map(|annual| w.iter().map(move |wm| annual * wm))
                .map(|mu| mu + v2 * mu * mu)
                .sum();
            let se = (var / f64::from(s.simulation.runs)).sqrt();
            prop_assert!((sim_mean - want).abs() <= 5.0 * se + 1e-9,
                "mean {} vs {} (se {})", sim_mean, want, se);
        }
    }
}

/// Arbitrary JSON trees, biased towards the scenario's own keys so that deep paths are reached.
fn json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("version".to_string()),
        Just("sources".to_string()),
        Just("name".to_string()),
        Just("seasonality".to_string()),
        Just("process_now".to_string()),
        Just("attempts".to_string()),
        Just("contact".to_string()),
        Just("response_curve".to_string()),
        Just("simulation".to_string()),
        Just("runs".to_string()),
        Just("conversion_now".to_string()),
        "[a-z_]{0,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        (-2.0f64..3.0).prop_map(Value::from),
        ".{0,10}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..14).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..10)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Mutations of a valid document: one field replaced by an arbitrary value.
fn mutated_default() -> impl Strategy<Value = String> {
    (json(), 0usize..40, any::<prop::sample::Index>()).prop_map(|(replacement, which, idx)| {
        let text = leadplan::model::presets::default_scenario().to_json_pretty();
        let mut v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let mut paths = Vec::new();
        collect_paths(&v, &mut Vec::new(), &mut paths);
        if !paths.is_empty() {
            let path = &paths[(which + idx.index(paths.len())) % paths.len()];
            if let Some(slot) = path.iter().try_fold(&mut v, |node, step| match step {
                Step::Key(k) => node.get_mut(k.as_str()),
                Step::Index(i) => node.get_mut(*i),
            }) {
                *slot = replacement;
            }
        }
        v.to_string()
    })
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn collect_paths(v: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                at.push(Step::Key(k.clone()));
                collect_paths(child, at, out);
                at.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                at.push(Step::Index(i));
                collect_paths(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn validation_never_panics_on_arbitrary_json(v in json()) {
        let _ = Scenario::from_json(&v.to_string());
    }

    #[test]
    fn validation_never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        let _ = Scenario::from_json(&text);
    }

    /// A valid document with one value replaced: either it still reads, or every error has a
    /// path inside the document (or is about the whole document), and nothing panics.
    #[test]
    fn one_bad_field_is_reported_not_fatal(text in mutated_default()) {
        match Scenario::from_json(&text) {
            Ok(s) => prop_assert!(s.validate().is_empty()),
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in &errors {
                    prop_assert!(!e.to_string().is_empty());
                }
            }
        }
    }

    /// Truncated or tampered documents (as from a damaged share link).
    #[test]
    fn truncated_documents_are_errors(cut in 0usize..2000, junk in "\\PC{0,3}") {
        let text = leadplan::model::presets::default_scenario().to_json_pretty();
        let cut = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(text.len());
        let damaged = format!("{}{}", &text[..cut], junk);
        let _ = Scenario::from_json(&damaged);
    }
}
