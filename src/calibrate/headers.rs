//! Column headers: which column holds which field, by the aliases of MODEL.md §9, matched
//! ignoring case, accents, spaces and punctuation (see [`normalize`]).

use serde::Serialize;

/// A field the calibration reads from an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The lead's source (required).
    Source,
    /// When the lead came in (required).
    Created,
    /// When it was first followed up.
    FirstContact,
    /// Minutes from created to first follow-up (used when there is no first-contact time).
    ResponseMinutes,
    /// Number of call attempts.
    Attempts,
    /// CRM status (mapped by [`crate::calibrate::status`]).
    Status,
    /// Sold flag (`ja`/`nee`, `yes`/`no`, `1`/`0`, `true`/`false`, `x`).
    Sold,
    /// Lead id (of rows that share one only the first counts).
    Id,
}

/// Every field, in report order.
pub const FIELDS: [Field; 8] = [
    Field::Source,
    Field::Created,
    Field::FirstContact,
    Field::ResponseMinutes,
    Field::Attempts,
    Field::Status,
    Field::Sold,
    Field::Id,
];

impl Field {
    /// The field's name in the report (`first_contact`).
    pub fn name(self) -> &'static str {
        match self {
            Field::Source => "source",
            Field::Created => "created",
            Field::FirstContact => "first_contact",
            Field::ResponseMinutes => "response_minutes",
            Field::Attempts => "attempts",
            Field::Status => "status",
            Field::Sold => "sold",
            Field::Id => "id",
        }
    }

    /// The header aliases of MODEL.md §9, exactly as listed there.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Source => &[
                "Source",
                "Lead Source",
                "LeadSource",
                "Bron",
                "Leadbron",
                "Herkomst",
                "Kanaal",
                "Portal",
                "Medium",
            ],
            Field::Created => &[
                "Created",
                "Created Date",
                "CreatedDate",
                "Date Added",
                "Aanmaakdatum",
                "Aangemaakt op",
                "Datum binnenkomst",
                "Ontvangen",
            ],
            Field::FirstContact => &[
                "First Contact",
                "First Response",
                "Eerste contact",
                "Eerste reactie",
                "Opgevolgd op",
            ],
            Field::ResponseMinutes => &["Response Time", "Time to Contact", "Reactietijd"],
            Field::Attempts => &[
                "Attempts",
                "Call Attempts",
                "Belpogingen",
                "Contactpogingen",
            ],
            Field::Status => &["Status", "Lead Status", "Stage", "Resultaat", "Uitkomst"],
            Field::Sold => &["Sold", "Converted", "IsConverted", "Verkocht", "Gewonnen"],
            Field::Id => &["Id", "Lead ID", "Leadnummer"],
        }
    }
}

/// Lower case, accents removed, only letters and digits kept: `"Aangemaakt op"` and
/// `"AANGEMAAKT-OP"` both become `"aangemaaktop"`, `"Leadbrón"` becomes `"leadbron"`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = fold_accent(c);
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The letter without its accent, for the Latin-1 and Latin Extended-A letters Dutch and its
/// neighbours use; other characters unchanged.
fn fold_accent(c: char) -> char {
    match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => 'a',
        'Ç' | 'ç' | 'Ć'..='č' => 'c',
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => 'e',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => 'i',
        'Ñ' | 'ñ' | 'Ń'..='ň' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => 'o',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => 'u',
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => 'y',
        'Š' | 'š' | 'Ś'..='ş' => 's',
        'Ž' | 'ž' | 'Ź'..='ż' => 'z',
        _ => c,
    }
}

/// Which column a field is read from, as the user may set it (overriding the aliases).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    /// The column with this header (matched like the aliases).
    Header(String),
    /// The column at this 0-based position.
    Index(u32),
    /// Do not read this field, even if a header matches an alias.
    Ignore,
}

/// The column (0-based) of each field; `None` where there is none.
pub type Mapping = [Option<usize>; 8];

/// Maps each field to a column: the user's `overrides` first, else the first header that
/// matches one of the field's aliases. A column is given to one field at most.
pub fn map_columns(header: &[&str], overrides: &[(Field, Column)]) -> Mapping {
    let normalized: Vec<String> = header.iter().map(|h| normalize(h)).collect();
    let mut mapping: Mapping = [None; 8];
    let mut decided = [false; 8];
    for (field, column) in overrides {
        let slot = *field as usize;
        decided[slot] = true;
        mapping[slot] = match column {
            Column::Header(h) => {
                let key = normalize(h);
                normalized.iter().position(|n| *n == key)
            }
            Column::Index(i) => usize::try_from(*i).ok().filter(|&i| i < header.len()),
            Column::Ignore => None,
        };
    }
    for field in FIELDS {
        let slot = field as usize;
        if decided[slot] {
            continue;
        }
        let aliases: Vec<String> = field.aliases().iter().map(|a| normalize(a)).collect();
        mapping[slot] = normalized
            .iter()
            .enumerate()
            .position(|(i, n)| aliases.contains(n) && !mapping.contains(&Some(i)));
    }
    mapping
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_case_accents_spaces_punctuation() {
        assert_eq!(normalize(" Aangemaakt op "), "aangemaaktop");
        assert_eq!(normalize("LEAD-ID"), "leadid");
        assert_eq!(normalize("Créated_Date:"), "createddate");
        assert_eq!(normalize("Eerste réactie"), "eerstereactie");
    }

    #[test]
    fn maps_dutch_and_english_headers() {
        let m = map_columns(
            &[
                "Leadnummer",
                "Bron",
                "Aanmaakdatum",
                "Eerste contact",
                "Status",
            ],
            &[],
        );
        assert_eq!(m[Field::Id as usize], Some(0));
        assert_eq!(m[Field::Source as usize], Some(1));
        assert_eq!(m[Field::Created as usize], Some(2));
        assert_eq!(m[Field::FirstContact as usize], Some(3));
        assert_eq!(m[Field::Status as usize], Some(4));
        assert_eq!(m[Field::Sold as usize], None);
        let m = map_columns(&["Lead Source", "Created Date", "Time to Contact"], &[]);
        assert_eq!(m[Field::ResponseMinutes as usize], Some(2));
    }

    #[test]
    fn overrides_win() {
        let m = map_columns(
            &["Bron", "Kanaal", "Datum", "Status"],
            &[
                (Field::Source, Column::Header("kanaal".into())),
                (Field::Created, Column::Index(2)),
                (Field::Status, Column::Ignore),
            ],
        );
        assert_eq!(m[Field::Source as usize], Some(1));
        assert_eq!(m[Field::Created as usize], Some(2));
        assert_eq!(m[Field::Status as usize], None);
    }
}
