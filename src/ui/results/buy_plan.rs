//! The plan a marketeer can buy (MODEL.md §8): the current-mix plan's and the cheapest plan's
//! budget and leads side by side, the cheapest plan per source and per month (today and with
//! the target process), a warning with the sales the caps leave short, and what the budget per
//! year buys. Number cells carry `data-kpi` (their results key path) and `data-value` (the
//! unrounded number), one element per key.

use yew::prelude::*;

use crate::i18n::{Lang, Text, format, month_short};
use crate::model::buy_plan::{BudgetPlan, CheapestPlan};
use crate::model::expected::Plan;
use crate::ui::buy_text::BuyText;
use crate::ui::planner_text::{PlannerText, month_long};

/// A number cell with its key; `label` repeats the column header where narrow screens stack
/// the cells.
fn kpi(key: String, value: f64, text: String, label: &str) -> Html {
    html! { <td class="num" data-label={label.to_owned()} data-kpi={key} data-value={value.to_string()}>{ text }</td> }
}

/// A number cell without a key (a value shown a second time, or not in the results).
fn plain(value: Option<f64>, text: &dyn Fn(f64) -> String, label: &str) -> Html {
    let shown = value.map_or_else(|| "–".to_owned(), text);
    html! { <td class="num" data-label={label.to_owned()}>{ shown }</td> }
}

fn head(lang: Lang, first: &str) -> Html {
    html! {
        <thead><tr>
            <th scope="col">{ first }</th>
            <th scope="col">{ BuyText::LeadsNow.get(lang) }</th>
            <th scope="col">{ BuyText::LeadsTarget.get(lang) }</th>
            <th scope="col">{ BuyText::BudgetNow.get(lang) }</th>
            <th scope="col">{ BuyText::BudgetTarget.get(lang) }</th>
        </tr></thead>
    }
}

/// Sales still missing when the caps run out, at or below this, are rounding.
const NO_SHORTFALL: f64 = 1e-9;

