//! Importing from a CRM (MODEL.md §9) on the page: what the import panel and its worker (both
//! the importer's bundle, `src/bin/importer.rs`; the planner links neither) say to each other,
//! as JSON, and the pure logic on either side.
//!
//! The panel sends the user's choices ([`ImportChoices`]) with the file and receives a
//! [`Preview`] or an [`ImportFailure`]; on Apply it sends the planner's scenario and the ticked
//! [`Group`]s and receives the scenario with them written in, which the planner applies as one
//! undoable step ([`super::Action::ApplyImport`]). The functions that read a [`Calibration`]
//! ([`Preview::of`], [`ImportFailure::of`], [`ImportChoices::options`], [`apply_groups`]) run in
//! the worker only.

use serde::{Deserialize, Serialize};

use crate::calibrate::headers::FIELDS;
use crate::calibrate::{CalibrateError, Calibration, Column, Field, Options, StatusGroup};
use crate::model::contact::Z90;

/// Sources with fewer decided leads than this have an uncertain conversion (MODEL.md §9's
/// `few_decided_leads`): the page marks them.
pub const FEW_DECIDED: u64 = 30;

/// How many problem rows the page lists per problem (the report keeps the first five).
pub const SHOWN_ROWS: usize = 5;

/// The groups of derived inputs the user can apply, each on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// The lead sources: names, leads per month, conversion today.
    Sources,
    /// Today's follow-up: rate, response median and spread, attempts.
    FollowUp,
    /// The 168 hour-of-week arrival counts.
    Arrivals,
    /// The monthly seasonality (with 12 whole months of data).
    Seasonality,
}

impl Group {
    /// Every group, in the page's order.
    pub const ALL: [Group; 4] = [
        Group::Sources,
        Group::FollowUp,
        Group::Arrivals,
        Group::Seasonality,
    ];
}

/// The number of fields a column can be chosen for ([`FIELDS`]).
pub const FIELD_COUNT: usize = FIELDS.len();

/// A field's name in [`FIELDS`] order (`source`, `created`, …).
pub fn field_name(index: usize) -> &'static str {
    FIELDS.get(index).map_or("", |f| f.name())
}

/// A status group by its snake_case name.
fn status_group(name: &str) -> Option<StatusGroup> {
    match name {
        "sold" => Some(StatusGroup::Sold),
        "lost" => Some(StatusGroup::Lost),
        "open" => Some(StatusGroup::Open),
        "excluded" => Some(StatusGroup::Excluded),
        _ => None,
    }
}

/// The status groups' snake_case names, in the page's order.
pub const STATUS_GROUPS: [&str; 4] = ["sold", "lost", "open", "excluded"];

/// The user's choice of column for one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnChoice {
    /// The column at this 0-based position of the header.
    Index(u32),
    /// Do not read the field.
    Ignore,
}

/// What the user chose while previewing: columns per field and groups for unknown statuses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportChoices {
    /// (index into [`FIELDS`], choice); a field not listed keeps its detected column.
    pub columns: Vec<(u32, ColumnChoice)>,
    /// (status value as in the file, group name of [`STATUS_GROUPS`]).
    pub status_map: Vec<(String, String)>,
}

impl ImportChoices {
    /// Sets (or, with `None`, forgets) the choice for field `index`.
    pub fn set_column(&mut self, index: u32, choice: Option<ColumnChoice>) {
        self.columns.retain(|(i, _)| *i != index);
        if let Some(c) = choice {
            self.columns.push((index, c));
            self.columns.sort_by_key(|(i, _)| *i);
        }
    }

    /// Maps (or, with `None`, unmaps) a status value.
    pub fn set_status(&mut self, value: &str, group: Option<&str>) {
        self.status_map.retain(|(v, _)| v != value);
        if let Some(g) = group.filter(|g| STATUS_GROUPS.contains(g)) {
            self.status_map.push((value.to_string(), g.to_string()));
        }
    }

