//! The response-time distribution of today's process against the target's, as cumulative
//! shares answered (0–100%) over a logarithmic time axis (MODEL.md §7). With staffing the
//! distribution is a mixture (instant answers, queue waits, waits until the next shift), so
//! its curve has steps and plateaus a median alone hides; a typed process is its log-normal.
//! The curves come sampled by the caller; the chart interpolates nothing. A dashed line marks
//! 5 minutes, the figure the page leads with.

use plotters::prelude::*;

use super::{
    ChartError, Format, Frame, LABEL_PX, Mapping, Swatch, Theme, TickAxis, axis_label_style,
    build_chart, check_size, draw_header, label_budget, max_text_width, nice_ticks,
    pick_spaced_ticks, style_mesh, text_size,
};

/// Default time range of the axis: 1 minute to 7 days.
pub const DEFAULT_MINUTES: (f64, f64) = (1.0, 10080.0);

/// The minute the chart marks: "answered within 5 minutes".
pub const MARK_MINUTES: f64 = 5.0;

/// The chart's data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResponseTimesData {
    /// Today: (minutes, share answered by then 0..=1), minutes ascending.
    pub now: Vec<(f64, f64)>,
    /// The target process, the same way.
    pub target: Vec<(f64, f64)>,
    /// The time axis in minutes (both > 0, end after start); see [`DEFAULT_MINUTES`].
    pub minutes: (f64, f64),
}

/// Words and formats, in the page's language.
pub struct ResponseTimesLabels<'a> {
    /// Title of the value axis, e.g. "Share answered".
    pub y_axis: &'a str,
    /// Title of the time axis, e.g. "Response time".
    pub x_axis: &'a str,
    /// Legend text of today's curve.
    pub now: &'a str,
    /// Legend text of the target's curve.
    pub target: &'a str,
    /// Formats minutes on the time axis.
    pub format_minutes: Format<'a>,
    /// Formats a share (0.5 → "50%").
    pub format_share: Format<'a>,
}

/// Tick candidates in minutes, most important first: the axis keeps those that fit.
const TICK_MINUTES: [f64; 16] = [
    1.0, 60.0, 1440.0, 10080.0, 5.0, 480.0, 15.0, 4320.0, 240.0, 2880.0, 30.0, 120.0, 10.0, 720.0,
    2.0, 43200.0,
];

fn clean(curve: &[(f64, f64)]) -> Vec<(f64, f64)> {
    curve
        .iter()
        .copied()
        .filter(|&(t, p)| t.is_finite() && t > 0.0 && p.is_finite())
        .map(|(t, p)| (t, p.clamp(0.0, 1.0)))
        .collect()
}

