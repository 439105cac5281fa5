//! The scenario bar above the planner: the saved scenarios (switch, save as, rename, duplicate,
//! delete), the offer to save a scenario opened from a link or preset, the workshop presets,
//! sharing, files, print, and the way to the compare view. Also the print-only report header.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::model::presets::WorkshopPreset;
use crate::model::scenario::Scenario;
use crate::state::library::NameError;
use crate::state::{Action, AppState, View};

use super::import_export::ImportExport;
use super::share::Share;
use super::{LibraryState, Origin, ScenarioText};
use crate::ui::crm_import::{ImportText, host};

/// Properties of [`Toolbar`].
#[derive(Properties, PartialEq, Clone)]
pub struct ToolbarProps {
    /// The app state.
    pub state: Rc<AppState>,
    /// Sends actions to the app's reducer.
    pub dispatch: Callback<Action>,
    /// The saved scenarios.
    pub library: UseStateHandle<LibraryState>,
}

/// Which inline form is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Idle,
    SaveAs,
    Rename,
    ConfirmDelete,
}

fn name_error(lang: Lang, e: NameError) -> &'static str {
    match e {
        NameError::Empty => ScenarioText::NameEmpty.get(lang),
        NameError::TooLong => ScenarioText::NameTooLong.get(lang),
        NameError::Taken => ScenarioText::NameTaken.get(lang),
    }
}

/// Applies a change to the library; when it opens a scenario, loads that into the page too.
/// Both updates land in the same render (yew batches them), so autosave sees them together.
fn change(
    library: &UseStateHandle<LibraryState>,
    dispatch: &Callback<Action>,
    f: impl FnOnce(&mut LibraryState) -> Option<Scenario>,
) {
    let mut next = (**library).clone();
    let open = f(&mut next);
    library.set(next);
    if let Some(s) = open {
        dispatch.emit(Action::Load(Box::new(s)));
    }
}

/// Loads the importer's bundle (its module mounts the import panel as it starts), or, when it
/// is loaded already, asks it to mount the panel again.
fn open_importer() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document
        .query_selector("script[data-importer]")
        .ok()
        .flatten()
        .is_some()
    {
        if let Ok(event) = web_sys::Event::new(host::OPEN) {
            let _ = web_sys::window().map(|w| w.dispatch_event(&event));
        }
        return;
    }
    let Ok(script) = document.create_element("script") else {
        return;
    };
    let _ = script.set_attribute("type", "module");
    let _ = script.set_attribute("src", crate::ui::crm_import::LOADER);
    let _ = script.set_attribute("data-importer", "");
    if let Some(head) = document.head() {
        let _ = head.append_child(&script);
    }
}

/// Sets the `view=` parameter of the address without reloading, so a reload or a bookmark
/// keeps the view.
pub fn set_view_in_address(lang: Lang, view: View) {
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        let _ = location.set_hash(&format!("lang={}&view={}", lang.code(), view.code()));
    }
}

