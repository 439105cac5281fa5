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
