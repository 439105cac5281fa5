//! Shared set-up of the in-browser tests: mount the app in a fresh element, and wait for states
//! of the page (never for a fixed time).

use leadplan::codec::fragment::Fragment;
use leadplan::ui::{App, AppProps};
use web_sys::Element;

/// How long [`until`] waits for its state before failing. A bound, not a pause: the wait ends
/// as soon as the state holds. Generous because a cold debug build of the whole planner renders
/// slowly on a loaded machine (a first run on 2 shared cores took over 3 seconds).
const DEADLINE_MS: f64 = 15_000.0;

/// At most this long between two checks when animation frames do not come (a page the browser
/// throttles): the poll then still reaches its deadline.
const MAX_YIELD_MS: i32 = 50;

thread_local! {
    /// The page's uncaught errors and unhandled rejections so far (see [`watch_errors`]).
    static UNCAUGHT: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
    static WATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Records the page's uncaught errors from now on, for [`until`]'s failure message: an
/// exception that is no Rust panic (a JavaScript error thrown through the WebAssembly, the
/// stack running out) shows no panic banner, and may leave the app's renderer stopped.
fn watch_errors() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    if WATCHING.with(|w| w.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let record = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let get = |target: &wasm_bindgen::JsValue, key: &str| {
            js_sys::Reflect::get(target, &key.into()).unwrap_or_default()
        };
        let error = match event.type_().as_str() {
            "unhandledrejection" => get(&event, "reason"),
            _ => get(&event, "error"),
        };
        let message = get(&error, "message")
            .as_string()
            .or_else(|| get(&event, "message").as_string())
            .unwrap_or_else(|| format!("{error:?}"));
        let stack = get(&error, "stack").as_string().unwrap_or_default();
        let text = format!("{message} (stack: {stack})");
        let text: String = text.chars().take(600).collect();
        UNCAUGHT.with(|u| u.borrow_mut().push(format!("{}: {text}", event.type_())));
    });
    for kind in ["error", "unhandledrejection"] {
        let _ = window.add_event_listener_with_callback(kind, record.as_ref().unchecked_ref());
    }
    record.forget();
}

/// The page's uncaught errors so far, for a failure message.
fn uncaught_errors() -> String {
    UNCAUGHT.with(|u| {
        let u = u.borrow();
        if u.is_empty() {
            "no uncaught error on the page".to_string()
        } else {
            format!("the page's uncaught errors: {:?}", *u)
        }
    })
}

/// Mounts the app, opened with `fragment`, in a new element and waits for its figures. The app
/// autosaves to LocalStorage and every test shares one page, so each starts with it empty.
pub async fn mount(fragment: &str) -> Element {
    watch_errors();
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        storage.clear().expect("storage cleared");
    }
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps::open(Fragment::parse(fragment)).await,
    )
    .render();
    until_described(
        "the figures show, every section mounted",
        || {
            let found = |selector: &str| root.query_selector(selector).ok().flatten().is_some();
            // The planner's first mount adds its sections in stages (`ui::planner`).
            found("[data-kpi=\"expected.leads\"]") && !found(".planner:not([data-mounted])")
        },
        || describe(&root),
    )
    .await;
    root
}

/// What the mounted app shows, for a failure message: a time-out then says whether the app
/// rendered nothing, something else, or stopped on a panic (the panic banner's text).
fn describe(root: &Element) -> String {
    let text: String = root
        .text_content()
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    let banner = gloo::utils::document()
        .query_selector(".panic")
        .ok()
        .flatten()
        .and_then(|b| b.text_content());
    format!(
        "the app's root has {} elements, text {text:?}; panic banner: {banner:?}",
        root.get_elements_by_tag_name("*").length()
    )
}

/// Waits until `check` holds, checking once per animation frame: yew renders in scheduler
/// slices and the charts draw in tasks of their own, all of which run between two frames.
/// Fails naming `what` if it does not hold within [`DEADLINE_MS`].
pub async fn until(what: &str, check: impl Fn() -> bool) {
    until_described(what, check, String::new).await;
}

/// [`until`], adding `describe()`'s account of the page to the failure message.
pub async fn until_described(what: &str, check: impl Fn() -> bool, describe: impl Fn() -> String) {
    watch_errors();
    let start = js_sys::Date::now();
    loop {
        if check() {
            return;
        }
        let waited = js_sys::Date::now() - start;
        if waited > DEADLINE_MS {
            panic!(
                "timed out after {waited:.0} ms waiting until {what}. {} ({})",
                describe(),
                uncaught_errors()
            );
        }
        next_frame().await;
    }
}

/// Yields to the event loop until the next animation frame (or [`MAX_YIELD_MS`], whichever
/// comes first), so that pending renders, effects and timers run.
async fn next_frame() {
    let yielded = js_sys::Promise::new(&mut |resolve, _reject| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        // Whichever comes first resolves; the second call does nothing.
        let _ = window.request_animation_frame(&resolve);
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, MAX_YIELD_MS);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(yielded).await;
}
