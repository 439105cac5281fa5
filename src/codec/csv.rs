//! The annual plan and results as CSV that opens correctly in Dutch Excel: UTF-8 with a
//! byte-order mark (without it Excel reads UTF-8 as Windows-1252), `;` between fields (Excel's
//! list separator wherever the decimal separator is a comma), a decimal comma for Dutch and a
//! point for English, no thousands separators (Excel would read "1.250" as 1.25), CRLF line
//! ends and RFC 4180 quoting. One row per month, one per source, and a total for the year.
//! Columns: the expected values, the current-mix plan (MODEL.md §3) and the cheapest plan
//! (§8), each with today's and with the target process; the year row also has the cheapest
//! plan's shortfall in sales.
//!
//! When a process is staffed (MODEL.md §7), a block of staffing rows follows the year row: a
//! heading row naming its two value columns (today, target process), then one row per figure
//! (answered within 5 minutes, median and p90 response time, share arriving while nobody is on
//! duty, utilisation, staffing cost per year; shares in percent, times in minutes), empty for a
//! process that is not staffed; and, when both are staffed, the staffing ROI (target against
//! today) in the target column. Every row has the same number of fields. Without a staffed
//! process there is no such block: the file is as it was before staffing existed.

use crate::i18n::{Lang, month_short, texts};
use crate::model::expected::Expected;
use crate::model::scenario::Scenario;
use crate::model::staffing::CapacityOutcome;

texts! {
    /// Column headings and row kinds of the CSV export.
    pub enum CsvText {
        Kind => "Soort", "Kind";
        Name => "Naam", "Name";
        Month => "Maand", "Month";
        Source => "Bron", "Source";
        Year => "Jaar", "Year";
        Total => "Totaal", "Total";
        Leads => "Leads (verwacht)", "Leads (expected)";
        SalesNow => "Verkopen nu", "Sales today";
        SalesTarget => "Verkopen met doelproces", "Sales with target process";
        LostSales => "Gemiste verkopen", "Lost sales";
        Cost => "Leadkosten", "Lead cost";
        LeadsNeededNow => "Leads nodig voor doel (nu)", "Leads needed for target (today)";
        LeadsNeededTarget => "Leads nodig voor doel (doelproces)", "Leads needed for target (target process)";
        BudgetNow => "Budget nodig (nu)", "Budget needed (today)";
        BudgetTarget => "Budget nodig (doelproces)", "Budget needed (target process)";
        CheapLeadsNow => "Goedkoopste plan: leads (nu)", "Cheapest plan: leads (today)";
        CheapLeadsTarget => "Goedkoopste plan: leads (doelproces)", "Cheapest plan: leads (target process)";
        CheapBudgetNow => "Goedkoopste plan: budget (nu)", "Cheapest plan: budget (today)";
        CheapBudgetTarget => "Goedkoopste plan: budget (doelproces)", "Cheapest plan: budget (target process)";
        ShortfallNow => "Goedkoopste plan: tekort verkopen (nu)", "Cheapest plan: sales short (today)";
        ShortfallTarget => "Goedkoopste plan: tekort verkopen (doelproces)", "Cheapest plan: sales short (target process)";
        Today => "Nu", "Today";
        TargetProcess => "Doelproces", "Target process";
        Staffing => "Bezetting", "Staffing";
        StaffingRoi => "Rendement bezetting", "Staffing ROI";
        Within5 => "Binnen 5 minuten beantwoord (%)", "Answered within 5 minutes (%)";
        Median => "Mediane reactietijd (minuten)", "Median response time (minutes)";
        P90 => "90% beantwoord binnen (minuten)", "90% answered within (minutes)";
        Unstaffed => "Komt binnen als niemand er is (%)", "Arrive while nobody is on duty (%)";
        Utilisation => "Bezettingsgraad (%)", "Utilisation (%)";
        StaffingCost => "Personeelskosten per jaar", "Staffing cost per year";
        ExtraCost => "Extra personeelskosten per jaar (doel t.o.v. nu)", "Extra staffing cost per year (target vs today)";
        ExtraGrossProfit => "Extra brutowinst per jaar (doel t.o.v. nu)", "Extra gross profit per year (target vs today)";
        RoiNet => "Netto per jaar (doel t.o.v. nu)", "Net per year (target vs today)";
    }
}

