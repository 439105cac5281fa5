//! The leads of an export, kept compactly: one [`Lead`] per row with only the fields the
//! calibration needs (sources interned, ids kept as 64-bit hashes), so memory stays a small
//! multiple of the file.

use std::collections::HashMap;

use super::headers::{Field, Mapping, map_columns};
use super::status::{StatusGroup, sold_flag, status_group};
use super::table::RowSink;
use super::time::{self, OrderEvidence, Stamp};
use super::{Column, Options};

/// "None" for the interned indices.
pub const NONE: u32 = u32::MAX;

/// Flags of optional fields whose value could not be read.
pub mod bad {
    /// First contact is not a timestamp.
    pub const FIRST_CONTACT: u8 = 1;
    /// Response minutes is neither a number nor a duration `h:mm[:ss]`.
    pub const RESPONSE_MINUTES: u8 = 2;
    /// Attempts is not a number ≥ 0.
    pub const ATTEMPTS: u8 = 4;
    /// The sold flag is not one of the known values.
    pub const SOLD: u8 = 8;
}

/// A lead's status as read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Status {
    /// A known group (or a mapping the user gave).
    Known(StatusGroup),
    /// A value none of the lists knows: its index in [`Collector::unmapped`]. Counts as open.
    Unmapped(u32),
}

/// One row of the export.
#[derive(Clone, Debug)]
pub struct Lead {
    /// Line number in the file.
    pub line: u32,
    /// Index into [`Collector::sources`], or [`NONE`] when the source is empty.
    pub source: u32,
    /// Index of the id among the file's distinct ids, or [`NONE`]. Ids are told apart by a
    /// 64-bit SipHash of their text (two different ids in a million-row file collide with a
    /// chance below 10⁻⁷), so the ids' text is not kept.
    pub id: u32,
    /// Created, as parsed (`None`: empty or not a timestamp).
    pub created: Option<Stamp>,
    /// First contact, as parsed.
    pub first_contact: Option<Stamp>,
    /// Response minutes (`NaN`: none).
    pub response_minutes: f64,
    /// Attempts (`NaN`: none).
    pub attempts: f64,
    /// Status.
    pub status: Status,
    /// The sold column says sold.
    pub sold_flag: bool,
    /// [`bad`] flags.
    pub bad: u8,
    /// `created` was given but could not be read.
    pub created_unreadable: bool,
}

/// Date-order evidence of the file, with the first rows of each kind.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    /// Rows with a value whose first field > 12.
    pub day_first: (u64, Vec<u32>),
    /// Rows with a value whose second field > 12.
    pub month_first: (u64, Vec<u32>),
    /// Rows with a value that reads differently in the two orders and cannot tell.
    pub ambiguous: (u64, Vec<u32>),
}

fn note(tally: &mut (u64, Vec<u32>), line: u32) {
    tally.0 += 1;
    if tally.1.len() < 5 {
        tally.1.push(line);
    }
}

/// Collects the leads of a table (a [`RowSink`]).
pub struct Collector<'o> {
    options: &'o Options,
    /// The header as read.
    pub header: Vec<String>,
    /// Column of each field.
    pub mapping: Mapping,
    /// Source names, in order of first appearance.
    pub sources: Vec<String>,
    source_index: HashMap<String, u32>,
    ids: HashMap<u64, u32>,
    status_cache: HashMap<String, Status>,
    /// Status values none of the lists knows, in order of first appearance.
    pub unmapped: Vec<String>,
    /// The rows.
    pub leads: Vec<Lead>,
    /// Date-order evidence.
    pub evidence: Evidence,
    /// Whether a header row was seen.
    pub has_header: bool,
}

impl<'o> Collector<'o> {
    /// An empty collector.
    pub fn new(options: &'o Options) -> Collector<'o> {
        Collector {
            options,
            header: Vec::new(),
            mapping: [None; 8],
            sources: Vec::new(),
            source_index: HashMap::new(),
            ids: HashMap::new(),
            status_cache: HashMap::new(),
            unmapped: Vec::new(),
            leads: Vec::new(),
            evidence: Evidence::default(),
            has_header: false,
        }
    }

    /// Makes room for about `rows` rows.
    pub fn reserve(&mut self, rows: usize) {
        self.leads.reserve_exact(rows);
    }

    /// The column header of `field`, if it is read.
    pub fn column(&self, field: Field) -> Option<&str> {
        self.mapping[field as usize].and_then(|i| self.header.get(i).map(String::as_str))
    }

    /// The date order the evidence decides (as [`crate::calibrate::derive::finish`] reads it).
    pub fn date_order_name(&self) -> &'static str {
        if self.evidence.month_first.0 > self.evidence.day_first.0 {
            "month first"
        } else {
            "day first"
        }
    }

    fn status(&mut self, value: &str) -> Status {
        if let Some(s) = self.status_cache.get(value) {
            return *s;
        }
        let s = match status_group(value, &self.options.status_map) {
            Some(g) => Status::Known(g),
            None => {
                self.unmapped.push(value.to_string());
                Status::Unmapped(super::count(self.unmapped.len() - 1))
            }
        };
        self.status_cache.insert(value.to_string(), s);
        s
    }

