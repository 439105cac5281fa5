//! Timestamps of a lead export: the formats MODEL.md §9 names, Excel serial day numbers, and
//! Europe/Amsterdam local time (EU summer-time rules) for values without an offset.
//!
//! A value is read in two steps. [`parse`] turns the text into a [`Stamp`] without deciding
//! the day/month order of `dd-mm-yyyy` and `mm/dd/yyyy` dates; once every value of the file has
//! been seen, the file's [`DateOrder`] is known and [`Stamp::resolve`] gives the instant in
//! milliseconds since 1970-01-01 00:00 UTC.
//!
//! Formats (surrounding spaces ignored):
//! - ISO 8601: `yyyy-mm-dd`, optionally followed by `T` or a space and `hh:mm`, `hh:mm:ss` or
//!   `hh:mm:ss.fff`, optionally followed by `Z` or an offset `±hh:mm`, `±hhmm` or `±hh`. `/`
//!   is accepted in place of `-` (`yyyy/mm/dd`).
//! - `d-m-yyyy`, `d/m/yyyy` or `d.m.yyyy` with one- or two-digit day and month, optionally
//!   followed by a space or `T` and `h:mm`, `h:mm:ss` or `h:mm:ss.fff`, optionally `AM`/`PM`.
//!   Day first unless the file proves month first (see [`DateOrder`]).
//! - Excel serial day numbers: days since 1899-12-30 with the time of day as the fraction
//!   (`46000.5` = 2025-12-09 12:00), `.` or `,` as the decimal mark, read as local time and
//!   rounded to the millisecond. Serials before 61 (1900-03-01) are off by one day in Excel
//!   itself (its 1900-02-29) and are read as the arithmetic says.
//!
//! Local time (no `Z`, no offset, and every Excel serial) is Europe/Amsterdam: UTC+1, and UTC+2
//! from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC. The rule is
//! applied to every year (it holds from 1996 on). A local time in the hour repeated when summer
//! time ends (02:00–02:59 on the last Sunday of October) is read as the first of the two, in
//! summer time; a local time in the hour skipped when it begins (02:00–02:59 on the last Sunday
//! of March) is read as if summer time had begun (UTC+2), so 02:30 is 00:30 UTC.

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// The order of the first two fields of a `dd-mm-yyyy` or `mm/dd/yyyy` date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// Day, then month (`25-03-2026`): the default.
    DayFirst,
    /// Month, then day (`03/25/2026`): only when a value proves it (its second field > 12).
    MonthFirst,
}

impl DateOrder {
    /// The report's name: `day_first` or `month_first`.
    pub fn name(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day_first",
            DateOrder::MonthFirst => "month_first",
        }
    }
}

/// A parsed timestamp whose day/month order may still be open.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stamp {
    /// An instant: ISO 8601 with `Z` or an offset. Milliseconds since the Unix epoch, UTC.
    Utc(i64),
    /// Amsterdam wall-clock time without a date-order question (ISO without offset, Excel
    /// serial): milliseconds since 1970-01-01 00:00 of the wall clock.
    Local(i64),
    /// `a-b-yyyy` with the order of `a` and `b` open: wall-clock time of day in `ms`.
    DayMonth {
        /// The year.
        year: i32,
        /// First field (the day if day first).
        a: u8,
        /// Second field (the month if day first).
        b: u8,
        /// Milliseconds since local midnight.
        ms: u32,
    },
}

/// What one value says about the date order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderEvidence {
    /// Not a `a-b-yyyy` date, or `a == b`: reads the same either way.
    None,
    /// Both fields ≤ 12 and different: the order matters and this value cannot tell.
    Ambiguous,
    /// First field > 12: day first.
    ProvesDayFirst,
    /// Second field > 12: month first.
    ProvesMonthFirst,
}

