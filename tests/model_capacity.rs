//! Staffed processes (MODEL.md §7): the queue against Erlang C, monotonicity in staff and
//! volume, the default profile, the model's use of D, and bad input with exact messages.

use leadplan::model::capacity::{Capacity, Day, Shift, parse_time, weekly_leads};
use leadplan::model::expected::expected;
use leadplan::model::presets::{
    WorkshopPreset, default_arrivals, default_scenario, flat_arrivals, office_hours,
};
use leadplan::model::queue::ResponseTimes;
use leadplan::model::scenario::{Process, Scenario};
use leadplan::model::simulate::simulate;
use leadplan::model::staffing::{Slot, queue_response_times, staffing_suggestions};
use proptest::prelude::*;

#[path = "support/erlang.rs"]
mod erlang;
use erlang::erlang_c;

/// A scenario with one source of `per_week` followed-up leads a week (follow-up 100%).
fn with_volume(per_week: f64) -> Scenario {
    let mut s = default_scenario();
    s.sources.truncate(1);
    s.sources[0].leads_per_month = per_week * 365.25 / (7.0 * 12.0);
    s.process_now.follow_up_rate = 1.0;
    s
}

fn all_week(people: u32) -> Capacity {
    let mut c = Capacity::with_shifts(vec![Shift {
        days: Day::ALL.to_vec(),
        from: 0,
        to: 1440,
        people,
    }]);
    c.reaction_minutes = 0.0;
    c.minutes_per_lead = 8.0;
    c
}

fn d_now(s: &Scenario, capacity: &Capacity) -> ResponseTimes {
    queue_response_times(s, Slot::Now, capacity, s.process_now.follow_up_rate)
}

/// MODEL.md §7's check: one shift covering the whole week, a flat profile, reaction 0, 3 leads
/// an hour, 8 minutes a lead. D must reproduce Erlang C. The tolerance is derived, not chosen:
/// 16 independent seeds (each W = ⌈20,000 / 504⌉ = 40 weeks, about 20,000 leads) give 16
/// independent estimates; their mean must lie within 4 standard errors (their sample standard
/// deviation / √16) of the exact value.
#[test]
fn the_queue_reproduces_erlang_c() {
    let h = 8.0;
    let lambda_per_minute = 3.0 / 60.0;
    for (c, p_wait, within_5) in [(1u32, 0.400, 0.725), (2, 0.0667, 0.976)] {
        let a = lambda_per_minute * h;
        let exact_p = erlang_c(c, a);
        let exact_mean = exact_p * h / (f64::from(c) - a);
        let exact_within_5 = 1.0 - exact_p * (-(f64::from(c) - a) * 5.0 / h).exp();
        // MODEL.md's rounded figures.
        assert!((exact_p - p_wait).abs() < 5e-4, "{exact_p}");
        assert!((exact_within_5 - within_5).abs() < 1e-3, "{exact_within_5}");
        if c == 1 {
            assert!((exact_mean - 5.33).abs() < 5e-3);
        }
        let mut s = with_volume(3.0 * 168.0);
        s.arrivals = Some(flat_arrivals().to_vec());
        let capacity = all_week(c);
        let mut estimates = Vec::new();
        for seed in 0..16 {
            s.simulation.seed = 1000 + seed;
            let d = d_now(&s, &capacity);
            assert!(d.count() > 19_000, "{}", d.count());
            estimates.push([1.0 - d.immediate(), d.mean(), d.within_5()]);
        }
        for (k, (name, exact)) in [
            ("P(wait > 0)", exact_p),
            ("mean wait", exact_mean),
            ("within 5 minutes", exact_within_5),
        ]
        .into_iter()
        .enumerate()
        {
            let xs: Vec<f64> = estimates.iter().map(|e| e[k]).collect();
            let n = xs.len() as f64;
            let mean = xs.iter().sum::<f64>() / n;
            let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
            let se = sd / n.sqrt();
            assert!(se > 0.0);
            assert!(
                (mean - exact).abs() < 4.0 * se,
                "c = {c}, {name}: {mean} vs {exact} (se {se})"
            );
        }
    }
}

