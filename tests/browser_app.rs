//! Component tests in a real headless Chromium (wasm-bindgen-test): the app mounts, shows the
//! example scenario's figures, and an edit through the DOM changes them.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

#[path = "support/browser.rs"]
mod support;

use support::{mount, until};

wasm_bindgen_test_configure!(run_in_browser);

fn value(root: &Element, key: &str) -> f64 {
    root.query_selector(&format!("[data-kpi=\"{key}\"]"))
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("data-value"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

fn type_into(root: &Element, name: &str, text: &str) {
    let input: HtmlInputElement = root
        .query_selector(&format!("input[name=\"{name}\"]"))
        .ok()
        .flatten()
        .expect("the input exists")
        .unchecked_into();
    input.set_value(text);
    let event = web_sys::InputEvent::new("input").expect("an input event");
    input.dispatch_event(&event).expect("dispatched");
}

#[wasm_bindgen_test]
async fn shows_the_example_scenario() {
    let root = mount("").await;
    let leads = value(&root, "expected.leads");
    assert_eq!(leads, 6_120.0);
    let now = value(&root, "expected.sales_now");
    assert!(
        (now / leads - 0.087).abs() < 0.002,
        "conversion today {}",
        now / leads
    );
    assert!(value(&root, "expected.lost_revenue") > 0.0);
}

#[wasm_bindgen_test]
async fn an_edit_changes_the_figures_and_bad_text_keeps_them() {
    let root = mount("lang=en").await;
    let before = value(&root, "expected.lost_revenue");
    type_into(&root, "sources[1].leads_per_month", "120");
    until("the figure changes", || {
        value(&root, "expected.lost_revenue") != before
    })
    .await;
    let after = value(&root, "expected.lost_revenue");
    assert!(after > before, "{after} > {before}");
    type_into(&root, "sources[1].leads_per_month", "lots");
    let invalid = || {
        root.query_selector("input[name=\"sources[1].leads_per_month\"]")
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute("aria-invalid"))
            .as_deref()
            == Some("true")
    };
    until("the field is marked", invalid).await;
    let input = root
        .query_selector("input[name=\"sources[1].leads_per_month\"]")
        .ok()
        .flatten()
        .expect("the input exists");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(value(&root, "expected.lost_revenue"), after);
}

#[wasm_bindgen_test]
async fn a_damaged_link_shows_an_alert_and_the_defaults() {
    let root = mount("s=AAAA").await;
    let alert = root.query_selector("[role=alert]").ok().flatten();
    assert!(alert.is_some(), "an alert is shown");
    assert_eq!(value(&root, "expected.leads"), 6_120.0);
}
