//! Property tests of the codecs: scenario → share link → scenario and scenario → file →
//! scenario are exact round trips (to the bit) over random valid scenarios, and the link and
//! file decoders never panic on arbitrary, truncated or tampered input.

mod common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use leadplan::codec::{file, link};
use leadplan::model::scenario::Scenario;
use proptest::prelude::*;

/// A valid scenario with random names (any Unicode), money, seed and runs on top of the model's
/// random sources, processes and curves.
fn scenario() -> impl Strategy<Value = Scenario> {
    (
        common::scenario(),
        "\\PC{0,40}",
        prop::collection::vec("\\PC{0,20}", 6),
        (0.0f64..=1e9, -1e9f64..=1e9, 0.0f64..=1.0),
        (any::<u64>(), 1u32..=1_000_000),
        "[A-Z]{3}",
    )
        .prop_map(|(mut s, name, names, money, sim, currency)| {
            s.name = name;
            for (i, source) in s.sources.iter_mut().enumerate() {
                // The index keeps names unique and non-blank, as validation requires.
                let extra: String = names[i % names.len()].chars().take(50).collect();
                source.name = format!("{i} {extra}");
            }
            (
                s.revenue_per_sale,
                s.gross_profit_per_sale,
                s.benchmark_conversion,
            ) = money;
            (s.simulation.seed, s.simulation.runs) = sim;
            s.currency = currency;
            s
        })
        .prop_filter("valid", |s| s.validate().is_empty())
}

/// A valid scenario that also uses the fields of MODEL.md §8 (buyable, caps, fixed costs, the
/// budget per year), so that it is written as version 2.
fn scenario_v2() -> impl Strategy<Value = Scenario> {
    (
        scenario(),
        prop::collection::vec(
            (
                prop::option::of(any::<bool>()),
                prop::option::of(0.5f64..=5000.0),
                0.0f64..=10_000.0,
            ),
            6,
        ),
        prop::option::of(0.0f64..=1e7),
    )
        .prop_map(|(mut s, buy, budget)| {
            for (i, source) in s.sources.iter_mut().enumerate() {
                let (buyable, cap, fixed) = buy[i % buy.len()];
                source.buyable = buyable;
                source.max_leads_per_month = cap;
                source.fixed_cost_per_month = fixed;
            }
            s.budget_per_year = budget;
            // At least one field away from its default: the document is version 2.
            if s.format_version() == 1 {
                s.budget_per_year = Some(12_345.5);
            }
            s
        })
        .prop_filter("valid", |s| s.validate().is_empty())
}

