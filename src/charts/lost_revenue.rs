//! The distribution of annual lost revenue from the Monte Carlo as a histogram, with the mean
//! and the P10 and P90 marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    ChartError, Format, LABEL_PX, Mapping, Swatch, Theme, TickAxis, axis_label_style, build_chart,
    check_size, draw_header, draw_markers, finite_range, layout_markers, numeric_frame, style_mesh,
    zero_based_range,
};

/// The histogram's data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LostRevenueData {
    /// Bins as (lower edge, upper edge, share of runs in the bin 0..1), ascending.
    pub bins: Vec<(f64, f64, f64)>,
    /// Mean lost revenue per year.
    pub mean: f64,
    /// 10th percentile.
    pub p10: f64,
    /// 90th percentile.
    pub p90: f64,
}

/// Words and number formats for the histogram, in the page's language.
pub struct LostRevenueLabels<'a> {
    /// Title of the value axis, e.g. "Share of simulated years".
    pub y_axis: &'a str,
    /// Title of the money axis, e.g. "Lost revenue per year".
    pub x_axis: &'a str,
    /// Marker text for the mean, e.g. "Mean".
    pub mean: &'a str,
    /// Marker text for the 10th percentile, e.g. "P10".
    pub p10: &'a str,
    /// Marker text for the 90th percentile, e.g. "P90".
    pub p90: &'a str,
    /// Formats money (compactly: axis labels are narrow).
    pub format_money: Format<'a>,
    /// Formats a share 0..1 as a percentage.
    pub format_share: Format<'a>,
}

/// Draws the histogram and returns where the data ended up (x = money, y = share).
pub fn draw<DB: DrawingBackend>(
    backend: DB,
    data: &LostRevenueData,
    labels: &LostRevenueLabels<'_>,
    theme: &Theme,
) -> Result<Mapping, ChartError> {
    let root = backend.into_drawing_area();
    root.fill(&theme.background)?;
    check_size(&root, theme)?;
    let bins: Vec<(f64, f64, f64)> = data
        .bins
        .iter()
        .copied()
        .filter(|&(lo, hi, share)| {
            lo.is_finite() && hi.is_finite() && hi >= lo && share.is_finite()
        })
        .collect();
    if bins.is_empty() {
        return Err(ChartError::NoData);
    }
    let header = [(labels.y_axis.to_string(), Swatch::Title)];
    let area = draw_header(&root, &header, theme)?;
    let mapping = draw_plot(&root, &area, data, &bins, labels, theme)?;
    root.present()?;
    Ok(mapping)
}

fn draw_plot<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    data: &LostRevenueData,
    bins: &[(f64, f64, f64)],
    labels: &LostRevenueLabels<'_>,
    theme: &Theme,
) -> Result<Mapping, ChartError> {
    let (mut x0, mut x1) = finite_range(bins.iter().flat_map(|b| [b.0, b.1])).unwrap_or((0.0, 1.0));
    if x1 <= x0 {
        // A single value (all runs equal): give it a visible width.
        let pad = if x0 == 0.0 { 1.0 } else { x0.abs() * 0.05 };
        (x0, x1) = (x0 - pad, x1 + pad);
    }
    let (_, share_max) = finite_range(bins.iter().map(|b| b.2)).unwrap_or((0.0, 1.0));
    let (y0, y1) = zero_based_range(0.0, share_max);

    let (mut frame, x_ticks, y_ticks) = numeric_frame(
        root,
        area,
        theme,
        (x0, x1),
        (y0, y1),
        labels.format_money,
        labels.format_share,
        6,
    )?;
    let style = axis_label_style(theme);
    let x_format = |v: &f64| (labels.format_money)(*v);
    let y_format = |v: &f64| (labels.format_share)(*v);

    let markers = [
        (
            data.p10,
            format!("{} {}", labels.p10, (labels.format_money)(data.p10)),
            theme.muted,
        ),
        (
            data.mean,
            format!("{} {}", labels.mean, (labels.format_money)(data.mean)),
            theme.text,
        ),
        (
            data.p90,
            format!("{} {}", labels.p90, (labels.format_money)(data.p90)),
            theme.muted,
        ),
    ];
    let x_spec = TickAxis::linear(x0, x1, x_ticks);
    let y_spec = TickAxis::linear(y0, y1, y_ticks);
    // Lay the marker labels out on a first build, then leave room for them above the plot.
    let probe = build_chart(area, frame, x_spec.clone(), y_spec.clone())?;
    let layout = layout_markers(&probe, root, &markers, theme)?;
    frame.top += layout.height(theme);
    let mut chart = build_chart(area, frame, x_spec, y_spec)?;
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, theme, &style);
    mesh.disable_x_mesh()
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .x_desc(labels.x_axis)
        .axis_desc_style(theme.font(LABEL_PX, theme.muted, style.pos))
        .draw()?;

    // Bars in the "today" colour: this is money today's process loses. A hairline of background
    // between bars keeps neighbouring bins apart.
    let (bin_lo, bin_hi) = (x0, x1);
    chart.draw_series(bins.iter().map(|&(lo, hi, share)| {
        let (lo, hi) = if hi > lo {
            (lo, hi)
        } else {
            (
                bin_lo.max(lo - (bin_hi - bin_lo) * 0.01),
                hi + (bin_hi - bin_lo) * 0.01,
            )
        };
        let mut bar = Rectangle::new([(lo, 0.0), (hi, share)], theme.today.mix(0.8).filled());
        bar.set_margin(0, 0, 0, theme.stroke(1.0));
        bar
    }))?;

    draw_markers(&mut chart, root, &layout, theme)?;
    Ok(Mapping::from_chart(&chart))
}

/// A screen-reader summary: mean, P10 and P90 of the lost revenue.
pub fn text_alternative(data: &LostRevenueData, labels: &LostRevenueLabels<'_>) -> String {
    format!(
        "{}: {} {}, {} {}, {} {}.",
        labels.x_axis,
        labels.mean,
        (labels.format_money)(data.mean),
        labels.p10,
        (labels.format_money)(data.p10),
        labels.p90,
        (labels.format_money)(data.p90)
    )
}
