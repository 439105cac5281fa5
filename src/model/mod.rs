//! The pure numeric core of leadplan, as specified in MODEL.md: no browser, no clock, no I/O.
#![deny(missing_docs)]

pub mod contact;
pub mod error;
pub mod expected;
pub mod histogram;
pub mod parse;
pub mod presets;
pub mod results;
pub mod sampling;
pub mod scenario;
pub mod simulate;