/// The largest char boundary of `text` at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Bit-exact equality: `==` on floats would take 0.0 for -0.0; the JSON writes each bit pattern
/// differently, so equal JSON and equal structs mean equal bits.
fn assert_same_bits(a: &Scenario, b: &Scenario) -> Result<(), TestCaseError> {
    prop_assert_eq!(a, b);
    prop_assert_eq!(
        serde_json::to_string(a).unwrap_or_default(),
        serde_json::to_string(b).unwrap_or_default()
    );
    for (x, y) in a.sources.iter().zip(&b.sources) {
        prop_assert_eq!(x.conversion_now.to_bits(), y.conversion_now.to_bits());
        prop_assert_eq!(x.leads_per_month.to_bits(), y.leads_per_month.to_bits());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn link_round_trip_is_exact(s in scenario()) {
        let encoded = link::encode(&s);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        let back = link::decode(&encoded);
        prop_assert!(back.is_ok(), "{:?}", back);
        if let Ok(back) = back { assert_same_bits(&s, &back)?; }
    }

    #[test]
    fn file_round_trip_is_exact(s in scenario()) {
        let back = file::import(&file::export(&s));
        prop_assert!(back.is_ok(), "{:?}", back);
        if let Ok(back) = back { assert_same_bits(&s, &back)?; }
    }

    #[test]
    fn a_link_made_by_another_program_opens(s in scenario(), level in 0u8..=10) {
        // Any raw DEFLATE stream of the JSON, at any level, from any writer: here miniz at
        // another level than ours, of the pretty JSON rather than the compact one.
        let json = file::export(&s);
        let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), level);
        let back = link::decode(&URL_SAFE_NO_PAD.encode(packed));
        prop_assert!(back.is_ok(), "{:?}", back);
        if let Ok(back) = back { assert_same_bits(&s, &back)?; }
    }

    #[test]
    fn version_2_scenarios_round_trip_through_links_and_files(s in scenario_v2()) {
        prop_assert_eq!(s.format_version(), 2);
        let json: serde_json::Value = serde_json::from_str(&file::export(&s)).unwrap_or_default();
        prop_assert_eq!(&json["version"], &serde_json::json!(2));
        let back = link::decode(&link::encode(&s));
        prop_assert!(back.is_ok(), "{:?}", back);
        if let Ok(back) = back {
            assert_same_bits(&s, &back)?;
            for (x, y) in s.sources.iter().zip(&back.sources) {
                prop_assert_eq!(x.buyable, y.buyable);
                prop_assert_eq!(x.max_leads_per_month.map(f64::to_bits), y.max_leads_per_month.map(f64::to_bits));
                prop_assert_eq!(x.fixed_cost_per_month.to_bits(), y.fixed_cost_per_month.to_bits());
            }
            prop_assert_eq!(s.budget_per_year.map(f64::to_bits), back.budget_per_year.map(f64::to_bits));
        }
        let back = file::import(&file::export(&s));
        prop_assert!(back.is_ok(), "{:?}", back);
        if let Ok(back) = back { assert_same_bits(&s, &back)?; }
    }

    #[test]
    fn version_1_scenarios_are_still_written_as_version_1(s in scenario()) {
        prop_assert_eq!(s.format_version(), 1);
        let json: serde_json::Value = serde_json::from_str(&file::export(&s)).unwrap_or_default();
        prop_assert_eq!(&json["version"], &serde_json::json!(1));
        prop_assert!(json["sources"].as_array().is_some_and(|a| a.iter().all(|x| x.get("buyable").is_none()
            && x.get("max_leads_per_month").is_none() && x.get("fixed_cost_per_month").is_none())));
    }

    #[test]
    fn link_decoder_never_panics_on_arbitrary_text(text in "\\PC{0,300}") {
        let _ = link::decode(&text);
    }

    #[test]
    fn link_decoder_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        // Arbitrary bytes, base64url-encoded: the inflater sees garbage, not the base64 layer.
        let _ = link::decode(&URL_SAFE_NO_PAD.encode(&bytes));
    }

    #[test]
    fn tampered_links_are_refused_or_valid(s in scenario(), cut in any::<prop::sample::Index>(),
                                           at in any::<prop::sample::Index>(), with in "[A-Za-z0-9_-]") {
        let encoded = link::encode(&s);
        // Truncated: never a partial scenario.
        let cut = cut.index(encoded.len());
        prop_assert!(link::decode(&encoded[..cut]).is_err());
        // One character replaced: refused, or (if the change is harmless) a valid scenario.
        let at = at.index(encoded.len());
        let tampered = format!("{}{}{}", &encoded[..at], with, &encoded[at + 1..]);
        if let Ok(t) = link::decode(&tampered) {
            prop_assert!(t.validate().is_empty());
        }
    }

    #[test]
    fn file_importer_never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let _ = file::import(&text);
    }

    #[test]
    fn file_importer_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = file::import_bytes(&bytes);
    }

    #[test]
    fn damaged_files_report_problems_and_never_panic(s in scenario(), cut in any::<prop::sample::Index>(),
                                                     at in any::<prop::sample::Index>(), junk in "\\PC{1,4}") {
        let text = file::export(&s);
        let cut = floor_boundary(&text, cut.index(text.len()));
        // Cut before the closing brace: always an error, never a partial scenario.
        if cut < text.trim_end().len() {
            let e = file::import(&text[..cut]);
            prop_assert!(matches!(&e, Err(list) if !list.is_empty()), "{:?}", e);
        }
        let at = floor_boundary(&text, at.index(text.len()));
        let spliced = format!("{}{}{}", &text[..at], junk, &text[at..]);
        match file::import(&spliced) {
            Ok(t) => prop_assert!(t.validate().is_empty()),
            Err(list) => prop_assert!(!list.is_empty()),
        }
    }
}
