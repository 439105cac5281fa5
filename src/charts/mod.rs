//! The chart layer: one file per chart, each `draw(backend, &data, &labels, &theme) -> Mapping`.
//!
//! Charts compute nothing the model could: they take plain owned data (mapped from the model's
//! results by the caller), lay it out and paint it. Every chart follows the plotters-wasm-demo
//! order (backend → drawing area → fill → `ChartBuilder` → `build_cartesian_2d` →
//! `configure_mesh` → `draw_series` → `present`) and returns a [`Mapping`] so a pointer position
//! can be read back as data (tooltips).
//!
//! Words and number formats come from the caller (`XxxLabels`, with `&dyn Fn(f64) -> String`
//! formatters) so the page can use Intl formatting in Dutch or English; the charts hardcode no
//! locale. All sizes are in CSS pixels times [`Theme::scale`] (the device pixel ratio), because
//! plotters lays out in backing-store pixels.

pub mod canvas;
pub mod cost_per_sale;
pub mod leads_needed;
pub mod lost_revenue;
pub mod monthly;
pub mod response_curve;
pub mod response_fit;
pub mod response_times;
pub mod waterfall;
pub mod week_grid;

use std::fmt;

use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Colours, font and scale shared by all charts.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Canvas background.
    pub background: RGBColor,
    /// Axis labels, legend and annotations.
    pub text: RGBColor,
    /// Secondary text (axis titles) and neutral markers.
    pub muted: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Axis lines and tick marks.
    pub axis: RGBColor,
    /// Everything about today's process.
    pub today: RGBColor,
    /// Everything about the target process.
    pub target: RGBColor,
    /// Waterfall parts that add sales.
    pub gain: RGBColor,
    /// Waterfall parts that remove sales (the "target" is worse for that cause).
    pub loss: RGBColor,
    /// Neutral reference marks (the 13% benchmark, histogram bars).
    pub reference: RGBColor,
    /// Opacity of the P10–P90 bands.
    pub band_opacity: f64,
    /// CSS font family for all text.
    pub font_family: &'static str,
    /// Device pixel ratio (and any extra zoom): multiplies every font size, stroke and margin.
    pub scale: f64,
}

impl Default for Theme {
    fn default() -> Self {
        Self::light()
    }
}

impl Theme {
    /// The normal theme: dark text on white.
    pub fn light() -> Self {
        Self {
            background: RGBColor(0xff, 0xff, 0xff),
            text: RGBColor(0x1f, 0x29, 0x37),
            muted: RGBColor(0x4b, 0x55, 0x63),
            grid: RGBColor(0xe5, 0xe7, 0xeb),
            axis: RGBColor(0x6b, 0x72, 0x80),
            today: RGBColor(0xb9, 0x1c, 0x1c),
            target: RGBColor(0x04, 0x78, 0x57),
            gain: RGBColor(0x1d, 0x4e, 0xd8),
            loss: RGBColor(0xb4, 0x53, 0x09),
            reference: RGBColor(0x37, 0x41, 0x51),
            band_opacity: 0.18,
            font_family: "system-ui, sans-serif",
            scale: 1.0,
        }
    }

    /// High-contrast dark theme for projectors: light text on near-black, brighter hues.
    pub fn dark() -> Self {
        Self {
            background: RGBColor(0x0b, 0x0f, 0x19),
            text: RGBColor(0xf9, 0xfa, 0xfb),
            muted: RGBColor(0xd1, 0xd5, 0xdb),
            grid: RGBColor(0x37, 0x41, 0x51),
            axis: RGBColor(0x9c, 0xa3, 0xaf),
            today: RGBColor(0xf8, 0x71, 0x71),
            target: RGBColor(0x34, 0xd3, 0x99),
            gain: RGBColor(0x60, 0xa5, 0xfa),
            loss: RGBColor(0xfb, 0xbf, 0x24),
            reference: RGBColor(0xe5, 0xe7, 0xeb),
            band_opacity: 0.28,
            font_family: "system-ui, sans-serif",
            scale: 1.0,
        }
    }

    /// The same theme at another scale (e.g. `window.devicePixelRatio`). Non-finite or
    /// non-positive scales fall back to 1 so a bad value can never make text vanish.
    pub fn with_scale(mut self, scale: f64) -> Self {
        self.scale = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        self
    }

