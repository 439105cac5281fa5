//! The scenario document (MODEL.md §1): its types, validation with field paths, and versions.
//!
//! A scenario is read with [`Scenario::from_json`], which never panics and reports every
//! problem at once (see [`crate::model::parse`] for the rules on missing fields and defaults).
//! The derived `Deserialize` is there for trusted round trips only; it does not validate.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::capacity::{
    Capacity, MAX_LOAD, MAX_MINUTES_PER_LEAD, MAX_MINUTES_PER_RETRY, MAX_PEOPLE,
    MAX_REACTION_MINUTES, MAX_SHIFTS, weekly_leads,
};
pub use super::error::{FieldError, JsonKind, Problem};

/// The newest scenario format version this program reads (and the `version` of every scenario
/// once read: older documents are migrated). Writers emit [`Scenario::format_version`], the
/// lowest version that can express the document, so version-1 scenarios stay version 1.
pub const CURRENT_VERSION: u32 = 2;

/// Most lead sources a scenario may have.
pub const MAX_SOURCES: usize = 50;
/// Longest source name, in characters.
pub const MAX_SOURCE_NAME: usize = 60;
/// Longest scenario name, in characters (not in MODEL.md: a sanity limit).
pub const MAX_SCENARIO_NAME: usize = 200;
/// Longest currency code, in characters (not in MODEL.md: a sanity limit).
pub const MAX_CURRENCY: usize = 8;
/// Most response-curve points (not in MODEL.md: a sanity limit).
pub const MAX_CURVE_POINTS: usize = 100;
/// Largest monthly lead volume of one source (not in MODEL.md: a sanity limit far beyond any
/// dealer group, which keeps every count well inside 64-bit integers).
pub const MAX_LEADS_PER_MONTH: f64 = 1e6;
/// Largest money amount per lead or per sale (not in MODEL.md: a sanity limit).
pub const MAX_MONEY: f64 = 1e9;
/// Largest annual sales target (not in MODEL.md: a sanity limit).
pub const MAX_TARGET: f64 = 1e9;
/// Largest seasonality weight (not in MODEL.md: a sanity limit; weights are normalised).
pub const MAX_SEASON_WEIGHT: f64 = 1e6;
/// Longest median response time: 30 days.
pub const MAX_MEDIAN_MINUTES: f64 = 43_200.0;
/// Largest response spread (p90 ÷ median).
pub const MAX_SPREAD: f64 = 100.0;
/// Most call attempts.
pub const MAX_ATTEMPTS: u32 = 20;
/// Most Monte Carlo runs.
pub const MAX_RUNS: u32 = 1_000_000;
/// Largest month-to-month coefficient of variation of lead volume.
pub const MAX_VOLUME_CV: f64 = 2.0;
/// Latest response-curve point, in minutes (not in MODEL.md: a sanity limit, one year).
pub const MAX_CURVE_MINUTES: f64 = 525_600.0;
/// Largest annual marketing budget (not in MODEL.md: a sanity limit, 50 sources' worth of
/// [`MAX_MONEY`] a month for a year, rounded up).
pub const MAX_BUDGET: f64 = 1e12;

