//! Component tests of the planner in headless Chromium: seasonality presets, adding and removing
//! response-curve points, an invalid point marked, the annual plan shown only with a target, a
//! clamped close rate warned beside its source, and the planner's texts in both languages.
#![cfg(target_arch = "wasm32")]

use leadplan::i18n::Lang;
use leadplan::ui::planner_text::PlannerText;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

#[path = "support/browser.rs"]
mod support;

use support::{mount, until};

wasm_bindgen_test_configure!(run_in_browser);

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector)
        .map(|l| l.length())
        .unwrap_or(0)
}

fn input(root: &Element, name: &str) -> HtmlInputElement {
    find(root, &format!("input[name=\"{name}\"]"))
        .unwrap_or_else(|| panic!("no input named {name}"))
        .unchecked_into()
}

/// Types `text` into the input as a user would. yew renders the edit later: follow it with an
/// [`until`] on the state the edit leads to.
fn type_into(root: &Element, name: &str, text: &str) {
    let input = input(root, name);
    input.set_value(text);
    let event = web_sys::InputEvent::new("input").expect("an input event");
    input.dispatch_event(&event).expect("dispatched");
}

/// Clicks what `selector` finds; as with [`type_into`], wait for the state the click leads to.
fn click(root: &Element, selector: &str) {
    let button: HtmlElement = find(root, selector)
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into();
    button.click();
}

fn value(root: &Element, key: &str) -> Option<f64> {
    find(root, &format!("[data-kpi=\"{key}\"]"))
        .and_then(|e| e.get_attribute("data-value"))
        .and_then(|v| v.parse().ok())
}

fn curve_points(root: &Element) -> u32 {
    count(
        root,
        "input[name^=\"contact.response_curve[\"][name$=\"][0]\"]",
    )
}

