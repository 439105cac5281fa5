//! Advanced settings, collapsed: the response curve (a preset, or its points edited in a
//! table), reachability per attempt, and the Monte Carlo's runs, seed and volume variation —
//! each with where its default comes from (MODEL.md §6).

use yew::prelude::*;

use crate::i18n::Text;
use crate::model::presets::CurvePreset;
use crate::state::Action;
use crate::ui::form::{Form, Look};
use crate::ui::messages;
use crate::ui::planner_text::PlannerText;

fn curve_name(preset: CurvePreset) -> PlannerText {
    match preset {
        CurvePreset::AutomotiveNl => PlannerText::CurveAutomotive,
        CurvePreset::Hbr2011 => PlannerText::CurveHbr,
        CurvePreset::Mit2007 => PlannerText::CurveMit,
    }
}

fn curve_why(preset: CurvePreset) -> PlannerText {
    match preset {
        CurvePreset::AutomotiveNl => PlannerText::WhyCurveAutomotive,
        CurvePreset::Hbr2011 => PlannerText::WhyCurveHbr,
        CurvePreset::Mit2007 => PlannerText::WhyCurveMit,
    }
}

/// The preset the edited curve equals, if any.
pub fn current_preset(curve: &[(f64, f64)]) -> Option<CurvePreset> {
    CurvePreset::all().into_iter().find(|p| p.points() == curve)
}

fn presets(form: &Form<'_>) -> Html {
    let lang = form.state.lang;
    let current = current_preset(&form.state.scenario.contact.response_curve);
    let item = |preset: CurvePreset| {
        let active = current == Some(preset);
        let id = format!("curve-why-{preset:?}");
        let onclick = form
            .dispatch
            .reform(move |_: MouseEvent| Action::Curve(preset));
        html! {
            <li>
                <button type="button" class="secondary preset" data-preset={format!("{preset:?}")}
                    aria-pressed={if active { "true" } else { "false" }} aria-describedby={id.clone()} {onclick}>
                    { PlannerText::UsePreset.get(lang) }{ ": " }{ curve_name(preset).get(lang) }
                </button>
                <p id={id} class="hint">{ curve_why(preset).get(lang) }</p>
            </li>
        }
    };
    let current_name = current.map_or(PlannerText::CustomCurve.get(lang), |p| {
        curve_name(p).get(lang)
    });
    html! {
        <>
            <p class="current-curve" data-current-curve={current.map(|p| format!("{p:?}")).unwrap_or_default()}>
                { PlannerText::CurrentCurve.get(lang) }{ ": " }<strong>{ current_name }</strong>
            </p>
            <ul class="presets">{ for CurvePreset::all().into_iter().map(item) }</ul>
        </>
    }
}

fn points(form: &Form<'_>) -> Html {
    let lang = form.state.lang;
    let curve = &form.state.scenario.contact.response_curve;
    let count = curve.len();
    let rows = (0..count).map(|i| {
        let path = |k: usize| format!("contact.response_curve[{i}][{k}]");
        let which = format!("{} {}", PlannerText::Point.get(lang), i + 1);
        let remove = form.dispatch.reform(move |_: MouseEvent| Action::RemoveCurvePoint(i));
        html! {
            <tr key={i}>
                <th scope="row">{ i + 1 }</th>
                <td data-label={PlannerText::PointMinutes.get(lang)}>{ form.field(&path(0), &format!("{} ({which})", PlannerText::PointMinutes.get(lang)), None, None, true) }</td>
                <td data-label={PlannerText::PointFactor.get(lang)}>{ form.field(&path(1), &format!("{} ({which})", PlannerText::PointFactor.get(lang)), Some("%"), None, true) }</td>
                <td class="row-actions">
                    <button type="button" class="icon danger" onclick={remove} disabled={count <= 1}
                        aria-label={format!("{} ({which})", PlannerText::RemovePoint.get(lang))}>{ "×" }</button>
                </td>
            </tr>
        }
    });
    let list_error = form
        .state
        .problem_at("contact.response_curve")
        .map(|p| messages::field_problem(lang, p));
    html! {
        <>
            <table class="curve-points">
                <caption class="visually-hidden">{ Text::CurvePoints.get(lang) }</caption>
                <thead><tr>
                    <th scope="col">{ "#" }</th>
                    <th scope="col">{ PlannerText::PointMinutes.get(lang) }</th>
                    <th scope="col">{ PlannerText::PointFactor.get(lang) }</th>
                    <th scope="col"><span class="visually-hidden">{ PlannerText::RemovePoint.get(lang) }</span></th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if let Some(e) = list_error { <p class="field-error" role="alert">{ e }</p> }
            <p class="hint">{ PlannerText::CurveRule.get(lang) }</p>
            <button type="button" class="secondary" onclick={form.dispatch.reform(|_: MouseEvent| Action::AddCurvePoint)}>
                { "+ " }{ PlannerText::AddPoint.get(lang) }
            </button>
        </>
    }
}

/// The advanced group, collapsed until opened.
pub fn advanced(form: &Form<'_>) -> Html {
    let lang = form.state.lang;
    let noted = |path: &str, label: PlannerText, unit: Option<&str>, why: PlannerText| {
        form.field_with(
            path,
            label.get(lang),
            Look {
                unit,
                hint: Some(why.get(lang)),
                ..Look::default()
            },
        )
    };
    html! {
        <details class="group advanced">
            <summary>{ Text::Advanced.get(lang) }</summary>
            <fieldset class="subgroup">
                <legend>{ PlannerText::ResponseCurve.get(lang) }</legend>
                <p class="hint">{ PlannerText::CurveIntro.get(lang) }</p>
                { presets(form) }
                { points(form) }
            </fieldset>
            <fieldset class="subgroup">
                <legend>{ PlannerText::Reachability.get(lang) }</legend>
                <div class="grid-2">
                    { noted("contact.first_attempt", PlannerText::FirstAttempt, Some("%"), PlannerText::WhyFirstAttempt) }
                    { noted("contact.attempt_decay", PlannerText::AttemptDecay, Some("%"), PlannerText::WhyAttemptDecay) }
                </div>
            </fieldset>
            <fieldset class="subgroup">
                <legend>{ PlannerText::Simulation.get(lang) }</legend>
                <div class="grid-2">
                    { noted("simulation.runs", PlannerText::Runs, None, PlannerText::WhyRuns) }
                    { noted("simulation.seed", PlannerText::Seed, None, PlannerText::WhySeed) }
                    { noted("simulation.volume_cv", PlannerText::VolumeCv, None, PlannerText::WhyVolumeCv) }
                </div>
            </fieldset>
        </details>
    }
}
