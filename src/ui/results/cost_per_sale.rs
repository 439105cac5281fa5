//! The sources' cost per sale compared (MODEL.md §8: the portal comparison Paul de Vries makes):
//! a table sortable by name or by cost per sale, today and with the target process (keyboard
//! buttons in the headers, `aria-sort` on the sorted column), and a bar chart of the same with
//! the benchmark marked (see [`crate::charts::cost_per_sale`] for its definition).

use std::cmp::Ordering;
use std::rc::Rc;

use yew::prelude::*;

use crate::charts::canvas::{ChartCanvas, DrawTarget};
use crate::charts::cost_per_sale::{
    self, CostPerSaleData, CostPerSaleLabels, SourceCost, benchmark_cost_per_sale,
};
use crate::charts::{Mapping, Theme};
use crate::i18n::{Lang, Text, format};
use crate::model::expected::Expected;
use crate::ui::buy_text::BuyText;

/// The column the table is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// The scenario's order (unsorted).
    Order,
    /// By name.
    Name,
    /// By cost per sale today.
    Now,
    /// By cost per sale with the target process.
    Target,
}

/// The rows' order: indices into `rows` sorted by `key`, ascending or not. Sources without
/// sales (no cost per sale) come last either way; ties keep the scenario's order.
pub fn sorted(rows: &[SourceCost], key: SortKey, ascending: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let by_value = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => {
            let o = a.total_cmp(&b);
            if ascending { o } else { o.reverse() }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    order.sort_by(|&a, &b| {
        let (x, y) = (&rows[a], &rows[b]);
        match key {
            SortKey::Order => Ordering::Equal,
            SortKey::Name => {
                let o = x.name.to_lowercase().cmp(&y.name.to_lowercase());
                if ascending { o } else { o.reverse() }
            }
            SortKey::Now => by_value(x.now, y.now),
            SortKey::Target => by_value(x.target, y.target),
        }
    });
    order
}

fn labels<'a>(lang: Lang, money: &'a dyn Fn(f64) -> String) -> CostPerSaleLabels<'a> {
    CostPerSaleLabels {
        x_axis: BuyText::CostPerSale.get(lang),
        now: Text::ProcessNow.get(lang),
        target: Text::ProcessTarget.get(lang),
        benchmark: BuyText::BenchmarkCost.get(lang),
        no_sales: BuyText::NoSales.get(lang),
        format_money: money,
    }
}

/// Properties of [`CostPerSale`].
#[derive(Properties, PartialEq, Clone)]
pub struct CostPerSaleProps {
    /// Interface language.
    pub lang: Lang,
    /// Expected values of the scenario on screen.
    pub expected: Rc<Expected>,
    /// The scenario's benchmark conversion.
    pub benchmark_conversion: f64,
}

/// The cost-per-sale table and chart.
#[function_component(CostPerSale)]
pub fn cost_per_sale_view(props: &CostPerSaleProps) -> Html {
    let lang = props.lang;
    let e = &props.expected;
    let sort = use_state_eq(|| (SortKey::Order, true));
    let data = CostPerSaleData {
        sources: e
            .sources
            .iter()
            .map(|s| SourceCost {
                name: s.name.clone(),
                now: s.cost_per_sale_now,
                target: s.cost_per_sale_target,
            })
            .collect(),
        benchmark: benchmark_cost_per_sale(e.cost, e.leads, props.benchmark_conversion),
    };
    let (key, ascending) = *sort;
    let order = sorted(&data.sources, key, ascending);
    let money = |v: f64| format::money(lang, v);
    let description = cost_per_sale::text_alternative(&data, &labels(lang, &money));
    let header = |column: SortKey, text: BuyText| {
        let active = key == column;
        let aria = match (active, ascending) {
            (true, true) => "ascending",
            (true, false) => "descending",
            _ => "none",
        };
        let arrow = match (active, ascending) {
            (true, true) => "▲",
            (true, false) => "▼",
            _ => "",
        };
        let onclick = {
            let sort = sort.clone();
            // A first click sorts ascending, the next one descending.
            Callback::from(move |_: MouseEvent| sort.set((column, !(active && ascending))))
        };
        html! {
            <th scope="col" aria-sort={aria}>
                <button type="button" class="sort" {onclick}
                    aria-label={format!("{} {}", BuyText::SortBy.get(lang), text.get(lang))}>
                    { text.get(lang) }<span class="arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    let cell = |key: String, v: Option<f64>, label: BuyText| {
        let (data, shown) = match v {
            Some(v) => (v.to_string(), money(v)),
            None => ("null".to_owned(), BuyText::NoSales.get(lang).to_owned()),
        };
        html! { <td class="num" data-label={label.get(lang)} data-kpi={key} data-value={data}>{ shown }</td> }
    };
    let rows = order.iter().map(|&i| {
        let s = &data.sources[i];
        html! {
            <tr key={i}>
                <th scope="row">{ &s.name }</th>
                { cell(format!("expected.sources[{i}].cost_per_sale_now"), s.now, BuyText::CostNow) }
                { cell(format!("expected.sources[{i}].cost_per_sale_target"), s.target, BuyText::CostTarget) }
            </tr>
        }
    });
    // Redrawn when the data or the language changes.
    let draw = use_callback(
        (data.clone(), lang),
        |t: DrawTarget, (data, lang)| -> Result<Mapping, _> {
            let lang = *lang;
            let money = |v: f64| format::money(lang, v);
            let theme = Theme::light().with_scale(t.scale);
            cost_per_sale::draw(t.backend()?, data, &labels(lang, &money), &theme)
        },
    );
    let height = format!("{}rem", 6 + 2 * data.sources.len().min(20));
    html! {
        <section class="cost-per-sale" aria-labelledby="cps-h" data-cost-per-sale="">
            <h3 id="cps-h">{ BuyText::CostPerSale.get(lang) }</h3>
            <p class="hint">{ BuyText::CostPerSaleIntro.get(lang) }{ " " }{ BuyText::BenchmarkCostNote.get(lang) }</p>
            <table class="plan-table" data-plan-table="cost-per-sale" aria-labelledby="cps-h">
                <thead><tr>
                    { header(SortKey::Name, BuyText::SourceName) }
                    { header(SortKey::Now, BuyText::CostNow) }
                    { header(SortKey::Target, BuyText::CostTarget) }
                </tr></thead>
                <tbody>{ for rows }</tbody>
                if let Some(b) = data.benchmark {
                    <tfoot><tr>
                        <th scope="row">{ BuyText::BenchmarkCost.get(lang) }</th>
                        <td class="num" colspan="2" data-benchmark-cost={b.to_string()}>{ money(b) }</td>
                    </tr></tfoot>
                }
            </table>
            <ChartCanvas name="cost-per-sale" label={BuyText::ChartCostPerSale.get(lang)} {description} {draw}
                height={height} error_text={Text::ChartError.get(lang)} />
        </section>
    }
}
