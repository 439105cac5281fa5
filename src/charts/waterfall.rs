//! Lost sales split by cause as a waterfall: sales today, + follow-up, + speed, + attempts,
//! = sales with the target process. Totals are solid bars from zero; each cause floats from the
//! running total, upwards in the gain colour or, when negative, downwards in the loss colour.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    Chart, ChartError, Format, LABEL_PX, Mapping, Swatch, Theme, TickAxis, axis_label_style,
    check_size, draw_header, finite_range, fit_text, label_budget, max_text_width, nice_ticks,
    signed, style_mesh, text_size, zero_based_range,
};

/// The waterfall's data: where it starts, the causes, where it ends.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WaterfallData {
    /// Sales per year with today's process (the first, solid bar).
    pub start: f64,
    /// Each cause and the sales it adds (negative: removes), in drawing order.
    pub parts: Vec<(String, f64)>,
    /// Sales per year with the target process (the last, solid bar).
    pub end: f64,
}

/// Words and number format for the waterfall, in the page's language.
pub struct WaterfallLabels<'a> {
    /// Title of the value axis, e.g. "Sales per year".
    pub y_axis: &'a str,
    /// Name of the first bar, e.g. "Today".
    pub start: &'a str,
    /// Name of the last bar, e.g. "Target process".
    pub end: &'a str,
    /// Legend text for causes that add sales, e.g. "gain".
    pub gain: &'a str,
    /// Legend text for causes that remove sales, e.g. "loss".
    pub loss: &'a str,
    /// Formats a number of sales.
    pub format: Format<'a>,
}

/// One bar: its label, bottom and top value, colour and the value to print on it.
struct Bar {
    label: String,
    from: f64,
    to: f64,
    color: RGBColor,
    value: String,
}

fn finite_or_zero(v: f64) -> f64 {
    if v.is_finite() { v } else { 0.0 }
}

fn bars(data: &WaterfallData, labels: &WaterfallLabels<'_>, theme: &Theme) -> Vec<Bar> {
    let start = finite_or_zero(data.start);
    let mut bars = vec![Bar {
        label: labels.start.to_string(),
        from: 0.0,
        to: start,
        color: theme.today,
        value: (labels.format)(start),
    }];
    let mut level = start;
    for (label, value) in &data.parts {
        let value = finite_or_zero(*value);
        let color = if value < 0.0 { theme.loss } else { theme.gain };
        bars.push(Bar {
            label: label.clone(),
            from: level,
            to: level + value,
            color,
            value: signed(labels.format, value),
        });
        level += value;
    }
    let end = finite_or_zero(data.end);
    bars.push(Bar {
        label: labels.end.to_string(),
        from: 0.0,
        to: end,
        color: theme.target,
        value: (labels.format)(end),
    });
    bars
}

/// Draws the waterfall and returns where the data ended up (x = bar index, 0 = start).
pub fn draw<DB: DrawingBackend>(
    backend: DB,
    data: &WaterfallData,
    labels: &WaterfallLabels<'_>,
    theme: &Theme,
) -> Result<Mapping, ChartError> {
    let root = backend.into_drawing_area();
    root.fill(&theme.background)?;
    check_size(&root, theme)?;
    let bars = bars(data, labels, theme);
    let (lo, hi) = finite_range(bars.iter().flat_map(|b| [b.from, b.to])).unwrap_or((0.0, 1.0));
    let (y0, y1) = zero_based_range(lo, hi);

    let mut header = vec![(labels.y_axis.to_string(), Swatch::Title)];
    if bars.iter().any(|b| b.color == theme.gain) {
        header.push((labels.gain.to_string(), Swatch::Block(theme.gain)));
    }
    if bars.iter().any(|b| b.color == theme.loss) {
        header.push((labels.loss.to_string(), Swatch::Block(theme.loss)));
    }
    let area = draw_header(&root, &header, theme)?;
    let mapping = draw_plot(&root, &area, &bars, labels, theme, (y0, y1))?;
    root.present()?;
    Ok(mapping)
}

