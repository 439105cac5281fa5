//! The presentation mode (`view=present`) for a workshop on a projector: the yearly lost revenue
//! in large type on a dark, high-contrast page, today's and the target process side by side, the
//! three levers (follow-up rate, response time, attempts) as big sliders, figures that glide to
//! their new values, full screen on request, and a key that restores the opening scenario.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::render::{AnimationFrame, request_animation_frame};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::charts::Theme;
use crate::i18n::parse::{format_minutes, log_slider};
use crate::i18n::{Lang, Text, format};
use crate::model::expected::expected;
use crate::model::scenario::{MAX_ATTEMPTS, Process, Scenario};
use crate::model::staffing::CapacityOutcome;
use crate::state::{Action, AppState};

use super::chart_views::WaterfallChart;
use super::form::slider_input;

crate::i18n::texts! {
    /// Texts of the presentation mode.
    pub enum PresentText {
        FullScreen => "Volledig scherm", "Full screen";
        ExitFullScreen => "Volledig scherm uit", "Exit full screen";
        BackToStart => "Terug naar start", "Back to start";
        Levers => "Hendels", "Levers";
        LeversMove => "De hendels verschuiven", "The levers move";
        Keys => "Tab: naar een hendel · pijltjestoetsen: verschuiven · R: terug naar start",
                "Tab: to a lever · arrow keys: move it · R: back to start";
        AttemptsValue => "pogingen", "attempts";
    }
}

/// How long figures take to glide to a new value.
const TWEEN_MS: f64 = 400.0;

/// Properties of [`Present`].
#[derive(Properties, PartialEq, Clone)]
pub struct PresentProps {
    /// The app state.
    pub state: Rc<AppState>,
    /// Sends actions to the reducer.
    pub dispatch: Callback<Action>,
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A number that follows `target`, gliding there over [`TWEEN_MS`] with an ease-out curve on
/// animation frames; it jumps when the user prefers reduced motion.
#[hook]
fn use_tween(target: f64) -> f64 {
    let shown = use_state_eq(|| target);
    // The value on screen right now, where a new glide starts (a glide may be cut short).
    let current = use_mut_ref(|| target);
    let frame: Rc<RefCell<Option<AnimationFrame>>> = use_mut_ref(|| None);
    {
        let shown = shown.clone();
        use_effect_with(target.to_bits(), move |_| {
            let from = *current.borrow();
            if reduced_motion() || !from.is_finite() || !target.is_finite() || from == target {
                *current.borrow_mut() = target;
                frame.borrow_mut().take();
                shown.set(target);
            } else {
                let start = now_ms();
                fn step(
                    start: f64,
                    from: f64,
                    target: f64,
                    shown: UseStateHandle<f64>,
                    current: Rc<RefCell<f64>>,
                    frame: Rc<RefCell<Option<AnimationFrame>>>,
                ) {
                    let next = Rc::clone(&frame);
                    *frame.borrow_mut() = Some(request_animation_frame(move |_| {
                        let t = ((now_ms() - start) / TWEEN_MS).clamp(0.0, 1.0);
                        let eased = 1.0 - (1.0 - t).powi(3);
                        let v = if t >= 1.0 {
                            target
                        } else {
                            from + (target - from) * eased
                        };
                        *current.borrow_mut() = v;
                        shown.set(v);
                        if t < 1.0 {
                            step(start, from, target, shown, current, next);
                        }
                    }));
                }
                step(start, from, target, shown, current, Rc::clone(&frame));
            }
            // Dropping the handle cancels a pending frame.
            move || {
                frame.borrow_mut().take();
            }
        });
    }
    *shown
}

/// Properties of [`Figure`].
#[derive(Properties, PartialEq, Clone)]
struct FigureProps {
    key_path: AttrValue,
    value: f64,
    lang: Lang,
    money: bool,
    #[prop_or_default]
    class: Classes,
}

/// A figure whose text glides to its value; `data-value` is always the exact value.
#[function_component(Figure)]
fn figure(props: &FigureProps) -> Html {
    let shown = use_tween(props.value);
    let text = if props.money {
        format::money(props.lang, shown)
    } else {
        format::number(props.lang, shown, 0)
    };
    html! {
        <span class={classes!("present-value", props.class.clone())} data-kpi={props.key_path.clone()} data-value={props.value.to_string()}>{ text }</span>
    }
}

fn is_fullscreen() -> bool {
    gloo::utils::document().fullscreen_element().is_some()
}

/// Which process the levers move.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Now,
    Target,
}

