//! Calibration from lead exports made here from known leads, in three dialects (Dutch Excel,
//! comma with ISO UTC times, tab-separated Windows-1252 with a response-minutes column and a
//! sold flag); every report field is checked against values computed independently from the
//! leads.

use leadplan::calibrate::{Calibration, Options, ProblemKind, calibrate};
use leadplan::model::scenario::Scenario;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Outcome {
    Sold,
    Lost,
    Open,
    Spam,
    /// A status none of the lists knows.
    Unknown,
}

#[derive(Clone, Debug)]
struct TestLead {
    id: String,
    source: String,
    /// UTC ms; `None`: the created field holds text that is no date.
    created: Option<i64>,
    contact: Option<i64>,
    attempts: Option<u32>,
    outcome: Outcome,
}

/// Days since 1970-01-01 (written independently of the crate's: a loop over years and months).
fn days(y: i64, m: u32, d: u32) -> i64 {
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mut n = 0;
    for year in 1970..y {
        n += if leap(year) { 366 } else { 365 };
    }
    let lengths = [
        31,
        if leap(y) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    for len in &lengths[..(m - 1) as usize] {
        n += len;
    }
    n + i64::from(d) - 1
}

fn civil(ms: i64) -> (i64, u32, u32, i64, i64) {
    let mut d = ms.div_euclid(DAY);
    let rem = ms.rem_euclid(DAY);
    let mut y = 1970;
    loop {
        let len = days(y + 1, 1, 1) - days(y, 1, 1);
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let mut m = 1;
    while m < 12 && days(y, m + 1, 1) - days(y, 1, 1) <= d {
        m += 1;
    }
    let day = (d - (days(y, m, 1) - days(y, 1, 1)) + 1) as u32;
    (y, m, day, rem / HOUR, rem % HOUR / MINUTE)
}

/// Last Sunday of a month with 31 days, by walking back from the 31st (1970-01-04 a Sunday).
fn last_sunday(y: i64, m: u32) -> i64 {
    let mut d = days(y, m, 31);
    while (d - 3).rem_euclid(7) != 0 {
        d -= 1;
    }
    d
}

/// Amsterdam wall clock of a UTC instant.
fn local(utc: i64) -> i64 {
    let y = civil(utc).0;
    let summer = last_sunday(y, 3) * DAY + HOUR..last_sunday(y, 10) * DAY + HOUR;
    utc + if summer.contains(&utc) {
        2 * HOUR
    } else {
        HOUR
    }
}

fn utc(y: i64, m: u32, d: u32, h: i64, mi: i64) -> i64 {
    days(y, m, d) * DAY + h * HOUR + mi * MINUTE
}

/// A small deterministic generator (SplitMix64).
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

const EXPORT: i64 = 1_796_040_000_000; // 2026-11-30 12:00 UTC

/// The known leads: random ones plus fixed blocks with known intervals and every problem.
fn leads() -> Vec<TestLead> {
    assert_eq!(EXPORT, utc(2026, 11, 30, 12, 0));
    let mut rng = Rng(7);
    let mut out = Vec::new();
    let start = utc(2025, 1, 1, 0, 0);
    let sources = [
        ("Website", 300, 0.1),
        ("Marktplaats", 120, 0.07),
        ("Café Noord", 45, 0.12),
        ("Citroën Occasions", 25, 0.2),
    ];
    let mut n = 0;
    for (name, count, conv) in sources {
        for _ in 0..count {
            n += 1;
            let mut created = start + ((EXPORT - start - DAY) as f64 * rng.unit()) as i64;
            created -= created % MINUTE;
            // Whole minutes, and never in the repeated hour's second pass (local time cannot
            // tell it from the first).
            let (y, ..) = civil(created);
            let second_pass = last_sunday(y, 10) * DAY + HOUR;
            if (second_pass..second_pass + HOUR).contains(&created) {
                created -= 3 * HOUR;
            }
            let contacted = rng.unit() < 0.8;
            let contact = contacted
                .then(|| {
                    let minutes = (120.0
                        * (rng.normal() * 5f64.ln() / 1.281_551_565_544_600_4).exp())
                    .round()
                    .max(1.0) as i64;
                    created + minutes * MINUTE
                })
                .filter(|&t| t < EXPORT);
            let u = rng.unit();
            let outcome = if contact.is_some() && u < conv {
                Outcome::Sold
            } else if u < 0.4 {
                Outcome::Lost
            } else if u < 0.42 {
                Outcome::Spam
            } else if u < 0.44 {
                Outcome::Unknown
            } else {
                Outcome::Open
            };
            out.push(TestLead {
                id: format!("L{n}"),
                source: name.to_string(),
                created: Some(created),
                contact,
                attempts: contact.map(|_| 1 + (rng.next() % 5) as u32),
                outcome,
            });
        }
    }
    // Importeur: 100 decided, 12 sold: Jeffreys Beta(12.5, 88.5). Telefoon: 30 decided, none sold.
    for (name, total, sold) in [("Importeur", 100, 12), ("Telefoon", 30, 0)] {
        for k in 0..total {
            n += 1;
            let created = utc(2025, 6, 2, 9, 0) + k * HOUR;
            out.push(TestLead {
                id: format!("L{n}"),
                source: name.to_string(),
                created: Some(created),
                contact: Some(created + 30 * MINUTE),
                attempts: Some(2),
                outcome: if k < sold {
                    Outcome::Sold
                } else {
                    Outcome::Open
                },
            });
        }
    }
    // The latest timestamp: E.
    out.push(TestLead {
        id: "LAST".into(),
        source: "Website".into(),
        created: Some(EXPORT),
        contact: None,
        attempts: None,
        outcome: Outcome::Open,
    });
    // Problems: duplicate ids, a missing source, an unreadable created, contact before
    // created, a sale without contact.
    let mut dup = out[3].clone();
    dup.outcome = Outcome::Sold;
    out.push(dup.clone());
    out.push(out[10].clone());
    out.push(TestLead {
        id: "NOSRC".into(),
        source: String::new(),
        created: Some(utc(2025, 3, 3, 10, 0)),
        contact: None,
        attempts: None,
        outcome: Outcome::Open,
    });
    out.push(TestLead {
        id: "BADDATE".into(),
        source: "Website".into(),
        created: None,
        contact: None,
        attempts: None,
        outcome: Outcome::Open,
    });
    out.push(TestLead {
        id: "EARLY".into(),
        source: "Marktplaats".into(),
        created: Some(utc(2025, 4, 4, 10, 0)),
        contact: Some(utc(2025, 4, 4, 9, 0)),
        attempts: Some(1),
        outcome: Outcome::Lost,
    });
    out.push(TestLead {
        id: "SOLDNC".into(),
        source: "Marktplaats".into(),
        created: Some(utc(2025, 5, 5, 10, 0)),
        contact: None,
        attempts: None,
        outcome: Outcome::Sold,
    });
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Dialect {
    DutchExcel,
    CommaIsoUtc,
    TabWindows1252,
}

fn local_text(utc_ms: i64, order_dmy: &str) -> String {
    let (y, m, d, h, mi) = civil(local(utc_ms));
    match order_dmy {
        "dd-mm-yyyy" => format!("{d:02}-{m:02}-{y} {h:02}:{mi:02}"),
        _ => format!("{d}/{m}/{y} {h}:{mi:02}"),
    }
}

fn iso_z(utc_ms: i64) -> String {
    let (y, m, d, h, mi) = civil(utc_ms);
    format!("{y}-{m:02}-{d:02}T{h:02}:{mi:02}:00Z")
}

fn export(leads: &[TestLead], dialect: Dialect) -> Vec<u8> {
    let mut text = String::new();
    match dialect {
        Dialect::DutchExcel => {
            text.push_str(
                "\u{feff}Leadnummer;Bron;Aanmaakdatum;Eerste contact;Belpogingen;Status\r\n",
            );
            for l in leads {
                let status = match l.outcome {
                    Outcome::Sold => "Verkocht",
                    Outcome::Lost => "Verloren",
                    Outcome::Open => "In behandeling",
                    Outcome::Spam => "Spam",
                    Outcome::Unknown => "Afgeboekt",
                };
                text.push_str(&format!(
                    "{};{};{};{};{};{}\r\n",
                    l.id,
                    l.source,
                    l.created
                        .map_or("gisteren".into(), |t| local_text(t, "dd-mm-yyyy")),
                    l.contact
                        .map_or(String::new(), |t| local_text(t, "dd-mm-yyyy")),
                    l.attempts.map_or(String::new(), |a| a.to_string()),
                    status
                ));
            }
        }
        Dialect::CommaIsoUtc => {
            text.push_str(
                "Lead ID,Lead Source,Created Date,First Response,Call Attempts,Lead Status\n",
            );
            for l in leads {
                let status = match l.outcome {
                    Outcome::Sold => "Closed Won",
                    Outcome::Lost => "Closed Lost",
                    Outcome::Open => "Open",
                    Outcome::Spam => "Spam",
                    Outcome::Unknown => "Parked",
                };
                text.push_str(&format!(
                    "{},\"{}\",{},{},{},{}\n",
                    l.id,
                    l.source.replace('"', "\"\""),
                    l.created.map_or("yesterday".into(), iso_z),
                    l.contact.map_or(String::new(), iso_z),
                    l.attempts.map_or(String::new(), |a| a.to_string()),
                    status
                ));
            }
        }
        Dialect::TabWindows1252 => {
            text.push_str("Leadnummer\tHerkomst\tOntvangen\tReactietijd\tContactpogingen\tUitkomst\tVerkocht\r\n");
            for l in leads {
                let (status, sold) = match l.outcome {
                    Outcome::Sold => ("", "ja"),
                    Outcome::Lost => ("Niet interessant", "nee"),
                    Outcome::Open => ("New", "nee"),
                    Outcome::Spam => ("Dubbel", "nee"),
                    Outcome::Unknown => ("Wacht op klant", "nee"),
                };
                let minutes = match (l.created, l.contact) {
                    (Some(c), Some(f)) => ((f - c) / MINUTE).to_string(),
                    _ => String::new(),
                };
                text.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\r\n",
                    l.id,
                    l.source,
                    l.created.map_or("??".into(), |t| local_text(t, "d/m/yyyy")),
                    minutes,
                    l.attempts.map_or(String::new(), |a| a.to_string()),
                    status,
                    sold
                ));
            }
            // Windows-1252: every character here is in Latin-1.
            return text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap())
                .collect();
        }
    }
    text.into_bytes()
}

