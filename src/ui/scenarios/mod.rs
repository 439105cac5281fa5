//! Scenarios: the saved library and its autosave, share links, files, CSV, presets and print.
//! [`startup`] decides what the page opens on (a link, the open saved scenario, or the default),
//! [`use_autosave`] writes the library after every change, and [`Toolbar`] holds the controls.

mod import_export;
pub mod share;
mod storage;
mod text;
mod toolbar;

use std::rc::Rc;

use yew::prelude::*;

use crate::codec::fragment::Fragment;
use crate::codec::link::{self, LinkError};
use crate::i18n::Lang;
use crate::model::presets::default_scenario;
use crate::model::scenario::{FieldError, Scenario};
use crate::state::library::{BACKUP_KEY, Library, LoadNotice, STORAGE_KEY};
use crate::state::{AppState, View};

use super::messages;
use storage::StorageError;

pub use text::ScenarioText;
pub use toolbar::{Toolbar, set_view_in_address};

/// Where the scenario on screen came from while it is not saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The default scenario (first visit) or a saved one.
    Default,
    /// A share link.
    Link,
    /// A workshop preset.
    Preset,
}

/// A message above the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The link could not be read.
    Link(LinkError),
    /// Something found in the stored library.
    Load(LoadNotice),
    /// The storage could not be used.
    Storage(StorageError),
}

/// The library as the page holds it, beside the app state.
#[derive(Clone, Debug, PartialEq)]
pub struct LibraryState {
    /// The saved scenarios.
    pub library: Library,
    /// What was opened unsaved (autosave saves edits of it as a new entry).
    pub opened: Rc<Scenario>,
    /// Where the unsaved scenario came from.
    pub origin: Origin,
    /// Messages to show.
    pub notices: Rc<Vec<Notice>>,
    /// No writes at all (a newer library, or the embed view).
    pub read_only: bool,
    /// The raw stored text to back up before the first write, when reading it lost something.
    pub backup: Option<Rc<String>>,
}

impl LibraryState {
    /// Adds a notice unless it is already shown.
    pub fn notify(&mut self, notice: Notice) {
        if !self.notices.contains(&notice) {
            Rc::make_mut(&mut self.notices).push(notice);
        }
    }
}

/// What the page opens on: the link's scenario (unsaved, saved ones untouched), else the open
/// saved scenario, else the default. `link` is the JSON text the fragment's `s=` unpacked to.
/// The embed view reads no storage at all.
pub fn startup(
    fragment: &Fragment,
    link: Option<&Result<String, LinkError>>,
) -> (Scenario, LibraryState) {
    let embed = fragment.view == Some(View::Embed);
    let mut notices = Vec::new();
    let mut read_only = embed;
    let mut backup = None;
    let mut library = Library::default();
    if !embed {
        match storage::read(STORAGE_KEY) {
            Ok(text) => {
                let loaded = Library::load(text.as_deref());
                if loaded.notices.iter().any(LoadNotice::loses_data) {
                    backup = text.map(Rc::new);
                }
                read_only |= loaded.read_only;
                library = loaded.library;
                notices.extend(loaded.notices.into_iter().map(Notice::Load));
            }
            Err(e) => notices.push(Notice::Storage(e)),
        }
    }
    let (scenario, origin) = match link.map(|text| text.clone().and_then(|t| link::scenario(&t))) {
        Some(Ok(s)) => {
            library.current = None;
            (s, Origin::Link)
        }
        Some(Err(e)) => {
            notices.push(Notice::Link(e));
            library.current = None;
            (default_scenario(), Origin::Default)
        }
        None => match library.open_entry() {
            Some(entry) => (entry.scenario.clone(), Origin::Default),
            None => (default_scenario(), Origin::Default),
        },
    };
    let state = LibraryState {
        library,
        opened: Rc::new(scenario.clone()),
        origin,
        notices: Rc::new(notices),
        read_only,
        backup,
    };
    (scenario, state)
}