    /// The group chosen for a status value, if any.
    pub fn status(&self, value: &str) -> Option<&str> {
        self.status_map
            .iter()
            .find(|(v, _)| v == value)
            .map(|(_, g)| g.as_str())
    }

    /// The calibration's options (in the worker).
    pub fn options(&self) -> Options {
        Options {
            columns: self
                .columns
                .iter()
                .filter_map(|(i, c)| {
                    let field: Field = *FIELDS.get(*i as usize)?;
                    let column = match c {
                        ColumnChoice::Index(n) => Column::Index(*n),
                        ColumnChoice::Ignore => Column::Ignore,
                    };
                    Some((field, column))
                })
                .collect(),
            status_map: self
                .status_map
                .iter()
                .filter_map(|(v, g)| Some((v.clone(), status_group(g)?)))
                .collect(),
        }
    }
}

/// One source as derived.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourcePreview {
    /// The name as in the file.
    pub name: String,
    /// Used leads.
    pub leads: u64,
    /// Leads sold, lost, or older than 60 days.
    pub decided: u64,
    /// Leads sold.
    pub sold: u64,
    /// sold ÷ decided; `None` when nothing is decided.
    pub conversion: Option<f64>,
    /// The 90% interval of the conversion.
    pub interval: [f64; 2],
    /// Leads per month.
    pub leads_per_month: f64,
}

impl SourcePreview {
    /// Whether its conversion rests on too few decided leads to trust ([`FEW_DECIDED`]).
    pub fn uncertain(&self) -> bool {
        self.decided < FEW_DECIDED
    }
}

/// One problem of the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProblemPreview {
    /// The kind's snake_case name (MODEL.md §9).
    pub kind: String,
    /// How many rows (or sources).
    pub count: u64,
    /// The first row numbers (file lines, the header being line 1).
    pub rows: Vec<u32>,
    /// The values concerned.
    pub values: Vec<String>,
}

/// The response times in the data against the fitted log-normal, per bin of a logarithmic
/// time axis.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResponseFit {
    /// Bin edges in minutes, ascending (one more than the bins).
    pub edges: Vec<f64>,
    /// Share of the times in each bin.
    pub data: Vec<f64>,
    /// Share the fitted log-normal puts in each bin.
    pub fitted: Vec<f64>,
    /// Median of the fit, minutes.
    pub median: f64,
    /// p90 ÷ median of the fit.
    pub spread: f64,
}

/// Bins of a response fit.
pub const FIT_BINS: usize = 24;

/// The log-normal with this median and spread (p90 ÷ median): its share at or below `t`.
pub fn lognormal_cdf(t: f64, median: f64, spread: f64) -> f64 {
    let sigma = spread.ln() / Z90;
    if t <= 0.0 {
        0.0
    } else if sigma > 0.0 {
        0.5 * (1.0 + libm::erf((t / median).ln() / (sigma * std::f64::consts::SQRT_2)))
    } else if t >= median {
        1.0
    } else {
        0.0
    }
}

impl ResponseFit {
    /// The fit of sorted positive `times` (minutes) with `median` and `spread`; `None` without
    /// times.
    pub fn of(times: &[f64], median: f64, spread: f64) -> Option<ResponseFit> {
        let lo = times.iter().copied().find(|t| *t > 0.0 && t.is_finite())?;
        let hi = times.iter().copied().rfind(|t| t.is_finite())?;
        // Whole powers of ten around the data, at least one decade.
        let (a, mut b) = (lo.log10().floor(), hi.log10().ceil());
        if b <= a {
            b = a + 1.0;
        }
        let edges: Vec<f64> = (0..=FIT_BINS)
            .map(|i| 10f64.powf(a + (b - a) * i as f64 / FIT_BINS as f64))
            .collect();
        let n = times.len() as f64;
        let mut counts = [0u64; FIT_BINS];
        for &t in times {
            if t > 0.0 && t.is_finite() {
                let k = edges[1..].partition_point(|e| *e <= t).min(FIT_BINS - 1);
                counts[k] += 1;
            }
        }
        let data = counts.iter().map(|&c| c as f64 / n).collect();
        let fitted = edges
            .windows(2)
            .map(|w| lognormal_cdf(w[1], median, spread) - lognormal_cdf(w[0], median, spread))
            .collect();
        Some(ResponseFit {
            edges,
            data,
            fitted,
            median,
            spread,
        })
    }
}

