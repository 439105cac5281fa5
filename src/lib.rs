//! leadplan: a lead-plan and follow-up simulator for car dealers.
//!
//! Data flows one way: inputs → [`model::scenario::Scenario`] → the model → results → views.
//!
//! - [`model`]: the pure numeric core (MODEL.md): scenario, contact, expected values, Monte Carlo.
//! - [`calibrate`]: a lead export (CSV or spreadsheet) turned into a scenario and a report (§9).
//! - [`codec`]: scenario ↔ share-link fragment, files and CSV.
//! - [`state`]: the app state and its pure reducer; [`i18n`]: Dutch and English texts and input parsing.
//! - `cli`: the `leadplan` command's argument handling and I/O (native only).
//! - `ui`, `charts`, `worker`: the browser app (compiled for wasm32 only).
#![forbid(unsafe_code)]

pub mod calibrate;
#[cfg(target_arch = "wasm32")]
pub mod charts;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod codec;
pub mod decimal;
#[cfg(not(target_arch = "wasm32"))]
pub mod first_paint;
pub mod i18n;
pub mod model;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub mod ui;
