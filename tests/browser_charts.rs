//! Browser tests of the chart layer: every chart draws realistic and degenerate data on a real
//! canvas (checked by reading pixels back), and `ChartCanvas` mounts, draws and redraws on resize.
#![cfg(target_arch = "wasm32")]

use leadplan::charts::canvas::{ChartCanvas, DrawTarget};
use leadplan::charts::leads_needed::{self, LeadsNeededData, LeadsNeededLabels};
use leadplan::charts::lost_revenue::{self, LostRevenueData, LostRevenueLabels};
use leadplan::charts::monthly::{self, Band, MonthBands, MonthlyData, MonthlyLabels};
use leadplan::charts::response_curve::{self, ResponseCurveData, ResponseCurveLabels};
use leadplan::charts::response_fit::{self, ResponseFitData, ResponseFitLabels};
use leadplan::charts::response_times::{self, ResponseTimesData, ResponseTimesLabels};
use leadplan::charts::waterfall::{self, WaterfallData, WaterfallLabels};
use leadplan::charts::week_grid::{self, WeekGridData, WeekGridLabels, WeekGridShift};
use leadplan::charts::{
    Axis, ChartError, Mapping, Theme, category_stride, label_budget, nice_ticks, pick_spaced_ticks,
    stack_rows,
};
use plotters::style::RGBColor;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};
use yew::prelude::*;

#[path = "support/browser.rs"]
#[allow(dead_code)]
mod support;

use support::until;

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------------
// Fixtures: the default scenario's scale (≈600 leads/month, ≈55 sales/month now, ≈95 with the
// target process, ≈€10M lost revenue per year).

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const SEASONALITY: [f64; 12] = [
    1.15, 1.05, 1.1, 1.0, 1.0, 1.0, 0.9, 0.85, 1.0, 1.0, 0.95, 1.0,
];

fn count(v: f64) -> String {
    format!("{v:.0}")
}
fn percent(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}
fn money(v: f64) -> String {
    format!("€{:.1}M", v / 1e6)
}
fn minutes(v: f64) -> String {
    leadplan::i18n::parse::format_minutes(leadplan::i18n::Lang::En, v)
}

fn band(mean: f64) -> Band {
    Band {
        p10: mean * 0.8,
        p50: mean,
        p90: mean * 1.2,
        mean,
    }
}

fn monthly_data() -> MonthlyData {
    let sum: f64 = SEASONALITY.iter().sum();
    MonthlyData {
        months: MONTHS
            .iter()
            .zip(SEASONALITY)
            .map(|(label, w)| MonthBands {
                label: (*label).to_string(),
                now: band(660.0 * w / sum),
                target: band(1140.0 * w / sum),
            })
            .collect(),
    }
}

fn monthly_labels() -> MonthlyLabels<'static> {
    MonthlyLabels {
        y_axis: "Sales per month",
        now: "Today",
        target: "With target process",
        band: "P10–P90",
        format: &count,
    }
}

fn waterfall_data() -> WaterfallData {
    WaterfallData {
        start: 660.0,
        parts: vec![
            ("Follow-up".into(), 73.0),
            ("Speed".into(), 310.0),
            ("Attempts".into(), 97.0),
        ],
        end: 1140.0,
    }
}

fn waterfall_labels() -> WaterfallLabels<'static> {
    WaterfallLabels {
        y_axis: "Sales per year",
        start: "Today",
        end: "With target process",
        gain: "more sales",
        loss: "fewer sales",
        format: &count,
    }
}

const CURVE_POINTS: [(f64, f64); 6] = [
    (5.0, 1.0),
    (60.0, 0.9),
    (480.0, 0.7),
    (1440.0, 0.55),
    (4320.0, 0.4),
    (10080.0, 0.3),
];

/// The curve sampled as the model interpolates it (linear in ln t, ln r; flat outside): test
/// code stands in for the model here.
fn sampled_curve() -> Vec<(f64, f64)> {
    (0..=200)
        .map(|i| {
            let t = (10080f64.ln() * i as f64 / 200.0).exp();
            let r = match CURVE_POINTS.iter().position(|p| p.0 >= t) {
                Some(0) => CURVE_POINTS[0].1,
                None => CURVE_POINTS[5].1,
                Some(k) => {
                    let (a, b) = (CURVE_POINTS[k - 1], CURVE_POINTS[k]);
                    let f = (t.ln() - a.0.ln()) / (b.0.ln() - a.0.ln());
                    (a.1.ln() + f * (b.1.ln() - a.1.ln())).exp()
                }
            };
            (t, r)
        })
        .collect()
}

fn curve_data() -> ResponseCurveData {
    ResponseCurveData {
        curve: sampled_curve(),
        points: CURVE_POINTS.to_vec(),
        median_now: 480.0,
        median_target: 7.0,
        minutes: response_curve::DEFAULT_MINUTES,
    }
}

fn curve_labels() -> ResponseCurveLabels<'static> {
    ResponseCurveLabels {
        y_axis: "Reachability",
        x_axis: "Time to first call",
        points: "Curve points",
        now: "Today",
        target: "Target",
        format_minutes: &minutes,
        format_factor: &percent,
    }
}

fn leads_data() -> LeadsNeededData {
    LeadsNeededData {
        target_sales: 600.0,
        conversion_now: 0.087,
        conversion_target: 0.15,
        benchmark: 0.13,
        conversion_range: leads_needed::DEFAULT_CONVERSION,
    }
}

