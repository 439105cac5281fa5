//! The week as a grid of 7 days × 24 hours: the leads' arrival profile as a heat map (darker is
//! busier), with the staffed shifts drawn over it as outlined blocks carrying their number of
//! people (MODEL.md §7). Used for a process's staffing and for the arrivals a lead export
//! yields (§9, without shifts).
//!
//! Days run top (Monday) to bottom (Sunday), hours left (00:00) to right (24:00). The mapping's
//! x axis is the hour of the day (0–24), its y axis counts day rows from the bottom (day d of 7
//! at y = 7 − d − 0.5), so [`cell_at`] reads a pointer position back as a day and an hour.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    ChartError, Format, Frame, LABEL_PX, Mapping, Swatch, Theme, TickAxis, axis_label_style,
    build_chart, check_size, draw_header, max_text_width, style_mesh,
};

/// One shift over the grid: on `day` (0 = Monday), from `from_min` to `to_min` minutes after
/// midnight, with `people` on duty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeekGridShift {
    /// 0 for Monday … 6 for Sunday.
    pub day: usize,
    /// Start, minutes after midnight.
    pub from_min: u32,
    /// End, minutes after midnight (after `from_min`, at most 1440).
    pub to_min: u32,
    /// People on duty.
    pub people: u32,
}

/// The chart's data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeekGridData {
    /// 168 arrival weights, index 24·day + hour, Monday 00:00 first; any non-negative scale.
    pub weights: Vec<f64>,
    /// Shifts to draw over the grid (one entry per day of a shift); empty: none.
    pub shifts: Vec<WeekGridShift>,
}

/// Words and number format, in the page's language.
pub struct WeekGridLabels<'a> {
    /// Short day names, Monday first ("ma" … "zo").
    pub days: [&'a str; 7],
    /// The heat map's legend text, e.g. "Leads per hour".
    pub arrivals: &'a str,
    /// The shifts' legend text, e.g. "Staffed (people)"; unused without shifts.
    pub shifts: &'a str,
    /// Formats a share of the week's leads (0.031 → "3,1%"), for the text alternative.
    pub format_share: Format<'a>,
}

/// Cells in the grid.
pub const CELLS: usize = 7 * 24;

/// How dark a cell is drawn: its weight relative to the busiest cell, 0..=1 (0 for an empty
/// or invalid profile and for negative or non-finite weights).
pub fn intensity(weights: &[f64], index: usize) -> f64 {
    let max = weights
        .iter()
        .copied()
        .filter(|w| w.is_finite())
        .fold(0.0_f64, f64::max);
    match weights.get(index) {
        Some(&w) if max > 0.0 && w.is_finite() && w > 0.0 => (w / max).min(1.0),
        _ => 0.0,
    }
}

/// The cell colour at intensity `t` (0..=1): from the background to the target colour.
pub fn cell_color(theme: &Theme, t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    let (bg, fg) = (theme.background, theme.target);
    RGBColor(mix(bg.0, fg.0), mix(bg.1, fg.1), mix(bg.2, fg.2))
}

/// The (day, hour) of a point in the mapping's data coordinates, `None` outside the grid.
pub fn cell_at(x: f64, y: f64) -> Option<(usize, usize)> {
    if !(0.0..24.0).contains(&x) || !(0.0..7.0).contains(&y) {
        return None;
    }
    Some((6 - y.floor() as usize, x.floor() as usize))
}

