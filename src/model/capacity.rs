//! Who handles leads when (MODEL.md §7): shifts, the people on duty through the week, the
//! arrival profile, and the lead volume that enters the queue.
//!
//! A process with a [`Capacity`] has its response time from the queue of [`super::queue`]
//! instead of the typed median and spread of §2. Times of day are minutes after midnight in
//! memory and `"HH:MM"` text in the document (`"24:00"` only as an end).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::scenario::Scenario;

/// Minutes in a week, Monday 00:00 to Monday 00:00.
pub const WEEK_MINUTES: u32 = 7 * 1440;
/// Most shifts of one process.
pub const MAX_SHIFTS: usize = 50;
/// Most people on one shift.
pub const MAX_PEOPLE: u32 = 100;
/// Longest first response, in minutes.
pub const MAX_MINUTES_PER_LEAD: f64 = 240.0;
/// Longest further attempt, in minutes.
pub const MAX_MINUTES_PER_RETRY: f64 = 60.0;
/// Longest reaction time, in minutes (a day).
pub const MAX_REACTION_MINUTES: f64 = 1440.0;
/// Share of the staffed time first responses may need at most (below it, waits stay finite).
pub const MAX_LOAD: f64 = 0.95;

/// Default work of a first response: 8 minutes (Autotrader: about 10 minutes per lead in all,
/// with [`DEFAULT_REACTION_MINUTES`]).
pub const DEFAULT_MINUTES_PER_LEAD: f64 = 8.0;
/// Default work of a further attempt: 2 minutes.
pub const DEFAULT_MINUTES_PER_RETRY: f64 = 2.0;
/// Default time before a new lead can be picked up: 2 minutes.
pub const DEFAULT_REACTION_MINUTES: f64 = 2.0;
/// Default cost of a staffed hour: €25 (Dutch customer-service pay of €14.50–17.50 gross per
/// hour plus 35–55% employer costs).
pub const DEFAULT_COST_PER_PERSON_HOUR: f64 = 25.0;

/// A day of the week, Monday first; written `"mon"` … `"sun"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Day {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Day {
    /// Monday to Sunday.
    pub const ALL: [Day; 7] = [
        Day::Mon,
        Day::Tue,
        Day::Wed,
        Day::Thu,
        Day::Fri,
        Day::Sat,
        Day::Sun,
    ];

    /// 0 for Monday … 6 for Sunday.
    pub fn index(self) -> u32 {
        self as u32
    }

    /// The document's code: `"mon"` … `"sun"`.
    pub fn code(self) -> &'static str {
        match self {
            Day::Mon => "mon",
            Day::Tue => "tue",
            Day::Wed => "wed",
            Day::Thu => "thu",
            Day::Fri => "fri",
            Day::Sat => "sat",
            Day::Sun => "sun",
        }
    }

    /// Reads a [`Day::code`].
    pub fn from_code(code: &str) -> Option<Day> {
        Day::ALL.into_iter().find(|d| d.code() == code)
    }
}

/// People handling leads on some days, from `from` to `to` (minutes after midnight; the shift
/// covers [from, to) on each of its days).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shift {
    /// The days of the shift: non-empty, no day twice.
    pub days: Vec<Day>,
    /// Start, minutes after midnight (0..=1439), written `"HH:MM"`.
    #[serde(with = "time_of_day")]
    pub from: u32,
    /// End, minutes after midnight (1..=1440, after `from`), written `"HH:MM"` (`"24:00"`).
    #[serde(with = "time_of_day")]
    pub to: u32,
    /// People on duty (1..=100).
    pub people: u32,
}

impl Shift {
    /// Person-minutes a week.
    pub fn person_minutes(&self) -> f64 {
        f64::from(self.people)
            * f64::from(self.to.saturating_sub(self.from))
            * self.days.len() as f64
    }
}

/// Who handles leads when, and what a lead costs them (MODEL.md §7).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Capacity {
    /// 1..=50 shifts.
    pub shifts: Vec<Shift>,
    /// Work of a first response in minutes (> 0, ≤ 240; default 8).
    pub minutes_per_lead: f64,
    /// Work of each further attempt in minutes (0..=60; default 2).
    pub minutes_per_retry: f64,
    /// Minutes before a new lead can be picked up (0..=1440; default 2).
    pub reaction_minutes: f64,
    /// Fully loaded cost of one staffed person-hour (≥ 0; default 25).
    pub cost_per_person_hour: f64,
}