/// The warning for the processes whose caps cannot reach the target (nothing when both can).
fn shortfall(lang: Lang, now: &CheapestPlan, target: &CheapestPlan) -> Html {
    let line = |key: &str, plan: &CheapestPlan, text: BuyText| {
        (plan.shortfall_sales > NO_SHORTFALL).then(|| {
            html! {
                <li>
                    { text.get(lang) }{ " " }
                    <strong data-kpi={key.to_owned()} data-value={plan.shortfall_sales.to_string()}>
                        { format::number(lang, plan.shortfall_sales, 1) }
                    </strong>
                    { " " }{ BuyText::SalesUnit.get(lang) }{ "." }
                </li>
            }
        })
    };
    let lines: Vec<Html> = [
        line(
            "expected.plan.cheapest_now.shortfall_sales",
            now,
            BuyText::ShortfallNow,
        ),
        line(
            "expected.plan.cheapest_target.shortfall_sales",
            target,
            BuyText::ShortfallTarget,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    if lines.is_empty() {
        return html! {};
    }
    html! {
        <div class="notice warn shortfall" role="status" data-shortfall="">
            <ul>{ for lines }</ul>
            <p>{ BuyText::RaiseCaps.get(lang) }</p>
        </div>
    }
}

/// The budget and leads of both plans, both processes.
fn comparison(lang: Lang, plan: &Plan) -> Html {
    let count = |v: f64| format::number(lang, v, 0);
    let money = |v: f64| format::money(lang, v);
    let (now, target) = (&plan.cheapest_now, &plan.cheapest_target);
    let k = |p: &str, f: &str| format!("expected.plan.{p}.{f}");
    let l = |t: BuyText| t.get(lang);
    html! {
        <table class="plan-table" data-plan-table="comparison">
            <caption>{ BuyText::Comparison.get(lang) }</caption>
            { head(lang, BuyText::Plan.get(lang)) }
            <tbody>
                <tr>
                    <th scope="row">{ BuyText::CurrentMix.get(lang) }</th>
                    { plain(plan.leads_needed_now, &count, l(BuyText::LeadsNow)) }
                    { plain(plan.leads_needed_target, &count, l(BuyText::LeadsTarget)) }
                    { plain(plan.budget_now, &money, l(BuyText::BudgetNow)) }
                    { plain(plan.budget_target, &money, l(BuyText::BudgetTarget)) }
                </tr>
                <tr>
                    <th scope="row">{ BuyText::CheapestPlan.get(lang) }</th>
                    { kpi(k("cheapest_now", "leads"), now.leads, count(now.leads), l(BuyText::LeadsNow)) }
                    { kpi(k("cheapest_target", "leads"), target.leads, count(target.leads), l(BuyText::LeadsTarget)) }
                    { kpi(k("cheapest_now", "budget"), now.budget, money(now.budget), l(BuyText::BudgetNow)) }
                    { kpi(k("cheapest_target", "budget"), target.budget, money(target.budget), l(BuyText::BudgetTarget)) }
                </tr>
            </tbody>
        </table>
    }
}

/// The cheapest plan per source: leads and budget, today and with the target process.
fn by_source(lang: Lang, now: &CheapestPlan, target: &CheapestPlan) -> Html {
    let count = |v: f64| format::number(lang, v, 0);
    let money = |v: f64| format::money(lang, v);
    let l = |t: BuyText| t.get(lang);
    let rows = now.sources.iter().zip(&target.sources).enumerate().map(|(i, (a, b))| {
        let k = |p: &str, f: &str| format!("expected.plan.{p}.sources[{i}].{f}");
        html! {
            <tr key={i}>
                <th scope="row">{ &a.name }</th>
                { kpi(k("cheapest_now", "leads"), a.leads, count(a.leads), l(BuyText::LeadsNow)) }
                { kpi(k("cheapest_target", "leads"), b.leads, count(b.leads), l(BuyText::LeadsTarget)) }
                { kpi(k("cheapest_now", "budget"), a.budget, money(a.budget), l(BuyText::BudgetNow)) }
                { kpi(k("cheapest_target", "budget"), b.budget, money(b.budget), l(BuyText::BudgetTarget)) }
            </tr>
        }
    });
    html! {
        <table class="plan-table" data-plan-table="cheapest-sources">
            <caption>{ BuyText::CheapestBySource.get(lang) }</caption>
            { head(lang, Text::SourceName.get(lang)) }
            <tbody>{ for rows }</tbody>
            <tfoot><tr>
                <th scope="row">{ PlannerText::Total.get(lang) }</th>
                { plain(Some(now.leads), &count, l(BuyText::LeadsNow)) }
                { plain(Some(target.leads), &count, l(BuyText::LeadsTarget)) }
                { plain(Some(now.budget), &money, l(BuyText::BudgetNow)) }
                { plain(Some(target.budget), &money, l(BuyText::BudgetTarget)) }
            </tr></tfoot>
        </table>
    }
}

/// The cheapest plan per month.
fn by_month(lang: Lang, now: &CheapestPlan, target: &CheapestPlan) -> Html {
    let count = |v: f64| format::number(lang, v, 0);
    let money = |v: f64| format::money(lang, v);
    let l = |t: BuyText| t.get(lang);
    let rows = now.months.iter().zip(&target.months).enumerate().map(|(m, (a, b))| {
        let k = |p: &str, f: &str| format!("expected.plan.{p}.months[{m}].{f}");
        html! {
            <tr key={m}>
                <th scope="row"><abbr title={month_long(lang, m)}>{ month_short(lang, m) }</abbr></th>
                { kpi(k("cheapest_now", "leads"), a.leads, count(a.leads), l(BuyText::LeadsNow)) }
                { kpi(k("cheapest_target", "leads"), b.leads, count(b.leads), l(BuyText::LeadsTarget)) }
                { kpi(k("cheapest_now", "budget"), a.budget, money(a.budget), l(BuyText::BudgetNow)) }
                { kpi(k("cheapest_target", "budget"), b.budget, money(b.budget), l(BuyText::BudgetTarget)) }
            </tr>
        }
    });
    html! {
        <table class="plan-table" data-plan-table="cheapest-months">
            <caption>{ BuyText::CheapestByMonth.get(lang) }</caption>
            { head(lang, PlannerText::Month.get(lang)) }
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// What the budget buys, today and with the target process.
fn for_budget(
    lang: Lang,
    budget: Option<f64>,
    now: Option<&BudgetPlan>,
    target: Option<&BudgetPlan>,
) -> Html {
    let (Some(budget), Some(now), Some(target)) = (budget, now, target) else {
        return html! { <p class="hint">{ BuyText::NoBudget.get(lang) }</p> };
    };
    let count = |v: f64| format::number(lang, v, 0);
    let sales = |v: f64| format::number(lang, v, 1);
    let l = |t: BuyText| t.get(lang);
    html! {
        <table class="plan-table" data-plan-table="for-budget">
            <caption>{ BuyText::ForBudget.get(lang) }{ ": " }{ format::money(lang, budget) }</caption>
            <thead><tr>
                <th scope="col">{ BuyText::Plan.get(lang) }</th>
                <th scope="col">{ BuyText::SalesNow.get(lang) }</th>
                <th scope="col">{ BuyText::SalesTarget.get(lang) }</th>
                <th scope="col">{ BuyText::LeadsNow.get(lang) }</th>
                <th scope="col">{ BuyText::LeadsTarget.get(lang) }</th>
            </tr></thead>
            <tbody><tr>
                <th scope="row">{ BuyText::BudgetPerYear.get(lang) }</th>
                { kpi("expected.plan.for_budget_now.sales".into(), now.sales, sales(now.sales), l(BuyText::SalesNow)) }
                { kpi("expected.plan.for_budget_target.sales".into(), target.sales, sales(target.sales), l(BuyText::SalesTarget)) }
                { kpi("expected.plan.for_budget_now.leads".into(), now.leads, count(now.leads), l(BuyText::LeadsNow)) }
                { kpi("expected.plan.for_budget_target.leads".into(), target.leads, count(target.leads), l(BuyText::LeadsTarget)) }
            </tr></tbody>
        </table>
    }
}

/// Properties of [`BuyPlan`].
#[derive(Properties, PartialEq, Clone)]
pub struct BuyPlanProps {
    /// Interface language.
    pub lang: Lang,
    /// The plan of the results on screen.
    pub plan: Plan,
    /// The scenario's budget per year, if given.
    pub budget: Option<f64>,
}

/// The cheapest plan beside the current mix's, its shortfall, and the budget question.
#[function_component(BuyPlan)]
pub fn buy_plan(props: &BuyPlanProps) -> Html {
    let lang = props.lang;
    let plan = &props.plan;
    let (now, target) = (&plan.cheapest_now, &plan.cheapest_target);
    html! {
        <section class="buy-plan" aria-labelledby="buy-plan-h" data-buy-plan="">
            <h3 id="buy-plan-h">{ BuyText::CheapestPlan.get(lang) }</h3>
            <p class="hint">{ BuyText::CheapestIntro.get(lang) }</p>
            { shortfall(lang, now, target) }
            <div class="buy-tables">
                { comparison(lang, plan) }
                { by_source(lang, now, target) }
            </div>
            <div class="plan-tables">{ by_month(lang, now, target) }</div>
            <p class="hint">{ BuyText::ForBudgetIntro.get(lang) }</p>
            { for_budget(lang, props.budget, plan.for_budget_now.as_ref(), plan.for_budget_target.as_ref()) }
        </section>
    }
}