/// The scenario bar.
#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let lang = props.state.lang;
    let t = |k: ScenarioText| k.get(lang);
    let mode = use_state_eq(|| Mode::Idle);
    let name_text = use_state_eq(String::new);
    let name_problem = use_state_eq(|| None::<NameError>);
    let preset = use_state_eq(|| WorkshopPreset::TypicalDealer);
    // The CRM import: its panel and worker are the importer's bundle, loaded only when it opens.
    let importing = use_state_eq(|| false);
    let toggle_import = {
        let importing = importing.clone();
        Callback::from(move |_: MouseEvent| {
            if *importing {
                host::close();
            } else {
                importing.set(true);
            }
        })
    };
    use_effect_with(*importing, |open| {
        if *open {
            open_importer();
        }
    });
    {
        let (importing, dispatch) = (importing.clone(), props.dispatch.clone());
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let listeners = window.map(|w| {
                let undo_dispatch = dispatch.clone();
                let apply = gloo::events::EventListener::new(&w, host::APPLY, move |e| {
                    let detail = e
                        .dyn_ref::<web_sys::CustomEvent>()
                        .map(web_sys::CustomEvent::detail)
                        .unwrap_or(JsValue::NULL);
                    let json = js_sys::Reflect::get(&detail, &"scenario".into())
                        .ok()
                        .and_then(|v| v.as_string())
                        .unwrap_or_default();
                    let result = match Scenario::from_json(&json) {
                        Ok(s) => {
                            dispatch.emit(Action::ApplyImport(Box::new(s)));
                            "applied".to_string()
                        }
                        Err(errors) => errors
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("; "),
                    };
                    let _ = js_sys::Reflect::set(&detail, &"result".into(), &result.into());
                });
                let undo = gloo::events::EventListener::new(&w, host::UNDO, move |_| {
                    undo_dispatch.emit(Action::Undo);
                });
                let close = gloo::events::EventListener::new(&w, host::CLOSE, move |_| {
                    importing.set(false);
                });
                (apply, undo, close)
            });
            move || drop(listeners)
        });
    }
    let lib = &*props.library;
    let current = lib.library.current;
    let current_name = lib
        .library
        .open_entry()
        .map_or_else(|| props.state.valid.name.clone(), |e| e.name.clone());

    let open_form = |m: Mode, initial: String| {
        let (mode, name_text, name_problem) =
            (mode.clone(), name_text.clone(), name_problem.clone());
        Callback::from(move |_: MouseEvent| {
            name_text.set(initial.clone());
            name_problem.set(None);
            mode.set(m);
        })
    };
    let cancel = {
        let mode = mode.clone();
        Callback::from(move |_: MouseEvent| mode.set(Mode::Idle))
    };
    let on_name_input = {
        let name_text = name_text.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            name_text.set(input.value());
        })
    };
    let submit_name = {
        let (mode, name_text, name_problem) =
            (mode.clone(), name_text.clone(), name_problem.clone());
        let (library, dispatch) = (props.library.clone(), props.dispatch.clone());
        let valid = Rc::clone(&props.state.valid);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut next = (*library).clone();
            let result = match *mode {
                Mode::SaveAs => next.library.save_as(&name_text, &valid),
                Mode::Rename => match next.library.current {
                    Some(i) => next.library.rename(i, &name_text),
                    None => Err(NameError::Empty),
                },
                _ => return,
            };
            match result {
                Ok(s) => {
                    next.origin = Origin::Default;
                    next.opened = Rc::new(s.clone());
                    library.set(next);
                    dispatch.emit(Action::Load(Box::new(s)));
                    mode.set(Mode::Idle);
                }
                Err(problem) => name_problem.set(Some(problem)),
            }
        })
    };
    let on_switch = {
        let (library, dispatch) = (props.library.clone(), props.dispatch.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                change(&library, &dispatch, |l| {
                    let s = l.library.switch(i);
                    if let Some(s) = &s {
                        l.opened = Rc::new(s.clone());
                        l.origin = Origin::Default;
                    }
                    s
                });
            }
        })
    };
    let on_duplicate = {
        let (library, dispatch) = (props.library.clone(), props.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            change(&library, &dispatch, |l| {
                let s = l
                    .library
                    .current
                    .and_then(|i| l.library.duplicate(i, ScenarioText::CopySuffix.get(lang)));
                if let Some(s) = &s {
                    l.opened = Rc::new(s.clone());
                }
                s
            });
        })
    };
    let on_delete = {
        let (library, dispatch, mode) =
            (props.library.clone(), props.dispatch.clone(), mode.clone());
        let valid = Rc::clone(&props.state.valid);
        Callback::from(move |_: MouseEvent| {
            change(&library, &dispatch, |l| {
                let s = l.library.current.and_then(|i| l.library.delete(i));
                // With nothing left open, what is on screen is unsaved work again.
                l.opened = Rc::new(s.clone().unwrap_or_else(|| (*valid).clone()));
                s
            });
            mode.set(Mode::Idle);
        })
    };
    let on_preset_pick = {
        let preset = preset.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(p) = WorkshopPreset::from_code(&select.value()) {
                preset.set(p);
            }
        })
    };
    let on_preset_load = {
        let (library, dispatch, preset) = (
            props.library.clone(),
            props.dispatch.clone(),
            preset.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let p = *preset;
            change(&library, &dispatch, |l| {
                // Loaded unsaved: nothing saved is overwritten; an edit saves it as new.
                let s = p.scenario();
                l.library.current = None;
                l.opened = Rc::new(s.clone());
                l.origin = Origin::Preset;
                Some(s)
            });
        })
    };
    let on_compare = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            set_view_in_address(lang, View::Compare);
            dispatch.emit(Action::SetView(View::Compare));
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });

    // Open on wide screens; on phones the planner comes first and the bar opens on request.
    let wide = use_memo((), |_| {
        web_sys::window()
            .and_then(|w| w.match_media("(min-width: 721px)").ok().flatten())
            .is_none_or(|m| m.matches())
    });
    // What the bar holds is built once it is first opened: closed on a phone, it is one line,
    // and its three dozen controls were a fifth of the planner's first render there. Once built
    // it stays, so closing it loses nothing typed in it.
    let built = use_state_eq(|| *wide);
    let on_toggle = {
        let built = built.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target()
                .and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok())
                .and_then(|v| v.as_bool())
                .unwrap_or(true);
            if open {
                built.set(true);
            }
        })
    };
    // The select shows the open entry; set as a property, since the `selected` attribute no
    // longer moves the selection once the user has picked something.
    let switch_ref = use_node_ref();
    {
        let switch_ref = switch_ref.clone();
        let count = lib.library.entries.len();
        use_effect_with((current, count, *built), move |(current, _, _)| {
            if let Some(select) = switch_ref.cast::<web_sys::HtmlSelectElement>() {
                select.set_value(&current.map(|i| i.to_string()).unwrap_or_default());
            }
        });
    }
    let options = lib.library.entries.iter().enumerate().map(|(i, e)| {
        html! { <option value={i.to_string()} selected={current == Some(i)}>{ &e.name }</option> }
    });
    let story = |p: WorkshopPreset| {
        let ((nl_title, nl_story), (en_title, en_story)) = p.texts();
        match lang {
            Lang::Nl => (nl_title, nl_story),
            Lang::En => (en_title, en_story),
        }
    };
    let offer = (current.is_none() && lib.origin != Origin::Default).then(|| {
        let text = if lib.origin == Origin::Link { t(ScenarioText::FromLink) } else { t(ScenarioText::PresetLoaded) };
        html! {
            <div class="notice info" role="status" data-offer="save">
                { text }{ " " }
                <button type="button" class="primary" data-action="save-offer"
                    onclick={open_form(Mode::SaveAs, current_name.clone())}>{ t(ScenarioText::SaveThis) }</button>
            </div>
        }
    });
    let form = match *mode {
        Mode::SaveAs | Mode::Rename => {
            let (label, action) = if *mode == Mode::SaveAs {
                (t(ScenarioText::Save), "save-as-confirm")
            } else {
                (t(ScenarioText::RenameDo), "rename-confirm")
            };
            let problem = (*name_problem).map(|p| name_error(lang, p));
            html! {
                <form class="name-form" onsubmit={submit_name}>
                    <label for="scenario-name">{ t(ScenarioText::Name) }</label>
                    <input id="scenario-name" type="text" data-field="scenario-name" maxlength="200"
                        value={(*name_text).clone()} oninput={on_name_input}
                        aria-invalid={problem.is_some().then_some("true")}
                        aria-describedby={problem.map(|_| "scenario-name-msg")} />
                    <button type="submit" class="primary" data-action={action}>{ label }</button>
                    <button type="button" class="secondary" onclick={cancel.clone()}>{ t(ScenarioText::Cancel) }</button>
                    if let Some(p) = problem { <p id="scenario-name-msg" class="field-error" role="alert">{ p }</p> }
                </form>
            }
        }
        Mode::ConfirmDelete => html! {
            <div class="name-form" role="group" aria-label={t(ScenarioText::Delete)}>
                <span>{ t(ScenarioText::DeleteQuestion) }{ " " }<strong>{ &current_name }</strong></span>
                <button type="button" class="danger" data-action="delete-confirm" onclick={on_delete}>{ t(ScenarioText::DeleteConfirm) }</button>
                <button type="button" class="secondary" onclick={cancel}>{ t(ScenarioText::Cancel) }</button>
            </div>
        },
        Mode::Idle => html! {},
    };
    // Today's date for the printed report, formatted again only when the language or the day
    // changes, and then once the page is idle: the first date an engine formats costs a slow
    // phone some 15 ms (Intl loads its calendar data), which the first render cannot spare and
    // nobody prints in. Reading the day is quick.
    let now = js_sys::Date::new_0();
    let day = (now.get_full_year(), now.get_month(), now.get_date());
    let date = use_state_eq(String::new);
    {
        let date = date.clone();
        use_effect_with((lang, day), move |&(lang, _)| {
            let pending = crate::ui::idle::when_idle(1000, move || {
                let text = js_sys::Date::new_0()
                    .to_locale_date_string(lang.tag(), &wasm_bindgen::JsValue::UNDEFINED);
                date.set(text.as_string().unwrap_or_default());
            });
            move || {
                if let Some(pending) = pending {
                    pending.cancel();
                }
            }
        });
    }
    html! {
        <>
            <div class="print-only print-header">
                <p><strong>{ &current_name }</strong>{ " · " }{ t(ScenarioText::PrintedOn) }{ " " }<span data-print-date="">{ (*date).clone() }</span></p>
                <p class="print-sources"><strong>{ t(ScenarioText::PrintSources) }{ ": " }</strong>{ t(ScenarioText::PrintSourcesText) }</p>
            </div>
            <section class="scenario-bar no-print" aria-label={t(ScenarioText::Scenarios)}>
                { for offer }
                <details class="scenario-details" open={*wide} ontoggle={on_toggle}>
                <summary>{ t(ScenarioText::BarSummary) }</summary>
                if *built {
                <div class="bar-row">
                    <label for="scenario-switch">{ t(ScenarioText::Saved) }</label>
                    <select id="scenario-switch" data-action="switch" onchange={on_switch} ref={switch_ref}>
                        if current.is_none() {
                            <option value="" selected=true>{ format!("{} {}", props.state.valid.name, t(ScenarioText::NotSaved)) }</option>
                        }
                        { for options }
                    </select>
                    <button type="button" class="secondary" data-action="save-as" onclick={open_form(Mode::SaveAs, current_name.clone())}>{ t(ScenarioText::SaveAs) }</button>
                    <button type="button" class="secondary" data-action="rename" disabled={current.is_none()}
                        onclick={open_form(Mode::Rename, current_name.clone())}>{ t(ScenarioText::Rename) }</button>
                    <button type="button" class="secondary" data-action="duplicate" disabled={current.is_none()} onclick={on_duplicate}>{ t(ScenarioText::Duplicate) }</button>
                    <button type="button" class="secondary" data-action="delete" disabled={current.is_none()}
                        onclick={open_form(Mode::ConfirmDelete, String::new())}>{ t(ScenarioText::Delete) }</button>
                    <button type="button" class="secondary" data-action="compare" onclick={on_compare}>{ t(ScenarioText::Compare) }</button>
                </div>
                { form }
                <div class="bar-row">
                    <label for="preset-select">{ t(ScenarioText::Presets) }</label>
                    <select id="preset-select" data-action="preset" onchange={on_preset_pick} aria-describedby="preset-story">
                        { for WorkshopPreset::all().into_iter().map(|p| html! {
                            <option value={p.code()} selected={*preset == p}>{ story(p).0 }</option>
                        }) }
                    </select>
                    <button type="button" class="secondary" data-action="load-preset" onclick={on_preset_load}>{ t(ScenarioText::LoadPreset) }</button>
                    <span id="preset-story" class="hint">{ story(*preset).1 }</span>
                </div>
                <div class="bar-row">
                    <Share {lang} scenario={Rc::clone(&props.state.valid)} />
                    <ImportExport {lang} state={Rc::clone(&props.state)} dispatch={props.dispatch.clone()} library={props.library.clone()} />
                    <button type="button" class="secondary" data-action="print" onclick={on_print}>{ t(ScenarioText::Print) }</button>
                    <button type="button" class="secondary" data-action="crm-import" aria-expanded={(*importing).to_string()}
                        aria-controls="crm-import" onclick={toggle_import}>{ ImportText::Open.get(lang) }</button>
                </div>
                }
                </details>
            </section>
            if *importing {
                <div id="crm-import">
                    <div id={host::ROOT_ID} data-lang={lang.code()} data-scenario={props.state.valid.to_json()}
                        data-can-undo={props.state.can_undo().to_string()}></div>
                </div>
            }
        </>
    }
}
