//! Scenario ↔ text: the address fragment and its share-link payload (file import/export and
//! CSV follow the same pattern).

pub mod embed;
pub mod fragment;
pub mod link;
