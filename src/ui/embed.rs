//! The embedded widget (`view=embed`): a few inputs, the yearly lost revenue as the headline, the
//! lost sales by cause as one chart, and a link to the full planner. It reports its height to the
//! page around it so that page can size the iframe without scrollbars.
//!
//! The widget works on one combined lead source (see [`crate::state::widget`]); the app combines
//! the sources when it opens in this view. It keeps nothing: no storage, no cookies, and it asks
//! for nothing but its own files.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::codec::embed::{HEIGHT_MESSAGE, address, sibling, widget_title};
use crate::i18n::parse::format_minutes;
use crate::i18n::{Text, format};
use crate::model::expected::expected_without_plan;
use crate::state::fields;
use crate::state::{Action, AppState, View};

use super::chart_views::WaterfallChart;
use super::field::Field;
use super::form::{display_text, use_scenario_json};
use super::messages;
use super::scenarios::share::use_link_value;

pub use super::embed_text::EmbedText;

/// Properties of [`Embed`].
#[derive(Properties, PartialEq, Clone)]
pub struct EmbedProps {
    /// The app state.
    pub state: Rc<AppState>,
    /// Sends actions to the reducer.
    pub dispatch: Callback<Action>,
}

/// The address of the page without its fragment, to build links from.
pub fn page_base() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| crate::codec::embed::without_fragment(&h).to_owned())
        .unwrap_or_default()
}

/// Posts the document's height to the parent page whenever it changes, only when the page is
/// in a frame. Observing `<html>` (whose height is its content's, as no style stretches it to
/// the viewport) avoids a loop: the parent's new iframe height does not change it.
#[hook]
fn use_height_messages() {
    use_effect_with((), |_| {
        let window = web_sys::window();
        let parent = window
            .as_ref()
            .and_then(|w| w.parent().ok().flatten())
            .filter(|p| window.as_ref().is_some_and(|w| !js_sys::Object::is(p, w)));
        let root = window
            .as_ref()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        let mut observer = None;
        let mut closure = None;
        if let (Some(parent), Some(root)) = (parent, root) {
            let last = Rc::new(Cell::new(0.0f64));
            let measured = root.clone();
            let on_resize = Closure::<dyn FnMut()>::new(move || {
                let height = measured.get_bounding_client_rect().height().ceil();
                if height > 0.0 && height != last.get() {
                    last.set(height);
                    let message = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
                    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
                    // The widget's height is no secret, so any embedding page may read it.
                    let _ = parent.post_message(&message, "*");
                }
            });
            if let Ok(o) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
                o.observe(&root);
                observer = Some(o);
            }
            closure = Some(on_resize);
        }
        move || {
            if let Some(o) = observer {
                o.disconnect();
            }
            drop(closure);
        }
    });
}

/// The widget.
#[function_component(Embed)]
pub fn embed(props: &EmbedProps) -> Html {
    use_height_messages();
    let state = &*props.state;
    let lang = state.lang;
    let results = use_memo(Rc::clone(&state.valid), |s| {
        // The widget shows no plan: its bundle holds no plan solver.
        expected_without_plan(s).map(Rc::new)
    });
    let doc = use_scenario_json(state);
    let field = |path: &str, label: EmbedText, unit: Option<&str>| {
        let error = state
            .problem_at(path)
            .map(|p| AttrValue::from(messages::field_problem(lang, p)));
        html! {
            <Field
                path={AttrValue::from(path.to_owned())}
                label={label.get(lang)}
                text={AttrValue::from(display_text(state, &doc, path))}
                {error}
                unit={unit.map(|u| AttrValue::from(u.to_owned()))}
                text_input={fields::kind_of(path).takes_letters()}
                onedit={props.dispatch.reform(|(path, text): (String, String)| Action::Edit { path, text })}
                onblur={props.dispatch.reform(Action::Blur)}
            />
        }
    };
    let target = &state.valid.process_target;
    // The previous scenario's link until the browser has made this one's (a few ms).
    let planner = use_link_value(Rc::clone(&state.valid), true)
        .latest
        .map(|s| AttrValue::from(address(&sibling(&page_base(), ""), View::Plan, lang, &s)));
    html! {
        <div class="embed">
            <h1 class="embed-title">{ widget_title(lang) }</h1>
            { match &*results {
                Ok(e) => html! {
                    <div class="embed-headline" role="status">
                        <p class="embed-label" id="embed-headline-label">{ Text::LostRevenue.get(lang) }</p>
                        <p class="embed-figure" aria-labelledby="embed-headline-label">
                            <span data-kpi="expected.lost_revenue" data-value={e.lost_revenue.to_string()}>{ format::money(lang, e.lost_revenue) }</span>
                        </p>
                        <p class="embed-detail">
                            <span data-kpi="expected.sales_now" data-value={e.sales_now.to_string()}>{ format::number(lang, e.sales_now, 0) }</span>
                            { " → " }
                            <span data-kpi="expected.sales_target" data-value={e.sales_target.to_string()}>{ format::number(lang, e.sales_target, 0) }</span>
                            { " " }{ EmbedText::SalesPerYearNowTarget.get(lang) }
                        </p>
                    </div>
                },
                Err(_) => html! {},
            } }
            if state.has_problems() {
                <p class="notice warn">{ Text::FixFields.get(lang) }{ " " }{ Text::LastValidShown.get(lang) }</p>
            }
            <div class="embed-inputs">
                { field("sources[0].leads_per_month", EmbedText::LeadsAllSources, None) }
                { field("sources[0].conversion_now", EmbedText::ConversionNow, Some("%")) }
                { field("revenue_per_sale", EmbedText::RevenuePerSaleLabel, Some("€")) }
                { field("process_now.follow_up_rate", EmbedText::FollowUpNow, Some("%")) }
                { field("process_now.median_response_minutes", EmbedText::ResponseNow, None) }
                { field("process_now.attempts", EmbedText::AttemptsNow, None) }
            </div>
            <p class="embed-compare">
                { EmbedText::ComparedWith.get(lang) }{ ": " }
                { format::percent(lang, target.follow_up_rate, 0) }{ " " }{ EmbedText::FollowedUp.get(lang) }
                { ", " }{ EmbedText::Within.get(lang) }{ " " }{ format_minutes(lang, target.median_response_minutes) }
                { ", " }{ target.attempts }{ " " }{ EmbedText::AttemptsShort.get(lang) }{ "." }
            </p>
            if let Ok(e) = &*results {
                <WaterfallChart {lang} scenario={Rc::clone(&state.valid)} expected={Rc::clone(e)} height="15rem" />
            }
            <p class="embed-foot">
                <a href={planner} target="_blank" rel="noopener" data-planner-link="">
                    { EmbedText::OpenPlanner.get(lang) }{ " ↗" }
                    <span class="visually-hidden">{ " " }{ EmbedText::NewTab.get(lang) }</span>
                </a>
                <span class="embed-privacy">{ Text::PrivacyNote.get(lang) }</span>
            </p>
        </div>
    }
}