fn draw_plot<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    bars: &[Bar],
    labels: &WaterfallLabels<'_>,
    theme: &Theme,
    (mut y0, mut y1): (f64, f64),
) -> Result<Mapping, ChartError> {
    let n = bars.len();
    let style = axis_label_style(theme);
    let line_h = theme.px(LABEL_PX * 1.3);
    let y_label_w = max_text_width(root, [y0, y1, (y0 + y1) / 2.0].map(labels.format), &style)?;
    let y_area = y_label_w + theme.px(10.0);
    let margin = theme.px(8.0);
    let (w, h) = area.dim_in_pixel();
    let plot_w = (w as i32 - y_area - 2 * margin).max(1);
    // Room for two lines of bar labels: cause names wrap rather than overlap.
    let x_area = 2 * line_h + theme.px(8.0);
    let plot_h = (h as i32 - x_area - 2 * margin).max(1) as f64;
    // Room for the value labels above the highest and below the lowest bar.
    let room = (y1 - y0) * (line_h + theme.px(6.0)) as f64 / plot_h;
    if y1 > 0.0 {
        y1 += room;
    }
    if y0 < 0.0 {
        y0 -= room;
    }
    let slot = plot_w / n as i32;

    let y_ticks = nice_ticks(
        y0,
        y1,
        label_budget(plot_h, line_h as f64, line_h as f64).min(8),
    );
    let y_format = |v: &f64| (labels.format)(*v);
    let mut chart = ChartBuilder::on(area)
        .margin(margin)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(
            TickAxis::linear(-0.5, n as f64 - 0.5, Vec::new()),
            TickAxis::linear(y0, y1, y_ticks),
        )?;
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, theme, &style);
    mesh.disable_x_mesh().y_label_formatter(&y_format).draw()?;

    // Bars take 60% of their slot; the gaps carry the connectors.
    let half = 0.3;
    chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
        let x = i as f64;
        Rectangle::new([(x - half, b.from), (x + half, b.to)], b.color.filled())
    }))?;
    let connector = ShapeStyle {
        color: theme.axis.to_rgba(),
        filled: false,
        stroke_width: theme.stroke(1.0),
    };
    chart.draw_series(bars.windows(2).enumerate().map(|(i, pair)| {
        let x = i as f64;
        // Horizontal at the running total: where this bar ends and the next one starts.
        PathElement::new(
            vec![(x + half, pair[0].to), (x + 1.0 - half, pair[0].to)],
            connector,
        )
    }))?;

    draw_bar_texts(root, &chart, bars, theme, slot, line_h)?;
    Ok(Mapping::from_chart(&chart))
}

/// Values over (or under, when negative) each bar and the bar names below the axis, wrapped into
/// at most two lines and shortened to the bar's slot so that neighbours never overlap.
fn draw_bar_texts<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart<'_, DB>,
    bars: &[Bar],
    theme: &Theme,
    slot: i32,
    line_h: i32,
) -> Result<(), ChartError> {
    let room = (slot - theme.px(4.0)).max(1);
    let value_style = theme.font(LABEL_PX, theme.text, Pos::new(HPos::Center, VPos::Bottom));
    // Values are all shown or none: a chart with some values missing reads as an error.
    let values_fit = {
        let mut fit = true;
        for b in bars {
            fit &= text_size(root, &b.value, &value_style)?.0 <= room;
        }
        fit
    };
    let (_, ys) = chart.plotting_area().get_pixel_range();
    let gap = theme.px(3.0);
    for (i, b) in bars.iter().enumerate() {
        let x = i as f64;
        if values_fit {
            let down = b.to < b.from;
            let (px, py) = chart.backend_coord(&(x, b.to.max(b.from)));
            let (_, py_low) = chart.backend_coord(&(x, b.to.min(b.from)));
            let (anchor, y) = if down {
                (VPos::Top, py_low + gap)
            } else {
                (VPos::Bottom, py - gap)
            };
            let text_h = line_h;
            // Keep values inside the plot: flip inside the bar when there is no room outside.
            let (anchor, y) = match anchor {
                VPos::Bottom if y - text_h < ys.start => (VPos::Top, py + gap),
                VPos::Top if y + text_h > ys.end => (VPos::Bottom, py_low - gap),
                other => (other, y),
            };
            let style = theme.font(LABEL_PX, theme.text, Pos::new(HPos::Center, anchor));
            root.draw_text(&b.value, &style, (px, y))?;
        }
        let (px, _) = chart.backend_coord(&(x, 0.0));
        let name_style = theme.font(LABEL_PX, theme.text, Pos::new(HPos::Center, VPos::Top));
        for (line_no, line) in wrap_two_lines(root, &b.label, &name_style, room)?
            .iter()
            .enumerate()
        {
            root.draw_text(
                line,
                &name_style,
                (px, ys.end + theme.px(6.0) + line_no as i32 * line_h),
            )?;
        }
    }
    Ok(())
}

/// Word-wraps `text` into at most two lines of `max_width`, shortening the last with "…".
fn wrap_two_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_width: i32,
) -> Result<Vec<String>, ChartError> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut first = String::new();
    let mut used = 0;
    for (i, word) in words.iter().enumerate() {
        let candidate = if first.is_empty() {
            (*word).to_string()
        } else {
            format!("{first} {word}")
        };
        if text_size(area, &candidate, style)?.0 <= max_width || i == 0 && words.len() == 1 {
            first = candidate;
            used = i + 1;
        } else {
            break;
        }
    }
    if used == 0 {
        // Even the first word is too wide: shorten it on one line.
        return Ok(vec![fit_text(area, text, style, max_width)?]);
    }
    let first = fit_text(area, &first, style, max_width)?;
    let rest = words[used..].join(" ");
    if rest.is_empty() {
        return Ok(vec![first]);
    }
    Ok(vec![first, fit_text(area, &rest, style, max_width)?])
}

/// A screen-reader summary: "Sales per year: Today 660, Follow-up +48, …, Target process 1140."
pub fn text_alternative(data: &WaterfallData, labels: &WaterfallLabels<'_>) -> String {
    let mut items = vec![format!("{} {}", labels.start, (labels.format)(data.start))];
    items.extend(
        data.parts
            .iter()
            .map(|(name, v)| format!("{name} {}", signed(labels.format, *v))),
    );
    items.push(format!("{} {}", labels.end, (labels.format)(data.end)));
    format!("{}: {}.", labels.y_axis, items.join(", "))
}
