//! The app's state and every change to it, as a pure reducer (no storage, no DOM): the
//! scenario as edited, what the user typed in each field, and the last valid scenario that the
//! results are computed from. Persistence and side effects run in the components' effects.

pub mod fields;
pub mod import;
pub mod library;
pub mod simulation;
pub mod staffing;
pub mod widget;

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::i18n::Lang;
use crate::model::presets::{CurvePreset, SeasonalityPreset, default_scenario};
use crate::model::scenario::{FieldError, LeadSource, Scenario};

use fields::{FieldKind, InputError};
use staffing::{Remembered, StaffingAction};

/// The page's modes (the `view=` fragment parameter).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The full planner.
    #[default]
    Plan,
    /// Scenarios side by side.
    Compare,
    /// The compact widget for articles.
    Embed,
    /// The projector mode.
    Present,
}

impl View {
    /// The fragment code.
    pub fn code(self) -> &'static str {
        match self {
            View::Plan => "plan",
            View::Compare => "compare",
            View::Embed => "embed",
            View::Present => "present",
        }
    }

    /// Reads a fragment code.
    pub fn from_code(code: &str) -> Option<View> {
        match code {
            "plan" => Some(View::Plan),
            "compare" => Some(View::Compare),
            "embed" => Some(View::Embed),
            "present" => Some(View::Present),
            _ => None,
        }
    }
}

/// What the user typed in a field, kept until the field loses focus so the text is never
/// rewritten under the cursor, with the reason it could not be used, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The text as typed.
    pub text: String,
    /// Why the text was not applied; `None` when it was.
    pub error: Option<InputError>,
}

/// Everything the page shows is derived from this.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// Interface language.
    pub lang: Lang,
    /// Page mode.
    pub view: View,
    /// The scenario as edited (may break a validation rule).
    pub scenario: Rc<Scenario>,
    /// The last edited scenario that passed validation: the results are computed from it, so
    /// a bad field never blanks the results.
    pub valid: Rc<Scenario>,
    /// Validation problems of `scenario`, each with its field path.
    pub errors: Rc<Vec<FieldError>>,
    /// Typed texts by field path.
    pub drafts: Rc<BTreeMap<String, Draft>>,
    // --- staffing (MODEL.md §7) ---
    /// What each process held under its other response-time choice ([`staffing`]).
    pub remembered: Rc<Remembered>,
    /// Steps to undo (staffing changes, an applied import), latest last.
    pub undo: Rc<Vec<UndoStep>>,
}

/// What an undoable step changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UndoKind {
    /// A structural staffing change ([`staffing::StaffingAction`]).
    Staffing,
    /// Inputs derived from a CRM export ([`Action::ApplyImport`]).
    Import,
}

/// One step the app-wide Undo reverts: the scenario and the remembered values before it.
#[derive(Clone, Debug, PartialEq)]
pub struct UndoStep {
    /// The scenario before the step.
    pub scenario: Rc<Scenario>,
    /// The remembered staffing values before the step.
    pub remembered: Rc<Remembered>,
    /// What the step was.
    pub kind: UndoKind,
}

impl Default for AppState {
    fn default() -> AppState {
        AppState::new(Lang::default(), View::default(), default_scenario())
    }
}

/// Whether a field path is one an applied import may replace (sources, today's process,
/// seasonality, arrivals).
fn import_path(path: &str) -> bool {
    ["sources", "process_now", "seasonality", "arrivals"]
        .iter()
        .any(|p| path.starts_with(p))
}

