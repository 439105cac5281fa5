//! The model's warnings in the user's language. They are matched on the [`Warning`] enum, not
//! on its English text, so a reworded message can never drop a translation.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::model::expected::Warning;
use crate::ui::planner_text::PlannerText;

/// One warning as a sentence.
pub fn warning_text(lang: Lang, warning: &Warning) -> String {
    match (warning, lang) {
        (Warning::CloseRateClamped { source }, Lang::Nl) => format!(
            "De conversie van {source} is vandaag hoger dan de huidige opvolging kan verklaren; controleer de invoer van deze bron."
        ),
        (Warning::CloseRateClamped { source }, Lang::En) => format!(
            "Today's conversion of {source} is higher than today's follow-up can explain; check its inputs."
        ),
        (Warning::TargetUnreachable { process }, Lang::Nl) => {
            let which = if *process == "now" {
                "het huidige proces"
            } else {
                "het doelproces"
            };
            format!(
                "Het verkoopdoel is met {which} niet te plannen: geen enkele lead zou een verkoop worden."
            )
        }
        (Warning::TargetUnreachable { process }, Lang::En) => {
            let which = if *process == "now" {
                "today's process"
            } else {
                "the target process"
            };
            format!("The sales target cannot be planned with {which}: no lead would become a sale.")
        }
        (
            Warning::RetriesDoNotFit {
                process,
                retry_hours,
                idle_hours,
            },
            Lang::Nl,
        ) => {
            let which = if *process == "now" {
                "het huidige proces"
            } else {
                "het doelproces"
            };
            format!(
                "De belpogingen van {which} vragen {retry_hours:.1} uur per week, meer dan de {idle_hours:.1} bemande uren die na de eerste reacties over zijn."
            )
        }
        (Warning::RetriesDoNotFit { .. }, Lang::En) => {
            let mut s = warning.to_string();
            if let Some(first) = s.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            s + "."
        }
    }
}

/// Properties of [`Warnings`].
#[derive(Properties, PartialEq, Clone)]
pub struct WarningsProps {
    /// Interface language.
    pub lang: Lang,
    /// The warnings of the results on screen.
    pub warnings: Vec<Warning>,
}

/// The list of warnings under the figures (nothing when there are none).
#[function_component(Warnings)]
pub fn warnings(props: &WarningsProps) -> Html {
    if props.warnings.is_empty() {
        return html! {};
    }
    let lang = props.lang;
    html! {
        <section class="warnings" aria-labelledby="warnings-h" role="status">
            <h3 id="warnings-h">{ PlannerText::Warnings.get(lang) }</h3>
            <ul>
                { for props.warnings.iter().map(|w| html! {
                    <li data-warning={warning_kind(w)}>{ warning_text(lang, w) }</li>
                }) }
            </ul>
        </section>
    }
}

/// A stable name for tests and styling.
fn warning_kind(w: &Warning) -> &'static str {
    match w {
        Warning::CloseRateClamped { .. } => "close-rate-clamped",
        Warning::TargetUnreachable { .. } => "target-unreachable",
        Warning::RetriesDoNotFit { .. } => "retries-do-not-fit",
    }
}
