//! Browser tests of the pure model: the staffed lead queue (MODEL.md §7) gives the same bits in
//! WebAssembly as natively, so the page's capacity figures are the command's.
#![cfg(target_arch = "wasm32")]

use leadplan::model::staffing::{REFERENCE_SUMMARY_BITS, reference_summary};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The queue's D-summary of the reference scenario, bit for bit the constants the native test
/// `reference_summary_is_pinned` checks: seeded streams, the ziggurat exponentials, the
/// histogram and E\[P_contact\] all agree across the targets.
#[wasm_bindgen_test]
fn queue_summary_has_the_native_bits() {
    let got = reference_summary().map(f64::to_bits);
    assert_eq!(
        got, REFERENCE_SUMMARY_BITS,
        "wasm {got:#018x?} vs native {REFERENCE_SUMMARY_BITS:#018x?}"
    );
}
