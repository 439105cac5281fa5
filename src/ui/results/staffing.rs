//! The staffing figures of each staffed process (MODEL.md §7), led by the share answered within
//! 5 minutes (the median of this mixture can jump from minutes to hours on a small change), and
//! the ROI card when both processes are staffed. Every figure carries its key path in the
//! results JSON (`expected.capacity_now.within_5_minutes`) and its unrounded value.

use yew::prelude::*;

use crate::i18n::parse::format_minutes;
use crate::i18n::{Lang, Text, format};
use crate::model::expected::Expected;
use crate::model::staffing::CapacityOutcome;
use crate::ui::kpi::Kpi;
use crate::ui::staffing_text::StaffingText as T;

fn outcome_cards(lang: Lang, key: &str, title: Text, o: &CapacityOutcome) -> Html {
    let pct = |v: f64| format::percent(lang, v, 0);
    let path = |f: &str| AttrValue::from(format!("expected.{key}.{f}"));
    html! {
        <section class="staffing-figures" data-capacity={key.to_owned()} aria-label={format!("{} · {}", T::Staffing.get(lang), title.get(lang))}>
            <h3>{ T::Staffing.get(lang) }{ ": " }{ title.get(lang) }</h3>
            <dl class="kpis">
                <Kpi key_path={path("within_5_minutes")} label={T::Within5.get(lang)} value={o.within_5_minutes} text={pct(o.within_5_minutes)} emphasis=true />
                <Kpi key_path={path("median_response_minutes")} label={T::Median.get(lang)} value={o.median_response_minutes} text={format_minutes(lang, o.median_response_minutes)} />
                <Kpi key_path={path("p90_response_minutes")} label={T::P90.get(lang)} value={o.p90_response_minutes} text={format_minutes(lang, o.p90_response_minutes)} />
                <Kpi key_path={path("arrive_unstaffed")} label={T::Unstaffed.get(lang)} value={o.arrive_unstaffed} text={pct(o.arrive_unstaffed)} />
                <Kpi key_path={path("utilisation")} label={T::Utilisation.get(lang)} value={o.utilisation} text={pct(o.utilisation)} />
                <Kpi key_path={path("staffing_cost_per_year")} label={T::CostPerYear.get(lang)} value={o.staffing_cost_per_year} text={format::money(lang, o.staffing_cost_per_year)} />
            </dl>
        </section>
    }
}

/// The staffing figures and ROI; nothing when neither process is staffed.
pub fn staffing(lang: Lang, e: &Expected) -> Html {
    if e.capacity_now.is_none() && e.capacity_target.is_none() {
        return html! {};
    }
    let money = |v: f64| format::money(lang, v);
    html! {
        <div class="staffing-results">
            if let Some(o) = &e.capacity_now { { outcome_cards(lang, "capacity_now", Text::ProcessNow, o) } }
            if let Some(o) = &e.capacity_target { { outcome_cards(lang, "capacity_target", Text::ProcessTarget, o) } }
            <p class="hint">{ T::MedianJumps.get(lang) }</p>
            if let Some(r) = &e.staffing_roi {
                <section class="roi-card" data-roi="" aria-label={T::Roi.get(lang)}>
                    <h3>{ T::Roi.get(lang) }</h3>
                    <dl class="kpis">
                        <Kpi key_path="expected.staffing_roi.extra_cost_per_year" label={T::ExtraCost.get(lang)} value={r.extra_cost_per_year} text={money(r.extra_cost_per_year)} />
                        <Kpi key_path="expected.staffing_roi.extra_gross_profit_per_year" label={T::ExtraGrossProfit.get(lang)} value={r.extra_gross_profit_per_year} text={money(r.extra_gross_profit_per_year)} />
                        <Kpi key_path="expected.staffing_roi.net_per_year" label={T::Net.get(lang)} value={r.net_per_year} text={money(r.net_per_year)} emphasis=true />
                    </dl>
                </section>
            } else {
                <p class="hint" data-roi-missing="">{ T::RoiBothStaffed.get(lang) }</p>
            }
        </div>
    }
}
