//! A panic in WebAssembly stops the page: instead of a dead page, show a friendly message (in
//! the page's language) and keep the details in the console.

use crate::i18n::{Lang, Text};

/// Installs the panic hook.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
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
