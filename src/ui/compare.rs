//! The compare view (`view=compare`): two to four scenarios side by side, each with its
//! figures, monthly chart and waterfall, and every figure's difference from the first scenario
//! (coloured, and with a +/− sign and "better"/"worse" in words, so colour is never the only
//! cue). All are simulated with the first scenario's seed and number of runs, so differences
//! come from the inputs, not from the random stream.
//!
//! A scenario with staffing (MODEL.md §7) also shows, per staffed process, the share answered
//! within 5 minutes, the median response time and the staffing cost per year, and, when both
//! processes are staffed, the extra staffing cost and what the target staffing earns net (the
//! ROI). Typed-response scenarios have no such rows; a difference is shown only where the first
//! scenario has the figure too.
//!
//! It offers the scenario on screen, the workshop presets and the saved scenarios. A newcomer
//! with fewer than two saved scenarios sees the scenario on screen next to the best-practice
//! preset at once: never an empty page. With two or more saved, the first two saved open.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::parse::format_minutes;
use crate::i18n::{Lang, Text, format, texts};
use crate::model::expected::{Expected, expected};
use crate::model::presets::WorkshopPreset;
use crate::model::scenario::Scenario;
use crate::state::{Action, View};

use super::chart_views::{MonthlyChart, WaterfallChart};
use super::scenarios::LibraryState;
use super::simulation::use_simulation;

texts! {
    /// Texts of the compare view.
    pub enum CompareText {
        Title => "Scenario's vergelijken", "Compare scenarios";
        Choose => "Kies twee tot vier scenario's", "Choose two to four scenarios";
        OnScreen => "Op het scherm", "On screen";
        Presets => "Workshopvoorbeelden", "Workshop presets";
        Saved => "Opgeslagen", "Saved";
        SaveHint => "Eigen varianten? Sla ze op met Opslaan als… in de planner; ze verschijnen hier.",
                    "Variants of your own? Save them with Save as… in the planner; they appear here.";
        PickTwo => "Kies er minstens twee.", "Choose at least two.";
        SameSeed => "Alle scenario's zijn gesimuleerd met de seed en het aantal runs van het eerste",
                    "All scenarios are simulated with the seed and number of runs of the first";
        Back => "Terug naar de planner", "Back to the planner";
        VsFirst => "t.o.v. het eerste", "vs the first";
        Better => "beter", "better";
        Worse => "slechter", "worse";
        Same => "gelijk", "same";
        SalesP50 => "Verkopen nu (mediaan simulatie)", "Sales today (simulation median)";
        LeadsNeeded => "Leads nodig voor het doel (nu)", "Leads needed for the target (today)";
        Budget => "Budget nodig (nu)", "Budget needed (today)";
        Within5Now => "Binnen 5 minuten beantwoord (nu)", "Answered within 5 minutes (today)";
        MedianNow => "Mediane reactietijd (nu)", "Median response time (today)";
        StaffingCostNow => "Personeelskosten per jaar (nu)", "Staffing cost per year (today)";
        Within5Target => "Binnen 5 minuten beantwoord (doel)", "Answered within 5 minutes (target)";
        MedianTarget => "Mediane reactietijd (doel)", "Median response time (target)";
        StaffingCostTarget => "Personeelskosten per jaar (doel)", "Staffing cost per year (target)";
        RoiExtraCost => "Extra personeelskosten per jaar (doel t.o.v. nu)", "Extra staffing cost per year (target vs today)";
        RoiNet => "Wat de doelbezetting netto per jaar oplevert", "What the target staffing earns net per year";
    }
}

/// Properties of [`Compare`].
#[derive(Properties, PartialEq, Clone)]
pub struct CompareProps {
    /// Interface language.
    pub lang: Lang,
    /// The scenario on screen in the planner.
    pub screen: Rc<Scenario>,
    /// The saved scenarios.
    pub library: UseStateHandle<LibraryState>,
    /// Sends actions to the app's reducer (for the way back).
    pub dispatch: Callback<Action>,
}

/// A scenario the compare view can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Pick {
    /// The scenario on screen in the planner.
    Screen,
    /// A workshop preset.
    Preset(usize),
    /// A saved scenario, by its index in the library.
    Saved(usize),
}

impl Pick {
    /// A stable code for tests and keys: `screen`, `preset:best-practice`, `saved:2`.
    fn code(self) -> String {
        match self {
            Pick::Screen => "screen".to_string(),
            Pick::Preset(i) => format!("preset:{}", WorkshopPreset::all()[i].code()),
            Pick::Saved(i) => format!("saved:{i}"),
        }
    }
}

