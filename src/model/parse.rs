//! JSON text → [`Scenario`], collecting every error with its path.
//!
//! Reading goes in four steps, none of which can panic:
//!
//! 1. **Syntax.** The text is parsed into a `serde_json::Value` (through `serde_path_to_error`,
//!    so even a syntax error names the field it sits in). `NaN` and `Infinity` are reported as
//!    such, with their line and column. Numbers stay text here (serde_json's
//!    `arbitrary_precision`); step 3 reads each correctly rounded ([`crate::decimal`]), so a
//!    number beyond the 64-bit float range (`1e999`) is reported at its field.
//! 2. **Version.** `version` is required. A newer version than [`CURRENT_VERSION`] is refused
//!    (its fields may mean something else); an older one goes through [`migrate`].
//!    A missing or mistyped `version` is reported and the rest is read as the current version,
//!    so the user still sees every other problem.
//! 3. **Shape.** The tree is walked by hand: every missing field, wrong type and non-integer
//!    count is reported with its path (not only the first, as a derived `Deserialize` would).
//! 4. **Rules.** [`Scenario::validate`] checks ranges and cross-field rules; its errors at paths
//!    already reported in step 3 (where a placeholder stands in) are dropped.
//!
//! **Omitted fields.** Required: `version`, `revenue_per_sale`, `gross_profit_per_sale`,
//! `sources` (each with `name`, `leads_per_month`, `cost_per_lead`, `conversion_now`),
//! `process_now`, `process_target` (each with all four fields). Optional, with defaults: `name`
//! (empty), `currency` (`"EUR"`), `target_sales_per_year` (no target; `null` likewise),
//! `budget_per_year` (none), each source's `buyable` (true when `cost_per_lead` > 0),
//! `max_leads_per_month` (no cap) and `fixed_cost_per_month` (0), `benchmark_conversion` (0.13, the
//! article's benchmark), `seasonality` (flat), `contact` and each of its fields (the Automotive NL
//! defaults of [`crate::model::presets`]), `simulation` and each of its fields (10,000 runs, seed
//! 42, volume CV 0.15). A `null` in an optional field means "use the default"; in a required
//! field it is a type error.
//!
//! **Version 2** adds the buying fields above (MODEL.md §8: `budget_per_year`, `buyable`,
//! `max_leads_per_month`, `fixed_cost_per_month`) and, for capacity (MODEL.md §7), `arrivals` (optional, the default profile of
//! [`crate::model::presets::default_arrivals`]); a process may give `capacity` instead of
//! `median_response_minutes` and `response_spread` (both: an error at the process's path);
//! in it `shifts` is required (each shift with `days`, `from`, `to`, `people`), and
//! `minutes_per_lead`, `minutes_per_retry`, `reaction_minutes` and `cost_per_person_hour` are
//! optional (8, 2, 2 and 25, the defaults of [`crate::model::capacity`]). A version-1
//! document that carries these fields is read the same way.
//!
//! **Unknown fields** are ignored, so a document with extra keys written by a later minor
//! release, or annotated by hand, still reads.

use crate::decimal;
use serde_json::{Map, Value};

use super::capacity::{
    Capacity, DEFAULT_COST_PER_PERSON_HOUR, DEFAULT_MINUTES_PER_LEAD, DEFAULT_MINUTES_PER_RETRY,
    DEFAULT_REACTION_MINUTES, Day, Shift, parse_time,
};
use super::error::{FieldError, JsonKind, Problem};
use super::presets::{CurvePreset, DEFAULT_ATTEMPT_DECAY, DEFAULT_FIRST_ATTEMPT};
use super::scenario::{CURRENT_VERSION, Contact, LeadSource, Process, Scenario, Simulation, count};

/// The benchmark conversion assumed when a document omits it (MODEL.md: 13%).
pub const DEFAULT_BENCHMARK_CONVERSION: f64 = 0.13;

/// A migration step: rewrites a document of version `from` into version `from + 1` in place.
pub type Migration = (u64, fn(&mut Map<String, Value>));

/// The migration steps of the scenario format, oldest first.
pub const MIGRATIONS: &[Migration] = &[(1, v1_to_v2)];

