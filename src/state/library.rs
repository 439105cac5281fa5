//! The saved scenarios: a versioned document kept in LocalStorage under [`STORAGE_KEY`], with
//! named scenarios and which one is open. Pure: reading and writing the storage happens in the
//! UI's effect; this module only turns text into a [`Library`] (keeping whatever is good and
//! saying what was not) and back.
//!
//! The document, format version 1:
//!
//! ```json
//! { "format": "leadplan.scenarios", "version": 1, "current": 0,
//!   "scenarios": [ { "name": "Typical Dutch dealer", "scenario": { …MODEL.md scenario… } } ] }
//! ```
//!
//! Older content is migrated: a bare scenario document (what a first autosave would naturally
//! store) becomes a library of one; each scenario inside goes through
//! [`Scenario::from_json`], which migrates older scenario versions. A newer library version is
//! left untouched and the library is read-only for this session, so an older build never
//! destroys a newer one's work.

use serde_json::{Map, Value, json};

use crate::model::scenario::{FieldError, MAX_SCENARIO_NAME, Scenario};

/// The LocalStorage key of the library document.
pub const STORAGE_KEY: &str = "leadplan.scenarios";
/// Where the raw text of a damaged library is copied before it is first overwritten, so nothing
/// the user had is lost beyond recovery.
pub const BACKUP_KEY: &str = "leadplan.scenarios.backup";
/// The `format` marker of the document.
pub const FORMAT: &str = "leadplan.scenarios";
/// The library format version this program writes and the newest it reads.
pub const LIBRARY_VERSION: u64 = 1;

/// One saved scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The name shown in the list; unique in the library; also written as the scenario's `name`.
    pub name: String,
    /// The scenario (always valid: only valid scenarios are saved).
    pub scenario: Scenario,
}

/// The saved scenarios and which one is open (`None`: the scenario on screen is not saved, e.g.
/// opened from a link or a preset).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Library {
    /// The scenarios, in the user's order.
    pub entries: Vec<Entry>,
    /// Index of the open scenario.
    pub current: Option<usize>,
}

/// Something found while reading the stored document that the user should know about.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadNotice {
    /// The stored text is not JSON: nothing could be kept.
    NotJson,
    /// The stored JSON is not a library document: nothing could be kept.
    WrongShape,
    /// Written by a newer leadplan: left untouched, nothing is saved this session.
    NewerVersion {
        /// The version found.
        found: u64,
    },
    /// An older format was converted.
    Migrated {
        /// The version found (0: a bare scenario document).
        from: u64,
    },
    /// One saved scenario could not be read and was left out; the others were kept.
    Dropped {
        /// Its name, as far as it could be read (else its position, 1-based).
        name: String,
        /// What is wrong with it.
        errors: Vec<FieldError>,
    },
}

impl LoadNotice {
    /// Whether the stored text lost something when read, so it should be backed up before the
    /// first write.
    pub fn loses_data(&self) -> bool {
        matches!(
            self,
            LoadNotice::NotJson | LoadNotice::WrongShape | LoadNotice::Dropped { .. }
        )
    }
}

/// Why a name cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameError {
    /// Empty or only white space.
    Empty,
    /// Longer than [`MAX_SCENARIO_NAME`] characters.
    TooLong,
    /// Another saved scenario has it.
    Taken,
}

/// The result of reading the stored text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    /// What could be kept.
    pub library: Library,
    /// What the user should be told.
    pub notices: Vec<LoadNotice>,
    /// Whether writing would destroy something this program cannot read (a newer version).
    pub read_only: bool,
}