fn leads_labels() -> LeadsNeededLabels<'static> {
    LeadsNeededLabels {
        y_axis: "Leads needed per year",
        x_axis: "Lead-to-sale conversion",
        now: "Today",
        target: "Target",
        benchmark: "Benchmark",
        format_leads: &count,
        format_percent: &percent,
    }
}

fn revenue_data() -> LostRevenueData {
    // A bell of 32 bins from €8M to €16M.
    let bins: Vec<(f64, f64, f64)> = (0..32)
        .map(|i| {
            let lo = 8e6 + i as f64 * 0.25e6;
            let z = (lo + 0.125e6 - 12e6) / 1.5e6;
            (lo, lo + 0.25e6, (-0.5 * z * z).exp())
        })
        .collect();
    let total: f64 = bins.iter().map(|b| b.2).sum();
    LostRevenueData {
        bins: bins
            .into_iter()
            .map(|(lo, hi, s)| (lo, hi, s / total))
            .collect(),
        mean: 12e6,
        p10: 10.1e6,
        p90: 13.9e6,
    }
}

fn revenue_labels() -> LostRevenueLabels<'static> {
    LostRevenueLabels {
        y_axis: "Share of simulated years",
        x_axis: "Lost revenue per year",
        mean: "Mean",
        p10: "P10",
        p90: "P90",
        format_money: &money,
        format_share: &percent,
    }
}

// ---------------------------------------------------------------------------------------------
// Canvas helpers.

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A canvas in the document, taken out of it when dropped: the tests draw dozens of canvases of
/// up to 6 MB each, all in one page, and with every one kept a WebKit run once read a chart's
/// cell as blank (the likely cause: that memory; it never showed in a test run alone).
struct TestCanvas(HtmlCanvasElement);

impl std::ops::Deref for TestCanvas {
    type Target = HtmlCanvasElement;

    fn deref(&self) -> &HtmlCanvasElement {
        &self.0
    }
}

impl Drop for TestCanvas {
    fn drop(&mut self) {
        // A zero size frees the backing store at once, before the element is collected.
        self.0.set_width(0);
        self.0.set_height(0);
        self.0.remove();
    }
}

/// A canvas of `width`×`height` backing pixels in the document (plotters measures text there).
fn canvas(width: u32, height: u32) -> TestCanvas {
    let canvas: HtmlCanvasElement = document()
        .create_element("canvas")
        .unwrap()
        .unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    document().body().unwrap().append_child(&canvas).unwrap();
    TestCanvas(canvas)
}

fn backend(canvas: &HtmlCanvasElement) -> CanvasBackend {
    CanvasBackend::with_canvas_object(canvas.clone()).unwrap()
}

fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    context
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data()
        .0
}

/// Pixels within `tolerance` of `color` on every channel.
fn count_color(pixels: &[u8], color: RGBColor, tolerance: i32) -> usize {
    pixels
        .chunks_exact(4)
        .filter(|p| {
            (p[0] as i32 - color.0 as i32).abs() <= tolerance
                && (p[1] as i32 - color.1 as i32).abs() <= tolerance
                && (p[2] as i32 - color.2 as i32).abs() <= tolerance
        })
        .count()
}

fn non_background(pixels: &[u8], background: RGBColor) -> usize {
    pixels.len() / 4 - count_color(pixels, background, 2)
}

/// Asserts the canvas is drawn: the background covers the canvas and a fair share is ink.
fn assert_drawn(canvas: &HtmlCanvasElement, theme: &Theme) -> Vec<u8> {
    let px = pixels(canvas);
    let total = px.len() / 4;
    let ink = non_background(&px, theme.background);
    assert!(ink > total / 100, "only {ink} of {total} pixels drawn");
    // The corners are background: fill happened and nothing spills over the edge.
    assert_eq!(
        &px[0..3],
        &[theme.background.0, theme.background.1, theme.background.2]
    );
    px
}

// ---------------------------------------------------------------------------------------------
// The five charts, realistic data, at a desktop and a phone size.

/// (width, height, scale): a desktop card, a 360 px phone at 2×, a 1920 px projector.
const SIZES: [(u32, u32, f64); 3] = [(800, 400, 1.0), (720, 600, 2.0), (1900, 800, 1.0)];

#[wasm_bindgen_test]
fn monthly_draws_both_processes() {
    for (w, h, scale) in SIZES {
        let theme = Theme::light().with_scale(scale);
        let c = canvas(w, h);
        let mapping =
            monthly::draw(backend(&c), &monthly_data(), &monthly_labels(), &theme).unwrap();
        let px = assert_drawn(&c, &theme);
        assert!(
            count_color(&px, theme.today, 12) > 200,
            "today's line and points"
        );
        assert!(
            count_color(&px, theme.target, 12) > 200,
            "target line and points"
        );
        assert!(
            mapping.left > 0
                && mapping.right <= w as i32
                && mapping.top >= 0
                && mapping.bottom <= h as i32
        );
        // Month index 6 (July) is under its own pixel.
        let (x, y) = mapping.to_pixel(6.0, 50.0);
        let (mx, my) = mapping.to_data(x, y).unwrap();
        assert_eq!(mx.round(), 6.0);
        assert!((my - 50.0).abs() < 2.0);
    }
}

/// The pixel at the centre of data point (x, y).
fn pixel_at(px: &[u8], width: u32, mapping: &Mapping, x: f64, y: f64) -> RGBColor {
    let (cx, cy) = mapping.to_pixel(x, y);
    let i = 4 * (cy.round() as usize * width as usize + cx.round() as usize);
    RGBColor(px[i], px[i + 1], px[i + 2])
}

