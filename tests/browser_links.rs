//! Share links in a real headless Chromium: the page compresses with the browser's own raw
//! DEFLATE, so links it makes must open in any DEFLATE reader (here miniz, as the command uses),
//! and links made elsewhere must open in the page. Damaged and oversized links are refused.
#![cfg(target_arch = "wasm32")]

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use leadplan::codec::deflate::{self, InflateError};
use leadplan::codec::link::{self, LinkError, MAX_JSON_BYTES};
use leadplan::model::presets::{WorkshopPreset, default_scenario};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn links_the_browser_makes_open_anywhere_and_round_trip() {
    let mut scenarios = vec![default_scenario()];
    scenarios.extend(WorkshopPreset::all().iter().map(|p| p.scenario()));
    // A version-2 scenario: the buy plan's fields (MODEL.md §8) travel in the link too.
    let mut v2 = default_scenario();
    v2.sources[2].max_leads_per_month = Some(50.0);
    v2.sources[0].fixed_cost_per_month = 99.5;
    v2.sources[1].buyable = Some(true);
    v2.sources[1].max_leads_per_month = Some(20.0);
    v2.budget_per_year = Some(40_000.0);
    assert_eq!(v2.format_version(), 2);
    scenarios.push(v2);
    for s in scenarios {
        let value = link::encode(&s).await.expect("Chromium compresses");
        assert!(
            value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        // Back through the page's own reader...
        let text = link::decode_text(&value).await.expect("the page reads it");
        assert_eq!(link::scenario(&text), Ok(s.clone()));
        // ...and through another DEFLATE implementation.
        let packed = URL_SAFE_NO_PAD.decode(&value).expect("base64url");
        let json = miniz_oxide::inflate::decompress_to_vec(&packed).expect("raw DEFLATE");
        assert_eq!(json, s.to_json().into_bytes());
    }
}

#[wasm_bindgen_test]
async fn the_default_scenario_makes_a_short_link() {
    let value = link::encode(&default_scenario()).await.expect("a link");
    assert!(value.len() < 1000, "{} characters", value.len());
}

#[wasm_bindgen_test]
async fn links_made_elsewhere_open_in_the_page() {
    let s = default_scenario();
    let pretty = serde_json::to_string_pretty(&s).expect("json");
    for level in [1u8, 6, 10] {
        let packed = miniz_oxide::deflate::compress_to_vec(pretty.as_bytes(), level);
        let text = link::decode_text(&URL_SAFE_NO_PAD.encode(packed))
            .await
            .expect("opens");
        assert_eq!(link::scenario(&text), Ok(s.clone()));
    }
}

#[wasm_bindgen_test]
async fn damaged_links_are_refused() {
    let value = link::encode(&default_scenario()).await.expect("a link");
    assert_eq!(link::decode_text("a*b").await, Err(LinkError::NotBase64));
    // Cut short anywhere: refused as damaged, never read as part of a scenario.
    for cut in (0..value.len()).step_by(7) {
        let e = link::decode_text(&value[..cut]).await;
        assert!(
            matches!(e, Err(LinkError::NotBase64 | LinkError::NotDeflate)),
            "cut at {cut}: {e:?}"
        );
    }
    // Not DEFLATE at all.
    assert_eq!(
        deflate::inflate(&[0xff; 40], MAX_JSON_BYTES).await,
        Err(InflateError::Corrupt)
    );
    // DEFLATE of something that is not text.
    let binary = miniz_oxide::deflate::compress_to_vec(&[0xc3, 0x28, 0xa0, 0xa1], 6);
    assert_eq!(
        link::decode_text(&URL_SAFE_NO_PAD.encode(binary)).await,
        Err(LinkError::NotText)
    );
}

#[wasm_bindgen_test]
async fn a_link_that_unpacks_too_large_is_stopped() {
    // 4 MB of spaces packs into a few KB: the reader stops at the limit.
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 4 << 20], 10);
    assert!(bomb.len() < 10_000);
    assert_eq!(
        link::decode_text(&URL_SAFE_NO_PAD.encode(&bomb)).await,
        Err(LinkError::TooLarge)
    );
    // Just under the limit still opens (as text; it is no scenario).
    let fits = miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_JSON_BYTES], 10);
    assert_eq!(
        deflate::inflate(&fits, MAX_JSON_BYTES)
            .await
            .map(|b| b.len()),
        Ok(MAX_JSON_BYTES)
    );
}
