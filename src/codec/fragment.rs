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

/// What a changed address fragment asks of a page showing `lang` and `view`.
#[derive(Debug, PartialEq)]
pub enum AddressChange {
    /// Nothing: the same language and view (the page's own updates), or no parameters at all
    /// (an in-page link such as the skip link's `#results`).
    None,
    /// Switch the language and/or move between the planner and compare, keeping everything.
    Switch(Option<Lang>, Option<View>),
    /// A scenario link, or the widget or projector mode: open the page afresh, as if it had
    /// been opened with this address (the scenario on screen is already autosaved).
    Reopen,
}

impl Fragment {
    /// What this fragment, newly in the address, asks of a page showing `lang` and `view`.
    pub fn change_from(&self, lang: Lang, view: View) -> AddressChange {
        let new_view = self.view.filter(|v| *v != view);
        let new_lang = self.lang.filter(|l| *l != lang);
        let switchable = |v: View| matches!(v, View::Plan | View::Compare);
        if self.scenario.is_some() || new_view.is_some_and(|v| !switchable(v) || !switchable(view))
        {
            AddressChange::Reopen
        } else if new_lang.is_some() || new_view.is_some() {
            AddressChange::Switch(new_lang, new_view)
        } else {
            AddressChange::None
        }
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

    #[test]
    fn only_new_requests_in_the_address_change_the_page() {
        let f = Fragment::parse;
        let (nl, plan) = (Lang::Nl, View::Plan);
        assert_eq!(f("results").change_from(nl, plan), AddressChange::None);
        assert_eq!(
            f("lang=nl&view=plan").change_from(nl, plan),
            AddressChange::None
        );
        assert_eq!(
            f("lang=en&view=plan").change_from(nl, plan),
            AddressChange::Switch(Some(Lang::En), None)
        );
        assert_eq!(
            f("view=compare").change_from(nl, plan),
            AddressChange::Switch(None, Some(View::Compare))
        );
        assert_eq!(
            f("lang=nl&s=abc").change_from(nl, plan),
            AddressChange::Reopen
        );
        assert_eq!(
            f("view=present").change_from(nl, plan),
            AddressChange::Reopen
        );
        assert_eq!(
            f("view=plan").change_from(nl, View::Embed),
            AddressChange::Reopen
        );
    }
}