/// One scenario: a dealer's lead sources, today's and the target follow-up process, and the
/// simulation settings. Fractions are 0..1, times minutes, money in `currency`.
///
/// Serialised with `version` set to [`Scenario::format_version`], whatever the field holds, so
/// a version-1 scenario is written exactly as before version 2 existed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Scenario {
    /// Format version; [`CURRENT_VERSION`] once read (older documents are migrated).
    /// The derived deserializer sets it to [`CURRENT_VERSION`] too; [`Scenario::validate`]
    /// accepts 1..=[`CURRENT_VERSION`] here (a version 1 in memory means what it meant). The
    /// JSON writers ignore this field and write [`Scenario::format_version`].
    pub version: u32,
    /// Free text shown as the scenario's title (may be empty).
    #[serde(default)]
    pub name: String,
    /// Currency code of all money amounts (default `EUR`).
    #[serde(default = "default_currency")]
    pub currency: String,
    /// Revenue of one sale.
    pub revenue_per_sale: f64,
    /// Gross profit of one sale.
    pub gross_profit_per_sale: f64,
    /// Annual sales target in units; `None` (JSON `null` or absent): no target, no plan.
    #[serde(default)]
    pub target_sales_per_year: Option<f64>,
    /// The lead-to-sale conversion sales is held to (an input the UI compares against).
    pub benchmark_conversion: f64,
    /// 12 relative weights, January first; normalised to sum 1 by the model.
    pub seasonality: Vec<f64>,
    /// When leads arrive through the week (version 2, MODEL.md §7): 168 relative weights, index
    /// 24·d + h, Monday first; `None`: [`super::presets::default_arrivals`]. Only processes with
    /// a capacity use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrivals: Option<Vec<f64>>,
    /// The lead channels.
    pub sources: Vec<LeadSource>,
    /// The annual marketing budget to spend on leads (MODEL.md §8, version 2); `None` (absent or
    /// `null`): no budget question, `expected.plan.for_budget_*` are null.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_per_year: Option<f64>,
    /// Today's follow-up process (calibrates the close rates).
    pub process_now: Process,
    /// The follow-up process aimed for.
    pub process_target: Process,
    /// How reachable leads are by delay and attempt.
    pub contact: Contact,
    /// Monte Carlo settings.
    pub simulation: Simulation,
}

impl Serialize for Scenario {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let version = self.format_version();
        if self.version == version {
            Scenario::serialize(self, serializer)
        } else {
            let written = Scenario {
                version,
                ..self.clone()
            };
            Scenario::serialize(&written, serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Scenario {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Scenario, D::Error> {
        let mut s = Scenario::deserialize(deserializer)?;
        s.version = CURRENT_VERSION;
        Ok(s)
    }
}

fn default_currency() -> String {
    "EUR".to_string()
}

/// A lead channel: website, importer, a portal, phone and walk-in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadSource {
    /// Unique name, 1..=60 characters.
    pub name: String,
    /// Average monthly lead volume (≥ 0).
    pub leads_per_month: f64,
    /// Cost of one lead (≥ 0).
    pub cost_per_lead: f64,
    /// Today's observed lead-to-sale rate (0..1).
    pub conversion_now: f64,
    /// Whether more leads of this source can be bought at `cost_per_lead` (MODEL.md §8,
    /// version 2). Kept as the document gave it: `None` (absent) means the default, buyable
    /// exactly when `cost_per_lead` > 0 (see [`LeadSource::is_buyable`]). An explicit value is
    /// kept even when it equals the default, so the user's choice survives a later change of the
    /// cost; only a value that differs from the default makes the document version 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyable: Option<bool>,
    /// At most this many leads a month can be had (> 0); `None`: no cap (MODEL.md §8, version
    /// 2). Bounds only what the plans of [`crate::model::buy_plan`] buy; it is not checked
    /// against today's `leads_per_month`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_leads_per_month: Option<f64>,
    /// A subscription or listing package paid whatever the volume (≥ 0, default 0; MODEL.md §8,
    /// version 2).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub fixed_cost_per_month: f64,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

impl LeadSource {
    /// Whether the source is buyable: as given, else the default (cost_per_lead > 0: free
    /// sources such as importer leads and walk-ins come as they come).
    pub fn is_buyable(&self) -> bool {
        self.buyable.unwrap_or(self.buyable_by_default())
    }

    /// The default of `buyable`: true when a lead costs something.
    pub fn buyable_by_default(&self) -> bool {
        self.cost_per_lead > 0.0
    }

    /// Whether any version-2 field of the source differs from its default.
    fn uses_version_2(&self) -> bool {
        self.buyable.is_some_and(|b| b != self.buyable_by_default())
            || self.max_leads_per_month.is_some()
            || self.fixed_cost_per_month != 0.0
    }
}

/// A follow-up process: who gets called, how fast, how persistently.
///
/// How fast is either typed (`median_response_minutes` and `response_spread`, a log-normal,
/// MODEL.md §2) or staffed (`capacity`, the queue of §7), never both. With a capacity the two
/// typed fields are not part of the document (not written; giving them too is an error) and
/// the model ignores them: they are 0 after reading.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Process {
    /// Share of leads that get any personal follow-up (0..1).
    pub follow_up_rate: f64,
    /// Median minutes from lead to first personal attempt (> 0, ≤ 43200); unused with a
    /// capacity.
    #[serde(default)]
    pub median_response_minutes: f64,
    /// p90 ÷ median of the response time (1..=100); 1 means always exactly the median; unused
    /// with a capacity.
    #[serde(default)]
    pub response_spread: f64,
    /// Call attempts before a lead is given up (1..=20).
    pub attempts: u32,
    /// Who handles leads when (version 2, MODEL.md §7); replaces the typed response time.
    #[serde(default)]
    pub capacity: Option<Capacity>,
}

impl Process {
    /// A process with a typed response time (no capacity).
    pub fn typed(follow_up_rate: f64, median: f64, spread: f64, attempts: u32) -> Process {
        Process {
            follow_up_rate,
            median_response_minutes: median,
            response_spread: spread,
            attempts,
            capacity: None,
        }
    }

    /// A process whose response time comes from `capacity`.
    pub fn staffed(follow_up_rate: f64, attempts: u32, capacity: Capacity) -> Process {
        Process {
            follow_up_rate,
            median_response_minutes: 0.0,
            response_spread: 0.0,
            attempts,
            capacity: Some(capacity),
        }
    }
}

impl Serialize for Process {
    /// The typed fields without a capacity, the capacity without them; the order of version 1.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = if self.capacity.is_some() { 3 } else { 4 };
        let mut st = serializer.serialize_struct("Process", fields)?;
        st.serialize_field("follow_up_rate", &self.follow_up_rate)?;
        if self.capacity.is_none() {
            st.serialize_field("median_response_minutes", &self.median_response_minutes)?;
            st.serialize_field("response_spread", &self.response_spread)?;
        }
        st.serialize_field("attempts", &self.attempts)?;
        if let Some(capacity) = &self.capacity {
            st.serialize_field("capacity", capacity)?;
        }
        st.end()
    }
}

/// Reachability of a lead.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    /// Chance that an immediate first attempt reaches the lead (0 < x ≤ 1).
    pub first_attempt: f64,
    /// Each further attempt reaches with this factor times the previous chance (0 < x ≤ 1).
    pub attempt_decay: f64,
    /// Points (minutes, factor), JSON `[[min, factor], ...]`: minutes > 0 strictly increasing,
    /// factors in (0, 1] non-increasing.
    pub response_curve: Vec<(f64, f64)>,
}

