//! Addresses and the copy-paste snippet of the embedded widget: an `<iframe>` on the widget's own
//! page, `widget.html#view=embed&lang=..&s=..`, plus a few lines of script that set the iframe's
//! height from the widget's `leadplan:height` messages.
//!
//! The widget is an entry point of its own (`widget.html`, a small bundle with only what it
//! needs). Snippets made before it had one point at the planner's page with `#view=embed`; the
//! planner's page forwards those to `widget.html` before its own bundle loads (`index.html`).

use crate::i18n::Lang;
use crate::state::View;

/// The type of the message the widget posts to its parent page when its height changes.
pub const HEIGHT_MESSAGE: &str = "leadplan:height";

/// The iframe's accessible title (and the widget's heading after the "leadplan: " prefix).
pub fn widget_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "Wat kost trage opvolging van leads?",
        Lang::En => "What does slow lead follow-up cost?",
    }
}

/// The widget's page, beside the planner's.
pub const WIDGET_PAGE: &str = "widget.html";

/// The snippet for a scenario (its share-link value `s`, see [`super::link`]) in `lang` with the
/// app at `page` (any page of the app's site; a relative one such as `./` works on the site
/// itself): the iframe shows [`WIDGET_PAGE`] beside it.
pub fn snippet_for(page: &str, lang: Lang, s: &str) -> String {
    snippet(
        &address(&sibling(page, WIDGET_PAGE), View::Embed, lang, s),
        &format!("leadplan: {}", widget_title(lang)),
    )
}

/// The address of `file` in the folder of the page at `page` (its fragment and query dropped):
/// `https://x.nl/tools/widget.html#…` with `index.html` gives `https://x.nl/tools/index.html`;
/// `./` gives `./index.html`. An empty `file` gives the folder itself.
pub fn sibling(page: &str, file: &str) -> String {
    let page = without_fragment(page);
    let page = page.split_once('?').map_or(page, |(p, _)| p);
    let folder = page.rfind('/').map_or("", |i| &page[..=i]);
    format!("{folder}{file}")
}

/// `base` (a page address) without its fragment.
pub fn without_fragment(base: &str) -> &str {
    base.split_once('#').map_or(base, |(b, _)| b)
}

/// The address of `view` showing a scenario (its share-link value `s`) in `lang`:
/// `base#view=..&lang=..&s=..`.
pub fn address(base: &str, view: View, lang: Lang, s: &str) -> String {
    format!(
        "{}#view={}&lang={}&s={s}",
        without_fragment(base),
        view.code(),
        lang.code(),
    )
}

/// Escapes text for an HTML attribute value in double quotes (or for element text).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The snippet a site owner pastes into an article: the iframe on `src` with an accessible
/// `title`, then a script that applies the widget's height messages to that iframe only.
///
/// The script finds its iframe as the element just before itself
/// (`document.currentScript.previousElementSibling`), so several widgets can share a page without
/// ids, and it accepts only messages whose `source` is that iframe's window.
pub fn snippet(src: &str, title: &str) -> String {
    format!(
        r#"<iframe src="{src}" title="{title}" style="width:100%;border:0" loading="lazy"></iframe>
<script>
(function () {{
  var frame = document.currentScript.previousElementSibling;
  window.addEventListener("message", function (event) {{
    var data = event.data;
    if (event.source !== frame.contentWindow || !data || data.type !== "{HEIGHT_MESSAGE}") return;
    if (typeof data.height === "number" && data.height > 0) frame.style.height = Math.ceil(data.height) + "px";
  }});
}})();
</script>"#,
        src = escape_html(src),
        title = escape_html(title),
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::codec::fragment::Fragment;
    use crate::codec::link;
    use crate::model::presets::default_scenario;

    #[test]
    fn the_widget_address_carries_view_language_and_scenario() {
        let s = default_scenario();
        let a = address(
            "https://example.nl/leadplan/#view=plan&lang=nl",
            View::Embed,
            Lang::En,
            &link::encode(&s),
        );
        let (base, fragment) = a.split_once('#').unwrap();
        assert_eq!(base, "https://example.nl/leadplan/");
        let f = Fragment::parse(fragment);
        assert_eq!(f.view, Some(View::Embed));
        assert_eq!(f.lang, Some(Lang::En));
        assert_eq!(link::decode(f.scenario.as_deref().unwrap()), Ok(s));
        assert!(fragment.starts_with("view=embed&lang=en&s="));
    }

    #[test]
    fn pages_beside_each_other() {
        assert_eq!(
            sibling("https://x.nl/tools/", WIDGET_PAGE),
            "https://x.nl/tools/widget.html"
        );
        assert_eq!(
            sibling("https://x.nl/tools/index.html?a=1#view=plan", WIDGET_PAGE),
            "https://x.nl/tools/widget.html"
        );
        assert_eq!(
            sibling("https://x.nl/tools/widget.html#lang=nl", ""),
            "https://x.nl/tools/"
        );
        assert_eq!(sibling("./", WIDGET_PAGE), "./widget.html");
        assert_eq!(sibling("widget.html", ""), "");
        let snippet = snippet_for("https://x.nl/leadplan/#view=plan", Lang::Nl, "ab");
        assert!(snippet.contains(
            r#"src="https://x.nl/leadplan/widget.html#view=embed&amp;lang=nl&amp;s=ab""#
        ));
    }

    #[test]
    fn the_snippet_escapes_its_attributes_and_checks_the_message_source() {
        let text = snippet(
            "https://x.nl/#view=embed&lang=nl&s=ab",
            "Wat \"trage\" <opvolging> kost",
        );
        assert!(text.starts_with(
            r#"<iframe src="https://x.nl/#view=embed&amp;lang=nl&amp;s=ab" title="Wat &quot;trage&quot; &lt;opvolging&gt; kost" style="width:100%;border:0" loading="lazy"></iframe>"#
        ));
        assert!(text.contains("event.source !== frame.contentWindow"));
        assert!(text.contains("\"leadplan:height\""));
        assert!(text.trim_end().ends_with("</script>"));
        assert_eq!(without_fragment("a/b"), "a/b");
    }

    #[test]
    fn the_demo_article_uses_the_snippet_of_the_default_scenario() {
        let demo = include_str!("../../static/embed-demo.html");
        let expected = snippet_for("./", Lang::Nl, &link::encode(&default_scenario()));
        // The widget's figure holds the snippet and nothing else.
        let figure = demo
            .split_once("<figure class=\"widget\">")
            .and_then(|(_, rest)| rest.split_once("</figure>"))
            .map(|(inside, _)| inside.trim());
        assert_eq!(
            figure,
            Some(expected.trim()),
            "static/embed-demo.html's widget figure must hold exactly:\n{expected}"
        );
    }
}