/// What opens first: the first two saved scenarios if there are two, else the scenario on
/// screen next to best practice (or, if the screen already shows best practice, the typical
/// dealer), so a newcomer sees a comparison at once.
fn first_picks(saved: usize, screen: &Scenario) -> Vec<Pick> {
    if saved >= 2 {
        return vec![Pick::Saved(0), Pick::Saved(1)];
    }
    let presets = WorkshopPreset::all();
    let index = |p: WorkshopPreset| presets.iter().position(|&q| q == p).unwrap_or(0);
    let other = if *screen == WorkshopPreset::BestPractice.scenario() {
        WorkshopPreset::TypicalDealer
    } else {
        WorkshopPreset::BestPractice
    };
    vec![Pick::Screen, Pick::Preset(index(other))]
}

/// The compare page.
#[function_component(Compare)]
pub fn compare(props: &CompareProps) -> Html {
    let lang = props.lang;
    let t = |k: CompareText| k.get(lang);
    let entries = &props.library.library.entries;
    let presets = WorkshopPreset::all();
    let selected = {
        let (saved, screen) = (entries.len(), Rc::clone(&props.screen));
        use_state_eq(move || first_picks(saved, &screen))
    };
    let chosen: Vec<Pick> = selected
        .iter()
        .copied()
        .filter(|p| !matches!(p, Pick::Saved(i) if *i >= entries.len()))
        .collect();
    let name_of = |p: Pick| -> String {
        match p {
            Pick::Screen => {
                let name = &props.screen.name;
                if name.is_empty() {
                    t(CompareText::OnScreen).to_string()
                } else {
                    format!("{name} ({})", t(CompareText::OnScreen).to_lowercase())
                }
            }
            Pick::Preset(i) => {
                let ((nl, _), (en, _)) = presets[i].texts();
                if lang == Lang::Nl { nl } else { en }.to_string()
            }
            Pick::Saved(i) => entries.get(i).map_or_else(String::new, |e| e.name.clone()),
        }
    };
    let scenario_of = |p: Pick| -> Scenario {
        match p {
            Pick::Screen => (*props.screen).clone(),
            Pick::Preset(i) => presets[i].scenario(),
            Pick::Saved(i) => entries[i].scenario.clone(),
        }
    };
    // The first chosen scenario's seed and runs for all.
    let scenarios: Rc<Vec<Rc<Scenario>>> = {
        let mut list: Vec<Scenario> = chosen.iter().map(|&p| scenario_of(p)).collect();
        if let Some(first) = list.first().map(|s| s.simulation.clone()) {
            for s in &mut list {
                s.simulation.seed = first.seed;
                s.simulation.runs = first.runs;
            }
        }
        Rc::new(list.into_iter().map(Rc::new).collect())
    };
    let results = use_memo(Rc::clone(&scenarios), |list| {
        list.iter()
            .map(|s| expected(s).ok().map(|(e, _)| Rc::new(e)))
            .collect::<Vec<_>>()
    });
    let back = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            super::scenarios::set_view_in_address(lang, View::Plan);
            dispatch.emit(Action::SetView(View::Plan));
        })
    };
    let toggle = |p: Pick| {
        let on = chosen.contains(&p);
        let onchange = {
            let selected = selected.clone();
            Callback::from(move |_: Event| {
                let mut next = (*selected).clone();
                if let Some(pos) = next.iter().position(|&q| q == p) {
                    next.remove(pos);
                } else if next.len() < 4 {
                    next.push(p);
                    next.sort_unstable();
                }
                selected.set(next);
            })
        };
        html! {
            <label class="compare-pick">
                <input type="checkbox" checked={on} disabled={!on && chosen.len() >= 4} {onchange} data-compare-pick={p.code()} />
                { " " }{ name_of(p) }
            </label>
        }
    };
    let base = results.first().cloned().flatten();
    let seed_note = scenarios.first().zip(chosen.first()).map(|(s, &p)| {
        format!(
            "{} ({}: seed {}, {} runs).",
            t(CompareText::SameSeed),
            name_of(p),
            s.simulation.seed,
            s.simulation.runs
        )
    });
    html! {
        <div class="compare">
            <div class="compare-head">
                <h2>{ t(CompareText::Title) }</h2>
                <button type="button" class="secondary no-print" data-action="back-to-plan" onclick={back}>{ t(CompareText::Back) }</button>
            </div>
            <fieldset class="group no-print">
                <legend>{ t(CompareText::Choose) }</legend>
                <div class="compare-picks">
                    { toggle(Pick::Screen) }
                </div>
                <p class="compare-group">{ t(CompareText::Presets) }</p>
                <div class="compare-picks">{ for (0..presets.len()).map(|i| toggle(Pick::Preset(i))) }</div>
                if entries.is_empty() {
                    <p class="hint">{ t(CompareText::SaveHint) }</p>
                } else {
                    <p class="compare-group">{ t(CompareText::Saved) }</p>
                    <div class="compare-picks">{ for (0..entries.len()).map(|i| toggle(Pick::Saved(i))) }</div>
                }
            </fieldset>
            if chosen.len() < 2 { <p class="notice warn" role="status">{ t(CompareText::PickTwo) }</p> }
            if let Some(note) = seed_note { <p class="hint">{ note }</p> }
            <div class="compare-grid" style={format!("--columns:{}", chosen.len().max(1))}>
                { for scenarios.iter().enumerate().map(|(k, s)| {
                    let p = chosen[k];
                    html! {
                        <CompareColumn key={p.code()} {lang} index={k} name={name_of(p)}
                            scenario={Rc::clone(s)} expected={results.get(k).cloned().flatten()}
                            base={if k == 0 { None } else { base.clone() }} />
                    }
                }) }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq, Clone)]
