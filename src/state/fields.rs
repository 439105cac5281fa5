//! Scenario fields addressed by their JSON path (`sources[2].conversion_now`): what kind of value
//! each holds, how typed text becomes that value, and reading and writing it in a scenario.
//!
//! Inputs carry these paths as their `name`, so tests and integrations can find every field,
//! and one generic edit action serves every input.

use serde_json::Value;

use crate::i18n::Lang;
use crate::i18n::parse::{ParseError, parse_minutes, parse_number};
use crate::model::parse::scenario_from_value;
use crate::model::scenario::Scenario;

/// What a field holds, which decides how its text is read and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A fraction 0..1, typed and shown in percent.
    Percent,
    /// Minutes; "8 h", "2 d" and "45 min" are read too.
    Minutes,
    /// A whole number (attempts, runs, seed).
    Integer,
    /// A plain number (money, counts per month, weights).
    Number,
    /// A number that may be left empty for "none" (the sales target).
    OptionalNumber,
    /// Free text (names).
    Text,
    /// A time of day of a shift (MODEL.md §7), kept as `"HH:MM"`; "9:00", "9.30" and "930" are
    /// read too (by [`super::staffing::read_time`]).
    Time,
}

impl FieldKind {
    /// Whether typed values contain letters (names; durations such as "8 h"), so the input
    /// offers a full keyboard rather than a numeric one.
    pub fn takes_letters(self) -> bool {
        matches!(self, FieldKind::Text | FieldKind::Minutes | FieldKind::Time)
    }
}

/// Why a typed text could not be applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputError {
    /// The text did not parse.
    Parse(ParseError),
    /// A whole number was expected.
    NotWhole,
    /// The path names no field of the scenario.
    UnknownField,
    /// A time of day was expected ("09:00" … "24:00").
    NotATime,
}

/// The kind of the field at `path`.
pub fn kind_of(path: &str) -> FieldKind {
    let last = path.rsplit('.').next().unwrap_or(path);
    let last = last.split('[').next().unwrap_or(last);
    match last {
        "conversion_now"
        | "follow_up_rate"
        | "benchmark_conversion"
        | "first_attempt"
        | "attempt_decay" => FieldKind::Percent,
        "median_response_minutes" => FieldKind::Minutes,
        "attempts" | "runs" | "seed" => FieldKind::Integer,
        // A shift's times and people (MODEL.md §7).
        "from" | "to" if path.contains(".shifts[") => FieldKind::Time,
        "people" => FieldKind::Integer,
        // Empty means "none": no target, no cap, no budget question (MODEL.md §8).
        "target_sales_per_year" | "max_leads_per_month" | "budget_per_year" => {
            FieldKind::OptionalNumber
        }
        "name" | "currency" => FieldKind::Text,
        // Curve points are [minutes, factor]; the factor is a fraction shown in percent.
        "response_curve" if path.ends_with("[0]") => FieldKind::Minutes,
        "response_curve" if path.ends_with("[1]") => FieldKind::Percent,
        _ => FieldKind::Number,
    }
}

/// Turns `sources[2].conversion_now` into the JSON pointer `/sources/2/conversion_now`.
pub fn pointer(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 4);
    for segment in path.split('.') {
        let mut parts = segment.split('[');
        if let Some(name) = parts.next()
            && !name.is_empty()
        {
            out.push('/');
            out.push_str(name);
        }
        for index in parts {
            out.push('/');
            out.push_str(index.trim_end_matches(']'));
        }
    }
    out
}

/// The JSON value typed text stands for in a field of `kind`.
pub fn parse(lang: Lang, kind: FieldKind, text: &str) -> Result<Value, InputError> {
    let number = |v: f64| serde_json::Number::from_f64(v).map(Value::Number);
    match kind {
        FieldKind::Text => Ok(Value::String(text.to_owned())),
        FieldKind::OptionalNumber if text.trim().is_empty() => Ok(Value::Null),
        FieldKind::Number | FieldKind::OptionalNumber => {
            let v = parse_number(lang, text).map_err(InputError::Parse)?;
            number(v).ok_or(InputError::Parse(ParseError::NotANumber))
        }
        FieldKind::Percent => {
            let v = parse_number(lang, text).map_err(InputError::Parse)?;
            number(v / 100.0).ok_or(InputError::Parse(ParseError::NotANumber))
        }
        FieldKind::Minutes => {
            let v = parse_minutes(lang, text).map_err(InputError::Parse)?;
            number(v).ok_or(InputError::Parse(ParseError::NotANumber))
        }
        // Read by the staffing editor's own action ([`super::staffing::StaffingAction::EditTime`]),
        // so the widget, which has no shifts, carries no time reader.
        FieldKind::Time => Err(InputError::NotATime),
        FieldKind::Integer => {
            let v = parse_number(lang, text).map_err(InputError::Parse)?;
            if v.fract() != 0.0 || !(0.0..=u64::MAX as f64).contains(&v) {
                return Err(InputError::NotWhole);
            }
            Ok(Value::from(v as u64))
        }
    }
}