/// A change to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Switch the interface language.
    SetLang(Lang),
    /// Switch the page mode.
    SetView(View),
    /// Text typed in the field at a path.
    Edit {
        /// JSON path of the field.
        path: String,
        /// The text as typed.
        text: String,
    },
    /// A value set by a control that cannot produce bad text (a slider), in document units.
    SetValue {
        /// JSON path of the field.
        path: String,
        /// The value.
        value: f64,
    },
    /// A yes/no field set by a checkbox (a source's `buyable`).
    SetFlag {
        /// JSON path of the field.
        path: String,
        /// The value.
        value: bool,
    },
    /// The field at this path lost focus: show its value formatted again, if it was applied.
    Blur(String),
    /// Add a lead source at the end.
    AddSource,
    /// Remove the source at this index.
    RemoveSource(usize),
    /// Move a source from one index to another.
    MoveSource {
        /// Current index.
        from: usize,
        /// New index.
        to: usize,
    },
    /// Use a seasonality preset.
    Seasonality(SeasonalityPreset),
    /// Use a response-curve preset.
    Curve(CurvePreset),
    /// Add a response-curve point after the last one (twice its minutes, the same factor), so
    /// the curve stays valid.
    AddCurvePoint,
    /// Remove the response-curve point at this index (the last point is kept).
    RemoveCurvePoint(usize),
    /// Replace the whole scenario (a preset, a link, a file).
    Load(Box<Scenario>),
    // --- staffing (MODEL.md §7) ---
    /// A structural staffing change ([`staffing::StaffingAction`]); undoable.
    Staffing(StaffingAction),
    /// Replace the scenario with one that has inputs derived from a CRM export written in
    /// (MODEL.md §9): one step that [`Action::Undo`] reverts.
    ApplyImport(Box<Scenario>),
    /// Undo the last undoable step (a staffing change or an applied import).
    Undo,
}

impl AppState {
    /// A state showing `scenario`.
    pub fn new(lang: Lang, view: View, scenario: Scenario) -> AppState {
        let mut state = AppState {
            lang,
            view,
            valid: Rc::new(scenario.clone()),
            scenario: Rc::new(scenario),
            errors: Rc::default(),
            drafts: Rc::default(),
            remembered: Rc::default(),
            undo: Rc::default(),
        };
        state.revalidate();
        state
    }

    /// Applies an action; the reducer of the page.
    pub fn apply(mut self, action: Action) -> AppState {
        match action {
            // --- staffing (MODEL.md §7) ---
            Action::Staffing(a) => {
                self.staffing(a);
                self
            }
            Action::ApplyImport(scenario) => {
                self.apply_import(*scenario);
                self
            }
            Action::Undo => {
                self.undo();
                self
            }
            other => self.apply_core(other),
        }
    }