/// Draws the grid; see the module docs for the mapping's axes.
pub fn draw<DB: DrawingBackend>(
    backend: DB,
    data: &WeekGridData,
    labels: &WeekGridLabels<'_>,
    theme: &Theme,
) -> Result<Mapping, ChartError> {
    let root = backend.into_drawing_area();
    root.fill(&theme.background)?;
    check_size(&root, theme)?;
    let valid = data.weights.len() == CELLS
        && data.weights.iter().all(|w| w.is_finite() && *w >= 0.0)
        && data.weights.iter().any(|w| *w > 0.0);
    if !valid {
        return Err(ChartError::NoData);
    }
    let mut header = vec![(labels.arrivals.to_string(), Swatch::Block(theme.target))];
    if !data.shifts.is_empty() {
        header.push((labels.shifts.to_string(), Swatch::Title));
    }
    let area = draw_header(&root, &header, theme)?;
    let style = axis_label_style(theme);
    let widest = max_text_width(&root, labels.days.iter().map(|d| d.to_string()), &style)?;
    let margin = theme.px(8.0);
    let hour_w = max_text_width(&root, ["24:00".to_string()], &style)?;
    let (w, _) = area.dim_in_pixel();
    let plot_w = (w as i32 - widest - 2 * margin - hour_w / 2).max(1) as f64;
    // Hour labels every 3, 6 or 12 hours, as many as fit.
    let step = [3, 6, 12]
        .into_iter()
        .find(|s: &u32| plot_w / (24.0 / f64::from(*s)) >= f64::from(hour_w + theme.px(10.0)))
        .unwrap_or(24);
    let ticks: Vec<f64> = (0..=24u32).step_by(step as usize).map(f64::from).collect();
    let frame = Frame {
        top: margin,
        right: margin.max(hour_w / 2 + theme.px(2.0)),
        other: margin,
        x_area: theme.px(LABEL_PX * 1.3) + theme.px(8.0),
        y_area: widest + theme.px(8.0),
    };
    let mut chart = build_chart(
        &area,
        frame,
        TickAxis::linear(0.0, 24.0, ticks),
        TickAxis::linear(0.0, 7.0, Vec::new()),
    )?;
    let hour_label = |v: &f64| format!("{:02}:00", v.round() as u32);
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, theme, &style);
    mesh.x_label_formatter(&hour_label).draw()?;

    let row_bottom = |day: usize| 6.0 - day as f64;
    chart.draw_series((0..CELLS).map(|i| {
        let (day, hour) = (i / 24, (i % 24) as f64);
        let y = row_bottom(day);
        Rectangle::new(
            [(hour, y + 0.04), (hour + 1.0, y + 0.96)],
            cell_color(theme, intensity(&data.weights, i)).filled(),
        )
    }))?;

    let outline = ShapeStyle {
        color: theme.text.to_rgba(),
        filled: false,
        stroke_width: theme.stroke(2.0),
    };
    let people_style = theme.font(LABEL_PX, theme.text, Pos::new(HPos::Center, VPos::Center));
    for shift in data
        .shifts
        .iter()
        .filter(|s| s.day < 7 && s.from_min < s.to_min)
    {
        let (x0, x1) = (
            f64::from(shift.from_min) / 60.0,
            f64::from(shift.to_min.min(1440)) / 60.0,
        );
        let y = row_bottom(shift.day);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x0, y + 0.08), (x1, y + 0.92)],
            outline,
        )))?;
        let text = shift.people.to_string();
        let (left, mid) = chart.backend_coord(&(x0, y + 0.5));
        let (right, _) = chart.backend_coord(&(x1, y + 0.5));
        if right - left >= max_text_width(&root, [text.clone()], &style)? + theme.px(4.0) {
            root.draw_text(&text, &people_style, ((left + right) / 2, mid))?;
        }
    }
    let day_style = theme.font(LABEL_PX, theme.text, Pos::new(HPos::Right, VPos::Center));
    for (day, name) in labels.days.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(0.0, row_bottom(day) + 0.5));
        root.draw_text(name, &day_style, (px - theme.px(6.0), py))?;
    }
    root.present()?;
    Ok(Mapping::from_chart(&chart))
}

/// A screen-reader summary: each day's share of the week's leads and its busiest hour, and the
/// shifts per day.
pub fn text_alternative(data: &WeekGridData, labels: &WeekGridLabels<'_>) -> String {
    let total: f64 = data
        .weights
        .iter()
        .filter(|w| w.is_finite() && **w > 0.0)
        .sum();
    if data.weights.len() != CELLS || total <= 0.0 {
        return String::new();
    }
    let days: Vec<String> = (0..7)
        .map(|d| {
            let row = &data.weights[24 * d..24 * d + 24];
            // fold from +0.0: an empty f64 sum is −0.0, which would print as "-0%".
            let share = row.iter().filter(|w| **w > 0.0).fold(0.0, |a, w| a + w) / total;
            let busiest = (0..24)
                .max_by(|a, b| row[*a].total_cmp(&row[*b]).then(b.cmp(a)))
                .unwrap_or(0);
            let shifts: Vec<String> = data
                .shifts
                .iter()
                .filter(|s| s.day == d)
                .map(|s| format!("{}–{} {}", clock(s.from_min), clock(s.to_min), s.people))
                .collect();
            let mut text = format!(
                "{} {} ({:02}:00)",
                labels.days[d],
                (labels.format_share)(share),
                busiest
            );
            if !shifts.is_empty() {
                text.push_str(&format!(", {}: {}", labels.shifts, shifts.join(", ")));
            }
            text
        })
        .collect();
    format!("{}: {}.", labels.arrivals, days.join("; "))
}

fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}
