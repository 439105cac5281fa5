//! Calibration rules one by one: summer time, date order, status mapping, column overrides,
//! malformed files, and property tests (arbitrary bytes; an export generated from known
//! parameters calibrates back to them within sampling error).

use leadplan::calibrate::{
    CalibrateError, Column, Field, Options, ProblemKind, StatusGroup, calibrate,
    calibrate_with_progress,
};
use proptest::prelude::*;

fn run(text: &str) -> leadplan::calibrate::Calibration {
    calibrate(text.as_bytes(), &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn kinds(c: &leadplan::calibrate::Calibration) -> Vec<ProblemKind> {
    c.report.problems.iter().map(|p| p.kind).collect()
}

#[test]
fn summer_time_switches_end_to_end() {
    // Created in Amsterdam time, first contact in UTC. 29 March 02:30 (skipped) is 00:30 UTC;
    // 25 October 02:30 (repeated) is its first occurrence, 00:30 UTC.
    let c = run("Source,Created,First Contact\n\
                 Web,2026-03-29 02:30,2026-03-29T01:00:00Z\n\
                 Web,2026-10-25 02:30,2026-10-25T01:30:00Z\n\
                 Web,2026-10-25 03:30,2026-10-25T03:00:00Z\n");
    let r = &c.report.response;
    // Times 30, 60 and 30 minutes (03:30 CET is 02:30 UTC).
    assert_eq!(r.contacted, 3);
    assert_eq!(r.median_minutes, Some(30.0));
    assert!((r.p90_minutes.unwrap() - 54.0).abs() < 1e-9);
    // Arrivals by the wall clock as written: both Sundays (index 6), hours 2, 2 and 3.
    let hours: Vec<usize> = c
        .arrivals
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(hours, [6 * 24 + 2, 6 * 24 + 3]);
    assert_eq!(c.arrivals[6 * 24 + 2], 2);
}

#[test]
fn day_first_unless_proven_month_first() {
    let ambiguous =
        run("Bron;Aanmaakdatum\nA;03/04/2026 10:00\nA;05/06/2026 10:00\nA;07/07/2026 10:00\n");
    assert_eq!(ambiguous.report.date_order, "day_first");
    let p = ambiguous
        .report
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::AmbiguousDateOrder)
        .unwrap();
    // 07/07 reads the same either way.
    assert_eq!((p.count, p.rows.clone()), (2, vec![2, 3]));
    // Day first: 3 April to 7 July (month first would be 4 March to 7 July, 125 days).
    assert!(
        (ambiguous.report.span_days - 95.0).abs() < 1e-9,
        "{}",
        ambiguous.report.span_days
    );

    let month_first = run("Bron;Aanmaakdatum\nA;03/04/2026 10:00\nA;03/25/2026 10:00\n");
    assert_eq!(month_first.report.date_order, "month_first");
    assert!(!kinds(&month_first).contains(&ProblemKind::AmbiguousDateOrder));
    // Month first: 4 March to 25 March.
    assert!((month_first.report.span_days - 21.0).abs() < 1e-9);

    let day_first = run("Bron;Aanmaakdatum\nA;03/04/2026 10:00\nA;25/03/2026 10:00\n");
    assert_eq!(day_first.report.date_order, "day_first");
    assert!(!kinds(&day_first).contains(&ProblemKind::AmbiguousDateOrder));

    // Proof both ways: the order with more proof wins; the other's rows do not exist.
    let mixed =
        run("Bron;Aanmaakdatum\nA;13/04/2026 10:00\nA;14/04/2026 10:00\nA;04/15/2026 10:00\n");
    assert_eq!(mixed.report.date_order, "day_first");
    let conflict = mixed
        .report
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::ConflictingDateOrder)
        .unwrap();
    assert_eq!(conflict.rows, [4]);
    assert_eq!(mixed.report.used, 2);
}

#[test]
fn excel_serials_and_other_time_formats() {
    // 46037.5 is 2026-01-15 12:00 local; the contact an hour later in ISO with offset.
    let c = run(
        "Source;Created;First Contact\nA;46037,5;2026-01-15T13:00:00+01:00\nA;15-1-2026;15-01-2026 00:10:00\n",
    );
    assert_eq!(c.report.response.median_minutes, Some(35.0));
    assert!((c.report.span_days - 13.0 / 24.0).abs() < 1e-12);
}