/// Sets the field at `path` to `value`; the scenario is unchanged if that is impossible
/// (unknown path, or a value the field's type cannot hold).
pub fn set(scenario: &Scenario, path: &str, value: Value) -> Result<Scenario, InputError> {
    let mut doc = serde_json::to_value(scenario).map_err(|_| InputError::UnknownField)?;
    let at = pointer(path);
    match doc.pointer_mut(&at) {
        Some(slot) => *slot = value,
        None => {
            // The fields of MODEL.md §8 are left out of the JSON at their defaults (so version-1
            // documents stay as they were): add such a key to its object.
            let (parent, key) = at.rsplit_once('/').ok_or(InputError::UnknownField)?;
            if !OMITTED_AT_DEFAULT.contains(&key) {
                return Err(InputError::UnknownField);
            }
            doc.pointer_mut(parent)
                .and_then(Value::as_object_mut)
                .ok_or(InputError::UnknownField)?
                .insert(key.to_owned(), value);
        }
    }
    scenario_from_value(&doc).ok_or(InputError::UnknownField)
}

/// Fields the scenario's JSON leaves out while they hold their default.
const OMITTED_AT_DEFAULT: &[&str] = &[
    "buyable",
    "max_leads_per_month",
    "fixed_cost_per_month",
    "budget_per_year",
];