impl Stamp {
    /// What this value says about the file's date order.
    pub fn evidence(self) -> OrderEvidence {
        match self {
            Stamp::DayMonth { a, b, .. } if a > 12 && b <= 12 => OrderEvidence::ProvesDayFirst,
            Stamp::DayMonth { a, b, .. } if b > 12 && a <= 12 => OrderEvidence::ProvesMonthFirst,
            Stamp::DayMonth { a, b, .. } if a != b && a <= 12 && b <= 12 => {
                OrderEvidence::Ambiguous
            }
            _ => OrderEvidence::None,
        }
    }

    /// The Amsterdam wall-clock time (ms since 1970-01-01 00:00 of the clock): as written for
    /// a value without offset (so a time in the skipped hour keeps its hour), else converted.
    pub fn wall_clock(self, order: DateOrder) -> Option<i64> {
        match self {
            Stamp::Utc(ms) => Some(utc_to_amsterdam(ms)),
            Stamp::Local(ms) => Some(ms),
            Stamp::DayMonth { year, a, b, ms } => {
                let (day, month) = match order {
                    DateOrder::DayFirst => (a, b),
                    DateOrder::MonthFirst => (b, a),
                };
                Some(civil_days(year, u32::from(month), u32::from(day))? * DAY_MS + i64::from(ms))
            }
        }
    }

    /// The instant (ms since the Unix epoch, UTC), or `None` if the date does not exist in
    /// `order` (month 13, 31 April).
    pub fn resolve(self, order: DateOrder) -> Option<i64> {
        match self {
            Stamp::Utc(ms) => Some(ms),
            Stamp::Local(_) | Stamp::DayMonth { .. } => {
                self.wall_clock(order).map(amsterdam_to_utc)
            }
        }
    }
}

/// Days since 1970-01-01 of a valid date (proleptic Gregorian), `None` for an invalid one.
pub fn civil_days(year: i32, month: u32, day: u32) -> Option<i64> {
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(i64::from(year), month, day))
}

/// Days since 1970-01-01 (H. Hinnant's algorithm); the date must be valid.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date (year, month 1..=12, day 1..=31) of a day number since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1..=12) of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Weekday of a day number since 1970-01-01: 0 = Monday … 6 = Sunday.
pub fn weekday(days: i64) -> u32 {
    // 1970-01-01 was a Thursday (3).
    (days + 3).rem_euclid(7) as u32
}

/// Day number of the last Sunday of `month` in `year`.
fn last_sunday(year: i64, month: u32) -> i64 {
    // March and October both have 31 days.
    let last = days_from_civil(year, month, 31);
    last - i64::from((weekday(last) + 1) % 7)
}

/// Summer time of `year` as wall-clock milliseconds: `[start, end)` where `start` is 02:00 on
/// the last Sunday of March and `end` 03:00 on the last Sunday of October (both on the
/// summer-time clock), so the skipped and the repeated hour both fall inside.
fn summer_local(year: i64) -> (i64, i64) {
    (
        last_sunday(year, 3) * DAY_MS + 2 * HOUR_MS,
        last_sunday(year, 10) * DAY_MS + 3 * HOUR_MS,
    )
}

fn year_of_ms(ms: i64) -> i64 {
    civil_from_days(ms.div_euclid(DAY_MS)).0
}

/// UTC milliseconds of an Amsterdam wall-clock time (milliseconds since 1970-01-01 00:00 of the
/// wall clock): the repeated hour as its first (summer-time) occurrence, the skipped hour as
/// summer time.
pub fn amsterdam_to_utc(local_ms: i64) -> i64 {
    let (start, end) = summer_local(year_of_ms(local_ms));
    if (start..end).contains(&local_ms) {
        local_ms - 2 * HOUR_MS
    } else {
        local_ms - HOUR_MS
    }
}

/// Amsterdam wall-clock milliseconds of a UTC instant.
pub fn utc_to_amsterdam(utc_ms: i64) -> i64 {
    let year = year_of_ms(utc_ms + HOUR_MS);
    // Summer time in UTC: last Sunday of March 01:00 to last Sunday of October 01:00.
    let start = last_sunday(year, 3) * DAY_MS + HOUR_MS;
    let end = last_sunday(year, 10) * DAY_MS + HOUR_MS;
    if (start..end).contains(&utc_ms) {
        utc_ms + 2 * HOUR_MS
    } else {
        utc_ms + HOUR_MS
    }
}