#[wasm_bindgen_test]
fn week_grid_shades_the_busiest_hour_and_outlines_shifts() {
    let mut weights = vec![0.0; week_grid::CELLS];
    weights[24 * 2 + 10] = 4.0; // Wednesday 10:00, the busiest
    weights[24 * 2 + 11] = 2.0; // half as busy
    let share = |v: f64| format!("{:.0}%", v * 100.0);
    let labels = WeekGridLabels {
        days: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        arrivals: "Leads per hour",
        shifts: "Staffed",
        format_share: &share,
    };
    let shift = WeekGridShift {
        day: 4,
        from_min: 9 * 60,
        to_min: 17 * 60,
        people: 2,
    };
    for (w, h, scale) in SIZES {
        let theme = Theme::light().with_scale(scale);
        let c = canvas(w, h);
        let data = WeekGridData {
            weights: weights.clone(),
            shifts: vec![shift.clone()],
        };
        let mapping = week_grid::draw(backend(&c), &data, &labels, &theme).unwrap();
        let px = assert_drawn(&c, &theme);
        // Row d sits at y = 6 − d … 7 − d.
        let wed = 6.0 - 2.0 + 0.5;
        assert_eq!(pixel_at(&px, w, &mapping, 10.5, wed), theme.target);
        assert_eq!(
            pixel_at(&px, w, &mapping, 11.5, wed),
            week_grid::cell_color(&theme, 0.5)
        );
        assert_eq!(pixel_at(&px, w, &mapping, 3.5, wed), theme.background);
        assert_eq!(week_grid::cell_at(10.5, wed), Some((2, 10)));
        // The Friday shift's outline is drawn in the text colour; Thursday, without a shift, has
        // no such ink over the same hours.
        let outline_ink = |row: f64| {
            let (x0, y0) = mapping.to_pixel(8.5, row + 0.95);
            let (x1, y1) = mapping.to_pixel(17.5, row + 0.05);
            let mut n = 0;
            for y in y0.round() as usize..y1.round() as usize {
                for x in x0.round() as usize..x1.round() as usize {
                    let i = 4 * (y * w as usize + x);
                    n += usize::from(count_color(&px[i..i + 4], theme.text, 40) == 1);
                }
            }
            n
        };
        let fri = 6.0 - 4.0;
        assert!(outline_ink(fri) > 100, "shift outline at {w}×{h}");
        assert_eq!(
            outline_ink(fri - 1.0),
            0,
            "no outline on Thursday at {w}×{h}"
        );
        let fri = fri + 0.3;
        assert_eq!(pixel_at(&px, w, &mapping, 3.5, fri), theme.background);
    }
    let empty = WeekGridData {
        weights: vec![0.0; week_grid::CELLS],
        shifts: Vec::new(),
    };
    let result = week_grid::draw(backend(&canvas(400, 300)), &empty, &labels, &Theme::light());
    assert_eq!(result.unwrap_err(), ChartError::NoData);
}

#[wasm_bindgen_test]
fn response_fit_draws_the_export_as_bars_and_the_fit_as_a_line() {
    // Times of a lead export (1 to 10,000 minutes) against a log-normal with median 60 min.
    let mut times: Vec<f64> = (1..=400)
        .map(|i| (f64::from(i) / 400.0 * 9.2).exp())
        .collect();
    times.sort_by(f64::total_cmp);
    let fit = leadplan::state::import::ResponseFit::of(&times, 60.0, 6.0).unwrap();
    let data = ResponseFitData {
        edges: fit.edges.clone(),
        data: fit.data.clone(),
        fitted: fit.fitted.clone(),
    };
    let share = |v: f64| format!("{:.0}%", v * 100.0);
    let labels = ResponseFitLabels {
        y_axis: "Share of leads",
        x_axis: "Response time",
        data: "In the export",
        fitted: "Log-normal",
        format_minutes: &minutes,
        format_share: &share,
    };
    for (w, h, scale) in SIZES {
        let theme = Theme::light().with_scale(scale);
        let c = canvas(w, h);
        let mapping = response_fit::draw(backend(&c), &data, &labels, &theme).unwrap();
        let px = assert_drawn(&c, &theme);
        assert!(
            count_color(&px, theme.target, 12) > 100,
            "the fitted line at {w}×{h}"
        );
        // A bar's middle (the bin around 60 minutes, its share halved) is in the bars' colour.
        let k = data.edges.partition_point(|e| *e <= 60.0) - 1;
        let mid = (data.edges[k] * data.edges[k + 1]).sqrt();
        let bar = pixel_at(&px, w, &mapping, mid, data.data[k] / 2.0);
        assert_ne!(bar, theme.background, "a bar at {w}×{h}");
    }
    let alt = response_fit::text_alternative(&data, &labels);
    assert!(
        alt.contains("In the export:") && alt.contains("Log-normal:"),
        "{alt}"
    );
    let empty = ResponseFitData::default();
    let result = response_fit::draw(backend(&canvas(400, 300)), &empty, &labels, &Theme::light());
    assert_eq!(result.unwrap_err(), ChartError::NoData);
}

fn grid_labels<'a>(share: &'a dyn Fn(f64) -> String) -> WeekGridLabels<'a> {
    WeekGridLabels {
        days: ["ma", "di", "wo", "do", "vr", "za", "zo"],
        arrivals: "Leads",
        shifts: "Bezet",
        format_share: share,
    }
}

