//! The share button: puts a link with the whole scenario in its fragment on the clipboard, and
//! always also shows it in a read-only field, since the clipboard may be refused.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::codec::fragment::Fragment;
use crate::codec::link;
use crate::i18n::Lang;
use crate::model::scenario::Scenario;
use crate::state::View;
use crate::ui::embed::page_base;

use super::ScenarioText;

/// Properties of [`Share`].
#[derive(Properties, PartialEq, Clone)]
pub struct ShareProps {
    /// Interface language (also written into the link).
    pub lang: Lang,
    /// The scenario to share (the last valid one).
    pub scenario: Rc<Scenario>,
}

/// The page's address without its fragment, plus `#fragment`; `None` when this browser cannot
/// compress.
pub async fn share_url(lang: Lang, scenario: &Scenario) -> Option<String> {
    let fragment = Fragment {
        lang: Some(lang),
        view: Some(View::Plan),
        scenario: Some(link::encode(scenario).await?),
    }
    .to_fragment();
    Some(format!("{}#{fragment}", page_base()))
}

/// Writes text to the clipboard; `Ok` once the browser accepted it.
async fn copy(text: &str) -> Result<(), JsValue> {
    let navigator = web_sys::window()
        .map(|w| JsValue::from(w.navigator()))
        .ok_or(JsValue::NULL)?;
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())?;
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into())?;
    let write: js_sys::Function = write.dyn_into().map_err(|_| JsValue::NULL)?;
    let promise: js_sys::Promise = write
        .call1(&clipboard, &text.into())?
        .dyn_into()
        .map_err(|_| JsValue::NULL)?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
}

/// What became of the last click.
#[derive(Clone, Copy, PartialEq)]
enum Copy {
    /// The link is on the clipboard.
    Done,
    /// The browser refused the clipboard; the link shows for copying by hand.
    Refused,
    /// The browser could not make the link.
    NoLink,
}

/// The share button and its link field.
#[function_component(Share)]
pub fn share(props: &ShareProps) -> Html {
    let lang = props.lang;
    let link = use_state_eq(|| None::<String>);
    let copied = use_state_eq(|| None::<Copy>);
    // Which scenario (and language) a link is made for: links are made asynchronously (the
    // browser compresses them), and one made for what was on screen before never replaces a
    // newer one. Once asked for, the link shown follows what is on screen.
    let made_for = use_mut_ref(|| 0u32);
    let asked = use_mut_ref(|| false);
    {
        let (link, copied, made_for, asked) = (
            link.clone(),
            copied.clone(),
            made_for.clone(),
            asked.clone(),
        );
        use_effect_with(
            (Rc::clone(&props.scenario), lang),
            move |(scenario, lang)| {
                let now = {
                    let mut made_for = made_for.borrow_mut();
                    *made_for += 1;
                    *made_for
                };
                copied.set(None);
                if *asked.borrow() {
                    let (scenario, lang) = (Rc::clone(scenario), *lang);
                    wasm_bindgen_futures::spawn_local(async move {
                        let url = share_url(lang, &scenario).await;
                        if *made_for.borrow() == now {
                            copied.set(url.is_none().then_some(Copy::NoLink));
                            link.set(url);
                        }
                    });
                }
            },
        );
    }
    let onclick = {
        let (link, copied, scenario) = (link.clone(), copied.clone(), Rc::clone(&props.scenario));
        Callback::from(move |_: MouseEvent| {
            let (link, copied, scenario) = (link.clone(), copied.clone(), Rc::clone(&scenario));
            *asked.borrow_mut() = true;
            let made_for = made_for.clone();
            let now = *made_for.borrow();
            wasm_bindgen_futures::spawn_local(async move {
                let url = share_url(lang, &scenario).await;
                if *made_for.borrow() != now {
                    // The scenario changed meanwhile: its own link is being made.
                    return;
                }
                let Some(url) = url else {
                    copied.set(Some(Copy::NoLink));
                    return;
                };
                link.set(Some(url.clone()));
                copied.set(Some(if copy(&url).await.is_ok() {
                    Copy::Done
                } else {
                    Copy::Refused
                }));
            });
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.select();
    });
    html! {
        <div class="share">
            <button type="button" class="secondary" data-action="share" {onclick}>{ ScenarioText::Share.get(lang) }</button>
            if let Some(url) = &*link {
                <div class="share-link">
                    <label for="share-link">{ ScenarioText::ShareLink.get(lang) }</label>
                    <input id="share-link" type="text" readonly=true value={url.clone()} data-share-link="" onfocus={select_all} />
                    { match *copied {
                        Some(Copy::Done) => html! { <p role="status" class="hint">{ ScenarioText::Copied.get(lang) }</p> },
                        Some(Copy::Refused) => html! { <p role="status" class="hint">{ ScenarioText::CopyRefused.get(lang) }</p> },
                        _ => html! {},
                    } }
                </div>
            }
            if *copied == Some(Copy::NoLink) {
                <p role="alert" class="notice warn">{ ScenarioText::LinkFailed.get(lang) }</p>
            }
        </div>
    }
}

/// The share-link value (`s=`) the browser last made for a scenario (see [`use_link_value`]).
#[derive(Clone, PartialEq)]
pub struct LinkValue {
    /// The latest value made; `None` before the first, and where the browser cannot compress.
    pub latest: Option<Rc<str>>,
    /// Whether `latest` is for the scenario passed now (else a newer one is being made).
    pub current: bool,
}

/// The share-link value (`s=`) of `scenario`, which the browser compresses asynchronously: made
/// again after every change while `active`. Until a new one is ready the previous one stays
/// available, marked as not current.
///
/// ```ignore
/// let link = use_link_value(Rc::clone(&state.valid), true);
/// let href = link.latest.map(|s| address(&page_base(), View::Plan, lang, &s));
/// ```
#[hook]
pub fn use_link_value(scenario: Rc<Scenario>, active: bool) -> LinkValue {
    let made = use_state_eq(|| None::<(Rc<Scenario>, Rc<str>)>);
    {
        let made = made.clone();
        use_effect_with((Rc::clone(&scenario), active), move |(scenario, active)| {
            // A newer scenario makes this one's result stale: it must not overwrite the newer.
            let wanted = Rc::new(std::cell::Cell::new(true));
            if *active {
                let (scenario, wanted) = (Rc::clone(scenario), Rc::clone(&wanted));
                wasm_bindgen_futures::spawn_local(async move {
                    if let Some(s) = link::encode(&scenario).await
                        && wanted.get()
                    {
                        made.set(Some((scenario, Rc::from(s))));
                    }
                });
            }
            move || wanted.set(false)
        });
    }
    match &*made {
        Some((from, value)) => LinkValue {
            latest: Some(Rc::clone(value)),
            current: Rc::ptr_eq(from, &scenario) || **from == *scenario,
        },
        None => LinkValue {
            latest: None,
            current: false,
        },
    }
}
