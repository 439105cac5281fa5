//! The response curve r(t): how reachable a lead still is when first called after t minutes,
//! on a logarithmic time axis (1 min … 7 days), with today's and the target's median response
//! time marked. The curve comes pre-sampled from the model; the chart interpolates nothing.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    ChartError, Format, Frame, LABEL_PX, Mapping, Swatch, Theme, TickAxis, axis_label_style,
    build_chart, check_size, draw_header, draw_markers, label_budget, layout_markers,
    max_text_width, nice_ticks, pick_spaced_ticks, style_mesh, text_size,
};

/// Default time range of the axis: 1 minute to 7 days.
pub const DEFAULT_MINUTES: (f64, f64) = (1.0, 10080.0);

/// The response curve chart's data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResponseCurveData {
    /// The curve as the model interpolates it, sampled densely: (minutes, factor), minutes
    /// ascending. Drawn as a line.
    pub curve: Vec<(f64, f64)>,
    /// The scenario's own curve points (minutes, factor), drawn as dots.
    pub points: Vec<(f64, f64)>,
    /// Today's median response time in minutes.
    pub median_now: f64,
    /// The target process's median response time in minutes.
    pub median_target: f64,
    /// The time axis range in minutes (both > 0); see [`DEFAULT_MINUTES`]. It is widened to
    /// include the curve points and medians.
    pub minutes: (f64, f64),
}

/// Words and number formats for the response curve chart, in the page's language.
pub struct ResponseCurveLabels<'a> {
    /// Title of the value axis, e.g. "Reachability factor".
    pub y_axis: &'a str,
    /// Title of the time axis, e.g. "Time to first call".
    pub x_axis: &'a str,
    /// Legend text for the curve points, e.g. "Curve points".
    pub points: &'a str,
    /// Marker text for today's median, e.g. "Today".
    pub now: &'a str,
    /// Marker text for the target's median, e.g. "Target".
    pub target: &'a str,
    /// Formats minutes on the time axis (the page passes `i18n::parse::format_minutes`).
    pub format_minutes: Format<'a>,
    /// Formats the factor (e.g. as a percentage).
    pub format_factor: Format<'a>,
}

/// Tick candidates in minutes, most important first: the log axis keeps those that fit.
const TICK_MINUTES: [f64; 19] = [
    1.0, 60.0, 1440.0, 10080.0, 480.0, 5.0, 15.0, 4320.0, 240.0, 2880.0, 30.0, 120.0, 10.0, 720.0,
    2.0, 43200.0, 20160.0, 0.5, 0.25,
];

fn positive_finite(v: f64) -> bool {
    v.is_finite() && v > 0.0
}

/// Draws the chart and returns where the data ended up (x in minutes, logarithmic).
pub fn draw<DB: DrawingBackend>(
    backend: DB,
    data: &ResponseCurveData,
    labels: &ResponseCurveLabels<'_>,
    theme: &Theme,
) -> Result<Mapping, ChartError> {
    let root = backend.into_drawing_area();
    root.fill(&theme.background)?;
    check_size(&root, theme)?;
    let curve: Vec<(f64, f64)> = data
        .curve
        .iter()
        .copied()
        .filter(|&(t, r)| positive_finite(t) && r.is_finite())
        .collect();
    let points: Vec<(f64, f64)> = data
        .points
        .iter()
        .copied()
        .filter(|&(t, r)| positive_finite(t) && r.is_finite())
        .collect();
    if curve.is_empty() && points.is_empty() {
        return Err(ChartError::NoData);
    }
    let (mut t0, mut t1) = data.minutes;
    if !(positive_finite(t0) && positive_finite(t1) && t1 > t0) {
        (t0, t1) = DEFAULT_MINUTES;
    }
    for t in points
        .iter()
        .map(|p| p.0)
        .chain([data.median_now, data.median_target])
    {
        if positive_finite(t) {
            (t0, t1) = (t0.min(t), t1.max(t));
        }
    }
    let r_max = curve.iter().chain(&points).map(|p| p.1).fold(1.0, f64::max);

    let header = [
        (labels.y_axis.to_string(), Swatch::Title),
        (labels.points.to_string(), Swatch::Block(theme.text)),
    ];
    let area = draw_header(&root, &header, theme)?;
    let mapping = draw_plot(
        &root,
        &area,
        data,
        labels,
        theme,
        &curve,
        &points,
        (t0, t1),
        r_max,
    )?;
    root.present()?;
    Ok(mapping)
}

