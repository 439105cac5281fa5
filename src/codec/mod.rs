//! Scenario ↔ text: the address fragment and its share-link payload, the scenario file
//! (import/export) and the CSV of the annual plan.

pub mod csv;
pub mod deflate;
pub mod embed;
pub mod file;
pub mod fragment;
pub mod link;
