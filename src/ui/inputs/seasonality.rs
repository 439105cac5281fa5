//! Seasonality: twelve monthly weights labelled by month, the share of the year each stands
//! for, and the two presets with why they look the way they do (MODEL.md §6).

use yew::prelude::*;

use crate::i18n::{Text, format};
use crate::model::presets::SeasonalityPreset;
use crate::state::Action;
use crate::ui::form::Form;
use crate::ui::planner_text::{PlannerText, month_long};

fn preset_name(preset: SeasonalityPreset) -> PlannerText {
    match preset {
        SeasonalityPreset::Dealer => PlannerText::PresetDealer,
        SeasonalityPreset::Flat => PlannerText::PresetFlat,
    }
}

fn preset_why(preset: SeasonalityPreset) -> PlannerText {
    match preset {
        SeasonalityPreset::Dealer => PlannerText::WhyDealerSeason,
        SeasonalityPreset::Flat => PlannerText::WhyFlatSeason,
    }
}

/// Each month's share of the year; `None` where the weights cannot be normalised (the field
/// shows its problem instead).
fn shares(weights: &[f64]) -> Vec<Option<f64>> {
    let valid = weights.iter().all(|w| w.is_finite() && *w >= 0.0);
    let total: f64 = weights.iter().sum();
    weights
        .iter()
        .map(|w| (valid && total > 0.0).then(|| w / total))
        .collect()
}

fn preset_button(form: &Form<'_>, preset: SeasonalityPreset) -> Html {
    let lang = form.state.lang;
    let active = form.state.scenario.seasonality == preset.weights();
    let id = format!("season-why-{preset:?}");
    let onclick = form
        .dispatch
        .reform(move |_: MouseEvent| Action::Seasonality(preset));
    html! {
        <li>
            <button type="button" class="secondary preset" data-preset={format!("{preset:?}")}
                aria-pressed={if active { "true" } else { "false" }} aria-describedby={id.clone()} {onclick}>
                { preset_name(preset).get(lang) }
                if active { <span class="badge">{ " · " }{ PlannerText::InUse.get(lang) }</span> }
            </button>
            <p id={id} class="hint">{ preset_why(preset).get(lang) }</p>
        </li>
    }
}

/// The seasonality group.
pub fn seasonality(form: &Form<'_>) -> Html {
    let lang = form.state.lang;
    let weights = &form.state.scenario.seasonality;
    let shares = shares(weights);
    let months = (0..12).map(|m| {
        let share = shares.get(m).copied().flatten().map(|s| {
            format!("{} {}", PlannerText::ShareOfYear.get(lang), format::percent(lang, s, 1))
        });
        html! {
            <div class="month" key={m}>
                { form.field(&format!("seasonality[{m}]"), month_long(lang, m), None, share.as_deref(), false) }
            </div>
        }
    });
    let list_error = form
        .state
        .problem_at("seasonality")
        .map(|p| crate::ui::messages::field_problem(lang, p));
    html! {
        <fieldset class="group seasonality">
            <legend>{ Text::Seasonality.get(lang) }</legend>
            <p class="hint">{ PlannerText::SeasonalityIntro.get(lang) }</p>
            <div class="months">{ for months }</div>
            if let Some(e) = list_error { <p class="field-error" role="alert">{ e }</p> }
            <h3 class="sub">{ PlannerText::PresetsLabel.get(lang) }</h3>
            <ul class="presets">
                { for SeasonalityPreset::all().into_iter().map(|p| preset_button(form, p)) }
            </ul>
        </fieldset>
    }
}
