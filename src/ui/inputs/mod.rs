//! The planner's inputs, one group per file: economics, lead sources, the follow-up process,
//! seasonality and the advanced (collapsed) settings.

pub mod advanced;
pub mod economics;
pub mod process;
pub mod seasonality;
pub mod sources;
pub mod staffing;