#[test]
fn office_hours_leave_about_half_the_leads_unstaffed() {
    let mut s = WorkshopPreset::OfficeHours.scenario();
    let (e, _) = expected(&s).unwrap_or_else(|e| panic!("{e:?}"));
    let c = e
        .capacity_now
        .unwrap_or_else(|| panic!("office hours have capacity"));
    assert!(
        (c.arrive_unstaffed - 0.5).abs() < 0.03,
        "{}",
        c.arrive_unstaffed
    );
    // The default profile's own figures (MODEL.md §7).
    let a = default_arrivals();
    assert!((a.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    let day = |d: usize| a[24 * d..24 * d + 24].iter().sum::<f64>();
    for (d, want) in [0.17, 0.17, 0.15, 0.15, 0.13, 0.11, 0.12]
        .iter()
        .enumerate()
    {
        assert!((day(d) - want).abs() < 1e-12);
    }
    let hours = |from: usize, to: usize| {
        (0..7)
            .map(|d| a[24 * d + from..24 * d + to].iter().sum::<f64>())
            .sum::<f64>()
    };
    assert!((hours(0, 8) - 0.05).abs() < 1e-12);
    assert!((hours(8, 18) - 0.60).abs() < 1e-12);
    assert!((hours(18, 24) - 0.35).abs() < 1e-12);
    // Staffed hours, cost and first-response hours are exact.
    assert_eq!(c.staffed_hours_per_week, 2.0 * 45.0 + 8.0);
    assert_eq!(c.staffing_cost_per_year, 98.0 * 365.25 / 7.0 * 25.0);
    let lambda = weekly_leads(&s, 0.9);
    assert_eq!(c.first_response_hours_per_week, lambda * 8.0 / 60.0);
    // A whole-week shift leaves nobody unstaffed; an explicit flat profile is read.
    s.process_now.capacity = Some(all_week(1));
    s.arrivals = Some(vec![2.0; 168]);
    let (e, _) = expected(&s).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(e.capacity_now.map(|c| c.arrive_unstaffed), Some(0.0));
}

#[test]
fn capacity_feeds_calibration_shapley_and_the_monte_carlo() {
    let s = WorkshopPreset::EveningShift.scenario();
    let (e, w) = expected(&s).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(w.is_empty(), "{w:?}");
    // Calibration reproduces today's conversion with the staffed process too.
    let observed: f64 = s
        .sources
        .iter()
        .map(|x| 12.0 * x.leads_per_month * x.conversion_now)
        .sum();
    assert!((e.sales_now - observed).abs() < 1e-9 * observed);
    let l = &e.loss_by_cause;
    let sum = l.follow_up + l.speed + l.attempts;
    assert!((sum - e.lost_sales).abs() < 1e-9 * e.lost_sales.abs());
    assert!(l.speed > 0.0 && l.follow_up > 0.0 && l.attempts > 0.0);
    let now = e.capacity_now.clone().unwrap_or_else(|| panic!("staffed"));
    let target = e
        .capacity_target
        .clone()
        .unwrap_or_else(|| panic!("staffed"));
    assert!(target.within_5_minutes > now.within_5_minutes);
    assert!(target.median_response_minutes <= now.median_response_minutes);
    assert!(now.p90_response_minutes >= now.median_response_minutes);
    let roi = e
        .staffing_roi
        .clone()
        .unwrap_or_else(|| panic!("both staffed"));
    assert_eq!(
        roi.extra_cost_per_year,
        target.staffing_cost_per_year - now.staffing_cost_per_year
    );
    assert_eq!(roi.extra_gross_profit_per_year, e.lost_gross_profit);
    assert_eq!(
        roi.net_per_year,
        roi.extra_gross_profit_per_year - roi.extra_cost_per_year
    );
    let u =
        (now.first_response_hours_per_week + now.retry_hours_per_week) / now.staffed_hours_per_week;
    assert_eq!(now.utilisation, u);
    // The Monte Carlo's mean agrees with §3 for staffed processes too.
    let mut mc = s.clone();
    mc.simulation.runs = 4000;
    let r = simulate(&mc).unwrap_or_else(|e| panic!("{e:?}"));
    assert!((r.annual.sales_target.mean / e.sales_target - 1.0).abs() < 0.01);
    // One staffed process: no ROI.
    let (e, _) = expected(&WorkshopPreset::LeadDesk.scenario()).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(e.capacity_now.is_none() && e.capacity_target.is_some() && e.staffing_roi.is_none());
}

#[test]
fn staffing_suggestions_rank_the_best_five_blocks() {
    let s = WorkshopPreset::OfficeHours.scenario();
    let list = staffing_suggestions(&s).unwrap_or_else(|| panic!("office hours have capacity"));
    assert_eq!(list.len(), 5);
    assert!(
        list.windows(2)
            .all(|w| w[0].net_per_year >= w[1].net_per_year)
    );
    let (e, _) = expected(&s).unwrap_or_else(|e| panic!("{e:?}"));
    let base = e.capacity_now.unwrap_or_else(|| panic!("staffed"));
    for x in &list {
        // Common random numbers: a block never makes today's answers slower.
        assert!(x.sales_gain >= 0.0);
        assert!(x.median_response_minutes <= base.median_response_minutes);
        assert!(x.within_5_minutes >= base.within_5_minutes);
        assert_eq!(x.cost_per_year, 3.0 * 365.25 / 7.0 * 25.0);
        assert_eq!(x.gross_profit_gain, x.sales_gain * 2500.0);
        assert_eq!(x.net_per_year, x.gross_profit_gain - x.cost_per_year);
        let (from, to) = (parse_time(&x.from), parse_time(&x.to));
        assert!(
            from.zip(to)
                .is_some_and(|(f, t)| t == f + 180 && (420..=1260).contains(&f))
        );
    }
    // Sunday's leads wait longest (until Monday 09:00): the best block is on Sunday.
    assert_eq!(list[0].day, Day::Sun);
    assert!(staffing_suggestions(&default_scenario()).is_none());
    let mut bad = s.clone();
    bad.process_now.attempts = 0;
    assert!(staffing_suggestions(&bad).is_none());
}

#[test]
fn no_followed_up_leads_give_the_light_traffic_distribution() {
    let mut s = WorkshopPreset::OfficeHours.scenario();
    for src in &mut s.sources {
        src.leads_per_month = 0.0;
    }
    let (e, _) = expected(&s).unwrap_or_else(|e| panic!("{e:?}"));
    let c = e.capacity_now.unwrap_or_else(|| panic!("staffed"));
    // Nobody waits for anyone: who arrives staffed is answered after the reaction time, the
    // others when the office opens.
    assert_eq!(c.first_response_hours_per_week, 0.0);
    assert_eq!(c.utilisation, 0.0);
    let answered_at_once = 1.0 - c.arrive_unstaffed;
    assert!(
        (c.within_5_minutes - answered_at_once).abs() < 0.02,
        "{}",
        c.within_5_minutes
    );
    assert!(c.median_response_minutes > 2.0 && c.p90_response_minutes > 600.0);
    assert!(c.expected_contact > 0.0 && c.expected_contact < 1.0);
}

/// A staffed scenario with 1..=4 random shifts, first responses needing 5–25% of the staffed
/// time, and one more random shift.
fn staffed() -> impl Strategy<Value = (Scenario, Vec<Shift>)> {
    let shift = (
        prop::collection::btree_set(0usize..7, 1..=7),
        0u32..=22,
        1u32..=12,
        1u32..=3,
    )
        .prop_map(|(days, from, len, people)| Shift {
            days: days.into_iter().map(|d| Day::ALL[d]).collect(),
            from: from * 60,
            to: ((from + len).min(24)) * 60,
            people,
        });
    (
        prop::collection::vec(shift.clone(), 1..=4),
        shift,
        0.05f64..=0.25,
        0.0f64..=10.0,
        0u64..1000,
    )
        .prop_map(|(shifts, extra, load, reaction, seed)| {
            let mut c = Capacity::with_shifts(shifts);
            let mut s = with_volume(load * c.person_minutes() / c.minutes_per_lead);
            c.reaction_minutes = reaction;
            s.process_now = Process::staffed(1.0, 2, c);
            s.simulation.seed = seed;
            (s, vec![extra])
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Common random numbers make this exact: with the same leads and the same work per lead,
    /// more people on duty can only start each lead's first response earlier (FCFS), so every
    /// response time, and with it the median, can only fall (no tolerance needed).
    #[test]
    fn more_staff_never_slows_answers((s, extra) in staffed(), which in 0usize..2) {
        prop_assume!(s.validate().is_empty());
        let Some(base) = s.process_now.capacity.clone() else {
            return Err(TestCaseError::fail("staffed"));
        };
        let mut more = base.clone();
        if which == 0 {
            more.shifts.extend(extra);
        } else {
            more.shifts[0].people += 1;
        }
        let (d0, d1) = (d_now(&s, &base), d_now(&s, &more));
        prop_assert!(d1.median() <= d0.median(), "{} > {}", d1.median(), d0.median());
        prop_assert!(d1.p90() <= d0.p90());
        prop_assert!(d1.within_5() >= d0.within_5());
        prop_assert!(d1.within_60() >= d0.within_60());
        prop_assert!(d1.mean() <= d0.mean() * (1.0 + 1e-12));
    }

    /// More leads never make answers faster. The volumes differ, so the leads differ and this
    /// is a statistical statement: each share comes from about 20,000 leads (standard error
    /// ≤ 0.0035, a few times that with the correlation of waits within a night's backlog, as
    /// the Erlang C test's spread over seeds shows), so 0.02 is about four standard errors of
    /// the difference, and the arrivals and work are coupled (the same unit gaps and work per
    /// lead), which narrows it further.
    #[test]
    fn more_leads_never_make_answers_faster((s, _) in staffed(), factor in 1.3f64..2.5) {
        prop_assume!(s.validate().is_empty());
        let mut more = s.clone();
        more.sources[0].leads_per_month *= factor;
        prop_assume!(more.validate().is_empty());
        let Some(capacity) = s.process_now.capacity.clone() else {
            return Err(TestCaseError::fail("staffed"));
        };
        let (d0, d1) = (d_now(&s, &capacity), d_now(&more, &capacity));
        // D's distribution function may only fall, here at its own median and p90 and at 5
        // and 60 minutes (an atom at the reaction time can hold the median).
        for x in [d0.median(), d0.p90(), 5.0, 60.0] {
            let (before, after) = (d0.share_within(x), d1.share_within(x));
            prop_assert!(after <= before + 0.02, "at {x}: {after} vs {before}");
        }
        prop_assert!(d1.within_5() <= d0.within_5() + 0.02);
    }
}

fn errors(text: &str) -> Vec<String> {
    match Scenario::from_json(text) {
        Ok(_) => vec![],
        Err(e) => e.iter().map(|e| e.to_string()).collect(),
    }
}

/// The default scenario with `process_now` replaced by `process` (JSON) and version 2.
fn with_process(process: &str, extra: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&default_scenario().to_json_pretty())
        .unwrap_or(serde_json::Value::Null);
    v["version"] = serde_json::Value::from(2);
    v["process_now"] = serde_json::from_str(process).unwrap_or(serde_json::Value::Null);
    if let Some(m) = v.as_object_mut()
        && !extra.is_empty()
    {
        let more: serde_json::Value =
            serde_json::from_str(extra).unwrap_or(serde_json::Value::Null);
        if let Some(o) = more.as_object() {
            for (k, x) in o {
                m.insert(k.clone(), x.clone());
            }
        }
    }
    v.to_string()
}

const OFFICE: &str = r#"{"follow_up_rate": 0.9, "attempts": 2, "capacity": {
  "shifts": [{"days": ["mon","tue","wed","thu","fri"], "from": "09:00", "to": "18:00", "people": 2},
             {"days": ["sat"], "from": "09:00", "to": "17:00", "people": 1}],
  "minutes_per_lead": 8, "minutes_per_retry": 2, "reaction_minutes": 2, "cost_per_person_hour": 25}}"#;

#[test]
fn model_md_example_reads_and_round_trips() {
    let text = with_process(OFFICE, "");
    let s = Scenario::from_json(&text).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(s.process_now.capacity, Some(office_hours()));
    assert_eq!(s.format_version(), 2);
    let written = s.to_json_pretty();
    assert!(written.contains("\"version\": 2"));
    assert!(written.contains("\"from\": \"09:00\""));
    assert!(!written.contains("\"arrivals\""));
    assert_eq!(Scenario::from_json(&written), Ok(s.clone()));
    assert_eq!(Scenario::from_json(&s.to_json()), Ok(s));
    // The work values are optional: 8, 2, 2 and 25.
    let short = OFFICE.replace(
        r#""minutes_per_lead": 8, "minutes_per_retry": 2, "reaction_minutes": 2, "cost_per_person_hour": 25"#,
        r#""minutes_per_lead": null"#,
    );
    let s2 = Scenario::from_json(&with_process(&short, "")).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(s2.process_now.capacity, Some(office_hours()));
    // A version-1 document that carries version-2 fields is read all the same.
    let v1 = with_process(OFFICE, "").replace("\"version\":2", "\"version\":1");
    assert!(v1.contains("\"version\":1"));
    assert_eq!(
        Scenario::from_json(&v1).map(|s| s.process_now.capacity.is_some()),
        Ok(true)
    );
}

#[test]
fn version_1_scenarios_are_written_as_before() {
    let d = default_scenario();
    assert_eq!(d.format_version(), 1);
    assert!(d.to_json_pretty().contains("\"version\": 1,"));
    assert!(d.to_json().contains("\"version\":1"));
    assert!(!d.to_json().contains("capacity"));
    let mut a = d.clone();
    a.arrivals = Some(default_arrivals().to_vec());
    assert_eq!(a.format_version(), 2);
    assert_eq!(Scenario::from_json(&a.to_json()), Ok(a));
}

/// MODEL.md §7 and §8 in one scenario: either feature alone makes it version 2, both read and
/// round-trip together, and the expected values carry both the capacity figures and the
/// buyable plan; without either it is written exactly as the default.
#[test]
fn staffing_and_buying_fields_together() {
    let d = default_scenario();
    let mut s = d.clone();
    s.process_now = Process::staffed(0.9, 2, office_hours());
    s.sources[2].max_leads_per_month = Some(100.0);
    s.sources[3].fixed_cost_per_month = 400.0;
    s.budget_per_year = Some(60_000.0);
    assert_eq!(s.format_version(), 2);
    assert!(s.to_json_pretty().contains("\"version\": 2,"));
    assert_eq!(Scenario::from_json(&s.to_json_pretty()), Ok(s.clone()));
    assert_eq!(Scenario::from_json(&s.to_json()), Ok(s.clone()));
    let (e, _) = expected(&s).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(e.capacity_now.is_some());
    let plan = e.plan.unwrap_or_else(|| panic!("the default has a target"));
    assert!(plan.for_budget_now.is_some());
    let mut buying_only = s.clone();
    buying_only.process_now = d.process_now.clone();
    assert_eq!(buying_only.format_version(), 2);
    let mut staffing_only = s.clone();
    staffing_only.sources = d.sources.clone();
    staffing_only.budget_per_year = None;
    assert_eq!(staffing_only.format_version(), 2);
    let mut neither = staffing_only;
    neither.process_now = d.process_now.clone();
    assert_eq!(neither.format_version(), 1);
    assert_eq!(neither.to_json_pretty(), d.to_json_pretty());
    assert_eq!(neither.to_json(), d.to_json());
}

#[test]
fn bad_capacity_is_reported_with_paths_all_at_once() {
    let process = r#"{"follow_up_rate": 0.9, "attempts": 2, "median_response_minutes": 60, "capacity": {
      "shifts": [{"days": [], "from": "9:00", "to": "18:00", "people": 0},
                 {"days": ["mon", "mon", "fun"], "from": "10:00", "to": "24:00", "people": 2.5},
                 {"days": ["tue", "wed", "tue"], "from": "24:00", "to": "24:00", "people": 101},
                 {"days": ["thu"], "from": "18:00", "to": "08:00", "people": 1},
                 {"days": "fri", "from": 900, "to": "25:00"}],
      "minutes_per_lead": 0, "minutes_per_retry": -1, "reaction_minutes": 1441,
      "cost_per_person_hour": "cheap"}}"#;
    let e = errors(&with_process(process, r#"{"arrivals": [1, -1, 2]}"#));
    let p = "process_now.capacity";
    let want = vec![
        "process_now: gives both capacity and median_response_minutes/response_spread: give one or the other".to_string(),
        format!("{p}.shifts[0].from: must be a time HH:MM from 00:00 to 24:00"),
        format!("{p}.shifts[1].days[2]: must be one of mon, tue, wed, thu, fri, sat, sun"),
        format!("{p}.shifts[1].people: must be a whole number"),
        format!("{p}.shifts[2].people: must be between 1 and 100"),
        format!("{p}.shifts[4].days: must be a list, found text"),
        format!("{p}.shifts[4].from: must be text, found a number"),
        format!("{p}.shifts[4].to: must be a time HH:MM from 00:00 to 24:00"),
        format!("{p}.shifts[4].people: is missing"),
        format!("{p}.cost_per_person_hour: must be a number, found text"),
        "arrivals: must have exactly 168 values, found 3".to_string(),
        "arrivals[1]: must be between 0 and 1000000".to_string(),
        format!("{p}.shifts[0].days: must have 1 to 7 entries, found 0"),
        format!("{p}.shifts[0].people: must be between 1 and 100"),
        format!("{p}.shifts[2].days[2]: repeats a day listed before"),
        format!("{p}.shifts[2].from: 24:00 is allowed only as an end"),
        format!("{p}.shifts[3].to: must be after from (a shift past midnight is two shifts)"),
        format!("{p}.minutes_per_lead: must be above 0 and at most 240"),
        format!("{p}.minutes_per_retry: must be between 0 and 60"),
        format!("{p}.reaction_minutes: must be between 0 and 1440"),
    ];
    assert_eq!(e, want);
}

#[test]
fn shift_counts_arrivals_and_missing_response_times() {
    let none = r#"{"follow_up_rate": 0.9, "attempts": 2}"#;
    assert_eq!(
        errors(&with_process(none, "")),
        vec![
            "process_now.median_response_minutes: is missing",
            "process_now.response_spread: is missing"
        ]
    );
    let empty = r#"{"follow_up_rate": 0.9, "attempts": 2, "capacity": {"shifts": []}}"#;
    assert_eq!(
        errors(&with_process(empty, "")),
        vec!["process_now.capacity.shifts: must have 1 to 50 entries, found 0"]
    );
    let missing = r#"{"follow_up_rate": 0.9, "attempts": 2, "capacity": {}}"#;
    assert_eq!(
        errors(&with_process(missing, "")),
        vec!["process_now.capacity.shifts: is missing"]
    );
    let one = r#"{"days": ["mon"], "from": "09:00", "to": "10:00", "people": 1}"#;
    let many = format!(
        r#"{{"follow_up_rate": 0.9, "attempts": 2, "capacity": {{"shifts": [{}]}}}}"#,
        vec![one; 51].join(",")
    );
    assert_eq!(
        errors(&with_process(&many, "")),
        vec!["process_now.capacity.shifts: must have 1 to 50 entries, found 51"]
    );
    let zero = format!("{{\"arrivals\": [{}]}}", vec!["0"; 168].join(","));
    assert_eq!(
        errors(&with_process(OFFICE, &zero)),
        vec!["arrivals: at least one hour must have a weight above 0"]
    );
    let text = with_process(OFFICE, r#"{"arrivals": "flat"}"#);
    assert_eq!(errors(&text), vec!["arrivals: must be a list, found text"]);
}

#[test]
fn overload_is_an_error_with_both_figures_in_hours() {
    // Mon–Fri 09–18, one person: 45 hours a week; 390 leads a week × 8 minutes = 52 hours.
    let process = r#"{"follow_up_rate": 1, "attempts": 2, "capacity": {"shifts": [
        {"days": ["mon","tue","wed","thu","fri"], "from": "09:00", "to": "18:00", "people": 1}]}}"#;
    let mut v: serde_json::Value =
        serde_json::from_str(&with_process(process, "")).unwrap_or(serde_json::Value::Null);
    v["sources"] = serde_json::json!([{"name": "Website", "leads_per_month": 390.0 * 365.25 / 84.0,
        "cost_per_lead": 0, "conversion_now": 0.05}]);
    assert_eq!(
        errors(&v.to_string()),
        vec![
            "process_now.capacity.shifts: the shifts give 45 hours a week; first responses alone \
             need 52: add people or hours"
        ]
    );
    // 43 hours of 45 is above 95% too.
    v["sources"][0]["leads_per_month"] = serde_json::Value::from(322.5 * 365.25 / 84.0);
    assert_eq!(
        errors(&v.to_string()),
        vec![
            "process_now.capacity.shifts: the shifts give 45 hours a week; first responses alone \
             need 43, more than 95% of them: add people or hours"
        ]
    );
    // The same with a target process.
    let mut t = v.clone();
    t["process_target"] = t["process_now"].clone();
    t["process_now"] = serde_json::from_str(OFFICE).unwrap_or(serde_json::Value::Null);
    let e = errors(&t.to_string());
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("process_target.capacity.shifts: the shifts give 45 hours"));
    v["sources"][0]["leads_per_month"] = serde_json::Value::from(300.0 * 365.25 / 84.0);
    assert_eq!(errors(&v.to_string()), Vec::<String>::new());
}

#[test]
fn retries_that_do_not_fit_are_a_warning() {
    // Heavy load (90% of the staffed time for first responses) and 20 slow retries.
    let mut s = with_volume(300.0);
    let mut c = Capacity::with_shifts(vec![Shift {
        days: vec![Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri],
        from: 540,
        to: 1080,
        people: 1,
    }]);
    c.minutes_per_lead = 8.1;
    c.minutes_per_retry = 60.0;
    s.process_now = Process::staffed(1.0, 20, c);
    s.process_target = s.process_now.clone();
    let (_, w) = expected(&s).unwrap_or_else(|e| panic!("{e:?}"));
    let texts: Vec<String> = w.iter().map(ToString::to_string).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(
        texts[0].starts_with("the retries of the now process need "),
        "{texts:?}"
    );
    assert!(texts[1].starts_with("the retries of the target process need "));
}