/// The byte-order mark Excel needs to read the file as UTF-8.
pub const BOM: &str = "\u{feff}";
/// The field separator.
pub const SEPARATOR: char = ';';

/// The CSV text (starting with the BOM) of a scenario's expected values and annual plan, and
/// the staffing figures of a staffed process (see the module docs).
/// Plan columns are empty without a sales target (or where the plan cannot be computed).
pub fn plan_csv(lang: Lang, scenario: &Scenario, e: &Expected) -> String {
    let mut out = String::from(BOM);
    let header = [
        CsvText::Kind,
        CsvText::Name,
        CsvText::Leads,
        CsvText::SalesNow,
        CsvText::SalesTarget,
        CsvText::LostSales,
        CsvText::Cost,
        CsvText::LeadsNeededNow,
        CsvText::LeadsNeededTarget,
        CsvText::BudgetNow,
        CsvText::BudgetTarget,
        CsvText::CheapLeadsNow,
        CsvText::CheapLeadsTarget,
        CsvText::CheapBudgetNow,
        CsvText::CheapBudgetTarget,
        CsvText::ShortfallNow,
        CsvText::ShortfallTarget,
    ]
    .map(|t| t.get(lang).to_owned());
    push_row(&mut out, &header);
    let plan = e.plan.as_ref();
    let now = plan.map(|p| &p.cheapest_now);
    let target = plan.map(|p| &p.cheapest_target);
    for (i, m) in e.months.iter().enumerate() {
        let pm = plan.and_then(|p| p.months.get(i));
        let (cn, ct) = (
            now.and_then(|c| c.months.get(i)),
            target.and_then(|c| c.months.get(i)),
        );
        let row = [
            CsvText::Month.get(lang).to_owned(),
            month_short(lang, i).to_owned(),
            number(lang, Some(m.leads)),
            number(lang, Some(m.sales_now)),
            number(lang, Some(m.sales_target)),
            number(lang, Some(m.sales_target - m.sales_now)),
            number(lang, Some(m.cost)),
            number(lang, pm.and_then(|p| p.leads_needed_now)),
            number(lang, pm.and_then(|p| p.leads_needed_target)),
            number(lang, pm.and_then(|p| p.budget_now)),
            number(lang, pm.and_then(|p| p.budget_target)),
            number(lang, cn.map(|c| c.leads)),
            number(lang, ct.map(|c| c.leads)),
            number(lang, cn.map(|c| c.budget)),
            number(lang, ct.map(|c| c.budget)),
            String::new(),
            String::new(),
        ];
        push_row(&mut out, &row);
    }
    for (i, s) in e.sources.iter().enumerate() {
        let ps = plan.and_then(|p| p.sources.get(i));
        let (cn, ct) = (
            now.and_then(|c| c.sources.get(i)),
            target.and_then(|c| c.sources.get(i)),
        );
        let name = scenario
            .sources
            .get(i)
            .map_or(s.name.as_str(), |x| x.name.as_str());
        let row = [
            CsvText::Source.get(lang).to_owned(),
            name.to_owned(),
            number(lang, Some(s.leads)),
            number(lang, Some(s.sales_now)),
            number(lang, Some(s.sales_target)),
            number(lang, Some(s.sales_target - s.sales_now)),
            number(lang, Some(s.cost)),
            number(lang, ps.and_then(|p| p.leads_needed_now)),
            number(lang, ps.and_then(|p| p.leads_needed_target)),
            number(lang, ps.and_then(|p| p.budget_now)),
            number(lang, ps.and_then(|p| p.budget_target)),
            number(lang, cn.map(|c| c.leads)),
            number(lang, ct.map(|c| c.leads)),
            number(lang, cn.map(|c| c.budget)),
            number(lang, ct.map(|c| c.budget)),
            String::new(),
            String::new(),
        ];
        push_row(&mut out, &row);
    }
    let total = [
        CsvText::Year.get(lang).to_owned(),
        CsvText::Total.get(lang).to_owned(),
        number(lang, Some(e.leads)),
        number(lang, Some(e.sales_now)),
        number(lang, Some(e.sales_target)),
        number(lang, Some(e.lost_sales)),
        number(lang, Some(e.cost)),
        number(lang, plan.and_then(|p| p.leads_needed_now)),
        number(lang, plan.and_then(|p| p.leads_needed_target)),
        number(lang, plan.and_then(|p| p.budget_now)),
        number(lang, plan.and_then(|p| p.budget_target)),
        number(lang, now.map(|c| c.leads)),
        number(lang, target.map(|c| c.leads)),
        number(lang, now.map(|c| c.budget)),
        number(lang, target.map(|c| c.budget)),
        number(lang, now.map(|c| c.shortfall_sales)),
        number(lang, target.map(|c| c.shortfall_sales)),
    ];
    push_row(&mut out, &total);
    push_staffing(&mut out, lang, e, header.len());
    out
}

