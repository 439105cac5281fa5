//! The lead sources as an editable table: add, remove, rename, reorder; leads per month, cost
//! per lead and today's conversion. A source whose close rate the model had to clamp shows the
//! warning beside its conversion field. Below each source a second row holds what buying more of
//! it means (MODEL.md §8): buyable, a cap per month and a fixed cost per month; it wraps on a
//! phone rather than widening the table.

use yew::prelude::*;

use crate::i18n::{Lang, Text};
use crate::model::expected::Warning;
use crate::model::scenario::LeadSource;
use crate::state::Action;
use crate::ui::buy_text::BuyText;
use crate::ui::field::field_id;
use crate::ui::form::{Form, Look};
use crate::ui::messages;
use crate::ui::results::warnings::warning_text;

/// The warning for the source named `name`, if the model clamped its close rate.
fn clamp_warning(lang: Lang, warnings: &[Warning], name: &str) -> Option<String> {
    warnings
        .iter()
        .find(|w| matches!(w, Warning::CloseRateClamped { source } if source == name))
        .map(|w| warning_text(lang, w))
}

/// The lead-sources group; `warnings` are the model's warnings of the results on screen. With
/// `rows`, only so many rows and nothing after the table: the planner's first mount adds the
/// rows a few at a time, so that no part of the page below moves while it does.
pub fn sources(form: &Form<'_>, warnings: &[Warning], rows: Option<usize>) -> Html {
    let lang = form.state.lang;
    let count = form.state.scenario.sources.len();
    let dispatch = form.dispatch;
    let shown = rows.unwrap_or(count);
    let rows = form.state.scenario.sources.iter().take(shown).enumerate().map(|(i, source)| {
        let p = |f: &str| format!("sources[{i}].{f}");
        let name = source.name.clone();
        let label = |t: Text| format!("{} ({name})", t.get(lang));
        let remove = dispatch.reform(move |_: MouseEvent| Action::RemoveSource(i));
        let up = dispatch.reform(move |_: MouseEvent| Action::MoveSource { from: i, to: i.saturating_sub(1) });
        let down = dispatch.reform(move |_: MouseEvent| Action::MoveSource { from: i, to: i + 1 });
        let conversion = Look {
            unit: Some("%"),
            warning: clamp_warning(lang, warnings, &name),
            hide_label: true,
            ..Look::default()
        };
        let buy = buy_row(form, i, source, &name);
        html! {
            // One body per source: its inputs and its buy settings stay together.
            <tbody key={i} class="source">
            <tr>
                <td class="name">{ form.field(&p("name"), &format!("{} {}", Text::SourceName.get(lang), i + 1), None, None, true) }</td>
                <td>{ form.field(&p("leads_per_month"), &label(Text::LeadsPerMonth), None, None, true) }</td>
                <td>{ form.field(&p("cost_per_lead"), &label(Text::CostPerLead), Some("€"), None, true) }</td>
                <td>{ form.field_with(&p("conversion_now"), &label(Text::ConversionNow), conversion) }</td>
                <td class="row-actions">
                    <button type="button" class="icon" onclick={up} disabled={i == 0}
                        aria-label={format!("{} ({name})", Text::MoveUp.get(lang))}>{ "↑" }</button>
                    <button type="button" class="icon" onclick={down} disabled={i + 1 == count}
                        aria-label={format!("{} ({name})", Text::MoveDown.get(lang))}>{ "↓" }</button>
                    <button type="button" class="icon danger" onclick={remove} disabled={count == 1}
                        aria-label={format!("{} ({name})", Text::RemoveSource.get(lang))}>{ "×" }</button>
                </td>
            </tr>
            { buy }
            </tbody>
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
                    { for rows }
                </table>
            </div>
            if shown >= count {
                if let Some(e) = list_error { <p class="field-error" role="alert">{ e }</p> }
                <button type="button" class="secondary" onclick={dispatch.reform(|_: MouseEvent| Action::AddSource)}>{ "+ " }{ Text::AddSource.get(lang) }</button>
                <p class="hint">{ Text::WhyConversionNow.get(lang) }{" "}{ Text::WhyCostPerLead.get(lang) }{" "}{ BuyText::BuyableHint.get(lang) }</p>
            }
        </fieldset>
    }
}

/// The second row of a source: buyable (a checkbox showing the effective value, default by
/// cost), at most so many leads a month, and the fixed cost per month.
fn buy_row(form: &Form<'_>, i: usize, source: &LeadSource, name: &str) -> Html {
    let lang = form.state.lang;
    let path = format!("sources[{i}].buyable");
    let id = field_id(&path);
    let msg_id = format!("{id}-msg");
    let error = form
        .state
        .problem_at(&path)
        .map(|p| messages::field_problem(lang, p));
    let buyable = source.is_buyable();
    let onchange = {
        let path = path.clone();
        form.dispatch.reform(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            Action::SetFlag {
                path: path.clone(),
                value: input.checked(),
            }
        })
    };
    let label = |t: BuyText| format!("{} ({name})", t.get(lang));
    let cap = Look {
        hint: Some(BuyText::MaxLeadsHint.get(lang)),
        ..Look::default()
    };
    html! {
        <tr class="buy-row">
            <td colspan="5">
                <div class="buy-settings" role="group" aria-label={label(BuyText::BuySettings)}>
                    <div class={classes!("field", "check", error.as_ref().map(|_| "invalid"))}>
                        <label for={id.clone()}>
                            <input type="checkbox" id={id} name={path} checked={buyable} {onchange}
                                aria-invalid={if error.is_some() { "true" } else { "false" }}
                                aria-describedby={error.as_ref().map(|_| msg_id.clone())} />
                            { " " }{ BuyText::Buyable.get(lang) }
                            <span class="visually-hidden">{ format!(" ({name})") }</span>
                        </label>
                        if let Some(e) = error { <p id={msg_id} class="field-error">{ e }</p> }
                    </div>
                    { form.field_with(&format!("sources[{i}].max_leads_per_month"), &label(BuyText::MaxLeads), cap) }
                    { form.field(&format!("sources[{i}].fixed_cost_per_month"), &label(BuyText::FixedCost), Some("€"), None, false) }
                </div>
            </td>
        </tr>
    }
}
