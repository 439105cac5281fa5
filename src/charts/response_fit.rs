//! The response times of a lead export against the log-normal fitted to them (MODEL.md §9):
//! the share of the times in each bin of a logarithmic time axis as bars, the share the fitted
//! log-normal (the export's median and spread) puts in each bin as a line. Where the line leaves
//! the bars, a median and a spread describe the follow-up poorly (the report's KS distance says
//! by how much).

use plotters::prelude::*;

use super::{
    ChartError, Format, Frame, LABEL_PX, Mapping, Swatch, Theme, TickAxis, axis_label_style,
    build_chart, check_size, draw_header, label_budget, max_text_width, nice_ticks,
    pick_spaced_ticks, style_mesh, text_size,
};

/// The chart's data (see `state::import::ResponseFit`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResponseFitData {
    /// Bin edges in minutes, ascending, all > 0 (one more than the bins).
    pub edges: Vec<f64>,
    /// Share of the times in each bin.
    pub data: Vec<f64>,
    /// Share the fitted log-normal puts in each bin.
    pub fitted: Vec<f64>,
}

/// Words and formats, in the page's language.
pub struct ResponseFitLabels<'a> {
    /// Title of the value axis, e.g. "Share of the leads".
    pub y_axis: &'a str,
    /// Title of the time axis, e.g. "Response time".
    pub x_axis: &'a str,
    /// Legend text of the bars, e.g. "In the export".
    pub data: &'a str,
    /// Legend text of the line, e.g. "Fitted log-normal".
    pub fitted: &'a str,
    /// Formats minutes on the time axis.
    pub format_minutes: Format<'a>,
    /// Formats a share (0.5 → "50%").
    pub format_share: Format<'a>,
}

/// Tick candidates in minutes, most important first.
const TICK_MINUTES: [f64; 14] = [
    1.0, 60.0, 1440.0, 10080.0, 10.0, 480.0, 5.0, 4320.0, 240.0, 30.0, 120.0, 0.1, 43200.0, 0.5,
];

/// Whether the data can be drawn: edges ascending and positive, one more than each series.
fn valid(d: &ResponseFitData) -> bool {
    d.edges.len() >= 2
        && d.data.len() + 1 == d.edges.len()
        && d.fitted.len() + 1 == d.edges.len()
        && d.edges.iter().all(|e| e.is_finite() && *e > 0.0)
        && d.edges.windows(2).all(|w| w[1] > w[0])
        && d.data.iter().chain(&d.fitted).all(|v| v.is_finite())
}

/// Draws the chart and returns where the data ended up (x in minutes, logarithmic; y a share).
pub fn draw<DB: DrawingBackend>(
    backend: DB,
    data: &ResponseFitData,
    labels: &ResponseFitLabels<'_>,
    theme: &Theme,
) -> Result<Mapping, ChartError> {
    let root = backend.into_drawing_area();
    root.fill(&theme.background)?;
    check_size(&root, theme)?;
    if !valid(data) {
        return Err(ChartError::NoData);
    }
    let (t0, t1) = (data.edges[0], data.edges[data.edges.len() - 1]);
    let top = data
        .data
        .iter()
        .chain(&data.fitted)
        .copied()
        .fold(0.0_f64, f64::max)
        .max(0.01)
        * 1.1;
    let header = [
        (labels.y_axis.to_string(), Swatch::Title),
        (labels.data.to_string(), Swatch::Block(theme.today)),
        (
            labels.fitted.to_string(),
            Swatch::Line {
                color: theme.target,
                dashed: false,
            },
        ),
    ];
    let area = draw_header(&root, &header, theme)?;

    let style = axis_label_style(theme);
    let line_h = theme.px(LABEL_PX * 1.3);
    let y_label_w = max_text_width(
        &root,
        [0.0, top / 2.0, top].map(labels.format_share),
        &style,
    )?;
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
        top,
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
        TickAxis::linear(0.0, top, y_ticks),
    )?;
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, theme, &style);
    mesh.disable_x_mesh()
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .x_desc(labels.x_axis)
        .axis_desc_style(theme.font(LABEL_PX, theme.muted, style.pos))
        .draw()?;

    // The data as bars, a hairline of background between neighbours.
    chart.draw_series(data.edges.windows(2).zip(&data.data).map(|(e, &share)| {
        let mut bar = Rectangle::new(
            [(e[0], 0.0), (e[1], share.max(0.0))],
            theme.today.mix(0.8).filled(),
        );
        bar.set_margin(0, 0, 0, theme.stroke(1.0));
        bar
    }))?;
    // The fit as a line through the bins' geometric centres.
    let line: Vec<(f64, f64)> = data
        .edges
        .windows(2)
        .zip(&data.fitted)
        .map(|(e, &share)| ((e[0] * e[1]).sqrt(), share.max(0.0)))
        .collect();
    chart.draw_series(LineSeries::new(
        line,
        theme.target.stroke_width(theme.stroke(2.5)),
    ))?;
    root.present()?;
    Ok(Mapping::from_chart(&chart))
}

/// The bin holding the most of a series: (from, to, share).
fn busiest(edges: &[f64], shares: &[f64]) -> Option<(f64, f64, f64)> {
    shares
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_finite())
        .max_by(|a, b| a.1.total_cmp(b.1))
        .and_then(|(i, &s)| Some((*edges.get(i)?, *edges.get(i + 1)?, s)))
}

/// A screen-reader summary: the busiest bin of the data and of the fit.
pub fn text_alternative(data: &ResponseFitData, labels: &ResponseFitLabels<'_>) -> String {
    let line = |name: &str, shares: &[f64]| match busiest(&data.edges, shares) {
        Some((a, b, s)) => format!(
            "{name}: {}–{} {}",
            (labels.format_minutes)(a),
            (labels.format_minutes)(b),
            (labels.format_share)(s)
        ),
        None => format!("{name}: –"),
    };
    format!(
        "{} / {}. {}. {}.",
        labels.y_axis,
        labels.x_axis,
        line(labels.data, &data.data),
        line(labels.fitted, &data.fitted)
    )
}