#[test]
fn statuses_sold_flags_and_user_mappings() {
    let text = "Source,Created,Status,Sold\n\
                A,2026-01-01 10:00,Won,\n\
                A,2026-01-02 10:00,In behandeling,x\n\
                A,2026-01-03 10:00,Bad Timing,\n\
                A,2026-01-04 10:00,Spam,x\n\
                A,2026-01-05 10:00,Afgeboekt,\n\
                A,2026-01-06 10:00,Afgeboekt,\n\
                A,2026-01-07 10:00,Open,misschien\n";
    let c = calibrate(text.as_bytes(), &Options::default()).unwrap();
    let s = &c.report.sources[0];
    // Spam is left out; the x-marked open lead is sold; young open leads are undecided.
    assert_eq!((c.report.used, s.leads, s.sold, s.decided), (6, 6, 2, 3));
    let unmapped = c
        .report
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::UnmappedStatus)
        .unwrap();
    assert_eq!(
        (
            unmapped.count,
            unmapped.rows.clone(),
            unmapped.values.clone()
        ),
        (2, vec![6, 7], vec!["Afgeboekt".to_string()])
    );
    let bad = c
        .report
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::InvalidValues)
        .unwrap();
    assert_eq!(
        (bad.rows.clone(), bad.values.clone()),
        (vec![8], vec!["sold".to_string()])
    );
    // No contact column: no follow-up rate, no sold-without-contact.
    assert_eq!(c.report.follow_up_rate, None);
    assert!(!kinds(&c).contains(&ProblemKind::SoldWithoutContact));

    let options = Options {
        status_map: vec![("afgeboekt".into(), StatusGroup::Lost)],
        ..Options::default()
    };
    let c = calibrate(text.as_bytes(), &options).unwrap();
    assert_eq!(c.report.sources[0].decided, 5);
    assert!(!kinds(&c).contains(&ProblemKind::UnmappedStatus));
}

#[test]
fn groups_apply_one_at_a_time() {
    let c = run(
        "Source;Created;First Contact;Attempts\nWeb;2026-01-01 10:00;2026-01-01 10:30;4\nWeb;2026-01-20 10:00;2026-01-20 12:30;4\n",
    );
    let base = serde_json::to_value(leadplan::model::presets::default_scenario()).unwrap();
    let mut s = base.clone();
    c.apply_follow_up(&mut s);
    assert_eq!(s["sources"], base["sources"]);
    assert_eq!(s["process_now"]["median_response_minutes"], 90.0);
    assert_eq!(s["process_now"]["attempts"], 4);
    assert_eq!(s["process_now"]["follow_up_rate"], 1.0);
    assert!(s.get("arrivals").is_none() && s["version"] == 1);
    let mut s = base.clone();
    c.apply_sources(&mut s);
    assert_eq!(s["process_now"], base["process_now"]);
    assert_eq!(s["sources"].as_array().unwrap().len(), 1);
    // Less than 12 whole months: seasonality stays the base's.
    let mut s = base.clone();
    c.apply_seasonality(&mut s);
    assert_eq!(s, base);
    c.apply_arrivals(&mut s);
    assert_eq!(s["version"], 2);
    // Thursday 1 January and Tuesday 20 January 2026, 10:00.
    let arrivals = s["arrivals"].as_array().unwrap();
    assert_eq!(
        (arrivals[3 * 24 + 10].clone(), arrivals[24 + 10].clone()),
        (1.into(), 1.into())
    );
    assert_eq!(arrivals.iter().filter(|v| **v != 0).count(), 2);
}

#[test]
fn seasonality_from_whole_months() {
    // 2025-01-15 … 2026-02-10: whole months February 2025 … January 2026 (12). Each month m
    // gets m leads on its 5th, so the weights are 1…12; the partial months add leads that
    // must not count.
    let mut text = String::from("Source,Created\nWeb,2025-01-15 10:00\n");
    for m in 1..=12u32 {
        let year = if m == 1 { 2026 } else { 2025 };
        for _ in 0..m {
            text.push_str(&format!("Web,{year}-{m:02}-05 10:00\n"));
        }
    }
    text.push_str("Web,2026-02-10 10:00\nWeb,2026-02-09 10:00\n");
    let c = run(&text);
    let w = c.seasonality.unwrap();
    assert_eq!(
        w,
        [
            1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0
        ]
    );
    // Eleven whole months are not enough.
    let c = run("Source,Created\nWeb,2025-01-15 10:00\nWeb,2025-12-31 10:00\n");
    assert!(c.seasonality.is_none());
}