impl Library {
    /// Reads the stored text (`None`: nothing stored yet). Never fails: whatever is good is
    /// kept, the rest is reported.
    pub fn load(text: Option<&str>) -> Loaded {
        let Some(text) = text else {
            return Loaded::default();
        };
        let mut loaded = Loaded::default();
        // The same JSON reader as scenario files (one copy in the page).
        let Ok(root) = crate::model::parse::parse_syntax(text) else {
            loaded.notices.push(LoadNotice::NotJson);
            return loaded;
        };
        let Value::Object(root) = root else {
            loaded.notices.push(LoadNotice::WrongShape);
            return loaded;
        };
        // Format 0: a bare scenario document.
        if !root.contains_key("scenarios") && root.contains_key("sources") {
            loaded.notices.push(LoadNotice::Migrated { from: 0 });
            match Scenario::from_json(text) {
                Ok(s) => {
                    let name = non_blank(&s.name).unwrap_or("Scenario").to_owned();
                    loaded.library.push(name, s);
                    loaded.library.current = Some(0);
                }
                Err(errors) => loaded.notices.push(LoadNotice::Dropped {
                    name: "1".into(),
                    errors,
                }),
            }
            return loaded;
        }
        let version = root.get("version").and_then(Value::as_u64);
        let Some(version) = version.filter(|_| root.get("format") == Some(&json!(FORMAT))) else {
            loaded.notices.push(LoadNotice::WrongShape);
            return loaded;
        };
        if version > LIBRARY_VERSION {
            loaded
                .notices
                .push(LoadNotice::NewerVersion { found: version });
            loaded.read_only = true;
            return loaded;
        }
        let Some(Value::Array(items)) = root.get("scenarios") else {
            loaded.notices.push(LoadNotice::WrongShape);
            return loaded;
        };
        let wanted = root
            .get("current")
            .and_then(Value::as_u64)
            .and_then(|c| usize::try_from(c).ok());
        for (i, item) in items.iter().enumerate() {
            let name = item
                .get("name")
                .and_then(Value::as_str)
                .and_then(non_blank)
                .map(str::to_owned);
            let label = name.clone().unwrap_or_else(|| (i + 1).to_string());
            let scenario = match item.get("scenario") {
                Some(v @ Value::Object(_)) => Scenario::from_json(&v.to_string()),
                _ => Err(vec![FieldError::new(
                    "scenario",
                    crate::model::scenario::Problem::Missing,
                )]),
            };
            match scenario {
                Ok(s) => {
                    let index = loaded.library.push(name.unwrap_or(label), s);
                    if wanted == Some(i) {
                        loaded.library.current = Some(index);
                    }
                }
                Err(errors) => loaded.notices.push(LoadNotice::Dropped {
                    name: label,
                    errors,
                }),
            }
        }
        loaded
    }

    /// The document's text.
    pub fn to_json(&self) -> String {
        let scenarios: Vec<Value> = self
            .entries
            .iter()
            .map(|e| {
                let mut o = Map::new();
                o.insert("name".into(), Value::String(e.name.clone()));
                // Like `Scenario::to_json`: the lowest version that can express the scenario,
                // so a library of version-1 scenarios stays readable by older programs.
                let mut scenario = serde_json::to_value(&e.scenario).unwrap_or(Value::Null);
                if let Some(doc) = scenario.as_object_mut() {
                    doc.insert("version".into(), e.scenario.format_version().into());
                }
                o.insert("scenario".into(), scenario);
                Value::Object(o)
            })
            .collect();
        json!({
            "format": FORMAT,
            "version": LIBRARY_VERSION,
            "current": self.current,
            "scenarios": scenarios,
        })
        .to_string()
    }

    /// Adds a scenario under a name made unique; returns its index. Does not open it.
    fn push(&mut self, name: String, mut scenario: Scenario) -> usize {
        let name = self.unique_name(&name, None);
        scenario.name.clone_from(&name);
        self.entries.push(Entry { name, scenario });
        self.entries.len() - 1
    }

    /// `base`, or `base (2)`, `base (3)`… : the first name no other entry (but `except`) has.
    pub fn unique_name(&self, base: &str, except: Option<usize>) -> String {
        let base: String = non_blank(base)
            .unwrap_or("Scenario")
            .chars()
            .take(MAX_SCENARIO_NAME - 6)
            .collect();
        let taken = |n: &str| {
            self.entries
                .iter()
                .enumerate()
                .any(|(i, e)| Some(i) != except && e.name == n)
        };
        let mut name = base.clone();
        let mut k = 2;
        while taken(&name) {
            name = format!("{base} ({k})");
            k += 1;
        }
        name
    }

    /// Whether `name` can be given to the entry `except` (or a new one).
    pub fn check_name(&self, name: &str, except: Option<usize>) -> Result<String, NameError> {
        let name = name.trim();
        if name.is_empty() {
            Err(NameError::Empty)
        } else if name.chars().count() > MAX_SCENARIO_NAME {
            Err(NameError::TooLong)
        } else if self
            .entries
            .iter()
            .enumerate()
            .any(|(i, e)| Some(i) != except && e.name == name)
        {
            Err(NameError::Taken)
        } else {
            Ok(name.to_owned())
        }
    }

    /// Saves `scenario` as a new entry named `name` and opens it; returns the saved scenario.
    pub fn save_as(&mut self, name: &str, scenario: &Scenario) -> Result<Scenario, NameError> {
        let name = self.check_name(name, None)?;
        let index = self.push(name, scenario.clone());
        self.current = Some(index);
        Ok(self.entries[index].scenario.clone())
    }

    /// Renames an entry; returns its scenario (with the new name).
    pub fn rename(&mut self, index: usize, name: &str) -> Result<Scenario, NameError> {
        let name = self.check_name(name, Some(index))?;
        let entry = self.entries.get_mut(index).ok_or(NameError::Empty)?;
        entry.scenario.name.clone_from(&name);
        entry.name = name;
        Ok(entry.scenario.clone())
    }

