//! `ChartCanvas`: the one component that owns a chart's `<canvas>`: sizes its backing store for
//! sharp hi-DPI drawing, redraws when the draw callback or the size changes (never on every
//! render), shows a short message when drawing fails, and carries the text alternative.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlCanvasElement, ResizeObserver};
use yew::prelude::*;

use super::{ChartError, Mapping};

/// How long the canvas must keep its new size before it is redrawn: long enough to skip the
/// intermediate sizes of a window drag, short enough to feel immediate.
const RESIZE_DEBOUNCE_MS: u32 = 120;

/// Hides the text alternative visually while keeping it for screen readers.
const VISUALLY_HIDDEN: &str = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;\
     overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0";

/// What a draw callback receives: the canvas, its backing store already sized to CSS size ×
/// device pixel ratio, and that ratio (use it as [`super::Theme::scale`]).
#[derive(Clone, Debug, PartialEq)]
pub struct DrawTarget {
    /// The canvas to draw on.
    pub canvas: HtmlCanvasElement,
    /// The device pixel ratio the backing store was sized with.
    pub scale: f64,
}

impl DrawTarget {
    /// A plotters backend on the canvas.
    pub fn backend(&self) -> Result<CanvasBackend, ChartError> {
        CanvasBackend::with_canvas_object(self.canvas.clone())
            .ok_or_else(|| ChartError::Backend("the canvas has no 2D context".into()))
    }
}

/// Properties of [`ChartCanvas`].
#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    /// Which chart this is; becomes `data-chart` (for tests) and part of the element ids.
    pub name: AttrValue,
    /// Short accessible name of the chart, e.g. "Monthly sales, today and with target process".
    pub label: AttrValue,
    /// The text alternative: what the chart shows, for screen readers (see each chart's
    /// `text_alternative`).
    pub description: AttrValue,
    /// Draws the chart. The canvas redraws whenever this callback changes, so create it with
    /// `use_callback(data, …)` to redraw exactly when the data changes.
    pub draw: Callback<DrawTarget, Result<Mapping, ChartError>>,
    /// CSS height of the canvas (its width is that of the container).
    #[prop_or(AttrValue::Static("18rem"))]
    pub height: AttrValue,
    /// Shown (in the page's language) when drawing fails; the details go to the title and the
    /// console.
    #[prop_or(AttrValue::Static("The chart could not be drawn."))]
    pub error_text: AttrValue,
}

/// Backing-store width and height in device pixels and the device pixel ratio used.
type BackingSize = (u32, u32, f64);

/// The canvas's CSS size × device pixel ratio, or `None` while it is not laid out (hidden).
fn backing_size(canvas: &HtmlCanvasElement) -> Option<BackingSize> {
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let ratio = if ratio.is_finite() && ratio > 0.0 {
        ratio
    } else {
        1.0
    };
    let (w, h) = (canvas.client_width(), canvas.client_height());
    if w <= 0 || h <= 0 {
        return None;
    }
    Some((
        (w as f64 * ratio).round() as u32,
        (h as f64 * ratio).round() as u32,
        ratio,
    ))
}

/// A chart canvas inside a `<figure>` with a visually hidden text alternative.
#[function_component]
pub fn ChartCanvas(props: &ChartCanvasProps) -> Html {
    let canvas_ref = use_node_ref();
    let size = use_state_eq(|| None::<BackingSize>);
    let error = use_state_eq(|| None::<String>);
    let draws = use_mut_ref(|| 0u32);

    // Track the canvas size: measure at once on mount, then follow a ResizeObserver, debounced.
    {
        let canvas_ref = canvas_ref.clone();
        let size = size.clone();
        use_effect_with((), move |_| {
            let canvas = canvas_ref.cast::<HtmlCanvasElement>();
            if let Some(canvas) = &canvas {
                size.set(backing_size(canvas));
            }
            let pending: Rc<RefCell<Option<Timeout>>> = Rc::default();
            let on_resize = {
                let (canvas_ref, pending) = (canvas_ref.clone(), pending.clone());
                Closure::<dyn FnMut()>::new(move || {
                    let (canvas_ref, size) = (canvas_ref.clone(), size.clone());
                    // Replacing the pending timeout drops (cancels) the previous one.
                    *pending.borrow_mut() = Some(Timeout::new(RESIZE_DEBOUNCE_MS, move || {
                        if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                            size.set(backing_size(&canvas));
                        }
                    }));
                })
            };
            let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(canvas)) = (&observer, &canvas) {
                observer.observe(canvas);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                pending.borrow_mut().take();
                drop(on_resize);
            }
        });
    }

    // Redraw when the callback (i.e. the data) or the size changes, not on every render.
    {
        let canvas_ref = canvas_ref.clone();
        let error = error.clone();
        let name = props.name.clone();
        use_effect_with((props.draw.clone(), *size), move |(draw, size)| {
            let (draw, size) = (draw.clone(), *size);
            // Each chart draws in a task of its own, after the render that changed it: the
            // figures paint first, and the page's first render is not one long task.
            let task = Timeout::new(0, move || {
                let (Some((width, height, scale)), Some(canvas)) =
                    (size, canvas_ref.cast::<HtmlCanvasElement>())
                else {
                    return;
                };
                // Assigning the size clears the canvas even when unchanged, so only when needed.
                if canvas.width() != width {
                    canvas.set_width(width);
                }
                if canvas.height() != height {
                    canvas.set_height(height);
                }
                match draw.emit(DrawTarget {
                    canvas: canvas.clone(),
                    scale,
                }) {
                    Ok(_mapping) => {
                        let mut count = draws.borrow_mut();
                        *count += 1;
                        // Failing to set a test hook must not break the page.
                        let _ = canvas.set_attribute("data-draws", &count.to_string());
                        error.set(None);
                    }
                    Err(e) => {
                        gloo::console::warn!(format!("chart {name}: {e}"));
                        error.set(Some(e.to_string()));
                    }
                }
            });
            // A newer change cancels a draw not yet done.
            move || drop(task)
        });
    }

    let description_id = format!("chart-{}-description", props.name);
    // Saves the chart as drawn (at device resolution) as a PNG file.
    let save_png = {
        let (canvas_ref, name) = (canvas_ref.clone(), props.name.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                let _ = save_as_png(&canvas, &format!("leadplan-{name}.png"));
            }
        })
    };
    html! {
        <figure class="chart" style="margin:0;position:relative">
            <canvas
                ref={canvas_ref}
                data-chart={props.name.clone()}
                role="img"
                aria-label={props.label.clone()}
                aria-describedby={description_id.clone()}
                style={format!("display:block;width:100%;height:{}", props.height)}
            />
            if let Some(detail) = &*error {
                <p class="chart-error" role="status" title={detail.clone()}>{props.error_text.clone()}</p>
            }
            <button type="button" class="chart-png" data-action="export-png" data-chart-png={props.name.clone()}
                aria-label={format!("PNG: {}", props.label)} onclick={save_png}>{ "PNG" }</button>
            <figcaption id={description_id} style={VISUALLY_HIDDEN}>{props.description.clone()}</figcaption>
        </figure>
    }
}

/// Downloads the canvas as `name` through a data URL and a temporary `<a download>`.
fn save_as_png(canvas: &HtmlCanvasElement, name: &str) -> Result<(), wasm_bindgen::JsValue> {
    let url = canvas.to_data_url_with_type("image/png")?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(wasm_bindgen::JsValue::NULL)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    let body = document.body().ok_or(wasm_bindgen::JsValue::NULL)?;
    body.append_child(&a)?;
    a.click();
    a.remove();
    Ok(())
}
