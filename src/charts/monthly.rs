//! Monthly sales today vs with the target process: expected values as lines with points, and
//! the Monte Carlo's P10–P90 range per month as shaded bands.

use plotters::coord::Shift;
use plotters::prelude::*;

use plotters::element::DashedPathElement;

use super::{
    ChartError, Format, LABEL_PX, Mapping, Swatch, Theme, TickAxis, axis_label_style,
    category_stride, check_size, draw_header, finite_range, label_budget, max_text_width,
    nice_ticks, style_mesh, zero_based_range,
};

/// One distribution summary: the Monte Carlo's percentiles and the expected value.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Band {
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// Expected value (drawn as the line).
    pub mean: f64,
}

/// One month: its label and the sales today and with the target process.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MonthBands {
    /// Short month name as shown on the axis ("Jan", "jan").
    pub label: String,
    /// Sales with today's process.
    pub now: Band,
    /// Sales with the target process.
    pub target: Band,
}

/// The monthly chart's data: normally 12 months, January first (any count ≥ 1 draws).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MonthlyData {
    /// The months in order.
    pub months: Vec<MonthBands>,
}

/// Words and number format for the monthly chart, in the page's language.
pub struct MonthlyLabels<'a> {
    /// Title of the value axis, e.g. "Sales per month".
    pub y_axis: &'a str,
    /// Name of today's process, e.g. "Today".
    pub now: &'a str,
    /// Name of the target process, e.g. "With target process".
    pub target: &'a str,
    /// Name of the bands, e.g. "P10–P90 (8 in 10 years)".
    pub band: &'a str,
    /// Formats a number of sales.
    pub format: Format<'a>,
}

/// Draws the chart and returns where the data ended up (x = month index).
pub fn draw<DB: DrawingBackend>(
    backend: DB,
    data: &MonthlyData,
    labels: &MonthlyLabels<'_>,
    theme: &Theme,
) -> Result<Mapping, ChartError> {
    let root = backend.into_drawing_area();
    root.fill(&theme.background)?;
    check_size(&root, theme)?;
    let n = data.months.len();
    if n == 0 {
        return Err(ChartError::NoData);
    }
    let values = data.months.iter().flat_map(|m| {
        [
            m.now.p10,
            m.now.p90,
            m.now.mean,
            m.target.p10,
            m.target.p90,
            m.target.mean,
        ]
    });
    let (lo, hi) = finite_range(values).unwrap_or((0.0, 1.0));
    let (y0, y1) = zero_based_range(lo, hi);

    let header = [
        (labels.y_axis.to_string(), Swatch::Title),
        (
            labels.now.to_string(),
            Swatch::Line {
                color: theme.today,
                dashed: true,
            },
        ),
        (
            labels.target.to_string(),
            Swatch::Line {
                color: theme.target,
                dashed: false,
            },
        ),
        (labels.band.to_string(), Swatch::Band(theme.muted)),
    ];
    let area = draw_header(&root, &header, theme)?;
    let mapping = draw_plot(&root, &area, data, labels, theme, (y0, y1))?;
    root.present()?;
    Ok(mapping)
}