#[allow(clippy::too_many_arguments)]
fn draw_plot<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    data: &ResponseCurveData,
    labels: &ResponseCurveLabels<'_>,
    theme: &Theme,
    curve: &[(f64, f64)],
    points: &[(f64, f64)],
    (t0, t1): (f64, f64),
    r_max: f64,
) -> Result<Mapping, ChartError> {
    let style = axis_label_style(theme);
    let line_h = theme.px(LABEL_PX * 1.3);
    let y1 = r_max * 1.05;
    let y_label_w = max_text_width(
        root,
        [0.0, r_max, r_max / 2.0].map(labels.format_factor),
        &style,
    )?;
    let y_area = y_label_w + theme.px(10.0);
    let margin = theme.px(8.0);
    let (l0, l1) = (t0.ln(), t1.ln());
    let mut label_widths = Vec::new();
    for &t in TICK_MINUTES.iter().filter(|&&t| t >= t0 && t <= t1) {
        label_widths.push((
            t,
            text_size(root, &(labels.format_minutes)(t), &style)?.0 as f64,
        ));
    }
    // Half the widest time label may stick out right of the plot: keep it on the canvas.
    let widest = label_widths.iter().map(|p| p.1).fold(0.0, f64::max) as i32;
    let right = margin.max(widest / 2 + theme.px(2.0));
    let (w, h) = area.dim_in_pixel();
    let plot_w = (w as i32 - y_area - margin - right).max(1) as f64;
    let x_area = 2 * line_h + theme.px(8.0);
    let plot_h = (h as i32 - x_area - 2 * margin).max(1) as f64;

    let candidates: Vec<f64> = label_widths.iter().map(|p| p.0).collect();
    let x_ticks = pick_spaced_ticks(
        &candidates,
        |t| (t.ln() - l0) / (l1 - l0) * plot_w,
        |t| label_widths.iter().find(|p| p.0 == t).map_or(0.0, |p| p.1),
        theme.px(10.0) as f64,
    );
    let y_ticks = nice_ticks(
        0.0,
        y1,
        label_budget(plot_h, line_h as f64, line_h as f64).min(6),
    );
    let x_format = |v: &f64| (labels.format_minutes)(*v);
    let y_format = |v: &f64| (labels.format_factor)(*v);

    let markers = [
        (
            data.median_now,
            format!(
                "{}: {}",
                labels.now,
                (labels.format_minutes)(data.median_now)
            ),
            theme.today,
        ),
        (
            data.median_target,
            format!(
                "{}: {}",
                labels.target,
                (labels.format_minutes)(data.median_target)
            ),
            theme.target,
        ),
    ];
    let x_spec = TickAxis::log(t0, t1, x_ticks);
    let y_spec = TickAxis::linear(0.0, y1, y_ticks);
    let mut frame = Frame {
        top: margin,
        right,
        other: margin,
        x_area,
        y_area,
    };
    // Lay the marker labels out on a first build, then leave room for them above the plot.
    let probe = build_chart(area, frame, x_spec.clone(), y_spec.clone())?;
    let layout = layout_markers(&probe, root, &markers, theme)?;
    frame.top += layout.height(theme);
    let mut chart = build_chart(area, frame, x_spec, y_spec)?;
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, theme, &style);
    mesh.x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .x_desc(labels.x_axis)
        .axis_desc_style(theme.font(LABEL_PX, theme.muted, style.pos))
        .draw()?;
    // Marker lines under the data, so the curve stays on top.
    draw_markers(&mut chart, root, &layout, theme)?;

    // The chart shows the whole axis even where the sampled curve stops: the model holds the
    // factor flat outside the points, so extend the first and last sample to the edges.
    let mut line = curve.to_vec();
    if let (Some(&first), Some(&last)) = (curve.first(), curve.last()) {
        line.insert(0, (t0, first.1));
        line.push((t1, last.1));
    }
    chart.draw_series(LineSeries::new(
        line,
        theme.text.stroke_width(theme.stroke(2.5)),
    ))?;
    let radius = theme.px(4.0).max(2);
    chart.draw_series(
        points
            .iter()
            .map(|&p| Circle::new(p, radius, theme.text.filled())),
    )?;

    Ok(Mapping::from_chart(&chart))
}

/// A screen-reader summary: the curve points and the two medians.
pub fn text_alternative(data: &ResponseCurveData, labels: &ResponseCurveLabels<'_>) -> String {
    let points: Vec<String> = data
        .points
        .iter()
        .map(|&(t, r)| {
            format!(
                "{} {}",
                (labels.format_minutes)(t),
                (labels.format_factor)(r)
            )
        })
        .collect();
    format!(
        "{} / {}: {}. {}: {}. {}: {}.",
        labels.y_axis,
        labels.x_axis,
        points.join(", "),
        labels.now,
        (labels.format_minutes)(data.median_now),
        labels.target,
        (labels.format_minutes)(data.median_target)
    )
}