#[wasm_bindgen_test]
fn intensity_is_relative_to_the_busiest_cell() {
    let mut w = vec![0.0; week_grid::CELLS];
    w[10] = 2.0;
    w[11] = 1.0;
    w[12] = -1.0;
    assert_eq!(week_grid::intensity(&w, 10), 1.0);
    assert_eq!(week_grid::intensity(&w, 11), 0.5);
    assert_eq!(week_grid::intensity(&w, 12), 0.0);
    assert_eq!(week_grid::intensity(&w, 999), 0.0);
    assert_eq!(week_grid::intensity(&vec![0.0; week_grid::CELLS], 3), 0.0);
}

#[wasm_bindgen_test]
fn colours_run_from_background_to_target() {
    let theme = Theme::light();
    assert_eq!(week_grid::cell_color(&theme, 0.0), theme.background);
    assert_eq!(week_grid::cell_color(&theme, 1.0), theme.target);
    assert_eq!(week_grid::cell_color(&theme, 7.0), theme.target);
}

#[wasm_bindgen_test]
fn a_point_reads_back_as_day_and_hour() {
    assert_eq!(week_grid::cell_at(0.5, 6.5), Some((0, 0)));
    assert_eq!(week_grid::cell_at(23.9, 0.1), Some((6, 23)));
    assert_eq!(week_grid::cell_at(9.0, 3.0), Some((3, 9)));
    assert_eq!(week_grid::cell_at(24.0, 3.0), None);
    assert_eq!(week_grid::cell_at(3.0, -0.1), None);
}

#[wasm_bindgen_test]
fn the_text_names_each_days_share_busiest_hour_and_shifts() {
    let mut w = vec![0.0; week_grid::CELLS];
    w[9] = 3.0; // Monday 09:00
    w[24 + 14] = 1.0; // Tuesday 14:00
    let data = WeekGridData {
        weights: w,
        shifts: vec![WeekGridShift {
            day: 0,
            from_min: 540,
            to_min: 1050,
            people: 2,
        }],
    };
    let share = |v: f64| format!("{:.0}%", v * 100.0);
    let text = week_grid::text_alternative(&data, &grid_labels(&share));
    assert!(text.starts_with("Leads: ma 75% (09:00), Bezet: 09:00–17:30 2; di 25% (14:00)"));
    assert!(text.contains("zo 0% (00:00)"), "{text}");
    assert_eq!(
        week_grid::text_alternative(&WeekGridData::default(), &grid_labels(&share)),
        ""
    );
}

#[wasm_bindgen_test]
fn monthly_dark_theme_draws() {
    let theme = Theme::dark().with_scale(1.5);
    let c = canvas(900, 450);
    monthly::draw(backend(&c), &monthly_data(), &monthly_labels(), &theme).unwrap();
    let px = assert_drawn(&c, &theme);
    assert!(count_color(&px, theme.target, 12) > 200);
}

#[wasm_bindgen_test]
fn waterfall_draws_totals_and_gains() {
    for (w, h, scale) in SIZES {
        let theme = Theme::light().with_scale(scale);
        let c = canvas(w, h);
        waterfall::draw(backend(&c), &waterfall_data(), &waterfall_labels(), &theme).unwrap();
        let px = assert_drawn(&c, &theme);
        assert!(count_color(&px, theme.today, 4) > 1000, "start bar");
        assert!(count_color(&px, theme.target, 4) > 1000, "end bar");
        assert!(count_color(&px, theme.gain, 4) > 1000, "gain bars");
        assert_eq!(count_color(&px, theme.loss, 4), 0, "no loss bar");
    }
}

#[wasm_bindgen_test]
fn waterfall_negative_part_is_drawn_as_loss() {
    let theme = Theme::light();
    let c = canvas(600, 360);
    let mut data = waterfall_data();
    data.parts[1].1 = -120.0;
    data.end = 660.0 + 73.0 - 120.0 + 97.0;
    waterfall::draw(backend(&c), &data, &waterfall_labels(), &theme).unwrap();
    let px = assert_drawn(&c, &theme);
    assert!(
        count_color(&px, theme.loss, 4) > 300,
        "the negative part in the loss colour"
    );
    let alt = waterfall::text_alternative(&data, &waterfall_labels());
    assert!(
        alt.contains("Speed -120") && alt.contains("Follow-up +73"),
        "{alt}"
    );
}

#[wasm_bindgen_test]
fn response_curve_draws_curve_and_medians() {
    for (w, h, scale) in SIZES {
        let theme = Theme::light().with_scale(scale);
        let c = canvas(w, h);
        let mapping =
            response_curve::draw(backend(&c), &curve_data(), &curve_labels(), &theme).unwrap();
        let px = assert_drawn(&c, &theme);
        assert!(count_color(&px, theme.text, 12) > 500, "the curve");
        assert!(
            count_color(&px, theme.today, 12) > 50,
            "today's median marker"
        );
        assert!(
            count_color(&px, theme.target, 12) > 50,
            "the target's median marker"
        );
        assert!(mapping.x.log);
        // 8 hours is where the log axis puts it, not where a linear one would.
        let (x, _) = mapping.to_pixel(480.0, 0.5);
        let f = (x - mapping.left as f64) / (mapping.right - mapping.left) as f64;
        assert!((f - 480f64.ln() / 10080f64.ln()).abs() < 0.01, "{f}");
    }
}

