//! Economics: what a sale is worth, the sales target and the benchmark conversion.

use yew::prelude::*;

use crate::i18n::Text;
use crate::ui::form::Form;

/// The economics group.
pub fn economics(form: &Form<'_>) -> Html {
    let lang = form.state.lang;
    html! {
        <fieldset class="group">
            <legend>{ Text::Economics.get(lang) }</legend>
            <div class="grid-2">
                { form.field("revenue_per_sale", Text::RevenuePerSale.get(lang), Some("€"), None, false) }
                { form.field("gross_profit_per_sale", Text::GrossProfitPerSale.get(lang), Some("€"), None, false) }
                { form.field("target_sales_per_year", Text::TargetSalesPerYear.get(lang), None, Some(Text::TargetSalesHint.get(lang)), false) }
                { form.field("benchmark_conversion", Text::BenchmarkConversion.get(lang), Some("%"), Some(Text::WhyBenchmark.get(lang)), false) }
            </div>
        </fieldset>
    }
}
