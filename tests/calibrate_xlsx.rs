//! A spreadsheet export (.xlsx) reads like the CSV with the same cells, and only its first
//! sheet is read: minimal workbooks are written here (`support/calibrate_workbook.rs`: a stored
//! ZIP with inline strings and numbers).

#[path = "support/calibrate_workbook.rs"]
mod workbook;

use leadplan::calibrate::{Calibration, Options, calibrate};
use workbook::{Sheet, xlsx};

/// The rows as a `;`-separated export.
fn csv(rows: &[Vec<&str>]) -> Calibration {
    let text: String = rows.iter().map(|r| r.join(";") + "\n").collect();
    calibrate(text.as_bytes(), &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn xlsx_reads_like_csv() {
    let rows: Vec<Vec<&str>> = vec![
        vec![
            "Bron",
            "Aanmaakdatum",
            "Eerste contact",
            "Belpogingen",
            "Status",
        ],
        vec!["Website", "46037.5", "46037.5625", "2", "Verkocht"],
        vec!["Website", "46040.25", "", "", "Open"],
        vec!["Marktplaats", "46050", "46050.125", "4", "Verloren"],
    ];
    let from_xlsx = calibrate(&xlsx(&rows), &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let from_csv = csv(&rows);
    assert_eq!(from_xlsx.report, from_csv.report);
    assert_eq!(from_xlsx.report.used, 3);
    // 90 and 180 minutes.
    assert_eq!(from_xlsx.report.response.median_minutes, Some(135.0));
    assert_eq!(from_xlsx.arrivals, from_csv.arrivals);
}

/// "The first sheet" (MODEL.md §9, issue 14): the first tab of the workbook, whatever its part
/// is called and wherever the ZIP stores it; a second sheet with other leads is not read.
#[test]
fn only_the_first_sheet_is_read() {
    let leads: Vec<Vec<&str>> = vec![
        vec!["Bron", "Aanmaakdatum", "Eerste contact", "Status"],
        vec!["Website", "46037.5", "46037.5625", "Verkocht"],
        vec!["Marktplaats", "46050", "46050.125", "Verloren"],
    ];
    // Another year's leads from other sources, with other headers: also a valid export.
    let archive: Vec<Vec<&str>> = vec![
        vec!["Lead Source", "Created", "First Contact", "Attempts"],
        vec!["AutoTrack", "45700.25", "45700.5", "3"],
        vec!["AutoTrack", "45710.75", "", ""],
        vec!["AutoScout24", "45720.5", "45721", "1"],
        vec!["Importer", "45730", "45730.01", "2"],
    ];
    let first = csv(&leads);
    let second = csv(&archive);
    assert_ne!(first.report, second.report);
    // The leads sheet first in the workbook, its part stored first (sheet1.xml), then last
    // (sheet2.xml, after the archive's sheet1.xml).
    for (leads_part, archive_part) in [(1, 2), (2, 1)] {
        let book = workbook::workbook(&[
            Sheet {
                name: "Leads",
                part: leads_part,
                rows: &leads,
            },
            Sheet {
                name: "Archief",
                part: archive_part,
                rows: &archive,
            },
        ]);
        let c = calibrate(&book, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.report, first.report, "leads in part {leads_part}");
        assert_eq!(c.arrivals, first.arrivals);
        assert_eq!(c.headers, first.headers);
        assert!(c.report.sources.iter().all(|s| s.name != "AutoTrack"));
    }
    // The archive as the first tab is read instead.
    let book = workbook::workbook(&[
        Sheet {
            name: "Archief",
            part: 2,
            rows: &archive,
        },
        Sheet {
            name: "Leads",
            part: 1,
            rows: &leads,
        },
    ]);
    let c = calibrate(&book, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.report, second.report);
}
