//! The planner page: inputs on one side, figures, the annual plan, warnings and charts on the
//! other. Every input edits the scenario through an action; every figure comes from the model's
//! results of the last valid scenario. The groups live in `inputs/` and `results/`.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::Text;
use crate::model::error::FieldError;
use crate::model::expected::{Expected, Warning, expected};
use crate::state::{Action, AppState};

use super::buy_text::BuyText;
use super::chart_views::ChartsPanel;
use super::form::{Form, use_field_callbacks, use_scenario_json};
use super::inputs::{advanced, economics, process, seasonality, sources};
use super::planner_text::PlannerText;
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
    /// The page's first paint of the planner, which stays in place until the first stage is in
    /// (see [`use_mount_stages`]).
    #[prop_or_default]
    pub first_paint: Option<web_sys::Element>,
}

/// The stage in which each later part of the planner mounts on its first mount (see
/// [`use_mount_stages`]); stage 0 is what the first screen shows.
mod stage {
    /// The headline figures, when the first paint had them below the window (a phone).
    pub const FIGURES: u8 = 1;
    /// The lead sources come in [`SOURCE_STAGES`](super::SOURCE_STAGES) stages of a few rows.
    pub const SOURCES: u8 = 2;
    pub const PROCESS: u8 = SOURCES + super::SOURCE_STAGES;
    pub const SEASONALITY: u8 = PROCESS + 1;
    pub const ADVANCED: u8 = SEASONALITY + 1;
    pub const STAFFING: u8 = ADVANCED + 1;
    pub const CHARTS: u8 = STAFFING + 1;
    pub const PLAN: u8 = CHARTS + 1;
    pub const BUY: u8 = PLAN + 1;
    pub const COST_PER_SALE: u8 = BUY + 1;
}

/// In how many stages the lead sources' rows mount on the first mount: each of them but the last
/// adds [`SOURCE_ROWS_PER_STAGE`] rows; the last adds the rest and what follows the table.
const SOURCE_STAGES: u8 = 3;
/// See [`SOURCE_STAGES`].
const SOURCE_ROWS_PER_STAGE: usize = 2;

/// How many of the planner's stages come after the first: see [`use_mount_stages`].
const LATER_STAGES: u8 = stage::COST_PER_SALE;

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
///
/// With `hold` (the page's first paint is on screen), the first mount starts one task earlier,
/// with no stage: the planner's hooks compute its results while the first paint's planner stays
/// in place (`None`), and the first stage replaces it in the next task.
#[hook]
fn use_mount_stages(hold: bool) -> Option<u8> {
    let stage = use_state_eq(|| {
        if MOUNTED_BEFORE.with(|m| m.replace(true)) {
            Some(LATER_STAGES)
        } else if hold {
            None
        } else {
            Some(0)
        }
    });
    {
        let stage = stage.clone();
        use_effect_with(*stage, move |&s| {
            if s >= Some(LATER_STAGES) {
                super::app::mark_page_ready();
            }
            let next = (s < Some(LATER_STAGES)).then(|| {
                let next = s.map_or(0, |s| s + 1);
                gloo::timers::callback::Timeout::new(0, move || stage.set(Some(next)))
            });
            move || drop(next)
        });
    }
    *stage
}

/// The results of the model for the scenario on screen, as the planner keeps them.
type Results = Result<(Rc<Expected>, Vec<Warning>), Vec<FieldError>>;

/// A group of the planner's inputs.
#[derive(Clone, Copy, PartialEq)]
enum Group {
    Economics,
    /// At most so many rows, and what follows the table only when all are in.
    Sources(Option<usize>),
    Process,
    Seasonality,
    Advanced,
}

/// Properties of [`InputGroup`]: what a [`Form`] needs, each compared by identity, so that a
/// group renders again only when the state, the scenario or the results changed, not when the
/// planner mounts its next stage.
#[derive(Properties, Clone)]
struct GroupProps {
    group: Group,
    state: Rc<AppState>,
    dispatch: Callback<Action>,
    doc: Rc<serde_json::Value>,
    onedit: Callback<(String, String)>,
    onblur: Callback<String>,
    /// The warnings of these results also mark the inputs they are about.
    results: Rc<Results>,
}

