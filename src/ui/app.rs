//! The root component: owns the state reducer, reads the address fragment (and follows it when it
//! changes while the page is open), keeps `<html lang>` in step with the language, and shows the
//! page for the current view.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::codec::fragment::{AddressChange, Fragment};
use crate::codec::link::{self, LinkError};
use crate::i18n::{Lang, Text};
use crate::state::{Action, AppState, View};

use super::embed::{Embed, EmbedText};
use super::embed_code::EmbedCode;
use super::planner::Planner;
use super::present::Present;
use super::simulation::SimulationBridge;
use crate::state::widget::single_source;

/// Properties of [`App`]: see [`AppProps::open`].
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The address fragment the page was opened with.
    pub fragment: Fragment,
    /// The JSON text the fragment's scenario (`s=`) unpacked to, if it has one.
    pub link: Option<Result<String, LinkError>>,
    /// The first paint's planner, which holds the planner's place for one task while the rest
    /// of the page mounts: see [`App`].
    pub first_paint: Option<web_sys::Element>,
}

impl AppProps {
    /// The properties for a page opened with `fragment`: unpacks its scenario first, which the
    /// browser does asynchronously (in a few milliseconds).
    pub async fn open(fragment: Fragment) -> AppProps {
        let link = match fragment.scenario.as_deref() {
            Some(value) => Some(link::decode_text(value).await),
            None => None,
        };
        AppProps {
            fragment,
            link,
            first_paint: None,
        }
    }
}

/// The whole page.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let (fragment, link) = (props.fragment.clone(), props.link.clone());
    // What to open on (a link, the open saved scenario, or the default) and the saved library.
    let boot = use_memo((), move |_| {
        super::scenarios::startup(&fragment, link.as_ref())
    });
    let library = {
        let boot = Rc::clone(&boot);
        use_state_eq(move || boot.1.clone())
    };
    let state = {
        let (fragment, boot) = (props.fragment.clone(), Rc::clone(&boot));
        use_reducer(move || {
            let lang = fragment.lang.unwrap_or_default();
            let view = fragment.view.unwrap_or_default();
            // The widget edits one combined lead source (same expected figures, fewer inputs).
            let scenario = if view == View::Embed {
                single_source(boot.0.clone(), EmbedText::AllLeads.get(lang))
            } else {
                boot.0.clone()
            };
            AppState::new(lang, view, scenario)
        })
    };
    super::scenarios::use_autosave(&state, &library);
    // Only the planner and compare show simulation figures: the widget and the projector mode
    // start no worker (and load no second copy of the wasm), except that the projector mode of a
    // staffed scenario has its staffing lever, whose best block the worker finds.
    let simulates = matches!(state.view, View::Plan | View::Compare)
        || (state.view == View::Present && state.valid.process_now.capacity.is_some());
    // Started in a task of its own after the first render, which is long enough on a slow
    // phone, and handed to the page (a render) in the next; the first simulation is sent later
    // anyway (once the page is ready).
    let worker = use_state_eq(|| None::<SimulationBridge>);
    {
        let worker = worker.clone();
        use_effect_with(simulates, move |&simulates| {
            let handover: Rc<RefCell<Option<Timeout>>> = Rc::default();
            let start = if simulates {
                let handover = Rc::clone(&handover);
                Some(Timeout::new(0, move || {
                    let bridge = SimulationBridge::spawn();
                    *handover.borrow_mut() = Some(Timeout::new(0, move || worker.set(bridge)));
                }))
            } else {
                worker.set(None);
                None
            };
            move || {
                drop(start);
                handover.borrow_mut().take();
            }
        });
    }
    // On a slow phone the first render is one long task, mostly the engine compiling each
    // function it calls for the first time. So the page mounts around the first paint's planner,
    // which looks the same, and the planner mounts a task later: it computes its results while
    // that paint stays in place, and its first stage replaces it in the task after (see
    // `use_mount_stages`).
    let planner_in = use_state_eq(|| props.first_paint.is_none());
    {
        let planner_in = planner_in.clone();
        use_effect_with((), move |_| {
            let next = (!*planner_in).then(|| Timeout::new(0, move || planner_in.set(true)));
            move || drop(next)
        });
    }
    use_html_lang(state.lang);
    // The planner marks the page ready once its sections are in; every other view at once.
    use_effect_with(state.view, |view| {
        if *view != View::Plan {
            mark_page_ready();
        }
    });
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    use_address_changes(state.lang, state.view, &dispatch);
    let lang = state.lang;
    // A new snapshot only when the state changed, not with every render: a render of the app
    // for anything else (the worker's handover, the saved library) then gives the planner and
    // its input groups the same state, and they do not render again. (Compared by value: a
    // state's address could be reused by a later one.)
    let snapshot: Rc<AppState> = use_memo((*state).clone(), Clone::clone);
    // The widget and the projector mode are whole pages of their own, without the app's chrome.
    match state.view {
        View::Embed => {
            return html! {
                <main id="main" class="embed-main">
                    <super::scenarios::Notices {lang} library={library.clone()} />
                    <Embed state={snapshot} {dispatch} />
                </main>
            };
        }
        View::Present => {
            return html! {
                <main id="main" class="present-main">
                    <super::scenarios::Notices {lang} library={library.clone()} />
                    <ContextProvider<Option<SimulationBridge>> context={(*worker).clone()}>
                        <Present state={snapshot} {dispatch} />
                    </ContextProvider<Option<SimulationBridge>>>
                </main>
            };
        }
        View::Plan | View::Compare => {}
    }
    html! {
        <>
            <a class="skip-link" href="#results">{ if lang == Lang::Nl { "Naar de resultaten" } else { "Skip to results" } }</a>
            <header class="app-header">
                <div class="brand">
                    <h1>{ Text::AppTitle.get(lang) }</h1>
                    <p class="tagline">{ Text::Tagline.get(lang) }</p>
                </div>
                <div class="header-actions">
                    <EmbedCode {lang} scenario={Rc::clone(&state.valid)} />
                    <LangSwitch {lang} dispatch={dispatch.clone()} />
                </div>
            </header>
            <super::scenarios::Notices {lang} library={library.clone()} />
            <ContextProvider<Option<SimulationBridge>> context={(*worker).clone()}>
                <main id="main">
                    { match state.view {
                        View::Compare => html! {
                            <super::compare::Compare {lang} screen={Rc::clone(&state.valid)} library={library.clone()} {dispatch} />
                        },
                        View::Plan => html! {
                            <>
                                <super::scenarios::Toolbar state={Rc::clone(&snapshot)} dispatch={dispatch.clone()} library={library.clone()} />
                                if *planner_in {
                                    <Planner state={snapshot} {dispatch} first_paint={props.first_paint.clone()} />
                                } else if let Some(first_paint) = &props.first_paint {
                                    { Html::VRef(first_paint.clone().into()) }
                                }
                            </>
                        },
                        // Returned above: they are pages of their own.
                        View::Embed | View::Present => html! {},
                    } }
                </main>
            </ContextProvider<Option<SimulationBridge>>>
            <footer class="app-footer"><p>{ Text::PrivacyNote.get(lang) }</p></footer>
        </>
    }
}

