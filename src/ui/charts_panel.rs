//! The planner's five charts: the model's results mapped into the charts' data, drawn through
//! `ChartCanvas`, each with its text alternative in the page's language.

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
use crate::model::scenario::Scenario;
use crate::state::simulation::SimUpdate;

/// Properties of [`ChartsPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct ChartsPanelProps {
    /// Interface language.
    pub lang: Lang,
    /// The scenario the results belong to.
    pub scenario: Rc<Scenario>,
    /// Expected values of that scenario.
    pub expected: Rc<Expected>,
    /// The latest simulation summary of that scenario, if any.
    #[prop_or_default]
    pub simulation: Option<Rc<SimUpdate>>,
    /// Theme (the projector mode uses the dark one).
    #[prop_or(Theme::light())]
    pub theme: Theme,
}

fn monthly_data(lang: Lang, e: &Expected, sim: Option<&SimUpdate>) -> monthly::MonthlyData {
    let bands = sim.and_then(|s| s.summary.as_ref()).map(|s| &s.months);
    let months = e
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let band = |mean: f64, b: Option<&crate::model::histogram::Bands>| match b {
                Some(b) => monthly::Band {
                    p10: b.p10,
                    p50: b.p50,
                    p90: b.p90,
                    mean,
                },
                // Until the simulation reports, the band is the expected value itself.
                None => monthly::Band {
                    p10: mean,
                    p50: mean,
                    p90: mean,
                    mean,
                },
            };
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

/// The response curve as the model interpolates it, sampled on a log scale for drawing.
fn sampled_curve(scenario: &Scenario) -> Vec<(f64, f64)> {
    let (lo, hi) = response_curve::DEFAULT_MINUTES;
    let n = 160;
    (0..=n)
        .map(|i| {
            let t = (lo.ln() + (hi.ln() - lo.ln()) * f64::from(i) / f64::from(n)).exp();
            (t, response_factor(&scenario.contact.response_curve, t))
        })
        .collect()
}

type DrawFn = Callback<DrawTarget, Result<Mapping, ChartError>>;

/// The charts.
#[function_component(ChartsPanel)]
pub fn charts_panel(props: &ChartsPanelProps) -> Html {
    let lang = props.lang;
    let theme = props.theme.clone();
    let sim = props.simulation.as_deref();

    let monthly_data = monthly_data(lang, &props.expected, sim);
    let money = move |v: f64| format::money(lang, v);
    let count = move |v: f64| format::number(lang, v, 0);
    let count1 = move |v: f64| format::number(lang, v, 1);
    let pct = move |v: f64| format::percent(lang, v, 0);
    let factor = move |v: f64| format::percent(lang, v, 0);
    let minutes = move |v: f64| format_minutes(lang, v);

    let monthly_labels = |f: &dyn Fn(&monthly::MonthlyLabels<'_>) -> String| {
        f(&monthly::MonthlyLabels {
            y_axis: Text::SalesPerMonth.get(lang),
            now: Text::ProcessNow.get(lang),
            target: Text::ProcessTarget.get(lang),
            band: Text::Band.get(lang),
            format: &count1,
        })
    };
    let monthly_alt = monthly_labels(&|l| monthly::text_alternative(&monthly_data, l));
    let monthly_draw: DrawFn = {
        let theme = theme.clone();
        use_callback(
            (monthly_data.clone(), lang),
            move |t: DrawTarget, (data, lang)| {
                let lang = *lang;
                let count1 = move |v: f64| format::number(lang, v, 1);
                let labels = monthly::MonthlyLabels {
                    y_axis: Text::SalesPerMonth.get(lang),
                    now: Text::ProcessNow.get(lang),
                    target: Text::ProcessTarget.get(lang),
                    band: Text::Band.get(lang),
                    format: &count1,
                };
                monthly::draw(
                    t.backend()?,
                    data,
                    &labels,
                    &theme.clone().with_scale(t.scale),
                )
            },
        )
    };

    let e = &props.expected;
    let waterfall_data = waterfall::WaterfallData {
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
    };
    let waterfall_labels = waterfall::WaterfallLabels {
        y_axis: Text::SalesPerYear.get(lang),
        start: Text::ProcessNow.get(lang),
        end: Text::ProcessTarget.get(lang),
        gain: Text::Gain.get(lang),
        loss: Text::Loss.get(lang),
        format: &count,
    };
    let waterfall_alt = waterfall::text_alternative(&waterfall_data, &waterfall_labels);
    let waterfall_draw: DrawFn = {
        let theme = theme.clone();
        use_callback(
            (waterfall_data.clone(), lang),
            move |t: DrawTarget, (data, lang)| {
                let lang = *lang;
                let count = move |v: f64| format::number(lang, v, 0);
                let labels = waterfall::WaterfallLabels {
                    y_axis: Text::SalesPerYear.get(lang),
                    start: Text::ProcessNow.get(lang),
                    end: Text::ProcessTarget.get(lang),
                    gain: Text::Gain.get(lang),
                    loss: Text::Loss.get(lang),
                    format: &count,
                };
                waterfall::draw(
                    t.backend()?,
                    data,
                    &labels,
                    &theme.clone().with_scale(t.scale),
                )
            },
        )
    };

    let s = &props.scenario;
    let curve_data = response_curve::ResponseCurveData {
        curve: sampled_curve(s),
        points: s.contact.response_curve.clone(),
        median_now: s.process_now.median_response_minutes,
        median_target: s.process_target.median_response_minutes,
        minutes: response_curve::DEFAULT_MINUTES,
    };
    let curve_labels = response_curve::ResponseCurveLabels {
        y_axis: Text::ReachFactor.get(lang),
        x_axis: Text::ResponseTime.get(lang),
        points: Text::CurvePoints.get(lang),
        now: Text::ProcessNow.get(lang),
        target: Text::ProcessTarget.get(lang),
        format_minutes: &minutes,
        format_factor: &factor,
    };
    let curve_alt = response_curve::text_alternative(&curve_data, &curve_labels);
    let curve_draw: DrawFn = {
        let theme = theme.clone();
        use_callback(
            (curve_data.clone(), lang),
            move |t: DrawTarget, (data, lang)| {
                let lang = *lang;
                let minutes = move |v: f64| format_minutes(lang, v);
                let factor = move |v: f64| format::percent(lang, v, 0);
                let labels = response_curve::ResponseCurveLabels {
                    y_axis: Text::ReachFactor.get(lang),
                    x_axis: Text::ResponseTime.get(lang),
                    points: Text::CurvePoints.get(lang),
                    now: Text::ProcessNow.get(lang),
                    target: Text::ProcessTarget.get(lang),
                    format_minutes: &minutes,
                    format_factor: &factor,
                };
                response_curve::draw(
                    t.backend()?,
                    data,
                    &labels,
                    &theme.clone().with_scale(t.scale),
                )
            },
        )
    };

    let leads_data = s
        .target_sales_per_year
        .map(|target| leads_needed::LeadsNeededData {
            target_sales: target,
            conversion_now: e.conversion_now,
            conversion_target: e.conversion_target,
            benchmark: s.benchmark_conversion,
            conversion_range: leads_needed::DEFAULT_CONVERSION,
        });
    let leads_alt = leads_data.as_ref().map(|d| {
        leads_needed::text_alternative(
            d,
            &leads_needed::LeadsNeededLabels {
                y_axis: Text::LeadsNeededAxis.get(lang),
                x_axis: Text::Conversion.get(lang),
                now: Text::ProcessNow.get(lang),
                target: Text::ProcessTarget.get(lang),
                benchmark: Text::Benchmark.get(lang),
                format_leads: &count,
                format_percent: &pct,
            },
        )
    });
    let leads_draw: DrawFn = {
        let theme = theme.clone();
        use_callback(
            (leads_data.clone(), lang),
            move |t: DrawTarget, (data, lang)| {
                let lang = *lang;
                let data = data.as_ref().ok_or(ChartError::NoData)?;
                let count = move |v: f64| format::number(lang, v, 0);
                let pct = move |v: f64| format::percent(lang, v, 0);
                let labels = leads_needed::LeadsNeededLabels {
                    y_axis: Text::LeadsNeededAxis.get(lang),
                    x_axis: Text::Conversion.get(lang),
                    now: Text::ProcessNow.get(lang),
                    target: Text::ProcessTarget.get(lang),
                    benchmark: Text::Benchmark.get(lang),
                    format_leads: &count,
                    format_percent: &pct,
                };
                leads_needed::draw(
                    t.backend()?,
                    data,
                    &labels,
                    &theme.clone().with_scale(t.scale),
                )
            },
        )
    };

    let lost_data = sim.and_then(|u| {
        let summary = u.summary.as_ref()?;
        Some(lost_revenue::LostRevenueData {
            bins: u.lost_revenue_histogram.clone(),
            mean: summary.annual.lost_revenue.mean,
            p10: summary.annual.lost_revenue.p10,
            p90: summary.annual.lost_revenue.p90,
        })
    });
    let lost_alt = lost_data.as_ref().map(|d| {
        lost_revenue::text_alternative(
            d,
            &lost_revenue::LostRevenueLabels {
                y_axis: Text::ShareOfYears.get(lang),
                x_axis: Text::LostRevenue.get(lang),
                mean: Text::Mean.get(lang),
                p10: "P10",
                p90: "P90",
                format_money: &money,
                format_share: &pct,
            },
        )
    });
    let lost_draw: DrawFn = {
        let theme = theme.clone();
        use_callback(
            (lost_data.clone(), lang),
            move |t: DrawTarget, (data, lang)| {
                let lang = *lang;
                let data = data.as_ref().ok_or(ChartError::NoData)?;
                let money = move |v: f64| format::money(lang, v);
                let pct = move |v: f64| format::percent(lang, v, 0);
                let labels = lost_revenue::LostRevenueLabels {
                    y_axis: Text::ShareOfYears.get(lang),
                    x_axis: Text::LostRevenue.get(lang),
                    mean: Text::Mean.get(lang),
                    p10: "P10",
                    p90: "P90",
                    format_money: &money,
                    format_share: &pct,
                };
                lost_revenue::draw(
                    t.backend()?,
                    data,
                    &labels,
                    &theme.clone().with_scale(t.scale),
                )
            },
        )
    };

    let error_text = AttrValue::from(Text::ChartError.get(lang));
    html! {
        <section class="charts" aria-label={Text::Charts.get(lang)}>
            <ChartCanvas name="monthly" label={Text::ChartMonthly.get(lang)} description={monthly_alt} draw={monthly_draw} error_text={error_text.clone()} />
            <ChartCanvas name="waterfall" label={Text::ChartWaterfall.get(lang)} description={waterfall_alt} draw={waterfall_draw} error_text={error_text.clone()} />
            <ChartCanvas name="response-curve" label={Text::ChartResponseCurve.get(lang)} description={curve_alt} draw={curve_draw} error_text={error_text.clone()} />
            if let Some(alt) = leads_alt {
                <ChartCanvas name="leads-needed" label={Text::ChartLeadsNeeded.get(lang)} description={alt} draw={leads_draw} error_text={error_text.clone()} />
            } else {
                <p class="hint">{ Text::NoTargetNoChart.get(lang) }</p>
            }
            if let Some(alt) = lost_alt {
                <ChartCanvas name="lost-revenue" label={Text::ChartLostRevenue.get(lang)} description={alt} draw={lost_draw} {error_text} />
            } else {
                <p class="hint" role="status">{ Text::Simulating.get(lang) }</p>
            }
        </section>
    }
}
