//! A process's response-time choice (typed, or from staffing) and the shift editor of MODEL.md
//! §7: per shift its days (check boxes), from, to and people; the work per lead and the cost of
//! a staffed hour. Every field carries its JSON path as its `name`
//! (`process_now.capacity.shifts[0].from`) and shows the model's message for it; an overload is
//! shown at the shifts with both figures. Everything works with the keyboard alone: native
//! radio buttons, check boxes, inputs and buttons, in reading order.

use yew::prelude::*;

use crate::i18n::{Lang, format};
use crate::model::capacity::{Capacity, Day};
use crate::state::staffing::{StaffingAction, Which};
use crate::state::{Action, FieldProblem};
use crate::ui::field::Field;
use crate::ui::form::{Form, Look, display_text};
use crate::ui::messages;
use crate::ui::staffing_text::{StaffingText as T, day_long, day_short};

/// The choice between typing the response time and taking it from staffing.
pub fn choice(form: &Form<'_>, which: Which) -> Html {
    let lang = form.state.lang;
    let key = which.key();
    let staffed = which.of(&form.state.scenario).capacity.is_some();
    let name = format!("{key}-response-source");
    let option = |value: bool, label: T| {
        let id = format!("{name}-{}", if value { "staffed" } else { "typed" });
        let onchange = form
            .dispatch
            .reform(move |_: Event| Action::Staffing(StaffingAction::SetStaffed(which, value)));
        html! {
            <label for={id.clone()} class="choice">
                <input type="radio" id={id} name={name.clone()} value={if value { "staffed" } else { "typed" }}
                    checked={staffed == value} {onchange} />
                { label.get(lang) }
            </label>
        }
    };
    html! {
        <fieldset class="response-source" data-response-source={key}>
            <legend>{ T::ResponseSource.get(lang) }</legend>
            { option(false, T::Typed) }
            { option(true, T::FromStaffing) }
        </fieldset>
    }
}

/// A problem of the staffing fields in the user's language: the rules of MODEL.md §7 in Dutch
/// here (English from the model), so that the widget's bundle, which shows no shifts, does not
/// carry them; every other problem as everywhere.
pub fn problem_text(lang: Lang, p: FieldProblem<'_>) -> String {
    use crate::model::scenario::Problem;
    use crate::state::fields::InputError;
    let dutch = |e: &crate::model::scenario::FieldError| -> Option<String> {
        Some(match &e.problem {
            Problem::NotATime => "Moet een tijd UU:MM zijn, van 00:00 tot 24:00.".into(),
            Problem::EndOfDayAsStart => "24:00 kan alleen een eindtijd zijn.".into(),
            Problem::NotAfterStart => {
                "Moet na de begintijd liggen (een dienst over middernacht is twee diensten).".into()
            }
            Problem::RepeatedDay => "Deze dag staat er al.".into(),
            Problem::Overloaded {
                staffed_hours,
                needed_hours,
            } => {
                let h = |x: f64| format::number(lang, x, u8::from(x < 10.0));
                format!(
                    "De diensten geven {} uur per week; alleen de eerste reacties vragen al {} uur{}: zet meer mensen of uren in.",
                    h(*staffed_hours),
                    h(*needed_hours),
                    if needed_hours < staffed_hours {
                        ", meer dan 95% daarvan"
                    } else {
                        ""
                    }
                )
            }
            _ => return None,
        })
    };
    match p {
        FieldProblem::Input(InputError::NotATime) => match lang {
            Lang::Nl => "Vul een tijd in als 09:00 (00:00 tot 24:00).",
            Lang::En => "Enter a time such as 09:00 (00:00 to 24:00).",
        }
        .to_owned(),
        FieldProblem::Rule(e) if lang == Lang::Nl => {
            dutch(e).unwrap_or_else(|| messages::field_problem(lang, p))
        }
        _ => messages::field_problem(lang, p),
    }
}

/// The problem at `path` in the user's language, if any.
fn problem(form: &Form<'_>, path: &str) -> Option<String> {
    form.state
        .problem_at(path)
        .map(|p| problem_text(form.state.lang, p))
}

/// A shift's time field: typed text goes to the staffing editor's own action, which reads times.
fn time_field(form: &Form<'_>, path: &str, label: &str) -> Html {
    let onedit = form.dispatch.reform(|(path, text): (String, String)| {
        Action::Staffing(StaffingAction::EditTime { path, text })
    });
    html! {
        <Field
            path={AttrValue::from(path.to_owned())}
            label={AttrValue::from(label.to_owned())}
            text={AttrValue::from(display_text(form.state, &form.doc, path))}
            error={problem(form, path).map(AttrValue::from)}
            text_input=true
            {onedit}
            onblur={form.onblur.clone()}
        />
    }
}

