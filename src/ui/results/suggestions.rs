//! The staffing suggestions (MODEL.md §7): the five best extra 3-hour blocks for today's
//! process, found in the worker after the simulation (newer input cancels the search), shown
//! with progress; each can be added as a shift (undoable with the shift editor's undo).

use yew::prelude::*;

use crate::i18n::parse::format_minutes;
use crate::i18n::{Lang, format};
use crate::model::capacity::parse_time;
use crate::model::scenario::Scenario;
use crate::state::Action;
use crate::state::staffing::StaffingAction;
use crate::ui::simulation::SimulationView;
use crate::ui::staffing_text::{StaffingText as T, day_long};

/// The suggestions card; nothing unless today's process is staffed.
pub fn suggestions(
    lang: Lang,
    scenario: &Scenario,
    sim: &SimulationView,
    dispatch: &Callback<Action>,
) -> Html {
    if scenario.process_now.capacity.is_none() {
        return html! {};
    }
    let current = sim.current();
    let list = current
        .and_then(|u| u.summary.as_ref())
        .and_then(|s| s.staffing_suggestions.as_ref());
    let (done, total) = current.and_then(|u| u.suggestions).unwrap_or((0, 105));
    let money = |v: f64| format::money(lang, v);
    let body = match list {
        Some(list) => html! {
            <table data-suggestions="">
                <thead><tr>
                    <th scope="col">{ T::Block.get(lang) }</th>
                    <th scope="col">{ T::Within5.get(lang) }</th>
                    <th scope="col">{ T::Median.get(lang) }</th>
                    <th scope="col">{ T::ExtraSales.get(lang) }</th>
                    <th scope="col">{ T::Net.get(lang) }</th>
                    <th scope="col"><span class="visually-hidden">{ T::AddBlock.get(lang) }</span></th>
                </tr></thead>
                <tbody>
                { for list.iter().enumerate().map(|(i, x)| {
                    let (from, to) = (parse_time(&x.from).unwrap_or(0), parse_time(&x.to).unwrap_or(0));
                    let day = x.day;
                    let block = format!("{} {}–{}", day_long(lang, day), x.from, x.to);
                    let add = dispatch.reform(move |_: MouseEvent| {
                        Action::Staffing(StaffingAction::AddBlock { day, from, to })
                    });
                    html! {
                        <tr data-suggestion={i.to_string()} data-day={day.code()} data-from={x.from.clone()} data-to={x.to.clone()}>
                            <th scope="row">{ block.clone() }</th>
                            <td data-value={x.within_5_minutes.to_string()}>{ format::percent(lang, x.within_5_minutes, 0) }</td>
                            <td data-value={x.median_response_minutes.to_string()}>{ format_minutes(lang, x.median_response_minutes) }</td>
                            <td data-value={x.sales_gain.to_string()}>{ format::number(lang, x.sales_gain, 1) }</td>
                            <td data-value={x.net_per_year.to_string()}>{ money(x.net_per_year) }</td>
                            <td><button type="button" class="secondary add-block" onclick={add}
                                aria-label={format!("{}: {block}", T::AddBlockNamed.get(lang))}>{ T::AddBlock.get(lang) }</button></td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        },
        None => html! {
            <div class="sim-progress" role="status" data-suggestions-progress="">
                <label>{ T::Computing.get(lang) }{ " " }
                    <progress max={total.to_string()} value={done.to_string()}>{ format!("{done}/{total}") }</progress>
                </label>
            </div>
        },
    };
    html! {
        <section class="suggestions" aria-labelledby="suggestions-h">
            <h3 id="suggestions-h">{ T::Suggestions.get(lang) }</h3>
            <p class="hint">{ T::SuggestionsIntro.get(lang) }</p>
            { body }
        </section>
    }
}
