//! The annual plan (only with a sales target): the leads and budget the target needs per month
//! and per source, with today's and with the target process, their totals, and the conversion
//! today's leads would need against the benchmark. Every number cell carries `data-kpi` (its
//! results key path) and `data-value` (the unrounded number, `null` where it cannot be planned).

use yew::prelude::*;

use crate::i18n::{Lang, Text, format, month_short};
use crate::model::expected::Plan;
use crate::ui::planner_text::{PlannerText, month_long};

/// A number cell; `label` repeats the column header where narrow screens stack the cells.
fn cell(key: String, value: Option<f64>, text: &dyn Fn(f64) -> String, label: &str) -> Html {
    let (data, shown) = match value {
        Some(v) => (v.to_string(), text(v)),
        None => ("null".to_owned(), "–".to_owned()),
    };
    html! { <td class="num" data-label={label.to_owned()} data-kpi={key} data-value={data}>{ shown }</td> }
}

/// The four plan columns of one row: leads and budget, today and with the target process.
struct Row {
    leads_now: Option<f64>,
    leads_target: Option<f64>,
    budget_now: Option<f64>,
    budget_target: Option<f64>,
}

fn cells(lang: Lang, prefix: &str, row: &Row) -> Html {
    let count = |v: f64| format::number(lang, v, 0);
    let money = |v: f64| format::money(lang, v);
    let k = |f: &str| format!("{prefix}{f}");
    html! {
        <>
            { cell(k("leads_needed_now"), row.leads_now, &count, PlannerText::LeadsNeededNow.get(lang)) }
            { cell(k("leads_needed_target"), row.leads_target, &count, PlannerText::LeadsNeededTarget.get(lang)) }
            { cell(k("budget_now"), row.budget_now, &money, PlannerText::BudgetNow.get(lang)) }
            { cell(k("budget_target"), row.budget_target, &money, PlannerText::BudgetTarget.get(lang)) }
        </>
    }
}

fn head(lang: Lang, first: &str) -> Html {
    html! {
        <thead><tr>
            <th scope="col">{ first }</th>
            <th scope="col">{ PlannerText::LeadsNeededNow.get(lang) }</th>
            <th scope="col">{ PlannerText::LeadsNeededTarget.get(lang) }</th>
            <th scope="col">{ PlannerText::BudgetNow.get(lang) }</th>
            <th scope="col">{ PlannerText::BudgetTarget.get(lang) }</th>
        </tr></thead>
    }
}

fn totals(lang: Lang, plan: &Plan) -> Html {
    let row = Row {
        leads_now: plan.leads_needed_now,
        leads_target: plan.leads_needed_target,
        budget_now: plan.budget_now,
        budget_target: plan.budget_target,
    };
    html! {
        <tfoot><tr>
            <th scope="row">{ PlannerText::Total.get(lang) }</th>
            { cells(lang, "expected.plan.", &row) }
        </tr></tfoot>
    }
}

/// Properties of [`PlanTable`].
#[derive(Properties, PartialEq, Clone)]
pub struct PlanTableProps {
    /// Interface language.
    pub lang: Lang,
    /// The plan of the results on screen.
    pub plan: Plan,
    /// The benchmark conversion the needed conversion is held against.
    pub benchmark: f64,
}

/// The annual plan as two tables (by month, by source) and the conversion it needs.
#[function_component(PlanTable)]
pub fn plan_table(props: &PlanTableProps) -> Html {
    let lang = props.lang;
    let plan = &props.plan;
    let months = plan.months.iter().enumerate().map(|(m, month)| {
        let row = Row {
            leads_now: month.leads_needed_now,
            leads_target: month.leads_needed_target,
            budget_now: month.budget_now,
            budget_target: month.budget_target,
        };
        html! {
            <tr key={m}>
                <th scope="row"><abbr title={month_long(lang, m)}>{ month_short(lang, m) }</abbr></th>
                { cells(lang, &format!("expected.plan.months[{m}]."), &row) }
            </tr>
        }
    });
    let sources = plan.sources.iter().enumerate().map(|(i, source)| {
        let row = Row {
            leads_now: source.leads_needed_now,
            leads_target: source.leads_needed_target,
            budget_now: source.budget_now,
            budget_target: source.budget_target,
        };
        html! {
            <tr key={i}>
                <th scope="row">{ &source.name }</th>
                { cells(lang, &format!("expected.plan.sources[{i}]."), &row) }
            </tr>
        }
    });
    let pct = |v: f64| format::percent(lang, v, 1);
    let needed = plan.conversion_needed;
    let verdict = needed.map(|c| {
        if c > props.benchmark {
            PlannerText::AboveBenchmark
        } else {
            PlannerText::WithinBenchmark
        }
    });
    html! {
        <section class="plan" aria-labelledby="plan-h" data-plan="">
            <h3 id="plan-h">{ Text::AnnualPlan.get(lang) }</h3>
            <p class="hint">{ PlannerText::PlanIntro.get(lang) }</p>
            <p class="plan-conversion">
                { PlannerText::ConversionNeeded.get(lang) }{ ": " }
                <strong data-kpi="expected.plan.conversion_needed"
                    data-value={needed.map_or_else(|| "null".to_owned(), |v| v.to_string())}>
                    { needed.map_or_else(|| PlannerText::NotPlannable.get(lang).to_owned(), pct) }
                </strong>
                { " (" }{ PlannerText::AgainstBenchmark.get(lang) }{ " " }{ pct(props.benchmark) }
                if let Some(v) = verdict { { ": " }{ v.get(lang) } }
                { ")" }
            </p>
            <div class="plan-tables">
                <table class="plan-table" data-plan-table="months">
                    <caption>{ PlannerText::PlanByMonth.get(lang) }</caption>
                    { head(lang, PlannerText::Month.get(lang)) }
                    <tbody>{ for months }</tbody>
                    { totals(lang, plan) }
                </table>
                <table class="plan-table" data-plan-table="sources">
                    <caption>{ PlannerText::PlanBySource.get(lang) }</caption>
                    { head(lang, Text::SourceName.get(lang)) }
                    <tbody>{ for sources }</tbody>
                    { totals_plain(lang, plan) }
                </table>
            </div>
        </section>
    }
}

/// The sources table's totals repeat the plan's totals without `data-kpi` (one element per key).
fn totals_plain(lang: Lang, plan: &Plan) -> Html {
    let count = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format::number(lang, v, 0));
    let money = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format::money(lang, v));
    html! {
        <tfoot><tr>
            <th scope="row">{ PlannerText::Total.get(lang) }</th>
            <td class="num" data-label={PlannerText::LeadsNeededNow.get(lang)}>{ count(plan.leads_needed_now) }</td>
            <td class="num" data-label={PlannerText::LeadsNeededTarget.get(lang)}>{ count(plan.leads_needed_target) }</td>
            <td class="num" data-label={PlannerText::BudgetNow.get(lang)}>{ money(plan.budget_now) }</td>
            <td class="num" data-label={PlannerText::BudgetTarget.get(lang)}>{ money(plan.budget_target) }</td>
        </tr></tfoot>
    }
}