/// One shift: its days, from, to and people, and a remove button.
fn shift_row(form: &Form<'_>, which: Which, i: usize, days: &[Day], count: usize) -> Html {
    let lang = form.state.lang;
    let sp = format!("{}.capacity.shifts[{i}]", which.key());
    let days_path = format!("{sp}.days");
    // A repeated day is reported at days[j]; show it with the days.
    let days_problem = problem(form, &days_path)
        .or_else(|| (0..days.len()).find_map(|j| problem(form, &format!("{days_path}[{j}]"))));
    let days_id = crate::ui::field::field_id(&days_path);
    let title = format!("{} {}", T::Shift.get(lang), i + 1);
    let remove = {
        let dispatch = form.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Staffing(StaffingAction::RemoveShift(which, i)));
            // The pressed button is gone: keyboard focus goes on to "add a shift", not the page.
            let selector = format!("[data-staffing=\"{}\"] .add-shift", which.key());
            gloo::timers::callback::Timeout::new(0, move || {
                if let Some(el) = gloo::utils::document()
                    .query_selector(&selector)
                    .ok()
                    .flatten()
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = el.focus();
                }
            })
            .forget();
        })
    };
    html! {
        <fieldset class="shift" data-shift={i.to_string()}>
            <legend>{ title.clone() }</legend>
            <fieldset class={classes!("shift-days", days_problem.as_ref().map(|_| "invalid"))} id={days_id.clone()}
                aria-describedby={days_problem.as_ref().map(|_| format!("{days_id}-msg"))}>
                <legend>{ T::Days.get(lang) }</legend>
                { for Day::ALL.into_iter().map(|day| {
                    let id = format!("{days_id}-{}", day.code());
                    let on = days.contains(&day);
                    let onchange = form.dispatch.reform(move |_: Event| {
                        Action::Staffing(StaffingAction::ToggleDay(which, i, day))
                    });
                    html! {
                        <label for={id.clone()} class="day" title={day_long(lang, day)}>
                            <input type="checkbox" id={id} name={days_path.clone()} value={day.code()} checked={on}
                                aria-label={day_long(lang, day)} {onchange} />
                            <span aria-hidden="true">{ day_short(lang, day) }</span>
                        </label>
                    }
                }) }
                if let Some(msg) = &days_problem {
                    <p id={format!("{days_id}-msg")} class="field-error">{ msg.clone() }</p>
                }
            </fieldset>
            <div class="shift-times">
                { time_field(form, &format!("{sp}.from"), T::From.get(lang)) }
                { time_field(form, &format!("{sp}.to"), T::To.get(lang)) }
                { form.field_with(&format!("{sp}.people"), T::People.get(lang), Look::default()) }
                <button type="button" class="icon danger remove-shift" onclick={remove} disabled={count == 1}
                    aria-label={format!("{} {}", T::RemoveShift.get(lang), i + 1)} title={T::RemoveShift.get(lang)}>{ "×" }</button>
            </div>
        </fieldset>
    }
}

/// The shift editor and the work values of a staffed process.
pub fn editor(form: &Form<'_>, which: Which, capacity: &Capacity) -> Html {
    let lang = form.state.lang;
    let key = which.key();
    let shifts_path = format!("{key}.capacity.shifts");
    let shifts_problem = form.state.problem_at(&shifts_path);
    let overloaded = matches!(
        shifts_problem,
        Some(FieldProblem::Rule(e)) if matches!(e.problem, crate::model::scenario::Problem::Overloaded { .. })
    );
    let shifts_msg = shifts_problem.map(|p| problem_text(lang, p));
    let shifts_id = crate::ui::field::field_id(&shifts_path);
    let count = capacity.shifts.len();
    let add = form
        .dispatch
        .reform(move |_: MouseEvent| Action::Staffing(StaffingAction::AddShift(which)));
    let undo = form.dispatch.reform(|_: MouseEvent| Action::Undo);
    let work_problem = [
        "minutes_per_lead",
        "minutes_per_retry",
        "reaction_minutes",
        "cost_per_person_hour",
    ]
    .iter()
    .any(|f| {
        form.state
            .problem_at(&format!("{key}.capacity.{f}"))
            .is_some()
    });
    let work = |field: &str, label: T, unit: Option<&str>| {
        form.field_with(
            &format!("{key}.capacity.{field}"),
            label.get(lang),
            Look {
                unit,
                ..Look::default()
            },
        )
    };
    html! {
        <div class="staffing-editor" data-staffing={key}>
            <div id={shifts_id.clone()} class={classes!("shifts", shifts_msg.as_ref().map(|_| "invalid"))}
                role="group" aria-label={T::Shifts.get(lang)}
                aria-describedby={shifts_msg.as_ref().map(|_| format!("{shifts_id}-msg"))}>
                { for capacity.shifts.iter().enumerate().map(|(i, s)| shift_row(form, which, i, &s.days, count)) }
            </div>
            if let Some(msg) = shifts_msg {
                <p id={format!("{shifts_id}-msg")} class={classes!("field-error", overloaded.then_some("overload"))}
                    role="alert" data-error-for={shifts_path.clone()}>{ msg }</p>
            }
            <p class="hint">{ T::TimeHint.get(lang) }{ " " }{ T::StaffedHours.get(lang) }{ ": " }
                <span data-staffed-hours={key}>{ format::number(lang, capacity.staffed_hours_per_week(), 1) }</span></p>
            <div class="shift-actions">
                <button type="button" class="secondary add-shift" onclick={add}
                    disabled={count >= crate::model::capacity::MAX_SHIFTS}>{ "+ " }{ T::AddShift.get(lang) }</button>
                <button type="button" class="secondary undo-staffing" onclick={undo}
                    disabled={!form.state.can_undo()}>{ T::Undo.get(lang) }</button>
            </div>
            // Open while one of its values is wrong, so the message is seen.
            <details class="staffing-work" open={work_problem}>
                <summary>{ T::Work.get(lang) }</summary>
                { work("minutes_per_lead", T::MinutesPerLead, Some("min")) }
                { work("minutes_per_retry", T::MinutesPerRetry, Some("min")) }
                { work("reaction_minutes", T::ReactionMinutes, Some("min")) }
                { work("cost_per_person_hour", T::CostPerPersonHour, Some("€")) }
                <p class="hint">{ T::WhyWork.get(lang) }</p>
            </details>
        </div>
    }
}

/// The hint under a staffed process.
pub fn hint(lang: Lang) -> Html {
    html! { <p class="hint">{ T::WhyStaffing.get(lang) }</p> }
}