/// Numpy's default quantile.
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    sorted[lo] + (h - h.floor()) * (sorted[hi] - sorted[lo])
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

struct Expected {
    rows: u64,
    used: u64,
    span_days: f64,
    sources: Vec<(String, u64, u64, u64, f64)>,
    follow_up: f64,
    times: Vec<f64>,
    attempts: u32,
    invalid_rows: Vec<u32>,
    duplicates: Vec<u32>,
    unmapped: Vec<u32>,
    sold_no_contact: Vec<u32>,
    before_created: Vec<u32>,
}

/// The report's numbers, computed straight from the leads by MODEL.md §9's rules.
fn expected(leads: &[TestLead]) -> Expected {
    let e = leads
        .iter()
        .flat_map(|l| [l.created, l.contact])
        .flatten()
        .max()
        .unwrap();
    let first = leads.iter().filter_map(|l| l.created).min().unwrap();
    let mut seen = std::collections::HashSet::new();
    let mut x = Expected {
        rows: leads.len() as u64,
        used: 0,
        span_days: (e - first) as f64 / DAY as f64,
        sources: Vec::new(),
        follow_up: 0.0,
        times: Vec::new(),
        attempts: 0,
        invalid_rows: Vec::new(),
        duplicates: Vec::new(),
        unmapped: Vec::new(),
        sold_no_contact: Vec::new(),
        before_created: Vec::new(),
    };
    let (mut contacted, mut old_uncontacted) = (0, 0);
    let mut attempts = Vec::new();
    for (i, l) in leads.iter().enumerate() {
        let line = i as u32 + 2;
        let Some(created) = l.created.filter(|_| !l.source.is_empty()) else {
            x.invalid_rows.push(line);
            continue;
        };
        if !seen.insert(l.id.clone()) {
            x.duplicates.push(line);
            continue;
        }
        if l.outcome == Outcome::Spam {
            continue;
        }
        x.used += 1;
        if l.outcome == Outcome::Unknown {
            x.unmapped.push(line);
        }
        let sold = l.outcome == Outcome::Sold;
        let decided = sold || l.outcome == Outcome::Lost || e - created > 60 * DAY;
        match x.sources.iter_mut().find(|s| s.0 == l.source) {
            Some(s) => {
                s.1 += 1;
                s.2 += u64::from(decided);
                s.3 += u64::from(sold);
            }
            None => x.sources.push((
                l.source.clone(),
                1,
                u64::from(decided),
                u64::from(sold),
                0.0,
            )),
        }
        let has_contact = l.contact.is_some() || l.attempts.is_some_and(|a| a > 0);
        if sold && !has_contact {
            x.sold_no_contact.push(line);
        }
        if has_contact || sold {
            contacted += 1;
            attempts.extend(l.attempts.map(f64::from));
        } else if e - created > 7 * DAY {
            old_uncontacted += 1;
        }
        if let Some(c) = l.contact {
            let minutes = (c - created) as f64 / MINUTE as f64;
            if minutes > 0.0 {
                x.times.push(minutes);
            } else if minutes < 0.0 {
                x.before_created.push(line);
            }
        }
    }
    let months = x.span_days / 30.4375;
    for s in &mut x.sources {
        s.4 = s.1 as f64 / months;
    }
    x.follow_up = contacted as f64 / (contacted + old_uncontacted) as f64;
    x.times.sort_by(f64::total_cmp);
    attempts.sort_by(f64::total_cmp);
    x.attempts = quantile(&attempts, 0.5).round() as u32;
    x
}

