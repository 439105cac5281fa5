//! The planner's side of the import worker (`src/bin/importer.rs`): starts it (a module worker
//! running `importer-loader.js`, which loads the importer's own wasm-bindgen module and
//! WebAssembly, files the planner's bundle does not contain), queues messages until it says it
//! is ready, and hands its answers to a callback. Dropping the bridge ends the worker, which is
//! how a newer file cancels the reading of an older one.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

use crate::state::import::{FromWorker, ToWorker};

/// The loader script, next to index.html (`static/importer-loader.js`).
pub const LOADER: &str = "importer-loader.js";

/// A running import worker.
pub struct ImportBridge {
    worker: Worker,
    /// Messages sent before the worker was ready.
    queue: Rc<RefCell<Option<Vec<js_sys::Object>>>>,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::Event)>,
}

impl ImportBridge {
    /// Starts the worker; `on_message` receives its answers, `on_error` fires when it cannot
    /// start (a missing file, no module workers).
    pub fn spawn(on_message: Callback<FromWorker>, on_error: Callback<()>) -> Option<ImportBridge> {
        let document = web_sys::window()?.document()?;
        let base = document.base_uri().ok()??;
        let url = web_sys::Url::new_with_base(LOADER, &base).ok()?.href();
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&url, &options).ok()?;
        let queue: Rc<RefCell<Option<Vec<js_sys::Object>>>> =
            Rc::new(RefCell::new(Some(Vec::new())));
        let onmessage = {
            let (queue, worker) = (Rc::clone(&queue), worker.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let Some(text) = e.data().as_string() else {
                    return;
                };
                let Ok(message) = serde_json::from_str::<FromWorker>(&text) else {
                    return;
                };
                if message == FromWorker::Ready {
                    if let Some(waiting) = queue.borrow_mut().take() {
                        for m in waiting {
                            let _ = worker.post_message(&m);
                        }
                    }
                    return;
                }
                on_message.emit(message);
            })
        };
        let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
            on_error.emit(());
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Some(ImportBridge {
            worker,
            queue,
            _onmessage: onmessage,
            _onerror: onerror,
        })
    }

    /// Sends a message, with `file` as its `file` (structured clone: the file is not read here).
    pub fn send(&self, message: &ToWorker, file: Option<&web_sys::File>) {
        let Ok(text) = serde_json::to_string(message) else {
            return;
        };
        let object = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&object, &"message".into(), &JsValue::from_str(&text));
        if let Some(f) = file {
            let _ = js_sys::Reflect::set(&object, &"file".into(), f);
        }
        let mut queue = self.queue.borrow_mut();
        match queue.as_mut() {
            Some(waiting) => waiting.push(object),
            None => {
                let _ = self.worker.post_message(&object);
            }
        }
    }
}

impl Drop for ImportBridge {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