/// Monte Carlo settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Simulation {
    /// Number of runs (1..=1,000,000).
    pub runs: u32,
    /// Seed of the random stream.
    pub seed: u64,
    /// Month-to-month coefficient of variation of lead volume (0..=2).
    pub volume_cv: f64,
}

impl Default for Simulation {
    /// 10,000 runs, seed 42, volume CV 0.15 (MODEL.md's example).
    fn default() -> Simulation {
        Simulation {
            runs: 10_000,
            seed: 42,
            volume_cv: 0.15,
        }
    }
}

impl Scenario {
    /// Reads a scenario from JSON text: parse, version check, migration, validation.
    /// Returns every problem found, each with its field path. Never panics.
    pub fn from_json(text: &str) -> Result<Scenario, Vec<FieldError>> {
        super::parse::scenario_from_json(text)
    }

    /// The lowest format version that can express this scenario: 2 if any version-2 field is
    /// set to something other than its default, else 1. Version-2 fields: `arrivals` or a
    /// process `capacity` (MODEL.md §7); `budget_per_year` given, or a source's `buyable`
    /// different from its default, `max_leads_per_month` given, or `fixed_cost_per_month` not 0
    /// (MODEL.md §8). The JSON writers (the `Serialize` impl, so every writer) put this number
    /// in `version`, so version-1 scenarios, files and share links stay byte for byte as they
    /// were.
    pub fn format_version(&self) -> u32 {
        let capacity = self.arrivals.is_some()
            || self.process_now.capacity.is_some()
            || self.process_target.capacity.is_some();
        let buying =
            self.budget_per_year.is_some() || self.sources.iter().any(LeadSource::uses_version_2);
        if capacity || buying { 2 } else { 1 }
    }