struct ColumnProps {
    lang: Lang,
    index: usize,
    name: String,
    scenario: Rc<Scenario>,
    expected: Option<Rc<Expected>>,
    /// The first scenario's results, to show differences against (`None` for the first).
    base: Option<Rc<Expected>>,
}

/// One figure: key path, label, how to read it off the results, whether higher is better, and
/// how to format it.
struct Figure {
    key: &'static str,
    label: &'static str,
    value: fn(&Expected) -> Option<f64>,
    higher_is_better: bool,
    kind: Kind,
}

#[derive(Clone, Copy)]
enum Kind {
    Money,
    Count,
    Percent,
    Minutes,
}

fn figures(lang: Lang) -> Vec<Figure> {
    let f =
        |key, label: &'static str, value: fn(&Expected) -> Option<f64>, higher_is_better, kind| {
            Figure {
                key,
                label,
                value,
                higher_is_better,
                kind,
            }
        };
    vec![
        f(
            "expected.lost_revenue",
            Text::LostRevenue.get(lang),
            |e| Some(e.lost_revenue),
            false,
            Kind::Money,
        ),
        f(
            "expected.lost_sales",
            Text::LostSales.get(lang),
            |e| Some(e.lost_sales),
            false,
            Kind::Count,
        ),
        f(
            "expected.sales_now",
            Text::SalesNow.get(lang),
            |e| Some(e.sales_now),
            true,
            Kind::Count,
        ),
        f(
            "expected.sales_target",
            Text::SalesTarget.get(lang),
            |e| Some(e.sales_target),
            true,
            Kind::Count,
        ),
        f(
            "expected.conversion_now",
            Text::ConversionToday.get(lang),
            |e| Some(e.conversion_now),
            true,
            Kind::Percent,
        ),
        f(
            "expected.cost",
            Text::LeadCostPerYear.get(lang),
            |e| Some(e.cost),
            false,
            Kind::Money,
        ),
        f(
            "expected.cost_per_sale_now",
            Text::CostPerSaleNow.get(lang),
            |e| e.cost_per_sale_now,
            false,
            Kind::Money,
        ),
        f(
            "expected.plan.leads_needed_now",
            CompareText::LeadsNeeded.get(lang),
            |e| e.plan.as_ref().and_then(|p| p.leads_needed_now),
            false,
            Kind::Count,
        ),
        f(
            "expected.plan.budget_now",
            CompareText::Budget.get(lang),
            |e| e.plan.as_ref().and_then(|p| p.budget_now),
            false,
            Kind::Money,
        ),
        // Staffing (MODEL.md §7): only where the process has a capacity.
        f(
            "expected.capacity_now.within_5_minutes",
            CompareText::Within5Now.get(lang),
            |e| e.capacity_now.as_ref().map(|c| c.within_5_minutes),
            true,
            Kind::Percent,
        ),
        f(
            "expected.capacity_now.median_response_minutes",
            CompareText::MedianNow.get(lang),
            |e| e.capacity_now.as_ref().map(|c| c.median_response_minutes),
            false,
            Kind::Minutes,
        ),
        f(
            "expected.capacity_now.staffing_cost_per_year",
            CompareText::StaffingCostNow.get(lang),
            |e| e.capacity_now.as_ref().map(|c| c.staffing_cost_per_year),
            false,
            Kind::Money,
        ),
        f(
            "expected.capacity_target.within_5_minutes",
            CompareText::Within5Target.get(lang),
            |e| e.capacity_target.as_ref().map(|c| c.within_5_minutes),
            true,
            Kind::Percent,
        ),
        f(
            "expected.capacity_target.median_response_minutes",
            CompareText::MedianTarget.get(lang),
            |e| {
                e.capacity_target
                    .as_ref()
                    .map(|c| c.median_response_minutes)
            },
            false,
            Kind::Minutes,
        ),
        f(
            "expected.capacity_target.staffing_cost_per_year",
            CompareText::StaffingCostTarget.get(lang),
            |e| e.capacity_target.as_ref().map(|c| c.staffing_cost_per_year),
            false,
            Kind::Money,
        ),
        f(
            "expected.staffing_roi.extra_cost_per_year",
            CompareText::RoiExtraCost.get(lang),
            |e| e.staffing_roi.as_ref().map(|r| r.extra_cost_per_year),
            false,
            Kind::Money,
        ),
        f(
            "expected.staffing_roi.net_per_year",
            CompareText::RoiNet.get(lang),
            |e| e.staffing_roi.as_ref().map(|r| r.net_per_year),
            true,
            Kind::Money,
        ),
    ]
}