#[wasm_bindgen_test]
async fn seasonality_presets_set_all_twelve_months_and_their_shares() {
    let root = mount("lang=en").await;
    assert_eq!(count(&root, "input[name^=\"seasonality[\"]"), 12);
    let january = find(&root, "label[for=\"f-seasonality-0\"]").and_then(|l| l.text_content());
    assert_eq!(january.as_deref(), Some("January"));
    assert_eq!(input(&root, "seasonality[0]").value(), "1.15");
    let dealer = find(&root, "button[data-preset=\"Dealer\"]").expect("dealer preset");
    assert_eq!(
        dealer.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );

    click(&root, "button[data-preset=\"Flat\"]");
    until("the flat preset is applied", || {
        input(&root, "seasonality[0]").value() == "1"
    })
    .await;
    for m in 0..12 {
        assert_eq!(
            input(&root, &format!("seasonality[{m}]")).value(),
            "1",
            "month {m}"
        );
    }
    let share = find(&root, "#f-seasonality-6-hint").and_then(|h| h.text_content());
    assert_eq!(share.as_deref(), Some("share 8.3%"));
    let flat = find(&root, "button[data-preset=\"Flat\"]").expect("flat preset");
    assert_eq!(flat.get_attribute("aria-pressed").as_deref(), Some("true"));
    // The plan's January now needs a twelfth of the year's leads.
    let year = value(&root, "expected.plan.leads_needed_now").expect("plan total");
    let january = value(&root, "expected.plan.months[0].leads_needed_now").expect("plan January");
    assert!(
        (january - year / 12.0).abs() < 1e-9 * year,
        "{january} vs {year}"
    );

    // Typing a weight moves the shares; the preset is no longer the one in use.
    type_into(&root, "seasonality[0]", "2");
    let hint = || find(&root, "#f-seasonality-0-hint").and_then(|h| h.text_content());
    until("the shares move", || {
        hint().as_deref() != Some("share 8.3%")
    })
    .await;
    let share = find(&root, "#f-seasonality-0-hint").and_then(|h| h.text_content());
    assert_eq!(share.as_deref(), Some("share 15.4%"));
    let flat = find(&root, "button[data-preset=\"Flat\"]").expect("flat preset");
    assert_eq!(flat.get_attribute("aria-pressed").as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn curve_points_are_added_and_removed_and_presets_recognised() {
    let root = mount("lang=en").await;
    assert!(find(&root, "details.advanced > summary").is_some());
    assert_eq!(curve_points(&root), 6);
    let current = find(&root, "[data-current-curve]").expect("current curve");
    assert_eq!(
        current.get_attribute("data-current-curve").as_deref(),
        Some("AutomotiveNl")
    );

    click(&root, "details.advanced button.secondary:not(.preset)");
    until("a point is added", || {
        curve_points(&root) == 7 && input(&root, "contact.response_curve[6][1]").value() == "30"
    })
    .await;
    // Minutes show in the largest whole unit, as in the response-time field.
    assert_eq!(input(&root, "contact.response_curve[6][0]").value(), "14 d");
    assert_eq!(input(&root, "contact.response_curve[6][1]").value(), "30");
    let current = find(&root, "[data-current-curve]").expect("current curve");
    assert_eq!(
        current.get_attribute("data-current-curve").as_deref(),
        Some("")
    );

    click(&root, "button[aria-label=\"Remove point (point 7)\"]");
    until("the last point is removed", || curve_points(&root) == 6).await;
    click(&root, "button[aria-label=\"Remove point (point 1)\"]");
    // Child fields re-render in a later scheduler slice than the row list.
    until("the first point is removed", || {
        curve_points(&root) == 5 && input(&root, "contact.response_curve[0][0]").value() == "1 h"
    })
    .await;
    assert_eq!(input(&root, "contact.response_curve[0][0]").value(), "1 h");

    click(&root, "button[data-preset=\"Hbr2011\"]");
    until("the HBR preset is applied", || {
        curve_points(&root) == 3 && input(&root, "contact.response_curve[1][1]").value() == "14.3"
    })
    .await;
    assert_eq!(input(&root, "contact.response_curve[1][1]").value(), "14.3");
    let current = find(&root, "[data-current-curve]").expect("current curve");
    assert_eq!(
        current.get_attribute("data-current-curve").as_deref(),
        Some("Hbr2011")
    );
}

#[wasm_bindgen_test]
async fn an_invalid_curve_point_is_marked_and_the_results_stay() {
    let root = mount("lang=en").await;
    let before = value(&root, "expected.lost_revenue").expect("lost revenue");
    type_into(&root, "contact.response_curve[2][0]", "30");
    let minutes = input(&root, "contact.response_curve[2][0]");
    let invalid = |i: &HtmlInputElement| i.get_attribute("aria-invalid").as_deref() == Some("true");
    until("the point is marked", || invalid(&minutes)).await;
    assert_eq!(
        minutes.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let described = minutes
        .get_attribute("aria-describedby")
        .unwrap_or_default();
    let message = find(
        &root,
        &format!("#{}", described.split(' ').next().unwrap_or("")),
    )
    .and_then(|m| m.text_content())
    .unwrap_or_default();
    assert!(message.contains("previous"), "message: {message}");
    assert_eq!(value(&root, "expected.lost_revenue"), Some(before));

    type_into(&root, "contact.response_curve[3][1]", "99");
    let factor = input(&root, "contact.response_curve[3][1]");
    until("the factor is marked", || invalid(&factor)).await;
    assert_eq!(
        factor.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );

    type_into(&root, "contact.response_curve[2][0]", "480");
    type_into(&root, "contact.response_curve[3][1]", "55");
    until("both points are valid again", || {
        !invalid(&minutes) && !invalid(&factor)
    })
    .await;
    assert_eq!(
        minutes.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    assert_eq!(value(&root, "expected.lost_revenue"), Some(before));

    // Curve times take durations like the response-time field, on a full keyboard.
    assert_eq!(minutes.get_attribute("inputmode").as_deref(), Some("text"));
    type_into(&root, "contact.response_curve[2][0]", "6 h");
    until("6 h is read as 360 minutes", || {
        value(&root, "expected.lost_revenue").is_some_and(|v| v != before)
    })
    .await;
    assert_eq!(
        minutes.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn the_plan_table_shows_only_with_a_target() {
    let root = mount("lang=en").await;
    assert!(find(&root, "section.plan").is_some());
    assert_eq!(
        count(
            &root,
            "[data-kpi^=\"expected.plan.months[\"][data-kpi$=\"].leads_needed_now\"]"
        ),
        12
    );
    assert_eq!(
        count(
            &root,
            "[data-kpi^=\"expected.plan.sources[\"][data-kpi$=\"].budget_target\"]"
        ),
        6
    );
    let needed = value(&root, "expected.plan.conversion_needed").expect("conversion needed");
    assert!((needed - 600.0 / 6120.0).abs() < 1e-12, "{needed}");
    let total = value(&root, "expected.plan.leads_needed_now").expect("total");
    let months: f64 = (0..12)
        .filter_map(|m| {
            value(
                &root,
                &format!("expected.plan.months[{m}].leads_needed_now"),
            )
        })
        .sum();
    assert!((months - total).abs() < 1e-9 * total, "{months} vs {total}");

    type_into(&root, "target_sales_per_year", "");
    until("the plan is gone", || find(&root, "section.plan").is_none()).await;
    assert!(find(&root, "section.plan").is_none());
    assert_eq!(count(&root, "[data-kpi^=\"expected.plan\"]"), 0);

    type_into(&root, "target_sales_per_year", "900");
    until("the plan is back", || find(&root, "section.plan").is_some()).await;
    let total = value(&root, "expected.plan.leads_needed_now").expect("total again");
    assert!(total > 0.0);
}

#[wasm_bindgen_test]
async fn a_clamped_close_rate_is_warned_beside_its_source_and_in_the_results() {
    let root = mount("lang=nl").await;
    assert!(find(&root, "#f-sources-2-conversion_now-warn").is_none());
    assert_eq!(count(&root, "[data-warning]"), 0);
    type_into(&root, "sources[2].conversion_now", "60");
    until("the warning shows", || {
        find(&root, "#f-sources-2-conversion_now-warn").is_some()
    })
    .await;
    let warning = find(&root, "#f-sources-2-conversion_now-warn")
        .and_then(|w| w.text_content())
        .unwrap_or_default();
    assert!(warning.contains("Marktplaats"), "warning: {warning}");
    let described = input(&root, "sources[2].conversion_now")
        .get_attribute("aria-describedby")
        .unwrap_or_default();
    assert!(
        described.contains("f-sources-2-conversion_now-warn"),
        "{described}"
    );
    let listed = find(&root, "[data-warning=\"close-rate-clamped\"]")
        .and_then(|w| w.text_content())
        .unwrap_or_default();
    assert!(listed.contains("controleer"), "{listed}");
}

#[wasm_bindgen_test]
async fn a_target_nothing_can_reach_is_warned_beside_the_target_and_plans_null() {
    let root = mount("lang=en").await;
    for i in 0..6 {
        type_into(&root, &format!("sources[{i}].conversion_now"), "0");
    }
    until("the target warning shows", || {
        find(&root, "#f-target_sales_per_year-warn").is_some()
    })
    .await;
    assert_eq!(count(&root, "[data-warning=\"target-unreachable\"]"), 2);
    let total = find(&root, "[data-kpi=\"expected.plan.leads_needed_now\"]")
        .and_then(|c| c.get_attribute("data-value"));
    assert_eq!(total.as_deref(), Some("null"));
    let described = input(&root, "target_sales_per_year")
        .get_attribute("aria-describedby")
        .unwrap_or_default();
    assert!(
        described.contains("f-target_sales_per_year-warn"),
        "{described}"
    );
}

#[wasm_bindgen_test]
async fn follow_up_sliders_set_the_value_the_text_field_shows() {
    let root = mount("lang=en").await;
    let slider: HtmlInputElement = find(&root, "#slider-f-process_now-attempts")
        .expect("attempts slider")
        .unchecked_into();
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("2 attempts")
    );
    slider.set_value("5");
    slider
        .dispatch_event(&web_sys::InputEvent::new("input").expect("an event"))
        .expect("dispatched");
    until("attempts follow the slider", || {
        input(&root, "process_now.attempts").value() == "5"
    })
    .await;
    let rate: HtmlInputElement = find(&root, "#slider-f-process_now-follow_up_rate")
        .expect("follow-up slider")
        .unchecked_into();
    rate.set_value("75");
    rate.dispatch_event(&web_sys::InputEvent::new("input").expect("an event"))
        .expect("dispatched");
    until("the rate follows the slider", || {
        input(&root, "process_now.follow_up_rate").value() == "75"
    })
    .await;
    assert_eq!(rate.get_attribute("aria-valuetext").as_deref(), Some("75%"));
    assert!(
        rate.get_attribute("name").is_none(),
        "the text field carries the name"
    );
}

#[wasm_bindgen_test]
fn every_planner_text_exists_in_both_languages() {
    for key in PlannerText::ALL {
        assert!(!key.get(Lang::Nl).is_empty(), "{key:?} nl");
        assert!(!key.get(Lang::En).is_empty(), "{key:?} en");
    }
}

#[wasm_bindgen_test]
fn every_staffing_text_exists_in_both_languages_and_differs_where_it_should() {
    use leadplan::ui::staffing_text::StaffingText;
    for key in StaffingText::ALL {
        assert!(!key.get(Lang::Nl).is_empty(), "{key:?} nl");
        assert!(!key.get(Lang::En).is_empty(), "{key:?} en");
    }
    // Sentences are translated, not copied.
    for key in [
        StaffingText::FromStaffing,
        StaffingText::WhyStaffing,
        StaffingText::AddShift,
        StaffingText::Within5,
    ] {
        assert_ne!(key.get(Lang::Nl), key.get(Lang::En), "{key:?}");
    }
}
