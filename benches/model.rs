//! Benchmarks of the model on the default scenario: expected values (with the Shapley split and
//! the plans), also with MODEL.md §8's caps, fixed costs and budget, and the Monte Carlo at
//! 10,000 and 100,000 runs, in runs per second; and with staff (MODEL.md §7): expected values
//! with two staffed processes (four queue runs) and the 105 staffing-suggestion candidates.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use leadplan::model::expected::expected;
use leadplan::model::presets::{WorkshopPreset, default_scenario};
use leadplan::model::simulate::simulate;
use leadplan::model::staffing::staffing_suggestions;

fn expected_values(c: &mut Criterion) {
    let s = default_scenario();
    c.bench_function("expected values (default scenario)", |b| {
        b.iter(|| expected(black_box(&s)))
    });
}

/// Expected values, the Shapley split, the current-mix plan, both cheapest plans and both
/// budget-to-sales plans: everything the page computes on an edit. Budget: 0.5 ms.
fn expected_values_with_plans(c: &mut Criterion) {
    let mut s = default_scenario();
    s.sources[2].max_leads_per_month = Some(100.0);
    s.sources[3].fixed_cost_per_month = 400.0;
    s.sources[1].buyable = Some(true);
    s.sources[1].max_leads_per_month = Some(80.0);
    s.budget_per_year = Some(60_000.0);
    c.bench_function("expected values with plans and budget (section 8)", |b| {
        b.iter(|| expected(black_box(&s)))
    });
}

fn monte_carlo(c: &mut Criterion) {
    let mut group = c.benchmark_group("monte carlo (default scenario)");
    for runs in [10_000u32, 100_000] {
        let mut s = default_scenario();
        s.simulation.runs = runs;
        group.throughput(Throughput::Elements(u64::from(runs)));
        if runs >= 100_000 {
            group.sample_size(20);
        }
        group.bench_function(format!("{runs} runs"), |b| {
            b.iter(|| simulate(black_box(&s)))
        });
    }
    group.finish();
}

fn staffing(c: &mut Criterion) {
    // Both processes staffed, follow-up 90% and 100%: four queue runs of about 20,000 leads.
    let s = WorkshopPreset::EveningShift.scenario();
    c.bench_function("expected values (two staffed processes)", |b| {
        b.iter(|| expected(black_box(&s)))
    });
    let s = WorkshopPreset::OfficeHours.scenario();
    let mut group = c.benchmark_group("staffing suggestions (office hours)");
    group.sample_size(10);
    group.throughput(Throughput::Elements(105));
    group.bench_function("105 candidates", |b| {
        b.iter(|| staffing_suggestions(black_box(&s)))
    });
    group.finish();
}

criterion_group!(
    benches,
    expected_values,
    expected_values_with_plans,
    monte_carlo,
    staffing
);
criterion_main!(benches);