    /// A length in CSS pixels as backing-store pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.scale).round().max(0.0) as i32
    }

    /// Like [`Theme::px`], unsigned, at least 1 (for stroke widths).
    pub fn stroke(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }

    /// Text in the theme's font at `css` pixels, in `color`, anchored at `pos`. The family is
    /// named as it is: plotters' conversion from a `&str` lower-cases it to look for "serif",
    /// which links Unicode's case tables (about 4 KB gzip) into every bundle with a chart.
    pub(crate) fn font(&self, css: f64, color: RGBColor, pos: Pos) -> TextStyle<'static> {
        TextStyle {
            font: FontDesc::new(
                FontFamily::Name(self.font_family),
                css * self.scale,
                FontStyle::Normal,
            ),
            color: color.to_backend_color(),
            pos,
        }
    }

    /// The standard label font (12 CSS px), left/top anchored.
    pub(crate) fn label_font(&self) -> TextStyle<'static> {
        self.font(LABEL_PX, self.text, Pos::new(HPos::Left, VPos::Top))
    }
}

/// Size of axis labels, legend and annotations, in CSS pixels.
pub(crate) const LABEL_PX: f64 = 12.0;
/// Smallest canvas (CSS pixels) a chart will attempt to draw into.
const MIN_WIDTH_CSS: f64 = 120.0;
const MIN_HEIGHT_CSS: f64 = 90.0;

/// Why a chart could not be drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum ChartError {
    /// The drawing surface (in CSS pixels) is too small for a readable chart.
    TooSmall {
        /// Width in CSS pixels.
        width: u32,
        /// Height in CSS pixels.
        height: u32,
    },
    /// There is nothing to draw (e.g. an empty histogram or no finite values).
    NoData,
    /// The backend failed (canvas context unavailable, text measurement failed, …).
    Backend(String),
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooSmall { width, height } => {
                write!(f, "the chart area ({width}×{height} px) is too small")
            }
            Self::NoData => write!(f, "there is no data to draw"),
            Self::Backend(message) => write!(f, "drawing failed: {message}"),
        }
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        Self::Backend(error.to_string())
    }
}

/// A number formatter supplied by the caller (Intl-based on the page).
pub type Format<'a> = &'a dyn Fn(f64) -> String;

/// A data axis: what the left (bottom) and right (top) edges of the plot stand for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    /// Value at the left (x) or bottom (y) edge.
    pub start: f64,
    /// Value at the right (x) or top (y) edge.
    pub end: f64,
    /// Whether the axis is logarithmic (values are then > 0).
    pub log: bool,
}

impl Axis {
    fn linear_value(&self, v: f64) -> f64 {
        if self.log {
            v.max(f64::MIN_POSITIVE).ln()
        } else {
            v
        }
    }

    /// Where `value` lies between start (0) and end (1).
    pub fn fraction(&self, value: f64) -> f64 {
        let (a, b) = (self.linear_value(self.start), self.linear_value(self.end));
        if b == a {
            0.0
        } else {
            (self.linear_value(value) - a) / (b - a)
        }
    }

    /// The value at `fraction` of the way from start to end.
    pub fn value_at(&self, fraction: f64) -> f64 {
        let (a, b) = (self.linear_value(self.start), self.linear_value(self.end));
        let v = a + fraction * (b - a);
        if self.log { v.exp() } else { v }
    }
}

/// A numeric axis whose ticks the chart chose from the pixel size, so the number of labels
/// follows the canvas width (plotters' own choice only knows a maximum count, not label widths).
#[derive(Clone, Debug)]
pub(crate) struct TickAxis {
    axis: Axis,
    ticks: Vec<f64>,
}

impl TickAxis {
    /// A linear axis from `start` to `end` with labels at `ticks`.
    pub(crate) fn linear(start: f64, end: f64, ticks: Vec<f64>) -> Self {
        Self {
            axis: Axis {
                start,
                end,
                log: false,
            },
            ticks,
        }
    }

    /// A logarithmic axis (start, end > 0) with labels at `ticks`.
    pub(crate) fn log(start: f64, end: f64, ticks: Vec<f64>) -> Self {
        Self {
            axis: Axis {
                start,
                end,
                log: true,
            },
            ticks,
        }
    }

    /// The axis without its ticks (for [`Mapping`]).
    pub(crate) fn axis(&self) -> Axis {
        self.axis
    }
}

