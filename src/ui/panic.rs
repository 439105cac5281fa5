//! A panic in WebAssembly stops the page: instead of a dead page, show a friendly message (in
//! the page's language) and keep the details in the console. An exception that goes through the
//! WebAssembly without a panic stops the app too: the page's loader says so in the same words
//! (scripts/post-build.mjs), and shows one message, whichever comes first.

use crate::i18n::{Lang, Text};

/// Installs the panic hook, through yew: a hook set with `std::panic::set_hook` is replaced by
/// yew's own (console only) when the app renders, and the page would stop without a word.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("leadplan stopped: {info}").into());
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let lang = document
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .map_or(Lang::Nl, |l| {
                if l.starts_with("en") {
                    Lang::En
                } else {
                    Lang::Nl
                }
            });
        if let (Ok(banner), Some(body)) = (document.create_element("div"), document.body()) {
            banner.set_class_name("panic");
            let _ = banner.set_attribute("role", "alert");
            banner.set_text_content(Some(Text::PanicMessage.get(lang)));
            let _ = body.prepend_with_node_1(&banner);
        }
    }));
}