#[wasm_bindgen_test]
fn leads_needed_draws_curve_and_markers() {
    for (w, h, scale) in SIZES {
        let theme = Theme::light().with_scale(scale);
        let c = canvas(w, h);
        let mapping =
            leads_needed::draw(backend(&c), &leads_data(), &leads_labels(), &theme).unwrap();
        let px = assert_drawn(&c, &theme);
        assert!(count_color(&px, theme.text, 12) > 500);
        assert!(count_color(&px, theme.today, 12) > 50);
        assert!(count_color(&px, theme.target, 12) > 50);
        let (x, y) = mapping.to_pixel(0.13, 600.0 / 0.13);
        let (c13, leads) = mapping.to_data(x, y).unwrap();
        assert!((c13 - 0.13).abs() < 0.002 && (leads - 4615.0).abs() < 100.0);
    }
    let alt = leads_needed::text_alternative(&leads_data(), &leads_labels());
    assert!(alt.contains("Benchmark (13%): 4615"), "{alt}");
}

#[wasm_bindgen_test]
fn lost_revenue_draws_histogram_and_markers() {
    for (w, h, scale) in SIZES {
        let theme = Theme::light().with_scale(scale);
        let c = canvas(w, h);
        lost_revenue::draw(backend(&c), &revenue_data(), &revenue_labels(), &theme).unwrap();
        let px = assert_drawn(&c, &theme);
        // Bars are the today colour at 80% over white.
        let bar = RGBColor(0xc7, 0x49, 0x49);
        assert!(count_color(&px, bar, 10) > 2000, "histogram bars");
    }
    let alt = lost_revenue::text_alternative(&revenue_data(), &revenue_labels());
    assert_eq!(
        alt,
        "Lost revenue per year: Mean €12.0M, P10 €10.1M, P90 €13.9M."
    );
}

// ---------------------------------------------------------------------------------------------
// Degenerate data: draws, or fails with a clean error; never panics.

#[wasm_bindgen_test]
fn monthly_degenerate_data() {
    let theme = Theme::light();
    let zeros = MonthlyData {
        months: MONTHS
            .iter()
            .map(|m| MonthBands {
                label: (*m).into(),
                now: Band::default(),
                target: Band::default(),
            })
            .collect(),
    };
    monthly::draw(
        backend(&canvas(400, 300)),
        &zeros,
        &monthly_labels(),
        &theme,
    )
    .unwrap();

    let one = MonthlyData {
        months: vec![monthly_data().months[0].clone()],
    };
    let c = canvas(400, 300);
    monthly::draw(backend(&c), &one, &monthly_labels(), &theme).unwrap();
    assert!(count_color(&pixels(&c), theme.target, 12) > 20);

    let empty = MonthlyData::default();
    let result = monthly::draw(
        backend(&canvas(400, 300)),
        &empty,
        &monthly_labels(),
        &theme,
    );
    assert_eq!(result, Err(ChartError::NoData));

    let mut nan = monthly_data();
    nan.months[3].now = Band {
        p10: f64::NAN,
        p50: f64::INFINITY,
        p90: f64::NAN,
        mean: f64::NAN,
    };
    nan.months[4].target.mean = -f64::INFINITY;
    monthly::draw(backend(&canvas(400, 300)), &nan, &monthly_labels(), &theme).unwrap();
}

#[wasm_bindgen_test]
fn too_small_canvas_is_a_clean_error() {
    let theme = Theme::light().with_scale(2.0);
    // 200×100 backing pixels at 2× is 100×50 CSS pixels.
    let result = monthly::draw(
        backend(&canvas(200, 100)),
        &monthly_data(),
        &monthly_labels(),
        &theme,
    );
    assert_eq!(
        result,
        Err(ChartError::TooSmall {
            width: 100,
            height: 50
        })
    );
    let result = waterfall::draw(
        backend(&canvas(1, 1)),
        &waterfall_data(),
        &waterfall_labels(),
        &theme,
    );
    assert!(matches!(result, Err(ChartError::TooSmall { .. })));
}

#[wasm_bindgen_test]
fn waterfall_degenerate_data() {
    let theme = Theme::light();
    let zeros = WaterfallData {
        start: 0.0,
        parts: vec![("A".into(), 0.0)],
        end: 0.0,
    };
    waterfall::draw(
        backend(&canvas(400, 300)),
        &zeros,
        &waterfall_labels(),
        &theme,
    )
    .unwrap();
    let none = WaterfallData {
        start: 660.0,
        parts: Vec::new(),
        end: 660.0,
    };
    waterfall::draw(
        backend(&canvas(400, 300)),
        &none,
        &waterfall_labels(),
        &theme,
    )
    .unwrap();
    // The target process worse than today: everything below zero change, the chart still fits.
    let worse = WaterfallData {
        start: 10.0,
        parts: vec![
            ("An extremely long cause name that cannot fit".into(), -30.0),
            ("NaN".into(), f64::NAN),
        ],
        end: -20.0,
    };
    let c = canvas(360, 300);
    waterfall::draw(backend(&c), &worse, &waterfall_labels(), &theme).unwrap();
    assert!(count_color(&pixels(&c), theme.loss, 4) > 100);
}

#[wasm_bindgen_test]
fn response_curve_degenerate_data() {
    let theme = Theme::light();
    let empty = ResponseCurveData::default();
    let result = response_curve::draw(backend(&canvas(400, 300)), &empty, &curve_labels(), &theme);
    assert_eq!(result, Err(ChartError::NoData));
    // One point, medians outside the default range, a nonsensical range: still drawn.
    let one = ResponseCurveData {
        curve: vec![(5.0, 1.0)],
        points: vec![(5.0, 1.0), (f64::NAN, 0.5), (-3.0, 0.2)],
        median_now: 43200.0,
        median_target: 0.0,
        minutes: (0.0, -1.0),
    };
    let mapping =
        response_curve::draw(backend(&canvas(400, 300)), &one, &curve_labels(), &theme).unwrap();
    assert_eq!(mapping.x.end, 43200.0);
}

