//! Reading what people type: numbers in Dutch or English notation, and durations such as "8 h".
//!
//! Number fields are text inputs (so "12,5" and "1.250" can be typed in Dutch), and these
//! functions turn their text into values. They are pure so they are tested natively.

use super::Lang;

/// Why a typed text is not a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Nothing was typed.
    Empty,
    /// The text is not a number in either notation.
    NotANumber,
    /// A duration with a unit that is not minutes, hours, days or weeks.
    UnknownUnit,
}

/// Parses a number typed in Dutch or English notation.
///
/// Both "12,5" and "12.5" mean 12.5 in either language. A lone separator followed by exactly
/// three digits is read as a thousands separator when it is the language's thousands separator
/// ("1.250" is 1250 in Dutch and 1.25 in English; "1,250" the other way round). Where both
/// separators appear, the last one is the decimal separator. Spaces, a euro sign and a percent
/// sign are ignored (fractions are typed in percent; the caller divides).
pub fn parse_number(lang: Lang, text: &str) -> Result<f64, ParseError> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '€' | '%' | '\u{a0}' | '\u{202f}' | '\''))
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Err(ParseError::Empty);
    }
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(ParseError::NotANumber);
    }
    let normalised = normalise_separators(lang, digits).ok_or(ParseError::NotANumber)?;
    let value = crate::decimal::parse(&normalised).ok_or(ParseError::NotANumber)?;
    if !value.is_finite() {
        return Err(ParseError::NotANumber);
    }
    Ok(if negative { -value } else { value })
}

/// Rewrites digits with '.' and ',' into Rust's notation (no grouping, '.' decimal).
fn normalise_separators(lang: Lang, s: &str) -> Option<String> {
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let thousands = match lang {
        Lang::Nl => '.',
        Lang::En => ',',
    };
    let (group, decimal) = match (dots, commas) {
        (0, 0) => return Some(s.to_owned()),
        (_, 0) | (0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let count = dots.max(commas);
            let last_group = s.rsplit(sep).next().map_or(0, str::len);
            if count > 1 || (sep == thousands && last_group == 3 && !s.starts_with(sep)) {
                (Some(sep), None)
            } else {
                (None, Some(sep))
            }
        }
        _ => {
            let last_dot = s.rfind('.')?;
            let last_comma = s.rfind(',')?;
            if last_dot > last_comma {
                (Some(','), Some('.'))
            } else {
                (Some('.'), Some(','))
            }
        }
    };
    let (int_part, frac_part) = match decimal {
        Some(d) => {
            if s.matches(d).count() != 1 {
                return None;
            }
            let (i, f) = s.split_once(d)?;
            (i, Some(f))
        }
        None => (s, None),
    };
    let int_digits = match group {
        Some(g) => {
            let mut parts = int_part.split(g);
            let first = parts.next()?;
            if first.is_empty() || first.len() > 3 {
                return None;
            }
            let mut out = first.to_owned();
            for part in parts {
                if part.len() != 3 {
                    return None;
                }
                out.push_str(part);
            }
            out
        }
        None => int_part.to_owned(),
    };
    if int_digits.contains(['.', ',']) {
        return None;
    }
    match frac_part {
        Some(f) if f.contains(['.', ',']) => None,
        Some(f) if int_digits.is_empty() && f.is_empty() => None,
        Some(f) => Some(format!(
            "{}.{}",
            if int_digits.is_empty() {
                "0"
            } else {
                &int_digits
            },
            f
        )),
        None => Some(int_digits),
    }
}

/// Parses a duration in minutes: a bare number is minutes; "45 min", "8 h", "8 u", "1,5 uur",
/// "2 d", "2 dagen", "1 week" also work.
pub fn parse_minutes(lang: Lang, text: &str) -> Result<f64, ParseError> {
    let t = text.trim().to_ascii_lowercase();
    if t.is_empty() {
        return Err(ParseError::Empty);
    }
    let split = t.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let factor = match unit.trim().trim_end_matches('.') {
        "" | "m" | "min" | "mins" | "minuut" | "minuten" | "minute" | "minutes" => 1.0,
        "h" | "u" | "uur" | "uren" | "hr" | "hrs" | "hour" | "hours" => 60.0,
        "d" | "dag" | "dagen" | "day" | "days" => 1440.0,
        "w" | "wk" | "week" | "weken" | "weeks" => 10080.0,
        _ => return Err(ParseError::UnknownUnit),
    };
    Ok(parse_number(lang, number)? * factor)
}