/// What a file gives, for the preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    /// Data rows.
    pub rows: u64,
    /// Rows that count.
    pub used: u64,
    /// Days from the earliest lead to the export time.
    pub span_days: f64,
    /// `day_first` or `month_first`.
    pub date_order: String,
    /// The file's header.
    pub headers: Vec<String>,
    /// The column each field was read from ([`FIELDS`] order).
    pub columns: Vec<Option<u32>>,
    /// Per source, most leads first.
    pub sources: Vec<SourcePreview>,
    /// Follow-up rate.
    pub follow_up_rate: Option<f64>,
    /// Response times counted.
    pub contacted: u64,
    /// Median response minutes.
    pub median_minutes: Option<f64>,
    /// p90 response minutes.
    pub p90_minutes: Option<f64>,
    /// p90 ÷ median.
    pub spread: Option<f64>,
    /// Kolmogorov–Smirnov distance of the fit.
    pub ks_distance: Option<f64>,
    /// Median attempts.
    pub attempts: Option<u32>,
    /// The report's problems.
    pub problems: Vec<ProblemPreview>,
    /// Status values none of the lists knows.
    pub unmapped: Vec<String>,
    /// 168 hour-of-week counts.
    pub arrivals: Vec<f64>,
    /// Mean leads per calendar month, with 12 whole months.
    pub seasonality: Option<Vec<f64>>,
    /// The response times against their fit.
    pub fit: Option<ResponseFit>,
}

/// Most unknown status values offered for mapping.
pub const MAX_UNMAPPED: usize = 40;

impl Preview {
    /// The preview of a calibration (in the worker).
    pub fn of(c: &Calibration) -> Preview {
        let r = &c.report;
        Preview {
            rows: r.rows,
            used: r.used,
            span_days: r.span_days,
            date_order: r.date_order.to_string(),
            headers: c.headers.clone(),
            columns: c
                .mapping
                .iter()
                .map(|m| m.and_then(|i| u32::try_from(i).ok()))
                .collect(),
            sources: r
                .sources
                .iter()
                .map(|s| SourcePreview {
                    name: s.name.clone(),
                    leads: s.leads,
                    decided: s.decided,
                    sold: s.sold,
                    conversion: s.conversion,
                    interval: s.interval,
                    leads_per_month: s.leads_per_month,
                })
                .collect(),
            follow_up_rate: r.follow_up_rate,
            contacted: r.response.contacted,
            median_minutes: r.response.median_minutes,
            p90_minutes: r.response.p90_minutes,
            spread: r.response.spread,
            ks_distance: r.response.ks_distance,
            attempts: r.attempts,
            problems: r
                .problems
                .iter()
                .map(|p| ProblemPreview {
                    kind: kind_name(p.kind),
                    count: p.count,
                    rows: p.rows.iter().take(SHOWN_ROWS).copied().collect(),
                    values: p.values.clone(),
                })
                .collect(),
            unmapped: c
                .unmapped_status
                .iter()
                .take(MAX_UNMAPPED)
                .cloned()
                .collect(),
            arrivals: c.arrivals.iter().map(|&n| n as f64).collect(),
            seasonality: c.seasonality.map(|w| w.to_vec()),
            fit: c.response.as_ref().and_then(|resp| {
                ResponseFit::of(&c.response_times, resp.median_minutes, resp.spread)
            }),
        }
    }
}

