//! leadplan: a lead-plan and follow-up simulator for car dealers.
//!
//! Data flows one way: inputs → [`model::scenario::Scenario`] → the model → results → views.
//!
//! - [`model`]: the pure numeric core (MODEL.md): scenario, contact, expected values, Monte Carlo.
//! - [`codec`]: scenario ↔ share-link fragment, files and CSV.
//! - `cli`: the `leadplan` command's argument handling and I/O (native only).
//! - `state`, `ui`, `charts`, `i18n`: the browser app (compiled for wasm32 only).
#![forbid(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod codec;
pub mod model;