    /// Every action but the staffing ones, which it ignores: the widget's reducer
    /// ([`WidgetState`]), so that the widget's bundle carries no staffing editor.
    pub fn apply_core(mut self, action: Action) -> AppState {
        match action {
            Action::SetLang(lang) => self.lang = lang,
            Action::SetView(view) => self.view = view,
            Action::Edit { path, text } => self.edit(path, text),
            Action::SetValue { path, value } => {
                if let Some(v) = serde_json::Number::from_f64(value) {
                    let value = if fields::kind_of(&path) == FieldKind::Integer {
                        serde_json::Value::from(value.round().max(0.0) as u64)
                    } else {
                        serde_json::Value::Number(v)
                    };
                    if let Ok(s) = fields::set(&self.scenario, &path, value) {
                        Rc::make_mut(&mut self.drafts).remove(&path);
                        self.scenario = Rc::new(s);
                        self.revalidate();
                    }
                }
            }
            Action::SetFlag { path, value } => {
                if let Ok(s) = fields::set(&self.scenario, &path, serde_json::Value::Bool(value)) {
                    self.scenario = Rc::new(s);
                    self.revalidate();
                }
            }
            Action::Blur(path) => {
                let drafts = Rc::make_mut(&mut self.drafts);
                if drafts.get(&path).is_some_and(|d| d.error.is_none()) {
                    drafts.remove(&path);
                }
            }
            Action::AddSource => {
                let s = Rc::make_mut(&mut self.scenario);
                let mut n = s.sources.len() + 1;
                let name = loop {
                    let candidate = format!("{} {n}", crate::i18n::Text::NewSource.get(self.lang));
                    if s.sources.iter().all(|x| x.name != candidate) {
                        break candidate;
                    }
                    n += 1;
                };
                s.sources.push(LeadSource {
                    name,
                    leads_per_month: 0.0,
                    cost_per_lead: 0.0,
                    conversion_now: 0.0,
                    buyable: None,
                    max_leads_per_month: None,
                    fixed_cost_per_month: 0.0,
                });
                self.revalidate();
            }
            Action::RemoveSource(index) => {
                if index < self.scenario.sources.len() {
                    Rc::make_mut(&mut self.scenario).sources.remove(index);
                    self.rekey_sources(|i| match i.cmp(&index) {
                        std::cmp::Ordering::Less => Some(i),
                        std::cmp::Ordering::Equal => None,
                        std::cmp::Ordering::Greater => Some(i - 1),
                    });
                    self.revalidate();
                }
            }
            Action::MoveSource { from, to } => {
                let len = self.scenario.sources.len();
                if from < len && to < len && from != to {
                    let s = Rc::make_mut(&mut self.scenario);
                    let source = s.sources.remove(from);
                    s.sources.insert(to, source);
                    self.rekey_sources(|i| {
                        Some(if i == from {
                            to
                        } else if from < to && i > from && i <= to {
                            i - 1
                        } else if to < from && i >= to && i < from {
                            i + 1
                        } else {
                            i
                        })
                    });
                    self.revalidate();
                }
            }
            Action::Seasonality(preset) => {
                Rc::make_mut(&mut self.scenario).seasonality = preset.weights().to_vec();
                Rc::make_mut(&mut self.drafts).retain(|p, _| !p.starts_with("seasonality"));
                self.revalidate();
            }
            Action::Curve(preset) => {
                Rc::make_mut(&mut self.scenario).contact.response_curve = preset.points();
                Rc::make_mut(&mut self.drafts)
                    .retain(|p, _| !p.starts_with("contact.response_curve"));
                self.revalidate();
            }
            Action::AddCurvePoint => {
                let curve = &mut Rc::make_mut(&mut self.scenario).contact.response_curve;
                let point = match curve.last() {
                    // Doubling keeps minutes increasing; the same factor keeps it non-increasing.
                    Some(&(minutes, factor)) => (
                        (minutes * 2.0).min(crate::model::scenario::MAX_CURVE_MINUTES),
                        factor,
                    ),
                    None => (5.0, 1.0),
                };
                curve.push(point);
                self.revalidate();
            }
            Action::RemoveCurvePoint(index) => {
                let len = self.scenario.contact.response_curve.len();
                // The model needs at least one point; removing the last would only make an error.
                if index < len && len > 1 {
                    Rc::make_mut(&mut self.scenario)
                        .contact
                        .response_curve
                        .remove(index);
                    self.rekey_curve(index);
                    self.revalidate();
                }
            }
            Action::Load(scenario) => {
                return AppState::new(self.lang, self.view, *scenario);
            }
            Action::Staffing(_) | Action::ApplyImport(_) | Action::Undo => {}
        }
        self
    }

    /// Replaces the scenario with `imported` (the same scenario with groups derived from a CRM
    /// export written in) as one undoable step; nothing when it changes nothing.
    fn apply_import(&mut self, imported: Scenario) {
        if imported == *self.scenario {
            return;
        }
        let before = Rc::clone(&self.scenario);
        self.push_undo(before, UndoKind::Import);
        // Typed texts of the replaced inputs would show old values.
        Rc::make_mut(&mut self.drafts).retain(|p, _| !import_path(p));
        self.scenario = Rc::new(imported);
        self.revalidate();
    }

    fn edit(&mut self, path: String, text: String) {
        let kind = fields::kind_of(&path);
        let value = fields::parse(self.lang, kind, &text);
        self.edit_value(path, text, value);
    }