fn draw_plot<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    data: &MonthlyData,
    labels: &MonthlyLabels<'_>,
    theme: &Theme,
    (y0, y1): (f64, f64),
) -> Result<Mapping, ChartError> {
    let n = data.months.len();
    let label_style = axis_label_style(theme);
    let line_h = theme.px(LABEL_PX * 1.3);
    let y_label_w = max_text_width(
        root,
        [y0, y1, (y0 + y1) / 2.0].map(labels.format),
        &label_style,
    )?;
    let y_area = y_label_w + theme.px(10.0);
    let margin = theme.px(8.0);
    let (w, h) = area.dim_in_pixel();
    let plot_w = (w as i32 - y_area - 2 * margin).max(1) as f64;
    let plot_h = (h as i32 - line_h - theme.px(8.0) - 2 * margin).max(1) as f64;

    // Show every k-th month so the labels never touch (all 12 from about 500 px wide).
    let month_w = max_text_width(
        root,
        data.months.iter().map(|m| m.label.clone()),
        &label_style,
    )?;
    let stride = category_stride(n, plot_w, month_w as f64, theme.px(8.0) as f64);
    let ticks: Vec<f64> = (0..n).step_by(stride).map(|i| i as f64).collect();
    let month_label = |v: &f64| {
        let i = v.round();
        if i >= 0.0 && (i as usize) < n {
            data.months[i as usize].label.clone()
        } else {
            String::new()
        }
    };
    let y_format = |v: &f64| (labels.format)(*v);

    let x_spec = TickAxis::linear(-0.5, n as f64 - 0.5, ticks);
    let y_ticks = nice_ticks(
        y0,
        y1,
        label_budget(plot_h, line_h as f64, line_h as f64).min(8),
    );
    let y_spec = TickAxis::linear(y0, y1, y_ticks);
    let mut chart = ChartBuilder::on(area)
        .margin(margin)
        .x_label_area_size(line_h + theme.px(8.0))
        .y_label_area_size(y_area)
        .build_cartesian_2d(x_spec, y_spec)?;
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, theme, &label_style);
    mesh.disable_x_mesh()
        .x_label_formatter(&month_label)
        .y_label_formatter(&y_format)
        .draw()?;

    let bands: [(PickBand, RGBColor); 2] = [(|m| m.now, theme.today), (|m| m.target, theme.target)];
    for (band, color) in bands {
        chart.draw_series(std::iter::once(Polygon::new(
            band_outline(data, band),
            color.mix(theme.band_opacity).filled(),
        )))?;
    }

    let radius = theme.px(3.5).max(2);
    let stroke = theme.stroke(2.5);
    let points_now = line_points(data, |m| m.now.mean);
    let points_target = line_points(data, |m| m.target.mean);
    let now_style = ShapeStyle {
        color: theme.today.to_rgba(),
        filled: false,
        stroke_width: stroke,
    };
    chart.draw_series(std::iter::once(DashedPathElement::new(
        points_now.clone(),
        theme.px(7.0),
        theme.px(4.0),
        now_style,
    )))?;
    chart.draw_series(
        points_now
            .iter()
            .map(|&p| Circle::new(p, radius, theme.today.filled())),
    )?;
    chart.draw_series(LineSeries::new(
        points_target.clone(),
        theme.target.stroke_width(stroke),
    ))?;
    // Squares for the target and circles for today, so the two differ without colour too.
    chart.draw_series(points_target.iter().map(|&p| {
        EmptyElement::at(p)
            + Rectangle::new(
                [(-radius, -radius), (radius, radius)],
                theme.target.filled(),
            )
    }))?;

    Ok(Mapping::from_chart(&chart))
}

/// Selects one process's band of a month.
type PickBand = fn(&MonthBands) -> Band;

/// Finite (month index, value) points of one series.
fn line_points(data: &MonthlyData, value: impl Fn(&MonthBands) -> f64) -> Vec<(f64, f64)> {
    data.months
        .iter()
        .enumerate()
        .map(|(i, m)| (i as f64, value(m)))
        .filter(|(_, v)| v.is_finite())
        .collect()
}

/// The outline of a P10–P90 band: along the P90s, back along the P10s. A single month gets a
/// narrow block so it is still visible.
fn band_outline(data: &MonthlyData, band: impl Fn(&MonthBands) -> Band) -> Vec<(f64, f64)> {
    let finite: Vec<(f64, Band)> = data
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| (i as f64, band(m)))
        .filter(|(_, b)| b.p10.is_finite() && b.p90.is_finite())
        .collect();
    let xs = |x: f64| {
        if finite.len() == 1 {
            vec![x - 0.25, x + 0.25]
        } else {
            vec![x]
        }
    };
    let mut outline: Vec<(f64, f64)> = finite
        .iter()
        .flat_map(|&(x, b)| xs(x).into_iter().map(move |x| (x, b.p90)))
        .collect();
    outline.extend(
        finite
            .iter()
            .rev()
            .flat_map(|&(x, b)| xs(x).into_iter().rev().map(move |x| (x, b.p10))),
    );
    outline
}

/// A screen-reader summary: per process, each month's expected value and P10–P90 range.
pub fn text_alternative(data: &MonthlyData, labels: &MonthlyLabels<'_>) -> String {
    let series = |name: &str, pick: PickBand| {
        let months: Vec<String> = data
            .months
            .iter()
            .map(|m| {
                let b = pick(m);
                format!(
                    "{} {} ({} {}–{})",
                    m.label,
                    (labels.format)(b.mean),
                    labels.band,
                    (labels.format)(b.p10),
                    (labels.format)(b.p90)
                )
            })
            .collect();
        format!("{name}: {}.", months.join(", "))
    };
    format!(
        "{}. {} {}",
        labels.y_axis,
        series(labels.now, |m| m.now),
        series(labels.target, |m| m.target)
    )
}
