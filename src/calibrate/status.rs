//! Status values and sold flags: the groups of MODEL.md §9.

use serde::Serialize;

use super::headers::normalize;

/// What a lead's status says about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusGroup {
    /// Sold (Sold, Won, Closed Won, Converted, Verkocht, Gewonnen).
    Sold,
    /// Lost (Lost, Closed Lost, Verloren, Unqualified, Bad Timing, Niet interessant).
    Lost,
    /// Still open (New, Open, In Progress, Attempted to Contact, In behandeling); an empty
    /// status and, until the user maps them, unknown values count as open too.
    Open,
    /// Left out of everything (Not Applicable, Spam, Duplicate, Dubbel).
    Excluded,
}

const SOLD: &[&str] = &[
    "Sold",
    "Won",
    "Closed Won",
    "Converted",
    "Verkocht",
    "Gewonnen",
];
const LOST: &[&str] = &[
    "Lost",
    "Closed Lost",
    "Verloren",
    "Unqualified",
    "Bad Timing",
    "Niet interessant",
];
const OPEN: &[&str] = &[
    "New",
    "Open",
    "In Progress",
    "Attempted to Contact",
    "In behandeling",
];
const EXCLUDED: &[&str] = &["Not Applicable", "Spam", "Duplicate", "Dubbel"];

/// The group of a status value by MODEL.md's lists (matched like headers), after the user's
/// `extra` mappings (keys matched the same way, which win); `None` for an unknown value.
/// An empty value is [`StatusGroup::Open`].
pub fn status_group(value: &str, extra: &[(String, StatusGroup)]) -> Option<StatusGroup> {
    let key = normalize(value);
    if let Some((_, g)) = extra.iter().find(|(k, _)| normalize(k) == key) {
        return Some(*g);
    }
    if key.is_empty() {
        return Some(StatusGroup::Open);
    }
    let is = |list: &[&str]| list.iter().any(|v| normalize(v) == key);
    [
        (SOLD, StatusGroup::Sold),
        (LOST, StatusGroup::Lost),
        (OPEN, StatusGroup::Open),
        (EXCLUDED, StatusGroup::Excluded),
    ]
    .into_iter()
    .find(|(list, _)| is(list))
    .map(|(_, g)| g)
}

/// A sold flag: `ja`/`nee`, `yes`/`no`, `1`/`0`, `true`/`false`, `x` (any case), plus `j`/`n`,
/// `y`, `waar`/`onwaar` (Dutch Excel's TRUE/FALSE). Empty is "no" (a column of `x` marks
/// leaves the others empty). `None` for any other value.
pub fn sold_flag(value: &str) -> Option<bool> {
    let v = value.trim().to_lowercase();
    match v.as_str() {
        "ja" | "j" | "yes" | "y" | "1" | "true" | "waar" | "x" => Some(true),
        "" | "nee" | "n" | "no" | "0" | "false" | "onwaar" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_every_listed_value() {
        for (list, g) in [
            (SOLD, StatusGroup::Sold),
            (LOST, StatusGroup::Lost),
            (OPEN, StatusGroup::Open),
            (EXCLUDED, StatusGroup::Excluded),
        ] {
            for v in list {
                assert_eq!(status_group(v, &[]), Some(g), "{v}");
                assert_eq!(status_group(&v.to_uppercase(), &[]), Some(g), "{v}");
            }
        }
        assert_eq!(status_group("closed-won", &[]), Some(StatusGroup::Sold));
        assert_eq!(status_group("", &[]), Some(StatusGroup::Open));
        assert_eq!(status_group("Afgeboekt", &[]), None);
        let extra = [("afgeboekt".to_string(), StatusGroup::Lost)];
        assert_eq!(status_group("Afgeboekt", &extra), Some(StatusGroup::Lost));
    }

    #[test]
    fn sold_flags() {
        for v in ["ja", "Yes", "1", "TRUE", "x", "X"] {
            assert_eq!(sold_flag(v), Some(true), "{v}");
        }
        for v in ["nee", "No", "0", "false", ""] {
            assert_eq!(sold_flag(v), Some(false), "{v}");
        }
        assert_eq!(sold_flag("maybe"), None);
    }
}