    /// Copies an entry right after it, named `<name> (<suffix>)` (made unique), and opens the
    /// copy; returns it.
    pub fn duplicate(&mut self, index: usize, suffix: &str) -> Option<Scenario> {
        let entry = self.entries.get(index)?;
        let name = self.unique_name(&format!("{} ({suffix})", entry.name), None);
        let mut scenario = entry.scenario.clone();
        scenario.name.clone_from(&name);
        self.entries.insert(
            index + 1,
            Entry {
                name,
                scenario: scenario.clone(),
            },
        );
        self.current = Some(index + 1);
        Some(scenario)
    }

    /// Deletes an entry. If it was open, the entry that takes its place (or the one before) is
    /// opened and returned; with none left, nothing is open and the scenario stays on screen.
    pub fn delete(&mut self, index: usize) -> Option<Scenario> {
        if index >= self.entries.len() {
            return None;
        }
        self.entries.remove(index);
        match self.current {
            Some(c) if c == index => {
                self.current = if self.entries.is_empty() {
                    None
                } else {
                    Some(index.min(self.entries.len() - 1))
                };
                self.current.map(|c| self.entries[c].scenario.clone())
            }
            Some(c) if c > index => {
                self.current = Some(c - 1);
                None
            }
            _ => None,
        }
    }

    /// Opens an entry; returns its scenario.
    pub fn switch(&mut self, index: usize) -> Option<Scenario> {
        let scenario = self.entries.get(index)?.scenario.clone();
        self.current = Some(index);
        Some(scenario)
    }

    /// Autosave: records the scenario on screen. An open entry is updated; an unsaved scenario
    /// is saved as a new entry once it differs from `opened` (what was opened unsaved: the
    /// default, a link, a preset), so edits are never lost and nothing saved is overwritten.
    /// Returns whether the library changed.
    pub fn record(&mut self, scenario: &Scenario, opened: &Scenario) -> bool {
        match self.current.and_then(|c| self.entries.get_mut(c)) {
            Some(entry) => {
                let mut s = scenario.clone();
                s.name.clone_from(&entry.name);
                if entry.scenario == s {
                    return false;
                }
                entry.scenario = s;
                true
            }
            None if scenario != opened => {
                let name = self.unique_name(&scenario.name, None);
                let index = self.push(name, scenario.clone());
                self.current = Some(index);
                true
            }
            None => false,
        }
    }

    /// The open entry.
    pub fn open_entry(&self) -> Option<&Entry> {
        self.current.and_then(|c| self.entries.get(c))
    }
}

