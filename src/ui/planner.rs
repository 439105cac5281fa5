//! The planner page: inputs on one side, figures and charts on the other. Every input edits the
//! scenario through an action; every figure comes from the model's results of the last valid
//! scenario.

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use crate::i18n::parse::{editable_minutes, editable_number, format_minutes, log_slider};
use crate::i18n::{Lang, Text, format};
use crate::model::expected::{Expected, expected};
use crate::state::fields::{self, FieldKind};
use crate::state::{Action, AppState};

use super::charts_panel::ChartsPanel;
use super::field::Field;
use super::kpi::Kpi;
use super::messages;
use super::simulation::{SimulationView, use_simulation};
use crate::model::histogram::Stats;
use crate::model::scenario::Scenario;
use crate::state::simulation::SimUpdate;

/// Properties of [`Planner`].
#[derive(Properties, PartialEq, Clone)]
pub struct PlannerProps {
    /// The app state.
    pub state: Rc<AppState>,
    /// Sends actions to the reducer.
    pub dispatch: Callback<Action>,
}

/// What an input shows: the typed text while it is being edited, else the value formatted for
/// editing in the field's unit.
pub fn display_text(state: &AppState, path: &str) -> String {
    if let Some(draft) = state.drafts.get(path) {
        return draft.text.clone();
    }
    let lang = state.lang;
    match (fields::get(&state.scenario, path), fields::kind_of(path)) {
        (Some(Value::Number(n)), kind) => {
            let v = n.as_f64().unwrap_or(0.0);
            match kind {
                FieldKind::Percent => editable_number(lang, v * 100.0),
                FieldKind::Minutes => editable_minutes(lang, v),
                _ => editable_number(lang, v),
            }
        }
        (Some(Value::String(s)), _) => s,
        _ => String::new(),
    }
}

/// Helpers to build inputs bound to the state.
struct Form<'a> {
    state: &'a AppState,
    dispatch: &'a Callback<Action>,
}

impl Form<'_> {
    fn field(
        &self,
        path: &str,
        label: &str,
        unit: Option<&str>,
        hint: Option<Text>,
        hide_label: bool,
    ) -> Html {
        let lang = self.state.lang;
        let error = self
            .state
            .problem_at(path)
            .map(|p| AttrValue::from(messages::field_problem(lang, p)));
        let onedit = self
            .dispatch
            .reform(|(path, text): (String, String)| Action::Edit { path, text });
        let onblur = self.dispatch.reform(Action::Blur);
        html! {
            <Field
                path={AttrValue::from(path.to_owned())}
                label={AttrValue::from(label.to_owned())}
                text={AttrValue::from(display_text(self.state, path))}
                {error}
                hint={hint.map(|h| AttrValue::from(h.get(lang)))}
                unit={unit.map(|u| AttrValue::from(u.to_owned()))}
                {hide_label}
                text_input={fields::kind_of(path) == FieldKind::Text}
                {onedit}
                {onblur}
            />
        }
    }
}