/// Version 1 → 2: nothing to rewrite. Version 2 only adds optional fields (MODEL.md §7–§9)
/// whose defaults mean exactly what a version-1 document meant.
fn v1_to_v2(_doc: &mut Map<String, Value>) {}

/// Brings a document of version `from` up to [`CURRENT_VERSION`] with [`MIGRATIONS`].
pub fn migrate(doc: &mut Map<String, Value>, from: u64) -> Result<(), Problem> {
    migrate_with(doc, from, u64::from(CURRENT_VERSION), MIGRATIONS)
}

/// Applies `steps` to bring `doc` from version `from` to `to`; a version with no step from it
/// is [`Problem::UnknownVersion`]. Sets `doc["version"]` to `to` when done.
pub fn migrate_with(
    doc: &mut Map<String, Value>,
    from: u64,
    to: u64,
    steps: &[Migration],
) -> Result<(), Problem> {
    let mut version = from;
    while version < to {
        let Some((_, step)) = steps.iter().find(|(v, _)| *v == version) else {
            return Err(Problem::UnknownVersion { found: from });
        };
        step(doc);
        version += 1;
    }
    doc.insert("version".to_string(), Value::from(to));
    Ok(())
}

/// The scenario in `value`, a document of the current version, if every field holds a value its
/// Rust type can (ranges and rules are left to [`Scenario::validate`]): what
/// `serde_json::from_value` would give, without a second, derived deserializer in the page.
pub fn scenario_from_value(value: &Value) -> Option<Scenario> {
    let mut w = Walker {
        types_only: true,
        ..Walker::default()
    };
    let scenario = w.scenario(value.as_object()?);
    w.errors.is_empty().then_some(scenario)
}

/// See the module docs.
pub(crate) fn scenario_from_json(text: &str) -> Result<Scenario, Vec<FieldError>> {
    let mut value = parse_syntax(text).map_err(|e| vec![e])?;
    let Some(root) = value.as_object_mut() else {
        return Err(vec![FieldError::new(
            "",
            Problem::WrongType {
                expected: JsonKind::Object,
                found: JsonKind::of(&value),
            },
        )]);
    };
    let mut w = Walker::default();
    match root.get("version") {
        None => w.fail("version", Problem::Missing),
        Some(v) => match whole_number(v) {
            Err(p) => w.fail("version", p),
            Ok(found) if found > u64::from(CURRENT_VERSION) => {
                return Err(vec![FieldError::new(
                    "version",
                    Problem::NewerVersion {
                        found,
                        known: CURRENT_VERSION,
                    },
                )]);
            }
            Ok(found) => {
                if let Err(p) = migrate(root, found) {
                    return Err(vec![FieldError::new("version", p)]);
                }
            }
        },
    }
    let scenario = w.scenario(root);
    let bad = std::mem::take(&mut w.bad);
    let mut errors = w.errors;
    errors.extend(
        scenario
            .validate()
            .into_iter()
            .filter(|e| !bad.iter().any(|b| covers(b, &e.path))),
    );
    if errors.is_empty() {
        Ok(scenario)
    } else {
        Err(errors)
    }
}

/// Whether an error at `path` concerns the already reported field `bad` or something inside it.
fn covers(bad: &str, path: &str) -> bool {
    match path.strip_prefix(bad) {
        Some(rest) => rest.is_empty() || rest.starts_with('.') || rest.starts_with('['),
        None => false,
    }
}

/// The JSON value in `text`, or its syntax error (with the path it sits at).
pub(crate) fn parse_syntax(text: &str) -> Result<Value, FieldError> {
    if text.trim().is_empty() {
        return Err(FieldError::new("", Problem::EmptyDocument));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed: Result<Value, _> = serde_path_to_error::deserialize(&mut de);
    let value = match parsed {
        Ok(v) => v,
        Err(e) => {
            let path = path_string(e.path());
            return Err(FieldError::new(path, syntax_problem(text, e.inner())));
        }
    };
    // Trailing characters after the document are a syntax error too.
    if let Err(e) = de.end() {
        return Err(FieldError::new("", syntax_problem(text, &e)));
    }
    Ok(value)
}

/// The path in this module's notation (`sources[2].name`); an unknown segment (a key that was
/// not yet read) ends it.
fn path_string(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => break,
        }
    }
    out
}