#[wasm_bindgen_test]
fn leads_needed_degenerate_data() {
    let theme = Theme::light();
    let mut no_target = leads_data();
    no_target.target_sales = 0.0;
    let result = leads_needed::draw(
        backend(&canvas(400, 300)),
        &no_target,
        &leads_labels(),
        &theme,
    );
    assert_eq!(result, Err(ChartError::NoData));
    // Conversions outside the axis and a broken range: the curve still draws.
    let odd = LeadsNeededData {
        target_sales: 600.0,
        conversion_now: 0.0,
        conversion_target: 0.9,
        benchmark: f64::NAN,
        conversion_range: (0.3, 0.02),
    };
    leads_needed::draw(backend(&canvas(400, 300)), &odd, &leads_labels(), &theme).unwrap();
}

#[wasm_bindgen_test]
fn lost_revenue_degenerate_data() {
    let theme = Theme::light();
    let empty = LostRevenueData::default();
    let result = lost_revenue::draw(
        backend(&canvas(400, 300)),
        &empty,
        &revenue_labels(),
        &theme,
    );
    assert_eq!(result, Err(ChartError::NoData));
    // Every run lost the same amount (or nothing): one zero-width bin.
    let single = LostRevenueData {
        bins: vec![(0.0, 0.0, 1.0)],
        mean: 0.0,
        p10: 0.0,
        p90: 0.0,
    };
    lost_revenue::draw(
        backend(&canvas(400, 300)),
        &single,
        &revenue_labels(),
        &theme,
    )
    .unwrap();
    let negative = LostRevenueData {
        bins: vec![(-2e6, -1e6, 0.5), (-1e6, 0.0, 0.5)],
        mean: -1e6,
        p10: -1.8e6,
        p90: -0.2e6,
    };
    lost_revenue::draw(
        backend(&canvas(400, 300)),
        &negative,
        &revenue_labels(),
        &theme,
    )
    .unwrap();
}

// ---------------------------------------------------------------------------------------------
// Pure helpers.

#[wasm_bindgen_test]
fn nice_ticks_are_round_and_bounded() {
    assert_eq!(
        nice_ticks(0.0, 100.0, 6),
        vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
    );
    assert_eq!(
        nice_ticks(0.0, 1.08, 6),
        vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]
    );
    assert_eq!(nice_ticks(0.0, 32_000.0, 3), vec![0.0, 20_000.0]);
    assert!(nice_ticks(-130.0, 40.0, 5).contains(&0.0));
    for max in 1..12 {
        let ticks = nice_ticks(3.7, 12_345.0, max);
        assert!(!ticks.is_empty() && ticks.len() <= max, "{max}: {ticks:?}");
    }
    assert_eq!(nice_ticks(5.0, 5.0, 4), vec![5.0]);
    assert!(nice_ticks(f64::NAN, 1.0, 4).is_empty());
}

#[wasm_bindgen_test]
fn label_counts_follow_width() {
    assert_eq!(label_budget(280.0, 40.0, 10.0), 5);
    assert!(label_budget(1800.0, 40.0, 10.0) >= 30);
    assert_eq!(label_budget(10.0, 40.0, 10.0), 2);
    // 12 month labels of 25 px: all on a projector, every 2nd or 3rd on a phone.
    assert_eq!(category_stride(12, 1600.0, 25.0, 8.0), 1);
    assert!(category_stride(12, 280.0, 25.0, 8.0) >= 2);
}

#[wasm_bindgen_test]
fn marker_labels_never_overlap() {
    // Benchmark 13% and target 15% close together: the second goes to the next row.
    assert_eq!(
        stack_rows(&[(100.0, 180.0), (150.0, 230.0), (300.0, 350.0)], 4.0),
        vec![0, 1, 0]
    );
    let ticks = pick_spaced_ticks(
        &[1.0, 60.0, 1440.0, 5.0, 10.0],
        |t| t.ln() * 20.0,
        |_| 30.0,
        4.0,
    );
    // 5 collides with 1; 10 fits between 1 and 60.
    assert_eq!(ticks, vec![1.0, 10.0, 60.0, 1440.0]);
}

#[wasm_bindgen_test]
fn mapping_round_trips_on_a_log_axis() {
    let mapping = Mapping {
        left: 50,
        top: 10,
        right: 450,
        bottom: 310,
        x: Axis {
            start: 1.0,
            end: 10080.0,
            log: true,
        },
        y: Axis {
            start: 0.0,
            end: 1.2,
            log: false,
        },
    };
    let (px, py) = mapping.to_pixel(60.0, 0.9);
    let (x, y) = mapping.to_data(px, py).unwrap();
    assert!((x - 60.0).abs() < 1e-9 && (y - 0.9).abs() < 1e-9);
    assert_eq!(mapping.to_data(10.0, 100.0), None);
}

#[wasm_bindgen_test]
fn text_alternatives_use_the_callers_words() {
    let alt = monthly::text_alternative(&monthly_data(), &monthly_labels());
    assert!(
        alt.starts_with("Sales per month. Today: Jan 63 (P10–P90 51–76)"),
        "{alt}"
    );
    assert!(alt.contains("With target process: Jan"), "{alt}");
    let alt = response_curve::text_alternative(&curve_data(), &curve_labels());
    assert!(alt.contains("Today: 8 h. Target: 7 min."), "{alt}");
}

