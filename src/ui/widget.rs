//! The widget's own page (`widget.html`, the `widget` binary): only the embedded widget, its
//! link notices and the friendly panic message, so an article's readers download a fraction of
//! the planner. Opened with the same fragment as the planner's `#view=embed` (which forwards
//! here): `lang=`, `s=`.

use std::rc::Rc;

use yew::prelude::*;

use crate::codec::fragment::Fragment;
use crate::codec::link::{self, LinkError};
use crate::model::presets::default_scenario;
use crate::state::widget::single_source;
use crate::state::{Action, AppState, View, WidgetState};

use super::embed::{Embed, EmbedText};
use super::scenarios::link_error_text;

/// Mounts the widget in `#app`.
pub fn start() {
    super::panic::install();
    super::offline::register_service_worker();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
    else {
        return;
    };
    let fragment = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| Fragment::parse(&h))
        .unwrap_or_default();
    wasm_bindgen_futures::spawn_local(async move {
        super::idle::after_first_paint().await;
        crate::i18n::format::prepare(fragment.lang.unwrap_or_default()).await;
        let link = match fragment.scenario.as_deref() {
            Some(value) => Some(link::decode_text(value).await),
            None => None,
        };
        root.set_inner_html("");
        yew::Renderer::<Widget>::with_root_and_props(root, WidgetProps { fragment, link }).render();
    });
}

/// Properties of [`Widget`].
#[derive(Properties, PartialEq, Clone)]
pub struct WidgetProps {
    /// The address fragment the page was opened with.
    pub fragment: Fragment,
    /// The JSON text the fragment's scenario (`s=`) unpacked to, if it has one.
    pub link: Option<Result<String, LinkError>>,
}

/// The widget page's root: the state reducer and the widget. It reads and writes no storage.
#[function_component(Widget)]
pub fn widget(props: &WidgetProps) -> Html {
    let lang = props.fragment.lang.unwrap_or_default();
    // The link's scenario, or the default with what was wrong with the link.
    let opened = {
        let link = props.link.clone();
        use_memo((), move |_| {
            match link.map(|text| text.and_then(|t| link::scenario(&t))) {
                Some(Ok(s)) => (s, None),
                Some(Err(e)) => (default_scenario(), Some(e)),
                None => (default_scenario(), None),
            }
        })
    };
    let state = {
        let opened = Rc::clone(&opened);
        use_reducer(move || {
            let scenario = single_source(opened.0.clone(), EmbedText::AllLeads.get(lang));
            WidgetState(AppState::new(lang, View::Embed, scenario))
        })
    };
    super::app::use_html_lang(state.0.lang);
    use_effect_with((), |_| super::app::mark_page_ready());
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let snapshot: Rc<AppState> = Rc::new(state.0.clone());
    html! {
        <main id="main" class="embed-main">
            if let Some(e) = &opened.1 {
                <div class="notices"><div class="notice error" role="alert"><div class="notice-body">{ link_error_text(state.0.lang, e) }</div></div></div>
            }
            <Embed state={snapshot} {dispatch} />
        </main>
    }
}
