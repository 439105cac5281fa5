//! The address fragment: `#lang=nl&view=plan&s=<scenario>`, `&`-separated `key=value` pairs.
//! Unknown keys are ignored (newer links keep working); the value of `s` is decoded by
//! [`super::link`].

use crate::i18n::Lang;
use crate::state::View;

/// What a fragment asks for. Every part is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fragment {
    /// `lang=`: the interface language.
    pub lang: Option<Lang>,
    /// `view=`: the page mode.
    pub view: Option<View>,
    /// `s=`: an encoded scenario, as found (not yet decoded).
    pub scenario: Option<String>,
}

impl Fragment {
    /// Reads a fragment, with or without its leading `#`.
    pub fn parse(fragment: &str) -> Fragment {
        let mut out = Fragment::default();
        for pair in fragment.trim_start_matches('#').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "lang" => out.lang = Lang::from_code(value),
                "view" => out.view = View::from_code(value),
                "s" if !value.is_empty() => out.scenario = Some(value.to_owned()),
                _ => {}
            }
        }
        out
    }

    /// Writes the fragment (without `#`), parts in a fixed order.
    pub fn to_fragment(&self) -> String {
        let mut parts = Vec::new();
        if let Some(lang) = self.lang {
            parts.push(format!("lang={}", lang.code()));
        }
        if let Some(view) = self.view {
            parts.push(format!("view={}", view.code()));
        }
        if let Some(s) = &self.scenario {
            parts.push(format!("s={s}"));
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_fragments() {
        let f = Fragment::parse("#lang=en&view=embed&s=abc-_&x=1");
        assert_eq!(f.lang, Some(Lang::En));
        assert_eq!(f.view, Some(View::Embed));
        assert_eq!(f.scenario.as_deref(), Some("abc-_"));
        assert_eq!(f.to_fragment(), "lang=en&view=embed&s=abc-_");
        assert_eq!(Fragment::parse(""), Fragment::default());
        assert_eq!(Fragment::parse("#lang=xx&view=&s="), Fragment::default());
    }
}