impl Capacity {
    /// Capacity with these shifts and the default work values.
    pub fn with_shifts(shifts: Vec<Shift>) -> Capacity {
        Capacity {
            shifts,
            minutes_per_lead: DEFAULT_MINUTES_PER_LEAD,
            minutes_per_retry: DEFAULT_MINUTES_PER_RETRY,
            reaction_minutes: DEFAULT_REACTION_MINUTES,
            cost_per_person_hour: DEFAULT_COST_PER_PERSON_HOUR,
        }
    }

    /// Staffed person-minutes a week, Σ people · minutes over the shifts and their days.
    pub fn person_minutes(&self) -> f64 {
        self.shifts.iter().map(Shift::person_minutes).sum()
    }

    /// Staffed person-hours a week.
    pub fn staffed_hours_per_week(&self) -> f64 {
        self.person_minutes() / 60.0
    }

    /// Staffing cost per year: person-hours a week × 365.25 / 7 × cost per person-hour.
    pub fn cost_per_year(&self) -> f64 {
        self.staffed_hours_per_week() * 365.25 / 7.0 * self.cost_per_person_hour
    }

    /// People on duty through the week, as the [`WeekStaffing`] the queue reads.
    pub fn week(&self) -> WeekStaffing {
        WeekStaffing::new(&self.shifts)
    }
}

/// People on duty c(t) through the week: consecutive segments with a constant count, covering
/// [0, [`WEEK_MINUTES`]), neighbours always different.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekStaffing {
    /// Start minute of each segment (the first is 0).
    starts: Vec<u32>,
    /// End minute of each segment (the last is [`WEEK_MINUTES`]).
    ends: Vec<u32>,
    /// People on duty in each segment.
    people: Vec<u32>,
}

impl WeekStaffing {
    /// c(t) from the shifts (each covers [from, to) on each of its days; out-of-range times are
    /// clipped to the day).
    pub fn new(shifts: &[Shift]) -> WeekStaffing {
        // Changes of c at each minute of the week, then a running sum.
        let mut delta = vec![0i64; WEEK_MINUTES as usize + 1];
        for shift in shifts {
            let (from, to) = (shift.from.min(1440), shift.to.min(1440));
            if from >= to {
                continue;
            }
            for day in &shift.days {
                let base = day.index() * 1440;
                delta[(base + from) as usize] += i64::from(shift.people);
                delta[(base + to) as usize] -= i64::from(shift.people);
            }
        }
        let mut w = WeekStaffing {
            starts: Vec::new(),
            ends: Vec::new(),
            people: Vec::new(),
        };
        let mut c = 0i64;
        for (minute, d) in delta.iter().take(WEEK_MINUTES as usize).enumerate() {
            c += d;
            let people = u32::try_from(c.max(0)).unwrap_or(u32::MAX);
            if w.people.last() != Some(&people) {
                if let Some(end) = w.ends.last_mut() {
                    *end = minute as u32;
                }
                w.starts.push(minute as u32);
                w.ends.push(WEEK_MINUTES);
                w.people.push(people);
            }
        }
        w
    }

    /// The segment that holds `minute_of_week` (0 ≤ minute < [`WEEK_MINUTES`]).
    #[inline]
    pub fn segment(&self, minute_of_week: f64) -> usize {
        // starts[0] = 0 ≤ minute, so the index is at least 1 before the subtraction.
        self.starts
            .partition_point(|&s| f64::from(s) <= minute_of_week)
            .saturating_sub(1)
    }

    /// (people on duty, end minute) of segment `i`.
    #[inline]
    pub fn at(&self, i: usize) -> (u32, u32) {
        (
            self.people.get(i).copied().unwrap_or(0),
            self.ends.get(i).copied().unwrap_or(WEEK_MINUTES),
        )
    }

    /// The segments as (start, end, people).
    pub fn segments(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        self.starts
            .iter()
            .zip(&self.ends)
            .zip(&self.people)
            .map(|((&s, &e), &p)| (s, e, p))
    }

    /// Whether nobody is ever on duty.
    pub fn is_empty(&self) -> bool {
        self.people.iter().all(|&p| p == 0)
    }

    /// Share of leads that arrive while nobody is on duty, exactly: leads arrive uniformly within
    /// each hour of the week, so it is Σ_h a_h · (minutes of hour h with c = 0) / 60 for the
    /// normalised profile `a`.
    pub fn unstaffed_share(&self, profile: &[f64; 168]) -> f64 {
        let mut share = 0.0;
        for (start, end, people) in self.segments() {
            if people > 0 {
                continue;
            }
            let mut m = start;
            while m < end {
                let hour = m / 60;
                let hour_end = ((hour + 1) * 60).min(end);
                share += profile[hour as usize] * f64::from(hour_end - m) / 60.0;
                m = hour_end;
            }
        }
        share
    }
}