impl Ranged for TickAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let pixel = limit.0 as f64 + self.axis.fraction(*value) * (limit.1 - limit.0) as f64;
        // Far-off values (a marker outside the range) must not overflow the pixel type.
        if pixel.is_finite() {
            pixel.clamp(-1e6, 1e6).round() as i32
        } else {
            limit.0
        }
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Only the labelled ticks get grid lines; light lines would clutter small charts.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.axis.start..self.axis.end
    }
}

/// Round tick values ("nice numbers": 1, 2 or 5 × 10ⁿ apart) within `[lo, hi]`, at most
/// `max_count` of them (at least the smallest step that achieves that).
pub fn nice_ticks(lo: f64, hi: f64, max_count: usize) -> Vec<f64> {
    let span = hi - lo;
    if !(lo.is_finite() && hi.is_finite() && span > 0.0) || max_count == 0 {
        return if lo.is_finite() { vec![lo] } else { Vec::new() };
    }
    let rough = span / max_count as f64;
    let mut exponent = rough.log10().floor() as i32;
    loop {
        for mantissa in [1.0, 2.0, 5.0] {
            let step = mantissa * 10f64.powi(exponent);
            let first = (lo / step).ceil();
            let last = (hi / step + 1e-9).floor();
            let count = (last - first + 1.0).max(0.0) as usize;
            if count <= max_count {
                // Multiply rather than accumulate so 0.1 + 0.2 drift cannot creep in; `+ 0.0`
                // turns −0 into 0 so no label reads "−0".
                return (0..count)
                    .map(|i| (first + i as f64) * step + 0.0)
                    .collect();
            }
        }
        exponent += 1;
    }
}

/// The plotting area of a drawn chart in backing-store pixels and the data it shows, so that
/// a pointer position (CSS px × device pixel ratio) can be mapped back to data.
///
/// Category axes (months, waterfall bars) use the item index as value: item `i` is centred on
/// `i as f64`, so `value.round()` is the item under the pointer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mapping {
    /// Left edge of the plotting area (inclusive).
    pub left: i32,
    /// Top edge of the plotting area (inclusive).
    pub top: i32,
    /// Right edge of the plotting area (exclusive).
    pub right: i32,
    /// Bottom edge of the plotting area (exclusive).
    pub bottom: i32,
    /// The horizontal axis.
    pub x: Axis,
    /// The vertical axis.
    pub y: Axis,
}

impl Mapping {
    pub(crate) fn from_chart<DB: DrawingBackend>(chart: &Chart<'_, DB>) -> Self {
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        let spec = chart.as_coord_spec();
        Self {
            left: xs.start,
            top: ys.start,
            right: xs.end,
            bottom: ys.end,
            x: spec.x_spec().axis(),
            y: spec.y_spec().axis(),
        }
    }

    /// The data point under the backing-store pixel `(px, py)`, or `None` outside the plot.
    pub fn to_data(&self, px: f64, py: f64) -> Option<(f64, f64)> {
        let (l, t, r, b) = (
            self.left as f64,
            self.top as f64,
            self.right as f64,
            self.bottom as f64,
        );
        if !(px >= l && px < r && py >= t && py < b) || r - l < 1.0 || b - t < 1.0 {
            return None;
        }
        Some((
            self.x.value_at((px - l) / (r - l)),
            self.y.value_at((b - py) / (b - t)),
        ))
    }

    /// The backing-store pixel where the data point `(x, y)` is drawn.
    pub fn to_pixel(&self, x: f64, y: f64) -> (f64, f64) {
        let (l, t, r, b) = (
            self.left as f64,
            self.top as f64,
            self.right as f64,
            self.bottom as f64,
        );
        (
            l + self.x.fraction(x) * (r - l),
            b - self.y.fraction(y) * (b - t),
        )
    }
}

/// How a legend entry is marked.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Swatch {
    /// A line segment, dashed or solid.
    Line { color: RGBColor, dashed: bool },
    /// A translucent block (a P10–P90 band).
    Band(RGBColor),
    /// A solid block (bars).
    Block(RGBColor),
    /// No mark: plain (muted) text such as an axis title.
    Title,
}

/// Fails with [`ChartError::TooSmall`] when the area is too small to be readable.
pub(crate) fn check_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let (cw, ch) = (w as f64 / theme.scale, h as f64 / theme.scale);
    if cw < MIN_WIDTH_CSS || ch < MIN_HEIGHT_CSS {
        return Err(ChartError::TooSmall {
            width: cw.round() as u32,
            height: ch.round() as u32,
        });
    }
    Ok(())
}

