//! The lead sources as an editable table: add, remove, rename, reorder; leads per month, cost
//! per lead and today's conversion. A source whose close rate the model had to clamp shows the
//! warning beside its conversion field.

use yew::prelude::*;

use crate::i18n::{Lang, Text};
use crate::model::expected::Warning;
use crate::state::Action;
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

/// The lead-sources group; `warnings` are the model's warnings of the results on screen.
pub fn sources(form: &Form<'_>, warnings: &[Warning]) -> Html {
    let lang = form.state.lang;
    let count = form.state.scenario.sources.len();
    let dispatch = form.dispatch;
    let rows = form.state.scenario.sources.iter().enumerate().map(|(i, source)| {
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
        html! {
            <tr key={i}>
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
