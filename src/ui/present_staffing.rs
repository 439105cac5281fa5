//! The presentation mode's staffing lever (MODEL.md §7): when today's process is staffed, the
//! best extra 3-hour block (found by the worker after the simulation) switched on and off with
//! one button, so a workshop sees what an extra hand earns. The block switched on is
//! remembered, so switching off takes out exactly that block, whatever the suggestions of the
//! scenario with it are.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::Lang;
use crate::model::capacity::{Day, format_time, parse_time};
use crate::model::scenario::Scenario;
use crate::state::Action;
use crate::state::staffing::StaffingAction;
use crate::ui::simulation::use_simulation_with;
use crate::ui::staffing_text::{StaffingText as T, day_long};

/// Properties of [`StaffingLever`].
#[derive(Properties, PartialEq, Clone)]
pub struct StaffingLeverProps {
    /// Interface language.
    pub lang: Lang,
    /// The scenario on screen (valid).
    pub scenario: Rc<Scenario>,
    /// Sends actions to the reducer.
    pub dispatch: Callback<Action>,
    /// Changes whenever the mode goes back to its start, which forgets a block switched on.
    #[prop_or_default]
    pub generation: u32,
}

/// The best-block lever; nothing unless today's process is staffed.
#[function_component(StaffingLever)]
pub fn staffing_lever(props: &StaffingLeverProps) -> Html {
    let lang = props.lang;
    let sim = use_simulation_with(Rc::clone(&props.scenario), true);
    let applied = use_state_eq(|| None::<(Day, u32, u32)>);
    {
        let applied = applied.clone();
        use_effect_with(props.generation, move |_| applied.set(None));
    }
    if props.scenario.process_now.capacity.is_none() {
        return html! {};
    }
    let best = (*applied).or_else(|| {
        let list = sim
            .current()?
            .summary
            .as_ref()?
            .staffing_suggestions
            .as_ref()?;
        let first = list.first()?;
        Some((first.day, parse_time(&first.from)?, parse_time(&first.to)?))
    });
    let on = applied.is_some();
    let onclick = {
        let (dispatch, applied) = (props.dispatch.clone(), applied.clone());
        Callback::from(move |_: MouseEvent| match (*applied, best) {
            (Some((day, from, to)), _) => {
                dispatch.emit(Action::Staffing(StaffingAction::RemoveBlock {
                    day,
                    from,
                    to,
                }));
                applied.set(None);
            }
            (None, Some((day, from, to))) => {
                dispatch.emit(Action::Staffing(StaffingAction::AddBlock { day, from, to }));
                applied.set(Some((day, from, to)));
            }
            (None, None) => {}
        })
    };
    let text = match best {
        Some((day, from, to)) => format!(
            "{}: {} {}–{}",
            T::BestBlockLever.get(lang),
            day_long(lang, day),
            format_time(from),
            format_time(to)
        ),
        None => format!(
            "{}: {}",
            T::BestBlockLever.get(lang),
            T::Computing.get(lang)
        ),
    };
    html! {
        <div class="lever staffing-lever">
            <button type="button" data-lever="best-block" aria-pressed={if on { "true" } else { "false" }}
                disabled={best.is_none()} {onclick}>{ text }</button>
        </div>
    }
}
