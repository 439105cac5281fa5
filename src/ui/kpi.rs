//! A figure card. `data-kpi` names the figure's key path in the results JSON and `data-value`
//! carries the unrounded number, so tests and integrations read exact values.

use yew::prelude::*;

/// Properties of [`Kpi`].
#[derive(Properties, PartialEq, Clone)]
pub struct KpiProps {
    /// Key path in the results JSON, e.g. `expected.lost_revenue`.
    pub key_path: AttrValue,
    /// What the figure is.
    pub label: AttrValue,
    /// The unrounded value.
    pub value: f64,
    /// The value as shown.
    pub text: AttrValue,
    /// A second line, e.g. the P10–P90 range or the benchmark.
    #[prop_or_default]
    pub detail: Option<Html>,
    /// Emphasise (the headline loss).
    #[prop_or_default]
    pub emphasis: bool,
}

/// A figure card.
#[function_component(Kpi)]
pub fn kpi(props: &KpiProps) -> Html {
    html! {
        <div class={classes!("kpi", props.emphasis.then_some("emphasis"))}>
            <dt>{ &props.label }</dt>
            <dd>
                <span class="kpi-value" data-kpi={props.key_path.clone()} data-value={props.value.to_string()}>{ &props.text }</span>
                if let Some(detail) = &props.detail { <span class="kpi-detail">{ detail.clone() }</span> }
            </dd>
        </div>
    }
}