    /// Checks every rule of MODEL.md §1 (and the sanity limits of this module); an empty list
    /// means valid. Non-finite numbers are reported as [`Problem::NotFinite`].
    pub fn validate(&self) -> Vec<FieldError> {
        let mut c = Checker::default();
        if self.version > CURRENT_VERSION {
            c.push(
                "version",
                Problem::NewerVersion {
                    found: u64::from(self.version),
                    known: CURRENT_VERSION,
                },
            );
        } else if self.version < 1 {
            c.push(
                "version",
                Problem::UnknownVersion {
                    found: u64::from(self.version),
                },
            );
        }
        c.text("name", &self.name, true, MAX_SCENARIO_NAME);
        c.text("currency", &self.currency, false, MAX_CURRENCY);
        c.range(
            "revenue_per_sale",
            self.revenue_per_sale,
            0.0,
            true,
            MAX_MONEY,
            true,
            false,
        );
        c.range(
            "gross_profit_per_sale",
            self.gross_profit_per_sale,
            -MAX_MONEY,
            true,
            MAX_MONEY,
            true,
            false,
        );
        if let Some(t) = self.target_sales_per_year {
            c.range(
                "target_sales_per_year",
                t,
                0.0,
                false,
                MAX_TARGET,
                true,
                false,
            );
        }
        c.fraction("benchmark_conversion", self.benchmark_conversion);
        if let Some(b) = self.budget_per_year {
            c.range("budget_per_year", b, 0.0, true, MAX_BUDGET, true, false);
        }
        self.validate_seasonality(&mut c);
        self.validate_arrivals(&mut c);
        self.validate_sources(&mut c);
        let sources_ok = !c.errors.iter().any(|e| e.path.starts_with("sources"));
        for (p, process) in [
            ("process_now", &self.process_now),
            ("process_target", &self.process_target),
        ] {
            c.process(p, process);
            if let Some(capacity) = &process.capacity {
                let before = c.errors.len();
                c.capacity(&format!("{p}.capacity"), capacity);
                let ok = c.errors.len() == before && (0.0..=1.0).contains(&process.follow_up_rate);
                if ok && sources_ok {
                    c.load(p, capacity, weekly_leads(self, process.follow_up_rate));
                }
            }
        }
        c.contact("contact", &self.contact);
        c.simulation("simulation", &self.simulation);
        c.errors
    }

    fn validate_seasonality(&self, c: &mut Checker) {
        let n = self.seasonality.len();
        if n != 12 {
            c.push(
                "seasonality",
                Problem::WrongCount {
                    expected: 12,
                    found: count(n),
                },
            );
        }
        for (m, &w) in self.seasonality.iter().enumerate() {
            c.range(
                &format!("seasonality[{m}]"),
                w,
                0.0,
                true,
                MAX_SEASON_WEIGHT,
                true,
                false,
            );
        }
        let all_finite = self.seasonality.iter().all(|w| w.is_finite());
        if n > 0 && all_finite && self.seasonality.iter().all(|&w| w <= 0.0) {
            c.push("seasonality", Problem::ZeroSum);
        }
    }

    fn validate_arrivals(&self, c: &mut Checker) {
        let Some(arrivals) = &self.arrivals else {
            return;
        };
        if arrivals.len() != 168 {
            c.push(
                "arrivals",
                Problem::WrongCount {
                    expected: 168,
                    found: count(arrivals.len()),
                },
            );
        }
        for (h, &w) in arrivals.iter().enumerate() {
            c.range(
                &format!("arrivals[{h}]"),
                w,
                0.0,
                true,
                MAX_SEASON_WEIGHT,
                true,
                false,
            );
        }
        let all_finite = arrivals.iter().all(|w| w.is_finite());
        if !arrivals.is_empty() && all_finite && arrivals.iter().all(|&w| w <= 0.0) {
            c.push("arrivals", Problem::ZeroArrivals);
        }
    }