/// The planner page.
#[function_component(Planner)]
pub fn planner(props: &PlannerProps) -> Html {
    let state = &*props.state;
    let lang = state.lang;
    let results = use_memo(Rc::clone(&state.valid), |s| {
        expected(s).map(|(e, warnings)| (Rc::new(e), warnings))
    });
    let sim = use_simulation(Rc::clone(&state.valid));
    let form = Form {
        state,
        dispatch: &props.dispatch,
    };
    html! {
        <div class="planner">
            <section class="inputs" aria-labelledby="inputs-h">
                <h2 id="inputs-h" class="visually-hidden">{ Text::Inputs.get(lang) }</h2>
                { economics(&form) }
                { sources(&form) }
                { process(&form) }
            </section>
            <section id="results" class="results" aria-labelledby="results-h" tabindex="-1">
                <h2 id="results-h">{ Text::Results.get(lang) }</h2>
                if state.has_problems() {
                    <p class="notice warn" role="status">{ Text::FixFields.get(lang) }{" "}{ Text::LastValidShown.get(lang) }</p>
                }
                { match &*results {
                    Ok((e, warnings)) => html! {
                        <>
                            { figures(lang, e, &state.valid, sim.current().map(|u| &**u)) }
                            { progress(lang, &sim) }
                            <ChartsPanel {lang} scenario={Rc::clone(&state.valid)} expected={Rc::clone(e)} simulation={sim.current().cloned()} />
                            if !warnings.is_empty() {
                                <ul class="warnings" role="status">
                                    { for warnings.iter().map(|w| html! { <li>{ w.to_string() }</li> }) }
                                </ul>
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

fn economics(form: &Form<'_>) -> Html {
    let lang = form.state.lang;
    html! {
        <fieldset class="group">
            <legend>{ Text::Economics.get(lang) }</legend>
            <div class="grid-2">
                { form.field("revenue_per_sale", Text::RevenuePerSale.get(lang), Some("€"), None, false) }
                { form.field("gross_profit_per_sale", Text::GrossProfitPerSale.get(lang), Some("€"), None, false) }
                { form.field("target_sales_per_year", Text::TargetSalesPerYear.get(lang), None, Some(Text::TargetSalesHint), false) }
                { form.field("benchmark_conversion", Text::BenchmarkConversion.get(lang), Some("%"), Some(Text::WhyBenchmark), false) }
            </div>
        </fieldset>
    }
}

fn sources(form: &Form<'_>) -> Html {
    let lang = form.state.lang;
    let count = form.state.scenario.sources.len();
    let dispatch = form.dispatch;
    let rows = (0..count).map(|i| {
        let p = |f: &str| format!("sources[{i}].{f}");
        let name = form.state.scenario.sources[i].name.clone();
        let label = |t: Text| format!("{} ({name})", t.get(lang));
        let remove = dispatch.reform(move |_: MouseEvent| Action::RemoveSource(i));
        let up = dispatch.reform(move |_: MouseEvent| Action::MoveSource { from: i, to: i.saturating_sub(1) });
        let down = dispatch.reform(move |_: MouseEvent| Action::MoveSource { from: i, to: i + 1 });
        html! {
            <tr key={i}>
                <td class="name">{ form.field(&p("name"), &format!("{} {}", Text::SourceName.get(lang), i + 1), None, None, true) }</td>
                <td>{ form.field(&p("leads_per_month"), &label(Text::LeadsPerMonth), None, None, true) }</td>
                <td>{ form.field(&p("cost_per_lead"), &label(Text::CostPerLead), Some("€"), None, true) }</td>
                <td>{ form.field(&p("conversion_now"), &label(Text::ConversionNow), Some("%"), None, true) }</td>
                <td class="row-actions">
                    <button type="button" class="icon" onclick={up} disabled={i == 0}
                        aria-label={format!("{} ({name})", Text::MoveUp.get(lang))}>{ "↑" }</button>
                    <button type="button" class="icon" onclick={down} disabled={i + 1 == count}
                        aria-label={format!("{} ({name})", Text::MoveDown.get(lang))}>{ "↓" }</button>
                    <button type="button" class="icon danger" onclick={remove} disabled={count == 1}
                        aria-label={format!("{} ({name})", Text::RemoveSource.get(lang))}>{ "×" }</button>
                </td>
            </tr>
        }
    });
    let list_error = form
        .state
        .problem_at("sources")
        .map(|p| messages::field_problem(lang, p));
    html! {
        <fieldset class="group">
            <legend>{ Text::LeadSources.get(lang) }</legend>
            <div class="table-scroll">
                <table class="sources">
                    <thead><tr>
                        <th scope="col">{ Text::SourceName.get(lang) }</th>
                        <th scope="col">{ Text::LeadsPerMonth.get(lang) }</th>
                        <th scope="col">{ Text::CostPerLead.get(lang) }</th>
                        <th scope="col">{ Text::ConversionNow.get(lang) }</th>
                        <th scope="col"><span class="visually-hidden">{ if lang == Lang::Nl { "Acties" } else { "Actions" } }</span></th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            if let Some(e) = list_error { <p class="field-error" role="alert">{ e }</p> }
            <button type="button" class="secondary" onclick={dispatch.reform(|_: MouseEvent| Action::AddSource)}>{ "+ " }{ Text::AddSource.get(lang) }</button>
            <p class="hint">{ Text::WhyConversionNow.get(lang) }{" "}{ Text::WhyCostPerLead.get(lang) }</p>
        </fieldset>
    }
}

fn process(form: &Form<'_>) -> Html {
    let lang = form.state.lang;
    let column = |key: &str, title: Text| {
        let median_path = format!("{key}.median_response_minutes");
        let scenario = &form.state.scenario;
        let process = if key == "process_now" {
            &scenario.process_now
        } else {
            &scenario.process_target
        };
        let minutes = process.median_response_minutes;
        let slider_id = format!("slider-{key}-median");
        let oninput = {
            let path = median_path.clone();
            form.dispatch.reform(move |e: InputEvent| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                let position = input.value().parse::<f64>().unwrap_or(0.0);
                Action::SetValue {
                    path: path.clone(),
                    value: log_slider::minutes_at(position),
                }
            })
        };
        html! {
            <div class={classes!("process-col", key.to_owned())}>
                <h3>{ title.get(lang) }</h3>
                { form.field(&format!("{key}.follow_up_rate"), Text::FollowUpRate.get(lang), Some("%"), None, false) }
                <div class="slider-field">
                    <label for={slider_id.clone()}>{ Text::MedianResponse.get(lang) }{ ": " }<output>{ format_minutes(lang, minutes) }</output></label>
                    <input id={slider_id} type="range" min="0" max={log_slider::STEPS.to_string()} step="1"
                        value={log_slider::position_of(minutes).to_string()}
                        aria-valuetext={format_minutes(lang, minutes)}
                        {oninput} />
                    <div class="scale" aria-hidden="true"><span>{"1 min"}</span><span>{ format_minutes(lang, 60.0) }</span><span>{ format_minutes(lang, 1440.0) }</span><span>{"7 d"}</span></div>
                </div>
                { form.field(&median_path, Text::MedianResponse.get(lang), None, Some(Text::WhyResponse), true) }
                { form.field(&format!("{key}.response_spread"), Text::ResponseSpread.get(lang), Some("×"), None, false) }
                { form.field(&format!("{key}.attempts"), Text::Attempts.get(lang), None, None, false) }
            </div>
        }
    };
    html! {
        <fieldset class="group">
            <legend>{ Text::FollowUp.get(lang) }</legend>
            <div class="process">
                { column("process_now", Text::ProcessNow) }
                { column("process_target", Text::ProcessTarget) }
            </div>
            <p class="hint">{ Text::WhyFollowUp.get(lang) }</p>
            <p class="hint">{ Text::WhyAttempts.get(lang) }</p>
        </fieldset>
    }
}

/// Shows how far the simulation is, once it takes longer than a moment.
fn progress(lang: Lang, sim: &SimulationView) -> Html {
    let (done, total) = match sim.update.as_deref() {
        Some(u) if !sim.stale => (u.done, u.total),
        _ => (0, 1),
    };
    if done >= total && !sim.stale {
        return html! {};
    }
    let label = Text::Simulating.get(lang);
    html! {
        <div class="sim-progress" role="status">
            <label>{ label }{" "}
                <progress max={total.to_string()} value={done.to_string()}>{ format!("{done}/{total}") }</progress>
            </label>
        </div>
    }
}

/// A figure with a key path, for the P10–P90 lines.
fn number(key: String, value: f64, text: String) -> Html {
    html! { <span data-kpi={key} data-value={value.to_string()}>{ text }</span> }
}

/// "P10–P90: a – b" for an annual statistic of the simulation.
fn band(key: &str, stats: &Stats, fmt: &dyn Fn(f64) -> String) -> Html {
    html! {
        <>
            { "P10–P90: " }
            { number(format!("simulation.annual.{key}.p10"), stats.p10, fmt(stats.p10)) }
            { " – " }
            { number(format!("simulation.annual.{key}.p90"), stats.p90, fmt(stats.p90)) }
            <span class="visually-hidden">
                { number(format!("simulation.annual.{key}.mean"), stats.mean, fmt(stats.mean)) }
                { number(format!("simulation.annual.{key}.p50"), stats.p50, fmt(stats.p50)) }
            </span>
        </>
    }
}

fn figures(lang: Lang, e: &Expected, scenario: &Scenario, sim: Option<&SimUpdate>) -> Html {
    let money = |v: f64| format::money(lang, v);
    let count = |v: f64| format::number(lang, v, 0);
    let pct = |v: f64| format::percent(lang, v, 1);
    let annual = sim.and_then(|u| u.summary.as_ref()).map(|s| &s.annual);
    let summary = sim.and_then(|u| u.summary.as_ref());
    let detail =
        |key: &str,
         pick: fn(&crate::model::simulate::AnnualStats) -> &Stats,
         fmt: &dyn Fn(f64) -> String| { annual.map(|a| band(key, pick(a), fmt)) };
    let card = |key: &'static str, label: Text, value: f64, text: String, detail: Option<Html>| {
        html! { <Kpi key_path={key} label={label.get(lang)} {value} text={text} {detail} /> }
    };
    html! {
        <dl class="kpis">
            <Kpi key_path="expected.lost_revenue" label={Text::LostRevenue.get(lang)} value={e.lost_revenue} text={money(e.lost_revenue)} emphasis=true
                detail={detail("lost_revenue", |a| &a.lost_revenue, &money)} />
            { card("expected.lost_sales", Text::LostSales, e.lost_sales, count(e.lost_sales), detail("lost_sales", |a| &a.lost_sales, &count)) }
            { card("expected.lost_gross_profit", Text::LostGrossProfit, e.lost_gross_profit, money(e.lost_gross_profit), None) }
            { card("expected.sales_now", Text::SalesNow, e.sales_now, count(e.sales_now), detail("sales_now", |a| &a.sales_now, &count)) }
            { card("expected.sales_target", Text::SalesTarget, e.sales_target, count(e.sales_target), detail("sales_target", |a| &a.sales_target, &count)) }
            <Kpi key_path="expected.conversion_now" label={Text::ConversionToday.get(lang)} value={e.conversion_now} text={pct(e.conversion_now)}
                detail={html! { <>{ Text::VsBenchmark.get(lang) }{" "}{ pct(scenario.benchmark_conversion) }</> }} />
            { card("expected.conversion_target", Text::ConversionTarget, e.conversion_target, pct(e.conversion_target), None) }
            if let Some(c) = e.cost_per_sale_now { { card("expected.cost_per_sale_now", Text::CostPerSaleNow, c, money(c), None) } }
            { card("expected.wasted_spend", Text::WastedSpend, e.wasted_spend, money(e.wasted_spend), None) }
            { card("expected.leads", Text::LeadsPerYear, e.leads, count(e.leads), None) }
            { card("expected.cost", Text::LeadCostPerYear, e.cost, money(e.cost), None) }
            if let (Some(now), Some(target)) = (summary.and_then(|s| s.p_hit_target_now), summary.and_then(|s| s.p_hit_target_target)) {
                { card("simulation.p_hit_target_now", Text::HitTargetNow, now, format::percent(lang, now, 0), None) }
                { card("simulation.p_hit_target_target", Text::HitTargetTarget, target, format::percent(lang, target, 0), None) }
            }
        </dl>
    }
}