/// A problem kind's snake_case name, as the report writes it.
fn kind_name(kind: crate::calibrate::ProblemKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Why a file gives nothing ([`CalibrateError`], as the page words it in either language).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportFailure {
    /// No bytes, or only white space.
    Empty,
    /// Binary data, no spreadsheet.
    Binary,
    /// A spreadsheet that could not be read (the reader's own words).
    Spreadsheet(String),
    /// Required fields without a column.
    MissingColumns {
        /// Field names (`source`, `created`).
        missing: Vec<String>,
        /// The file's header.
        headers: Vec<String>,
    },
    /// A header and no row.
    OnlyHeader,
    /// Rows, none usable.
    NoUsableRow {
        /// Data rows.
        rows: u64,
        /// Rows without a readable source or created.
        invalid: u64,
        /// Rows repeating an id.
        duplicates: u64,
        /// Rows of an excluded status.
        excluded: u64,
        /// The first reason.
        first_reason: Option<String>,
    },
    /// The browser could not read the file (its words).
    Unreadable(String),
}

impl ImportFailure {
    /// The failure of a calibration error (in the worker).
    pub fn of(e: &CalibrateError) -> ImportFailure {
        match e {
            CalibrateError::Empty => ImportFailure::Empty,
            CalibrateError::Binary => ImportFailure::Binary,
            CalibrateError::Spreadsheet(why) => ImportFailure::Spreadsheet(why.clone()),
            CalibrateError::MissingColumns { missing, headers } => ImportFailure::MissingColumns {
                missing: missing.iter().map(|f| f.name().to_string()).collect(),
                headers: headers.clone(),
            },
            CalibrateError::OnlyHeader => ImportFailure::OnlyHeader,
            CalibrateError::NoUsableRow {
                rows,
                invalid,
                duplicates,
                excluded,
                first_reason,
            } => ImportFailure::NoUsableRow {
                rows: *rows,
                invalid: *invalid,
                duplicates: *duplicates,
                excluded: *excluded,
                first_reason: first_reason.clone(),
            },
        }
    }

    /// The file's header, when the failure knows it (the user may then choose columns).
    pub fn headers(&self) -> Option<&[String]> {
        match self {
            ImportFailure::MissingColumns { headers, .. } => Some(headers),
            _ => None,
        }
    }
}

/// `scenario` (JSON) with the ticked groups of `c` written in (in the worker).
pub fn apply_groups(
    c: &Calibration,
    scenario: &serde_json::Value,
    groups: &[Group],
) -> serde_json::Value {
    let mut s = scenario.clone();
    for g in Group::ALL.iter().filter(|g| groups.contains(g)) {
        match g {
            Group::Sources => c.apply_sources(&mut s),
            Group::FollowUp => c.apply_follow_up(&mut s),
            Group::Arrivals => c.apply_arrivals(&mut s),
            Group::Seasonality => c.apply_seasonality(&mut s),
        }
    }
    s
}

/// A message from the planner to the import worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToWorker {
    /// Read the file sent alongside (as the message's `file`), with these choices.
    Read {
        /// The request's number; answers carry it.
        id: u32,
        /// The user's choices.
        choices: ImportChoices,
    },
    /// Write the ticked groups of the last calibration into this scenario.
    Apply {
        /// The request's number.
        id: u32,
        /// The scenario, as its JSON text.
        scenario: String,
        /// The groups.
        groups: Vec<Group>,
    },
}