fn syntax_problem(text: &str, e: &serde_json::Error) -> Problem {
    let (line, column) = (e.line(), e.column());
    let message = e.to_string();
    if let Some(rest) = text_at(text, line, column) {
        let rest = rest.trim_start_matches([' ', '\t', ':', ',', '[', '-', '+']);
        if rest.starts_with("NaN") || rest.starts_with("Infinity") || rest.starts_with("inf") {
            return Problem::NotFinite;
        }
    }
    let detail = match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    Problem::Syntax {
        line,
        column,
        detail,
    }
}

/// The text from 1-based (`line`, `column`) on; serde_json points at the offending character or
/// just after it, so one character of slack is given.
fn text_at(text: &str, line: usize, column: usize) -> Option<&str> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let start = column.saturating_sub(2);
    let byte = l.char_indices().nth(start).map(|(i, _)| i)?;
    Some(&l[byte..])
}

/// A JSON number that must be a whole number ≥ 0 (6 and 6.0 both count).
fn whole_number(v: &Value) -> Result<u64, Problem> {
    let Value::Number(n) = v else {
        return Err(Problem::WrongType {
            expected: JsonKind::WholeNumber,
            found: JsonKind::of(v),
        });
    };
    if let Some(u) = n.as_u64() {
        return Ok(u);
    }
    // `as_f64` gives only finite floats: `None` is a number beyond the float range.
    let x = decimal::json_number(n).ok_or(Problem::NumberTooLarge)?;
    if x.fract() != 0.0 {
        return Err(Problem::NotInteger);
    }
    // 2^53: above it, a float is not an exact integer any more.
    if (0.0..=9_007_199_254_740_992.0).contains(&x) {
        Ok(x as u64)
    } else {
        Err(Problem::between(0.0, u64::MAX as f64))
    }
}