fn show(lang: Lang, kind: Kind, v: f64) -> String {
    match kind {
        Kind::Money => format::money(lang, v),
        Kind::Count => format::number(lang, v, 0),
        Kind::Percent => format::percent(lang, v, 1),
        Kind::Minutes => format_minutes(lang, v),
    }
}

/// "+€ 1.234 (worse)": the signed difference from the first scenario, in words too.
fn delta(lang: Lang, figure: &Figure, value: f64, base: f64) -> Html {
    let d = value - base;
    let shown = show(lang, figure.kind, d.abs());
    // Differences that round to nothing are "same", not a coloured zero.
    let same = show(lang, figure.kind, 0.0) == shown;
    let (class, word) = if same {
        ("same", CompareText::Same)
    } else if (d > 0.0) == figure.higher_is_better {
        ("better", CompareText::Better)
    } else {
        ("worse", CompareText::Worse)
    };
    let sign = if same {
        "±"
    } else if d > 0.0 {
        "+"
    } else {
        "−"
    };
    html! {
        <span class={classes!("delta", class)} data-delta={d.to_string()}>
            { format!("Δ {sign}{shown} {} ({})", CompareText::VsFirst.get(lang), word.get(lang)) }
        </span>
    }
}

/// One scenario's column: its own simulation (same seed as the first), figures and two charts.
#[function_component(CompareColumn)]
fn compare_column(props: &ColumnProps) -> Html {
    let lang = props.lang;
    let sim = use_simulation(Rc::clone(&props.scenario));
    let current = sim.current().cloned();
    let Some(e) = props.expected.as_ref() else {
        return html! { <section class="compare-col" data-scenario={props.name.clone()}><h3>{ &props.name }</h3></section> };
    };
    let rows = figures(lang).into_iter().filter_map(|f| {
        let v = (f.value)(e)?;
        let d = props
            .base
            .as_ref()
            .and_then(|b| (f.value)(b))
            .map(|b| delta(lang, &f, v, b));
        Some(html! {
            <div class="kpi">
                <dt>{ f.label }</dt>
                <dd>
                    <span class="kpi-value" data-kpi={f.key} data-value={v.to_string()}>{ show(lang, f.kind, v) }</span>
                    { for d }
                </dd>
            </div>
        })
    });
    let p50 = current
        .as_ref()
        .and_then(|u| u.summary.as_ref())
        .map(|s| s.annual.sales_now.p50);
    let k = props.index;
    html! {
        <section class="compare-col" data-scenario={props.name.clone()} aria-labelledby={format!("compare-h-{k}")}>
            <h3 id={format!("compare-h-{k}")}>{ &props.name }</h3>
            <dl class="kpis compact">
                { for rows }
                <div class="kpi">
                    <dt>{ CompareText::SalesP50.get(lang) }</dt>
                    <dd>
                        if let Some(v) = p50 {
                            <span class="kpi-value" data-kpi="simulation.annual.sales_now.p50" data-value={v.to_string()}>{ format::number(lang, v, 0) }</span>
                        } else {
                            <span class="kpi-value" role="status">{ "…" }</span>
                        }
                    </dd>
                </div>
            </dl>
            <MonthlyChart {lang} scenario={Rc::clone(&props.scenario)} expected={Rc::clone(e)} simulation={current.clone()}
                index={k} caption={props.name.clone()} height="14rem" />
            <WaterfallChart {lang} scenario={Rc::clone(&props.scenario)} expected={Rc::clone(e)}
                index={k} caption={props.name.clone()} height="14rem" />
        </section>
    }
}
