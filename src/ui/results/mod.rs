//! The planner's results: figure cards, the annual plan as tables, and the model's warnings.

pub mod buy_plan;
pub mod cost_per_sale;
pub mod figures;
pub mod plan_table;
pub mod staffing;
pub mod suggestions;
pub mod warnings;
