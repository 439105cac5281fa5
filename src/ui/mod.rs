//! The browser app: yew function components, one per file. `start` mounts it.

mod app;
pub mod buy_text;
mod chart_views;
pub mod compare;
pub mod crm_import;
pub mod embed;
pub mod embed_code;
pub mod embed_text;
mod field;
mod form;
mod idle;
mod inputs;
mod kpi;
mod messages;
mod offline;
mod panic;
mod planner;
pub mod planner_text;
pub mod present;
pub mod present_staffing;
mod results;
pub mod scenarios;
mod simulation;
pub mod staffing_charts;
pub mod staffing_text;
pub mod widget;

pub use app::{App, AppProps};

use crate::codec::fragment::Fragment;

/// Mounts the app in `#app`, after installing the friendly panic message. In a Web Worker
/// (no window) the same module serves as the simulation worker instead.
pub fn start() {
    if web_sys::window().is_none() {
        crate::worker::register();
        return;
    }
    panic::install();
    offline::register_service_worker();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document.get_element_by_id("app") else {
        return;
    };
    let fragment = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| Fragment::parse(&h))
        .unwrap_or_default();
    wasm_bindgen_futures::spawn_local(async move {
        idle::after_first_paint().await;
        crate::i18n::format::prepare(fragment.lang.unwrap_or_default()).await;
        let mut props = app::AppProps::open(fragment).await;
        if props.fragment.view.unwrap_or_default() == crate::state::View::Plan {
            let first_paint = first_paint_planner(&root);
            planner::note_first_paint(first_paint.as_ref());
            // Reading the paint's layout is a task of its own: the app's first render that
            // follows is the longest of opening the page on a slow phone.
            gloo::timers::future::TimeoutFuture::new(0).await;
            // Taken out whole, as it is on screen (inputs emptied for a link included).
            if let Some(planner) = &first_paint {
                planner.remove();
            }
            props.first_paint = first_paint;
        }
        root.set_inner_html("");
        yew::Renderer::<App>::with_root_and_props(root, props).render();
    });
}

/// The planner of the page's first paint that is on screen: the paint holds one per language and
/// shows one.
fn first_paint_planner(root: &web_sys::Element) -> Option<web_sys::Element> {
    ["nl", "en"].into_iter().find_map(|code| {
        root.query_selector(&format!(".fp[lang=\"{code}\"] .planner"))
            .ok()
            .flatten()
            .filter(|planner| planner.get_bounding_client_rect().height() > 0.0)
    })
}
