//! Scenario ↔ text: the share-link fragment, JSON files and CSV export.
