//! The importer (MODEL.md §9): trunk builds this binary for wasm32 as a module of its own
//! (index.html, `data-type="worker"`), so the import panel, the calibration and calamine stay
//! out of the planner's bundle; the planner loads it only when someone opens the import. On the
//! page it mounts the panel (`ui::crm_import`); the panel starts the same module in a Web
//! Worker, which reads the file it is sent (a `File`, read there, off the main thread), posts
//! progress while it reads, then the preview; on Apply it writes the ticked groups of the last
//! calibration into the scenario it is sent. Messages are the JSON of
//! `leadplan::state::import::{ToWorker, FromWorker}`. Until the first request comes, the worker
//! warms the engine up on a generated export (`leadplan::calibrate::warm`).

fn main() {
    // On the page the module mounts the import panel; in its worker it reads the files.
    #[cfg(target_arch = "wasm32")]
    if web_sys::window().is_some() {
        leadplan::ui::crm_import::host::start();
    } else {
        worker::start();
    }
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use gloo::timers::callback::Timeout;
    use leadplan::calibrate::{Calibration, Options, Progress, calibrate, calibrate_with_progress};
    use leadplan::state::import::{FromWorker, ImportFailure, Preview, ToWorker, apply_groups};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Least time between two progress messages.
    const PROGRESS_MS: f64 = 50.0;

    /// Most warm-up steps, each a read of [`WARM_ROWS`] generated rows in a task of its own
    /// (about a 100,000-row file in all).
    const WARM_STEPS: u32 = 48;
    /// Rows of the warm-up sample: a step takes a few ms once optimised, well under 100 ms in
    /// a cold WebKit, so a file that comes during the warm-up waits one step at most.
    const WARM_ROWS: usize = 2048;

    thread_local! {
        /// The last calibration, for Apply.
        static LAST: RefCell<Option<Calibration>> = const { RefCell::new(None) };
        /// Warm-up steps left; 0 once it ended or a request came.
        static WARM_LEFT: Cell<u32> = const { Cell::new(0) };
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    /// The size of this module's WebAssembly memory, bytes.
    fn memory_bytes() -> f64 {
        wasm_bindgen::memory()
            .dyn_into::<js_sys::WebAssembly::Memory>()
            .map_or(0.0, |m| {
                m.buffer()
                    .dyn_into::<js_sys::ArrayBuffer>()
                    .map_or(0.0, |b| f64::from(b.byte_length()))
            })
    }

    fn now_ms() -> f64 {
        scope().performance().map_or(0.0, |p| p.now())
    }

    fn post(message: &FromWorker) {
        if let Ok(text) = serde_json::to_string(message) {
            let _ = scope().post_message(&JsValue::from_str(&text));
        }
    }

    /// Installs the message handler and says so.
    pub fn start() {
        let handler = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
            // A request ends the warm-up: the user's file comes first.
            WARM_LEFT.with(|w| w.set(0));
            let data = event.data();
            let Some(text) = js_sys::Reflect::get(&data, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
            else {
                return;
            };
            let Ok(message) = serde_json::from_str::<ToWorker>(&text) else {
                return;
            };
            match message {
                ToWorker::Read { id, choices } => {
                    let file = js_sys::Reflect::get(&data, &"file".into())
                        .ok()
                        .and_then(|f| f.dyn_into::<web_sys::Blob>().ok());
                    wasm_bindgen_futures::spawn_local(async move {
                        let bytes = match file {
                            Some(file) => JsFuture::from(file.array_buffer())
                                .await
                                .map(|b| js_sys::Uint8Array::new(&b).to_vec())
                                .map_err(|e| format!("{e:?}")),
                            None => Err("no file".to_string()),
                        };
                        match bytes {
                            Ok(bytes) => read(id, &bytes, &choices.options()),
                            Err(why) => post(&FromWorker::Failed {
                                id,
                                failure: ImportFailure::Unreadable(why),
                            }),
                        }
                    });
                }
                ToWorker::Apply {
                    id,
                    scenario,
                    groups,
                } => {
                    let Ok(base) = serde_json::from_str::<serde_json::Value>(&scenario) else {
                        return;
                    };
                    LAST.with(|last| {
                        if let Some(c) = &*last.borrow() {
                            let out = apply_groups(c, &base, &groups);
                            post(&FromWorker::Applied {
                                id,
                                scenario: out.to_string(),
                            });
                        }
                    });
                }
            }
        });
        scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        post(&FromWorker::Ready);
        WARM_LEFT.with(|w| w.set(WARM_STEPS));
        let sample = Rc::new(leadplan::calibrate::warm::dutch_export(WARM_ROWS, 1));
        Timeout::new(0, move || warm_step(sample, None, 0, 0.0)).forget();
    }

    /// One step of the warm-up (`leadplan::calibrate::warm`): reads the sample and schedules
    /// the next step, until the steps run out, a step takes a quarter of the first's time or
    /// less (the engine has optimised the reading), or a request came.
    fn warm_step(sample: Rc<Vec<u8>>, first_ms: Option<f64>, steps: u32, total_ms: f64) {
        let left = WARM_LEFT.with(Cell::get);
        if left == 0 {
            return;
        }
        let t0 = now_ms();
        let _ = calibrate(&sample, &Options::default());
        let ms = now_ms() - t0;
        let first = first_ms.unwrap_or(ms);
        let (steps, total_ms) = (steps + 1, total_ms + ms);
        if left == 1 || (steps >= 4 && ms <= first / 4.0) {
            WARM_LEFT.with(|w| w.set(0));
            post(&FromWorker::Warmed {
                steps,
                ms: total_ms,
            });
            return;
        }
        WARM_LEFT.with(|w| w.set(left - 1));
        Timeout::new(0, move || warm_step(sample, Some(first), steps, total_ms)).forget();
    }

    fn read(id: u32, bytes: &[u8], options: &leadplan::calibrate::Options) {
        let t0 = now_ms();
        let mut last = f64::NEG_INFINITY;
        let mut progress = |p: Progress| {
            let now = now_ms();
            if now - last >= PROGRESS_MS {
                last = now;
                post(&FromWorker::Progress {
                    id,
                    rows: p.rows,
                    bytes_read: p.bytes_read,
                    total_bytes: p.total_bytes,
                });
            }
        };
        match calibrate_with_progress(bytes, options, &mut progress) {
            Ok(c) => {
                let preview = Preview::of(&c);
                LAST.with(|last| *last.borrow_mut() = Some(c));
                post(&FromWorker::Done {
                    id,
                    preview: Box::new(preview),
                    elapsed_ms: now_ms() - t0,
                    memory_bytes: memory_bytes(),
                });
            }
            Err(e) => post(&FromWorker::Failed {
                id,
                failure: ImportFailure::of(&e),
            }),
        }
    }
}