#[test]
fn column_overrides() {
    let text = "Kanaal;Datum;Bron\nWeb;2026-01-01 10:00;x\nWeb;2026-01-02 10:00;y\n";
    assert!(matches!(
        calibrate(text.as_bytes(), &Options::default()),
        Err(CalibrateError::MissingColumns { ref missing, .. }) if missing == &[Field::Created]
    ));
    let options = Options {
        columns: vec![
            (Field::Created, Column::Header("datum".into())),
            (Field::Source, Column::Index(0)),
        ],
        ..Options::default()
    };
    let c = calibrate(text.as_bytes(), &options).unwrap();
    assert_eq!(c.report.sources[0].name, "Web");
    assert_eq!(c.report.columns["created"], "Datum");
    assert_eq!(c.report.columns["source"], "Kanaal");
}

#[test]
fn progress_is_reported() {
    let mut text = String::from("Source,Created\n");
    for i in 0..10_000 {
        text.push_str(&format!("S{},2026-01-01 10:{:02}\n", i % 3, i % 60));
    }
    let mut calls = Vec::new();
    let c = calibrate_with_progress(text.as_bytes(), &Options::default(), &mut |p| calls.push(p))
        .unwrap();
    assert_eq!(c.report.rows, 10_000);
    assert!(calls.len() >= 3);
    assert!(calls.windows(2).all(|w| w[0].bytes_read <= w[1].bytes_read));
    let last = calls.last().unwrap();
    assert_eq!((last.rows, last.bytes_read), (10_000, last.total_bytes));
}

#[test]
fn malformed_files_are_refused_with_a_reason() {
    let err = |bytes: &[u8]| {
        calibrate(bytes, &Options::default())
            .unwrap_err()
            .to_string()
    };
    assert_eq!(err(b""), "the file is empty");
    assert_eq!(err(b" \r\n\n"), "the file is empty");
    assert!(err(b"\x00\x01\x02binary\x00").starts_with("not a text export"));
    let e = err(b"Naam;Datum\nA;2026-01-01\n");
    assert!(
        e.starts_with("no source column (expected one of: Source, Lead Source"),
        "{e}"
    );
    assert!(e.contains("no created column"), "{e}");
    assert!(e.ends_with("the headers are: Naam, Datum"), "{e}");
    let e = err(b"Bron;Datum\nA;2026-01-01\n");
    assert!(
        e.starts_with("no created column") && !e.contains("no source"),
        "{e}"
    );
    assert_eq!(
        err(b"Bron;Aanmaakdatum\n"),
        "the file has a header but no lead rows"
    );
    let e = err(b"Bron;Aanmaakdatum\nA;gisteren\n;2026-01-01\n");
    assert!(
        e.starts_with("no usable row: of 2 rows, 2 lack a readable source or created"),
        "{e}"
    );
    assert!(e.contains("(first: created: not a date and time)"), "{e}");
    let e = err(b"Bron;Aanmaakdatum;Status\nA;2026-01-01;Spam\n");
    assert!(e.contains("1 have an excluded status"), "{e}");
    assert!(err(b"PK\x03\x04garbage").starts_with("cannot read the spreadsheet"));
}

#[test]
fn a_bad_row_never_stops_the_good_ones() {
    let c = run(
        "Source;Created;Attempts;First Contact\nA;nope;2;\nA;2026-01-02 10:00;x;2026-01-02 11:00\nB;2026-01-03 10:00;3;later\n",
    );
    assert_eq!((c.report.rows, c.report.used), (3, 2));
    let bad = c
        .report
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::InvalidValues)
        .unwrap();
    assert_eq!(bad.rows, [3, 4]);
    assert_eq!(bad.values, ["attempts", "first_contact"]);
}

/// SplitMix64 for the generated exports.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit().max(1e-300), self.unit());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

