//! Cost per sale by source as horizontal bars, today and with the target process, with the
//! benchmark marked as a vertical line. A source without sales has no bar (its cost per sale is
//! undefined) and says so beside its name.
//!
//! **The benchmark** is the cost per sale the scenario would have if its leads converted at
//! `benchmark_conversion`: the average cost per lead over all sources (all cost, fixed costs
//! included, ÷ all leads) divided by the benchmark conversion. The caller computes it (see
//! [`benchmark_cost_per_sale`]) and the chart labels the line with its name and value.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    ChartError, Format, Frame, LABEL_PX, Mapping, Swatch, Theme, TickAxis, axis_label_style,
    build_chart, check_size, draw_header, fit_text, label_budget, max_text_width, nice_ticks,
    style_mesh,
};

/// One source's bars.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceCost {
    /// The source's name.
    pub name: String,
    /// Cost per sale with today's process; `None` at 0 sales.
    pub now: Option<f64>,
    /// Cost per sale with the target process; `None` at 0 sales.
    pub target: Option<f64>,
}

/// The chart's data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CostPerSaleData {
    /// The sources, top to bottom.
    pub sources: Vec<SourceCost>,
    /// The benchmark cost per sale (see the module docs); `None`: not drawn.
    pub benchmark: Option<f64>,
}

/// Words and number format, in the page's language.
pub struct CostPerSaleLabels<'a> {
    /// The value axis's title, e.g. "Cost per sale".
    pub x_axis: &'a str,
    /// Legend text for today's bars.
    pub now: &'a str,
    /// Legend text for the target process's bars.
    pub target: &'a str,
    /// The benchmark line's name, e.g. "Benchmark".
    pub benchmark: &'a str,
    /// Shown beside a source without sales.
    pub no_sales: &'a str,
    /// Formats money.
    pub format_money: Format<'a>,
}

/// The benchmark of this chart: average cost per lead (`cost` ÷ `leads`) ÷ `benchmark_conversion`;
/// `None` when there are no leads or the benchmark conversion is 0.
pub fn benchmark_cost_per_sale(cost: f64, leads: f64, benchmark_conversion: f64) -> Option<f64> {
    let v = cost / leads / benchmark_conversion;
    (leads > 0.0 && benchmark_conversion > 0.0 && v.is_finite()).then_some(v)
}

fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite() && *x >= 0.0)
}