/// Reads one timestamp; `None` if it is in none of the formats (an empty value is `None` too).
pub fn parse(text: &str) -> Option<Stamp> {
    let s = text.trim().as_bytes();
    if s.is_empty() {
        return None;
    }
    if s.iter()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b','))
    {
        return parse_serial(s);
    }
    let mut p = Cursor { s, i: 0 };
    let first = p.digits(1, 4)?;
    match (first.1, p.peek()) {
        (4, Some(b'-' | b'/')) => parse_iso(&mut p, first.0),
        (1 | 2, Some(sep @ (b'-' | b'/' | b'.'))) => parse_day_month(&mut p, first.0, sep),
        _ => None,
    }
}

fn parse_iso(p: &mut Cursor, year: u32) -> Option<Stamp> {
    let sep = p.next()?;
    let (month, _) = p.digits(1, 2)?;
    p.expect(sep)?;
    let (day, _) = p.digits(1, 2)?;
    let year = i32::try_from(year).ok()?;
    let days = civil_days(year, month, day)?;
    let ms = p.optional_time(false)?;
    p.skip_spaces();
    let wall = days * DAY_MS + i64::from(ms);
    match p.next() {
        None => Some(Stamp::Local(wall)),
        Some(b'Z' | b'z') if p.peek().is_none() => Some(Stamp::Utc(wall)),
        Some(sign @ (b'+' | b'-')) => {
            let (hours, n) = p.digits(2, 4)?;
            let minutes = if n == 4 {
                let (h, m) = (hours / 100, hours % 100);
                if m > 59 {
                    return None;
                }
                h * 60 + m
            } else if n == 2 && p.peek() == Some(b':') {
                p.next();
                let (m, _) = p.digits(2, 2)?;
                if m > 59 {
                    return None;
                }
                hours * 60 + m
            } else if n == 2 {
                hours * 60
            } else {
                return None;
            };
            if p.peek().is_some() || minutes > 24 * 60 {
                return None;
            }
            let offset = i64::from(minutes) * 60_000;
            Some(Stamp::Utc(if sign == b'+' {
                wall - offset
            } else {
                wall + offset
            }))
        }
        _ => None,
    }
}

fn parse_day_month(p: &mut Cursor, a: u32, sep: u8) -> Option<Stamp> {
    p.expect(sep)?;
    let (b, _) = p.digits(1, 2)?;
    p.expect(sep)?;
    let (year, n) = p.digits(4, 4)?;
    if n != 4 || a == 0 || b == 0 || a > 31 || b > 31 {
        return None;
    }
    let ms = p.optional_time(true)?;
    p.skip_spaces();
    if p.peek().is_some() {
        return None;
    }
    Some(Stamp::DayMonth {
        year: i32::try_from(year).ok()?,
        a: u8::try_from(a).ok()?,
        b: u8::try_from(b).ok()?,
        ms,
    })
}

/// Latest Excel serial accepted: 9999-12-31.
const MAX_SERIAL: f64 = 2_958_466.0;