/// One figure of a staffed process, as the CSV writes it.
type Figure = fn(&CapacityOutcome) -> f64;

/// The staffing block (see the module docs): nothing unless a process is staffed. Rows are
/// padded to `width` fields.
fn push_staffing(out: &mut String, lang: Lang, e: &Expected, width: usize) {
    let (now, target) = (e.capacity_now.as_ref(), e.capacity_target.as_ref());
    if now.is_none() && target.is_none() {
        return;
    }
    let mut row = |cells: [String; 4]| {
        let mut row = cells.to_vec();
        row.resize(width, String::new());
        push_row(out, &row);
    };
    let text = |t: CsvText| t.get(lang).to_owned();
    row([
        text(CsvText::Kind),
        text(CsvText::Name),
        text(CsvText::Today),
        text(CsvText::TargetProcess),
    ]);
    let figures: [(CsvText, Figure); 6] = [
        (CsvText::Within5, |c| c.within_5_minutes * 100.0),
        (CsvText::Median, |c| c.median_response_minutes),
        (CsvText::P90, |c| c.p90_response_minutes),
        (CsvText::Unstaffed, |c| c.arrive_unstaffed * 100.0),
        (CsvText::Utilisation, |c| c.utilisation * 100.0),
        (CsvText::StaffingCost, |c| c.staffing_cost_per_year),
    ];
    for (name, figure) in figures {
        row([
            text(CsvText::Staffing),
            text(name),
            number(lang, now.map(figure)),
            number(lang, target.map(figure)),
        ]);
    }
    if let Some(roi) = &e.staffing_roi {
        for (name, value) in [
            (CsvText::ExtraCost, roi.extra_cost_per_year),
            (CsvText::ExtraGrossProfit, roi.extra_gross_profit_per_year),
            (CsvText::RoiNet, roi.net_per_year),
        ] {
            row([
                text(CsvText::StaffingRoi),
                text(name),
                String::new(),
                number(lang, Some(value)),
            ]);
        }
    }
}

/// A number with two decimals (enough for counts and euros), the language's decimal separator
/// and no grouping; empty for a missing or non-finite value.
pub fn number(lang: Lang, value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() => {
            // Avoid "-0.00" for tiny negative rounding noise.
            let v = if v.abs() < 0.005 { 0.0 } else { v };
            let s = format!("{v:.2}");
            match lang {
                Lang::Nl => s.replace('.', ","),
                Lang::En => s,
            }
        }
        _ => String::new(),
    }
}

