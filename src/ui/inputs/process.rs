//! The follow-up process, today and target side by side: share of leads followed up, median
//! response time (a logarithmic slider from 1 minute to 7 days), spread and call attempts. Each
//! slider sits beside a text field that carries the field's `name`.

use yew::prelude::*;

use crate::i18n::parse::{format_minutes, log_slider};
use crate::i18n::{Lang, Text, format};
use crate::model::scenario::Process;
use crate::state::staffing::Which;
use crate::ui::form::{Form, Slider};
use crate::ui::planner_text::PlannerText;

/// Most call attempts on the slider (the model's limit).
const MAX_ATTEMPTS: f64 = 20.0;

fn attempts_text(lang: Lang, attempts: u32) -> String {
    let unit = if attempts == 1 {
        PlannerText::AttemptValue
    } else {
        PlannerText::AttemptsValue
    };
    format!("{attempts} {}", unit.get(lang))
}

/// One process column.
fn column(form: &Form<'_>, which: Which, title: Text, process: &Process) -> Html {
    let key = which.key();
    let lang = form.state.lang;
    let path = |f: &str| format!("{key}.{f}");
    let rate = process.follow_up_rate;
    let minutes = process.median_response_minutes;
    let follow_up = form.slider(
        &path("follow_up_rate"),
        Slider {
            label: Text::FollowUpRate.get(lang),
            min: 0.0,
            max: 100.0,
            position: (rate * 100.0).round().clamp(0.0, 100.0),
            value_text: format::percent(lang, rate, 0),
            to_value: |p| p / 100.0,
            scale: vec!["0%".into(), "50%".into(), "100%".into()],
        },
    );
    let median = form.slider(
        &path("median_response_minutes"),
        Slider {
            label: Text::MedianResponse.get(lang),
            min: 0.0,
            max: log_slider::STEPS,
            position: log_slider::position_of(minutes),
            value_text: format_minutes(lang, minutes),
            to_value: log_slider::minutes_at,
            scale: vec![
                format_minutes(lang, 1.0),
                format_minutes(lang, 60.0),
                format_minutes(lang, 1440.0),
                format_minutes(lang, log_slider::MAX_MINUTES),
            ],
        },
    );
    let attempts = form.slider(
        &path("attempts"),
        Slider {
            label: Text::Attempts.get(lang),
            min: 1.0,
            max: MAX_ATTEMPTS,
            position: f64::from(process.attempts).clamp(1.0, MAX_ATTEMPTS),
            value_text: attempts_text(lang, process.attempts),
            to_value: |p| p.round(),
            scale: vec!["1".into(), "10".into(), "20".into()],
        },
    );
    html! {
        <div class={classes!("process-col", key.to_owned())}>
            <h3>{ title.get(lang) }</h3>
            <div class="slider-pair">
                { follow_up }
                { form.field(&path("follow_up_rate"), Text::FollowUpRate.get(lang), Some("%"), None, true) }
            </div>
            { super::staffing::choice(form, which) }
            if let Some(capacity) = &process.capacity {
                { super::staffing::editor(form, which, capacity) }
            } else {
                <div class="slider-pair">
                    { median }
                    { form.field(&path("median_response_minutes"), Text::MedianResponse.get(lang), None, Some(Text::WhyResponse.get(lang)), true) }
                </div>
                { form.field(&path("response_spread"), Text::ResponseSpread.get(lang), Some("×"), None, false) }
            }
            <div class="slider-pair">
                { attempts }
                { form.field(&path("attempts"), Text::Attempts.get(lang), None, None, true) }
            </div>
        </div>
    }
}

/// The follow-up group.
pub fn process(form: &Form<'_>) -> Html {
    let lang = form.state.lang;
    let scenario = &form.state.scenario;
    html! {
        <fieldset class="group">
            <legend>{ Text::FollowUp.get(lang) }</legend>
            <div class="process">
                { column(form, Which::Now, Text::ProcessNow, &scenario.process_now) }
                { column(form, Which::Target, Text::ProcessTarget, &scenario.process_target) }
            </div>
            if scenario.process_now.capacity.is_some() || scenario.process_target.capacity.is_some() {
                { super::staffing::hint(lang) }
            }
            <p class="hint">{ Text::WhyFollowUp.get(lang) }</p>
            <p class="hint">{ Text::WhyAttempts.get(lang) }</p>
        </fieldset>
    }
}
