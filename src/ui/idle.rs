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
