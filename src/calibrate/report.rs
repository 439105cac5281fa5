//! What a calibration found: the [`Report`] `leadplan calibrate` prints (MODEL.md §9), the
//! derived values in [`Calibration`], and how they are written into a scenario, group by group,
//! so the page can apply only the groups the user ticks.
//!
//! The output scenario is a `serde_json::Value`: the base scenario's JSON with the derived
//! fields written in, `"arrivals"` (168 hour-of-week counts) and `"version": 2`.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::model::scenario::{
    MAX_ATTEMPTS, MAX_LEADS_PER_MONTH, MAX_MEDIAN_MINUTES, MAX_SOURCE_NAME, MAX_SOURCES,
};

/// The report of MODEL.md §9, with exactly its key names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Data rows in the file (the header and blank lines not counted).
    pub rows: u64,
    /// Rows that count: source and created readable, the first row of their id, and not of an
    /// excluded status (spam, duplicate, not applicable).
    pub used: u64,
    /// Days from the earliest created to the export time E (the latest timestamp in the file).
    pub span_days: f64,
    /// `day_first` or `month_first`: how `a-b-yyyy` dates were read.
    pub date_order: &'static str,
    /// The header each field was read from (fields without a column are absent).
    pub columns: BTreeMap<String, String>,
    /// Per source, most leads first.
    pub sources: Vec<SourceReport>,
    /// contacted ÷ (contacted + leads without contact older than 7 days); `null` without a
    /// first-contact, response-time or attempts column, or when no lead counts.
    pub follow_up_rate: Option<f64>,
    /// The response times.
    pub response: ResponseReport,
    /// Median attempts over followed-up leads, rounded, clamped to 1..=20; `null` without
    /// an attempts column or values.
    pub attempts: Option<u32>,
    /// What the user should know about the data (see [`ProblemKind`]).
    pub problems: Vec<Problem>,
}

/// One source of the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceReport {
    /// The name as in the file (spaces around it removed).
    pub name: String,
    /// Used leads.
    pub leads: u64,
    /// Leads sold, lost, or older than 60 days at E.
    pub decided: u64,
    /// Leads sold.
    pub sold: u64,
    /// sold ÷ decided; `null` when nothing is decided.
    pub conversion: Option<f64>,
    /// The 90% Jeffreys interval: 5% and 95% quantiles of Beta(sold + ½, decided − sold + ½).
    pub interval: [f64; 2],
    /// leads ÷ span in months of 30.4375 days.
    pub leads_per_month: f64,
}

/// The response-time part of the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResponseReport {
    /// The number of response times the statistics are over: contacted leads with a positive
    /// time (first contact − created, or the response-minutes column).
    pub contacted: u64,
    /// Median minutes (`null` without times).
    pub median_minutes: Option<f64>,
    /// 90th percentile minutes.
    pub p90_minutes: Option<f64>,
    /// p90 ÷ median clamped to [1, 100].
    pub spread: Option<f64>,
    /// Kolmogorov–Smirnov distance between the times and the log-normal with that median and
    /// spread (0: a perfect fit; above about 0.1 a log-normal describes them poorly).
    pub ks_distance: Option<f64>,
}

/// The kinds of problem, by their stable snake_case names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Rows left out because source or created is missing or created is not a timestamp;
    /// `values` lists the first few reasons.
    InvalidRows,
    /// Optional values that could not be read (first contact, response minutes, attempts,
    /// sold flag): the row is used without them; `values` names the fields.
    InvalidValues,
    /// First contact before created (or negative response minutes): the lead counts as
    /// contacted, its time is left out of the response statistics.
    ContactBeforeCreated,
    /// Rows whose id an earlier usable row has: left out.
    DuplicateIds,
    /// Status values none of the lists knows (`values`); they count as open until mapped.
    UnmappedStatus,
    /// Sold leads without any sign of contact (no first contact, no response time, no
    /// attempts > 0), reported only when the file has a column that could show contact.
    SoldWithoutContact,
    /// Sources with fewer than 30 decided leads (`values`): their conversion is uncertain;
    /// `count` is the number of sources, `rows` the first row of each (up to five).
    FewDecidedLeads,
    /// Dates like 03-04-2026 where no value proves the order: read day first.
    AmbiguousDateOrder,
    /// Some values prove day first and others month first: the order with more proof wins;
    /// `rows` are the rows of the other order, whose dates then do not exist.
    ConflictingDateOrder,
    /// More than 50 sources: the scenario keeps the 50 with the most leads; `values` lists the
    /// rest.
    TooManySources,
}

/// One problem of the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    /// What kind.
    pub kind: ProblemKind,
    /// How many rows (or sources, for `few_decided_leads` and `too_many_sources`).
    pub count: u64,
    /// The first five row numbers (file lines, the header being line 1).
    pub rows: Vec<u32>,
    /// The values concerned, where the kind names them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// Derived response-time process values.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// Median minutes.
    pub median_minutes: f64,
    /// 90th percentile minutes.
    pub p90_minutes: f64,
    /// p90 ÷ median clamped to [1, 100].
    pub spread: f64,
}

