//! Shared set-up of the in-browser tests: mount the app in a fresh element, and wait for yew's
//! asynchronous rendering.

use gloo::timers::future::TimeoutFuture;
use leadplan::codec::fragment::Fragment;
use leadplan::ui::{App, AppProps};
use web_sys::Element;

/// Mounts the app, opened with `fragment`, in a new element and waits for its figures. The app
/// autosaves to LocalStorage and every test shares one page, so each starts with it empty.
pub async fn mount(fragment: &str) -> Element {
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
    until("the figures show", || {
        root.query_selector("[data-kpi=\"expected.leads\"]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    root
}

/// Waits until `check` holds: the scheduler renders in slices of ~16 ms, and a debug build of
/// the whole planner can take several. Fails with `what` after three seconds.
pub async fn until(what: &str, check: impl Fn() -> bool) {
    for _ in 0..150 {
        if check() {
            return;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("timed out waiting until {what}");
}