// ---------------------------------------------------------------------------------------------
// The response-time distribution (MODEL.md §7).

/// Today: a third answered at once, then nothing until the next morning (a plateau to 14 h),
/// everyone by 3 days. The target: everyone within 10 minutes.
fn times_data() -> ResponseTimesData {
    let grid = |f: &dyn Fn(f64) -> f64| {
        (0..=200)
            .map(|i| {
                let t =
                    (0.25f64.ln() + (43200f64.ln() - 0.25f64.ln()) * f64::from(i) / 200.0).exp();
                (t, f(t))
            })
            .collect::<Vec<_>>()
    };
    let now = grid(&|t| {
        if t < 3.0 {
            0.0
        } else if t < 840.0 {
            1.0 / 3.0
        } else {
            (1.0 / 3.0 + (t - 840.0) / 3480.0).min(1.0)
        }
    });
    let target = grid(&|t| (t / 10.0).min(1.0));
    ResponseTimesData {
        now,
        target,
        minutes: response_times::DEFAULT_MINUTES,
    }
}

fn times_labels() -> ResponseTimesLabels<'static> {
    ResponseTimesLabels {
        y_axis: "Share answered",
        x_axis: "Response time",
        now: "Today",
        target: "Target",
        format_minutes: &minutes,
        format_share: &percent,
    }
}

/// Whether a pixel within `r` of (x, y) in data units has `color`.
fn near_color(
    px: &[u8],
    width: u32,
    mapping: &Mapping,
    x: f64,
    y: f64,
    color: RGBColor,
    r: i32,
) -> bool {
    let (cx, cy) = mapping.to_pixel(x, y);
    let height = px.len() as i32 / 4 / width as i32;
    (-r..=r).any(|dy| {
        (-r..=r).any(|dx| {
            let (x, y) = (cx.round() as i32 + dx, cy.round() as i32 + dy);
            if x < 0 || y < 0 || x >= width as i32 || y >= height {
                return false;
            }
            let i = 4 * (y as usize * width as usize + x as usize);
            let p = RGBColor(px[i], px[i + 1], px[i + 2]);
            (p.0 as i32 - color.0 as i32).abs() <= 16
                && (p.1 as i32 - color.1 as i32).abs() <= 16
                && (p.2 as i32 - color.2 as i32).abs() <= 16
        })
    })
}

#[wasm_bindgen_test]
fn response_times_draws_both_distributions_on_a_log_axis() {
    for (w, h, scale) in SIZES {
        let theme = Theme::light().with_scale(scale);
        let c = canvas(w, h);
        let data = times_data();
        let mapping = response_times::draw(backend(&c), &data, &times_labels(), &theme).unwrap();
        let px = assert_drawn(&c, &theme);
        assert!(count_color(&px, theme.today, 12) > 300, "today's curve");
        assert!(
            count_color(&px, theme.target, 12) > 200,
            "the target's curve"
        );
        assert!(mapping.x.log && !mapping.y.log);
        assert_eq!((mapping.y.start, mapping.y.end), (0.0, 1.0));
        // 8 hours is where a log axis puts it.
        let (x, _) = mapping.to_pixel(480.0, 0.5);
        let f = (x - mapping.left as f64) / (mapping.right - mapping.left) as f64;
        assert!((f - 480f64.ln() / 10080f64.ln()).abs() < 0.01, "{f}");
        // Read back: today's plateau at a third through the evening, the target at 100% by then,
        // and nothing of today's colour at 100% in the evening.
        let r = theme.px(2.0);
        assert!(
            near_color(&px, w, &mapping, 120.0, 1.0 / 3.0, theme.today, r),
            "today's plateau at 2 h"
        );
        assert!(
            near_color(&px, w, &mapping, 120.0, 1.0, theme.target, r),
            "the target done by 2 h"
        );
        assert!(
            !near_color(&px, w, &mapping, 120.0, 0.66, theme.today, r),
            "no curve at 66% at 2 h"
        );
        // The dashed 5-minute mark is drawn in the muted colour somewhere along its line.
        let marked =
            (1..20).any(|i| near_color(&px, w, &mapping, 5.0, f64::from(i) / 20.0, theme.muted, 1));
        assert!(marked, "the 5-minute mark");
    }
}

#[wasm_bindgen_test]
fn response_times_degenerate_data() {
    let theme = Theme::light();
    let result = response_times::draw(
        backend(&canvas(400, 300)),
        &ResponseTimesData::default(),
        &times_labels(),
        &theme,
    );
    assert_eq!(result, Err(ChartError::NoData));
    // Only bad samples: no data either.
    let bad = ResponseTimesData {
        now: vec![(f64::NAN, 0.5), (-1.0, 0.2), (3.0, f64::INFINITY)],
        ..ResponseTimesData::default()
    };
    let result = response_times::draw(backend(&canvas(400, 300)), &bad, &times_labels(), &theme);
    assert_eq!(result, Err(ChartError::NoData));
    // One process, one sample, a nonsensical range and shares beyond 100%: drawn on the default
    // axis, the share held to 100%.
    let one = ResponseTimesData {
        now: vec![(30.0, 1.7)],
        target: Vec::new(),
        minutes: (0.0, -1.0),
    };
    let c = canvas(400, 300);
    let mapping = response_times::draw(backend(&c), &one, &times_labels(), &theme).unwrap();
    assert_eq!(
        (mapping.x.start, mapping.x.end),
        response_times::DEFAULT_MINUTES
    );
    let px = pixels(&c);
    assert!(near_color(&px, 400, &mapping, 1000.0, 1.0, theme.today, 2));
    // Too small to read.
    let tiny = response_times::draw(
        backend(&canvas(40, 30)),
        &times_data(),
        &times_labels(),
        &theme,
    );
    assert!(matches!(tiny, Err(ChartError::TooSmall { .. })));
}

