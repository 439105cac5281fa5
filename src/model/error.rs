//! Input errors: a field path and a structured problem, so the UI can translate every message.

use std::fmt;

/// One thing wrong with a scenario: where ([`FieldError::path`]) and what ([`FieldError::problem`]).
///
/// Displays as `path: message`, e.g. `sources[2].conversion_now: must be between 0% and 100%`,
/// or just the message when the path is empty (a problem with the whole document).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The field, as in the JSON document: `sources[2].conversion_now`, `seasonality[3]`,
    /// `contact.response_curve[1][0]`; empty for the whole document.
    pub path: String,
    /// What is wrong with it.
    pub problem: Problem,
}

impl FieldError {
    /// An error at `path`.
    pub fn new(path: impl Into<String>, problem: Problem) -> FieldError {
        FieldError {
            path: path.into(),
            problem,
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}: {}", self.path, self.problem)
        }
    }
}

impl std::error::Error for FieldError {}

/// The kind of a JSON value, for [`Problem::WrongType`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    /// `null`
    Null,
    /// `true` or `false`
    Bool,
    /// any number
    Number,
    /// a whole number (the expected kind of counts, seeds and versions)
    WholeNumber,
    /// a string
    Text,
    /// an array
    List,
    /// an object
    Object,
}

impl JsonKind {
    /// The kind of `value` (a number is always [`JsonKind::Number`]).
    pub fn of(value: &serde_json::Value) -> JsonKind {
        use serde_json::Value;
        match value {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Bool,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::Text,
            Value::Array(_) => JsonKind::List,
            Value::Object(_) => JsonKind::Object,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            JsonKind::Null => "null",
            JsonKind::Bool => "true/false",
            JsonKind::Number => "a number",
            JsonKind::WholeNumber => "a whole number",
            JsonKind::Text => "text",
            JsonKind::List => "a list",
            JsonKind::Object => "an object",
        }
    }
}

