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
    /// The scenario's JSON (the file format), already validated by the page. Text rather than
    /// the struct, so the page needs no second (binary) encoding of scenarios: the worker reads
    /// it with the same reader as files and links, exactly.
    pub scenario: String,
    /// Also look for the staffing suggestions (MODEL.md §7) once the simulation is done, when
    /// today's process is staffed; they arrive in `summary.staffing_suggestions`.
    #[serde(default)]
    pub suggestions: bool,
}

impl SimRequest {
    /// The request to simulate `scenario`.
    pub fn new(id: u32, scenario: &Scenario) -> SimRequest {
        SimRequest {
            id,
            scenario: scenario.to_json(),
            suggestions: false,
        }
    }

    /// The request to simulate `scenario` and then find its staffing suggestions.
    pub fn with_suggestions(id: u32, scenario: &Scenario) -> SimRequest {
        SimRequest {
            suggestions: scenario.process_now.capacity.is_some(),
            ..SimRequest::new(id, scenario)
        }
    }
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
    /// The staffing suggestions' progress, (blocks valued, blocks in all), once the simulation
    /// is done and while they are looked for; `None` when not asked for.
    #[serde(default)]
    pub suggestions: Option<(u32, u32)>,
    /// The staffing suggestions' timing once every block is valued: (worker time spent on the
    /// search, time from its start to its end in the worker, both in milliseconds; the second
    /// also holds the turns the worker gives its event loop between steps). `None` before.
    #[serde(default)]
    pub suggestions_ms: Option<(f64, f64)>,
}

impl SimUpdate {
    /// Whether every run is done.
    pub fn finished(&self) -> bool {
        self.done >= self.total
    }

    /// Whether the staffing suggestions are being looked for (asked for and not all valued).
    pub fn suggesting(&self) -> bool {
        self.suggestions.is_some_and(|(done, total)| done < total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::WorkshopPreset;

    #[test]
    fn a_request_carries_the_scenario_exactly() {
        for preset in WorkshopPreset::all() {
            let s = preset.scenario();
            let request = SimRequest::new(7, &s);
            assert_eq!(request.id, 7);
            assert_eq!(Scenario::from_json(&request.scenario), Ok(s));
        }
    }
}
