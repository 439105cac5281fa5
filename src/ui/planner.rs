//! The planner page: inputs on one side, figures, the annual plan, warnings and charts on the
//! other. Every input edits the scenario through an action; every figure comes from the model's
//! results of the last valid scenario. The groups live in `inputs/` and `results/`.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::Text;
use crate::model::expected::expected;
use crate::state::{Action, AppState};

use super::buy_text::BuyText;
use super::chart_views::ChartsPanel;
use super::form::{Form, use_field_callbacks, use_scenario_json};
use super::inputs::{advanced, economics, process, seasonality, sources};
use super::results::buy_plan::BuyPlan;
use super::results::cost_per_sale::CostPerSale;
use super::results::figures::figures;
use super::results::plan_table::PlanTable;
use super::results::warnings::Warnings;
use super::simulation::use_simulation_with;

/// Properties of [`Planner`].
#[derive(Properties, PartialEq, Clone)]
pub struct PlannerProps {
    /// The app state.
    pub state: Rc<AppState>,
    /// Sends actions to the reducer.
    pub dispatch: Callback<Action>,
}

/// The stage in which each later part of the planner mounts on its first mount (see
/// [`use_mount_stages`]); stage 0 is what the first screen shows.
mod stage {
    /// The headline figures, when the first paint had them below the window (a phone).
    pub const FIGURES: u8 = 1;
    pub const SOURCES: u8 = 2;
    pub const PROCESS: u8 = 3;
    pub const SEASONALITY: u8 = 4;
    pub const ADVANCED: u8 = 5;
    pub const STAFFING: u8 = 6;
    pub const CHARTS: u8 = 7;
    pub const PLAN: u8 = 8;
    pub const BUY: u8 = 9;
}

/// How many of the planner's stages come after the first: see [`use_mount_stages`].
const LATER_STAGES: u8 = stage::BUY;

thread_local! {
    /// Whether a planner has been mounted on this page before (see [`use_mount_stages`]).
    static MOUNTED_BEFORE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Whether the page's first paint showed the headline figures in the window (see
    /// [`note_first_paint`]).
    static FIGURES_ON_FIRST_SCREEN: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Notes, before the app replaces the page's first paint, whether that paint shows the headline
/// figures in the window. On a phone they sit below the inputs, out of sight, and the planner's
/// first stage (the one long task left of opening the page) then leaves them to the next.
pub fn note_first_paint(planner: Option<&web_sys::Element>) {
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64());
    let top = planner
        .and_then(|p| p.query_selector(".kpis").ok().flatten())
        .map(|kpis| kpis.get_bounding_client_rect().top());
    if let (Some(height), Some(top)) = (height, top) {
        FIGURES_ON_FIRST_SCREEN.with(|on| on.set(top < height));
    }
}

/// The planner's first mount on a page goes in stages, one task each, so that opening the page
/// is no single long task on a slow phone: the first stage (what the page's first paint shows)
/// replaces that paint, each later stage (see [`stage`]) adds sections after a zero timeout, so
/// the browser may paint and answer input in between. Returns the number of stages mounted so
/// far, up to [`LATER_STAGES`]; any later mount (back from compare) renders whole at once. When
/// all are in, the page is marked ready (`<html data-ready>`, [`super::app::mark_page_ready`]).
#[hook]
fn use_mount_stages() -> u8 {
    let stage = use_state_eq(|| {
        if MOUNTED_BEFORE.with(|m| m.replace(true)) {
            LATER_STAGES
        } else {
            0
        }
    });
    {
        let stage = stage.clone();
        use_effect_with(*stage, move |&s| {
            if s >= LATER_STAGES {
                super::app::mark_page_ready();
            }
            let next = (s < LATER_STAGES)
                .then(|| gloo::timers::callback::Timeout::new(0, move || stage.set(s + 1)));
            move || drop(next)
        });
    }
    *stage
}

/// The planner page.
#[function_component(Planner)]
pub fn planner(props: &PlannerProps) -> Html {
    let mounted = use_mount_stages();
    let show_figures = mounted >= stage::FIGURES || FIGURES_ON_FIRST_SCREEN.with(|on| on.get());
    let state = &*props.state;
    let lang = state.lang;
    let results = use_memo(Rc::clone(&state.valid), |s| {
        expected(s).map(|(e, warnings)| (Rc::new(e), warnings))
    });
    let sim = use_simulation_with(Rc::clone(&state.valid), true);
    let (onedit, onblur) = use_field_callbacks(&props.dispatch);
    let doc = use_scenario_json(state);
    let form = Form {
        state,
        doc,
        dispatch: &props.dispatch,
        onedit,
        onblur,
    };
    // The warnings of the results on screen also mark the inputs they are about.
    let warnings = match &*results {
        Ok((_, w)) => w.as_slice(),
        Err(_) => &[],
    };
    html! {
        <div class="planner" data-mounted={(mounted >= LATER_STAGES).then_some("")}>
            <section class="inputs" aria-labelledby="inputs-h">
                <h2 id="inputs-h" class="visually-hidden">{ Text::Inputs.get(lang) }</h2>
                { economics::economics(&form, warnings) }
                if mounted >= stage::SOURCES { { sources::sources(&form, warnings) } }
                if mounted >= stage::PROCESS { { process::process(&form) } }
                if mounted >= stage::SEASONALITY { { seasonality::seasonality(&form) } }
                if mounted >= stage::ADVANCED { { advanced::advanced(&form) } }
            </section>
            <section id="results" class="results" aria-labelledby="results-h" tabindex="-1">
                <h2 id="results-h">{ Text::Results.get(lang) }</h2>
                if state.has_problems() {
                    <p class="notice warn" role="status">{ Text::FixFields.get(lang) }{" "}{ Text::LastValidShown.get(lang) }</p>
                }
                { match &*results {
                    Ok((e, warnings)) => html! {
                        <>
                            if show_figures { { figures(lang, e, &state.valid, &sim) } }
                            if mounted >= stage::STAFFING {
                            { super::results::staffing::staffing(lang, e) }
                            { super::results::suggestions::suggestions(lang, &state.valid, &sim, &props.dispatch) }
                            <super::staffing_charts::StaffingCharts {lang} scenario={Rc::clone(&state.valid)} />
                            <Warnings {lang} warnings={warnings.clone()} />
                            }
                            // Charts before the plan tables: moving a lever should show its effect
                            // without scrolling.
                            if mounted >= stage::CHARTS {
                            <ChartsPanel {lang} scenario={Rc::clone(&state.valid)} expected={Rc::clone(e)} simulation={sim.update.clone()} stale={sim.stale} />
                            }
                            if mounted >= stage::PLAN {
                                if let Some(plan) = &e.plan {
                                    <PlanTable {lang} plan={plan.clone()} benchmark={state.valid.benchmark_conversion} />
                                } else {
                                    <p class="notice" role="status" data-no-target="">{ BuyText::NoTarget.get(lang) }</p>
                                }
                            }
                            // Together, so the printed report can put them side by side.
                            if mounted >= stage::BUY {
                            <div class="buy-compare">
                                if let Some(plan) = &e.plan {
                                    <BuyPlan {lang} plan={plan.clone()} budget={state.valid.budget_per_year} />
                                }
                                <CostPerSale {lang} expected={Rc::clone(e)} benchmark_conversion={state.valid.benchmark_conversion} />
                            </div>
                            }
                        </>
                    },
                    Err(errors) => html! {
                        <ul class="notice error" role="alert">
                            { for errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }
                        </ul>
                    },
                } }
            </section>
        </div>
    }
}
