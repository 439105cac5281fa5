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
pub const FALLBACK_DELAY_MS: i32 = 16;

/// The callback of a [`when_idle`], until it runs or is cancelled.
type Pending = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

/// A callback waiting for the page to be idle; dropping it does not cancel it, [`Idle::cancel`]
/// does.
pub struct Idle {
    window: web_sys::Window,
    handle: Handle,
    pending: Pending,
    // Owned here until it runs or is cancelled.
    _callback: Closure<dyn FnMut()>,
}

enum Handle {
    IdleCallback(u32),
    Timeout(i32),
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

/// A one-shot `setTimeout` of `f` after `ms`; the closure frees itself once called.
fn timeout_once(window: &web_sys::Window, ms: i32, f: impl FnOnce() + 'static) {
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        Closure::once_into_js(f).unchecked_ref(),
        ms,
    );
}

/// The stand-in's second step: after the next frame's rendering (an animation frame, then a
/// task after it), or after `timeout_ms` where no frame comes (a hidden tab), whichever is first.
fn after_next_frame(window: &web_sys::Window, timeout_ms: u32, pending: &Pending) {
    let in_frame = Rc::clone(pending);
    let next = window.clone();
    let frame = Closure::once_into_js(move || {
        timeout_once(&next, 0, move || run(&in_frame));
    });
    let _ = window.request_animation_frame(frame.unchecked_ref());
    let late = Rc::clone(pending);
    timeout_once(
        window,
        timeout_ms.try_into().unwrap_or(i32::MAX),
        move || run(&late),
    );
}

/// Runs `f` once when the page is idle, at the latest after about `timeout_ms`. Where the engine
/// has no `requestIdleCallback`: after [`FALLBACK_DELAY_MS`] and then the next rendered frame.
/// `None` only without a window.
pub fn when_idle(timeout_ms: u32, f: impl FnOnce() + 'static) -> Option<Idle> {
    let window = web_sys::window()?;
    let pending: Pending = Rc::new(RefCell::new(Some(Box::new(f))));
    let idle_callback = has_idle_callback(&window);
    let callback = {
        let (pending, window) = (Rc::clone(&pending), window.clone());
        Closure::<dyn FnMut()>::new(move || {
            if idle_callback {
                run(&pending);
            } else {
                after_next_frame(&window, timeout_ms, &pending);
            }
        })
    };
    let function = callback.as_ref().unchecked_ref();
    let idle = idle_callback
        .then(|| {
            let options = web_sys::IdleRequestOptions::new();
            options.set_timeout(timeout_ms);
            window
                .request_idle_callback_with_options(function, &options)
                .ok()
        })
        .flatten();
    let handle = match idle {
        Some(handle) => Handle::IdleCallback(handle),
        None => Handle::Timeout(
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(function, FALLBACK_DELAY_MS)
                .ok()?,
        ),
    };
    Some(Idle {
        window,
        handle,
        pending,
        _callback: callback,
    })
}

impl Idle {
    /// Cancels the callback if it has not run yet.
    pub fn cancel(self) {
        self.pending.borrow_mut().take();
        match self.handle {
            Handle::IdleCallback(h) => self.window.cancel_idle_callback(h),
            Handle::Timeout(h) => self.window.clear_timeout_with_handle(h),
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
    use futures::FutureExt;
    let (painted, frame) = futures::channel::oneshot::channel::<()>();
    let _request = gloo::render::request_animation_frame(move |_| {
        let _ = painted.send(());
    });
    futures::select! {
        _ = frame.fuse() => {}
        _ = gloo::timers::future::TimeoutFuture::new(FIRST_PAINT_WAIT_MS).fuse() => {}
    }
    // The frame's own task: rendering happens after the animation-frame callbacks.
    gloo::timers::future::TimeoutFuture::new(0).await;
}
