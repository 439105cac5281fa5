//! Benchmarks of the lead-export calibration (MODEL.md §9): a 100,000-row Dutch Excel export
//! (`;`, BOM, dd-mm-yyyy hh:mm local times) and the same leads as comma-separated ISO UTC, in
//! rows per second; and the timestamp parser alone.

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use leadplan::calibrate::time::{DateOrder, civil_from_days, parse};
use leadplan::calibrate::{Options, calibrate};

const ROWS: u64 = 100_000;

/// A deterministic export of `ROWS` leads.
fn export(iso: bool) -> Vec<u8> {
    let sources = [
        "Website",
        "Marktplaats",
        "AutoTrack",
        "AutoScout24",
        "Importeur",
        "Telefoon",
    ];
    let statuses = [
        "Verkocht",
        "Verloren",
        "In behandeling",
        "Open",
        "Spam",
        "Niet interessant",
    ];
    let mut state = 1u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let mut text = String::from(if iso {
        "Lead ID,Lead Source,Created Date,First Response,Call Attempts,Lead Status\n"
    } else {
        "\u{feff}Leadnummer;Bron;Aanmaakdatum;Eerste contact;Belpogingen;Status\r\n"
    });
    let start = 1_735_689_600i64; // 2025-01-01 UTC, in seconds
    for i in 0..ROWS {
        let created = start + (next() % (700 * 1440)) as i64 * 60;
        let contact = (next() % 100 < 85).then(|| created + (next() % 3000) as i64 * 60);
        let stamp = |t: i64| {
            let (d, s) = (t.div_euclid(86_400), t.rem_euclid(86_400));
            let (y, m, day) = civil_from_days(d);
            if iso {
                format!("{y}-{m:02}-{day:02}T{:02}:{:02}:00Z", s / 3600, s / 60 % 60)
            } else {
                format!("{day:02}-{m:02}-{y} {:02}:{:02}", s / 3600, s / 60 % 60)
            }
        };
        let sep = if iso { ',' } else { ';' };
        let _ = write!(
            text,
            "{}{sep}{}{sep}{}{sep}{}{sep}{}{sep}{}\r\n",
            i + 1,
            sources[(next() % 6) as usize],
            stamp(created),
            contact.map(stamp).unwrap_or_default(),
            contact
                .map(|_| (1 + next() % 6).to_string())
                .unwrap_or_default(),
            statuses[(next() % 6) as usize],
        );
    }
    text.into_bytes()
}

fn calibration(c: &mut Criterion) {
    let mut group = c.benchmark_group("calibrate (100,000 rows)");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ROWS));
    for (name, iso) in [("dutch excel", false), ("comma iso utc", true)] {
        let bytes = export(iso);
        group.bench_function(name, |b| {
            b.iter(|| calibrate(black_box(&bytes), &Options::default()))
        });
    }
    group.finish();
}

fn timestamps(c: &mut Criterion) {
    let values = [
        "25-03-2026 14:30",
        "2026-03-25T14:30:00Z",
        "2026-10-25 02:30",
        "46106.6041667",
    ];
    let mut group = c.benchmark_group("timestamp parse + resolve");
    group.throughput(Throughput::Elements(values.len() as u64));
    group.bench_function("own parser", |b| {
        b.iter(|| {
            values
                .iter()
                .filter_map(|v| parse(black_box(v))?.resolve(DateOrder::DayFirst))
                .sum::<i64>()
        })
    });
    group.finish();
}

criterion_group!(benches, calibration, timestamps);
criterion_main!(benches);