/// Everything a calibration derived, and the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Calibration {
    /// The report.
    pub report: Report,
    /// Response-time values, when there are times.
    pub response: Option<Response>,
    /// The 168 hour-of-week counts of created (Amsterdam time), Monday 00–01 first.
    pub arrivals: Vec<u64>,
    /// Mean leads per calendar month January…December over the whole months of the span, when
    /// it covers at least 12.
    pub seasonality: Option<[f64; 12]>,
    /// The file's header, as read (for choosing a field's column).
    pub headers: Vec<String>,
    /// The column (0-based, into `headers`) each field was read from, in
    /// [`super::headers::FIELDS`] order; `None` where none.
    pub mapping: super::headers::Mapping,
    /// Status values none of the lists knows, in order of first appearance (they count as
    /// open until the user maps them).
    pub unmapped_status: Vec<String>,
    /// The response times the statistics are over, in minutes, ascending.
    pub response_times: Vec<f64>,
}

fn number(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// `v` as an object, made one first if it is not.
fn object(v: &mut Value) -> Option<&mut Map<String, Value>> {
    if !v.is_object() {
        *v = Value::Object(Map::new());
    }
    v.as_object_mut()
}

/// What `leadplan calibrate` prints: `{ "scenario": …, "report": … }`.
#[derive(Serialize)]
pub struct Output<'a> {
    /// The calibrated scenario.
    pub scenario: Value,
    /// The report.
    pub report: &'a Report,
}

impl Calibration {
    /// The command's output for `base`, pretty-printed JSON.
    pub fn output_json(&self, base: &Value) -> String {
        let out = Output {
            scenario: self.scenario(base),
            report: &self.report,
        };
        serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".to_string())
    }

    /// The report as JSON.
    pub fn report_json(&self) -> Value {
        serde_json::to_value(&self.report).unwrap_or(Value::Null)
    }

    /// Writes the sources: name, leads_per_month, conversion_now (when nothing is decided, the
    /// base source's of that name, else 0; but 0 when the export shows nobody followed up, as
    /// with no follow-up a conversion above 0 is unexplainable, MODEL.md §2) and cost_per_lead
    /// from the base source of the same name (else 0). At most 50 sources (most leads first),
    /// names cut to 60 characters.
    pub fn apply_sources(&self, scenario: &mut Value) {
        let Some(root) = object(scenario) else {
            return;
        };
        let base: Vec<Value> = match root.get("sources") {
            Some(Value::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        let base_field = |name: &str, key: &str| -> Option<Value> {
            base.iter()
                .find(|s| s.get("name").and_then(Value::as_str).map(str::trim) == Some(name))
                .and_then(|s| s.get(key).cloned())
        };
        let mut taken: Vec<String> = Vec::new();
        let mut sources = Vec::new();
        for s in &self.report.sources {
            if sources.len() >= MAX_SOURCES {
                break;
            }
            let name: String = s.name.chars().take(MAX_SOURCE_NAME).collect();
            let name = name.trim().to_string();
            if taken.contains(&name) {
                continue;
            }
            let conversion = match s.conversion {
                Some(c) => number(c),
                None if self.report.follow_up_rate == Some(0.0) => json!(0.0),
                None => base_field(&name, "conversion_now").unwrap_or(json!(0.0)),
            };
            sources.push(json!({
                "name": name,
                "leads_per_month": number(s.leads_per_month.min(MAX_LEADS_PER_MONTH)),
                "cost_per_lead": base_field(&name, "cost_per_lead").unwrap_or(json!(0.0)),
                "conversion_now": conversion,
            }));
            taken.push(name);
        }
        root.insert("sources".into(), Value::Array(sources));
    }

    /// Writes today's process: follow_up_rate, median_response_minutes (at most 43,200),
    /// response_spread and attempts, each only where the export gives it.
    pub fn apply_follow_up(&self, scenario: &mut Value) {
        let Some(process) = object(scenario)
            .and_then(|root| object(root.entry("process_now").or_insert(Value::Null)))
        else {
            return;
        };
        if let Some(f) = self.report.follow_up_rate {
            process.insert("follow_up_rate".into(), number(f));
        }
        if let Some(r) = &self.response {
            process.insert(
                "median_response_minutes".into(),
                number(r.median_minutes.min(MAX_MEDIAN_MINUTES)),
            );
            process.insert("response_spread".into(), number(r.spread));
        }
        if let Some(a) = self.report.attempts {
            process.insert("attempts".into(), json!(a.clamp(1, MAX_ATTEMPTS)));
        }
    }

    /// Writes `arrivals` (168 counts) and `"version": 2`, the version that has them.
    pub fn apply_arrivals(&self, scenario: &mut Value) {
        let Some(root) = object(scenario) else {
            return;
        };
        root.insert("arrivals".into(), json!(self.arrivals));
        root.insert("version".into(), json!(2));
    }

    /// Writes `seasonality` when the span covers at least 12 whole months.
    pub fn apply_seasonality(&self, scenario: &mut Value) {
        if let Some(w) = self.seasonality
            && let Some(root) = object(scenario)
        {
            root.insert(
                "seasonality".into(),
                Value::Array(w.iter().map(|&x| number(x)).collect()),
            );
        }
    }

    /// `base` with every group applied.
    pub fn scenario(&self, base: &Value) -> Value {
        let mut s = base.clone();
        self.apply_sources(&mut s);
        self.apply_follow_up(&mut s);
        self.apply_seasonality(&mut s);
        self.apply_arrivals(&mut s);
        s
    }
}