#[wasm_bindgen_test]
fn response_times_text_alternative_reads_the_shares() {
    let alt = response_times::text_alternative(&times_data(), &times_labels());
    assert!(alt.starts_with("Share answered / Response time."), "{alt}");
    assert!(alt.contains("Today: 5 min 33%, 1 h 33%"), "{alt}");
    assert!(alt.contains("Target: 5 min 4"), "{alt}");
    assert!(alt.contains("1 d 100%"), "{alt}");
}

// ---------------------------------------------------------------------------------------------
// The ChartCanvas component.

#[function_component]
fn MonthlyCard() -> Html {
    let draw = use_callback((), |target: DrawTarget, _| {
        let theme = Theme::light().with_scale(target.scale);
        monthly::draw(
            target.backend()?,
            &monthly_data(),
            &monthly_labels(),
            &theme,
        )
    });
    html! {
        <ChartCanvas
            name="monthly"
            label="Monthly sales"
            description={monthly::text_alternative(&monthly_data(), &monthly_labels())}
            {draw}
            height="240px"
        />
    }
}

/// A container of `width` CSS pixels in the document to mount a component into.
fn mount_point(width: &str) -> HtmlElement {
    let div: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    div.set_attribute("style", &format!("width:{width}"))
        .unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

#[wasm_bindgen_test]
async fn chart_canvas_draws_and_redraws_on_resize() {
    let root = mount_point("600px");
    let _app = yew::Renderer::<MonthlyCard>::with_root(root.clone().into()).render();
    // The canvas counts its draws in `data-draws`, set in the task that drew.
    let drawn = || {
        root.query_selector("canvas[data-chart=monthly][data-draws]")
            .unwrap()
    };
    until("the monthly chart has drawn", || drawn().is_some()).await;

    let canvas: HtmlCanvasElement = drawn().expect("the canvas").unchecked_into();
    assert_eq!(canvas.get_attribute("data-draws").as_deref(), Some("1"));
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        canvas.get_attribute("aria-label").as_deref(),
        Some("Monthly sales")
    );
    let ratio = web_sys::window().unwrap().device_pixel_ratio();
    assert_eq!(
        canvas.width(),
        (600.0 * ratio).round() as u32,
        "backing store = CSS size × DPR"
    );
    assert_eq!(canvas.height(), (240.0 * ratio).round() as u32);
    assert!(non_background(&pixels(&canvas), Theme::light().background) > 1000);
    let caption = root
        .query_selector("figcaption")
        .unwrap()
        .expect("the text alternative");
    assert!(
        caption
            .text_content()
            .unwrap_or_default()
            .starts_with("Sales per month.")
    );
    assert_eq!(
        canvas.get_attribute("aria-describedby"),
        caption.get_attribute("id")
    );
    assert!(root.query_selector(".chart-error").unwrap().is_none());

    // Resizing the container redraws once, after the debounce.
    let draws = || canvas.get_attribute("data-draws");
    root.set_attribute("style", "width:360px").unwrap();
    until("the chart redraws at 360 px", || {
        draws().as_deref() != Some("1")
    })
    .await;
    assert_eq!(draws().as_deref(), Some("2"));
    assert_eq!(canvas.width(), (360.0 * ratio).round() as u32);
    // Once: the next change the canvas shows is the next resize's draw, at its width (a resize
    // drawn twice would show a third draw at the old width).
    root.set_attribute("style", "width:480px").unwrap();
    until("the chart redraws at 480 px", || {
        draws().as_deref() != Some("2")
    })
    .await;
    assert_eq!(draws().as_deref(), Some("3"));
    assert_eq!(canvas.width(), (480.0 * ratio).round() as u32);
}

#[derive(Properties, PartialEq)]
struct FailingProps {
    draw: Callback<DrawTarget, Result<Mapping, ChartError>>,
}

#[function_component]
fn FailingCard(props: &FailingProps) -> Html {
    html! {
        <ChartCanvas name="broken" label="Broken" description="Nothing" draw={props.draw.clone()} error_text="Chart unavailable" />
    }
}

#[wasm_bindgen_test]
async fn chart_canvas_shows_a_message_when_drawing_fails() {
    let root = mount_point("500px");
    let draw = Callback::from(|_: DrawTarget| Err(ChartError::NoData));
    let _app = yew::Renderer::<FailingCard>::with_root_and_props(
        root.clone().into(),
        FailingProps { draw },
    )
    .render();
    let error = || root.query_selector(".chart-error").unwrap();
    until("the chart's error message shows", || error().is_some()).await;
    let error = error().expect("an error message");
    assert_eq!(error.text_content().as_deref(), Some("Chart unavailable"));
    assert_eq!(
        error.get_attribute("title").as_deref(),
        Some("there is no data to draw")
    );
    let canvas = root.query_selector("canvas").unwrap().unwrap();
    assert_eq!(canvas.get_attribute("data-draws"), None);
}
