//! `use_simulation`: runs the Monte Carlo of a scenario in the simulation worker and returns
//! its latest summary. A newer scenario replaces the running simulation; updates of older ones
//! are ignored.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::StreamExt;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;
use yew_agent::Spawnable;
use yew_agent::reactor::ReactorBridge;

use crate::model::scenario::Scenario;
use crate::state::simulation::{SimRequest, SimUpdate};
use crate::worker::SimulationWorker;

/// The script the simulation worker runs: a two-line module (as a blob URL) that imports the
/// page's own wasm-bindgen module and starts it with the page's own wasm, both found through the
/// links trunk writes into index.html (their names carry content hashes, so they cannot be
/// hard-coded). In the worker the same wasm, already in the browser's cache, serves as the
/// simulation worker (see `ui::start`): one download serves both. `None` on a page trunk did
/// not build (such as the in-browser test runner): then there is no simulation.
fn worker_script() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let base = document.url().ok()?;
    let absolute = |selector: &str| {
        let href = document
            .query_selector(selector)
            .ok()??
            .get_attribute("href")?;
        Some(web_sys::Url::new_with_base(&href, &base).ok()?.href())
    };
    let js = absolute("link[rel=modulepreload]")?;
    let wasm = absolute("link[rel=preload][type='application/wasm']")?;
    let source = format!("import init from {js:?};await init({{module_or_path:{wasm:?}}});");
    let parts = js_sys::Array::of1(&JsValue::from_str(&source));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

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
    record_measure_named("leadplan:simulate", worker_ms);
}

/// Records `worker_ms` as `performance.measure(name)`, ending now.
fn record_measure_named(name: &str, worker_ms: f64) {
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
        let _ = measure.call2(&performance, &name.into(), &options);
    }
}

/// The page's one simulation worker, shared through a context: each `use_simulation` talks to
/// it over its own fork of this bridge (one reactor per fork, one worker thread for all).
#[derive(Clone)]
pub struct SimulationBridge(Rc<ReactorBridge<SimulationWorker>>);

impl PartialEq for SimulationBridge {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl SimulationBridge {
    /// Starts the worker: a module worker running the page's own module (see `worker_script`);
    /// `None` where there is no such module. yew-agent's `ReactorProvider` cannot start module
    /// workers (its spawner drops the module flag when it sets the codec), so the bridge is
    /// made here.
    pub fn spawn() -> Option<SimulationBridge> {
        let script = worker_script()?;
        Some(SimulationBridge(Rc::new(
            SimulationWorker::spawner()
                .as_module(true)
                .with_loader(true)
                .spawn(&script),
        )))
    }
}

/// Simulates `scenario` in the worker; re-runs whenever it changes. Needs a
/// `ContextProvider<Option<SimulationBridge>>` above; without a bridge there are no simulation
/// figures.
///
/// ```ignore
/// let sim = use_simulation(Rc::clone(&state.valid));
/// if let Some(update) = sim.current() { /* update.summary, update.done / update.total */ }
/// ```
#[hook]
pub fn use_simulation(scenario: Rc<Scenario>) -> SimulationView {
    use_simulation_with(scenario, false)
}

/// [`use_simulation`], and with `suggestions` the staffing suggestions after it (MODEL.md §7)
/// when today's process is staffed: the planner asks for them, compare does not.
#[hook]
pub fn use_simulation_with(scenario: Rc<Scenario>, suggestions: bool) -> SimulationView {
    let latest = use_state_eq(|| None::<Rc<SimUpdate>>);
    let asked = use_mut_ref(|| 0u32);
    let asked_now = use_state_eq(|| 0u32);
    let root = use_context::<Option<SimulationBridge>>().flatten();
    // This component's own fork of the bridge lives in a task that forwards requests to the
    // worker and updates back; dropping the sender (on unmount) ends it.
    let requests = {
        let (latest, asked) = (latest.clone(), asked.clone());
        // The worker starts after the first render: a fork once it is there.
        let started = root.as_ref().map(|b| Rc::as_ptr(&b.0) as usize);
        use_memo(started, move |_| {
            let mut bridge = root?.0.fork();
            let (tx, rx) = futures::channel::mpsc::unbounded::<SimRequest>();
            wasm_bindgen_futures::spawn_local(async move {
                let mut rx = rx.fuse();
                loop {
                    futures::select! {
                        request = rx.next() => match request {
                            Some(request) => bridge.send_input(request),
                            None => break,
                        },
                        update = bridge.next() => match update {
                            Some(update) if update.id == *asked.borrow() => {
                                // Once per simulation, not again with each suggestions update.
                                if update.finished()
                                    && update.suggestions.is_none_or(|(done, _)| done == 0)
                                {
                                    record_measure(update.elapsed_ms);
                                }
                                // The staffing suggestions' search, once all are valued: the
                                // worker's time on it, and from its start to its end there.
                                if let Some((busy, wall)) = update.suggestions_ms {
                                    record_measure_named("leadplan:suggestions", busy);
                                    record_measure_named("leadplan:suggestions-wall", wall);
                                }
                                latest.set(Some(Rc::new(update)));
                            }
                            Some(_) => {}
                            None => break,
                        },
                    }
                }
            });
            Some(tx)
        })
    };
    {
        let (asked, asked_now) = (asked.clone(), asked_now.clone());
        // Again when the worker arrives, for the scenario on screen then.
        use_effect_with((scenario, requests.is_some()), move |(scenario, _)| {
            let id = *asked.borrow() + 1;
            *asked.borrow_mut() = id;
            asked_now.set(id);
            // Sent when the page is idle (at most 100 ms later), and not before the page is
            // ready (its first render in): the simulation then does not compete for the CPU with
            // the render and chart drawing this change started, and while someone types, only
            // the last value is simulated.
            let pending: Rc<RefCell<Option<super::idle::Idle>>> = Rc::default();
            let cancelled = Rc::new(Cell::new(false));
            if let Some(tx) = (*requests).as_ref() {
                let (tx, pending, cancelled, scenario) = (
                    tx.clone(),
                    Rc::clone(&pending),
                    Rc::clone(&cancelled),
                    Rc::clone(scenario),
                );
                super::app::when_page_ready(move || {
                    if !cancelled.get() {
                        *pending.borrow_mut() = super::idle::when_idle(100, move || {
                            // Written out here, in the task that sends it, not in the render.
                            let request = if suggestions {
                                SimRequest::with_suggestions(id, &scenario)
                            } else {
                                SimRequest::new(id, &scenario)
                            };
                            let _ = tx.unbounded_send(request);
                        });
                    }
                });
            }
            // A newer change (or unmounting) cancels a request not yet sent.
            move || {
                cancelled.set(true);
                if let Some(p) = pending.borrow_mut().take() {
                    p.cancel();
                }
            }
        });
    }
    let update = (*latest).clone();
    let stale = update.as_ref().is_none_or(|u| u.id != *asked_now);
    SimulationView { update, stale }
}
