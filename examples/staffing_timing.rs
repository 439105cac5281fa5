//! A small native driver for profiling the staffed model (MODEL.md §7) on a shared machine:
//! expected values with two staffed processes (the evening-shift preset) and the 105 staffing
//! candidates (office hours), each repeated, printing the fastest and the median time of one
//! call. The fastest is the figure least disturbed by other work on the machine; criterion
//! (`cargo bench --bench model`) gives the full statistics.
//!
//! `cargo run --release --example staffing_timing [REPEATS]` (default 200), or under
//! `valgrind --tool=callgrind` with a small REPEATS.

use std::hint::black_box;
use std::time::Instant;

use leadplan::model::expected::expected;
use leadplan::model::presets::WorkshopPreset;
use leadplan::model::staffing::staffing_suggestions;

fn time(label: &str, repeats: usize, mut f: impl FnMut()) {
    let mut ms: Vec<f64> = (0..repeats)
        .map(|_| {
            let t0 = Instant::now();
            f();
            t0.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    println!(
        "{label}: fastest {:.3} ms, median {:.3} ms ({repeats} calls)",
        ms[0],
        ms[ms.len() / 2]
    );
}

fn main() {
    let repeats = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200usize)
        .max(1);
    let evening = WorkshopPreset::EveningShift.scenario();
    time("expected values (two staffed processes)", repeats, || {
        let _ = black_box(expected(black_box(&evening)));
    });
    let office = WorkshopPreset::OfficeHours.scenario();
    time(
        "staffing suggestions (105 candidates)",
        repeats.div_ceil(20),
        || {
            let _ = black_box(staffing_suggestions(black_box(&office)));
        },
    );
}