fn iso(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let secs = ms.rem_euclid(86_400_000) / 1000;
    let (y, m, d) = leadplan::calibrate::time::civil_from_days(days);
    format!(
        "{y}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Leads generated from known parameters calibrate back to them within sampling error.
    #[test]
    fn calibrates_back_to_the_generating_parameters(
        seed in any::<u64>(),
        per_month in 150.0f64..600.0,
        close_rate in 0.05f64..0.4,
        follow_up in 0.5f64..0.98,
        median in 5.0f64..600.0,
        spread in 1.5f64..20.0,
        attempts in 1u32..8,
    ) {
        let mut rng = Rng(seed);
        let start = 1_767_225_600_000i64; // 2026-01-01 UTC
        let span = 365.25 * 86_400_000.0;
        let n = (per_month * 12.0) as usize;
        let sigma = spread.ln() / 1.281_551_565_544_600_4;
        let mut text = String::from("Lead Source,Created,First Contact,Attempts,Status\n");
        for _ in 0..n {
            let created = start + (span * rng.unit()) as i64;
            let contacted = rng.unit() < follow_up;
            let contact = contacted.then(|| created + (median * (sigma * rng.normal()).exp() * 60_000.0) as i64);
            let sold = contacted && rng.unit() < close_rate;
            text.push_str(&format!(
                "Web,{},{},{},{}\n",
                iso(created),
                contact.map_or(String::new(), iso),
                if contacted { attempts.to_string() } else { String::new() },
                if sold { "Won" } else { "Lost" },
            ));
        }
        let c = calibrate(text.as_bytes(), &Options::default()).unwrap();
        let r = &c.report;
        let s = &r.sources[0];
        // Leads over the span: the span is the year up to the last timestamp.
        let months = r.span_days / 30.4375;
        prop_assert!((s.leads_per_month - per_month).abs() / per_month < 0.02 + (12.0 - months).abs() / 12.0);
        let p = follow_up * close_rate;
        let sd = (p * (1.0 - p) / n as f64).sqrt();
        prop_assert!((s.conversion.unwrap() - p).abs() < 5.0 * sd, "{} vs {p}", s.conversion.unwrap());
        let [lo, hi] = s.interval;
        prop_assert!(lo < s.conversion.unwrap() && s.conversion.unwrap() < hi);
        let sd = (follow_up * (1.0 - follow_up) / n as f64).sqrt();
        prop_assert!((r.follow_up_rate.unwrap() - follow_up).abs() < 5.0 * sd + 0.01);
        let m = r.response.median_minutes.unwrap();
        let k = r.response.contacted as f64;
        // The sample median's sd is about 1.2533·σ/√k in log terms.
        prop_assert!((m / median).ln().abs() < 5.0 * 1.2533 * sigma / k.sqrt() + 1e-3, "{m} vs {median}");
        // ln p90 has sd about σ·√(0.09/k)/φ(1.2816); bound the ratio by the sum of both sds.
        let sd_ln_spread = sigma * ((0.09 / k).sqrt() / 0.175_498 + 1.2533 / k.sqrt());
        prop_assert!((r.response.spread.unwrap() / spread).ln().abs() < 5.0 * sd_ln_spread, "{:?} vs {spread}", r.response.spread);
        prop_assert!(r.response.ks_distance.unwrap() < 0.04);
        prop_assert_eq!(r.attempts, Some(attempts));
    }

    /// Arbitrary bytes never panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = calibrate(&bytes, &Options::default());
    }

    /// Arbitrary rows under a real header never panic, and every row is counted.
    #[test]
    fn arbitrary_rows_never_panic(rows in proptest::collection::vec("[0-9A-Za-z:/ .,;\t\"TZ+-]{0,60}", 0..30)) {
        let mut text = String::from("Bron;Aanmaakdatum;Eerste contact;Belpogingen;Status;Reactietijd;Verkocht;Id\n");
        for r in &rows {
            text.push_str(r);
            text.push('\n');
        }
        if let Ok(c) = calibrate(text.as_bytes(), &Options::default()) {
            prop_assert!(c.report.used <= c.report.rows);
            prop_assert!(c.report.problems.iter().all(|p| p.rows.len() <= 5));
        }
    }
}