fn parse_serial(s: &[u8]) -> Option<Stamp> {
    let text = std::str::from_utf8(s).ok()?;
    let serial: f64 = if text.contains(',') {
        text.replacen(',', ".", 1).parse().ok()?
    } else {
        text.parse().ok()?
    };
    if !(1.0..MAX_SERIAL).contains(&serial) || text.starts_with(['+', '.', ',']) {
        return None;
    }
    // Serial 25569 is 1970-01-01.
    let ms = ((serial - 25_569.0) * DAY_MS as f64).round() as i64;
    Some(Stamp::Local(ms))
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.i += 1;
        }
    }

    /// Between `min` and `max` decimal digits: (value, number of digits).
    fn digits(&mut self, min: usize, max: usize) -> Option<(u32, usize)> {
        let start = self.i;
        let mut v: u32 = 0;
        while self.i - start < max
            && let Some(c @ b'0'..=b'9') = self.peek()
        {
            v = v * 10 + u32::from(c - b'0');
            self.i += 1;
        }
        let n = self.i - start;
        (n >= min).then_some((v, n))
    }

    /// Nothing (midnight), or `T` or spaces and a [`Cursor::time_of_day`].
    fn optional_time(&mut self, am_pm: bool) -> Option<u32> {
        match self.next() {
            None => Some(0),
            Some(b'T' | b't' | b' ') => {
                self.skip_spaces();
                self.time_of_day(am_pm)
            }
            Some(_) => None,
        }
    }

    /// `h:mm`, `h:mm:ss` or `h:mm:ss.fff` (and, when `am_pm`, an optional `AM`/`PM`), in
    /// milliseconds since midnight.
    fn time_of_day(&mut self, am_pm: bool) -> Option<u32> {
        let (mut h, _) = self.digits(1, 2)?;
        self.expect(b':')?;
        let (m, mn) = self.digits(2, 2)?;
        let mut s = 0;
        let mut frac = 0;
        if mn != 2 || m > 59 {
            return None;
        }
        if self.peek() == Some(b':') {
            self.next();
            let (v, _) = self.digits(2, 2)?;
            s = v;
            if matches!(self.peek(), Some(b'.' | b',')) {
                self.next();
                let (v, n) = self.digits(1, 9)?;
                frac = (f64::from(v) / 10f64.powi(n as i32) * 1000.0).floor() as u32;
            }
        }
        if s > 59 {
            return None;
        }
        if am_pm {
            let save = self.i;
            self.skip_spaces();
            let rest = &self.s[self.i..];
            if rest.len() >= 2 && rest[1].eq_ignore_ascii_case(&b'm') {
                let pm = match rest[0].to_ascii_lowercase() {
                    b'a' => false,
                    b'p' => true,
                    _ => return None,
                };
                if h == 0 || h > 12 {
                    return None;
                }
                h = h % 12 + if pm { 12 } else { 0 };
                self.i += 2;
            } else {
                self.i = save;
            }
        }
        if h > 23 {
            return None;
        }
        Some(((h * 60 + m) * 60 + s) * 1000 + frac)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, mo: u32, d: u32, h: i64, mi: i64) -> i64 {
        civil_days(y, mo, d).unwrap() * DAY_MS + h * HOUR_MS + mi * 60_000
    }

    fn read(s: &str) -> Option<i64> {
        parse(s)?.resolve(DateOrder::DayFirst)
    }

    #[test]
    fn civil_round_trips() {
        for days in [-800_000, -1, 0, 1, 10_957, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(civil_days(y as i32, m, d), Some(days));
        }
        assert_eq!(civil_days(2026, 2, 29), None);
        assert_eq!(civil_days(2024, 2, 29).map(weekday), Some(3)); // a Thursday
        assert_eq!(weekday(0), 3);
    }

    #[test]
    fn summer_time_switches_of_2026() {
        // Summer time 2026: 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(read("2026-03-29 01:59"), Some(utc(2026, 3, 29, 0, 59)));
        // The skipped hour reads as summer time.
        assert_eq!(read("2026-03-29 02:30"), Some(utc(2026, 3, 29, 0, 30)));
        assert_eq!(read("2026-03-29 03:00"), Some(utc(2026, 3, 29, 1, 0)));
        // The repeated hour reads as its first occurrence.
        assert_eq!(read("2026-10-25 01:59"), Some(utc(2026, 10, 24, 23, 59)));
        assert_eq!(read("2026-10-25 02:30"), Some(utc(2026, 10, 25, 0, 30)));
        assert_eq!(read("2026-10-25 03:00"), Some(utc(2026, 10, 25, 2, 0)));
        assert_eq!(read("15-07-2026 12:00"), Some(utc(2026, 7, 15, 10, 0)));
        assert_eq!(read("15-01-2026 12:00"), Some(utc(2026, 1, 15, 11, 0)));
    }

    #[test]
    fn local_and_utc_agree_outside_the_switches() {
        for ms in [
            utc(2026, 1, 1, 0, 0),
            utc(2026, 6, 1, 12, 0),
            utc(2026, 10, 25, 2, 0),
        ] {
            assert_eq!(amsterdam_to_utc(utc_to_amsterdam(ms)), ms);
        }
        // Both occurrences of 02:30 on 25 October map to that wall-clock time.
        assert_eq!(
            utc_to_amsterdam(utc(2026, 10, 25, 0, 30)),
            utc_to_amsterdam(utc(2026, 10, 25, 1, 30))
        );
    }

    #[test]
    fn reads_every_format() {
        let noon_utc = utc(2026, 1, 15, 12, 0);
        assert_eq!(read("2026-01-15T12:00:00Z"), Some(noon_utc));
        assert_eq!(read("2026-01-15 12:00Z"), Some(noon_utc));
        assert_eq!(read("2026-01-15T13:00:00+01:00"), Some(noon_utc));
        assert_eq!(read("2026-01-15T13:00+0100"), Some(noon_utc));
        assert_eq!(read("2026-01-15T10:30-01:30"), Some(noon_utc));
        assert_eq!(read("2026-01-15T07:00-05"), Some(noon_utc));
        assert_eq!(read("2026-01-15T12:00:00.250Z"), Some(noon_utc + 250));
        assert_eq!(read("2026-01-15 13:00"), Some(noon_utc));
        assert_eq!(read("2026/01/15 13:00:00"), Some(noon_utc));
        assert_eq!(read("15-01-2026 13:00"), Some(noon_utc));
        assert_eq!(read("15-01-2026 13:00:00"), Some(noon_utc));
        assert_eq!(read("15/01/2026 13:00"), Some(noon_utc));
        assert_eq!(read("15.01.2026 1:00 PM"), Some(noon_utc));
        assert_eq!(read("5-1-2026"), Some(utc(2026, 1, 4, 23, 0)));
        assert_eq!(read("2026-01-15"), Some(utc(2026, 1, 14, 23, 0)));
        // Excel: 46037 is 2026-01-15; .5 is noon local.
        assert_eq!(read("46037.5"), Some(utc(2026, 1, 15, 11, 0)));
        assert_eq!(read("46037,5"), Some(utc(2026, 1, 15, 11, 0)));
        assert_eq!(read("46037"), Some(utc(2026, 1, 14, 23, 0)));
    }

    #[test]
    fn refuses_what_is_not_a_time() {
        for bad in [
            "",
            "x",
            "2026-13-01",
            "2026-02-30",
            "32-01-2026",
            "15-01-26",
            "15-01-2026 25:00",
            "2026-01-15T12:60",
            "2026-01-15X",
            "2026-01-15T12:00Zx",
            "1e9",
            "-5",
            "0",
            "99999999",
            "12:00",
            "2026-01-15T12:00+25:00",
            "13/13/2026",
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }
    }

    #[test]
    fn day_month_order() {
        let s = parse("03/25/2026").unwrap();
        assert_eq!(s.evidence(), OrderEvidence::ProvesMonthFirst);
        assert_eq!(s.resolve(DateOrder::DayFirst), None);
        assert_eq!(
            s.resolve(DateOrder::MonthFirst),
            Some(utc(2026, 3, 24, 23, 0))
        );
        assert_eq!(
            parse("25/03/2026").unwrap().evidence(),
            OrderEvidence::ProvesDayFirst
        );
        assert_eq!(
            parse("03/04/2026").unwrap().evidence(),
            OrderEvidence::Ambiguous
        );
        assert_eq!(parse("04/04/2026").unwrap().evidence(), OrderEvidence::None);
        assert_eq!(parse("2026-03-04").unwrap().evidence(), OrderEvidence::None);
    }
}
