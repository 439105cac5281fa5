//! The share-link payload: a scenario's JSON, compressed with raw DEFLATE (RFC 1951) and
//! encoded as base64url without padding (RFC 4648 §5), so any program can make or read one.
//!
//! The steps are pure functions; [`super::deflate`] does the compression (the browser's own in
//! the page, so the page is asynchronous where the command and the tests are not).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::deflate::{self, InflateError};
use crate::model::scenario::{FieldError, Scenario};

/// The largest scenario JSON a link may unpack to; stops a crafted link from exhausting memory.
pub const MAX_JSON_BYTES: usize = 1 << 20;

/// Why a link could not be read. The scenario's own problems come as field errors.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// Not base64url: a character outside A–Z a–z 0–9 - _.
    NotBase64,
    /// The bytes are not raw DEFLATE data, or are cut short (a truncated link, also when its
    /// length is one no encoding gives).
    NotDeflate,
    /// Unpacked, it is larger than [`MAX_JSON_BYTES`].
    TooLarge,
    /// Unpacked, it is not UTF-8 text.
    NotText,
    /// This browser cannot unpack links (it has no `DecompressionStream`).
    Unsupported,
    /// The scenario inside has problems.
    Invalid(Vec<FieldError>),
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::NotBase64 => f.write_str("the link is damaged: it is not base64url text"),
            LinkError::NotDeflate => {
                f.write_str("the link is damaged or cut short: its data does not unpack")
            }
            LinkError::TooLarge => f.write_str("the link's scenario is larger than 1 MB"),
            LinkError::NotText => f.write_str("the link's data is not text"),
            LinkError::Unsupported => f.write_str("this browser cannot unpack links"),
            LinkError::Invalid(errors) => {
                f.write_str("the link's scenario has problems: ")?;
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
        }
    }
}

/// The `s=` value for raw DEFLATE data.
pub fn from_deflated(deflated: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(deflated)
}

/// The raw DEFLATE data in an `s=` value: the base64url layer, checked.
pub fn deflated(value: &str) -> Result<Vec<u8>, LinkError> {
    // Tolerate the padding some encoders add and the '%3D' a mail client may make of it.
    let trimmed = value.trim().trim_end_matches("%3D").trim_end_matches('=');
    if !trimmed
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(LinkError::NotBase64);
    }
    // Only valid characters but not decodable: a length no encoding gives, i.e. cut short.
    URL_SAFE_NO_PAD
        .decode(trimmed)
        .map_err(|_| LinkError::NotDeflate)
}

/// The JSON text from the unpacked data.
pub fn text(inflated: Result<Vec<u8>, InflateError>) -> Result<String, LinkError> {
    let bytes = inflated.map_err(|e| match e {
        InflateError::TooLarge => LinkError::TooLarge,
        InflateError::Corrupt => LinkError::NotDeflate,
        InflateError::Unsupported => LinkError::Unsupported,
    })?;
    String::from_utf8(bytes).map_err(|_| LinkError::NotText)
}

/// The validated scenario in a link's JSON text.
pub fn scenario(text: &str) -> Result<Scenario, LinkError> {
    Scenario::from_json(text).map_err(LinkError::Invalid)
}

/// The `s=` value for a scenario. Natively this compresses at once; in the browser the browser
/// compresses, asynchronously, and `None` means it cannot (no `CompressionStream`).
#[cfg(not(target_arch = "wasm32"))]
pub fn encode(scenario: &Scenario) -> String {
    from_deflated(&deflate::deflate(scenario.to_json().as_bytes()))
}

/// See the native [`encode`].
#[cfg(target_arch = "wasm32")]
pub async fn encode(scenario: &Scenario) -> Option<String> {
    deflate::deflate(scenario.to_json().as_bytes())
        .await
        .map(|d| from_deflated(&d))
}

/// Reads an `s=` value back into the JSON text it carries, without reading the scenario
/// (asynchronous in the browser, like [`encode`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_text(value: &str) -> Result<String, LinkError> {
    text(deflate::inflate(&deflated(value)?, MAX_JSON_BYTES))
}

/// See the native [`decode_text`].
#[cfg(target_arch = "wasm32")]
pub async fn decode_text(value: &str) -> Result<String, LinkError> {
    text(deflate::inflate(&deflated(value)?, MAX_JSON_BYTES).await)
}

/// Reads an `s=` value back into a validated scenario.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode(value: &str) -> Result<Scenario, LinkError> {
    scenario(&decode_text(value)?)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::presets::default_scenario;

    #[test]
    fn the_default_scenario_round_trips_in_a_short_link() {
        let s = default_scenario();
        let link = encode(&s);
        assert!(link.len() < 1000, "{} characters", link.len());
        assert!(
            link.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_eq!(decode(&link), Ok(s));
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let link = encode(&default_scenario());
        assert_eq!(decode("a*b"), Err(LinkError::NotBase64));
        // A link cut anywhere is refused as damaged, never read as a partial scenario.
        for cut in 0..link.len() {
            let e = decode(&link[..cut]);
            assert!(
                matches!(e, Err(LinkError::NotBase64 | LinkError::NotDeflate)),
                "cut at {cut}: {e:?}"
            );
        }
        let not_a_scenario =
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"{\"version\":1}", 6));
        assert!(matches!(
            decode(&not_a_scenario),
            Err(LinkError::Invalid(_))
        ));
    }
}