#[derive(Properties, PartialEq, Clone)]
struct LangSwitchProps {
    lang: Lang,
    dispatch: Callback<Action>,
}

/// The language switch: two buttons, the current one pressed.
#[function_component(LangSwitch)]
fn lang_switch(props: &LangSwitchProps) -> Html {
    let button = |lang: Lang, label: &'static str| {
        let dispatch = props.dispatch.clone();
        html! {
            <button type="button" lang={lang.code()} data-lang={lang.code()}
                aria-pressed={if props.lang == lang { "true" } else { "false" }}
                onclick={Callback::from(move |_| dispatch.emit(Action::SetLang(lang)))}>{ label }</button>
        }
    };
    html! {
        <div class="lang-switch" role="group" aria-label={Text::Language.get(props.lang)}>
            { button(Lang::Nl, "NL") }
            { button(Lang::En, "EN") }
        </div>
    }
}

/// Callbacks waiting for the page to be ready.
type Waiting = Vec<Box<dyn FnOnce()>>;

thread_local! {
    /// What waits for the page to be ready ([`when_page_ready`]); `None` once it is.
    static WAITING_FOR_READY: RefCell<Option<Waiting>> = RefCell::new(Some(Vec::new()));
}

/// Marks the page as ready: every section mounted (`<html data-ready>`, which the end-to-end
/// tests wait for), and runs what waited for it ([`when_page_ready`]). Later calls do nothing
/// more.
pub(super) fn mark_page_ready() {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-ready", "");
    }
    let waiting = WAITING_FOR_READY.with(|w| w.borrow_mut().take());
    for f in waiting.into_iter().flatten() {
        f();
    }
}

/// Runs `f` once the page is ready (see [`mark_page_ready`]): at once if it is. The first
/// simulation waits for it, so it does not share a small machine's CPU with the planner's
/// staged first render.
pub(super) fn when_page_ready(f: impl FnOnce() + 'static) {
    let waiting = WAITING_FOR_READY.with(|w| match &mut *w.borrow_mut() {
        Some(list) => {
            list.push(Box::new(f));
            None
        }
        None => Some(f),
    });
    if let Some(f) = waiting {
        f();
    }
}

/// Keeps `<html lang>` in step with the interface language (screen readers, hyphenation).
#[hook]
pub(super) fn use_html_lang(lang: Lang) {
    use_effect_with(lang, |lang| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
}

/// Follows the address when its fragment changes while the page is open: a share link pasted
/// into the address bar of an open leadplan tab, or a hand-edited `lang=`/`view=`.
#[hook]
fn use_address_changes(lang: Lang, view: View, dispatch: &Callback<Action>) {
    let current = use_mut_ref(|| (lang, view));
    *current.borrow_mut() = (lang, view);
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|window| {
            gloo::events::EventListener::new(&window, "hashchange", move |_| {
                let Some(location) = web_sys::window().map(|w| w.location()) else {
                    return;
                };
                let fragment = Fragment::parse(&location.hash().unwrap_or_default());
                let (lang, view) = *current.borrow();
                match fragment.change_from(lang, view) {
                    AddressChange::None => {}
                    AddressChange::Switch(new_lang, new_view) => {
                        if let Some(l) = new_lang {
                            dispatch.emit(Action::SetLang(l));
                        }
                        if let Some(v) = new_view {
                            dispatch.emit(Action::SetView(v));
                        }
                    }
                    AddressChange::Reopen => {
                        let _ = location.reload();
                    }
                }
            })
        });
        move || drop(listener)
    });
}
