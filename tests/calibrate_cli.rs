//! `leadplan calibrate FILE [--base SCENARIO]`: output, the base scenario, and exit 1 with a
//! reason for every kind of unusable file.

#[path = "support/command.rs"]
mod command;

use command::leadplan;

fn temp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("leadplan-calibrate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

const EXPORT: &str = "\u{feff}Bron;Aanmaakdatum;Eerste contact;Belpogingen;Status\r\n\
    Website;05-01-2026 10:00;05-01-2026 10:30;3;Verkocht\r\n\
    Website;06-01-2026 11:00;;;In behandeling\r\n\
    Nieuw portaal;15-03-2026 12:00;15-03-2026 14:00;2;Verloren\r\n";

#[test]
fn prints_scenario_and_report() {
    let file = temp("good.csv", EXPORT.as_bytes());
    let o = leadplan(&["calibrate", &file], b"");
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["report", "scenario"]);
    let r = &v["report"];
    let mut report_keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    report_keys.sort_unstable();
    assert_eq!(
        report_keys,
        [
            "attempts",
            "columns",
            "date_order",
            "follow_up_rate",
            "problems",
            "response",
            "rows",
            "sources",
            "span_days",
            "used"
        ]
    );
    assert_eq!(r["rows"], 3);
    assert_eq!(r["used"], 3);
    assert_eq!(r["columns"]["source"], "Bron");
    let source = &r["sources"][0];
    let mut source_keys: Vec<&str> = source
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    source_keys.sort_unstable();
    assert_eq!(
        source_keys,
        [
            "conversion",
            "decided",
            "interval",
            "leads",
            "leads_per_month",
            "name",
            "sold"
        ]
    );
    let mut response_keys: Vec<&str> = r["response"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    response_keys.sort_unstable();
    assert_eq!(
        response_keys,
        [
            "contacted",
            "ks_distance",
            "median_minutes",
            "p90_minutes",
            "spread"
        ]
    );
    for p in r["problems"].as_array().unwrap() {
        assert!(p["kind"].is_string() && p["count"].is_u64() && p["rows"].is_array());
    }
    let s = &v["scenario"];
    assert_eq!(s["version"], 2);
    assert_eq!(s["arrivals"].as_array().unwrap().len(), 168);
    assert_eq!(s["name"], "Typical Dutch dealer");
    // Website keeps the default scenario's cost per lead; the new portal gets 0.
    assert_eq!(s["sources"][0]["name"], "Website");
    assert_eq!(s["sources"][0]["cost_per_lead"], 25.0);
    assert_eq!(s["sources"][1]["cost_per_lead"], 0.0);
    assert_eq!(s["process_now"]["median_response_minutes"], 75.0);
    assert_eq!(s["process_now"]["attempts"], 3);
    // Standard input works too.
    let o = leadplan(&["calibrate", "-"], EXPORT.as_bytes());
    assert_eq!(o.code, Some(0), "{}", o.stderr);
}

#[test]
fn base_scenario_supplies_what_the_export_cannot() {
    let example = leadplan(&["example"], b"").stdout;
    let mut base: serde_json::Value = serde_json::from_str(&example).unwrap();
    base["name"] = "Garage Jansen".into();
    base["revenue_per_sale"] = 31_000.0.into();
    base["sources"][0]["cost_per_lead"] = 40.0.into();
    let base_file = temp("base.json", base.to_string().as_bytes());
    let file = temp("good2.csv", EXPORT.as_bytes());
    let o = leadplan(&["calibrate", &file, "--base", &base_file], b"");
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["scenario"]["name"], "Garage Jansen");
    assert_eq!(v["scenario"]["revenue_per_sale"], 31_000.0);
    assert_eq!(v["scenario"]["sources"][0]["cost_per_lead"], 40.0);
    assert_eq!(v["scenario"]["process_target"], base["process_target"]);
    let o = leadplan(&["calibrate", &file, "--base=/no/such/base.json"], b"");
    assert_eq!(o.code, Some(1));
    assert!(
        o.stderr.starts_with("/no/such/base.json: cannot read"),
        "{}",
        o.stderr
    );
    let bad_base = temp("bad-base.json", b"{\"version\": 1}");
    let o = leadplan(&["calibrate", &file, "--base", &bad_base], b"");
    assert_eq!(o.code, Some(1));
    assert!(
        o.stderr.contains("revenue_per_sale: is missing"),
        "{}",
        o.stderr
    );
}

#[test]
fn unusable_files_exit_1_with_the_reason() {
    let cases: [(&str, &[u8], &str); 7] = [
        ("empty.csv", b"", "the file is empty"),
        (
            "binary.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "not a text export",
        ),
        (
            "nosource.csv",
            b"Naam;Aanmaakdatum\nA;01-01-2026\n",
            "no source column (expected one of: Source, Lead Source",
        ),
        (
            "nocreated.csv",
            b"Bron;Datum\nA;01-01-2026\n",
            "no created column (expected one of: Created, Created Date",
        ),
        (
            "header.csv",
            b"Bron;Aanmaakdatum\r\n",
            "the file has a header but no lead rows",
        ),
        (
            "invalid.csv",
            b"Bron;Aanmaakdatum\nA;morgen\n",
            "no usable row: of 1 rows, 1 lack",
        ),
        (
            "zip.xlsx",
            b"PK\x03\x04\x14\x00\x00\x00",
            "cannot read the spreadsheet",
        ),
    ];
    for (name, bytes, reason) in cases {
        let file = temp(name, bytes);
        let o = leadplan(&["calibrate", &file], b"");
        assert_eq!(o.code, Some(1), "{name}");
        assert!(o.stdout.is_empty(), "{name}");
        let expected = format!("{file}: {reason}");
        assert!(o.stderr.starts_with(&expected), "{name}: {}", o.stderr);
        assert!(!o.stderr.contains("panicked"), "{name}");
    }
    let o = leadplan(&["calibrate", "/no/such/export.csv"], b"");
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.starts_with("/no/such/export.csv: cannot read"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(leadplan(&["calibrate"], b"").code, Some(2));
    assert_eq!(
        leadplan(&["calibrate", "a.csv", "--base"], b"").code,
        Some(2)
    );
    assert_eq!(
        leadplan(&["calibrate", "a.csv", "--bogus"], b"").code,
        Some(2)
    );
    assert_eq!(
        leadplan(&["calibrate", "a.csv", "b.csv"], b"").code,
        Some(2)
    );
}
