//! Value stability of the staffed model (MODEL.md §7): the expected values of the three staffed
//! workshop presets (office hours, an evening shift, a seven-day lead desk), every key of
//! `leadplan run`'s `expected` document, equal to the digit to the fixture written once the
//! independent reference (tests/model_capacity_reference.rs) agreed with the model
//! (tests/fixtures/staffing_presets_expected.json). A change to the queue, its random
//! streams or the calibration that moves any figure fails here and must be deliberate: then
//! write the fixture again with `LEADPLAN_WRITE_FIXTURES=1 cargo test --test
//! model_capacity_stability` and say why in the commit.

use leadplan::model::presets::WorkshopPreset;
use leadplan::model::results::run_expected;
use serde_json::Value;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/staffing_presets_expected.json"
);

fn staffed_presets() -> [WorkshopPreset; 3] {
    [
        WorkshopPreset::OfficeHours,
        WorkshopPreset::EveningShift,
        WorkshopPreset::LeadDesk,
    ]
}

/// The `expected` documents of the staffed presets, by preset name.
fn now() -> Value {
    let mut out = serde_json::Map::new();
    for preset in staffed_presets() {
        let s = preset.scenario();
        assert!(
            s.process_now.capacity.is_some() || s.process_target.capacity.is_some(),
            "{preset:?} is staffed"
        );
        let r = run_expected(&s).unwrap_or_else(|e| panic!("{preset:?}: {e:?}"));
        let doc: Value = serde_json::from_str(&r.to_json_pretty()).expect("results are JSON");
        out.insert(format!("{preset:?}"), doc["expected"].clone());
    }
    Value::Object(out)
}

#[test]
fn staffed_presets_give_the_pinned_expected_values() {
    let now = now();
    if std::env::var_os("LEADPLAN_WRITE_FIXTURES").is_some() {
        let text = serde_json::to_string_pretty(&now).expect("JSON") + "\n";
        std::fs::write(FIXTURE, text).expect("the fixture is written");
    }
    let pinned: Value = serde_json::from_str(
        &std::fs::read_to_string(FIXTURE).expect("tests/fixtures/staffing_presets_expected.json"),
    )
    .expect("the fixture is JSON");
    for preset in staffed_presets() {
        let key = format!("{preset:?}");
        let (a, b) = (&now[&key], &pinned[&key]);
        assert!(b.is_object(), "{key} is in the fixture");
        for field in [
            "capacity_now",
            "capacity_target",
            "staffing_roi",
            "sales_now",
            "sales_target",
        ] {
            assert_eq!(a[field], b[field], "{key}.{field}");
        }
        assert_eq!(a, b, "{key}: the whole expected document");
    }
}