/// A message from the import worker to the planner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker has started and takes requests.
    Ready,
    /// Reading is under way.
    Progress {
        /// The request.
        id: u32,
        /// Rows read.
        rows: u64,
        /// Bytes read.
        bytes_read: u64,
        /// Bytes in all.
        total_bytes: u64,
    },
    /// The file's preview.
    Done {
        /// The request.
        id: u32,
        /// What it gives.
        preview: Box<Preview>,
        /// Worker time, milliseconds.
        elapsed_ms: f64,
        /// The worker's WebAssembly memory after the read, bytes: its peak, as WebAssembly
        /// memory only grows (the file's own bytes in the worker's JavaScript heap come on top).
        memory_bytes: f64,
    },
    /// The file gives nothing.
    Failed {
        /// The request.
        id: u32,
        /// Why.
        failure: ImportFailure,
    },
    /// The scenario with the groups applied, as JSON text.
    Applied {
        /// The request.
        id: u32,
        /// The scenario.
        scenario: String,
    },
    /// The warm-up the worker runs before the first file came to its end (a request ends it
    /// early, without this message): see `calibrate::warm`.
    Warmed {
        /// Samples read.
        steps: u32,
        /// Worker time they took, milliseconds.
        ms: f64,
    },
}

/// The share (0..=1) of a progress report, by bytes.
pub fn progress_share(bytes_read: u64, total_bytes: u64) -> f64 {
    if total_bytes == 0 {
        0.0
    } else {
        (bytes_read as f64 / total_bytes as f64).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calibrate::calibrate;

    const CSV: &str = "\u{feff}Bron;Aanmaakdatum;Eerste contact;Status;Kanaal\r\n\
        Website;02-03-2026 09:00;02-03-2026 09:30;Verkocht;Mail\r\n\
        Website;03-03-2026 10:00;03-03-2026 12:00;Verloren;Mail\r\n\
        Marktplaats;04-03-2026 11:00;04-03-2026 11:05;Proefrit;Telefoon\r\n\
        Marktplaats;05-03-2026 11:00;;Open;Telefoon\r\n";

    fn preview(choices: &ImportChoices) -> Preview {
        Preview::of(&calibrate(CSV.as_bytes(), &choices.options()).expect("calibrates"))
    }

    #[test]
    fn the_preview_shows_the_detected_columns_and_unknown_statuses() {
        let p = preview(&ImportChoices::default());
        assert_eq!(p.headers[0], "Bron");
        assert_eq!(p.columns[0], Some(0), "source from Bron");
        assert_eq!(p.columns[1], Some(1), "created from Aanmaakdatum");
        assert_eq!(p.unmapped, vec!["Proefrit".to_string()]);
        assert_eq!(p.rows, 4);
        assert_eq!(p.arrivals.len(), 168);
        let names: Vec<&str> = p.sources.iter().map(|s| s.name.as_str()).collect();
        assert!(names.contains(&"Website") && names.contains(&"Marktplaats"));
        assert!(
            p.sources.iter().all(SourcePreview::uncertain),
            "4 leads are few"
        );
        assert!(p.problems.iter().any(|x| x.kind == "unmapped_status"));
    }

    #[test]
    fn a_chosen_column_and_a_mapped_status_change_the_figures() {
        let mut choices = ImportChoices::default();
        // The source from the fifth column (Kanaal): Mail and Telefoon.
        choices.set_column(0, Some(ColumnChoice::Index(4)));
        let p = preview(&choices);
        let names: Vec<&str> = p.sources.iter().map(|s| s.name.as_str()).collect();
        assert!(
            names.contains(&"Mail") && names.contains(&"Telefoon"),
            "{names:?}"
        );
        assert_eq!(p.columns[0], Some(4));
        // Proefrit counted as sold: Telefoon then has a sale.
        choices.set_status("Proefrit", Some("sold"));
        let p = preview(&choices);
        assert!(p.unmapped.is_empty() || !p.problems.iter().any(|x| x.kind == "unmapped_status"));
        let tel = p.sources.iter().find(|s| s.name == "Telefoon").unwrap();
        assert_eq!(tel.sold, 1);
        // Forgetting the choices goes back to the detection.
        choices.set_column(0, None);
        choices.set_status("Proefrit", None);
        assert_eq!(choices, ImportChoices::default());
        assert_eq!(preview(&choices).columns[0], Some(0));
    }

    #[test]
    fn ignoring_a_required_column_says_which() {
        let mut choices = ImportChoices::default();
        choices.set_column(1, Some(ColumnChoice::Ignore));
        let e = calibrate(CSV.as_bytes(), &choices.options()).unwrap_err();
        let f = ImportFailure::of(&e);
        assert!(
            matches!(&f, ImportFailure::MissingColumns { missing, .. } if missing == &["created".to_string()])
        );
        assert_eq!(f.headers().map(<[String]>::len), Some(5));
    }

    #[test]
    fn messages_read_back() {
        let mut choices = ImportChoices::default();
        choices.set_column(2, Some(ColumnChoice::Ignore));
        choices.set_status("Proefrit", Some("lost"));
        choices.set_status("Other", Some("no such group"));
        assert_eq!(choices.status("Proefrit"), Some("lost"));
        assert_eq!(choices.status("Other"), None);
        let m = ToWorker::Read { id: 3, choices };
        let text = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<ToWorker>(&text).unwrap(), m);
        let p = preview(&ImportChoices::default());
        let done = FromWorker::Done {
            id: 3,
            preview: Box::new(p),
            elapsed_ms: 1.5,
            memory_bytes: 2e7,
        };
        let text = serde_json::to_string(&done).unwrap();
        // serde_json's own float reading may differ in the last bit: the page only shows them.
        let Ok(FromWorker::Done { id, preview, .. }) = serde_json::from_str::<FromWorker>(&text)
        else {
            panic!("not read back: {text}");
        };
        let FromWorker::Done { preview: sent, .. } = done else {
            unreachable!()
        };
        assert_eq!(id, 3);
        assert_eq!(
            (&preview.headers, &preview.columns, &preview.unmapped),
            (&sent.headers, &sent.columns, &sent.unmapped)
        );
        for (a, b) in preview.sources.iter().zip(&sent.sources) {
            assert_eq!((&a.name, a.leads, a.decided), (&b.name, b.leads, b.decided));
            assert!((a.interval[1] - b.interval[1]).abs() < 1e-12);
        }
        assert_eq!(preview.fit.map(|f| f.data), sent.fit.map(|f| f.data));
    }

    #[test]
    fn applying_groups_writes_only_those() {
        let c = calibrate(CSV.as_bytes(), &Options::default()).unwrap();
        let base: serde_json::Value =
            serde_json::from_str(&crate::model::presets::default_scenario().to_json()).unwrap();
        let only_sources = apply_groups(&c, &base, &[Group::Sources]);
        assert_ne!(only_sources["sources"], base["sources"]);
        assert_eq!(only_sources["process_now"], base["process_now"]);
        assert!(only_sources.get("arrivals").is_none());
        let all = apply_groups(&c, &base, &Group::ALL);
        assert_eq!(
            all,
            c.scenario(&base),
            "every group is the command's scenario"
        );
    }

    #[test]
    fn the_fit_bins_hold_every_time_and_the_fitted_mass() {
        let times: Vec<f64> = (1..=200).map(|i| f64::from(i) * 1.5).collect();
        let fit = ResponseFit::of(&times, 100.0, 3.0).unwrap();
        assert_eq!(fit.edges.len(), FIT_BINS + 1);
        let data: f64 = fit.data.iter().sum();
        assert!((data - 1.0).abs() < 1e-9, "{data}");
        let fitted: f64 = fit.fitted.iter().sum();
        assert!(fitted > 0.9 && fitted <= 1.0 + 1e-9, "{fitted}");
        assert!(ResponseFit::of(&[], 1.0, 2.0).is_none());
        assert!((lognormal_cdf(100.0, 100.0, 3.0) - 0.5).abs() < 1e-12);
        assert!((lognormal_cdf(300.0, 100.0, 3.0) - 0.9).abs() < 1e-9);
    }

    #[test]
    fn progress_is_a_share_of_the_bytes() {
        assert_eq!(progress_share(0, 0), 0.0);
        assert_eq!(progress_share(50, 200), 0.25);
        assert_eq!(progress_share(300, 200), 1.0);
    }
}