/// Walks the value tree, collecting shape errors and the paths they were reported at.
#[derive(Default)]
struct Walker {
    errors: Vec<FieldError>,
    bad: Vec<String>,
    /// Whole numbers need only fit their Rust type; their ranges are left to `validate`.
    types_only: bool,
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl Walker {
    fn fail(&mut self, path: &str, problem: Problem) {
        self.bad.push(path.to_string());
        self.errors.push(FieldError::new(path, problem));
    }

    fn wrong(&mut self, path: &str, expected: JsonKind, v: &Value) {
        self.fail(
            path,
            Problem::WrongType {
                expected,
                found: JsonKind::of(v),
            },
        );
    }

    /// The field's value; `None` if absent or (when `optional`) null. Reports a missing
    /// required field.
    fn field<'a>(
        &mut self,
        obj: &'a Map<String, Value>,
        parent: &str,
        key: &str,
        optional: bool,
    ) -> Option<&'a Value> {
        match obj.get(key) {
            None if optional => None,
            None => {
                self.fail(&join(parent, key), Problem::Missing);
                None
            }
            Some(Value::Null) if optional => None,
            Some(v) => Some(v),
        }
    }

    fn number_value(&mut self, v: &Value, path: &str) -> f64 {
        match decimal::json_value(v) {
            Some(x) if v.is_number() => x,
            // A number whose float is infinite (`as_f64` gives only finite ones).
            None if v.is_number() => {
                self.fail(path, Problem::NumberTooLarge);
                f64::NAN
            }
            _ => {
                self.wrong(path, JsonKind::Number, v);
                f64::NAN
            }
        }
    }

    fn number(&mut self, obj: &Map<String, Value>, parent: &str, key: &str) -> f64 {
        match self.field(obj, parent, key, false) {
            Some(v) => self.number_value(v, &join(parent, key)),
            None => f64::NAN,
        }
    }

    fn number_or(&mut self, obj: &Map<String, Value>, parent: &str, key: &str, d: f64) -> f64 {
        match self.field(obj, parent, key, true) {
            Some(v) => self.number_value(v, &join(parent, key)),
            None => d,
        }
    }

    /// A whole number ≥ 0 that must fit `max`; out of range is reported against `[min, max]`.
    fn whole(&mut self, v: &Value, path: &str, min: u64, max: u64) -> Option<u64> {
        match whole_number(v) {
            Ok(u) if u <= max => Some(u),
            Ok(_) | Err(Problem::Range { .. }) => {
                self.fail(path, Problem::between(min as f64, max as f64));
                None
            }
            Err(p) => {
                // A negative whole number is a range error, not a type error.
                let p = match decimal::json_value(v) {
                    Some(x) if x < 0.0 && x.fract() == 0.0 => {
                        Problem::between(min as f64, max as f64)
                    }
                    _ => p,
                };
                self.fail(path, p);
                None
            }
        }
    }

    fn whole_u32(&mut self, v: Option<&Value>, path: &str, min: u32, max: u32, d: u32) -> u32 {
        let (min, max) = if self.types_only {
            (0, u32::MAX)
        } else {
            (min, max)
        };
        match v {
            None => d,
            Some(v) => self
                .whole(v, path, u64::from(min), u64::from(max))
                .and_then(|u| u32::try_from(u).ok())
                .unwrap_or(0),
        }
    }

    /// An optional text field with default `d`.
    fn text_or(&mut self, obj: &Map<String, Value>, parent: &str, key: &str, d: &str) -> String {
        match self.field(obj, parent, key, true) {
            Some(Value::String(s)) => s.clone(),
            Some(v) => {
                self.wrong(&join(parent, key), JsonKind::Text, v);
                String::new()
            }
            None => d.to_string(),
        }
    }

    fn object<'a>(&mut self, v: &'a Value, path: &str) -> Option<&'a Map<String, Value>> {
        match v {
            Value::Object(m) => Some(m),
            other => {
                self.wrong(path, JsonKind::Object, other);
                None
            }
        }
    }

    fn list<'a>(&mut self, v: &'a Value, path: &str) -> Option<&'a Vec<Value>> {
        match v {
            Value::Array(a) => Some(a),
            other => {
                self.wrong(path, JsonKind::List, other);
                None
            }
        }
    }

    fn scenario(&mut self, root: &Map<String, Value>) -> Scenario {
        let target = self
            .field(root, "", "target_sales_per_year", true)
            .map(|v| self.number_value(v, "target_sales_per_year"));
        let seasonality = match self.field(root, "", "seasonality", true) {
            None => vec![1.0; 12],
            Some(v) => match self.list(v, "seasonality") {
                None => vec![f64::NAN; 12],
                Some(items) => items
                    .iter()
                    .enumerate()
                    .map(|(m, x)| self.number_value(x, &format!("seasonality[{m}]")))
                    .collect(),
            },
        };
        let arrivals =
            self.field(root, "", "arrivals", true)
                .map(|v| match self.list(v, "arrivals") {
                    None => vec![f64::NAN; 168],
                    Some(items) => items
                        .iter()
                        .enumerate()
                        .map(|(h, x)| self.number_value(x, &format!("arrivals[{h}]")))
                        .collect(),
                });
        let budget = self
            .field(root, "", "budget_per_year", true)
            .map(|v| self.number_value(v, "budget_per_year"));
        let sources = match self.field(root, "", "sources", false) {
            None => Vec::new(),
            Some(v) => match self.list(v, "sources") {
                None => Vec::new(),
                Some(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| self.source(x, &format!("sources[{i}]")))
                    .collect(),
            },
        };
        Scenario {
            version: CURRENT_VERSION,
            name: self.text_or(root, "", "name", ""),
            currency: self.text_or(root, "", "currency", "EUR"),
            revenue_per_sale: self.number(root, "", "revenue_per_sale"),
            gross_profit_per_sale: self.number(root, "", "gross_profit_per_sale"),
            target_sales_per_year: target,
            benchmark_conversion: self.number_or(
                root,
                "",
                "benchmark_conversion",
                DEFAULT_BENCHMARK_CONVERSION,
            ),
            seasonality,
            arrivals,
            sources,
            budget_per_year: budget,
            process_now: self.process(root, "process_now"),
            process_target: self.process(root, "process_target"),
            contact: self.contact(root),
            simulation: self.simulation(root),
        }
    }

    fn source(&mut self, v: &Value, path: &str) -> LeadSource {
        let empty = Map::new();
        let obj = self.object(v, path);
        // A non-object entry is reported once; its fields are not reported again as missing.
        let (obj, quiet) = match obj {
            Some(o) => (o, false),
            None => (&empty, true),
        };
        if quiet {
            return LeadSource {
                name: String::new(),
                leads_per_month: f64::NAN,
                cost_per_lead: f64::NAN,
                conversion_now: f64::NAN,
                buyable: None,
                max_leads_per_month: None,
                fixed_cost_per_month: 0.0,
            };
        }
        let name = match self.field(obj, path, "name", false) {
            Some(Value::String(s)) => s.clone(),
            Some(other) => {
                self.wrong(&join(path, "name"), JsonKind::Text, other);
                String::new()
            }
            None => String::new(),
        };
        LeadSource {
            name,
            leads_per_month: self.number(obj, path, "leads_per_month"),
            cost_per_lead: self.number(obj, path, "cost_per_lead"),
            conversion_now: self.number(obj, path, "conversion_now"),
            buyable: self.flag(obj, path, "buyable"),
            max_leads_per_month: self
                .field(obj, path, "max_leads_per_month", true)
                .map(|v| self.number_value(v, &join(path, "max_leads_per_month"))),
            fixed_cost_per_month: self.number_or(obj, path, "fixed_cost_per_month", 0.0),
        }
    }

    /// An optional true/false field; `None` when absent or null (or of the wrong type, which is
    /// reported).
    fn flag(&mut self, obj: &Map<String, Value>, parent: &str, key: &str) -> Option<bool> {
        match self.field(obj, parent, key, true) {
            Some(Value::Bool(b)) => Some(*b),
            Some(v) => {
                self.wrong(&join(parent, key), JsonKind::Bool, v);
                None
            }
            None => None,
        }
    }

    fn process(&mut self, root: &Map<String, Value>, key: &str) -> Process {
        let placeholder = Process::typed(f64::NAN, f64::NAN, f64::NAN, 0);
        let Some(v) = self.field(root, "", key, false) else {
            return placeholder;
        };
        let Some(obj) = self.object(v, key) else {
            return placeholder;
        };
        // Fields in the order of version 1, so errors come in the same order as before.
        let follow_up_rate = self.number(obj, key, "follow_up_rate");
        let capacity = self.field(obj, key, "capacity", true);
        let typed = match capacity {
            None => Some((
                self.number(obj, key, "median_response_minutes"),
                self.number(obj, key, "response_spread"),
            )),
            Some(_) => None,
        };
        let attempts = self.field(obj, key, "attempts", false);
        let attempts = self.whole_u32(
            attempts,
            &join(key, "attempts"),
            1,
            super::scenario::MAX_ATTEMPTS,
            0,
        );
        let Some(capacity) = capacity else {
            let (median, spread) = typed.unwrap_or((f64::NAN, f64::NAN));
            return Process::typed(follow_up_rate, median, spread, attempts);
        };
        let both = ["median_response_minutes", "response_spread"]
            .iter()
            .any(|k| obj.get(*k).is_some_and(|v| !v.is_null()));
        if both {
            // Not marked bad: the process's other fields are still checked.
            self.errors
                .push(FieldError::new(key, Problem::BothResponseTimes));
        }
        let capacity = self.capacity(capacity, &join(key, "capacity"));
        Process::staffed(follow_up_rate, attempts, capacity)
    }

    fn capacity(&mut self, v: &Value, path: &str) -> Capacity {
        let Some(obj) = self.object(v, path) else {
            return Capacity::with_shifts(Vec::new());
        };
        let shifts = match self.field(obj, path, "shifts", false) {
            None => Vec::new(),
            Some(v) => match self.list(v, &join(path, "shifts")) {
                None => Vec::new(),
                Some(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| self.shift(x, &format!("{path}.shifts[{i}]")))
                    .collect(),
            },
        };
        Capacity {
            shifts,
            minutes_per_lead: self.number_or(
                obj,
                path,
                "minutes_per_lead",
                DEFAULT_MINUTES_PER_LEAD,
            ),
            minutes_per_retry: self.number_or(
                obj,
                path,
                "minutes_per_retry",
                DEFAULT_MINUTES_PER_RETRY,
            ),
            reaction_minutes: self.number_or(
                obj,
                path,
                "reaction_minutes",
                DEFAULT_REACTION_MINUTES,
            ),
            cost_per_person_hour: self.number_or(
                obj,
                path,
                "cost_per_person_hour",
                DEFAULT_COST_PER_PERSON_HOUR,
            ),
        }
    }

    fn shift(&mut self, v: &Value, path: &str) -> Shift {
        // Placeholders that raise no further error: from 00:00 to 24:00, one person.
        let mut shift = Shift {
            days: vec![Day::Mon],
            from: 0,
            to: 1440,
            people: 1,
        };
        let Some(obj) = self.object(v, path) else {
            return shift;
        };
        let days_path = join(path, "days");
        if let Some(v) = self.field(obj, path, "days", false)
            && let Some(items) = self.list(v, &days_path)
        {
            let mut days = Vec::with_capacity(items.len());
            let mut failed = false;
            for (j, x) in items.iter().enumerate() {
                let p = format!("{days_path}[{j}]");
                match x {
                    Value::String(code) => match Day::from_code(code) {
                        Some(d) => days.push(d),
                        None => {
                            self.fail(&p, Problem::NotADay);
                            failed = true;
                        }
                    },
                    other => {
                        self.wrong(&p, JsonKind::Text, other);
                        failed = true;
                    }
                }
            }
            if failed {
                // The list's own rules (count, repeats) wait until its entries read.
                self.bad.push(days_path);
            }
            shift.days = days;
        }
        for (key, slot) in [("from", &mut shift.from), ("to", &mut shift.to)] {
            let p = join(path, key);
            match self.field(obj, path, key, false) {
                None => {}
                Some(Value::String(text)) => match parse_time(text) {
                    Some(m) => *slot = m,
                    None => self.fail(&p, Problem::NotATime),
                },
                Some(other) => self.wrong(&p, JsonKind::Text, other),
            }
        }
        let people = self.field(obj, path, "people", false);
        if people.is_some() {
            shift.people = self.whole_u32(
                people,
                &join(path, "people"),
                1,
                super::capacity::MAX_PEOPLE,
                1,
            );
        }
        shift
    }

    fn contact(&mut self, root: &Map<String, Value>) -> Contact {
        let default = Contact {
            first_attempt: DEFAULT_FIRST_ATTEMPT,
            attempt_decay: DEFAULT_ATTEMPT_DECAY,
            response_curve: CurvePreset::AutomotiveNl.points(),
        };
        let Some(v) = self.field(root, "", "contact", true) else {
            return default;
        };
        let Some(obj) = self.object(v, "contact") else {
            return Contact {
                first_attempt: f64::NAN,
                attempt_decay: f64::NAN,
                response_curve: Vec::new(),
            };
        };
        let response_curve = match self.field(obj, "contact", "response_curve", true) {
            None => default.response_curve,
            Some(v) => match self.list(v, "contact.response_curve") {
                None => Vec::new(),
                Some(points) => points
                    .iter()
                    .enumerate()
                    .map(|(j, p)| self.curve_point(p, &format!("contact.response_curve[{j}]")))
                    .collect(),
            },
        };
        Contact {
            first_attempt: self.number_or(obj, "contact", "first_attempt", default.first_attempt),
            attempt_decay: self.number_or(obj, "contact", "attempt_decay", default.attempt_decay),
            response_curve,
        }
    }

    fn curve_point(&mut self, v: &Value, path: &str) -> (f64, f64) {
        let Some(pair) = self.list(v, path) else {
            return (f64::NAN, f64::NAN);
        };
        if pair.len() != 2 {
            self.fail(
                path,
                Problem::WrongCount {
                    expected: 2,
                    found: count(pair.len()),
                },
            );
            return (f64::NAN, f64::NAN);
        }
        (
            self.number_value(&pair[0], &format!("{path}[0]")),
            self.number_value(&pair[1], &format!("{path}[1]")),
        )
    }

    fn simulation(&mut self, root: &Map<String, Value>) -> Simulation {
        let d = Simulation::default();
        let Some(v) = self.field(root, "", "simulation", true) else {
            return d;
        };
        let Some(obj) = self.object(v, "simulation") else {
            return Simulation {
                runs: 0,
                seed: 0,
                volume_cv: f64::NAN,
            };
        };
        let runs = self.field(obj, "simulation", "runs", true);
        let runs = self.whole_u32(
            runs,
            "simulation.runs",
            1,
            super::scenario::MAX_RUNS,
            d.runs,
        );
        let seed = match self.field(obj, "simulation", "seed", true) {
            None => d.seed,
            Some(v) => self.whole(v, "simulation.seed", 0, u64::MAX).unwrap_or(0),
        };
        Simulation {
            runs,
            seed,
            volume_cv: self.number_or(obj, "simulation", "volume_cv", d.volume_cv),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::default_scenario;

    fn errors(text: &str) -> Vec<String> {
        match Scenario::from_json(text) {
            Ok(_) => vec![],
            Err(e) => e.iter().map(|e| e.to_string()).collect(),
        }
    }

    fn default_with(edit: impl FnOnce(&mut Map<String, Value>)) -> String {
        let mut v: Value =
            serde_json::from_str(&default_scenario().to_json_pretty()).unwrap_or(Value::Null);
        if let Some(m) = v.as_object_mut() {
            edit(m);
        }
        v.to_string()
    }

    #[test]
    fn round_trips_the_default_scenario() {
        let s = default_scenario();
        assert_eq!(Scenario::from_json(&s.to_json_pretty()), Ok(s));
    }

    #[test]
    fn empty_and_syntax_errors() {
        assert_eq!(errors(""), vec!["the document is empty"]);
        assert_eq!(errors(" \n "), vec!["the document is empty"]);
        let e = errors("{\"version\": 1,");
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("invalid JSON at line 1"), "{e:?}");
        let e = errors("{\"version\": 1, \"sources\": [{\"name\": tru");
        assert!(
            e[0].starts_with("sources[0].name: invalid JSON at line 1"),
            "{e:?}"
        );
        assert_eq!(
            errors("[1, 2]"),
            vec!["must be an object, found a list".to_string()]
        );
    }

    #[test]
    fn nan_infinity_and_huge_numbers_name_their_field() {
        let text = default_scenario()
            .to_json_pretty()
            .replace("\"conversion_now\": 0.08", "\"conversion_now\": NaN");
        let e = errors(&text);
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("sources[2].conversion_now: must be a finite number"),
            "{e:?}"
        );
        let text = default_scenario().to_json_pretty().replace(
            "\"revenue_per_sale\": 25000.0",
            "\"revenue_per_sale\": -Infinity",
        );
        assert!(errors(&text)[0].starts_with("revenue_per_sale: must be a finite"));
        let text = default_scenario()
            .to_json_pretty()
            .replace("\"cost_per_lead\": 25.0", "\"cost_per_lead\": 1e999");
        let e = errors(&text);
        assert!(
            e[0].starts_with("sources[0].cost_per_lead: number too large"),
            "{e:?}"
        );
        let text = default_scenario()
            .to_json_pretty()
            .replace("\"attempts\": 6", "\"attempts\": -1e400");
        let e = errors(&text);
        assert!(
            e[0].starts_with("process_target.attempts: number too large"),
            "{e:?}"
        );
    }

    #[test]
    fn collects_type_and_range_errors_together() {
        let text = default_with(|m| {
            m["revenue_per_sale"] = Value::from("lots");
            m["sources"][1]["conversion_now"] = Value::from(2.0);
            m["sources"][3]["leads_per_month"] = Value::Null;
            m["process_target"]["attempts"] = Value::from(2.5);
            m["seasonality"][5] = Value::from(true);
            m["contact"]["response_curve"][2] = Value::from(vec![1.0]);
            m.remove("gross_profit_per_sale");
        });
        assert_eq!(
            errors(&text),
            vec![
                "seasonality[5]: must be a number, found true/false",
                "sources[3].leads_per_month: must be a number, found null",
                "revenue_per_sale: must be a number, found text",
                "gross_profit_per_sale: is missing",
                "process_target.attempts: must be a whole number",
                "contact.response_curve[2]: must have exactly 2 values, found 1",
                "sources[1].conversion_now: must be between 0% and 100%",
            ]
        );
    }

    #[test]
    fn optional_blocks_take_their_defaults() {
        let text = default_with(|m| {
            for k in [
                "name",
                "currency",
                "target_sales_per_year",
                "contact",
                "simulation",
                "benchmark_conversion",
            ] {
                m.remove(k);
            }
            m["seasonality"] = Value::Null;
            m.insert("a_future_field".into(), Value::from(1));
        });
        let s = Scenario::from_json(&text).unwrap_or_else(|e| panic!("{e:?}"));
        let d = default_scenario();
        assert_eq!(s.contact, d.contact);
        assert_eq!(s.simulation, d.simulation);
        assert_eq!(s.currency, "EUR");
        assert_eq!(s.target_sales_per_year, None);
        assert_eq!(s.seasonality, vec![1.0; 12]);
        assert_eq!(s.benchmark_conversion, 0.13);
    }

    #[test]
    fn versions() {
        let newer = default_with(|m| m["version"] = Value::from(3));
        assert_eq!(
            errors(&newer),
            vec![
                "version: this document has format version 3, made by a newer leadplan; \
                 this program reads versions up to 2"
            ]
        );
        // Versions 1 and 2 both read, to the same scenario.
        let v2 = default_with(|m| m["version"] = Value::from(2));
        assert_eq!(Scenario::from_json(&v2), Ok(default_scenario()));
        let zero = default_with(|m| m["version"] = Value::from(0));
        assert_eq!(
            errors(&zero),
            vec!["version: format version 0 does not exist (versions start at 1)"]
        );
        let missing = default_with(|m| {
            m.remove("version");
            m["sources"][0]["cost_per_lead"] = Value::from(-1);
        });
        assert_eq!(
            errors(&missing),
            vec![
                "version: is missing",
                "sources[0].cost_per_lead: must be between 0 and 1000000000"
            ]
        );
        let text = default_with(|m| m["version"] = Value::from(1.0));
        assert!(Scenario::from_json(&text).is_ok());
    }

    #[test]
    fn migration_hook_runs_steps_in_order() {
        fn v0_to_v1(doc: &mut Map<String, Value>) {
            // A synthetic old format that stored conversion in percent.
            if let Some(Value::Array(sources)) = doc.get_mut("sources") {
                for s in sources {
                    if let Some(c) = s.get("conversion_pct").and_then(Value::as_f64) {
                        s["conversion_now"] = Value::from(c / 100.0);
                    }
                }
            }
        }
        fn v1_to_v2(doc: &mut Map<String, Value>) {
            doc.insert("migrated_to_2".into(), Value::from(true));
        }
        let steps: &[Migration] = &[(0, v0_to_v1), (1, v1_to_v2)];
        let mut doc = Map::new();
        doc.insert(
            "sources".into(),
            serde_json::json!([{ "conversion_pct": 9.0 }]),
        );
        assert_eq!(migrate_with(&mut doc, 0, 2, steps), Ok(()));
        assert_eq!(doc["sources"][0]["conversion_now"], Value::from(0.09));
        assert_eq!(doc["migrated_to_2"], Value::from(true));
        assert_eq!(doc["version"], Value::from(2));
        let mut doc = Map::new();
        assert_eq!(
            migrate_with(&mut doc, 0, 2, &steps[1..]),
            Err(Problem::UnknownVersion { found: 0 })
        );
        // The real chain: version 1 → 2 rewrites nothing but the version.
        let mut doc = Map::new();
        doc.insert("name".into(), Value::from("x"));
        assert_eq!(migrate(&mut doc, 1), Ok(()));
        assert_eq!(doc.len(), 2);
        assert_eq!(doc["version"], Value::from(2));
        assert_eq!(doc["name"], Value::from("x"));
    }

    #[test]
    fn non_object_source_is_one_error() {
        let text = default_with(|m| m["sources"][2] = Value::from("Marktplaats"));
        assert_eq!(
            errors(&text),
            vec!["sources[2]: must be an object, found text"]
        );
    }

    #[test]
    fn counts_out_of_range_and_negative() {
        let text = default_with(|m| {
            m["simulation"]["runs"] = Value::from(2_000_000);
            m["simulation"]["seed"] = Value::from(-3);
            m["process_now"]["attempts"] = Value::from(-1);
        });
        assert_eq!(
            errors(&text),
            vec![
                "process_now.attempts: must be between 1 and 20",
                "simulation.runs: must be between 1 and 1000000",
                "simulation.seed: must be between 0 and 18446744073709552000",
            ]
        );
    }
}