/// Width and height of `text` in backing pixels.
///
/// Measured with a canvas context's `measureText` in the exact font string plotters-canvas draws
/// with. plotters' own estimate lays a `position: fixed` span out in the document, which wraps
/// multi-word text (and so under-measures it) whenever that span's static position is near the
/// right edge of the viewport; that made labels overlap. The plotters estimate remains the
/// fallback where no canvas context is available.
pub(crate) fn text_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
) -> Result<(i32, i32), ChartError> {
    if text.is_empty() {
        return Ok((0, 0));
    }
    if let Some(size) = measure_text(text, style) {
        return Ok(size);
    }
    let (w, h) = area.estimate_text_size(text, style)?;
    Ok((w as i32, h as i32))
}

thread_local! {
    /// A detached canvas context used only to measure text.
    static MEASURER: Option<CanvasRenderingContext2d> = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
        .and_then(|c| c.get_context("2d").ok().flatten())
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
}

fn measure_text(text: &str, style: &TextStyle) -> Option<(i32, i32)> {
    MEASURER.with(|context| {
        let context = context.as_ref()?;
        let size = style.font.get_size();
        context.set_font(&format!(
            "{} {}px {}",
            style.font.get_style().as_str(),
            size,
            style.font.get_family().as_str()
        ));
        let width = context.measure_text(text).ok()?.width();
        // A normal line box is about 1.2 em; that is what the layout reserves per line.
        Some((width.ceil() as i32, (size * 1.2).ceil() as i32))
    })
}

/// The widest of `texts` in backing pixels.
pub(crate) fn max_text_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    texts: impl IntoIterator<Item = String>,
    style: &TextStyle,
) -> Result<i32, ChartError> {
    let mut widest = 0;
    for text in texts {
        widest = widest.max(text_size(area, &text, style)?.0);
    }
    Ok(widest)
}

/// The frame and ticks of a chart with two numeric axes, sized to its tick labels: room for the
/// widest y label on the left, for half the last x label on the right (it may stick out of the
/// plot, never off the canvas), two label lines below, and as many ticks as fit unoverlapped.
#[allow(clippy::too_many_arguments)]
pub(crate) fn numeric_frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
    format_x: Format<'_>,
    format_y: Format<'_>,
    max_y_ticks: usize,
) -> Result<(Frame, Vec<f64>, Vec<f64>), ChartError> {
    let style = axis_label_style(theme);
    let line_h = theme.px(LABEL_PX * 1.3);
    let y_label_w = max_text_width(root, [y0, y1, y1 / 2.0].map(format_y), &style)?;
    let y_area = y_label_w + theme.px(10.0);
    let margin = theme.px(8.0);
    let x_label_w = max_text_width(root, [x0, x1, (x0 + x1) / 2.0].map(format_x), &style)?;
    let right = margin.max(x_label_w / 2 + theme.px(2.0));
    let (w, h) = area.dim_in_pixel();
    let plot_w = (w as i32 - y_area - margin - right).max(1) as f64;
    let x_area = 2 * line_h + theme.px(8.0);
    let plot_h = (h as i32 - x_area - 2 * margin).max(1) as f64;
    let x_ticks = nice_ticks(
        x0,
        x1,
        label_budget(plot_w, x_label_w as f64, theme.px(16.0) as f64).min(10),
    );
    let y_ticks = nice_ticks(
        y0,
        y1,
        label_budget(plot_h, line_h as f64, line_h as f64).min(max_y_ticks),
    );
    let frame = Frame {
        top: margin,
        right,
        other: margin,
        x_area,
        y_area,
    };
    Ok((frame, x_ticks, y_ticks))
}

