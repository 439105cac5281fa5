//! The messages between the page and the simulation worker: a scenario to simulate, and the
//! summaries that stream back while it runs. Plain serde data, shared by both sides.

use serde::{Deserialize, Serialize};

use crate::model::scenario::Scenario;
use crate::model::simulate::SimulationSummary;

/// Bins of the lost-revenue distribution sent with each update.
pub const HISTOGRAM_BINS: usize = 30;

/// Simulate this scenario; a newer request cancels the one before.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimRequest {
    /// Increases with every request, so stale updates can be recognised.
    pub id: u32,
    /// The scenario, already validated by the page.
    pub scenario: Scenario,
}

/// Progress of a simulation: the summary over the runs done so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimUpdate {
    /// The request this answers.
    pub id: u32,
    /// Runs done.
    pub done: u32,
    /// Runs asked for.
    pub total: u32,
    /// The summary over the runs done; `None` when the scenario could not be simulated.
    pub summary: Option<SimulationSummary>,
    /// The distribution of annual lost revenue: (low, high, share of runs).
    pub lost_revenue_histogram: Vec<(f64, f64, f64)>,
    /// Worker time spent on this request so far, in milliseconds.
    pub elapsed_ms: f64,
    /// Why the scenario could not be simulated, if it could not.
    pub error: Option<String>,
}

impl SimUpdate {
    /// Whether every run is done.
    pub fn finished(&self) -> bool {
        self.done >= self.total
    }
}