    /// Applies `value`, read from `text`, to the field at `path`, or keeps the text with why not.
    fn edit_value(
        &mut self,
        path: String,
        text: String,
        value: Result<serde_json::Value, InputError>,
    ) {
        let result = value.and_then(|value| fields::set(&self.scenario, &path, value));
        let error = match result {
            Ok(s) => {
                self.scenario = Rc::new(s);
                self.revalidate();
                None
            }
            Err(e) => Some(e),
        };
        Rc::make_mut(&mut self.drafts).insert(path, Draft { text, error });
    }

    /// Re-checks the edited scenario; when it is valid it becomes the one the results use.
    fn revalidate(&mut self) {
        let errors = self.scenario.validate();
        if errors.is_empty() && *self.valid != *self.scenario {
            self.valid = Rc::clone(&self.scenario);
        }
        self.errors = Rc::new(errors);
    }

    /// Moves drafts of `sources[i]` to their new index after a remove or reorder.
    fn rekey_sources(&mut self, new_index: impl Fn(usize) -> Option<usize>) {
        let drafts = std::mem::take(Rc::make_mut(&mut self.drafts));
        let mut out = BTreeMap::new();
        for (path, draft) in drafts {
            let moved = match path
                .strip_prefix("sources[")
                .and_then(|rest| rest.split_once(']'))
                .and_then(|(i, tail)| Some((i.parse::<usize>().ok()?, tail)))
            {
                Some((i, tail)) => new_index(i).map(|j| format!("sources[{j}]{tail}")),
                None => Some(path),
            };
            if let Some(p) = moved {
                out.insert(p, draft);
            }
        }
        *Rc::make_mut(&mut self.drafts) = out;
    }

    /// Moves drafts of `{prefix}i]…` after `removed` one index down and drops the removed one's
    /// (a shift's fields after a shift is removed).
    fn rekey_indexed(&mut self, prefix: &str, removed: usize) {
        let drafts = std::mem::take(Rc::make_mut(&mut self.drafts));
        let mut out = BTreeMap::new();
        for (path, draft) in drafts {
            let index = path
                .strip_prefix(prefix)
                .and_then(|rest| rest.split_once(']'))
                .and_then(|(i, tail)| Some((i.parse::<usize>().ok()?, tail)));
            let moved = match index {
                Some((i, _)) if i == removed => None,
                Some((i, tail)) if i > removed => Some(format!("{prefix}{}]{tail}", i - 1)),
                _ => Some(path),
            };
            if let Some(p) = moved {
                out.insert(p, draft);
            }
        }
        *Rc::make_mut(&mut self.drafts) = out;
    }

    /// Moves drafts of the curve points after `removed` one index down and drops the removed
    /// point's, so a typed text stays with its point.
    fn rekey_curve(&mut self, removed: usize) {
        const PREFIX: &str = "contact.response_curve[";
        let drafts = std::mem::take(Rc::make_mut(&mut self.drafts));
        let mut out = BTreeMap::new();
        for (path, draft) in drafts {
            let index = path
                .strip_prefix(PREFIX)
                .and_then(|rest| rest.split_once(']'))
                .and_then(|(i, tail)| Some((i.parse::<usize>().ok()?, tail)));
            let moved = match index {
                Some((i, _)) if i == removed => None,
                Some((i, tail)) if i > removed => Some(format!("{PREFIX}{}]{tail}", i - 1)),
                _ => Some(path),
            };
            if let Some(p) = moved {
                out.insert(p, draft);
            }
        }
        *Rc::make_mut(&mut self.drafts) = out;
    }

    /// Whether there is a problem to show for the field at `path`: a text that did not parse
    /// first, else a validation rule.
    pub fn problem_at(&self, path: &str) -> Option<FieldProblem<'_>> {
        if let Some(e) = self.drafts.get(path).and_then(|d| d.error) {
            return Some(FieldProblem::Input(e));
        }
        self.errors
            .iter()
            .find(|e| e.path == path)
            .map(FieldProblem::Rule)
    }

    /// Whether any field is invalid (so the results are those of the last valid inputs).
    pub fn has_problems(&self) -> bool {
        !self.errors.is_empty() || self.drafts.values().any(|d| d.error.is_some())
    }
}

