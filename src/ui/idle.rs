//! Running a callback when the page is idle, in every supported engine.
//!
//! `requestIdleCallback` is missing in Safari (WebKit) up to this day: calling it there throws,
//! which once left the planner's uncertainty on "being computed" for ever. So it is detected, not
//! assumed, and where it is missing a stand-in waits for what an idle period follows: the
//! current tasks, then the next frame's rendering (its animation frame, then the end of its
//! task), so work queued after a change (a chart's drawing, its paint) has had its turn.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The stand-in's first wait where `requestIdleCallback` is missing: about one 60 Hz frame, so
/// that tasks already queued (a chart drawing after a render) come first.
pub const FALLBACK_DELAY_MS: u32 = 16;

/// The callback of a [`when_idle`], until it runs or is cancelled.
type Pending = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

/// A callback waiting for the page to be idle; dropping it does not cancel it, [`Idle::cancel`]
/// does.
pub struct Idle {
    window: web_sys::Window,
    pending: Pending,
    /// The idle callback's handle and closure (owned here until it runs or is cancelled); `None`
    /// where the stand-in waits instead.
    idle_callback: Option<(u32, Closure<dyn FnMut()>)>,
}

/// Whether this engine has `requestIdleCallback` (feature detection, never the user agent).
pub fn has_idle_callback(window: &web_sys::Window) -> bool {
    js_sys::Reflect::get(window, &JsValue::from_str("requestIdleCallback"))
        .map(|f| f.is_function())
        .unwrap_or(false)
}

/// Runs the pending callback, if it has not run and was not cancelled.
fn run(pending: &Pending) {
    let f = pending.borrow_mut().take();
    if let Some(f) = f {
        f();
    }
}

/// `requestIdleCallback(run pending, {timeout})`, where the engine has it and it succeeds.
fn request_idle_callback(
    window: &web_sys::Window,
    timeout_ms: u32,
    pending: &Pending,
) -> Option<(u32, Closure<dyn FnMut()>)> {
    if !has_idle_callback(window) {
        return None;
    }
    let pending = Rc::clone(pending);
    let callback = Closure::<dyn FnMut()>::new(move || run(&pending));
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(timeout_ms);
    let handle = window
        .request_idle_callback_with_options(callback.as_ref().unchecked_ref(), &options)
        .ok()?;
    Some((handle, callback))
}

/// Runs `f` once when the page is idle, at the latest after about `timeout_ms`. Where the engine
/// has no `requestIdleCallback`: after [`FALLBACK_DELAY_MS`] and then the next rendered frame
/// ([`after_next_frame`], waiting at most `timeout_ms` for it). `None` only without a window.
pub fn when_idle(timeout_ms: u32, f: impl FnOnce() + 'static) -> Option<Idle> {
    let window = web_sys::window()?;
    let pending: Pending = Rc::new(RefCell::new(Some(Box::new(f))));
    let idle_callback = request_idle_callback(&window, timeout_ms, &pending);
    if idle_callback.is_none() {
        let pending = Rc::clone(&pending);
        wasm_bindgen_futures::spawn_local(async move {
            gloo::timers::future::TimeoutFuture::new(FALLBACK_DELAY_MS).await;
            after_next_frame(timeout_ms).await;
            run(&pending);
        });
    }
    Some(Idle {
        window,
        pending,
        idle_callback,
    })
}

impl Idle {
    /// Cancels the callback if it has not run yet.
    pub fn cancel(self) {
        self.pending.borrow_mut().take();
        if let Some((handle, _callback)) = self.idle_callback {
            self.window.cancel_idle_callback(handle);
        }
    }
}

/// The longest [`after_first_paint`] waits for a frame: a hidden tab or an off-screen frame
/// may not render one for a long time, and the app must start there too.
pub const FIRST_PAINT_WAIT_MS: u32 = 100;

/// Resolves once the browser has painted what the page holds now (a frame has been rendered,
/// then its task has ended), or after [`FIRST_PAINT_WAIT_MS`]. The app awaits it before it
/// replaces the page's first paint: where the wasm arrives before the first frame (a fast
/// connection, a cached visit), the static page is still painted first instead of the app's
/// first render being one long task before anything shows, and that render is a task of its
/// own, not the one that instantiated the wasm.
pub async fn after_first_paint() {
    after_next_frame(FIRST_PAINT_WAIT_MS).await;
}

/// Resolves once the next frame has been rendered and its task has ended, or after `max_wait_ms`
/// where no frame comes (a hidden tab), then after the current task.
pub async fn after_next_frame(max_wait_ms: u32) {
    use futures::FutureExt;
    let (painted, frame) = futures::channel::oneshot::channel::<()>();
    let _request = gloo::render::request_animation_frame(move |_| {
        let _ = painted.send(());
    });
    futures::select! {
        _ = frame.fuse() => {}
        _ = gloo::timers::future::TimeoutFuture::new(max_wait_ms).fuse() => {}
    }
    // The frame's own task: rendering happens after the animation-frame callbacks.
    gloo::timers::future::TimeoutFuture::new(0).await;
}
