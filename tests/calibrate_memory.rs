//! Peak memory of calibrating a 100,000-row export (MODEL.md §9; issue 14 asks for about three
//! times the file at most). Its own test binary, so the process's peak is this calibration's.
//! The figure also goes to the summary of `scripts/test` (target/e2e-metrics.txt).

use std::fs::OpenOptions;
use std::io::Write;

use leadplan::calibrate::warm::dutch_export;
use leadplan::calibrate::{Options, calibrate};

/// A `/proc/self/status` field in bytes (Linux; this project's machines).
fn status_bytes(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status")
        .expect("/proc/self/status is readable: the memory figure needs Linux");
    let line = status
        .lines()
        .find(|l| l.starts_with(key))
        .unwrap_or_else(|| panic!("{key} in /proc/self/status"));
    let kb: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{line}"));
    kb * 1024
}

#[test]
fn a_100k_row_export_calibrates_within_about_three_times_its_size() {
    let bytes = dutch_export(100_000, 7);
    // What the process holds with the file read: the baseline the calibration adds to.
    let before = status_bytes("VmRSS:");
    let c = calibrate(&bytes, &Options::default()).expect("the export calibrates");
    let peak = status_bytes("VmHWM:");
    assert_eq!(c.report.rows, 100_000);
    let file = bytes.len() as f64;
    let extra = peak.saturating_sub(before) as f64;
    let ratio = (file + extra) / file;
    let line = format!(
        "[native] calibrate 100,000 rows ({:.1} MB): the file plus {:.1} MB at the peak, {ratio:.2} × the file\n",
        file / 1e6,
        extra / 1e6
    );
    print!("{line}");
    let metrics = concat!(env!("CARGO_MANIFEST_DIR"), "/target/e2e-metrics.txt");
    if let Ok(mut f) = OpenOptions::new().create(true).append(true).open(metrics) {
        let _ = f.write_all(line.as_bytes());
    }
    assert!(ratio <= 3.5, "{line}");
}