/// `text`, shortened with an ellipsis until it fits `max_width` backing pixels (possibly to "").
pub(crate) fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_width: i32,
) -> Result<String, ChartError> {
    if text_size(area, text, style)?.0 <= max_width {
        return Ok(text.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    // Binary search the longest prefix that fits with the ellipsis: text measurement goes
    // through the DOM, so keep the number of measurements logarithmic.
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if text_size(area, &candidate, style)?.0 <= max_width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        return Ok(String::new());
    }
    Ok(chars[..lo]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
        + "…")
}

/// How many labels of `label_px` fit along `axis_px` with at least `gap_px` between them
/// (at least 2, so an axis always shows its range).
pub fn label_budget(axis_px: f64, label_px: f64, gap_px: f64) -> usize {
    let slot = (label_px + gap_px).max(1.0);
    let n = ((axis_px + gap_px) / slot).floor();
    if n.is_finite() {
        (n as usize).max(2)
    } else {
        2
    }
}

/// Every how-many-th of `count` category labels to show so that they fit (1 = all).
pub fn category_stride(count: usize, axis_px: f64, label_px: f64, gap_px: f64) -> usize {
    let budget = label_budget(axis_px, label_px, gap_px);
    count.div_ceil(budget.max(1)).max(1)
}

/// Picks tick values from `candidates` (most important first) whose labels do not overlap:
/// a candidate is kept when its pixel span, `position(v) ± width(v)/2` plus `gap`, is clear of
/// every kept one. Returns the kept values in ascending order.
pub fn pick_spaced_ticks(
    candidates: &[f64],
    position: impl Fn(f64) -> f64,
    width: impl Fn(f64) -> f64,
    gap: f64,
) -> Vec<f64> {
    let mut kept: Vec<(f64, f64, f64)> = Vec::new();
    for &v in candidates {
        let (p, half) = (position(v), width(v) / 2.0);
        if !p.is_finite() {
            continue;
        }
        let clear = kept
            .iter()
            .all(|&(_, lo, hi)| p + half + gap <= lo || p - half - gap >= hi);
        if clear {
            kept.push((v, p - half, p + half));
        }
    }
    let mut values: Vec<f64> = kept.into_iter().map(|(v, _, _)| v).collect();
    values.sort_by(f64::total_cmp);
    values
}

/// Assigns each horizontal span `(start, end)` the first row (0, 1, …) where it overlaps no
/// earlier span of that row (with `gap` between), so marker labels never overlap.
pub fn stack_rows(spans: &[(f64, f64)], gap: f64) -> Vec<usize> {
    let mut rows: Vec<Vec<(f64, f64)>> = Vec::new();
    spans
        .iter()
        .map(|&(start, end)| {
            let row = rows
                .iter()
                .position(|taken| {
                    taken
                        .iter()
                        .all(|&(s, e)| end + gap <= s || start >= e + gap)
                })
                .unwrap_or(rows.len());
            if row == rows.len() {
                rows.push(Vec::new());
            }
            rows[row].push((start, end));
            row
        })
        .collect()
}

/// `(lo, hi)` of the finite values, or `None` when there are none.
pub(crate) fn finite_range(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// A value range for an axis that includes zero, with headroom above (and below, when there are
/// negative values), never empty: all-zero data still gets an axis from 0 to 1.
pub(crate) fn zero_based_range(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) {
        return (0.0, 1.0);
    }
    let pad = span * 0.08;
    (
        if lo < 0.0 { lo - pad } else { 0.0 },
        if hi > 0.0 { hi + pad } else { 0.0 },
    )
}

/// `value` formatted with a leading "+" when positive (the caller's formatter adds the "−").
pub(crate) fn signed(format: Format<'_>, value: f64) -> String {
    let text = format(value);
    if value > 0.0 && !text.starts_with('+') {
        format!("+{text}")
    } else {
        text
    }
}

/// Lays out the header (axis title and legend) as wrapping rows and returns the positions of
/// the entries (top-left, backing pixels) and the total height.
fn layout_header<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(String, Swatch)],
    theme: &Theme,
) -> Result<(Vec<(i32, i32)>, i32), ChartError> {
    let style = theme.label_font();
    let (width, _) = area.dim_in_pixel();
    let (swatch_w, gap, row_gap) = (theme.px(18.0), theme.px(14.0), theme.px(4.0));
    let line_h = theme.px(LABEL_PX * 1.4);
    let (mut x, mut y) = (0, 0);
    let mut positions = Vec::with_capacity(entries.len());
    for (text, swatch) in entries {
        let mark = if matches!(swatch, Swatch::Title) {
            0
        } else {
            swatch_w + theme.px(5.0)
        };
        let entry_w = mark + text_size(area, text, &style)?.0;
        if x > 0 && x + entry_w > width as i32 {
            x = 0;
            y += line_h + row_gap;
        }
        positions.push((x, y));
        x += entry_w + gap;
    }
    let height = if entries.is_empty() {
        0
    } else {
        y + line_h + theme.px(6.0)
    };
    Ok((positions, height))
}