    fn validate_sources(&self, c: &mut Checker) {
        let n = self.sources.len();
        if n == 0 || n > MAX_SOURCES {
            c.push(
                "sources",
                Problem::CountOutOfRange {
                    min: 1,
                    max: count(MAX_SOURCES),
                    found: count(n),
                },
            );
        }
        for (i, s) in self.sources.iter().enumerate() {
            let p = format!("sources[{i}]");
            c.text(&format!("{p}.name"), &s.name, false, MAX_SOURCE_NAME);
            let key = s.name.trim();
            if !key.is_empty()
                && let Some(first) = self.sources[..i].iter().position(|o| o.name.trim() == key)
            {
                c.push(
                    format!("{p}.name"),
                    Problem::Duplicate {
                        first: count(first),
                    },
                );
            }
            c.range(
                &format!("{p}.leads_per_month"),
                s.leads_per_month,
                0.0,
                true,
                MAX_LEADS_PER_MONTH,
                true,
                false,
            );
            c.range(
                &format!("{p}.cost_per_lead"),
                s.cost_per_lead,
                0.0,
                true,
                MAX_MONEY,
                true,
                false,
            );
            c.fraction(&format!("{p}.conversion_now"), s.conversion_now);
            c.buying(&p, s);
        }
        // Calibration divides today's conversion by today's follow-up: with nobody followed up,
        // any conversion is unexplainable (MODEL.md §2).
        if self.process_now.follow_up_rate == 0.0
            && let Some(s) = self.sources.iter().find(|s| s.conversion_now > 0.0)
        {
            c.push(
                "process_now.follow_up_rate",
                Problem::NoFollowUpButConversion {
                    source: s.name.clone(),
                },
            );
        }
    }

    /// The scenario as pretty-printed JSON (the export and `leadplan example` format), with
    /// `version` = [`Scenario::format_version`].
    pub fn to_json_pretty(&self) -> String {
        // Serialising plain structs of numbers and strings cannot fail; fall back to "{}" anyway.
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string())
    }

    /// The scenario as compact JSON (share links, the simulation worker), with `version` =
    /// [`Scenario::format_version`]. Made through a `serde_json::Value`, whose encoder the page
    /// has anyway, rather than a third encoder of the scenario itself.
    pub fn to_json(&self) -> String {
        serde_json::to_value(self).map_or_else(|_| "{}".to_string(), |v| v.to_string())
    }
}

