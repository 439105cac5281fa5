//! `use_simulation`: runs the Monte Carlo of a scenario in the simulation worker and returns
//! its latest summary. A newer scenario replaces the running simulation; updates of older ones
//! are ignored.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;
use yew_agent::reactor::{ReactorEvent, use_reactor_bridge};

use crate::model::scenario::Scenario;
use crate::state::simulation::{SimRequest, SimUpdate};
use crate::worker::SimulationWorker;

/// The worker's script, relative to the page (gloo-worker loads `worker_bg.wasm` beside it).
pub const WORKER_PATH: &str = "./worker.js";

/// What the simulation hook returns.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SimulationView {
    /// The latest update, possibly of an older scenario while the new one starts.
    pub update: Option<Rc<SimUpdate>>,
    /// Whether `update` belongs to an older scenario than the one asked for.
    pub stale: bool,
}

impl SimulationView {
    /// The update if it belongs to the current scenario.
    pub fn current(&self) -> Option<&Rc<SimUpdate>> {
        self.update.as_ref().filter(|_| !self.stale)
    }
}

/// Records the worker time of a finished simulation as `performance.measure("leadplan:simulate")`
/// on the page, so it can be read with `performance.getEntriesByName`.
fn record_measure(worker_ms: f64) {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let options = js_sys::Object::new();
    let now = performance.now();
    let _ = js_sys::Reflect::set(
        &options,
        &"start".into(),
        &JsValue::from_f64((now - worker_ms).max(0.0)),
    );
    let _ = js_sys::Reflect::set(&options, &"duration".into(), &JsValue::from_f64(worker_ms));
    let measure = js_sys::Reflect::get(&performance, &"measure".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(measure) = measure {
        let _ = measure.call2(&performance, &"leadplan:simulate".into(), &options);
    }
}

/// Simulates `scenario` in the worker; re-runs whenever it changes.
///
/// ```ignore
/// let sim = use_simulation(Rc::clone(&state.valid));
/// if let Some(update) = sim.current() { /* update.summary, update.done / update.total */ }
/// ```
#[hook]
pub fn use_simulation(scenario: Rc<Scenario>) -> SimulationView {
    let latest = use_state_eq(|| None::<Rc<SimUpdate>>);
    let asked = use_mut_ref(|| 0u32);
    let asked_now = use_state_eq(|| 0u32);
    let bridge = {
        let (latest, asked) = (latest.clone(), asked.clone());
        use_reactor_bridge::<SimulationWorker, _>(move |event| {
            if let ReactorEvent::Output(update) = event
                && update.id == *asked.borrow()
            {
                if update.finished() {
                    record_measure(update.elapsed_ms);
                }
                latest.set(Some(Rc::new(update)));
            }
        })
    };
    {
        let (asked, asked_now) = (asked.clone(), asked_now.clone());
        use_effect_with(scenario, move |scenario| {
            let id = *asked.borrow() + 1;
            *asked.borrow_mut() = id;
            asked_now.set(id);
            bridge.send(SimRequest {
                id,
                scenario: (**scenario).clone(),
            });
        });
    }
    let update = (*latest).clone();
    let stale = update.as_ref().is_none_or(|u| u.id != *asked_now);
    SimulationView { update, stale }
}
