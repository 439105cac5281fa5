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

/// A small deterministic generator (xorshift64*) for the decimal cases below.
struct Cases(u64);

impl Cases {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// `leadplan::decimal::parse` in the browser is the engine's `parseFloat`: it must read every
/// decimal text to the float Rust's own parser gives, bit for bit.
fn same_as_rust(text: &str) {
    let engine = leadplan::decimal::parse(text).map(f64::to_bits);
    let rust = text.parse::<f64>().ok().map(f64::to_bits);
    assert_eq!(
        engine, rust,
        "{text}: engine {engine:#018x?}, Rust {rust:#018x?}"
    );
}

/// Every float's shortest forms (plain and with an exponent, as the app writes them) read back
/// to the bit; so do texts of up to 20 significant digits, the known hard cases of correct
/// rounding, and longer texts (ECMAScript allows rounding after the 20th digit; the engines we
/// support do not).
#[wasm_bindgen_test]
fn decimal_texts_read_as_rust_reads_them() {
    let mut cases = Cases(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let x = f64::from_bits(cases.next());
        if x.is_finite() {
            same_as_rust(&format!("{x}"));
            same_as_rust(&format!("{x:e}"));
        }
    }
    for _ in 0..20_000 {
        let digits = 1 + cases.next() % 20;
        let mut text: String = (0..digits)
            .map(|_| char::from(b'0' + (cases.next() % 10) as u8))
            .collect();
        let point = (cases.next() % (digits + 1)) as usize;
        text.insert(point, '.');
        let exponent = (cases.next() % 700) as i64 - 350;
        same_as_rust(&format!("{text}e{exponent}"));
        same_as_rust(&text);
    }
    for text in [
        "0",
        "-0",
        "0.1",
        "1e23",
        "9007199254740993",
        "9007199254740995",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "5e-324",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "1e400",
        "123456789012345678901234567890",
        "9007199254740992.50000000000000000001",
        "0.30000000000000000000000000000000000001",
        "12,5",
        "",
        ".",
        "1e",
        "0x10",
    ] {
        same_as_rust(text);
    }
}