impl Side {
    fn key(self) -> &'static str {
        match self {
            Side::Now => "process_now",
            Side::Target => "process_target",
        }
    }
}

fn process_summary(lang: Lang, p: &Process, staffed: Option<&CapacityOutcome>) -> String {
    // A staffed process: its share answered within 5 minutes rather than a typed median.
    let speed = match staffed {
        Some(o) => format!(
            "{} {}",
            format::percent(lang, o.within_5_minutes, 0),
            match lang {
                Lang::Nl => "binnen 5 min",
                Lang::En => "within 5 min",
            }
        ),
        None => format_minutes(lang, p.median_response_minutes),
    };
    format!(
        "{} {} · {} · {} {}",
        format::percent(lang, p.follow_up_rate, 0),
        match lang {
            Lang::Nl => "opgevolgd",
            Lang::En => "followed up",
        },
        speed,
        p.attempts,
        PresentText::AttemptsValue.get(lang),
    )
}

/// The presentation page.
#[function_component(Present)]
pub fn present(props: &PresentProps) -> Html {
    let state = &*props.state;
    let lang = state.lang;
    // The scenario the mode was opened with, for "back to start".
    let start = use_state(|| Rc::clone(&state.valid));
    // Counts the returns to the start (the staffing lever then forgets its block).
    let generation = use_state_eq(|| 0u32);
    let side = use_state_eq(|| Side::Now);
    let fullscreen = use_state_eq(is_fullscreen);
    let results = use_memo(Rc::clone(&state.valid), |s| {
        expected(s).map(|(e, _)| Rc::new(e))
    });

    let back: Callback<()> = {
        let (dispatch, start, generation) =
            (props.dispatch.clone(), start.clone(), generation.clone());
        Callback::from(move |_| {
            generation.set(*generation + 1);
            dispatch.emit(Action::Load(Box::new(Scenario::clone(&start))));
        })
    };
    // The page-wide keys and full-screen changes; the dark page background while shown.
    {
        let (back, fullscreen) = (back.clone(), fullscreen.clone());
        use_effect_with((), move |_| {
            let document = gloo::utils::document();
            let root = document.document_element();
            if let Some(root) = &root {
                let _ = root.set_attribute("data-view", "present");
            }
            // Not passive: the key is consumed (prevent_default) so it types nowhere else.
            let keys = EventListener::new_with_options(
                &document,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    let typing = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                        .is_some_and(|i| i.type_() == "text");
                    if !typing
                        && !e.ctrl_key()
                        && !e.meta_key()
                        && !e.alt_key()
                        && e.key().eq_ignore_ascii_case("r")
                    {
                        e.prevent_default();
                        back.emit(());
                    }
                },
            );
            let changes = EventListener::new(&document, "fullscreenchange", move |_| {
                fullscreen.set(is_fullscreen());
            });
            move || {
                drop(keys);
                drop(changes);
                if let Some(root) = root {
                    let _ = root.remove_attribute("data-view");
                }
            }
        });
    }
    let toggle_fullscreen = Callback::from(move |_: MouseEvent| {
        let document = gloo::utils::document();
        if document.fullscreen_element().is_some() {
            document.exit_fullscreen();
        } else if let Some(root) = document.document_element() {
            // Refused (no user gesture, an iframe without permission): the page simply stays.
            let _ = root.request_fullscreen();
        }
    });

    let s = &state.valid;
    let process = match *side {
        Side::Now => &s.process_now,
        Side::Target => &s.process_target,
    };
    let key = side.key();
    let slider = |field: &str,
                  label: &str,
                  min: f64,
                  max: f64,
                  position: f64,
                  shown: String,
                  to_value: fn(f64) -> f64| {
        let path = format!("{key}.{field}");
        let id = format!("lever-{field}");
        let oninput = slider_input(&props.dispatch, &path, to_value);
        html! {
            <div class="lever">
                <label for={id.clone()}>{ label }<output for={id.clone()}>{ shown.clone() }</output></label>
                <input type="range" {id} name={path} min={min.to_string()} max={max.to_string()} step="1"
                    value={position.to_string()} aria-valuetext={shown} {oninput} />
            </div>
        }
    };
    let side_button = |which: Side, label: Text| {
        let side = side.clone();
        html! {
            <button type="button" aria-pressed={if *side == which { "true" } else { "false" }}
                onclick={Callback::from(move |_| side.set(which))}>{ label.get(lang) }</button>
        }
    };
    html! {
        <div class="present">
            <div class="present-bar">
                <h1>{ Text::AppTitle.get(lang) }</h1>
                <div class="present-actions">
                    <button type="button" onclick={toggle_fullscreen} aria-pressed={if *fullscreen { "true" } else { "false" }}>
                        { if *fullscreen { PresentText::ExitFullScreen.get(lang) } else { PresentText::FullScreen.get(lang) } }
                    </button>
                    <button type="button" onclick={back.reform(|_: MouseEvent| ())}>
                        { PresentText::BackToStart.get(lang) }{ " " }<kbd>{ "R" }</kbd>
                    </button>
                </div>
            </div>
            { match &*results {
                Ok(e) => html! {
                    <>
                        <section class="present-headline" aria-labelledby="present-lost-label">
                            <h2 id="present-lost-label">{ Text::LostRevenue.get(lang) }</h2>
                            <p><Figure key_path="expected.lost_revenue" value={e.lost_revenue} {lang} money=true class="present-lost" /></p>
                        </section>
                        <div class="present-sides">
                            <section class="present-side now">
                                <h2>{ Text::ProcessNow.get(lang) }</h2>
                                <p class="present-sales"><Figure key_path="expected.sales_now" value={e.sales_now} {lang} money=false />{ " " }<span class="present-unit">{ Text::SalesPerYear.get(lang) }</span></p>
                                <p class="present-process">{ process_summary(lang, &s.process_now, e.capacity_now.as_ref()) }</p>
                            </section>
                            <section class="present-side target">
                                <h2>{ Text::ProcessTarget.get(lang) }</h2>
                                <p class="present-sales"><Figure key_path="expected.sales_target" value={e.sales_target} {lang} money=false />{ " " }<span class="present-unit">{ Text::SalesPerYear.get(lang) }</span></p>
                                <p class="present-process">{ process_summary(lang, &s.process_target, e.capacity_target.as_ref()) }</p>
                            </section>
                        </div>
                    </>
                },
                Err(errors) => html! {
                    <ul class="notice error" role="alert">
                        { for errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }
                    </ul>
                },
            } }
            <section class="present-levers" aria-labelledby="present-levers-h">
                <h2 id="present-levers-h">{ PresentText::Levers.get(lang) }</h2>
                <div class="present-side-switch" role="group" aria-label={PresentText::LeversMove.get(lang)}>
                    { side_button(Side::Now, Text::ProcessNow) }
                    { side_button(Side::Target, Text::ProcessTarget) }
                </div>
                { slider("follow_up_rate", Text::FollowUpRate.get(lang), 0.0, 100.0,
                    (process.follow_up_rate * 100.0).round(), format::percent(lang, process.follow_up_rate, 0), |p| p / 100.0) }
                // A staffed process has no typed median to move: its lever is the best extra block.
                if process.capacity.is_none() {
                    { slider("median_response_minutes", Text::MedianResponse.get(lang), 0.0, log_slider::STEPS,
                        log_slider::position_of(process.median_response_minutes), format_minutes(lang, process.median_response_minutes), log_slider::minutes_at) }
                }
                <super::present_staffing::StaffingLever {lang} scenario={Rc::clone(&state.valid)} dispatch={props.dispatch.clone()} generation={*generation} />
                { slider("attempts", Text::Attempts.get(lang), 1.0, f64::from(MAX_ATTEMPTS),
                    f64::from(process.attempts), format!("{} {}", process.attempts, PresentText::AttemptsValue.get(lang)), |p| p) }
            </section>
            if let Ok(e) = &*results {
                <WaterfallChart {lang} scenario={Rc::clone(&state.valid)} expected={Rc::clone(e)} theme={Theme { scale: 1.6, ..Theme::dark() }} height="20rem" />
            }
            <p class="present-keys">{ PresentText::Keys.get(lang) }</p>
        </div>
    }
}
