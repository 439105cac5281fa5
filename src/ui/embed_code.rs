//! The "embed" dialog of the full app: builds the copy-paste snippet (iframe plus the script that
//! applies its height messages) for the current scenario and language, shows it selectable, and
//! copies it to the clipboard on request.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlDialogElement, HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::codec::embed::snippet_for;
use crate::i18n::Lang;
use crate::model::scenario::Scenario;

use super::embed::page_base;
use super::scenarios::share::use_link_value;

crate::i18n::texts! {
    /// Texts of the embed dialog.
    pub enum EmbedCodeText {
        Open => "Insluiten op uw site", "Embed on your site";
        Title => "Deze berekening insluiten", "Embed this calculation";
        Intro => "Plak deze code in een artikel of pagina. De rekenmodule toont het huidige scenario in de huidige taal, past haar hoogte zelf aan en bewaart niets bij de lezer.",
                 "Paste this code into an article or page. The widget shows the current scenario in the current language, sizes itself and stores nothing with the reader.";
        Code => "Code om in te sluiten", "Code to embed";
        Copy => "Kopiëren", "Copy";
        Copied => "Gekopieerd.", "Copied.";
        CopyFailed => "Kopiëren lukte niet: selecteer de code en kopieer met Ctrl+C.", "Copying failed: select the code and copy it with Ctrl+C.";
        Close => "Sluiten", "Close";
    }
}

/// Properties of [`EmbedCode`].
#[derive(Properties, PartialEq, Clone)]
pub struct EmbedCodeProps {
    /// Interface language.
    pub lang: Lang,
    /// The scenario to embed (the last valid one).
    pub scenario: Rc<Scenario>,
}

/// Copy state shown after the copy button.
#[derive(Clone, Copy, PartialEq)]
enum Copy {
    Idle,
    Done,
    Failed,
}

/// Copies `text` with the asynchronous Clipboard API, reporting through `done`. It is called
/// through `Reflect` because web-sys marks the Clipboard API unstable.
fn copy_to_clipboard(text: &str, done: Callback<bool>) {
    let clipboard = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &"clipboard".into()).ok())
        .filter(|c| !c.is_undefined() && !c.is_null());
    let promise = clipboard.and_then(|c| {
        let write = js_sys::Reflect::get(&c, &"writeText".into()).ok()?;
        let write: js_sys::Function = write.dyn_into().ok()?;
        write
            .call1(&c, &text.into())
            .ok()?
            .dyn_into::<js_sys::Promise>()
            .ok()
    });
    let Some(promise) = promise else {
        done.emit(false);
        return;
    };
    let ok = {
        let done = done.clone();
        Closure::once(move |_: wasm_bindgen::JsValue| done.emit(true))
    };
    let fail = Closure::once(move |_: wasm_bindgen::JsValue| done.emit(false));
    let _ = promise.then2(&ok, &fail);
    // The promise owns the callbacks from here on.
    ok.forget();
    fail.forget();
}

/// The button that opens the dialog, and the dialog.
#[function_component(EmbedCode)]
pub fn embed_code(props: &EmbedCodeProps) -> Html {
    let lang = props.lang;
    let dialog_ref = use_node_ref();
    let opener_ref = use_node_ref();
    let code_ref = use_node_ref();
    let open = use_state_eq(|| false);
    let copy = use_state_eq(|| Copy::Idle);
    // Built only while the dialog is open, so typing in the planner never pays for it.
    let link = use_link_value(Rc::clone(&props.scenario), *open);
    let text = match (&link.latest, *open && link.current) {
        (Some(s), true) => snippet_for(&page_base(), lang, s),
        _ => String::new(),
    };
    let ready = !text.is_empty();

    let onopen = {
        let (open, copy) = (open.clone(), copy.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(true);
            copy.set(Copy::Idle);
        })
    };
    // Opened after the render that filled in the code, so the focused code is selected whole.
    {
        let (dialog_ref, code_ref) = (dialog_ref.clone(), code_ref.clone());
        // The browser makes the link asynchronously: open once the code is there.
        use_effect_with(*open && ready, move |show| {
            if let (true, Some(dialog)) = (*show, dialog_ref.cast::<HtmlDialogElement>()) {
                if !dialog.open() {
                    // A modal dialog makes the rest of the page inert and closes on Escape.
                    let _ = dialog.show_modal();
                }
                if let Some(code) = code_ref.cast::<HtmlElement>() {
                    let _ = code.focus();
                }
            }
        });
    }
    let onclose_button = {
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(dialog) = dialog_ref.cast::<HtmlDialogElement>() {
                dialog.close();
            }
        })
    };
    // Escape and the close button both end here: give focus back to the button that opened it.
    let onclose = {
        let (open, opener_ref) = (open.clone(), opener_ref.clone());
        Callback::from(move |_: Event| {
            open.set(false);
            if let Some(opener) = opener_ref.cast::<HtmlElement>() {
                let _ = opener.focus();
            }
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
            area.select();
        }
    });
    let oncopy = {
        let (text, copy, code_ref) = (text.clone(), copy.clone(), code_ref.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = code_ref.cast::<HtmlTextAreaElement>() {
                area.select();
            }
            let copy = copy.clone();
            copy_to_clipboard(
                &text,
                Callback::from(move |ok| copy.set(if ok { Copy::Done } else { Copy::Failed })),
            );
        })
    };
    html! {
        <>
            <button type="button" class="embed-open" ref={opener_ref} onclick={onopen} aria-haspopup="dialog">
                { EmbedCodeText::Open.get(lang) }
            </button>
            <dialog ref={dialog_ref} class="embed-dialog" aria-labelledby="embed-dialog-title" aria-describedby="embed-dialog-intro" {onclose}>
                <h2 id="embed-dialog-title">{ EmbedCodeText::Title.get(lang) }</h2>
                <p id="embed-dialog-intro">{ EmbedCodeText::Intro.get(lang) }</p>
                <label for="embed-code">{ EmbedCodeText::Code.get(lang) }</label>
                <textarea id="embed-code" ref={code_ref} readonly=true rows="10" spellcheck="false" value={text} onfocus={select_all} />
                <div class="embed-dialog-actions">
                    <button type="button" class="primary" onclick={oncopy}>{ EmbedCodeText::Copy.get(lang) }</button>
                    <button type="button" class="secondary" onclick={onclose_button}>{ EmbedCodeText::Close.get(lang) }</button>
                    <span role="status" class="embed-copy-status">
                        { match *copy {
                            Copy::Idle => "",
                            Copy::Done => EmbedCodeText::Copied.get(lang),
                            Copy::Failed => EmbedCodeText::CopyFailed.get(lang),
                        } }
                    </span>
                </div>
            </dialog>
        </>
    }
}