/// Draws the header (muted axis title, legend entries) at the top of `root` and returns the
/// area below it. Entry texts are shortened to the canvas width so nothing overlaps.
pub(crate) fn draw_header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[(String, Swatch)],
    theme: &Theme,
) -> Result<DrawingArea<DB, Shift>, ChartError> {
    let (width, _) = root.dim_in_pixel();
    let style = theme.label_font();
    let swatch_room = theme.px(23.0);
    let mut fitted = Vec::with_capacity(entries.len());
    for (text, swatch) in entries {
        let room = width as i32
            - if matches!(swatch, Swatch::Title) {
                0
            } else {
                swatch_room
            };
        fitted.push((fit_text(root, text, &style, room)?, *swatch));
    }
    let (positions, height) = layout_header(root, &fitted, theme)?;
    let line_h = theme.px(LABEL_PX * 1.4);
    for ((text, swatch), &(x, y)) in fitted.iter().zip(&positions) {
        let mid = y + line_h / 2;
        let (sw, x_text) = (theme.px(18.0), x + swatch_room);
        let text_style = match swatch {
            Swatch::Title => {
                let muted = theme.font(LABEL_PX, theme.muted, Pos::new(HPos::Left, VPos::Center));
                root.draw_text(text, &muted, (x, mid))?;
                continue;
            }
            Swatch::Line { color, dashed } => {
                let style = ShapeStyle {
                    color: color.to_rgba(),
                    filled: false,
                    stroke_width: theme.stroke(2.0),
                };
                if *dashed {
                    let dash = theme.px(4.0).max(1);
                    let mut sx = x;
                    while sx < x + sw {
                        root.draw(&PathElement::new(
                            vec![(sx, mid), ((sx + dash).min(x + sw), mid)],
                            style,
                        ))?;
                        sx += dash * 2;
                    }
                } else {
                    root.draw(&PathElement::new(vec![(x, mid), (x + sw, mid)], style))?;
                }
                theme.font(LABEL_PX, theme.text, Pos::new(HPos::Left, VPos::Center))
            }
            Swatch::Band(color) => {
                let h = theme.px(5.0);
                root.draw(&Rectangle::new(
                    [(x, mid - h), (x + sw, mid + h)],
                    color.mix(theme.band_opacity * 1.6).filled(),
                ))?;
                theme.font(LABEL_PX, theme.text, Pos::new(HPos::Left, VPos::Center))
            }
            Swatch::Block(color) => {
                let h = theme.px(5.0);
                root.draw(&Rectangle::new(
                    [
                        (x + theme.px(4.0), mid - h),
                        (x + sw - theme.px(4.0), mid + h),
                    ],
                    color.filled(),
                ))?;
                theme.font(LABEL_PX, theme.text, Pos::new(HPos::Left, VPos::Center))
            }
        };
        root.draw_text(text, &text_style, (x_text, mid))?;
    }
    let (_, below) = root.split_vertically(height.max(0));
    Ok(below)
}

/// Common mesh styling: light grid, theme-coloured axes and labels, scaled tick marks.
pub(crate) fn style_mesh<'a, 'b, DB: DrawingBackend>(
    mesh: &mut plotters::chart::MeshStyle<'a, 'b, TickAxis, TickAxis, DB>,
    theme: &'b Theme,
    label_style: &'b TextStyle<'b>,
) {
    mesh.bold_line_style(ShapeStyle {
        color: theme.grid.to_rgba(),
        filled: false,
        stroke_width: theme.stroke(1.0),
    })
    .light_line_style(ShapeStyle {
        color: theme.grid.mix(0.0),
        filled: false,
        stroke_width: 0,
    })
    .axis_style(ShapeStyle {
        color: theme.axis.to_rgba(),
        filled: false,
        stroke_width: theme.stroke(1.0),
    })
    .set_all_tick_mark_size(theme.px(4.0))
    .label_style(label_style.clone())
    .max_light_lines(0);
}

/// Axis tick labels in the theme font and text colour (plotters aligns them per axis).
pub(crate) fn axis_label_style(theme: &Theme) -> TextStyle<'static> {
    theme.font(LABEL_PX, theme.text, Pos::new(HPos::Left, VPos::Top))
}