    /// Notes what a row's timestamps say about the date order (each kind once per row).
    fn note_evidence(&mut self, stamps: [Option<Stamp>; 2], line: u32) {
        let kinds: Vec<OrderEvidence> = stamps.iter().flatten().map(|s| s.evidence()).collect();
        let ev = &mut self.evidence;
        for (kind, tally) in [
            (OrderEvidence::Ambiguous, &mut ev.ambiguous),
            (OrderEvidence::ProvesDayFirst, &mut ev.day_first),
            (OrderEvidence::ProvesMonthFirst, &mut ev.month_first),
        ] {
            if kinds.contains(&kind) {
                note(tally, line);
            }
        }
    }
}

/// A number as exports write it: `12`, `12.5`, `12,5`, `1.234,5`, `1,234.5`; `None` otherwise.
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let last_dot = t.rfind('.');
    let last_comma = t.rfind(',');
    let cleaned: String = match (last_dot, last_comma) {
        (Some(d), Some(c)) if d > c => t.chars().filter(|&ch| ch != ',').collect(),
        (Some(_), Some(_)) => t
            .chars()
            .filter(|&ch| ch != '.')
            .map(|ch| if ch == ',' { '.' } else { ch })
            .collect(),
        (None, Some(_)) if t.matches(',').count() == 1 => t.replace(',', "."),
        (None, Some(_)) => return None,
        _ => t.to_string(),
    };
    if cleaned.is_empty()
        || !cleaned
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.".contains(&b))
    {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Response minutes: a number of minutes, or a duration `h:mm` / `h:mm:ss`.
pub fn parse_minutes(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.contains(':') {
        let (neg, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let parts: Vec<&str> = t.split(':').collect();
        if parts.len() > 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let v: Vec<f64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        if v.len() != parts.len() || v[1..].iter().any(|&x| x >= 60.0) {
            return None;
        }
        let minutes = v[0] * 60.0 + v[1] + v.get(2).map_or(0.0, |s| s / 60.0);
        return Some(if neg { -minutes } else { minutes });
    }
    parse_number(t)
}

impl RowSink for Collector<'_> {
    fn header(&mut self, fields: &[&str]) {
        self.header = fields.iter().map(|f| f.to_string()).collect();
        let overrides: &[(Field, Column)] = &self.options.columns;
        self.mapping = map_columns(fields, overrides);
        self.has_header = true;
    }

    fn row(&mut self, line: u32, fields: &[&str]) {
        let get = |f: Field| -> &str {
            self.mapping[f as usize]
                .and_then(|i| fields.get(i).copied())
                .unwrap_or("")
        };
        let (source_text, created_text, contact_text) = (
            get(Field::Source),
            get(Field::Created),
            get(Field::FirstContact),
        );
        let (minutes_text, attempts_text, status_text, sold_text, id_text) = (
            get(Field::ResponseMinutes),
            get(Field::Attempts),
            get(Field::Status),
            get(Field::Sold),
            get(Field::Id),
        );
        let mut bad = 0u8;
        let source = if source_text.is_empty() {
            NONE
        } else if let Some(&i) = self.source_index.get(source_text) {
            i
        } else {
            let i = super::count(self.sources.len());
            self.sources.push(source_text.to_string());
            self.source_index.insert(source_text.to_string(), i);
            i
        };
        let id = if id_text.is_empty() {
            NONE
        } else {
            let mut h = std::hash::DefaultHasher::new();
            std::hash::Hash::hash(id_text, &mut h);
            let next = super::count(self.ids.len());
            *self
                .ids
                .entry(std::hash::Hasher::finish(&h))
                .or_insert(next)
        };
        let stamp = |text: &str| -> Result<Option<Stamp>, ()> {
            if text.is_empty() {
                Ok(None)
            } else {
                time::parse(text).map(Some).ok_or(())
            }
        };
        let (created, created_unreadable) = match stamp(created_text) {
            Ok(s) => (s, false),
            Err(()) => (None, true),
        };
        let first_contact = stamp(contact_text).unwrap_or_else(|()| {
            bad |= bad::FIRST_CONTACT;
            None
        });
        self.note_evidence([created, first_contact], line);
        let response_minutes = if minutes_text.is_empty() {
            f64::NAN
        } else {
            parse_minutes(minutes_text).unwrap_or_else(|| {
                bad |= bad::RESPONSE_MINUTES;
                f64::NAN
            })
        };
        let attempts = if attempts_text.is_empty() {
            f64::NAN
        } else {
            match parse_number(attempts_text) {
                Some(a) if a >= 0.0 => a,
                _ => {
                    bad |= bad::ATTEMPTS;
                    f64::NAN
                }
            }
        };
        let status = self.status(status_text);
        let sold = sold_flag(sold_text).unwrap_or_else(|| {
            bad |= bad::SOLD;
            false
        });
        self.leads.push(Lead {
            line,
            source,
            id,
            created,
            first_contact,
            response_minutes,
            attempts,
            status,
            sold_flag: sold,
            bad,
            created_unreadable,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lead_is_small() {
        // About 100 bytes per row in all, with the id map: under three times a typical row.
        assert!(
            std::mem::size_of::<Lead>() <= 72,
            "{}",
            std::mem::size_of::<Lead>()
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("12"), Some(12.0));
        assert_eq!(parse_number("12,5"), Some(12.5));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("1,2,3"), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn minutes() {
        assert_eq!(parse_minutes("90"), Some(90.0));
        assert_eq!(parse_minutes("1:30"), Some(90.0));
        assert_eq!(parse_minutes("1:30:30"), Some(90.5));
        assert_eq!(parse_minutes("-0:05"), Some(-5.0));
        assert_eq!(parse_minutes("1:75"), None);
        assert_eq!(parse_minutes("1::"), None);
    }
}