fn first5(v: &[u32]) -> Vec<u32> {
    v.iter().take(5).copied().collect()
}

fn check(c: &Calibration, x: &Expected, dialect: &str) {
    let r = &c.report;
    assert_eq!((r.rows, r.used), (x.rows, x.used), "{dialect}");
    assert!(close(r.span_days, x.span_days, 1e-12), "{dialect}");
    assert_eq!(r.date_order, "day_first", "{dialect}");
    assert_eq!(r.sources.len(), x.sources.len(), "{dialect}");
    for (name, leads, decided, sold, per_month) in &x.sources {
        let s = r
            .sources
            .iter()
            .find(|s| &s.name == name)
            .unwrap_or_else(|| panic!("{dialect}: no source {name}"));
        assert_eq!(
            (s.leads, s.decided, s.sold),
            (*leads, *decided, *sold),
            "{dialect} {name}"
        );
        assert!(close(
            s.conversion.unwrap(),
            *sold as f64 / *decided as f64,
            1e-12
        ));
        assert!(
            close(s.leads_per_month, *per_month, 1e-12),
            "{dialect} {name}"
        );
    }
    // Most leads first.
    assert!(r.sources.windows(2).all(|w| w[0].leads >= w[1].leads));
    assert!(
        close(r.follow_up_rate.unwrap(), x.follow_up, 1e-12),
        "{dialect}"
    );
    let median = quantile(&x.times, 0.5);
    let p90 = quantile(&x.times, 0.9);
    assert_eq!(r.response.contacted, x.times.len() as u64, "{dialect}");
    assert!(
        close(r.response.median_minutes.unwrap(), median, 1e-12),
        "{dialect}"
    );
    assert!(
        close(r.response.p90_minutes.unwrap(), p90, 1e-12),
        "{dialect}"
    );
    let spread = (p90 / median).clamp(1.0, 100.0);
    assert!(close(r.response.spread.unwrap(), spread, 1e-12));
    // KS distance against the log-normal, computed here with libm's erfc.
    let sigma = spread.ln() / 1.281_551_565_544_600_4;
    let n = x.times.len() as f64;
    let ks = x.times.iter().enumerate().fold(0.0f64, |d, (i, &t)| {
        let f = 0.5 * libm::erfc(-(t / median).ln() / sigma / std::f64::consts::SQRT_2);
        d.max((i as f64 + 1.0) / n - f).max(f - i as f64 / n)
    });
    assert!(
        close(r.response.ks_distance.unwrap(), ks, 1e-9),
        "{dialect}"
    );
    assert_eq!(r.attempts, Some(x.attempts), "{dialect}");

    // Jeffreys intervals against mpmath (25 digits).
    let interval = |name: &str| r.sources.iter().find(|s| s.name == name).unwrap().interval;
    let [lo, hi] = interval("Importeur");
    assert!(
        (lo - 0.074_666_697_349_464_58).abs() < 1e-9
            && (hi - 0.181_348_866_552_699_95).abs() < 1e-9
    );
    let [lo, hi] = interval("Telefoon");
    assert!(
        (lo - 6.498_971_558_159e-5).abs() < 1e-12 && (hi - 0.061_516_724_557_300_9).abs() < 1e-9
    );

    let problem = |kind: ProblemKind| r.problems.iter().find(|p| p.kind == kind);
    for (kind, rows) in [
        (ProblemKind::InvalidRows, &x.invalid_rows),
        (ProblemKind::DuplicateIds, &x.duplicates),
        (ProblemKind::UnmappedStatus, &x.unmapped),
        (ProblemKind::SoldWithoutContact, &x.sold_no_contact),
        (ProblemKind::ContactBeforeCreated, &x.before_created),
    ] {
        let p = problem(kind).unwrap_or_else(|| panic!("{dialect}: no {kind:?}"));
        assert_eq!(
            (p.count, p.rows.clone()),
            (rows.len() as u64, first5(rows)),
            "{dialect} {kind:?}"
        );
    }
    let few = problem(ProblemKind::FewDecidedLeads).unwrap();
    let expect_few: Vec<String> = r
        .sources
        .iter()
        .filter(|s| s.decided < 30)
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(few.values, expect_few);
    assert_eq!(few.rows.len() as u64, few.count.min(5));
    assert!(problem(ProblemKind::AmbiguousDateOrder).is_none());
    assert!(
        problem(ProblemKind::InvalidValues).is_none(),
        "{dialect}: {:?}",
        r.problems
    );
}