/// Draws the chart; the mapping's y axis counts source rows from the bottom (row i of n at
/// y = n − i − 0.5).
pub fn draw<DB: DrawingBackend>(
    backend: DB,
    data: &CostPerSaleData,
    labels: &CostPerSaleLabels<'_>,
    theme: &Theme,
) -> Result<Mapping, ChartError> {
    let root = backend.into_drawing_area();
    root.fill(&theme.background)?;
    check_size(&root, theme)?;
    let n = data.sources.len();
    let values = data
        .sources
        .iter()
        .flat_map(|s| [finite(s.now), finite(s.target)])
        .chain([finite(data.benchmark)])
        .flatten();
    let max = values.fold(0.0_f64, f64::max);
    if n == 0 || max <= 0.0 {
        return Err(ChartError::NoData);
    }
    let header = [
        (labels.x_axis.to_string(), Swatch::Title),
        (labels.now.to_string(), Swatch::Block(theme.today)),
        (labels.target.to_string(), Swatch::Block(theme.target)),
        (
            labels.benchmark.to_string(),
            Swatch::Line {
                color: theme.reference,
                dashed: true,
            },
        ),
    ];
    let area = draw_header(&root, &header, theme)?;
    let style = axis_label_style(theme);
    let (w, _) = area.dim_in_pixel();
    // Names take at most 40% of the width; longer ones are shortened.
    let name_room = (w as f64 * 0.4) as i32;
    let widest = max_text_width(&root, data.sources.iter().map(|s| s.name.clone()), &style)?;
    let y_area = widest.min(name_room) + theme.px(8.0);
    let x1 = max * 1.12;
    let margin = theme.px(8.0);
    let x_label_w = max_text_width(&root, [0.0, x1].map(labels.format_money), &style)?;
    let right = margin.max(x_label_w / 2 + theme.px(2.0));
    let plot_w = (w as i32 - y_area - margin - right).max(1) as f64;
    let x_ticks = nice_ticks(
        0.0,
        x1,
        label_budget(plot_w, x_label_w as f64, theme.px(16.0) as f64).min(8),
    );
    let line_h = theme.px(LABEL_PX * 1.3);
    let marker_h = theme.px(LABEL_PX * 1.4);
    let frame = Frame {
        top: margin + marker_h,
        right,
        other: margin,
        x_area: line_h + theme.px(8.0),
        y_area,
    };
    let rows = n as f64;
    let mut chart = build_chart(
        &area,
        frame,
        TickAxis::linear(0.0, x1, x_ticks),
        TickAxis::linear(0.0, rows, Vec::new()),
    )?;
    let format_x = |v: &f64| (labels.format_money)(*v);
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, theme, &style);
    mesh.x_label_formatter(&format_x).draw()?;

    let bar = |row: usize, upper: bool| {
        let top = rows - row as f64 - 0.12;
        let mid = rows - row as f64 - 0.5;
        if upper {
            (mid, top)
        } else {
            (rows - row as f64 - 0.88, mid)
        }
    };
    for (i, s) in data.sources.iter().enumerate() {
        for (value, upper, color) in [(s.now, true, theme.today), (s.target, false, theme.target)] {
            if let Some(v) = finite(value) {
                let (y0, y1) = bar(i, upper);
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y0), (v, y1)],
                    color.filled(),
                )))?;
            }
        }
    }
    // Names left of their rows, shortened to the room they have; "no sales" where no bar is.
    let name_style = theme.font(LABEL_PX, theme.text, Pos::new(HPos::Right, VPos::Center));
    let note_style = theme.font(LABEL_PX, theme.muted, Pos::new(HPos::Left, VPos::Center));
    for (i, s) in data.sources.iter().enumerate() {
        let mid = rows - i as f64 - 0.5;
        let (px, py) = chart.backend_coord(&(0.0, mid));
        let name = fit_text(&root, &s.name, &style, y_area - theme.px(8.0))?;
        root.draw_text(&name, &name_style, (px - theme.px(6.0), py))?;
        if finite(s.now).is_none() && finite(s.target).is_none() {
            root.draw_text(labels.no_sales, &note_style, (px + theme.px(4.0), py))?;
        }
    }
    if let Some(b) = finite(data.benchmark) {
        let dash = ShapeStyle {
            color: theme.reference.to_rgba(),
            filled: false,
            stroke_width: theme.stroke(2.0),
        };
        let steps = 24;
        for k in (0..steps).step_by(2) {
            let (a, z) = (
                rows * k as f64 / steps as f64,
                rows * (k + 1) as f64 / steps as f64,
            );
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(b, a), (b, z)],
                dash,
            )))?;
        }
        let (px, py) = chart.backend_coord(&(b, rows));
        let text = format!("{} {}", labels.benchmark, (labels.format_money)(b));
        let mark = theme.font(LABEL_PX, theme.text, Pos::new(HPos::Center, VPos::Bottom));
        let half = max_text_width(&root, [text.clone()], &style)? / 2;
        let x = px.clamp(half, (w as i32 - half).max(half));
        root.draw_text(&text, &mark, (x, py - theme.px(3.0)))?;
    }
    root.present()?;
    Ok(Mapping::from_chart(&chart))
}

/// A screen-reader summary: each source's cost per sale today and with the target process,
/// and the benchmark.
pub fn text_alternative(data: &CostPerSaleData, labels: &CostPerSaleLabels<'_>) -> String {
    let money =
        |v: Option<f64>| finite(v).map_or_else(|| labels.no_sales.to_string(), labels.format_money);
    let items: Vec<String> = data
        .sources
        .iter()
        .map(|s| {
            format!(
                "{}: {} {}, {} {}",
                s.name,
                labels.now,
                money(s.now),
                labels.target,
                money(s.target)
            )
        })
        .collect();
    let mut text = format!("{}: {}.", labels.x_axis, items.join("; "));
    if let Some(b) = finite(data.benchmark) {
        text.push_str(&format!(
            " {}: {}.",
            labels.benchmark,
            (labels.format_money)(b)
        ));
    }
    text
}
