//! Dutch and English: the language type, typed text keys, parsing of typed input and (in the
//! browser) number and money formatting through the browser's Intl.

pub mod parse;
mod strings;
pub use strings::month_short;

#[cfg(target_arch = "wasm32")]
pub mod format;

pub use strings::Text;
// The feature text sets using it are browser-only, so the native build never does.
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_imports))]
pub(crate) use strings::texts;

use serde::{Deserialize, Serialize};

/// The interface language. Dutch is the default: the target market is the Netherlands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Nederlands.
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag for `<html lang>` and Intl.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Nl => "nl-NL",
            Lang::En => "en-GB",
        }
    }

    /// The short code used in the address fragment (`lang=nl`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// Reads the fragment code; unknown codes give `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The text for a key in this language.
    pub fn t(self, key: Text) -> &'static str {
        key.get(self)
    }
}