fn non_blank(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::{WorkshopPreset, default_scenario};

    fn two() -> Library {
        let mut lib = Library::default();
        let _ = lib.save_as("A", &default_scenario());
        let _ = lib.save_as("B", &WorkshopPreset::BestPractice.scenario());
        lib
    }

    #[test]
    fn a_library_round_trips_through_its_document() {
        let lib = two();
        let loaded = Library::load(Some(&lib.to_json()));
        assert_eq!(loaded.notices, vec![]);
        assert!(!loaded.read_only);
        assert_eq!(loaded.library, lib);
        assert_eq!(loaded.library.current, Some(1));
        assert_eq!(Library::load(None), Loaded::default());
    }

    #[test]
    fn garbage_gives_an_empty_library_and_a_notice() {
        for (text, notice) in [
            ("not json{", LoadNotice::NotJson),
            ("[1,2]", LoadNotice::WrongShape),
            (
                "{\"format\":\"other\",\"version\":1}",
                LoadNotice::WrongShape,
            ),
            (
                "{\"format\":\"leadplan.scenarios\",\"version\":1,\"scenarios\":7}",
                LoadNotice::WrongShape,
            ),
        ] {
            let loaded = Library::load(Some(text));
            assert_eq!(loaded.library, Library::default(), "{text}");
            assert_eq!(loaded.notices, vec![notice.clone()], "{text}");
            assert!(notice.loses_data());
        }
    }

    #[test]
    fn one_bad_scenario_is_dropped_and_the_good_ones_kept() {
        let lib = two();
        let mut doc: Value = serde_json::from_str(&lib.to_json()).unwrap_or(Value::Null);
        doc["scenarios"][0]["scenario"]["sources"][1]["conversion_now"] = json!("lots");
        if let Some(a) = doc["scenarios"].as_array_mut() {
            a.push(json!({"name": "C"}));
        }
        let loaded = Library::load(Some(&doc.to_string()));
        assert_eq!(loaded.library.entries.len(), 1);
        assert_eq!(loaded.library.entries[0].name, "B");
        assert_eq!(loaded.library.current, Some(0));
        assert_eq!(loaded.notices.len(), 2);
        assert!(
            matches!(&loaded.notices[0], LoadNotice::Dropped { name, errors }
            if name == "A" && errors[0].path == "sources[1].conversion_now")
        );
        assert!(matches!(&loaded.notices[1], LoadNotice::Dropped { name, .. } if name == "C"));
    }

    #[test]
    fn scenarios_are_stored_with_their_format_version() {
        let mut lib = two();
        let v1 = default_scenario();
        let mut v2 = default_scenario();
        v2.sources[0].max_leads_per_month = Some(200.0);
        v2.sources[1].fixed_cost_per_month = 150.0;
        v2.budget_per_year = Some(40_000.0);
        assert_eq!(lib.save_as("v1", &v1).map(|_| ()), Ok(()));
        let stored = lib.save_as("v2", &v2);
        assert!(stored.is_ok());
        let doc: Value = serde_json::from_str(&lib.to_json()).unwrap_or(Value::Null);
        let version_of = |name: &str| {
            doc["scenarios"]
                .as_array()
                .and_then(|a| a.iter().find(|e| e["name"] == json!(name)))
                .map(|e| e["scenario"]["version"].clone())
        };
        assert_eq!(version_of("v1"), Some(json!(1)));
        assert_eq!(version_of("v2"), Some(json!(2)));
        let loaded = Library::load(Some(&lib.to_json()));
        let back = loaded.library.entries.iter().find(|e| e.name == "v2");
        assert_eq!(back.map(|e| e.scenario.clone()), stored.ok());
    }

    #[test]
    fn old_and_new_versions() {
        let bare = default_scenario().to_json_pretty();
        let loaded = Library::load(Some(&bare));
        assert_eq!(loaded.notices, vec![LoadNotice::Migrated { from: 0 }]);
        assert_eq!(loaded.library.entries[0].scenario, default_scenario());
        assert_eq!(loaded.library.current, Some(0));
        let newer = "{\"format\":\"leadplan.scenarios\",\"version\":9,\"scenarios\":[]}";
        let loaded = Library::load(Some(newer));
        assert!(loaded.read_only);
        assert_eq!(loaded.notices, vec![LoadNotice::NewerVersion { found: 9 }]);
    }

    #[test]
    fn save_as_rename_duplicate_delete_switch() {
        let mut lib = two();
        assert_eq!(lib.save_as("A", &default_scenario()), Err(NameError::Taken));
        assert_eq!(
            lib.save_as("  ", &default_scenario()),
            Err(NameError::Empty)
        );
        assert_eq!(lib.rename(0, "B"), Err(NameError::Taken));
        assert_eq!(lib.rename(0, " A2 ").map(|s| s.name), Ok("A2".to_owned()));
        let copy = lib.duplicate(0, "copy").map(|s| s.name);
        assert_eq!(copy.as_deref(), Some("A2 (copy)"));
        assert_eq!(lib.current, Some(1));
        let again = lib.duplicate(0, "copy").map(|s| s.name);
        assert_eq!(again.as_deref(), Some("A2 (copy) (2)"));
        let names: Vec<_> = lib.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["A2", "A2 (copy) (2)", "A2 (copy)", "B"]);
        // Deleting the open one opens its neighbour; deleting another keeps the open one.
        assert_eq!(lib.current, Some(1));
        let opened = lib.delete(1).map(|s| s.name);
        assert_eq!(opened.as_deref(), Some("A2 (copy)"));
        assert_eq!(lib.switch(2).map(|s| s.name).as_deref(), Some("B"));
        assert_eq!(lib.delete(0), None);
        assert_eq!(lib.current, Some(1));
        assert_eq!(lib.switch(9), None);
    }

    #[test]
    fn autosave_updates_the_open_entry_or_saves_new_work() {
        let opened = default_scenario();
        let mut lib = Library::default();
        assert!(!lib.record(&opened, &opened));
        let mut edited = opened.clone();
        edited.sources[0].leads_per_month = 200.0;
        assert!(lib.record(&edited, &opened));
        assert_eq!(lib.current, Some(0));
        assert_eq!(lib.entries[0].name, "Typical Dutch dealer");
        edited.sources[0].leads_per_month = 210.0;
        assert!(lib.record(&edited, &opened));
        assert!(!lib.record(&edited, &opened));
        assert_eq!(lib.entries.len(), 1);
        assert_eq!(lib.entries[0].scenario.sources[0].leads_per_month, 210.0);
        // A link's scenario, unsaved, edited: saved beside, never over, the saved one.
        lib.current = None;
        assert!(lib.record(&opened, &edited));
        assert_eq!(lib.entries[1].name, "Typical Dutch dealer (2)");
    }
}
