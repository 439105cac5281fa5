//! One labelled text input for a scenario field, named by its JSON path, with its message and
//! its "why this default" note linked through `aria-describedby`.

use yew::prelude::*;

/// Properties of [`Field`].
#[derive(Properties, PartialEq, Clone)]
pub struct FieldProps {
    /// The field's JSON path; the input's `name`.
    pub path: AttrValue,
    /// The visible label (or, with `hide_label`, the accessible name).
    pub label: AttrValue,
    /// The text the input shows.
    pub text: AttrValue,
    /// What is wrong with the value, if anything.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// A short note: why this default, or how to type the value.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// A model warning about this value (e.g. a clamped close rate): shown and linked like the
    /// hint, but it does not make the value invalid.
    #[prop_or_default]
    pub warning: Option<AttrValue>,
    /// A unit shown after the input ("%", "€").
    #[prop_or_default]
    pub unit: Option<AttrValue>,
    /// Keep the label for screen readers only (inside tables whose header says it).
    #[prop_or_default]
    pub hide_label: bool,
    /// Text input instead of a decimal one (names).
    #[prop_or_default]
    pub text_input: bool,
    /// Called with (path, text) on every keystroke.
    pub onedit: Callback<(String, String)>,
    /// Called with the path when the input loses focus.
    pub onblur: Callback<String>,
}

/// A stable element id for a JSON path: `sources[2].name` → `f-sources-2-name`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '_' => id.push(c),
            ']' => {}
            _ => id.push('-'),
        }
    }
    id
}

/// A labelled input for one scenario field.
#[function_component(Field)]
pub fn field(props: &FieldProps) -> Html {
    let id = field_id(&props.path);
    let msg_id = format!("{id}-msg");
    let hint_id = format!("{id}-hint");
    let warn_id = format!("{id}-warn");
    let described: Vec<&str> = [
        props.error.as_ref().map(|_| msg_id.as_str()),
        props.warning.as_ref().map(|_| warn_id.as_str()),
        props.hint.as_ref().map(|_| hint_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let oninput = {
        let (onedit, path) = (props.onedit.clone(), props.path.to_string());
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            onedit.emit((path.clone(), input.value()));
        })
    };
    let onblur = {
        let (cb, path) = (props.onblur.clone(), props.path.to_string());
        Callback::from(move |_: FocusEvent| cb.emit(path.clone()))
    };
    html! {
        <div class={classes!("field", props.error.as_ref().map(|_| "invalid"))}>
            <label for={id.clone()} class={classes!(props.hide_label.then_some("visually-hidden"))}>{ &props.label }</label>
            <span class="input-wrap">
                <input
                    id={id}
                    name={props.path.clone()}
                    type="text"
                    inputmode={if props.text_input { "text" } else { "decimal" }}
                    autocomplete="off"
                    spellcheck="false"
                    value={props.text.clone()}
                    aria-invalid={if props.error.is_some() { "true" } else { "false" }}
                    aria-describedby={(!described.is_empty()).then(|| described.join(" "))}
                    {oninput}
                    {onblur}
                />
                if let Some(unit) = &props.unit { <span class="unit" aria-hidden="true">{ unit }</span> }
            </span>
            if let Some(error) = &props.error {
                <p id={msg_id} class="field-error">{ error }</p>
            }
            if let Some(warning) = &props.warning {
                <p id={warn_id} class="field-warning">{ warning }</p>
            }
            if let Some(hint) = &props.hint {
                <p id={hint_id} class="hint">{ hint }</p>
            }
        </div>
    }
}
