//! Registers the service worker (`static/sw.js`, served beside index.html) that keeps the app's
//! own files so the app, the widget and the presentation mode load with no network after a first
//! visit. See `static/sw.js` for its caching and update rules.

use wasm_bindgen::closure::Closure;

/// The service worker's script and scope, relative to the page, so any sub-path works.
const SCRIPT: &str = "./sw.js";
const SCOPE: &str = "./";

/// Registers the service worker when the page is served over http(s) and the browser has
/// service workers; otherwise (a `file:` page, an old browser) the app simply stays online-only.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "http:" && protocol != "https:" {
        return;
    }
    let navigator = window.navigator();
    // `navigator.serviceWorker` is missing in insecure contexts and some browsers.
    let supported = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if !supported {
        return;
    }
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(SCOPE);
    let promise = navigator
        .service_worker()
        .register_with_options(SCRIPT, &options);
    // A failed registration only means no offline use; say so in the console, nothing more.
    let on_error = Closure::once(|e: wasm_bindgen::JsValue| {
        gloo::console::warn!("leadplan: offline use is not available:", e);
    });
    let _ = promise.catch(&on_error);
    // The promise owns the callback from here on.
    on_error.forget();
}