/// A short readable label for a duration: "5 min", "8 h" (Dutch "8 u"), "1,5 d".
pub fn format_minutes(lang: Lang, minutes: f64) -> String {
    let (value, unit) = if minutes < 59.5 {
        (minutes, "min")
    } else if minutes < 1440.0 - 0.5 {
        (minutes / 60.0, if lang == Lang::Nl { "u" } else { "h" })
    } else {
        (minutes / 1440.0, "d")
    };
    let rounded = if value >= 10.0 {
        value.round()
    } else {
        (value * 10.0).round() / 10.0
    };
    let mut text = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    };
    if lang == Lang::Nl {
        text = text.replace('.', ",");
    }
    format!("{text} {unit}")
}

/// A number as it is typed back into an input: no grouping, the language's decimal separator,
/// at most six decimals, so that what a field shows parses to the value it holds.
pub fn editable_number(lang: Lang, value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let rounded = (value * 1e6).round() / 1e6;
    let text = format!("{rounded}");
    match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text,
    }
}

/// Minutes as typed back into an input, in the largest unit that keeps them exact
/// ("2 d", "8 h" / "8 u", "45 min"), so they read well and parse to the same value.
pub fn editable_minutes(lang: Lang, minutes: f64) -> String {
    let hour = if lang == Lang::Nl { "u" } else { "h" };
    if minutes >= 1440.0 && (minutes % 1440.0) == 0.0 {
        format!("{} d", editable_number(lang, minutes / 1440.0))
    } else if minutes >= 60.0 && (minutes % 60.0) == 0.0 {
        format!("{} {hour}", editable_number(lang, minutes / 60.0))
    } else {
        format!("{} min", editable_number(lang, minutes))
    }
}

/// The logarithmic response-time slider: position 0..=1000 ↔ 1 minute .. 7 days.
pub mod log_slider {
    /// The longest response time on the slider: 7 days in minutes.
    pub const MAX_MINUTES: f64 = 10080.0;
    /// Slider positions run from 0 to this.
    pub const STEPS: f64 = 1000.0;

    /// Minutes for a slider position, snapped to readable values (whole minutes below an hour,
    /// 5 minutes below a day, half hours beyond).
    pub fn minutes_at(position: f64) -> f64 {
        let p = position.clamp(0.0, STEPS) / STEPS;
        let raw = (p * MAX_MINUTES.ln()).exp();
        let snap = if raw < 60.0 {
            1.0
        } else if raw < 1440.0 {
            5.0
        } else {
            30.0
        };
        ((raw / snap).round() * snap).clamp(1.0, MAX_MINUTES)
    }