/// One field, quoted when it holds a separator, a quote, a line break or edge spaces. Text that
/// Excel would run as a formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe, so a
/// source name in a shared scenario cannot become a formula in someone's spreadsheet.
pub fn field(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !looks_numeric(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    let needs_quotes = guarded.contains([SEPARATOR, '"', '\n', '\r'])
        || guarded.starts_with(' ')
        || guarded.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Whether a cell is one of our own numbers (a negative number must stay a number).
fn looks_numeric(text: &str) -> bool {
    let rest = text.strip_prefix('-').unwrap_or(text);
    !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn push_row(out: &mut String, cells: &[String]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(SEPARATOR);
        }
        out.push_str(&field(c));
    }
    out.push_str("\r\n");
}

/// Splits CSV text as written by [`plan_csv`] back into rows of fields (BOM removed, quotes
/// undone): for tests and for reading an export back.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, SEPARATOR) => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::expected::expected;
    use crate::model::presets::default_scenario;

    fn csv(lang: Lang, s: &Scenario) -> String {
        let (e, _) = expected(s).unwrap_or_else(|errors| panic!("{errors:?}"));
        plan_csv(lang, s, &e)
    }

    #[test]
    fn dutch_csv_has_bom_semicolons_and_decimal_commas() {
        let s = default_scenario();
        let text = csv(Lang::Nl, &s);
        assert!(text.starts_with(BOM));
        let rows = parse(&text);
        assert_eq!(rows.len(), 1 + 12 + 6 + 1);
        assert!(rows.iter().all(|r| r.len() == 17), "{rows:?}");
        assert_eq!(rows[0][0], "Soort");
        assert_eq!(rows[1][..2], ["Maand", "jan"]);
        assert_eq!(rows[13][..2], ["Bron", "Website"]);
        // January: 510 leads × 1.15 / 11.95 of the year's weights.
        let jan_leads = 12.0 * 510.0 * 1.15 / 12.0;
        assert_eq!(rows[1][2], format!("{jan_leads:.2}").replace('.', ","));
        // Website: 1,440 leads a year, €36,000: no thousands separators.
        assert_eq!(rows[13][2], "1440,00");
        assert_eq!(rows[13][6], "36000,00");
        assert_eq!(rows[19][..3], ["Jaar", "Totaal", "6120,00"]);
        assert!(text.contains("\r\n"));
    }

    #[test]
    fn english_csv_uses_points_and_no_plan_leaves_blanks() {
        let mut s = default_scenario();
        s.target_sales_per_year = None;
        let rows = parse(&csv(Lang::En, &s));
        assert_eq!(rows[0][0], "Kind");
        assert_eq!(rows[13][2], "1440.00");
        assert_eq!(rows[13][7], "");
        assert!(
            rows[1..]
                .iter()
                .all(|r| r[11..].iter().all(String::is_empty))
        );
    }

    #[test]
    fn both_plans_by_month_and_source_with_the_shortfall() {
        let mut s = default_scenario();
        // Marktplaats capped: the cheapest plan buys at most 100 a month there.
        s.sources[2].max_leads_per_month = Some(100.0);
        s.sources[0].fixed_cost_per_month = 250.0;
        let (e, _) = expected(&s).unwrap_or_else(|errors| panic!("{errors:?}"));
        let Some(plan) = e.plan.as_ref() else {
            panic!("the default scenario has a target")
        };
        let rows = parse(&plan_csv(Lang::Nl, &s, &e));
        assert_eq!(rows[0][11], "Goedkoopste plan: leads (nu)");
        assert_eq!(
            rows[0][16],
            "Goedkoopste plan: tekort verkopen (doelproces)"
        );
        let nl = |v: f64| number(Lang::Nl, Some(v));
        for m in 0..12 {
            assert_eq!(rows[1 + m][11], nl(plan.cheapest_now.months[m].leads));
            assert_eq!(rows[1 + m][14], nl(plan.cheapest_target.months[m].budget));
            assert_eq!(
                rows[1 + m][7],
                nl(plan.months[m].leads_needed_now.unwrap_or(f64::NAN))
            );
        }
        for i in 0..6 {
            assert_eq!(rows[13 + i][11], nl(plan.cheapest_now.sources[i].leads));
            assert_eq!(rows[13 + i][12], nl(plan.cheapest_target.sources[i].leads));
            assert_eq!(rows[13 + i][13], nl(plan.cheapest_now.sources[i].budget));
            assert_eq!(rows[13 + i][14], nl(plan.cheapest_target.sources[i].budget));
        }
        assert_eq!(rows[15][11], nl(1200.0));
        assert_eq!(rows[19][11], nl(plan.cheapest_now.leads));
        assert_eq!(rows[19][13], nl(plan.cheapest_now.budget));
        assert_eq!(rows[19][15], "0,00");
        // A target beyond every cap: the shortfall is in the year row.
        for src in &mut s.sources {
            src.max_leads_per_month = Some(10.0);
        }
        s.sources[1].buyable = Some(false);
        s.sources[5].buyable = Some(false);
        let (e, _) = expected(&s).unwrap_or_else(|errors| panic!("{errors:?}"));
        let short = e
            .plan
            .as_ref()
            .map_or(0.0, |p| p.cheapest_now.shortfall_sales);
        assert!(short > 1.0, "{short}");
        let rows = parse(&plan_csv(Lang::En, &s, &e));
        assert_eq!(rows[19][15], number(Lang::En, Some(short)));
    }

    #[test]
    fn names_are_quoted_and_formulas_defused() {
        let mut s = default_scenario();
        s.sources[0].name = "Web; \"shop\"".into();
        s.sources[1].name = "=HYPERLINK(\"x\")".into();
        let text = csv(Lang::Nl, &s);
        assert!(text.contains("\"Web; \"\"shop\"\"\""));
        let rows = parse(&text);
        assert_eq!(rows[13][1], "Web; \"shop\"");
        assert_eq!(rows[14][1], "'=HYPERLINK(\"x\")");
        assert_eq!(field("-12,50"), "-12,50");
        assert_eq!(number(Lang::Nl, Some(-1e-9)), "0,00");
        assert_eq!(number(Lang::Nl, Some(f64::NAN)), "");
    }

    /// The rows of the staffing block of MODEL.md §7 (heading, six figures, three ROI rows).
    const STAFFING_ROWS: usize = 1 + 6 + 3;

    #[test]
    fn staffed_presets_carry_the_staffing_figures() {
        use crate::model::presets::WorkshopPreset;
        let presets = [
            WorkshopPreset::OfficeHours,
            WorkshopPreset::EveningShift,
            WorkshopPreset::LeadDesk,
        ];
        for preset in presets {
            let s = preset.scenario();
            let (e, _) = expected(&s).unwrap_or_else(|errors| panic!("{errors:?}"));
            for lang in [Lang::Nl, Lang::En] {
                let text = plan_csv(lang, &s, &e);
                let rows = parse(&text);
                let roi = usize::from(e.staffing_roi.is_some()) * 3;
                assert_eq!(rows.len(), 20 + STAFFING_ROWS - 3 + roi, "{preset:?}");
                assert!(rows.iter().all(|r| r.len() == 17), "{rows:?}");
                let t = |c: CsvText| c.get(lang).to_owned();
                assert_eq!(
                    rows[20][..4],
                    [
                        t(CsvText::Kind),
                        t(CsvText::Name),
                        t(CsvText::Today),
                        t(CsvText::TargetProcess)
                    ]
                );
                let cell = |c: Option<&CapacityOutcome>, f: Figure| number(lang, c.map(f));
                let (now, target) = (e.capacity_now.as_ref(), e.capacity_target.as_ref());
                let want: [(CsvText, Figure); 6] = [
                    (CsvText::Within5, |c| 100.0 * c.within_5_minutes),
                    (CsvText::Median, |c| c.median_response_minutes),
                    (CsvText::P90, |c| c.p90_response_minutes),
                    (CsvText::Unstaffed, |c| 100.0 * c.arrive_unstaffed),
                    (CsvText::Utilisation, |c| 100.0 * c.utilisation),
                    (CsvText::StaffingCost, |c| c.staffing_cost_per_year),
                ];
                for (i, (name, f)) in want.into_iter().enumerate() {
                    let row = &rows[21 + i];
                    assert_eq!(row[..2], [t(CsvText::Staffing), t(name)], "{preset:?}");
                    assert_eq!(row[2], cell(now, f), "{preset:?} {i}");
                    assert_eq!(row[3], cell(target, f), "{preset:?} {i}");
                    assert_eq!(row[2].is_empty(), now.is_none());
                    assert_eq!(row[3].is_empty(), target.is_none());
                    assert!(row[4..].iter().all(String::is_empty));
                }
                if let Some(r) = &e.staffing_roi {
                    for (i, (name, v)) in [
                        (CsvText::ExtraCost, r.extra_cost_per_year),
                        (CsvText::ExtraGrossProfit, r.extra_gross_profit_per_year),
                        (CsvText::RoiNet, r.net_per_year),
                    ]
                    .into_iter()
                    .enumerate()
                    {
                        let row = &rows[27 + i];
                        assert_eq!(row[..2], [t(CsvText::StaffingRoi), t(name)]);
                        assert_eq!(row[2..4], [String::new(), number(lang, Some(v))]);
                    }
                }
                // The block is only appended: without the staffing figures the same file
                // ends at the year row.
                let bare = Expected {
                    capacity_now: None,
                    capacity_target: None,
                    staffing_roi: None,
                    ..e.clone()
                };
                let before = plan_csv(lang, &s, &bare);
                assert_eq!(parse(&before).len(), 20);
                assert!(text.starts_with(&before) && text.len() > before.len());
            }
        }
        // Spot checks in both languages: a decimal comma, a point, percent.
        let s = WorkshopPreset::EveningShift.scenario();
        let (e, _) = expected(&s).unwrap_or_else(|errors| panic!("{errors:?}"));
        let c = e
            .capacity_target
            .clone()
            .unwrap_or_else(|| panic!("staffed"));
        let nl = parse(&plan_csv(Lang::Nl, &s, &e));
        assert_eq!(nl[21][1], "Binnen 5 minuten beantwoord (%)");
        assert_eq!(
            nl[21][3],
            format!("{:.2}", c.within_5_minutes * 100.0).replace('.', ",")
        );
        let en = parse(&plan_csv(Lang::En, &s, &e));
        assert_eq!(en[26][..2], ["Staffing", "Staffing cost per year"]);
        assert_eq!(en[26][3], format!("{:.2}", c.staffing_cost_per_year));
    }

    #[test]
    fn typed_scenarios_have_no_staffing_rows() {
        use crate::model::presets::WorkshopPreset;
        let staffing_kinds = [CsvText::Staffing, CsvText::StaffingRoi, CsvText::Kind];
        for preset in WorkshopPreset::all() {
            let s = preset.scenario();
            if s.process_now.capacity.is_some() || s.process_target.capacity.is_some() {
                continue;
            }
            for lang in [Lang::Nl, Lang::En] {
                let rows = parse(&csv(lang, &s));
                assert_eq!(rows.len(), 1 + 12 + s.sources.len() + 1, "{preset:?}");
                assert!(rows.iter().all(|r| r.len() == 17));
                assert_eq!(rows[rows.len() - 1][0], CsvText::Year.get(lang));
                for kind in staffing_kinds {
                    let k = kind.get(lang);
                    assert_eq!(
                        rows.iter().filter(|r| r[0] == k).count(),
                        usize::from(kind == CsvText::Kind)
                    );
                }
            }
        }
        // The default scenario is one of them.
        assert!(default_scenario().process_now.capacity.is_none());
    }
}