/// Reads the field at `path` as JSON (for showing it in an input).
pub fn get(scenario: &Scenario, path: &str) -> Option<Value> {
    let doc = serde_json::to_value(scenario).ok()?;
    doc.pointer(&pointer(path)).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::default_scenario;

    #[test]
    fn paths_become_pointers() {
        assert_eq!(
            pointer("sources[2].conversion_now"),
            "/sources/2/conversion_now"
        );
        assert_eq!(
            pointer("process_now.median_response_minutes"),
            "/process_now/median_response_minutes"
        );
        assert_eq!(
            pointer("contact.response_curve[1][0]"),
            "/contact/response_curve/1/0"
        );
        assert_eq!(pointer("seasonality[11]"), "/seasonality/11");
        assert_eq!(pointer("revenue_per_sale"), "/revenue_per_sale");
    }

    #[test]
    fn kinds_follow_the_units_of_the_document() {
        assert_eq!(kind_of("sources[0].conversion_now"), FieldKind::Percent);
        assert_eq!(kind_of("process_target.follow_up_rate"), FieldKind::Percent);
        assert_eq!(
            kind_of("process_now.median_response_minutes"),
            FieldKind::Minutes
        );
        assert_eq!(kind_of("process_now.attempts"), FieldKind::Integer);
        assert_eq!(kind_of("sources[3].name"), FieldKind::Text);
        assert_eq!(kind_of("contact.response_curve[2][1]"), FieldKind::Percent);
        assert_eq!(kind_of("contact.response_curve[2][0]"), FieldKind::Minutes);
        assert_eq!(kind_of("contact.response_curve[2][1]"), FieldKind::Percent);
        assert_eq!(kind_of("target_sales_per_year"), FieldKind::OptionalNumber);
        assert_eq!(kind_of("sources[0].leads_per_month"), FieldKind::Number);
    }

    #[test]
    fn typed_text_sets_the_field_in_document_units() {
        let s = default_scenario();
        let v = parse(Lang::Nl, kind_of("sources[2].conversion_now"), "9,5").unwrap();
        let s2 = set(&s, "sources[2].conversion_now", v).unwrap();
        assert!((s2.sources[2].conversion_now - 0.095).abs() < 1e-12);
        let v = parse(Lang::En, FieldKind::Minutes, "2 h").unwrap();
        let s3 = set(&s2, "process_now.median_response_minutes", v).unwrap();
        assert_eq!(s3.process_now.median_response_minutes, 120.0);
        let s4 = set(
            &s3,
            "target_sales_per_year",
            parse(Lang::En, FieldKind::OptionalNumber, "").unwrap(),
        )
        .unwrap();
        assert_eq!(s4.target_sales_per_year, None);
        assert_eq!(get(&s4, "process_now.attempts"), Some(Value::from(2)));
    }

    #[test]
    fn the_fields_of_the_buy_plan_are_set_although_omitted_at_their_defaults() {
        let s = default_scenario();
        assert_eq!(
            kind_of("sources[1].max_leads_per_month"),
            FieldKind::OptionalNumber
        );
        assert_eq!(kind_of("budget_per_year"), FieldKind::OptionalNumber);
        assert_eq!(
            kind_of("sources[1].fixed_cost_per_month"),
            FieldKind::Number
        );
        assert_eq!(get(&s, "sources[1].max_leads_per_month"), None);
        let cap = parse(Lang::Nl, kind_of("sources[1].max_leads_per_month"), "80").unwrap();
        let s2 = set(&s, "sources[1].max_leads_per_month", cap).unwrap();
        assert_eq!(s2.sources[1].max_leads_per_month, Some(80.0));
        let none = parse(Lang::Nl, FieldKind::OptionalNumber, " ").unwrap();
        let s3 = set(&s2, "sources[1].max_leads_per_month", none).unwrap();
        assert_eq!(s3.sources[1].max_leads_per_month, None);
        let fixed = parse(Lang::Nl, FieldKind::Number, "1.250,50").unwrap();
        let s4 = set(&s3, "sources[2].fixed_cost_per_month", fixed).unwrap();
        assert_eq!(s4.sources[2].fixed_cost_per_month, 1250.5);
        let s5 = set(&s4, "sources[1].buyable", Value::Bool(true)).unwrap();
        assert_eq!(s5.sources[1].buyable, Some(true));
        let budget = parse(Lang::En, FieldKind::OptionalNumber, "40,000").unwrap();
        let s6 = set(&s5, "budget_per_year", budget).unwrap();
        assert_eq!(s6.budget_per_year, Some(40_000.0));
        assert_eq!(s6.format_version(), 2);
        // Bad values parse but break a rule: the model reports them at the field.
        let bad = set(&s, "sources[0].fixed_cost_per_month", Value::from(-5)).unwrap();
        assert!(
            bad.validate()
                .iter()
                .any(|e| e.path == "sources[0].fixed_cost_per_month")
        );
        let zero = set(&s, "sources[0].max_leads_per_month", Value::from(0)).unwrap();
        assert!(
            zero.validate()
                .iter()
                .any(|e| e.path == "sources[0].max_leads_per_month")
        );
        let free = set(&s, "sources[1].buyable", Value::Bool(true)).unwrap();
        assert!(
            free.validate()
                .iter()
                .any(|e| e.path == "sources[1].buyable")
        );
        // Keys the scenario does not know are still refused.
        assert_eq!(
            set(&s, "sources[0].max_leads", Value::from(3)),
            Err(InputError::UnknownField)
        );
        assert_eq!(
            parse(Lang::Nl, FieldKind::OptionalNumber, "veel"),
            Err(InputError::Parse(ParseError::NotANumber))
        );
    }

    #[test]
    fn shift_fields_have_their_kinds() {
        assert_eq!(
            kind_of("process_now.capacity.shifts[0].from"),
            FieldKind::Time
        );
        assert_eq!(
            kind_of("process_target.capacity.shifts[3].to"),
            FieldKind::Time
        );
        assert_eq!(
            kind_of("process_now.capacity.shifts[0].people"),
            FieldKind::Integer
        );
        assert_eq!(
            kind_of("process_now.capacity.minutes_per_lead"),
            FieldKind::Number
        );
        assert!(FieldKind::Time.takes_letters());
    }

    #[test]
    fn impossible_edits_leave_the_scenario_alone() {
        let s = default_scenario();
        assert_eq!(
            parse(Lang::En, FieldKind::Integer, "2.5"),
            Err(InputError::NotWhole)
        );
        assert_eq!(
            parse(Lang::En, FieldKind::Number, "abc"),
            Err(InputError::Parse(ParseError::NotANumber))
        );
        assert_eq!(
            set(&s, "sources[99].name", Value::from("x")),
            Err(InputError::UnknownField)
        );
        assert_eq!(
            set(&s, "process_now.attempts", Value::from(-1)),
            Err(InputError::UnknownField)
        );
    }
}