/// What is wrong with a field. Each variant documents its condition; numbers are kept as
/// numbers so that the UI can word the message in Dutch. `Display` gives the English wording.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The document is empty (or only white space).
    EmptyDocument,
    /// The document is not valid JSON; `detail` is the parser's English message.
    Syntax {
        /// 1-based line of the offending character.
        line: usize,
        /// 1-based column of the offending character.
        column: usize,
        /// The parser's description.
        detail: String,
    },
    /// A `NaN`, `Infinity` or `-Infinity` literal (JSON has none), or, for values built in code,
    /// a number that is NaN or infinite.
    NotFinite,
    /// A number too large for a 64-bit float, such as `1e999`.
    NumberTooLarge,
    /// The value has the wrong JSON type, e.g. text where a number belongs.
    WrongType {
        /// What the field must be.
        expected: JsonKind,
        /// What it is.
        found: JsonKind,
    },
    /// A required field is absent.
    Missing,
    /// The number is outside its range. `percent`: the field is a fraction shown as a percentage
    /// (0.13 shows as 13%).
    Range {
        /// Lower bound.
        min: f64,
        /// Whether the lower bound itself is allowed.
        min_inclusive: bool,
        /// Upper bound.
        max: f64,
        /// Whether the upper bound itself is allowed.
        max_inclusive: bool,
        /// Show bounds as percentages.
        percent: bool,
    },
    /// The number must be a whole number (counts, seeds, versions).
    NotInteger,
    /// The text is empty (or only white space).
    Empty,
    /// The text has more than `max` characters.
    TooLong {
        /// Maximum number of characters.
        max: u32,
    },
    /// The source name repeats that of an earlier source (`first`, 0-based index).
    Duplicate {
        /// Index of the first source with this name.
        first: u32,
    },
    /// The list must have exactly `expected` entries.
    WrongCount {
        /// Required length.
        expected: u32,
        /// Actual length.
        found: u32,
    },
    /// The list must have between `min` and `max` entries.
    CountOutOfRange {
        /// Minimum length.
        min: u32,
        /// Maximum length.
        max: u32,
        /// Actual length.
        found: u32,
    },
    /// Response-curve minutes must be strictly greater than the previous point's.
    NotIncreasing,
    /// Response-curve factors must not be greater than the previous point's.
    Increasing,
    /// The seasonality weights sum to zero: at least one month must have a weight above 0.
    ZeroSum,
    /// A source is buyable (`buyable` is true) while its leads cost nothing and there is no
    /// `max_leads_per_month`: a plan would buy infinitely many free leads.
    FreeBuyableWithoutCap,
    /// The document's `version` is newer than this program understands.
    NewerVersion {
        /// The document's version.
        found: u64,
        /// The newest version this program reads ([`crate::model::scenario::CURRENT_VERSION`]).
        known: u32,
    },
    /// The `version` is older than any format that ever existed (versions start at 1).
    UnknownVersion {
        /// The document's version.
        found: u64,
    },
    /// No lead is followed up today (`process_now.follow_up_rate` is 0) while `source` reports a
    /// conversion above 0: nothing today could explain those sales.
    NoFollowUpButConversion {
        /// The first source with a conversion above 0.
        source: String,
    },
    /// The arrival weights sum to zero: at least one hour must have a weight above 0.
    ZeroArrivals,
    /// A process gives both a capacity and a typed response time (`median_response_minutes`,
    /// `response_spread`): it must give one or the other.
    BothResponseTimes,
    /// Not a time of day `"HH:MM"` from 00:00 to 24:00.
    NotATime,
    /// A shift starts at 24:00 (allowed only as an end).
    EndOfDayAsStart,
    /// A shift ends at or before its start (a shift past midnight is two shifts).
    NotAfterStart,
    /// Not a day code (`mon` … `sun`).
    NotADay,
    /// A shift lists a day twice.
    RepeatedDay,
    /// First responses alone need at least 95% of the staffed person-time a week, so waits would
    /// grow without bound (MODEL.md §7).
    Overloaded {
        /// Staffed person-hours a week.
        staffed_hours: f64,
        /// Hours a week first responses need (Λ · minutes_per_lead / 60).
        needed_hours: f64,
    },
}

impl Problem {
    /// [`Problem::Range`] with both bounds allowed, in plain numbers.
    pub fn between(min: f64, max: f64) -> Problem {
        Problem::Range {
            min,
            min_inclusive: true,
            max,
            max_inclusive: true,
            percent: false,
        }
    }
}

fn bound(x: f64, percent: bool) -> String {
    if percent {
        format!("{}%", fmt_num(x * 100.0))
    } else {
        fmt_num(x)
    }
}

/// Hours for a message: whole hours from 10 on, else one decimal (0.5, 9.5).
fn hours(x: f64) -> String {
    if x >= 10.0 {
        format!("{}", x.round())
    } else {
        fmt_num((x * 10.0).round() / 10.0)
    }
}