    /// The slider position that shows `minutes`.
    pub fn position_of(minutes: f64) -> f64 {
        if !minutes.is_finite() || minutes <= 1.0 {
            return 0.0;
        }
        (minutes.ln() / MAX_MINUTES.ln() * STEPS)
            .clamp(0.0, STEPS)
            .round()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_notations() {
        for lang in [Lang::Nl, Lang::En] {
            assert_eq!(parse_number(lang, "12,5"), Ok(12.5));
            assert_eq!(parse_number(lang, "12.5"), Ok(12.5));
            assert_eq!(parse_number(lang, " 600 "), Ok(600.0));
            assert_eq!(parse_number(lang, "-3"), Ok(-3.0));
            assert_eq!(parse_number(lang, "€ 25.000,50"), Ok(25000.5));
            assert_eq!(parse_number(lang, "25,000.50"), Ok(25000.5));
            assert_eq!(parse_number(lang, "1.250.000"), Ok(1_250_000.0));
            assert_eq!(parse_number(lang, "9%"), Ok(9.0));
            assert_eq!(parse_number(lang, ",5"), Ok(0.5));
        }
        assert_eq!(parse_number(Lang::Nl, "1.250"), Ok(1250.0));
        assert_eq!(parse_number(Lang::En, "1.250"), Ok(1.25));
        assert_eq!(parse_number(Lang::En, "1,250"), Ok(1250.0));
        assert_eq!(parse_number(Lang::Nl, "1,250"), Ok(1.25));
    }

    #[test]
    fn bad_numbers_are_refused() {
        for text in [
            "abc",
            "1,2,3,4",
            "1.2.3",
            "12a",
            "--1",
            ".",
            "1.25.000,5,1",
            "NaN",
            "inf",
            "1e5",
        ] {
            assert_eq!(
                parse_number(Lang::Nl, text),
                Err(ParseError::NotANumber),
                "{text}"
            );
        }
        assert_eq!(parse_number(Lang::En, "  "), Err(ParseError::Empty));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_minutes(Lang::Nl, "480"), Ok(480.0));
        assert_eq!(parse_minutes(Lang::Nl, "8 h"), Ok(480.0));
        assert_eq!(parse_minutes(Lang::Nl, "8u"), Ok(480.0));
        assert_eq!(parse_minutes(Lang::Nl, "1,5 uur"), Ok(90.0));
        assert_eq!(parse_minutes(Lang::En, "2 d"), Ok(2880.0));
        assert_eq!(parse_minutes(Lang::En, "45 min"), Ok(45.0));
        assert_eq!(parse_minutes(Lang::En, "1 week"), Ok(10080.0));
        assert_eq!(
            parse_minutes(Lang::En, "3 fortnights"),
            Err(ParseError::UnknownUnit)
        );
        assert_eq!(parse_minutes(Lang::En, "h"), Err(ParseError::Empty));
    }

    #[test]
    fn editable_texts_parse_back_to_their_value() {
        for lang in [Lang::Nl, Lang::En] {
            for v in [0.0, 12.5, 1250.0, 0.000_001, 25_000.0, -3.25] {
                assert_eq!(parse_number(lang, &editable_number(lang, v)), Ok(v), "{v}");
            }
            for m in [
                7.0, 45.5, 60.0, 480.0, 90.0, 1440.0, 2880.0, 4320.0, 10080.0,
            ] {
                assert_eq!(
                    parse_minutes(lang, &editable_minutes(lang, m)),
                    Ok(m),
                    "{m}"
                );
            }
        }
        assert_eq!(editable_minutes(Lang::En, 480.0), "8 h");
        assert_eq!(editable_minutes(Lang::Nl, 2880.0), "2 d");
        assert_eq!(editable_number(Lang::Nl, 12.5), "12,5");
    }

    #[test]
    fn duration_labels() {
        assert_eq!(format_minutes(Lang::En, 7.0), "7 min");
        assert_eq!(format_minutes(Lang::En, 480.0), "8 h");
        assert_eq!(format_minutes(Lang::Nl, 480.0), "8 u");
        assert_eq!(format_minutes(Lang::Nl, 90.0), "1,5 u");
        assert_eq!(format_minutes(Lang::En, 2880.0), "2 d");
        assert_eq!(format_minutes(Lang::En, 10080.0), "7 d");
    }

    #[test]
    fn log_slider_round_trips_and_spans_a_week() {
        assert_eq!(log_slider::minutes_at(0.0), 1.0);
        assert_eq!(log_slider::minutes_at(1000.0), 10080.0);
        for m in [1.0, 7.0, 60.0, 480.0, 1440.0, 10080.0] {
            let back = log_slider::minutes_at(log_slider::position_of(m));
            assert!((back - m).abs() / m < 0.02, "{m} -> {back}");
        }
        let mut last = 0.0;
        for p in 0..=1000 {
            let m = log_slider::minutes_at(f64::from(p));
            assert!(m >= last, "monotone at {p}");
            last = m;
        }
    }
}