/// A problem shown beside a field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldProblem<'a> {
    /// The typed text could not be used.
    Input(InputError),
    /// The value breaks a rule of the model.
    Rule(&'a FieldError),
}

/// The widget's state: an [`AppState`] whose reducer is [`AppState::apply_core`] (the widget has
/// no staffing editor, and its bundle so carries none).
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetState(pub AppState);

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for WidgetState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(WidgetState(self.0.clone().apply_core(action)))
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(s: AppState, path: &str, text: &str) -> AppState {
        s.apply(Action::Edit {
            path: path.into(),
            text: text.into(),
        })
    }

    #[test]
    fn an_applied_import_is_one_step_that_undo_reverts() {
        let s0 = edit(AppState::default(), "sources[0].cost_per_lead", "nine");
        let mut imported = (*s0.scenario).clone();
        imported.sources.truncate(1);
        imported.sources[0].name = "Website".into();
        imported.sources[0].leads_per_month = 33.0;
        imported.process_now.median_response_minutes = 75.0;
        let s = s0
            .clone()
            .apply(Action::ApplyImport(Box::new(imported.clone())));
        assert_eq!(*s.scenario, imported);
        assert_eq!(
            s.valid.sources[0].leads_per_month, 33.0,
            "the results follow"
        );
        assert!(
            s.drafts.is_empty(),
            "the typed text of a replaced source is gone"
        );
        assert!(s.can_undo());
        let s = s.apply(Action::Undo);
        assert_eq!(*s.scenario, *s0.scenario);
        assert_eq!(*s.valid, *s0.valid);
        assert!(!s.can_undo());
        // Applying what is already there is no step.
        let same = (*s.scenario).clone();
        assert!(!s.apply(Action::ApplyImport(Box::new(same))).can_undo());
    }

    #[test]
    fn undo_takes_an_import_and_a_staffing_step_in_turn() {
        let s0 = AppState::default();
        let mut imported = (*s0.scenario).clone();
        imported.process_now.attempts = 4;
        let s = s0
            .clone()
            .apply(Action::ApplyImport(Box::new(imported.clone())));
        let s = s.apply(Action::Staffing(StaffingAction::SetStaffed(
            staffing::Which::Target,
            true,
        )));
        assert_eq!(s.undo.len(), 2);
        assert_eq!(s.undo[1].kind, UndoKind::Staffing);
        let s = s.apply(Action::Undo);
        assert_eq!(*s.scenario, imported);
        let s = s.apply(Action::Undo);
        assert_eq!(*s.scenario, *s0.scenario);
    }

    #[test]
    fn a_valid_edit_moves_the_results_along() {
        let s = edit(AppState::default(), "sources[0].leads_per_month", "200");
        assert_eq!(s.valid.sources[0].leads_per_month, 200.0);
        assert!(!s.has_problems());
        let s = s.apply(Action::Blur("sources[0].leads_per_month".into()));
        assert!(s.drafts.is_empty());
    }

    #[test]
    fn bad_text_keeps_the_last_valid_results_and_the_other_inputs() {
        let s = edit(AppState::default(), "sources[1].cost_per_lead", "7");
        let s = edit(s, "sources[0].leads_per_month", "twelve");
        assert!(s.has_problems());
        assert_eq!(s.valid.sources[0].leads_per_month, 120.0);
        assert_eq!(s.valid.sources[1].cost_per_lead, 7.0);
        assert!(matches!(
            s.problem_at("sources[0].leads_per_month"),
            Some(FieldProblem::Input(_))
        ));
        // Blur keeps a bad text on screen.
        let s = s.apply(Action::Blur("sources[0].leads_per_month".into()));
        assert_eq!(s.drafts["sources[0].leads_per_month"].text, "twelve");
    }

    #[test]
    fn out_of_range_values_are_rule_problems() {
        let s = edit(AppState::default(), "sources[2].conversion_now", "150");
        assert!(matches!(
            s.problem_at("sources[2].conversion_now"),
            Some(FieldProblem::Rule(_))
        ));
        assert_eq!(s.valid.sources[2].conversion_now, 0.08);
        let s = edit(s, "sources[2].conversion_now", "10");
        assert!(!s.has_problems());
        assert_eq!(s.valid.sources[2].conversion_now, 0.1);
    }

    #[test]
    fn removing_a_source_moves_the_drafts_of_the_later_ones() {
        let s = edit(AppState::default(), "sources[3].leads_per_month", "x");
        let s = s.apply(Action::RemoveSource(1));
        assert!(s.drafts.contains_key("sources[2].leads_per_month"));
        assert_eq!(s.scenario.sources.len(), 5);
        let s = s.apply(Action::MoveSource { from: 2, to: 0 });
        assert!(s.drafts.contains_key("sources[0].leads_per_month"));
        assert_eq!(s.scenario.sources[0].name, "AutoTrack");
    }

    #[test]
    fn added_sources_get_unique_names() {
        let s = AppState::default()
            .apply(Action::AddSource)
            .apply(Action::AddSource);
        let names: Vec<_> = s.scenario.sources.iter().map(|x| x.name.clone()).collect();
        assert_eq!(names.len(), 8);
        assert_ne!(names[6], names[7]);
    }

    #[test]
    fn curve_points_are_added_valid_and_removed_with_their_drafts() {
        let s = AppState::default().apply(Action::AddCurvePoint);
        let curve = &s.scenario.contact.response_curve;
        assert_eq!(curve.len(), 7);
        assert_eq!(curve[6], (20160.0, 0.3));
        assert!(!s.has_problems());
        assert_eq!(s.valid.contact.response_curve.len(), 7);

        let s = edit(s, "contact.response_curve[4][1]", "x");
        let s = edit(s, "contact.response_curve[2][0]", "500");
        let s = s.apply(Action::RemoveCurvePoint(2));
        assert_eq!(s.scenario.contact.response_curve.len(), 6);
        assert_eq!(s.scenario.contact.response_curve[2], (1440.0, 0.55));
        assert!(!s.drafts.contains_key("contact.response_curve[2][0]"));
        assert_eq!(s.drafts["contact.response_curve[3][1]"].text, "x");
    }

    #[test]
    fn the_last_curve_point_stays_and_an_empty_curve_gets_a_first_point() {
        let mut s = AppState::default();
        for _ in 0..10 {
            s = s.apply(Action::RemoveCurvePoint(0));
        }
        assert_eq!(s.scenario.contact.response_curve, vec![(10080.0, 0.3)]);
        let s = s.apply(Action::RemoveCurvePoint(5));
        assert_eq!(s.scenario.contact.response_curve.len(), 1);

        let mut empty = default_scenario();
        empty.contact.response_curve.clear();
        let s = AppState::new(Lang::En, View::Plan, empty).apply(Action::AddCurvePoint);
        assert_eq!(s.scenario.contact.response_curve, vec![(5.0, 1.0)]);
        assert!(!s.has_problems());
    }

    #[test]
    fn an_invalid_curve_point_is_a_problem_at_its_path() {
        let s = edit(AppState::default(), "contact.response_curve[2][0]", "30");
        assert!(matches!(
            s.problem_at("contact.response_curve[2][0]"),
            Some(FieldProblem::Rule(_))
        ));
        assert_eq!(s.valid.contact.response_curve[2].0, 480.0);
        let s = edit(s, "contact.response_curve[3][1]", "95");
        assert!(s.problem_at("contact.response_curve[3][1]").is_some());
    }

    #[test]
    fn doubling_never_passes_the_latest_allowed_minute() {
        let mut s = AppState::default();
        for _ in 0..10 {
            s = s.apply(Action::AddCurvePoint);
        }
        let last = s.scenario.contact.response_curve.last().copied();
        assert_eq!(
            last.map(|p| p.0),
            Some(crate::model::scenario::MAX_CURVE_MINUTES)
        );
    }
}