impl PartialEq for GroupProps {
    fn eq(&self, other: &Self) -> bool {
        self.group == other.group
            && Rc::ptr_eq(&self.state, &other.state)
            && self.dispatch == other.dispatch
            && Rc::ptr_eq(&self.doc, &other.doc)
            && self.onedit == other.onedit
            && self.onblur == other.onblur
            && Rc::ptr_eq(&self.results, &other.results)
    }
}

/// One group of inputs, as its own component (see [`GroupProps`]).
#[function_component(InputGroup)]
fn input_group(props: &GroupProps) -> Html {
    let form = Form {
        state: &props.state,
        doc: Rc::clone(&props.doc),
        dispatch: &props.dispatch,
        onedit: props.onedit.clone(),
        onblur: props.onblur.clone(),
    };
    let warnings = match &*props.results {
        Ok((_, w)) => w.as_slice(),
        Err(_) => &[],
    };
    match props.group {
        Group::Economics => economics::economics(&form, warnings),
        Group::Sources(rows) => sources::sources(&form, warnings, rows),
        Group::Process => process::process(&form),
        Group::Seasonality => seasonality::seasonality(&form),
        Group::Advanced => advanced::advanced(&form),
    }
}

/// How many source rows the planner shows once `mounted` stages are in: `None` for all.
fn source_rows(mounted: u8) -> Option<usize> {
    let staged = mounted.saturating_sub(stage::SOURCES) + 1;
    (staged < SOURCE_STAGES).then(|| usize::from(staged) * SOURCE_ROWS_PER_STAGE)
}

/// The planner page.
#[function_component(Planner)]
pub fn planner(props: &PlannerProps) -> Html {
    let stages = use_mount_stages(props.first_paint.is_some());
    let mounted = stages.unwrap_or(0);
    let show_figures = mounted >= stage::FIGURES || FIGURES_ON_FIRST_SCREEN.with(|on| on.get());
    let state = &*props.state;
    let lang = state.lang;
    let results = use_memo(Rc::clone(&state.valid), |s| {
        expected(s).map(|(e, warnings)| (Rc::new(e), warnings))
    });
    let sim = use_simulation_with(Rc::clone(&state.valid), true);
    let (onedit, onblur) = use_field_callbacks(&props.dispatch);
    let doc = use_scenario_json(state);
    if stages.is_none()
        && let Some(first_paint) = &props.first_paint
    {
        return Html::VRef(first_paint.clone().into());
    }
    let group = |group: Group| {
        html! {
            <InputGroup {group} state={Rc::clone(&props.state)} dispatch={props.dispatch.clone()}
                doc={Rc::clone(&doc)} onedit={onedit.clone()} onblur={onblur.clone()}
                results={Rc::clone(&results)} />
        }
    };
    // Until the sources mount, the inputs' column keeps the first paint's boxes (its loading
    // line and least height), so the results below it do not move up into a phone's window
    // and down again.
    let pending = mounted < stage::SOURCES;
    html! {
        <div class="planner" data-mounted={(mounted >= LATER_STAGES).then_some("")}>
            <section class={classes!("inputs", pending.then_some("inputs-pending"))} aria-labelledby="inputs-h">
                <h2 id="inputs-h" class="visually-hidden">{ Text::Inputs.get(lang) }</h2>
                { group(Group::Economics) }
                if pending {
                    <p class="loading">{ PlannerText::Loading.get(lang) }</p>
                } else {
                    { group(Group::Sources(source_rows(mounted))) }
                }
                if mounted >= stage::PROCESS { { group(Group::Process) } }
                if mounted >= stage::SEASONALITY { { group(Group::Seasonality) } }
                if mounted >= stage::ADVANCED { { group(Group::Advanced) } }
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
                                if mounted >= stage::COST_PER_SALE {
                                    <CostPerSale {lang} expected={Rc::clone(e)} benchmark_conversion={state.valid.benchmark_conversion} />
                                }
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
