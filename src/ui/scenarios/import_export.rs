//! Files: the scenario as JSON (export and import) and the annual plan as CSV. Downloads go
//! through a Blob, an object URL and an `<a download>`; nothing leaves the machine.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::codec::{csv, file};
use crate::i18n::Lang;
use crate::model::expected::expected;
use crate::model::scenario::FieldError;
use crate::state::{Action, AppState};

use super::{LibraryState, Origin, ScenarioText, field_error_text};

/// Offers `content` as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let result = click_link(name, &url);
    // Revoke later: revoking at once can cancel the download before the browser has read it.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    result
}

/// Clicks a temporary `<a href download>`.
pub fn click_link(name: &str, href: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(JsValue::NULL)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(href);
    a.set_download(name);
    a.set_attribute("hidden", "")?;
    let body = document.body().ok_or(JsValue::NULL)?;
    body.append_child(&a)?;
    a.click();
    a.remove();
    Ok(())
}

/// Properties of [`ImportExport`].
#[derive(Properties, PartialEq, Clone)]
pub struct ImportExportProps {
    /// Interface language.
    pub lang: Lang,
    /// The app state.
    pub state: Rc<AppState>,
    /// Sends actions to the app's reducer.
    pub dispatch: Callback<Action>,
    /// The saved scenarios.
    pub library: UseStateHandle<LibraryState>,
}

/// What the last import did.
#[derive(Clone, Debug, PartialEq)]
enum ImportResult {
    Saved(String),
    Failed(Vec<FieldError>),
    Unreadable,
}

/// Export and import buttons.
#[function_component(ImportExport)]
pub fn import_export(props: &ImportExportProps) -> Html {
    let lang = props.lang;
    let t = |k: ScenarioText| k.get(lang);
    let result = use_state_eq(|| None::<ImportResult>);
    let export_json = {
        let scenario = Rc::clone(&props.state.valid);
        Callback::from(move |_: MouseEvent| {
            let name = file::file_name(&scenario.name, "json");
            let _ = download(&name, "application/json", &file::export(&scenario));
        })
    };
    let export_csv = {
        let scenario = Rc::clone(&props.state.valid);
        Callback::from(move |_: MouseEvent| {
            if let Ok((e, _)) = expected(&scenario) {
                let text = csv::plan_csv(lang, &scenario, &e);
                let name = file::file_name(&scenario.name, "csv");
                let _ = download(&name, "text/csv;charset=utf-8", &text);
            }
        })
    };
    let on_file = {
        let (result, library, dispatch) = (
            result.clone(),
            props.library.clone(),
            props.dispatch.clone(),
        );
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(f) = input.files().and_then(|l| l.get(0)) else {
                return;
            };
            // Let the same file be picked again after fixing it.
            input.set_value("");
            let (result, library, dispatch) = (result.clone(), library.clone(), dispatch.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if f.size() > file::MAX_FILE_BYTES as f64 {
                    result.set(Some(ImportResult::Unreadable));
                    return;
                }
                let text = wasm_bindgen_futures::JsFuture::from(f.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                let Some(text) = text else {
                    result.set(Some(ImportResult::Unreadable));
                    return;
                };
                match file::import(&text) {
                    Ok(s) => {
                        // Saved as a new entry: an import never overwrites a saved scenario.
                        let mut next = (*library).clone();
                        let name = next.library.unique_name(&s.name, None);
                        match next.library.save_as(&name, &s) {
                            Ok(saved) => {
                                next.opened = Rc::new(saved.clone());
                                next.origin = Origin::Default;
                                library.set(next);
                                dispatch.emit(Action::Load(Box::new(saved)));
                                result.set(Some(ImportResult::Saved(name)));
                            }
                            Err(_) => result.set(Some(ImportResult::Unreadable)),
                        }
                    }
                    Err(errors) => result.set(Some(ImportResult::Failed(errors))),
                }
            });
        })
    };
    let report = match &*result {
        None => html! {},
        Some(ImportResult::Saved(name)) => html! {
            <p class="notice info" role="status" data-import="ok">{ t(ScenarioText::Imported) }{ " " }<strong>{ name }</strong></p>
        },
        Some(ImportResult::Failed(errors)) => html! {
            <div class="notice error" role="alert" data-import="failed">
                { t(ScenarioText::ImportFailed) }
                <ul>{ for errors.iter().map(|e| field_error_text(lang, e)) }</ul>
            </div>
        },
        Some(ImportResult::Unreadable) => html! {
            <p class="notice error" role="alert" data-import="failed">{ t(ScenarioText::ImportUnreadable) }</p>
        },
    };
    html! {
        <div class="files" role="group" aria-label={t(ScenarioText::Files)}>
            <button type="button" class="secondary" data-action="export-json" onclick={export_json}>{ t(ScenarioText::ExportJson) }</button>
            <button type="button" class="secondary" data-action="export-csv" onclick={export_csv}>{ t(ScenarioText::ExportCsv) }</button>
            <label class="file-pick">
                <span>{ t(ScenarioText::Import) }</span>
                <input type="file" accept=".json,application/json" data-action="import" onchange={on_file} />
            </label>
            { report }
        </div>
    }
}