/// The normalised arrival profile of `s` (168 weights summing to 1, index 24·d + h, Monday
/// first): `s.arrivals`, or [`super::presets::default_arrivals`] when absent. The scenario must
/// be valid.
pub fn arrival_profile(s: &Scenario) -> [f64; 168] {
    let raw = match &s.arrivals {
        Some(a) if a.len() == 168 => {
            let mut w = [0.0; 168];
            w.copy_from_slice(a);
            w
        }
        _ => super::presets::default_arrivals(),
    };
    let total: f64 = raw.iter().sum();
    let mut out = [0.0; 168];
    if total > 0.0 {
        for (o, w) in out.iter_mut().zip(raw) {
            *o = w / total;
        }
    }
    out
}

/// Λ: followed-up leads a week entering the queue of a process with follow-up rate
/// `follow_up_rate`: follow_up_rate · Σ 12 · leads_per_month · 7 / 365.25.
pub fn weekly_leads(s: &Scenario, follow_up_rate: f64) -> f64 {
    let per_year: f64 = s.sources.iter().map(|x| 12.0 * x.leads_per_month).sum();
    follow_up_rate * per_year * 7.0 / 365.25
}

/// Minutes of a `"HH:MM"` time (`"24:00"` is 1440); `None` unless exactly two digits, a colon
/// and two digits, with hours 00–23 and minutes 00–59, or `"24:00"`.
pub fn parse_time(text: &str) -> Option<u32> {
    let b = text.as_bytes();
    if b.len() != 5 || b[2] != b':' {
        return None;
    }
    let digit = |c: u8| c.is_ascii_digit().then(|| u32::from(c - b'0'));
    let hours = digit(b[0])? * 10 + digit(b[1])?;
    let minutes = digit(b[3])? * 10 + digit(b[4])?;
    match (hours, minutes) {
        (24, 0) => Some(1440),
        (0..=23, 0..=59) => Some(hours * 60 + minutes),
        _ => None,
    }
}

/// `"HH:MM"` of `minutes` after midnight (1440 is `"24:00"`).
pub fn format_time(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Serde of a time of day as `"HH:MM"`.
mod time_of_day {
    use super::*;

    pub fn serialize<S: Serializer>(minutes: &u32, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_time(*minutes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        let text = String::deserialize(d)?;
        parse_time(&text).ok_or_else(|| serde::de::Error::custom("not a time HH:MM"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shift(days: &[Day], from: &str, to: &str, people: u32) -> Shift {
        Shift {
            days: days.to_vec(),
            from: parse_time(from).unwrap_or(0),
            to: parse_time(to).unwrap_or(0),
            people,
        }
    }

    #[test]
    fn times_read_and_write() {
        assert_eq!(parse_time("09:00"), Some(540));
        assert_eq!(parse_time("23:59"), Some(1439));
        assert_eq!(parse_time("24:00"), Some(1440));
        for bad in ["9:00", "24:01", "12:60", "ab:cd", "09-00", "", "009:00"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(format_time(1440), "24:00");
        assert_eq!(format_time(545), "09:05");
    }

    #[test]
    fn week_staffing_sums_overlapping_shifts() {
        let w = WeekStaffing::new(&[
            shift(&[Day::Mon], "09:00", "18:00", 2),
            shift(&[Day::Mon, Day::Sun], "17:00", "24:00", 1),
        ]);
        let segs: Vec<_> = w.segments().collect();
        assert_eq!(
            segs,
            vec![
                (0, 540, 0),
                (540, 1020, 2),
                (1020, 1080, 3),
                (1080, 1440, 1),
                (1440, 6 * 1440 + 1020, 0),
                (6 * 1440 + 1020, WEEK_MINUTES, 1),
            ]
        );
        assert_eq!(w.at(w.segment(600.0)), (2, 1020));
        assert_eq!(w.at(w.segment(1020.0)), (3, 1080));
        assert_eq!(w.at(w.segment(10079.5)), (1, WEEK_MINUTES));
    }

    #[test]
    fn unstaffed_share_is_exact() {
        let flat = [1.0 / 168.0; 168];
        let w = WeekStaffing::new(&[shift(&Day::ALL, "00:00", "12:30", 1)]);
        assert!((w.unstaffed_share(&flat) - 11.5 / 24.0).abs() < 1e-15);
    }
}