/// Every chart's context: two [`TickAxis`] axes.
pub(crate) type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<TickAxis, TickAxis>>;

/// Where a chart's plot goes inside its area: margins around it and the label areas.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    /// Margin above the plot (room for marker labels).
    pub top: i32,
    /// Margin right of the plot (room for half the last x label).
    pub right: i32,
    /// Margin below and left.
    pub other: i32,
    /// Height of the x label area below the plot.
    pub x_area: i32,
    /// Width of the y label area left of the plot.
    pub y_area: i32,
}

/// Builds a chart in `area` with the given frame and axes.
pub(crate) fn build_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    frame: Frame,
    x: TickAxis,
    y: TickAxis,
) -> Result<Chart<'a, DB>, ChartError> {
    Ok(ChartBuilder::on(area)
        .margin(frame.other)
        .margin_top(frame.top)
        .margin_right(frame.right)
        .x_label_area_size(frame.x_area)
        .y_label_area_size(frame.y_area)
        .build_cartesian_2d(x, y)?)
}

/// Marker labels placed above the plot: per marker its value, text, colour, left edge and row.
pub(crate) struct MarkerLayout {
    items: Vec<(f64, String, RGBColor, i32, usize)>,
    rows: usize,
}

impl MarkerLayout {
    /// The height of the strip the labels need above the plot.
    pub(crate) fn height(&self, theme: &Theme) -> i32 {
        self.rows as i32 * theme.px(LABEL_PX * 1.4)
    }
}

/// Lays out marker labels (x value, text, colour) for `chart`: centred over their line where
/// possible, kept within the plot's width, stacked into rows so that no two overlap. Markers
/// outside the x range are left out. Only the horizontal layout of `chart` is used, so a chart
/// built with a different top margin can draw the result.
pub(crate) fn layout_markers<DB: DrawingBackend>(
    chart: &Chart<'_, DB>,
    root: &DrawingArea<DB, Shift>,
    markers: &[(f64, String, RGBColor)],
    theme: &Theme,
) -> Result<MarkerLayout, ChartError> {
    let style = theme.label_font();
    let (xs, _) = chart.plotting_area().get_pixel_range();
    let x_range = chart.x_range();
    let (lo, hi) = (
        x_range.start.min(x_range.end),
        x_range.start.max(x_range.end),
    );
    let mut spans = Vec::new();
    let mut items = Vec::new();
    for (x, label, color) in markers {
        if !(x.is_finite() && *x >= lo && *x <= hi) {
            continue;
        }
        let (px, _) = chart.backend_coord(&(*x, chart.y_range().start));
        let text = fit_text(root, label, &style, (xs.end - xs.start).max(0))?;
        let w = text_size(root, &text, &style)?.0;
        let left = (px - w / 2).clamp(xs.start, (xs.end - w).max(xs.start));
        spans.push((left as f64, (left + w) as f64));
        items.push((*x, text, *color, left, 0));
    }
    let rows = stack_rows(&spans, theme.px(8.0) as f64);
    for (item, row) in items.iter_mut().zip(&rows) {
        item.4 = *row;
    }
    Ok(MarkerLayout {
        rows: rows.iter().max().map_or(0, |r| r + 1),
        items,
    })
}

/// Draws the markers of `layout`: a dashed vertical line across the plot and the label in the
/// strip above it (the chart must have been built with [`MarkerLayout::height`] on top).
pub(crate) fn draw_markers<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    root: &DrawingArea<DB, Shift>,
    layout: &MarkerLayout,
    theme: &Theme,
) -> Result<(), ChartError> {
    let (_, ys) = chart.plotting_area().get_pixel_range();
    let y_range = chart.y_range();
    let row_h = theme.px(LABEL_PX * 1.4);
    for (x, text, color, left, row) in &layout.items {
        let dash = ShapeStyle {
            color: color.to_rgba(),
            filled: false,
            stroke_width: theme.stroke(1.5),
        };
        chart.draw_series(std::iter::once(DashedPathElement::new(
            vec![(*x, y_range.start), (*x, y_range.end)],
            theme.px(5.0),
            theme.px(3.0),
            dash,
        )))?;
        let top = ys.start - layout.height(theme) + *row as i32 * row_h;
        root.draw_text(
            text,
            &theme.font(LABEL_PX, *color, Pos::new(HPos::Left, VPos::Top)),
            (*left, top),
        )?;
    }
    Ok(())
}