#[test]
fn three_dialects_give_the_leads_back() {
    let leads = leads();
    let x = expected(&leads);
    assert!(x.invalid_rows.len() == 2 && x.duplicates.len() == 2 && !x.unmapped.is_empty());
    let mut reports = Vec::new();
    for (dialect, name) in [
        (Dialect::DutchExcel, "dutch excel"),
        (Dialect::CommaIsoUtc, "comma iso utc"),
        (Dialect::TabWindows1252, "tab windows-1252"),
    ] {
        let bytes = export(&leads, dialect);
        if dialect == Dialect::TabWindows1252 {
            assert!(std::str::from_utf8(&bytes).is_err(), "really Windows-1252");
        }
        let c = calibrate(&bytes, &Options::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(&c, &x, name);
        reports.push(c);
    }
    // The columns each dialect was read from.
    let cols = |i: usize| reports[i].report.columns.clone();
    assert_eq!(cols(0)["created"], "Aanmaakdatum");
    assert_eq!(cols(1)["first_contact"], "First Response");
    assert_eq!(cols(2)["response_minutes"], "Reactietijd");
    assert_eq!(cols(2)["sold"], "Verkocht");
    // The same leads give the same arrivals in every dialect.
    assert_eq!(reports[0].arrivals, reports[1].arrivals);
    assert_eq!(reports[0].arrivals, reports[2].arrivals);
    assert_eq!(reports[0].arrivals.iter().sum::<u64>(), x.used);
    // Arrivals by hour of week in Amsterdam time, computed here.
    let mut arrivals = vec![0u64; 168];
    let mut seen = std::collections::HashSet::new();
    for l in &leads {
        let Some(c) = l.created.filter(|_| !l.source.is_empty()) else {
            continue;
        };
        if !seen.insert(l.id.clone()) || l.outcome == Outcome::Spam {
            continue;
        }
        let wall = local(c);
        let weekday = (wall.div_euclid(DAY) + 3).rem_euclid(7) as usize;
        arrivals[weekday * 24 + (wall.rem_euclid(DAY) / HOUR) as usize] += 1;
    }
    assert_eq!(reports[0].arrivals, arrivals);
    // 23 whole months (2025-01 … 2026-10... the span starts in January 2025): seasonality.
    assert!(reports[0].seasonality.is_some());
}

#[test]
fn calibrated_scenario_is_valid_and_keeps_the_base() {
    let leads = leads();
    let c = calibrate(&export(&leads, Dialect::DutchExcel), &Options::default()).unwrap();
    let base = leadplan::model::presets::default_scenario();
    let base_json = serde_json::to_value(&base).unwrap();
    let out = c.scenario(&base_json);
    assert_eq!(out["version"], 2);
    assert_eq!(out["arrivals"].as_array().unwrap().len(), 168);
    assert_eq!(out["revenue_per_sale"], base_json["revenue_per_sale"]);
    assert_eq!(out["contact"], base_json["contact"]);
    assert_eq!(out["process_target"], base_json["process_target"]);
    let website = out["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Website")
        .unwrap();
    assert_eq!(website["cost_per_lead"], 25.0);
    let cafe = out["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Café Noord")
        .unwrap();
    assert_eq!(cafe["cost_per_lead"], 0.0);
    let process = &out["process_now"];
    assert_eq!(
        process["follow_up_rate"],
        serde_json::json!(c.report.follow_up_rate.unwrap())
    );
    assert_eq!(
        process["attempts"],
        serde_json::json!(c.report.attempts.unwrap())
    );
    // Valid as a version-1 scenario once the version-2 field is taken out.
    let mut v1 = out.clone();
    v1.as_object_mut().unwrap().remove("arrivals");
    v1["version"] = serde_json::json!(1);
    let s = Scenario::from_json(&v1.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(s.sources.len(), c.report.sources.len());
    // Seasonality: the mean count per calendar month.
    assert_eq!(s.seasonality.len(), 12);
}
