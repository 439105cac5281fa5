//! The built `leadplan` binary: exit codes, standard output and standard error.

#[path = "support/command.rs"]
mod command;

use command::leadplan;

fn example() -> String {
    leadplan(&["example"], b"").stdout
}

/// Asserts exit 1, empty stdout, and that every expected line is on stderr.
fn assert_invalid(input: &str, lines: &[&str]) {
    let o = leadplan(&["run", "-"], input.as_bytes());
    assert_eq!(o.code, Some(1), "stderr: {}", o.stderr);
    assert!(o.stdout.is_empty(), "stdout: {}", o.stdout);
    for line in lines {
        assert!(
            o.stderr.lines().any(|l| l.starts_with(line)),
            "missing {line:?} in:\n{}",
            o.stderr
        );
    }
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
}

#[test]
fn example_runs() {
    let o = leadplan(
        &["run", "-", "--runs", "500", "--seed", "7"],
        example().as_bytes(),
    );
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let v: serde_json::Value =
        serde_json::from_str(&o.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert_eq!(v["simulation"]["runs"], 500);
    assert_eq!(v["simulation"]["seed"], 7);
    assert!(
        v["expected"]["sales_now"]
            .as_f64()
            .is_some_and(|x| (x - 530.4).abs() < 1e-9)
    );
    assert!(v["warnings"].as_array().is_some_and(Vec::is_empty));
}

#[test]
fn run_reads_a_file_and_check_validates() {
    let dir = std::env::temp_dir().join(format!("leadplan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("scenario.json");
    std::fs::write(&file, example()).unwrap_or_else(|e| panic!("{e}"));
    let path = file.to_string_lossy().into_owned();
    let o = leadplan(&["check", &path], b"");
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let o = leadplan(&["run", &path, "--runs=100"], b"");
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(o.stdout.contains("\"p_hit_target_now\""));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn malformed_inputs_exit_1_with_paths() {
    let ex = example();
    assert_invalid("", &["the document is empty"]);
    assert_invalid("   \n", &["the document is empty"]);
    assert_invalid(
        "{\"version\": 1, \"sources\": [",
        &["sources: invalid JSON at line 1"],
    );
    assert_invalid("[]", &["must be an object"]);
    assert_invalid(
        &ex.replace("\"conversion_now\": 0.08", "\"conversion_now\": NaN"),
        &["sources[2].conversion_now: must be a finite number"],
    );
    assert_invalid(
        &ex.replace("\"volume_cv\": 0.15", "\"volume_cv\": Infinity"),
        &["simulation.volume_cv: must be a finite number"],
    );
    assert_invalid(
        &ex.replace(
            "\"revenue_per_sale\": 25000.0",
            "\"revenue_per_sale\": 1e999",
        ),
        &["revenue_per_sale: number too large"],
    );
    assert_invalid(
        &ex.replace("\"attempts\": 2", "\"attempts\": \"two\"")
            .replace("\"conversion_now\": 0.12", "\"conversion_now\": 12")
            .replace(
                "\"median_response_minutes\": 7.0",
                "\"median_response_minutes\": 0",
            ),
        &[
            "process_now.attempts: must be a whole number, found text",
            "sources[5].conversion_now: must be between 0% and 100%",
            "process_target.median_response_minutes: must be above 0 and at most 43200",
        ],
    );
    assert_invalid(
        &ex.replace("\"version\": 1", "\"version\": 99"),
        &["version: this document has format version 99"],
    );
    assert_invalid(
        &ex.replace("\"follow_up_rate\": 0.9", "\"follow_up_rate\": 0"),
        &["process_now.follow_up_rate: is 0%, yet Website converts leads today"],
    );
}

#[test]
fn every_error_is_one_line() {
    let input = example()
        .replace("0.09", "-0.09")
        .replace("\"seed\": 42", "\"seed\": 4.2");
    let o = leadplan(&["run", "-"], input.as_bytes());
    assert_eq!(o.code, Some(1));
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", o.stderr);
    assert!(lines.contains(&"sources[0].conversion_now: must be between 0% and 100%"));
    assert!(lines.contains(&"sources[4].conversion_now: must be between 0% and 100%"));
    assert!(lines.contains(&"simulation.seed: must be a whole number"));
}

#[test]
fn missing_file_and_bad_options() {
    let o = leadplan(&["run", "/definitely/not/here.json"], b"");
    assert_eq!(o.code, Some(1));
    assert!(o.stdout.is_empty());
    assert!(
        o.stderr
            .starts_with("/definitely/not/here.json: cannot read")
    );
    let o = leadplan(&["run", "-", "--runs", "0"], example().as_bytes());
    assert_eq!(o.code, Some(1));
    assert!(
        o.stderr
            .starts_with("--runs: must be a whole number between 1 and 1000000")
    );
    let o = leadplan(&["run", "-"], &[0xff, 0xfe, 0x00]);
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("not UTF-8"));
    let o = leadplan(&["bogus"], b"");
    assert_eq!(o.code, Some(2));
    assert!(o.stdout.is_empty());
    let o = leadplan(&["--help"], b"");
    assert_eq!(o.code, Some(0));
    assert!(o.stdout.contains("leadplan run FILE|-"));
}

/// The example with `process_now` staffed as in MODEL.md §7 (`capacity` instead of the typed
/// response time), as JSON text.
fn staffed_example(capacity: &str) -> String {
    let mut v: serde_json::Value =
        serde_json::from_str(&example()).unwrap_or_else(|e| panic!("{e}"));
    v["version"] = serde_json::Value::from(2);
    v["process_now"] = serde_json::json!({"follow_up_rate": 0.9, "attempts": 2});
    v["process_now"]["capacity"] =
        serde_json::from_str(capacity).unwrap_or_else(|e| panic!("{e}: {capacity}"));
    v.to_string()
}

const OFFICE_HOURS: &str = r#"{
  "shifts": [{"days": ["mon","tue","wed","thu","fri"], "from": "09:00", "to": "18:00", "people": 2},
             {"days": ["sat"], "from": "09:00", "to": "17:00", "people": 1}],
  "minutes_per_lead": 8, "minutes_per_retry": 2, "reaction_minutes": 2, "cost_per_person_hour": 25}"#;

#[test]
fn run_prints_the_capacity_figures_and_staffing_suggestions() {
    let o = leadplan(
        &["run", "-", "--runs", "200"],
        staffed_example(OFFICE_HOURS).as_bytes(),
    );
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let v: serde_json::Value =
        serde_json::from_str(&o.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let c = &v["expected"]["capacity_now"];
    for key in [
        "median_response_minutes",
        "p90_response_minutes",
        "mean_response_minutes",
        "within_5_minutes",
        "within_60_minutes",
        "arrive_unstaffed",
        "staffed_hours_per_week",
        "first_response_hours_per_week",
        "retry_hours_per_week",
        "utilisation",
        "staffing_cost_per_year",
        "expected_contact",
    ] {
        assert!(c[key].is_number(), "capacity_now.{key}");
    }
    assert_eq!(c["staffed_hours_per_week"], 98.0);
    assert!(v["expected"]["capacity_target"].is_null());
    assert!(v["expected"]["staffing_roi"].is_null());
    let list = v["simulation"]["staffing_suggestions"]
        .as_array()
        .unwrap_or_else(|| panic!("suggestions: {}", v["simulation"]));
    assert_eq!(list.len(), 5);
    for key in [
        "day",
        "from",
        "to",
        "median_response_minutes",
        "within_5_minutes",
        "sales_gain",
        "gross_profit_gain",
        "cost_per_year",
        "net_per_year",
    ] {
        assert!(!list[0][key].is_null(), "suggestion.{key}");
    }
    // The typed example has none of it, as nulls.
    let o = leadplan(&["run", "-", "--runs", "100"], example().as_bytes());
    let v: serde_json::Value =
        serde_json::from_str(&o.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert!(v["expected"]["capacity_now"].is_null());
    assert!(v["simulation"]["staffing_suggestions"].is_null());
    let o = leadplan(&["check", "-"], staffed_example(OFFICE_HOURS).as_bytes());
    assert_eq!(o.code, Some(0), "{}", o.stderr);
}

#[test]
fn malformed_capacity_exits_1_with_paths() {
    let p = "process_now.capacity";
    for (from, to, line) in [
        (
            "\"from\": \"09:00\"",
            "\"from\": \"9:00\"",
            format!("{p}.shifts[0].from: must be a time HH:MM"),
        ),
        (
            "\"to\": \"17:00\"",
            "\"to\": \"08:00\"",
            format!("{p}.shifts[1].to: must be after from"),
        ),
        (
            "\"from\": \"09:00\"",
            "\"from\": \"24:00\"",
            format!("{p}.shifts[0].from: 24:00 is allowed only as an end"),
        ),
        (
            "[\"sat\"]",
            "[]",
            format!("{p}.shifts[1].days: must have 1 to 7 entries, found 0"),
        ),
        (
            "[\"sat\"]",
            "[\"sat\", \"sat\"]",
            format!("{p}.shifts[1].days[1]: repeats a day"),
        ),
        (
            "[\"sat\"]",
            "[\"zat\"]",
            format!("{p}.shifts[1].days[0]: must be one of mon"),
        ),
        (
            "\"people\": 2",
            "\"people\": 0",
            format!("{p}.shifts[0].people: must be between 1 and 100"),
        ),
        (
            "\"people\": 2",
            "\"people\": 1.5",
            format!("{p}.shifts[0].people: must be a whole number"),
        ),
        (
            "\"people\": 1",
            "\"people\": 101",
            format!("{p}.shifts[1].people: must be between 1 and 100"),
        ),
        (
            "\"minutes_per_lead\": 8",
            "\"minutes_per_lead\": 0",
            format!("{p}.minutes_per_lead: must be above 0"),
        ),
        (
            "\"minutes_per_retry\": 2",
            "\"minutes_per_retry\": 61",
            format!("{p}.minutes_per_retry: must be between 0 and 60"),
        ),
        (
            "\"reaction_minutes\": 2",
            "\"reaction_minutes\": -1",
            format!("{p}.reaction_minutes: must be between 0 and 1440"),
        ),
        (
            "\"cost_per_person_hour\": 25",
            "\"cost_per_person_hour\": -5",
            format!("{p}.cost_per_person_hour: must be between 0"),
        ),
        (
            "\"people\": 2",
            "\"people\": 2, \"days\": 7",
            format!("{p}.shifts[0].days: must be a list"),
        ),
        // 100 minutes a lead for 6,120 × 0.9 leads a year: 176 hours a week of first responses.
        (
            "\"minutes_per_lead\": 8",
            "\"minutes_per_lead\": 100",
            format!(
                "{p}.shifts: the shifts give 98 hours a week; first responses alone need 176: add people or hours"
            ),
        ),
    ] {
        let capacity = OFFICE_HOURS.replacen(from, to, 1);
        assert_ne!(capacity, OFFICE_HOURS, "{from}");
        assert_invalid(&staffed_example(&capacity), &[line.as_str()]);
    }
    // Both response-time descriptions; malformed arrivals.
    let mut v: serde_json::Value =
        serde_json::from_str(&staffed_example(OFFICE_HOURS)).unwrap_or_else(|e| panic!("{e}"));
    v["process_now"]["response_spread"] = serde_json::Value::from(4);
    let both = v.to_string();
    assert_invalid(
        &both,
        &["process_now: gives both capacity and median_response_minutes/response_spread"],
    );
    let mut v: serde_json::Value =
        serde_json::from_str(&staffed_example(OFFICE_HOURS)).unwrap_or_else(|e| panic!("{e}"));
    v["arrivals"] = serde_json::json!([1, 2, -3]);
    assert_invalid(
        &v.to_string(),
        &[
            "arrivals: must have exactly 168 values, found 3",
            "arrivals[2]: must be between 0 and 1000000",
        ],
    );
    let o = leadplan(&["check", "-"], both.as_bytes());
    assert_eq!(o.code, Some(1));
}

/// A scenario with the buying fields of MODEL.md §8: Marktplaats capped, a listing package on
/// AutoTrack, the Importer buyable with a cap, a budget.
fn example_v2() -> String {
    let mut v: serde_json::Value =
        serde_json::from_str(&example()).unwrap_or_else(|e| panic!("not JSON: {e}"));
    v["sources"][2]["max_leads_per_month"] = 100.into();
    v["sources"][3]["fixed_cost_per_month"] = 400.into();
    v["sources"][1]["buyable"] = true.into();
    v["sources"][1]["max_leads_per_month"] = 80.into();
    v["budget_per_year"] = 60000.into();
    v.to_string()
}

#[test]
fn run_prints_the_plans_a_marketeer_can_buy() {
    let o = leadplan(&["run", "-", "--runs", "200"], example_v2().as_bytes());
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let v: serde_json::Value =
        serde_json::from_str(&o.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let e = &v["expected"];
    for key in ["cost_per_sale_now", "cost_per_sale_target"] {
        assert!(e["sources"][3][key].is_number(), "sources.{key}");
    }
    assert_eq!(e["sources"][3]["cost"], 80.0 * 12.0 * 15.0 + 12.0 * 400.0);
    let plan = &e["plan"];
    for which in ["cheapest_now", "cheapest_target"] {
        let c = &plan[which];
        for key in ["budget", "leads", "shortfall_sales"] {
            assert!(c[key].is_number(), "{which}.{key}");
        }
        assert_eq!(c["sources"].as_array().map(Vec::len), Some(6));
        for key in ["name", "leads", "budget", "sales"] {
            assert!(c["sources"][0].get(key).is_some(), "{which}.sources.{key}");
        }
        assert_eq!(c["months"].as_array().map(Vec::len), Some(12));
        assert!(c["months"][11]["leads"].is_number());
        assert!(c["months"][11]["budget"].is_number());
        // Marktplaats is capped at 1,200 a year; the Importer's 960 free leads come first.
        assert_eq!(c["sources"][2]["leads"], 1200.0);
        assert_eq!(c["sources"][1]["leads"], 960.0);
    }
    for which in ["for_budget_now", "for_budget_target"] {
        let b = &plan[which];
        assert!(b["sales"].is_number() && b["leads"].is_number(), "{which}");
        assert_eq!(b["sources"].as_array().map(Vec::len), Some(6));
        assert!(b["sources"][5]["sales"].is_number());
    }
    // Without the budget the keys are there, as null.
    let o = leadplan(&["run", "-", "--runs", "50"], example().as_bytes());
    let v: serde_json::Value =
        serde_json::from_str(&o.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert!(v["expected"]["plan"]["for_budget_now"].is_null());
    assert!(v["expected"]["plan"].get("for_budget_target").is_some());
    assert!(v["expected"]["plan"]["cheapest_now"]["budget"].is_number());
}

#[test]
fn check_reads_version_2_and_reports_bad_buying_fields() {
    let o = leadplan(&["check", "-"], example_v2().as_bytes());
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let v2 = example_v2().replace("\"version\":1", "\"version\":2");
    assert!(v2.contains("\"version\":2"));
    assert_eq!(leadplan(&["check", "-"], v2.as_bytes()).code, Some(0));
    let bad = example_v2()
        .replace("\"max_leads_per_month\":80", "\"max_leads_per_month\":null")
        .replace(
            "\"fixed_cost_per_month\":400",
            "\"fixed_cost_per_month\":-400",
        )
        .replace("\"budget_per_year\":60000", "\"budget_per_year\":\"60k\"");
    let o = leadplan(&["check", "-"], bad.as_bytes());
    assert_eq!(o.code, Some(1));
    assert!(o.stdout.is_empty());
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(
        lines,
        vec![
            "budget_per_year: must be a number, found text",
            "sources[1].buyable: a source whose leads cost nothing can be buyable only with a \
             cap: set max_leads_per_month, or a cost_per_lead above 0",
            "sources[3].fixed_cost_per_month: must be between 0 and 1000000000",
        ]
    );
    assert_invalid(
        &example().replace("\"version\": 1", "\"version\": 3"),
        &[
            "version: this document has format version 3, made by a newer leadplan; this program \
           reads versions up to 2",
        ],
    );
}

#[test]
fn example_is_still_version_1() {
    let v: serde_json::Value =
        serde_json::from_str(&example()).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert_eq!(v["version"], 1);
    assert!(v.get("budget_per_year").is_none());
    assert!(v["sources"][0].get("buyable").is_none());
    assert!(v.get("arrivals").is_none());
    assert!(v["process_now"].get("capacity").is_none());
}
