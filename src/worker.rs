//! The Monte Carlo in a Web Worker, so typing never waits for it. The worker runs a request in
//! batches sized to about 25 ms, streams a summary at most every 100 ms and always the final
//! one, and between batches looks for a newer request, which replaces the running one (a newer
//! input cancels an older simulation).

use futures::{FutureExt, SinkExt, StreamExt};
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use yew_agent::Registrable;
use yew_agent::reactor::{ReactorScope, reactor};

use crate::model::scenario::Scenario;
use crate::model::simulate::Simulator;
use crate::model::staffing::SuggestionSearch;
use crate::state::simulation::{HISTOGRAM_BINS, SimRequest, SimUpdate};

/// Worker time one batch aims for: long enough that batching costs little, short enough that a
/// newer request is picked up quickly.
const BATCH_MS: f64 = 25.0;
/// Runs in the first batch, before the speed of this machine is known. Small, because the
/// browser first runs new WebAssembly with its baseline compiler and switches to optimised code
/// only when a function is entered again: short early batches reach the fast code sooner
/// (measured in headless Chromium: the first 10,000-run simulation took about 58 ms with a first
/// batch of 2,000 runs, against about 27 ms once warm).
const FIRST_BATCH: u32 = 250;
/// Least time between two progress updates. Each update makes the page render again (figures,
/// the monthly chart's bands), which on a small machine competes with the simulation for the
/// CPU: a 10,000-run simulation (about 20 ms) sends only its result, a long one shows progress
/// a few times a second.
const UPDATE_MS: f64 = 100.0;

fn now_ms() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
}

fn update(id: u32, sim: &Simulator, elapsed_ms: f64) -> SimUpdate {
    let summary = sim.summary();
    SimUpdate {
        id,
        done: sim.runs_done(),
        total: sim.runs_total(),
        lost_revenue_histogram: summary.lost_revenue_histogram(HISTOGRAM_BINS),
        summary: Some(summary),
        elapsed_ms,
        error: None,
        suggestions: None,
        suggestions_ms: None,
    }
}

/// Registers the worker; called when the page's module starts in a worker.
pub fn register() {
    SimulationWorker::registrar().register();
}

/// Runs the warm-up simulates: an amount of work, not of time, as a busy machine (the page
/// rendering beside it) stretches the time a step takes without warming more.
const WARM_RUNS: u32 = 16_000;
/// Worker time after which the warm-up ends all the same (a very slow device). Well above what
/// the runs take: in WebKit on the 2-core test machine the 16,000 runs took 50–300 ms while the
/// page loaded beside them, and a cap of 150 ms that ended them early left the first simulation
/// on slower code (up to 57 ms instead of 14–27).
const WARM_MS: f64 = 1000.0;
/// Runs in one warm-up step.
const WARM_STEP: u32 = 400;

/// The warm-up: the default scenario's simulation in short steps while the worker waits for its
/// first request, so the browser has optimised the simulation before the first result a user
/// waits for. Engines compile optimised code in the background and use it from a function's
/// next call (V8) or a loop's next turns (JavaScriptCore): many short calls, with a turn of the
/// event loop between them that leaves the compiler threads the CPU, get there; a few long
/// ones, or a wait for "no faster than the last step", do not (measured on this project's
/// 2-core test machine: the first 10,000-run simulation took 27–48 ms in Chromium and 24–77 ms
/// in WebKit after such a wait; after this warm-up 15–27 ms and 18–31 ms, 10–15 ms warm).
/// The first request waits for its end (see [`simulation_worker`]).
struct WarmUp {
    sim: Option<Simulator>,
    runs: u32,
    spent: f64,
}

impl WarmUp {
    fn new() -> WarmUp {
        WarmUp {
            sim: Simulator::new(&crate::model::presets::default_scenario()).ok(),
            runs: 0,
            spent: 0.0,
        }
    }

    fn done(&self) -> bool {
        self.sim.is_none() || self.runs >= WARM_RUNS || self.spent >= WARM_MS
    }

    fn step(&mut self) {
        let Some(sim) = &mut self.sim else {
            return;
        };
        if sim.is_done() {
            match Simulator::new(&crate::model::presets::default_scenario()) {
                Ok(s) => *sim = s,
                Err(_) => {
                    self.sim = None;
                    return;
                }
            }
        }
        let t0 = now_ms();
        self.runs += sim.run_batch(WARM_STEP);
        self.spent += now_ms() - t0;
    }
}

