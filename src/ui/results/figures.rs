//! The figure cards: sales today and with the target process (with P10–P90 once the
//! simulation reports), what slow follow-up costs, conversion against the benchmark, cost per
//! sale, wasted spend and the chance of reaching the target; and the simulation's progress.

use yew::prelude::*;

use crate::i18n::{Lang, Text, format};
use crate::model::expected::Expected;
use crate::model::histogram::Stats;
use crate::model::scenario::Scenario;
use crate::state::simulation::SimUpdate;
use crate::ui::kpi::Kpi;
use crate::ui::planner_text::PlannerText;
use crate::ui::simulation::SimulationView;

/// How far the simulation is, as the headline card's second line while it runs (where its P10–P90
/// range then goes, so nothing moves when it arrives); `None` once it is done.
fn progress(lang: Lang, sim: &SimulationView) -> Option<Html> {
    let (done, total) = match sim.update.as_deref() {
        Some(u) if !sim.stale => (u.done, u.total),
        _ => (0, 1),
    };
    if done >= total && !sim.stale {
        return None;
    }
    let label = Text::Simulating.get(lang);
    Some(html! {
        <span class="sim-progress" role="status">
            <label>{ label }{" "}
                <progress max={total.to_string()} value={done.to_string()}>{ format!("{done}/{total}") }</progress>
            </label>
        </span>
    })
}

/// The P10–P90 line of a figure whose simulation has not reported yet: it holds the line's
/// place, so the cards keep their size when the figures arrive.
fn band_placeholder() -> Html {
    html! { <span aria-hidden="true">{ "P10–P90: …" }</span> }
}

/// A card of a figure the simulation has not given yet (no `data-kpi`: it has no value).
fn pending_card(label: &'static str) -> Html {
    html! {
        <div class="kpi">
            <dt>{ label }</dt>
            <dd><span class="kpi-value" aria-hidden="true">{ "…" }</span></dd>
        </div>
    }
}

/// A figure with a key path, for the P10–P90 lines.
pub fn number(key: String, value: f64, text: String) -> Html {
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

/// The figure cards. Until the simulation reports, the lines and cards it will fill hold their
/// places (the headline's shows its progress), so the cards do not grow and push the charts
/// below them down when it does.
pub fn figures(lang: Lang, e: &Expected, scenario: &Scenario, view: &SimulationView) -> Html {
    let sim: Option<&SimUpdate> = view.current().map(|u| &**u);
    // A scenario the simulation could not run gets no places held for it.
    let unsimulated = sim.is_some_and(|u| u.done >= u.total && u.summary.is_none());
    let money = |v: f64| format::money(lang, v);
    let count = |v: f64| format::number(lang, v, 0);
    let pct = |v: f64| format::percent(lang, v, 1);
    let annual = sim.and_then(|u| u.summary.as_ref()).map(|s| &s.annual);
    let summary = sim.and_then(|u| u.summary.as_ref());
    let detail = |key: &str,
                  pick: fn(&crate::model::simulate::AnnualStats) -> &Stats,
                  fmt: &dyn Fn(f64) -> String| {
        (!unsimulated).then(|| annual.map_or_else(band_placeholder, |a| band(key, pick(a), fmt)))
    };
    let card = |key: &'static str, label: Text, value: f64, text: String, detail: Option<Html>| {
        html! { <Kpi key_path={key} label={label.get(lang)} {value} text={text} {detail} /> }
    };
    html! {
        <dl class="kpis">
            <Kpi key_path="expected.lost_revenue" label={Text::LostRevenue.get(lang)} value={e.lost_revenue} text={money(e.lost_revenue)} emphasis=true
                detail={progress(lang, view).or_else(|| detail("lost_revenue", |a| &a.lost_revenue, &money))} />
            { card("expected.lost_sales", Text::LostSales, e.lost_sales, count(e.lost_sales), detail("lost_sales", |a| &a.lost_sales, &count)) }
            { card("expected.lost_gross_profit", Text::LostGrossProfit, e.lost_gross_profit, money(e.lost_gross_profit), None) }
            { card("expected.sales_now", Text::SalesNow, e.sales_now, count(e.sales_now), detail("sales_now", |a| &a.sales_now, &count)) }
            { card("expected.sales_target", Text::SalesTarget, e.sales_target, count(e.sales_target), detail("sales_target", |a| &a.sales_target, &count)) }
            <Kpi key_path="expected.conversion_now" label={Text::ConversionToday.get(lang)} value={e.conversion_now} text={pct(e.conversion_now)}
                detail={html! { <>{ Text::VsBenchmark.get(lang) }{" "}{ pct(scenario.benchmark_conversion) }</> }} />
            { card("expected.conversion_target", Text::ConversionTarget, e.conversion_target, pct(e.conversion_target), None) }
            if let Some(c) = e.cost_per_sale_now { { card("expected.cost_per_sale_now", Text::CostPerSaleNow, c, money(c), None) } }
            if let Some(c) = e.cost_per_sale_target { <Kpi key_path="expected.cost_per_sale_target" label={PlannerText::CostPerSaleTarget.get(lang)} value={c} text={money(c)} /> }
            { card("expected.wasted_spend", Text::WastedSpend, e.wasted_spend, money(e.wasted_spend), None) }
            { card("expected.leads", Text::LeadsPerYear, e.leads, count(e.leads), None) }
            { card("expected.cost", Text::LeadCostPerYear, e.cost, money(e.cost), None) }
            if let (Some(now), Some(target)) = (summary.and_then(|s| s.p_hit_target_now), summary.and_then(|s| s.p_hit_target_target)) {
                { card("simulation.p_hit_target_now", Text::HitTargetNow, now, format::percent(lang, now, 0), None) }
                { card("simulation.p_hit_target_target", Text::HitTargetTarget, target, format::percent(lang, target, 0), None) }
            } else if summary.is_none() && !unsimulated && scenario.target_sales_per_year.is_some() {
                { pending_card(Text::HitTargetNow.get(lang)) }
                { pending_card(Text::HitTargetTarget.get(lang)) }
            }
        </dl>
    }
}
