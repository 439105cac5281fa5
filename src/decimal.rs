//! Decimal text to a float, correctly rounded, with one parser per platform.
//!
//! Every number the app reads is decimal text: a JSON number (serde_json's
//! `arbitrary_precision` keeps it as text) or what someone typed, already normalised by
//! [`crate::i18n::parse`]. Natively this is Rust's own parser. In the browser it is the
//! JavaScript engine's `parseFloat`, which every engine already carries, so the page and the
//! widget hold no second float parser (Rust's, with its 10 KB table of powers of five, costs
//! the widget about 9 KB of gzip).
//!
//! Both are correctly rounded (round half to even) for up to 20 significant digits, which covers
//! every number the app writes (the shortest form that reads back, at most 17 digits): ECMAScript
//! allows an engine to round a longer text as if its digits after the 20th were zeros (or the
//! 20th one up), and `browser_model` checks that the engines read such texts as Rust does.
//!
//! The text must match `[+-]? (D+ [. D*] | . D+) ([eE] [+-]? D+)?` with D an ASCII digit; both
//! parsers then agree on what it means, and anything else (`inf`, `NaN`, hexadecimal, spaces)
//! is `None` on both.

/// The float nearest to `text` (see the module's grammar), or `None` when `text` is no decimal
/// number. Beyond the float range the result is infinite, as with Rust's parser.
pub fn parse(text: &str) -> Option<f64> {
    if !is_decimal(text) {
        return None;
    }
    #[cfg(target_arch = "wasm32")]
    {
        Some(js_sys::Number::parse_float(text))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.parse().ok()
    }
}

/// A JSON number's value when it is a finite float, as `serde_json::Number::as_f64` gives it.
pub fn json_number(n: &serde_json::Number) -> Option<f64> {
    parse(n.as_str()).filter(|x| x.is_finite())
}

/// A JSON value's number when it is a number with a finite float, as `Value::as_f64` gives it.
pub fn json_value(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::Number(n) => json_number(n),
        _ => None,
    }
}

/// Whether `text` matches the module's grammar.
fn is_decimal(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grammar_is_rusts_decimal_subset() {
        for ok in [
            "0",
            "-0",
            "+1",
            "1.",
            ".5",
            "1.5e3",
            "1E-3",
            "2e+2",
            "007",
            "1.7976931348623157e308",
            "5e-324",
            "1e400",
            "123456789012345678901234567890",
        ] {
            assert!(is_decimal(ok), "{ok}");
            assert_eq!(parse(ok), ok.parse().ok(), "{ok}");
        }
        for bad in [
            "", "+", "-", ".", "e5", ".e5", "1e", "1e+", "1.5.2", " 1", "1 ", "inf", "NaN",
            "infinity", "0x10", "1_000", "1,5", "١", "1e5x",
        ] {
            assert!(!is_decimal(bad), "{bad:?}");
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn json_numbers_are_finite_floats_as_serde_json_reads_them() {
        for text in [
            "0",
            "-0.0",
            "12.5",
            "1e308",
            "1e309",
            "-1e309",
            "18446744073709551616",
        ] {
            let Ok(serde_json::Value::Number(n)) = serde_json::from_str::<serde_json::Value>(text)
            else {
                panic!("{text} is JSON");
            };
            assert_eq!(
                json_number(&n).map(f64::to_bits),
                n.as_f64().map(f64::to_bits),
                "{text}"
            );
        }
        assert_eq!(json_value(&serde_json::Value::Bool(true)), None);
    }
}
