//! One component per chart, shared by the planner, compare, the widget and the projector mode:
//! each maps the model's results into its chart's data, builds the chart's words in the page's
//! language once (for the drawing and the text alternative alike) and draws through
//! `ChartCanvas`.

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::canvas::{ChartCanvas, DrawTarget};
use crate::charts::{
    ChartError, Mapping, Theme, leads_needed, lost_revenue, monthly, response_curve, waterfall,
};
use crate::i18n::parse::format_minutes;
use crate::i18n::{Lang, Text, format, month_short};
use crate::model::contact::response_factor;
use crate::model::expected::Expected;
use crate::model::histogram::Bands;
use crate::model::scenario::Scenario;
use crate::state::simulation::SimUpdate;

/// Properties of every chart component.
#[derive(Properties, PartialEq, Clone)]
pub struct ChartViewProps {
    /// Interface language.
    pub lang: Lang,
    /// The scenario the results belong to.
    pub scenario: Rc<Scenario>,
    /// Expected values of that scenario.
    pub expected: Rc<Expected>,
    /// The latest simulation update, if any.
    #[prop_or_default]
    pub simulation: Option<Rc<SimUpdate>>,
    /// Whether `simulation` belongs to an older scenario (a new one is running). The monthly
    /// bands then wait for the new one; the lost-revenue distribution keeps showing the old one
    /// meanwhile rather than flickering away on every keystroke.
    #[prop_or_default]
    pub stale: bool,
    /// Colours; the theme's `scale` enlarges the type (the projector mode).
    #[prop_or(Theme::light())]
    pub theme: Theme,
    /// CSS height of the canvas.
    #[prop_or(AttrValue::Static("18rem"))]
    pub height: AttrValue,
    /// Told apart from charts of the same kind on the page (compare): `monthly-1`.
    #[prop_or_default]
    pub index: Option<usize>,
    /// Added to the accessible name (compare: the scenario's name).
    #[prop_or_default]
    pub caption: Option<AttrValue>,
}

/// Number formats of one language, for axis labels and text alternatives.
struct Formats {
    count: Box<dyn Fn(f64) -> String>,
    count1: Box<dyn Fn(f64) -> String>,
    money: Box<dyn Fn(f64) -> String>,
    percent: Box<dyn Fn(f64) -> String>,
    minutes: Box<dyn Fn(f64) -> String>,
}

impl Formats {
    fn new(lang: Lang) -> Formats {
        Formats {
            count: Box::new(move |v| format::number(lang, v, 0)),
            count1: Box::new(move |v| format::number(lang, v, 1)),
            money: Box::new(move |v| format::money(lang, v)),
            percent: Box::new(move |v| format::percent(lang, v, 0)),
            minutes: Box::new(move |v| format_minutes(lang, v)),
        }
    }
}

fn monthly_labels(lang: Lang, f: &Formats) -> monthly::MonthlyLabels<'_> {
    monthly::MonthlyLabels {
        y_axis: Text::SalesPerMonth.get(lang),
        now: Text::ProcessNow.get(lang),
        target: Text::ProcessTarget.get(lang),
        band: Text::Band.get(lang),
        format: &*f.count1,
    }
}

fn waterfall_labels(lang: Lang, f: &Formats) -> waterfall::WaterfallLabels<'_> {
    waterfall::WaterfallLabels {
        y_axis: Text::SalesPerYear.get(lang),
        start: Text::ProcessNow.get(lang),
        end: Text::ProcessTarget.get(lang),
        gain: Text::Gain.get(lang),
        loss: Text::Loss.get(lang),
        format: &*f.count,
    }
}

fn curve_labels(lang: Lang, f: &Formats) -> response_curve::ResponseCurveLabels<'_> {
    response_curve::ResponseCurveLabels {
        y_axis: Text::ReachFactor.get(lang),
        x_axis: Text::ResponseTime.get(lang),
        points: Text::CurvePoints.get(lang),
        now: Text::ProcessNow.get(lang),
        target: Text::ProcessTarget.get(lang),
        format_minutes: &*f.minutes,
        format_factor: &*f.percent,
    }
}

fn leads_labels(lang: Lang, f: &Formats) -> leads_needed::LeadsNeededLabels<'_> {
    leads_needed::LeadsNeededLabels {
        y_axis: Text::LeadsNeededAxis.get(lang),
        x_axis: Text::Conversion.get(lang),
        now: Text::ProcessNow.get(lang),
        target: Text::ProcessTarget.get(lang),
        benchmark: Text::Benchmark.get(lang),
        format_leads: &*f.count,
        format_percent: &*f.percent,
    }
}