/// A length as the u32 that [`Problem`] stores (saturating; lists this long are refused anyway).
pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Collects validation errors.
#[derive(Default)]
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, problem: Problem) {
        self.errors.push(FieldError::new(path, problem));
    }

    #[allow(clippy::too_many_arguments)]
    fn range(
        &mut self,
        path: &str,
        x: f64,
        min: f64,
        min_inclusive: bool,
        max: f64,
        max_inclusive: bool,
        percent: bool,
    ) {
        if !x.is_finite() {
            self.push(path, Problem::NotFinite);
            return;
        }
        let low_ok = if min_inclusive { x >= min } else { x > min };
        let high_ok = if max_inclusive { x <= max } else { x < max };
        if !(low_ok && high_ok) {
            self.push(
                path,
                Problem::Range {
                    min,
                    min_inclusive,
                    max,
                    max_inclusive,
                    percent,
                },
            );
        }
    }

    /// A fraction in [0, 1], shown as a percentage.
    fn fraction(&mut self, path: &str, x: f64) {
        self.range(path, x, 0.0, true, 1.0, true, true);
    }

    /// A fraction in (0, 1], shown as a percentage.
    fn positive_fraction(&mut self, path: &str, x: f64) {
        self.range(path, x, 0.0, false, 1.0, true, true);
    }

    fn text(&mut self, path: &str, s: &str, may_be_empty: bool, max: usize) {
        if !may_be_empty && s.trim().is_empty() {
            self.push(path, Problem::Empty);
        } else if s.chars().count() > max {
            self.push(path, Problem::TooLong { max: count(max) });
        }
    }

    fn integer(&mut self, path: &str, x: u32, min: u32, max: u32) {
        if x < min || x > max {
            self.push(path, Problem::between(f64::from(min), f64::from(max)));
        }
    }

    /// The buying fields of source `p` (MODEL.md §8).
    fn buying(&mut self, p: &str, s: &LeadSource) {
        if let Some(cap) = s.max_leads_per_month {
            self.range(
                &format!("{p}.max_leads_per_month"),
                cap,
                0.0,
                false,
                MAX_LEADS_PER_MONTH,
                true,
                false,
            );
        }
        self.range(
            &format!("{p}.fixed_cost_per_month"),
            s.fixed_cost_per_month,
            0.0,
            true,
            MAX_MONEY,
            true,
            false,
        );
        // Free leads without a cap would make every plan buy infinitely many.
        if s.is_buyable() && s.cost_per_lead == 0.0 && s.max_leads_per_month.is_none() {
            self.push(format!("{p}.buyable"), Problem::FreeBuyableWithoutCap);
        }
    }

    fn process(&mut self, p: &str, process: &Process) {
        self.fraction(&format!("{p}.follow_up_rate"), process.follow_up_rate);
        self.integer(&format!("{p}.attempts"), process.attempts, 1, MAX_ATTEMPTS);
        if process.capacity.is_some() {
            return;
        }
        self.range(
            &format!("{p}.median_response_minutes"),
            process.median_response_minutes,
            0.0,
            false,
            MAX_MEDIAN_MINUTES,
            true,
            false,
        );
        self.range(
            &format!("{p}.response_spread"),
            process.response_spread,
            1.0,
            true,
            MAX_SPREAD,
            true,
            false,
        );
    }

    /// The rules of MODEL.md §7's table for the capacity at `p`.
    fn capacity(&mut self, p: &str, capacity: &Capacity) {
        let shifts = &capacity.shifts;
        if shifts.is_empty() || shifts.len() > MAX_SHIFTS {
            self.push(
                format!("{p}.shifts"),
                Problem::CountOutOfRange {
                    min: 1,
                    max: count(MAX_SHIFTS),
                    found: count(shifts.len()),
                },
            );
        }
        for (i, shift) in shifts.iter().enumerate() {
            let sp = format!("{p}.shifts[{i}]");
            if shift.days.is_empty() || shift.days.len() > 7 {
                self.push(
                    format!("{sp}.days"),
                    Problem::CountOutOfRange {
                        min: 1,
                        max: 7,
                        found: count(shift.days.len()),
                    },
                );
            }
            for (j, day) in shift.days.iter().enumerate() {
                if shift.days[..j].contains(day) {
                    self.push(format!("{sp}.days[{j}]"), Problem::RepeatedDay);
                }
            }
            if shift.from >= 1440 {
                self.push(format!("{sp}.from"), Problem::EndOfDayAsStart);
            } else if shift.to > 1440 {
                self.push(format!("{sp}.to"), Problem::NotATime);
            } else if shift.to <= shift.from {
                self.push(format!("{sp}.to"), Problem::NotAfterStart);
            }
            self.integer(&format!("{sp}.people"), shift.people, 1, MAX_PEOPLE);
        }
        self.range(
            &format!("{p}.minutes_per_lead"),
            capacity.minutes_per_lead,
            0.0,
            false,
            MAX_MINUTES_PER_LEAD,
            true,
            false,
        );
        self.range(
            &format!("{p}.minutes_per_retry"),
            capacity.minutes_per_retry,
            0.0,
            true,
            MAX_MINUTES_PER_RETRY,
            true,
            false,
        );
        self.range(
            &format!("{p}.reaction_minutes"),
            capacity.reaction_minutes,
            0.0,
            true,
            MAX_REACTION_MINUTES,
            true,
            false,
        );
        self.range(
            &format!("{p}.cost_per_person_hour"),
            capacity.cost_per_person_hour,
            0.0,
            true,
            MAX_MONEY,
            true,
            false,
        );
    }

    /// First responses alone must need less than 95% of the staffed time (MODEL.md §7), else
    /// waits grow without bound: an error at `{p}.capacity.shifts`.
    fn load(&mut self, p: &str, capacity: &Capacity, lambda: f64) {
        let staffed = capacity.person_minutes();
        let needed = lambda * capacity.minutes_per_lead;
        if needed >= MAX_LOAD * staffed {
            self.push(
                format!("{p}.capacity.shifts"),
                Problem::Overloaded {
                    staffed_hours: staffed / 60.0,
                    needed_hours: needed / 60.0,
                },
            );
        }
    }

    fn contact(&mut self, p: &str, contact: &Contact) {
        self.positive_fraction(&format!("{p}.first_attempt"), contact.first_attempt);
        self.positive_fraction(&format!("{p}.attempt_decay"), contact.attempt_decay);
        let curve = &contact.response_curve;
        if curve.is_empty() || curve.len() > MAX_CURVE_POINTS {
            self.push(
                format!("{p}.response_curve"),
                Problem::CountOutOfRange {
                    min: 1,
                    max: count(MAX_CURVE_POINTS),
                    found: count(curve.len()),
                },
            );
        }
        for (j, &(minutes, factor)) in curve.iter().enumerate() {
            let mp = format!("{p}.response_curve[{j}][0]");
            let fp = format!("{p}.response_curve[{j}][1]");
            let before = self.errors.len();
            self.range(&mp, minutes, 0.0, false, MAX_CURVE_MINUTES, true, false);
            let minutes_ok = self.errors.len() == before;
            let before = self.errors.len();
            self.positive_fraction(&fp, factor);
            let factor_ok = self.errors.len() == before;
            if let Some(&(prev_minutes, prev_factor)) = j.checked_sub(1).and_then(|k| curve.get(k))
            {
                // Compare only finite neighbours, so one bad number yields one error.
                if minutes_ok && prev_minutes.is_finite() && minutes <= prev_minutes {
                    self.push(mp, Problem::NotIncreasing);
                }
                if factor_ok && prev_factor.is_finite() && factor > prev_factor {
                    self.push(fp, Problem::Increasing);
                }
            }
        }
    }

    fn simulation(&mut self, p: &str, s: &Simulation) {
        self.integer(&format!("{p}.runs"), s.runs, 1, MAX_RUNS);
        self.range(
            &format!("{p}.volume_cv"),
            s.volume_cv,
            0.0,
            true,
            MAX_VOLUME_CV,
            true,
            false,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::default_scenario;

    fn paths(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.path.as_str()).collect()
    }

    #[test]
    fn default_scenario_is_valid() {
        assert_eq!(default_scenario().validate(), vec![]);
    }

    #[test]
    fn reports_every_violation_with_its_path() {
        let mut s = default_scenario();
        s.sources[2].conversion_now = 1.5;
        s.process_now.attempts = 0;
        s.seasonality[3] = -1.0;
        s.contact.response_curve[1].0 = 3.0;
        s.simulation.volume_cv = f64::NAN;
        s.sources[4].name = "Website".into();
        let e = s.validate();
        assert_eq!(
            paths(&e),
            vec![
                "seasonality[3]",
                "sources[2].conversion_now",
                "sources[4].name",
                "process_now.attempts",
                "contact.response_curve[1][0]",
                "simulation.volume_cv",
            ]
        );
        assert_eq!(
            e[0].to_string(),
            "seasonality[3]: must be between 0 and 1000000"
        );
        assert_eq!(
            e[1].to_string(),
            "sources[2].conversion_now: must be between 0% and 100%"
        );
        assert_eq!(e[2].problem, Problem::Duplicate { first: 0 });
        assert_eq!(e[5].problem, Problem::NotFinite);
    }

    #[test]
    fn no_follow_up_with_conversion_is_an_input_error() {
        let mut s = default_scenario();
        s.process_now.follow_up_rate = 0.0;
        let e = s.validate();
        assert_eq!(paths(&e), vec!["process_now.follow_up_rate"]);
        for src in &mut s.sources {
            src.conversion_now = 0.0;
        }
        assert_eq!(s.validate(), vec![]);
    }

    #[test]
    fn seasonality_count_and_zero_sum() {
        let mut s = default_scenario();
        s.seasonality = vec![0.0; 11];
        let e = s.validate();
        assert_eq!(
            e,
            vec![
                FieldError::new(
                    "seasonality",
                    Problem::WrongCount {
                        expected: 12,
                        found: 11
                    }
                ),
                FieldError::new("seasonality", Problem::ZeroSum),
            ]
        );
    }

    #[test]
    fn curve_factor_must_not_increase() {
        let mut s = default_scenario();
        s.contact.response_curve[2].1 = 0.95;
        assert_eq!(
            s.validate(),
            vec![FieldError::new(
                "contact.response_curve[2][1]",
                Problem::Increasing
            )]
        );
    }

    #[test]
    fn newer_version_in_memory_is_refused() {
        let mut s = default_scenario();
        s.version = CURRENT_VERSION + 1;
        assert_eq!(paths(&s.validate()), vec!["version"]);
        // Version 1 in memory (the derived deserializer of a version-1 document) means what it
        // meant; version 0 never existed.
        s.version = 1;
        assert_eq!(s.validate(), vec![]);
        s.version = 0;
        assert_eq!(paths(&s.validate()), vec!["version"]);
    }
}