/// The simulation reactor: one request at a time, the newest wins.
#[reactor(SimulationWorker)]
pub async fn simulation_worker(mut scope: ReactorScope<SimRequest, SimUpdate>) {
    // The warm-up runs to its end, also when the first request comes meanwhile (it waits, at
    // most the warm-up's few hundred milliseconds from the worker's start): a request that ended
    // it ran on code the engine had not optimised yet (in WebKit 50–80 ms instead of 15–35).
    let mut warm = WarmUp::new();
    let mut first = None;
    while !warm.done() {
        if first.is_some() {
            TimeoutFuture::new(0).await;
            warm.step();
            continue;
        }
        futures::select! {
            request = scope.next().fuse() => match request {
                Some(request) => first = Some(request),
                None => return,
            },
            _ = TimeoutFuture::new(0).fuse() => warm.step(),
        }
    }
    drop(warm);
    let mut next = match first {
        Some(request) => Some(request),
        None => scope.next().await,
    };
    while let Some(request) = next.take() {
        let SimRequest {
            id,
            scenario,
            suggestions,
        } = request;
        let parsed = Scenario::from_json(&scenario);
        // The staffing suggestions (MODEL.md §7) follow the simulation, when asked for. Setting
        // the search up runs today's queue: its time counts as the search's.
        let t0 = now_ms();
        let mut search = match (&parsed, suggestions) {
            (Ok(s), true) => SuggestionSearch::new(s),
            _ => None,
        };
        let setup_ms = now_ms() - t0;
        let mut sim = match parsed.and_then(|s| Simulator::new(&s)) {
            Ok(sim) => sim,
            Err(errors) => {
                let message = errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ");
                let failed = SimUpdate {
                    id,
                    done: 0,
                    total: 0,
                    summary: None,
                    lost_revenue_histogram: Vec::new(),
                    elapsed_ms: 0.0,
                    error: Some(message),
                    suggestions: None,
                    suggestions_ms: None,
                };
                if scope.send(failed).await.is_err() {
                    return;
                }
                next = scope.next().await;
                continue;
            }
        };
        let mut batch = FIRST_BATCH;
        let mut elapsed = 0.0;
        let mut last_update = now_ms();
        loop {
            let t0 = now_ms();
            let ran = sim.run_batch(batch);
            let spent = (now_ms() - t0).max(0.01);
            elapsed += spent;
            // Aim the next batch at BATCH_MS of work, growing at most fourfold at a time.
            let per_run = spent / f64::from(ran.max(1));
            batch = ((BATCH_MS / per_run) as u32).clamp(100, batch.saturating_mul(4));
            let finished = sim.is_done();
            if finished || now_ms() - last_update >= UPDATE_MS {
                let mut u = update(id, &sim, elapsed);
                u.suggestions = search.as_ref().map(|x| (x.done() as u32, x.total() as u32));
                if scope.send(u).await.is_err() {
                    return;
                }
                last_update = now_ms();
            }
            if finished {
                break;
            }
            // Give the event loop a turn so a newer request can arrive; take it if it did.
            futures::select! {
                newer = scope.next().fuse() => match newer {
                    Some(request) => { next = Some(request); break; }
                    None => return,
                },
                _ = TimeoutFuture::new(0).fuse() => {}
            }
        }
        if next.is_none()
            && let Some(search) = search.as_mut()
        {
            match suggest(&mut scope, id, &sim, elapsed, search, setup_ms).await {
                Suggested::Done => {}
                Suggested::Newer(request) => next = Some(request),
                Suggested::Closed => return,
            }
        }
        if next.is_none() {
            next = scope.next().await;
        }
    }
}

/// How the search for staffing suggestions ended.
enum Suggested {
    /// Every block valued and the result sent.
    Done,
    /// A newer request arrived first: it cancels the search.
    Newer(SimRequest),
    /// The page went away.
    Closed,
}

/// Values the staffing blocks a few at a time after the simulation of request `id`, sending
/// progress at most every [`UPDATE_MS`] and the best five at the end, with the search's timing
/// (`setup_ms`, the time [`SuggestionSearch::new`] took, counted in); a newer request between
/// steps cancels it.
async fn suggest(
    scope: &mut ReactorScope<SimRequest, SimUpdate>,
    id: u32,
    sim: &Simulator,
    elapsed: f64,
    search: &mut SuggestionSearch,
    setup_ms: f64,
) -> Suggested {
    let started = now_ms() - setup_ms;
    let mut busy = setup_ms;
    let mut last_update = now_ms();
    // The simulation is finished: its part of every message is the same, made once (a summary
    // of 10,000 runs is not free, and a progress message goes out every UPDATE_MS).
    let finished_sim = update(id, sim, elapsed);
    loop {
        // Blocks until about BATCH_MS of work (a block's queue takes a few milliseconds), then
        // a turn of the event loop for newer input: few turns, each a timer's delay at least.
        let t0 = now_ms();
        loop {
            search.step(1);
            if search.is_done() || now_ms() - t0 >= BATCH_MS {
                break;
            }
        }
        busy += now_ms() - t0;
        let finished = search.is_done();
        if finished || now_ms() - last_update >= UPDATE_MS {
            let mut u = finished_sim.clone();
            u.suggestions = Some((search.done() as u32, search.total() as u32));
            if finished && let Some(summary) = u.summary.as_mut() {
                summary.staffing_suggestions = Some(search.best());
                u.suggestions_ms = Some((busy, now_ms() - started));
            }
            if scope.send(u).await.is_err() {
                return Suggested::Closed;
            }
            last_update = now_ms();
        }
        if finished {
            return Suggested::Done;
        }
        futures::select! {
            newer = scope.next().fuse() => return match newer {
                Some(request) => Suggested::Newer(request),
                None => Suggested::Closed,
            },
            _ = TimeoutFuture::new(0).fuse() => {}
        }
    }
}
