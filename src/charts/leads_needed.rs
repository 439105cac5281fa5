//! Leads needed per year as a function of lead-to-sale conversion (target ÷ conversion), with
//! the benchmark, today's conversion and the target process's conversion marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    ChartError, Format, LABEL_PX, Mapping, Swatch, Theme, TickAxis, axis_label_style, build_chart,
    check_size, draw_header, draw_markers, layout_markers, numeric_frame, style_mesh,
};

/// Default conversion range of the axis: 2% to 30%.
pub const DEFAULT_CONVERSION: (f64, f64) = (0.02, 0.30);

/// The leads-needed chart's data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LeadsNeededData {
    /// Annual sales target (units); must be > 0.
    pub target_sales: f64,
    /// Today's lead-to-sale conversion (fraction).
    pub conversion_now: f64,
    /// The target process's conversion (fraction).
    pub conversion_target: f64,
    /// The benchmark conversion (fraction, 0.13 by default).
    pub benchmark: f64,
    /// Conversion axis range (fractions, 0 < lo < hi); see [`DEFAULT_CONVERSION`].
    pub conversion_range: (f64, f64),
}

/// Words and number formats for the leads-needed chart, in the page's language.
pub struct LeadsNeededLabels<'a> {
    /// Title of the value axis, e.g. "Leads needed per year".
    pub y_axis: &'a str,
    /// Title of the conversion axis, e.g. "Lead-to-sale conversion".
    pub x_axis: &'a str,
    /// Marker text for today, e.g. "Today".
    pub now: &'a str,
    /// Marker text for the target process, e.g. "Target".
    pub target: &'a str,
    /// Marker text for the benchmark, e.g. "Benchmark".
    pub benchmark: &'a str,
    /// Formats a number of leads.
    pub format_leads: Format<'a>,
    /// Formats a conversion fraction as a percentage (0.13 → "13%").
    pub format_percent: Format<'a>,
}

/// The curve is smooth (1/x), so this many samples are indistinguishable from exact.
const SAMPLES: usize = 160;

/// Draws the chart and returns where the data ended up (x = conversion fraction).
pub fn draw<DB: DrawingBackend>(
    backend: DB,
    data: &LeadsNeededData,
    labels: &LeadsNeededLabels<'_>,
    theme: &Theme,
) -> Result<Mapping, ChartError> {
    let root = backend.into_drawing_area();
    root.fill(&theme.background)?;
    check_size(&root, theme)?;
    if !(data.target_sales.is_finite() && data.target_sales > 0.0) {
        return Err(ChartError::NoData);
    }
    let (mut c0, mut c1) = data.conversion_range;
    if !(c0.is_finite() && c1.is_finite() && c0 > 0.0 && c1 > c0) {
        (c0, c1) = DEFAULT_CONVERSION;
    }
    let header = [(labels.y_axis.to_string(), Swatch::Title)];
    let area = draw_header(&root, &header, theme)?;
    let mapping = draw_plot(&root, &area, data, labels, theme, (c0, c1))?;
    root.present()?;
    Ok(mapping)
}

fn draw_plot<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    data: &LeadsNeededData,
    labels: &LeadsNeededLabels<'_>,
    theme: &Theme,
    (c0, c1): (f64, f64),
) -> Result<Mapping, ChartError> {
    let target = data.target_sales;
    let y1 = target / c0 * 1.05;
    let (mut frame, x_ticks, y_ticks) = numeric_frame(
        root,
        area,
        theme,
        (c0, c1),
        (0.0, y1),
        labels.format_percent,
        labels.format_leads,
        8,
    )?;
    let style = axis_label_style(theme);
    let x_format = |v: &f64| (labels.format_percent)(*v);
    let y_format = |v: &f64| (labels.format_leads)(*v);

    let marks = [
        (data.benchmark, labels.benchmark, theme.reference),
        (data.conversion_now, labels.now, theme.today),
        (data.conversion_target, labels.target, theme.target),
    ];
    let markers: Vec<(f64, String, RGBColor)> = marks
        .iter()
        .map(|&(c, name, color)| (c, format!("{name} {}", (labels.format_percent)(c)), color))
        .collect();
    let x_spec = TickAxis::linear(c0, c1, x_ticks);
    let y_spec = TickAxis::linear(0.0, y1, y_ticks);
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

    let curve = (0..=SAMPLES).map(|i| {
        let c = c0 + (c1 - c0) * i as f64 / SAMPLES as f64;
        (c, target / c)
    });
    chart.draw_series(LineSeries::new(
        curve,
        theme.text.stroke_width(theme.stroke(2.5)),
    ))?;

    let radius = theme.px(4.5).max(2);
    let on_curve = marks
        .iter()
        .filter(|(c, _, _)| c.is_finite() && *c >= c0 && *c <= c1);
    chart.draw_series(
        on_curve.map(|&(c, _, color)| Circle::new((c, target / c), radius, color.filled())),
    )?;
    Ok(Mapping::from_chart(&chart))
}

/// A screen-reader summary: leads needed at the benchmark, today's and the target conversion.
pub fn text_alternative(data: &LeadsNeededData, labels: &LeadsNeededLabels<'_>) -> String {
    let item = |name: &str, c: f64| {
        let leads = if c > 0.0 && c.is_finite() {
            (labels.format_leads)(data.target_sales / c)
        } else {
            "–".into()
        };
        format!("{name} ({}): {leads}", (labels.format_percent)(c))
    };
    format!(
        "{}: {}; {}; {}.",
        labels.y_axis,
        item(labels.now, data.conversion_now),
        item(labels.target, data.conversion_target),
        item(labels.benchmark, data.benchmark)
    )
}
