//! Running a callback when the page is idle, in every supported engine.
//!
//! `requestIdleCallback` is missing in Safari (WebKit) up to this day: calling it there throws,
//! which once left the planner's uncertainty on "being computed" for ever. So it is detected, not
//! assumed, and where it is missing a short timeout stands in: the callback then runs after the
//! current task and the next frame's rendering have had their turn, which is all the idle
//! callback was for.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The stand-in's delay where `requestIdleCallback` is missing: about one 60 Hz frame.
pub const FALLBACK_DELAY_MS: i32 = 16;

/// A callback waiting for the page to be idle; dropping it does not cancel it, [`Idle::cancel`]
/// does.
pub struct Idle {
    window: web_sys::Window,
    handle: Handle,
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

/// Runs `f` once when the page is idle, at the latest after `timeout_ms`; where the engine has no
/// `requestIdleCallback`, after [`FALLBACK_DELAY_MS`]. `None` only without a window.
pub fn when_idle(timeout_ms: u32, f: impl FnOnce() + 'static) -> Option<Idle> {
    let window = web_sys::window()?;
    let mut f = Some(f);
    let callback = Closure::<dyn FnMut()>::new(move || {
        if let Some(f) = f.take() {
            f();
        }
    });
    let function = callback.as_ref().unchecked_ref();
    let idle = has_idle_callback(&window)
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
        _callback: callback,
    })
}

impl Idle {
    /// Cancels the callback if it has not run yet.
    pub fn cancel(self) {
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
