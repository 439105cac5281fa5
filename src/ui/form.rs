//! Inputs bound to the state by JSON path: one generic [`Field`] per scenario field, shown with
//! the typed text while it is edited, its problem in the user's language, and range sliders that
//! set the same value (the text field keeps the `name`).

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use crate::i18n::parse::{editable_minutes, editable_number};
use crate::state::fields::{self, FieldKind};
use crate::state::{Action, AppState};

use super::field::Field;
use super::messages;

/// What an input shows: the typed text while it is being edited, else the value formatted for
/// editing in the field's unit. `doc` is the scenario as JSON, converted once per render rather
/// than once per field (a form reads ~100 fields per render).
pub(crate) fn display_text(state: &AppState, doc: &Value, path: &str) -> String {
    if let Some(draft) = state.drafts.get(path) {
        return draft.text.clone();
    }
    let lang = state.lang;
    let value = doc.pointer(&fields::pointer(path));
    match (value, fields::kind_of(path)) {
        (Some(Value::Number(n)), kind) => {
            let v = crate::decimal::json_number(n).unwrap_or(0.0);
            match kind {
                FieldKind::Percent => editable_number(lang, v * 100.0),
                FieldKind::Minutes => editable_minutes(lang, v),
                _ => editable_number(lang, v),
            }
        }
        (Some(Value::String(s)), _) => s.clone(),
        // Left out of the JSON at its default of 0 (MODEL.md §8).
        (None, FieldKind::Number) if path.ends_with("fixed_cost_per_month") => {
            editable_number(lang, 0.0)
        }
        _ => String::new(),
    }
}

/// Builds inputs bound to the state; every edit is one generic action on a JSON path.
pub struct Form<'a> {
    /// The state the inputs show.
    pub state: &'a AppState,
    /// Where their edits go.
    pub dispatch: &'a Callback<Action>,
    /// The edited scenario as JSON, converted once per render (see [`use_scenario_json`]).
    pub doc: Rc<Value>,
    /// Typed text, as `(path, text)`; the same callback on every render (see [`use_field_callbacks`]).
    pub onedit: Callback<(String, String)>,
    /// A field lost focus; also stable.
    pub onblur: Callback<String>,
}

/// The edited scenario as JSON, converted again only when it changes.
#[hook]
pub fn use_scenario_json(state: &AppState) -> Rc<Value> {
    use_memo(Rc::clone(&state.scenario), |s| {
        serde_json::to_value(&**s).unwrap_or(Value::Null)
    })
}

/// Edit and blur callbacks that stay the same from render to render, so that a [`Field`] whose
/// text, message and hint did not change is not rendered again on every keystroke. They send to
/// the latest `dispatch`.
#[hook]
pub fn use_field_callbacks(
    dispatch: &Callback<Action>,
) -> (Callback<(String, String)>, Callback<String>) {
    let latest = use_mut_ref(|| dispatch.clone());
    *latest.borrow_mut() = dispatch.clone();
    let callbacks = use_memo((), move |_| {
        let send = move |action: Action| {
            // Clone out of the cell first: emitting must not hold the borrow.
            let dispatch = latest.borrow().clone();
            dispatch.emit(action);
        };
        let send2 = send.clone();
        (
            Callback::from(move |(path, text): (String, String)| send(Action::Edit { path, text })),
            Callback::from(move |path: String| send2(Action::Blur(path))),
        )
    });
    (callbacks.0.clone(), callbacks.1.clone())
}

/// How a field looks besides its path and label.
#[derive(Default)]
pub struct Look<'t> {
    /// A unit after the input ("%", "€").
    pub unit: Option<&'t str>,
    /// A short note: why this default, or how to type it.
    pub hint: Option<&'t str>,
    /// A model warning about the value.
    pub warning: Option<String>,
    /// Label for screen readers only (a table header or slider says it visibly).
    pub hide_label: bool,
}

impl Form<'_> {
    /// A labelled text input for the field at `path`.
    pub fn field(
        &self,
        path: &str,
        label: &str,
        unit: Option<&str>,
        hint: Option<&str>,
        hide_label: bool,
    ) -> Html {
        self.field_with(
            path,
            label,
            Look {
                unit,
                hint,
                warning: None,
                hide_label,
            },
        )
    }

    /// A labelled text input with every option of [`Look`].
    pub fn field_with(&self, path: &str, label: &str, look: Look<'_>) -> Html {
        let lang = self.state.lang;
        let error = self
            .state
            .problem_at(path)
            .map(|p| AttrValue::from(messages::field_problem(lang, p)));
        let onedit = self.onedit.clone();
        let onblur = self.onblur.clone();
        html! {
            <Field
                path={AttrValue::from(path.to_owned())}
                label={AttrValue::from(label.to_owned())}
                text={AttrValue::from(display_text(self.state, &self.doc, path))}
                {error}
                hint={look.hint.map(|h| AttrValue::from(h.to_owned()))}
                warning={look.warning.map(AttrValue::from)}
                unit={look.unit.map(|u| AttrValue::from(u.to_owned()))}
                hide_label={look.hide_label}
                text_input={fields::kind_of(path).takes_letters()}
                {onedit}
                {onblur}
            />
        }
    }

    /// A range slider for the field at `path`. It cannot produce bad text, so it sets the value
    /// directly; `to_value` maps its position to the document's units. The slider has no `name`:
    /// the text field beside it carries that.
    pub fn slider(&self, path: &str, spec: Slider<'_>) -> Html {
        let id = format!("slider-{}", super::field::field_id(path));
        let oninput = slider_input(self.dispatch, path, spec.to_value);
        html! {
            <div class="slider-field">
                <label for={id.clone()}>{ spec.label }{ ": " }<output for={id.clone()}>{ spec.value_text.clone() }</output></label>
                <input id={id} type="range" min={spec.min.to_string()} max={spec.max.to_string()} step="1"
                    value={spec.position.to_string()}
                    aria-valuetext={spec.value_text}
                    {oninput} />
                if !spec.scale.is_empty() {
                    <div class="scale" aria-hidden="true">{ for spec.scale.iter().map(|s| html! { <span>{ s }</span> }) }</div>
                }
            </div>
        }
    }
}

/// A slider's range, position and how its position becomes a value.
pub struct Slider<'t> {
    /// The visible label.
    pub label: &'t str,
    /// Lowest position.
    pub min: f64,
    /// Highest position.
    pub max: f64,
    /// The current position (whole steps).
    pub position: f64,
    /// The value as read out ("8 h", "90%", "2 attempts").
    pub value_text: String,
    /// Position → value in document units.
    pub to_value: fn(f64) -> f64,
    /// Labels under the track, left to right.
    pub scale: Vec<String>,
}

/// What a range slider for the field at `path` sends on every move: its position mapped by
/// `to_value` into the document's units. Sliders cannot produce bad text, so the value is set
/// directly (the planner's and the projector mode's sliders alike).
pub(crate) fn slider_input(
    dispatch: &Callback<Action>,
    path: &str,
    to_value: fn(f64) -> f64,
) -> Callback<InputEvent> {
    let path = path.to_owned();
    dispatch.reform(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        // A range input always reports a number; 0 is only a fallback.
        let position = crate::decimal::parse(&input.value()).unwrap_or(0.0);
        Action::SetValue {
            path: path.clone(),
            value: to_value(position),
        }
    })
}
