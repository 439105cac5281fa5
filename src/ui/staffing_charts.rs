//! The staffing charts of the planner (MODEL.md §7): the week grid of each staffed process
//! (arrivals as a heat map, its shifts over it) and the response-time distribution of today
//! against the target. Drawn through `ChartCanvas` like every chart (`data-chart`,
//! `data-draws`).

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::canvas::{ChartCanvas, DrawTarget};
use crate::charts::{Theme, response_times, week_grid};
use crate::i18n::parse::format_minutes;
use crate::i18n::{Lang, Text, format};
use crate::model::capacity::{Day, arrival_profile};
use crate::model::contact::Z90;
use crate::model::scenario::{Process, Scenario};
use crate::model::staffing::{Slot, queue_response_times};
use crate::state::staffing::Which;
use crate::ui::staffing_text::{StaffingText as T, day_short};

/// The week grid's data for a process: the normalised arrival profile and its shifts, one
/// entry per shift and day.
pub fn week_data(s: &Scenario, p: &Process) -> week_grid::WeekGridData {
    let shifts = p
        .capacity
        .iter()
        .flat_map(|c| &c.shifts)
        .flat_map(|shift| {
            shift.days.iter().map(|d| week_grid::WeekGridShift {
                day: d.index() as usize,
                from_min: shift.from,
                to_min: shift.to,
                people: shift.people,
            })
        })
        .collect();
    week_grid::WeekGridData {
        weights: arrival_profile(s).to_vec(),
        shifts,
    }
}

/// Sample times of the response-time curves: 0.25 minutes to 30 days, evenly on a log scale.
fn sample_minutes() -> impl Iterator<Item = f64> {
    let (lo, hi) = (0.25f64.ln(), 43200f64.ln());
    let n = 240;
    (0..=n).map(move |i| (lo + (hi - lo) * f64::from(i) / f64::from(n)).exp())
}

/// The cumulative share answered by t for a process: the queue's distribution when staffed,
/// its log-normal when typed.
pub fn response_cdf(s: &Scenario, which: Which, p: &Process) -> Vec<(f64, f64)> {
    match &p.capacity {
        Some(c) => {
            let slot = match which {
                Which::Now => Slot::Now,
                Which::Target => Slot::Target,
            };
            let d = queue_response_times(s, slot, c, p.follow_up_rate);
            sample_minutes().map(|t| (t, d.share_within(t))).collect()
        }
        None => {
            let m = p.median_response_minutes;
            let sigma = p.response_spread.ln() / Z90;
            sample_minutes()
                .map(|t| {
                    let share = if sigma > 0.0 {
                        0.5 * (1.0 + libm::erf((t / m).ln() / (sigma * std::f64::consts::SQRT_2)))
                    } else if t >= m {
                        1.0
                    } else {
                        0.0
                    };
                    (t, share)
                })
                .collect()
        }
    }
}

/// Properties of the staffing charts.
#[derive(Properties, PartialEq, Clone)]
pub struct StaffingChartProps {
    /// Interface language.
    pub lang: Lang,
    /// The (valid) scenario shown.
    pub scenario: Rc<Scenario>,
    /// Colours and type size.
    #[prop_or(Theme::light())]
    pub theme: Theme,
    /// CSS height of each canvas.
    #[prop_or(AttrValue::Static("18rem"))]
    pub height: AttrValue,
}

fn days(lang: Lang) -> [&'static str; 7] {
    Day::ALL.map(|d| day_short(lang, d))
}

/// The week grid of one process.
#[derive(Properties, PartialEq, Clone)]
pub struct WeekChartProps {
    /// Interface language.
    pub lang: Lang,
    /// The (valid) scenario shown.
    pub scenario: Rc<Scenario>,
    /// Whose shifts.
    pub which: Which,
    /// Colours and type size.
    #[prop_or(Theme::light())]
    pub theme: Theme,
    /// CSS height of the canvas.
    #[prop_or(AttrValue::Static("16rem"))]
    pub height: AttrValue,
}

