//! The scenario file: export as pretty JSON in MODEL.md's format, import with every problem
//! reported by field path. Import is all or nothing: a file with any problem changes nothing.

use crate::model::scenario::{FieldError, Problem, Scenario};

/// The largest file import reads; a scenario of 50 sources is a few KB, so anything this big is
/// not a scenario, and refusing it early keeps a wrong pick in the file dialog from hanging the page.
pub const MAX_FILE_BYTES: usize = 1 << 20;

/// The file's text for a scenario: pretty-printed JSON with a final newline, floats written so
/// they read back to the same bits.
pub fn export(scenario: &Scenario) -> String {
    let mut text = scenario.to_json_pretty();
    text.push('\n');
    text
}

/// Reads a file's text. Returns the scenario, or every problem found (each with its path; an
/// empty path is a problem with the whole file). A byte-order mark at the start is accepted,
/// since Windows editors add one.
pub fn import(text: &str) -> Result<Scenario, Vec<FieldError>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![FieldError::new(
            "",
            Problem::TooLong {
                max: crate::model::scenario::count(MAX_FILE_BYTES),
            },
        )]);
    }
    Scenario::from_json(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Reads a file's raw bytes: as [`import`], after checking that they are UTF-8 text.
pub fn import_bytes(bytes: &[u8]) -> Result<Scenario, Vec<FieldError>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => import(text),
        Err(_) => Err(vec![FieldError::new(
            "",
            Problem::WrongType {
                expected: crate::model::scenario::JsonKind::Object,
                found: crate::model::scenario::JsonKind::Text,
            },
        )]),
    }
}

/// A safe download name for a scenario: `<name>.json` with characters that file systems refuse
/// replaced, never empty.
pub fn file_name(scenario_name: &str, extension: &str) -> String {
    let cleaned: String = scenario_name
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .take(100)
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let base = if cleaned.is_empty() {
        "leadplan"
    } else {
        cleaned
    };
    format!("{base}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::default_scenario;

    #[test]
    fn export_reads_back_exactly() {
        let s = default_scenario();
        let text = export(&s);
        assert!(text.contains("\n  \"sources\": ["), "{text}");
        assert_eq!(import(&text), Ok(s.clone()));
        assert_eq!(import(&format!("\u{feff}{text}")), Ok(s));
    }

    /// Every workshop preset, staffed ones included, reads back exactly from its file; and so
    /// does a staffed scenario that uses every field of MODEL.md §7 away from its default.
    #[test]
    fn every_workshop_preset_reads_back_exactly() {
        use crate::model::capacity::{Day, Shift};
        use crate::model::presets::{WorkshopPreset, seven_day_desk};
        use crate::model::scenario::Process;
        let mut staffed = 0;
        for preset in WorkshopPreset::all() {
            let s = preset.scenario();
            let text = export(&s);
            staffed += usize::from(s.process_now.capacity.is_some())
                + usize::from(s.process_target.capacity.is_some());
            assert_eq!(
                text.contains("\"capacity\""),
                s.format_version() == 2,
                "{preset:?}"
            );
            assert_eq!(import(&text), Ok(s), "{preset:?}");
        }
        // Office hours (today), the evening shift (both) and the lead desk (target).
        assert_eq!(staffed, 4);
        let mut s = WorkshopPreset::EveningShift.scenario();
        s.arrivals = Some((0..168).map(|h| 0.1 + f64::from(h % 24) / 7.0).collect());
        if let Some(c) = s.process_now.capacity.as_mut() {
            c.shifts.push(Shift {
                days: vec![Day::Sun, Day::Sat],
                from: 1337,
                to: 1440,
                people: 3,
            });
            c.minutes_per_lead = 7.3;
            c.minutes_per_retry = 0.0;
            c.reaction_minutes = 30.0;
            c.cost_per_person_hour = 27.35;
        }
        s.process_target = Process::staffed(0.95, 4, seven_day_desk());
        assert_eq!(s.validate(), vec![]);
        let text = export(&s);
        assert!(
            text.contains("\"22:17\"") && text.contains("\"24:00\""),
            "{text}"
        );
        assert_eq!(import(&text), Ok(s));
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let mut s = default_scenario();
        s.sources[2].conversion_now = 1.5;
        s.process_now.attempts = 0;
        let e = import(&export(&s)).err().unwrap_or_default();
        let paths: Vec<_> = e.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            ["sources[2].conversion_now", "process_now.attempts"],
            "{e:?}"
        );
        let e = import("{").err().unwrap_or_default();
        assert!(e.len() == 1 && e[0].path.is_empty(), "{e:?}");
        assert!(import_bytes(&[0xff, 0xfe, 0]).is_err());
        let huge = " ".repeat(MAX_FILE_BYTES + 1);
        assert!(import(&huge).is_err());
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("Typical Dutch dealer", "json"),
            "Typical Dutch dealer.json"
        );
        assert_eq!(file_name("a/b:c?", "csv"), "a-b-c-.csv");
        assert_eq!(file_name("  ..  ", "json"), "leadplan.json");
        assert_eq!(file_name("", "json"), "leadplan.json");
    }
}