fn fmt_num(x: f64) -> String {
    // 100.00000000000001 (from 1.0 * 100.0 never happens, but 0.07 * 100 does) prints clean.
    let rounded = (x * 1e9).round() / 1e9;
    format!("{rounded}")
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::EmptyDocument => write!(f, "the document is empty"),
            Problem::Syntax {
                line,
                column,
                detail,
            } => write!(f, "invalid JSON at line {line}, column {column}: {detail}"),
            Problem::NotFinite => write!(
                f,
                "must be a finite number (NaN and Infinity are not numbers in JSON)"
            ),
            Problem::NumberTooLarge => write!(
                f,
                "number too large for a 64-bit float; must be a finite number"
            ),
            Problem::WrongType { expected, found } => {
                write!(f, "must be {}, found {}", expected.noun(), found.noun())
            }
            Problem::Missing => write!(f, "is missing"),
            Problem::Range {
                min,
                min_inclusive,
                max,
                max_inclusive,
                percent,
            } => {
                let lo = bound(*min, *percent);
                let hi = bound(*max, *percent);
                match (min_inclusive, max_inclusive) {
                    (true, true) => write!(f, "must be between {lo} and {hi}"),
                    (false, true) => write!(f, "must be above {lo} and at most {hi}"),
                    (true, false) => write!(f, "must be at least {lo} and below {hi}"),
                    (false, false) => write!(f, "must be above {lo} and below {hi}"),
                }
            }
            Problem::NotInteger => write!(f, "must be a whole number"),
            Problem::Empty => write!(f, "must not be empty"),
            Problem::TooLong { max } => write!(f, "must be at most {max} characters"),
            Problem::Duplicate { first } => {
                write!(
                    f,
                    "repeats the name of sources[{first}]; names must be unique"
                )
            }
            Problem::WrongCount { expected, found } => {
                write!(f, "must have exactly {expected} values, found {found}")
            }
            Problem::CountOutOfRange { min, max, found } => {
                write!(f, "must have {min} to {max} entries, found {found}")
            }
            Problem::NotIncreasing => {
                write!(
                    f,
                    "minutes must be greater than those of the previous point"
                )
            }
            Problem::Increasing => write!(
                f,
                "factor must not be greater than that of the previous point"
            ),
            Problem::ZeroSum => write!(f, "at least one month must have a weight above 0"),
            Problem::FreeBuyableWithoutCap => write!(
                f,
                "a source whose leads cost nothing can be buyable only with a cap: set \
                 max_leads_per_month, or a cost_per_lead above 0"
            ),
            Problem::NewerVersion { found, known } => write!(
                f,
                "this document has format version {found}, made by a newer leadplan; \
                 this program reads versions up to {known}"
            ),
            Problem::UnknownVersion { found } => write!(
                f,
                "format version {found} does not exist (versions start at 1)"
            ),
            Problem::NoFollowUpButConversion { source } => write!(
                f,
                "is 0%, yet {source} converts leads today: leads nobody follows up cannot \
                 explain those sales"
            ),
            Problem::ZeroArrivals => write!(f, "at least one hour must have a weight above 0"),
            Problem::BothResponseTimes => write!(
                f,
                "gives both capacity and median_response_minutes/response_spread: give one \
                 or the other"
            ),
            Problem::NotATime => write!(f, "must be a time HH:MM from 00:00 to 24:00"),
            Problem::EndOfDayAsStart => write!(f, "24:00 is allowed only as an end"),
            Problem::NotAfterStart => write!(
                f,
                "must be after from (a shift past midnight is two shifts)"
            ),
            Problem::NotADay => write!(f, "must be one of mon, tue, wed, thu, fri, sat, sun"),
            Problem::RepeatedDay => write!(f, "repeats a day listed before"),
            Problem::Overloaded {
                staffed_hours,
                needed_hours,
            } => {
                let (give, need) = (hours(*staffed_hours), hours(*needed_hours));
                if needed_hours >= staffed_hours {
                    write!(
                        f,
                        "the shifts give {give} hours a week; first responses alone need \
                         {need}: add people or hours"
                    )
                } else {
                    write!(
                        f,
                        "the shifts give {give} hours a week; first responses alone need \
                         {need}, more than 95% of them: add people or hours"
                    )
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_path_and_percent_range() {
        let e = FieldError::new(
            "sources[2].conversion_now",
            Problem::Range {
                min: 0.0,
                min_inclusive: true,
                max: 1.0,
                max_inclusive: true,
                percent: true,
            },
        );
        assert_eq!(
            e.to_string(),
            "sources[2].conversion_now: must be between 0% and 100%"
        );
    }

    #[test]
    fn whole_document_error_has_no_path_prefix() {
        assert_eq!(
            FieldError::new("", Problem::EmptyDocument).to_string(),
            "the document is empty"
        );
    }

    #[test]
    fn open_bounds_are_worded() {
        let p = Problem::Range {
            min: 0.0,
            min_inclusive: false,
            max: 43200.0,
            max_inclusive: true,
            percent: false,
        };
        assert_eq!(p.to_string(), "must be above 0 and at most 43200");
    }
}