/// Autosave: after every change of the valid scenario or the library, records the scenario in
/// the library and writes it to LocalStorage, unless the page is read-only (embed, newer data)
/// or in presentation mode.
/// Runs as an effect of the component that owns the reducer, never inside the reducer.
#[hook]
pub fn use_autosave(state: &AppState, library: &UseStateHandle<LibraryState>) {
    // What storage holds: the library as read at startup, so merely opening the page (or a
    // link) writes nothing; the first real change does. Compared as values, so a render that
    // changes nothing serializes nothing.
    let last_written = {
        let library = library.clone();
        use_mut_ref(move || Some(library.library.clone()))
    };
    // The widget never writes; the projector mode's levers are a demonstration, not an edit
    // worth keeping.
    let embed = matches!(state.view, View::Embed | View::Present);
    use_effect_with((Rc::clone(&state.valid), (**library).clone(), embed), {
        let library = library.clone();
        move |(valid, current, embed): &(Rc<Scenario>, LibraryState, bool)| {
            if *embed || current.read_only {
                return;
            }
            let mut next = current.clone();
            next.library.record(valid, &next.opened);
            if let Some(raw) = next.backup.take() {
                // Keep what could not be read before overwriting it.
                let _ = storage::write(BACKUP_KEY, &raw);
            }
            if last_written.borrow().as_ref() != Some(&next.library) {
                match storage::write(STORAGE_KEY, &next.library.to_json()) {
                    Ok(()) => *last_written.borrow_mut() = Some(next.library.clone()),
                    Err(e) => next.notify(Notice::Storage(e)),
                }
            }
            if next != *current {
                library.set(next);
            }
        }
    });
}

/// A field problem as `path: message` in the user's language.
pub fn field_error_text(lang: Lang, e: &FieldError) -> Html {
    html! {
        <li>
            if !e.path.is_empty() { <code>{ &e.path }</code>{ ": " } }
            { messages::rule(lang, e) }
        </li>
    }
}

/// What is wrong with a link that could not be opened, and that the defaults are shown instead.
pub fn link_error_text(lang: Lang, e: &LinkError) -> Html {
    let t = |k: ScenarioText| k.get(lang);
    html! {
        <>
            { match e {
                LinkError::NotBase64 => html! { t(ScenarioText::LinkNotBase64) },
                LinkError::NotDeflate => html! { t(ScenarioText::LinkNotDeflate) },
                LinkError::TooLarge => html! { t(ScenarioText::LinkTooLarge) },
                LinkError::NotText => html! { t(ScenarioText::LinkNotText) },
                LinkError::Unsupported => html! { t(ScenarioText::LinkUnsupported) },
                LinkError::Invalid(errors) => html! {
                    <>
                        { t(ScenarioText::LinkInvalid) }
                        <ul>{ for errors.iter().map(|e| field_error_text(lang, e)) }</ul>
                    </>
                },
            } }
            { " " }{ t(ScenarioText::LinkDefaults) }
        </>
    }
}

/// The notices, each dismissable; errors as alerts, the rest as status.
#[derive(Properties, PartialEq, Clone)]
pub struct NoticesProps {
    /// Interface language.
    pub lang: Lang,
    /// The library state holding the notices.
    pub library: UseStateHandle<LibraryState>,
}

/// The notices above the page.
#[function_component(Notices)]
pub fn notices(props: &NoticesProps) -> Html {
    let lang = props.lang;
    let t = |k: ScenarioText| k.get(lang);
    let items = props.library.notices.iter().enumerate().map(|(i, n)| {
        let dismiss = {
            let library = props.library.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = (*library).clone();
                if i < next.notices.len() {
                    Rc::make_mut(&mut next.notices).remove(i);
                }
                library.set(next);
            })
        };
        let (error, body) = match n {
            Notice::Link(e) => (true, link_error_text(lang, e)),
            Notice::Storage(StorageError::Unavailable) => {
                (false, html! { t(ScenarioText::StorageUnavailable) })
            }
            Notice::Storage(StorageError::Full) => (true, html! { t(ScenarioText::StorageFull) }),
            Notice::Load(LoadNotice::NotJson | LoadNotice::WrongShape) => {
                (false, html! { t(ScenarioText::StorageCorrupt) })
            }
            Notice::Load(LoadNotice::NewerVersion { .. }) => {
                (false, html! { t(ScenarioText::StorageNewer) })
            }
            Notice::Load(LoadNotice::Migrated { .. }) => {
                (false, html! { t(ScenarioText::StorageMigrated) })
            }
            Notice::Load(LoadNotice::Dropped { name, errors }) => (
                false,
                html! {
                    <>
                        { t(ScenarioText::StorageDropped) }{ " " }<strong>{ name }</strong>
                        <ul>{ for errors.iter().take(5).map(|e| field_error_text(lang, e)) }</ul>
                    </>
                },
            ),
        };
        let kind = match n {
            Notice::Link(_) => "link",
            Notice::Load(_) => "storage",
            Notice::Storage(_) => "storage",
        };
        html! {
            <div class={classes!("notice", if error { "error" } else { "warn" })}
                role={if error { "alert" } else { "status" }} data-notice={kind}>
                <div class="notice-body">{ body }</div>
                <button type="button" class="notice-dismiss" onclick={dismiss}
                    aria-label={t(ScenarioText::Dismiss)}>{ "×" }</button>
            </div>
        }
    });
    html! { <div class="scenario-notices">{ for items }</div> }
}