fn lost_labels(lang: Lang, f: &Formats) -> lost_revenue::LostRevenueLabels<'_> {
    lost_revenue::LostRevenueLabels {
        y_axis: Text::ShareOfYears.get(lang),
        x_axis: Text::LostRevenue.get(lang),
        mean: Text::Mean.get(lang),
        p10: "P10",
        p90: "P90",
        format_money: &*f.money,
        format_share: &*f.percent,
    }
}

/// Monthly sales with the simulation's bands; until it reports, the band is the expected value.
fn monthly_data(lang: Lang, e: &Expected, sim: Option<&SimUpdate>) -> monthly::MonthlyData {
    let bands = sim.and_then(|s| s.summary.as_ref()).map(|s| &s.months);
    let band = |mean: f64, b: Option<&Bands>| monthly::Band {
        p10: b.map_or(mean, |b| b.p10),
        p50: b.map_or(mean, |b| b.p50),
        p90: b.map_or(mean, |b| b.p90),
        mean,
    };
    let months = e
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mb = bands.and_then(|b| b.get(i));
            monthly::MonthBands {
                label: month_short(lang, i).to_owned(),
                now: band(m.sales_now, mb.map(|b| &b.sales_now)),
                target: band(m.sales_target, mb.map(|b| &b.sales_target)),
            }
        })
        .collect();
    monthly::MonthlyData { months }
}

fn waterfall_data(lang: Lang, e: &Expected) -> waterfall::WaterfallData {
    waterfall::WaterfallData {
        start: e.sales_now,
        parts: vec![
            (
                Text::CauseFollowUp.get(lang).to_owned(),
                e.loss_by_cause.follow_up,
            ),
            (Text::CauseSpeed.get(lang).to_owned(), e.loss_by_cause.speed),
            (
                Text::CauseAttempts.get(lang).to_owned(),
                e.loss_by_cause.attempts,
            ),
        ],
        end: e.sales_target,
    }
}

/// The response curve as the model interpolates it, sampled on a log scale for drawing.
fn curve_data(s: &Scenario) -> response_curve::ResponseCurveData {
    let (lo, hi) = response_curve::DEFAULT_MINUTES;
    let n = 160;
    let curve = (0..=n)
        .map(|i| {
            let t = (lo.ln() + (hi.ln() - lo.ln()) * f64::from(i) / f64::from(n)).exp();
            (t, response_factor(&s.contact.response_curve, t))
        })
        .collect();
    response_curve::ResponseCurveData {
        curve,
        points: s.contact.response_curve.clone(),
        median_now: s.process_now.median_response_minutes,
        median_target: s.process_target.median_response_minutes,
        minutes: response_curve::DEFAULT_MINUTES,
    }
}

/// A chart's canvas with its name, accessible name, description and drawing.
fn canvas(
    props: &ChartViewProps,
    name: &str,
    label: Text,
    description: String,
    draw: Callback<DrawTarget, Result<Mapping, ChartError>>,
) -> Html {
    let lang = props.lang;
    let name = match props.index {
        Some(i) => format!("{name}-{i}"),
        None => name.to_owned(),
    };
    let label = match &props.caption {
        Some(c) => format!("{} · {c}", label.get(lang)),
        None => label.get(lang).to_owned(),
    };
    html! {
        <ChartCanvas {name} {label} {description} {draw} height={props.height.clone()}
            error_text={Text::ChartError.get(lang)} />
    }
}

/// The theme at the canvas's pixel ratio, times the theme's own scale.
fn scaled(theme: &Theme, t: &DrawTarget) -> Theme {
    let scale = t.scale * theme.scale;
    theme.clone().with_scale(scale)
}

/// Sales per month, today and with the target process, with P10–P90 bands.
#[function_component(MonthlyChart)]
pub fn monthly_chart(props: &ChartViewProps) -> Html {
    let lang = props.lang;
    let current = props.simulation.as_deref().filter(|_| !props.stale);
    let data = monthly_data(lang, &props.expected, current);
    let description = monthly::text_alternative(&data, &monthly_labels(lang, &Formats::new(lang)));
    let draw = use_callback(
        (data, lang, props.theme.clone()),
        |t: DrawTarget, (data, lang, theme)| {
            let f = Formats::new(*lang);
            monthly::draw(
                t.backend()?,
                data,
                &monthly_labels(*lang, &f),
                &scaled(theme, &t),
            )
        },
    );
    canvas(props, "monthly", Text::ChartMonthly, description, draw)
}