/// The week grid: arrivals and the process's shifts.
#[function_component(WeekChart)]
pub fn week_chart(props: &WeekChartProps) -> Html {
    let lang = props.lang;
    let data = week_data(&props.scenario, props.which.of(&props.scenario));
    let share = move |v: f64| format::percent(lang, v, 1);
    let description = week_grid::text_alternative(
        &data,
        &week_grid::WeekGridLabels {
            days: days(lang),
            arrivals: T::LeadsPerHour.get(lang),
            shifts: T::StaffedPeople.get(lang),
            format_share: &share,
        },
    );
    let draw = use_callback(
        (data, lang, props.theme.clone()),
        |t: DrawTarget, (data, lang, theme)| {
            let lang = *lang;
            let share = move |v: f64| format::percent(lang, v, 1);
            let labels = week_grid::WeekGridLabels {
                days: days(lang),
                arrivals: T::LeadsPerHour.get(lang),
                shifts: T::StaffedPeople.get(lang),
                format_share: &share,
            };
            let theme = theme.clone().with_scale(t.scale * theme.scale);
            week_grid::draw(t.backend()?, data, &labels, &theme)
        },
    );
    let (name, title) = match props.which {
        Which::Now => ("week-grid-now", Text::ProcessNow),
        Which::Target => ("week-grid-target", Text::ProcessTarget),
    };
    html! {
        <ChartCanvas name={name} label={format!("{} · {}", T::ChartWeek.get(lang), title.get(lang))}
            {description} {draw} height={props.height.clone()} error_text={Text::ChartError.get(lang)} />
    }
}

/// The response-time distributions, today against the target.
#[function_component(ResponseTimesChart)]
pub fn response_times_chart(props: &StaffingChartProps) -> Html {
    let lang = props.lang;
    let data = use_memo(Rc::clone(&props.scenario), |s| {
        response_times::ResponseTimesData {
            now: response_cdf(s, Which::Now, &s.process_now),
            target: response_cdf(s, Which::Target, &s.process_target),
            minutes: response_times::DEFAULT_MINUTES,
        }
    });
    let minutes = move |v: f64| format_minutes(lang, v);
    let share = move |v: f64| format::percent(lang, v, 0);
    let description = response_times::text_alternative(
        &data,
        &response_times::ResponseTimesLabels {
            y_axis: T::AnsweredShare.get(lang),
            x_axis: T::ResponseTime.get(lang),
            now: Text::ProcessNow.get(lang),
            target: Text::ProcessTarget.get(lang),
            format_minutes: &minutes,
            format_share: &share,
        },
    );
    let draw = use_callback(
        (Rc::clone(&data), lang, props.theme.clone()),
        |t: DrawTarget, (data, lang, theme)| {
            let lang = *lang;
            let minutes = move |v: f64| format_minutes(lang, v);
            let share = move |v: f64| format::percent(lang, v, 0);
            let labels = response_times::ResponseTimesLabels {
                y_axis: T::AnsweredShare.get(lang),
                x_axis: T::ResponseTime.get(lang),
                now: Text::ProcessNow.get(lang),
                target: Text::ProcessTarget.get(lang),
                format_minutes: &minutes,
                format_share: &share,
            };
            let theme = theme.clone().with_scale(t.scale * theme.scale);
            response_times::draw(t.backend()?, data, &labels, &theme)
        },
    );
    html! {
        <ChartCanvas name="response-times" label={T::ChartResponseTimes.get(lang)}
            {description} {draw} height={props.height.clone()} error_text={Text::ChartError.get(lang)} />
    }
}

/// The staffing charts: the distributions, then a week grid per staffed process; nothing when
/// neither process is staffed.
#[function_component(StaffingCharts)]
pub fn staffing_charts(props: &StaffingChartProps) -> Html {
    let s = &props.scenario;
    if s.process_now.capacity.is_none() && s.process_target.capacity.is_none() {
        return html! {};
    }
    let p = props.clone();
    html! {
        <section class="charts staffing-charts" aria-label={T::Staffing.get(props.lang)}>
            <ResponseTimesChart ..p.clone() />
            { for Which::BOTH.into_iter().filter(|w| w.of(s).capacity.is_some()).map(|which| html! {
                <WeekChart lang={p.lang} scenario={Rc::clone(&p.scenario)} {which} theme={p.theme.clone()} />
            }) }
        </section>
    }
}
