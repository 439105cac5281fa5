//! leadplan: a lead-plan and follow-up simulator for car dealers.
//!
//! Data flows one way: inputs → [`model::scenario::Scenario`] → the model → results → views.
//!
//! - [`model`]: the pure numeric core (MODEL.md): scenario, contact, expected values, Monte Carlo.
//! - [`codec`]: scenario ↔ share-link fragment, files and CSV.
//! - [`state`]: the app state and its pure reducer; [`i18n`]: Dutch and English texts and input parsing.
//! - `ui`, `charts`: the browser app (compiled for wasm32 only).
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
pub mod charts;
pub mod codec;
pub mod i18n;
pub mod model;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub mod ui;
