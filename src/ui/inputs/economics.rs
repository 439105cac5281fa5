//! Economics: what a sale is worth, the sales target and the benchmark conversion. A target the
//! model cannot plan for shows that warning beside the target field.

use yew::prelude::*;

use crate::i18n::Text;
use crate::model::expected::Warning;
use crate::ui::buy_text::BuyText;
use crate::ui::form::{Form, Look};
use crate::ui::results::warnings::warning_text;

/// The economics group; `warnings` are the model's warnings of the results on screen.
pub fn economics(form: &Form<'_>, warnings: &[Warning]) -> Html {
    let lang = form.state.lang;
    let unreachable: Vec<String> = warnings
        .iter()
        .filter(|w| matches!(w, Warning::TargetUnreachable { .. }))
        .map(|w| warning_text(lang, w))
        .collect();
    let target = Look {
        hint: Some(Text::TargetSalesHint.get(lang)),
        warning: (!unreachable.is_empty()).then(|| unreachable.join(" ")),
        ..Look::default()
    };
    html! {
        <fieldset class="group">
            <legend>{ Text::Economics.get(lang) }</legend>
            <div class="grid-2">
                { form.field("revenue_per_sale", Text::RevenuePerSale.get(lang), Some("€"), None, false) }
                { form.field("gross_profit_per_sale", Text::GrossProfitPerSale.get(lang), Some("€"), None, false) }
                { form.field_with("target_sales_per_year", Text::TargetSalesPerYear.get(lang), target) }
                { form.field("benchmark_conversion", Text::BenchmarkConversion.get(lang), Some("%"), Some(Text::WhyBenchmark.get(lang)), false) }
                { form.field("budget_per_year", BuyText::BudgetPerYear.get(lang), Some("€"), Some(BuyText::BudgetHint.get(lang)), false) }
            </div>
        </fieldset>
    }
}