/// The lost sales split by cause, as a waterfall.
#[function_component(WaterfallChart)]
pub fn waterfall_chart(props: &ChartViewProps) -> Html {
    let lang = props.lang;
    let data = waterfall_data(lang, &props.expected);
    let description =
        waterfall::text_alternative(&data, &waterfall_labels(lang, &Formats::new(lang)));
    let draw = use_callback(
        (data, lang, props.theme.clone()),
        |t: DrawTarget, (data, lang, theme)| {
            let f = Formats::new(*lang);
            waterfall::draw(
                t.backend()?,
                data,
                &waterfall_labels(*lang, &f),
                &scaled(theme, &t),
            )
        },
    );
    canvas(props, "waterfall", Text::ChartWaterfall, description, draw)
}

/// The response curve with today's and the target's median marked.
#[function_component(ResponseCurveChart)]
pub fn response_curve_chart(props: &ChartViewProps) -> Html {
    let lang = props.lang;
    let data = curve_data(&props.scenario);
    let description =
        response_curve::text_alternative(&data, &curve_labels(lang, &Formats::new(lang)));
    let draw = use_callback(
        (data, lang, props.theme.clone()),
        |t: DrawTarget, (data, lang, theme)| {
            let f = Formats::new(*lang);
            response_curve::draw(
                t.backend()?,
                data,
                &curve_labels(*lang, &f),
                &scaled(theme, &t),
            )
        },
    );
    canvas(
        props,
        "response-curve",
        Text::ChartResponseCurve,
        description,
        draw,
    )
}

/// Leads needed per year as a function of conversion (only with a sales target).
#[function_component(LeadsNeededChart)]
pub fn leads_needed_chart(props: &ChartViewProps) -> Html {
    let lang = props.lang;
    let (s, e) = (&props.scenario, &props.expected);
    let data = s
        .target_sales_per_year
        .map(|target| leads_needed::LeadsNeededData {
            target_sales: target,
            conversion_now: e.conversion_now,
            conversion_target: e.conversion_target,
            benchmark: s.benchmark_conversion,
            conversion_range: leads_needed::DEFAULT_CONVERSION,
        });
    let description = data
        .as_ref()
        .map(|d| leads_needed::text_alternative(d, &leads_labels(lang, &Formats::new(lang))));
    let draw = use_callback(
        (data, lang, props.theme.clone()),
        |t: DrawTarget, (data, lang, theme)| {
            let data = data.as_ref().ok_or(ChartError::NoData)?;
            let f = Formats::new(*lang);
            leads_needed::draw(
                t.backend()?,
                data,
                &leads_labels(*lang, &f),
                &scaled(theme, &t),
            )
        },
    );
    match description {
        Some(description) => canvas(
            props,
            "leads-needed",
            Text::ChartLeadsNeeded,
            description,
            draw,
        ),
        None => html! { <p class="hint">{ Text::NoTargetNoChart.get(lang) }</p> },
    }
}

/// The distribution of annual lost revenue from the simulation.
#[function_component(LostRevenueChart)]
pub fn lost_revenue_chart(props: &ChartViewProps) -> Html {
    let lang = props.lang;
    let data = props.simulation.as_deref().and_then(|u| {
        let summary = u.summary.as_ref()?;
        Some(lost_revenue::LostRevenueData {
            bins: u.lost_revenue_histogram.clone(),
            mean: summary.annual.lost_revenue.mean,
            p10: summary.annual.lost_revenue.p10,
            p90: summary.annual.lost_revenue.p90,
        })
    });
    let description = data
        .as_ref()
        .map(|d| lost_revenue::text_alternative(d, &lost_labels(lang, &Formats::new(lang))));
    let draw = use_callback(
        (data, lang, props.theme.clone()),
        |t: DrawTarget, (data, lang, theme)| {
            let data = data.as_ref().ok_or(ChartError::NoData)?;
            let f = Formats::new(*lang);
            lost_revenue::draw(
                t.backend()?,
                data,
                &lost_labels(*lang, &f),
                &scaled(theme, &t),
            )
        },
    );
    match description {
        Some(description) => canvas(
            props,
            "lost-revenue",
            Text::ChartLostRevenue,
            description,
            draw,
        ),
        None => html! { <p class="hint" role="status">{ Text::Simulating.get(lang) }</p> },
    }
}

/// The planner's five charts.
#[function_component(ChartsPanel)]
pub fn charts_panel(props: &ChartViewProps) -> Html {
    let p = props.clone();
    html! {
        <section class="charts" aria-label={Text::Charts.get(props.lang)}>
            <MonthlyChart ..p.clone() />
            <WaterfallChart ..p.clone() />
            <ResponseCurveChart ..p.clone() />
            <LeadsNeededChart ..p.clone() />
            <LostRevenueChart ..p />
        </section>
    }
}
