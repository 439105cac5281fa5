//! The share-link payload: a scenario's JSON, compressed with raw DEFLATE (RFC 1951) and
//! encoded as base64url without padding (RFC 4648 §5), so any program can make or read one.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

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

/// The `s=` value for a scenario.
pub fn encode(scenario: &Scenario) -> String {
    let json = serde_json::to_string(scenario).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10);
    URL_SAFE_NO_PAD.encode(packed)
}

/// Reads an `s=` value back into a validated scenario.
pub fn decode(value: &str) -> Result<Scenario, LinkError> {
    let text = decode_text(value)?;
    Scenario::from_json(&text).map_err(LinkError::Invalid)
}

/// Reads an `s=` value into the JSON text it carries, without reading the scenario.
pub fn decode_text(value: &str) -> Result<String, LinkError> {
    // Tolerate the padding some encoders add and the '%3D' a mail client may make of it.
    let trimmed = value.trim().trim_end_matches("%3D").trim_end_matches('=');
    if !trimmed
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(LinkError::NotBase64);
    }
    // Only valid characters but not decodable: a length no encoding gives, i.e. cut short.
    let packed = URL_SAFE_NO_PAD
        .decode(trimmed)
        .map_err(|_| LinkError::NotDeflate)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLarge,
            _ => LinkError::NotDeflate,
        })?;
    String::from_utf8(bytes).map_err(|_| LinkError::NotText)
}

#[cfg(test)]
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