/// Draws the chart and returns where the data ended up (x in minutes, logarithmic; y a share).
pub fn draw<DB: DrawingBackend>(
    backend: DB,
    data: &ResponseTimesData,
    labels: &ResponseTimesLabels<'_>,
    theme: &Theme,
) -> Result<Mapping, ChartError> {
    let root = backend.into_drawing_area();
    root.fill(&theme.background)?;
    check_size(&root, theme)?;
    let now = clean(&data.now);
    let target = clean(&data.target);
    if now.is_empty() && target.is_empty() {
        return Err(ChartError::NoData);
    }
    let (mut t0, mut t1) = data.minutes;
    if !(t0.is_finite() && t1.is_finite() && t0 > 0.0 && t1 > t0) {
        (t0, t1) = DEFAULT_MINUTES;
    }
    let header = [
        (labels.y_axis.to_string(), Swatch::Title),
        (
            labels.now.to_string(),
            Swatch::Line {
                color: theme.today,
                dashed: false,
            },
        ),
        (
            labels.target.to_string(),
            Swatch::Line {
                color: theme.target,
                dashed: false,
            },
        ),
    ];
    let area = draw_header(&root, &header, theme)?;

    let style = axis_label_style(theme);
    let line_h = theme.px(LABEL_PX * 1.3);
    let y_label_w = max_text_width(&root, [0.0, 0.5, 1.0].map(labels.format_share), &style)?;
    let y_area = y_label_w + theme.px(10.0);
    let margin = theme.px(8.0);
    let mut label_widths = Vec::new();
    for &t in TICK_MINUTES.iter().filter(|&&t| t >= t0 && t <= t1) {
        label_widths.push((
            t,
            text_size(&root, &(labels.format_minutes)(t), &style)?.0 as f64,
        ));
    }
    let widest = label_widths.iter().map(|p| p.1).fold(0.0, f64::max) as i32;
    let right = margin.max(widest / 2 + theme.px(2.0));
    let (w, h) = area.dim_in_pixel();
    let plot_w = (w as i32 - y_area - margin - right).max(1) as f64;
    let x_area = 2 * line_h + theme.px(8.0);
    let plot_h = (h as i32 - x_area - 2 * margin).max(1) as f64;
    let (l0, l1) = (t0.ln(), t1.ln());
    let candidates: Vec<f64> = label_widths.iter().map(|p| p.0).collect();
    let x_ticks = pick_spaced_ticks(
        &candidates,
        |t| (t.ln() - l0) / (l1 - l0) * plot_w,
        |t| label_widths.iter().find(|p| p.0 == t).map_or(0.0, |p| p.1),
        theme.px(10.0) as f64,
    );
    let y_ticks = nice_ticks(
        0.0,
        1.0,
        label_budget(plot_h, line_h as f64, line_h as f64).min(6),
    );
    let x_format = |v: &f64| (labels.format_minutes)(*v);
    let y_format = |v: &f64| (labels.format_share)(*v);
    let frame = Frame {
        top: margin,
        right,
        other: margin,
        x_area,
        y_area,
    };
    let mut chart = build_chart(
        &area,
        frame,
        TickAxis::log(t0, t1, x_ticks),
        TickAxis::linear(0.0, 1.0, y_ticks),
    )?;
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, theme, &style);
    mesh.x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .x_desc(labels.x_axis)
        .axis_desc_style(theme.font(LABEL_PX, theme.muted, style.pos))
        .draw()?;

    // The 5-minute mark, dashed, under the curves.
    if (t0..=t1).contains(&MARK_MINUTES) {
        let n = 40;
        chart.draw_series((0..n).step_by(2).map(|i| {
            let (a, b) = (f64::from(i) / f64::from(n), f64::from(i + 1) / f64::from(n));
            PathElement::new(
                vec![(MARK_MINUTES, a), (MARK_MINUTES, b)],
                theme.muted.stroke_width(theme.stroke(2.0)),
            )
        }))?;
    }
    // Each curve runs edge to edge: at each edge the share of the last sample at or before it.
    let extend = |c: &[(f64, f64)]| {
        let mut line = vec![(t0, share_by(c, t0))];
        line.extend(c.iter().copied().filter(|&(t, _)| t > t0 && t < t1));
        line.push((t1, share_by(c, t1)));
        line
    };
    for (curve, color) in [(&target, theme.target), (&now, theme.today)] {
        if !curve.is_empty() {
            chart.draw_series(LineSeries::new(
                extend(curve),
                color.stroke_width(theme.stroke(2.5)),
            ))?;
        }
    }
    root.present()?;
    Ok(Mapping::from_chart(&chart))
}

/// The share answered by `minutes` on a sampled curve (the last sample at or before it).
pub fn share_by(curve: &[(f64, f64)], minutes: f64) -> f64 {
    curve
        .iter()
        .rev()
        .find(|p| p.0 <= minutes)
        .map_or(0.0, |p| p.1)
}

/// A screen-reader summary: the share answered within 5 minutes, an hour and a day, for each.
pub fn text_alternative(data: &ResponseTimesData, labels: &ResponseTimesLabels<'_>) -> String {
    let marks = [MARK_MINUTES, 60.0, 1440.0];
    let line = |name: &str, curve: &[(f64, f64)]| {
        let parts: Vec<String> = marks
            .iter()
            .map(|&m| {
                format!(
                    "{} {}",
                    (labels.format_minutes)(m),
                    (labels.format_share)(share_by(curve, m))
                )
            })
            .collect();
        format!("{name}: {}", parts.join(", "))
    };
    format!(
        "{} / {}. {}. {}.",
        labels.y_axis,
        labels.x_axis,
        line(labels.now, &data.now),
        line(labels.target, &data.target)
    )
}
