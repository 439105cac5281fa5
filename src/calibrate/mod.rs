//! Calibration from a lead export (MODEL.md §9): a CRM's export of leads, one row per lead, is
//! turned into the scenario's sources and today's process, plus a report of what was found.
//!
//! Pure: bytes in, values out; no clock, no I/O, no browser crates, so the page can run it in a
//! Web Worker and the `leadplan calibrate` command natively.
//!
//! ```text
//! bytes ─ decode (UTF-8 / BOM / Windows-1252) ─ table (delimiter, RFC 4180) ─┐
//!       └ xlsx (ZIP or OLE magic: calamine, first sheet) ────────────────────┴─ leads (headers,
//!         status, time; compact rows) ─ derive (E, span, rates, interval, quantiles, KS,
//!         arrivals, seasonality) ─ report (Report, Calibration::apply_*)
//! ```
//!
//! [`calibrate`] reads a whole file; [`calibrate_with_progress`] also reports progress every
//! few thousand rows. [`Options`] lets the user choose the column of a field and map status
//! values the lists do not know. Memory: the decoded text (borrowed when the file is UTF-8)
//! plus about 100 bytes per row, well under three times the file for any real export.
//!
//! The choices §9 leaves open are documented in [`mod@derive`] and on the [`report`] types.
#![deny(missing_docs)]

pub mod beta;
pub mod decode;
pub mod derive;
pub mod headers;
pub mod leads;
pub mod report;
pub mod status;
pub mod table;
pub mod time;
pub mod warm;
pub mod xlsx;

use std::fmt;

pub use headers::{Column, Field};
pub use report::{Calibration, Problem, ProblemKind, Report};
pub use status::StatusGroup;

/// The user's choices for reading an export.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Columns chosen by the user, overriding the header aliases.
    pub columns: Vec<(Field, Column)>,
    /// Status values mapped by the user (matched ignoring case, accents, spaces and
    /// punctuation), before MODEL.md's lists.
    pub status_map: Vec<(String, StatusGroup)>,
}

/// How far reading has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Bytes of the (decoded) text read so far.
    pub bytes_read: u64,
    /// Bytes in all.
    pub total_bytes: u64,
    /// Data rows read so far.
    pub rows: u64,
}

/// Why a file gives no calibration at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CalibrateError {
    /// No bytes, or only white space.
    Empty,
    /// Not text: it holds NUL bytes, and is no spreadsheet.
    Binary,
    /// A spreadsheet (ZIP or OLE file) that could not be read.
    Spreadsheet(String),
    /// The header has no column for these required fields.
    MissingColumns {
        /// The required fields without a column (source, created).
        missing: Vec<Field>,
        /// The file's headers.
        headers: Vec<String>,
    },
    /// A header and no data row.
    OnlyHeader,
    /// Rows, but none usable.
    NoUsableRow {
        /// Data rows.
        rows: u64,
        /// Rows without a readable source or created.
        invalid: u64,
        /// Rows with an id seen before.
        duplicates: u64,
        /// Rows of an excluded status.
        excluded: u64,
        /// The first reason a row was invalid.
        first_reason: Option<String>,
    },
}

impl fmt::Display for CalibrateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CalibrateError::Empty => write!(f, "the file is empty"),
            CalibrateError::Binary => write!(
                f,
                "not a text export (the file holds binary data); export the leads as CSV or .xlsx"
            ),
            CalibrateError::Spreadsheet(why) => write!(f, "cannot read the spreadsheet: {why}"),
            CalibrateError::MissingColumns { missing, headers } => {
                let names: Vec<String> = missing
                    .iter()
                    .map(|field| {
                        format!(
                            "no {} column (expected one of: {})",
                            field.name(),
                            field.aliases().join(", ")
                        )
                    })
                    .collect();
                let shown: Vec<&str> = headers.iter().take(20).map(String::as_str).collect();
                write!(
                    f,
                    "{}; the headers are: {}",
                    names.join("; "),
                    shown.join(", ")
                )
            }
            CalibrateError::OnlyHeader => write!(f, "the file has a header but no lead rows"),
            CalibrateError::NoUsableRow {
                rows,
                invalid,
                duplicates,
                excluded,
                first_reason,
            } => {
                write!(
                    f,
                    "no usable row: of {rows} rows, {invalid} lack a readable source or created \
                     date, {duplicates} repeat an earlier id, {excluded} have an excluded status"
                )?;
                if let Some(r) = first_reason {
                    write!(f, " (first: {r})")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for CalibrateError {}

/// A length as u32 (saturating).
pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Calibrates from the bytes of an export (CSV/TSV text or a spreadsheet).
pub fn calibrate(bytes: &[u8], options: &Options) -> Result<Calibration, CalibrateError> {
    calibrate_with_progress(bytes, options, &mut |_| {})
}

/// [`calibrate`], calling `progress` every [`table::PROGRESS_EVERY`] rows and at the end.
pub fn calibrate_with_progress(
    bytes: &[u8],
    options: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<Calibration, CalibrateError> {
    let mut collector = leads::Collector::new(options);
    if xlsx::is_spreadsheet(bytes) {
        xlsx::read(bytes, &mut collector, progress).map_err(CalibrateError::Spreadsheet)?;
    } else {
        let (text, _) = decode::decode(bytes);
        if text.trim().is_empty() {
            return Err(CalibrateError::Empty);
        }
        if text.contains('\0') {
            return Err(CalibrateError::Binary);
        }
        // One row per line at most (quoted line breaks make fewer): room for all at once.
        collector.reserve(text.bytes().filter(|&b| b == b'\n').count() + 1);
        table::read(&text, &mut collector, progress);
    }
    if !collector.has_header {
        return Err(CalibrateError::Empty);
    }
    let missing: Vec<Field> = [Field::Source, Field::Created]
        .into_iter()
        .filter(|&f| collector.mapping[f as usize].is_none())
        .collect();
    if !missing.is_empty() {
        return Err(CalibrateError::MissingColumns {
            missing,
            headers: collector.header.clone(),
        });
    }
    derive::finish(collector)
}
