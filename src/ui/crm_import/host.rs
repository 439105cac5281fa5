//! How the import panel (in the importer's bundle) and the planner (in its own) talk, through
//! the DOM only, so neither bundle links the other:
//!
//! - The planner renders `<div id="crm-import-root">` while the import is open, with
//!   `data-lang` (`nl`/`en`), `data-scenario` (its valid scenario as JSON) and `data-can-undo`;
//!   the panel follows their changes (a `MutationObserver`).
//! - The panel dispatches on `window`: [`APPLY`] with `detail.scenario` (the scenario JSON with
//!   the ticked groups written in; the planner sets `detail.result` to `"applied"` or to why
//!   not, synchronously), [`UNDO`], and [`CLOSE`] (the planner then removes the root; the panel
//!   unmounts on the same event, whoever sends it).
//! - [`OPEN`] asks a loaded importer to mount the panel again (the first time, the importer
//!   mounts it when its module starts).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::model::presets::default_scenario;
use crate::model::scenario::Scenario;

/// The id of the planner's element the panel lives in.
pub const ROOT_ID: &str = "crm-import-root";
/// Event: apply a scenario (`detail.scenario`, JSON text).
pub const APPLY: &str = "leadplan:import-apply";
/// Event: undo the last step.
pub const UNDO: &str = "leadplan:undo";
/// Event: the import closes.
pub const CLOSE: &str = "leadplan:import-close";
/// Event: the import opens again (the importer already loaded).
pub const OPEN: &str = "leadplan:import-open";

/// What the planner hands the panel.
#[derive(Clone, Debug, PartialEq)]
pub struct HostView {
    /// The page's language.
    pub lang: Lang,
    /// The planner's (valid) scenario.
    pub scenario: Rc<Scenario>,
    /// Whether Undo can act.
    pub can_undo: bool,
}

/// Reads the root's data attributes.
pub fn read(root: &web_sys::Element) -> HostView {
    let lang = root
        .get_attribute("data-lang")
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default();
    let scenario = root
        .get_attribute("data-scenario")
        .and_then(|j| Scenario::from_json(&j).ok())
        .unwrap_or_else(default_scenario);
    HostView {
        lang,
        scenario: Rc::new(scenario),
        can_undo: root.get_attribute("data-can-undo").as_deref() == Some("true"),
    }
}

/// The host's view, read again whenever the root's attributes change.
#[hook]
pub fn use_host(root: &web_sys::Element) -> HostView {
    let view = use_state_eq(|| read(root));
    {
        let (root, view) = (root.clone(), view.clone());
        use_effect_with((), move |_| {
            let observed = root.clone();
            let callback = Closure::<dyn FnMut()>::new(move || view.set(read(&observed)));
            let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let Some(o) = &observer {
                let options = web_sys::MutationObserverInit::new();
                options.set_attributes(true);
                let _ = o.observe_with_options(&root, &options);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(callback);
            }
        });
    }
    (*view).clone()
}

fn dispatch(name: &str, detail: &JsValue) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = window.dispatch_event(&event);
    }
}

/// Asks the planner to apply `scenario` (JSON); `Err` with the planner's reason.
pub fn apply(scenario: &str) -> Result<(), String> {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"scenario".into(), &JsValue::from_str(scenario));
    dispatch(APPLY, &detail);
    match js_sys::Reflect::get(&detail, &"result".into())
        .ok()
        .and_then(|r| r.as_string())
    {
        Some(r) if r == "applied" => Ok(()),
        Some(why) => Err(why),
        None => Err("the planner did not answer".into()),
    }
}

/// Asks the planner to undo its last step.
pub fn undo() {
    dispatch(UNDO, &JsValue::NULL);
}

/// Closes the import.
pub fn close() {
    dispatch(CLOSE, &JsValue::NULL);
}

thread_local! {
    /// The mounted panel, if any.
    static MOUNTED: RefCell<Option<yew::AppHandle<Mounted>>> = const { RefCell::new(None) };
}

/// Properties of [`Mounted`].
#[derive(Properties, PartialEq, Clone)]
pub struct MountedProps {
    /// The root.
    pub root: web_sys::Element,
}

/// The panel as an app of its own.
#[function_component(Mounted)]
pub fn mounted(props: &MountedProps) -> Html {
    html! { <super::CrmImport root={props.root.clone()} /> }
}

/// An empty component, for [`reserve_the_planners_tree_id`].
#[function_component(Nothing)]
fn nothing() -> Html {
    html! {}
}

/// Yew tells its apps apart by a number it writes on their elements, counted from 1 by each
/// module on its own: the planner, its module's only app, is 1. The panel is an app of the
/// importer's module mounted inside the planner's elements, so as the importer's first app it
/// would be 1 too, and the planner's event handling (which runs first, on its root) would take
/// the panel's clicks for its own and run whichever of its listeners has the same number (Apply
/// closed the import). An app made and dropped here, before the panel's, takes 1.
fn reserve_the_planners_tree_id() {
    if let Some(spare) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok())
    {
        yew::Renderer::<Nothing>::with_root(spare)
            .render()
            .destroy();
    }
}

fn mount_now() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ROOT_ID))
    else {
        return;
    };
    MOUNTED.with(|m| {
        if let Some(old) = m.borrow_mut().take() {
            old.destroy();
        }
        let host = root.clone();
        *m.borrow_mut() = Some(
            yew::Renderer::<Mounted>::with_root_and_props(host, MountedProps { root }).render(),
        );
    });
}

/// The importer's start on the main thread: mounts the panel in the planner's root, again on
/// each [`OPEN`], and unmounts it on [`CLOSE`].
pub fn start() {
    reserve_the_planners_tree_id();
    mount_now();
    let Some(window) = web_sys::window() else {
        return;
    };
    gloo::events::EventListener::new(&window, OPEN, |_| mount_now()).forget();
    gloo::events::EventListener::new(&window, CLOSE, |_| {
        MOUNTED.with(|m| {
            if let Some(old) = m.borrow_mut().take() {
                old.destroy();
            }
        });
    })
    .forget();
}
