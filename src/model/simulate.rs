//! The Monte Carlo (MODEL.md §4), in batches so a Web Worker can report progress and stop.
//!
//! **The law.** For each run, month m and source i: λ = L_i·w_m, scaled by G ~ Gamma(1/v², v²)
//! when the volume CV v > 0; n ~ Poisson(λ) leads; with hi/lo the better/worse of p_now and
//! p_target, a ~ Binomial(n, hi) sales for the better process and b ~ Binomial(a, lo/hi) for the
//! worse. Cells are independent.
//!
//! **How it is drawn.** Thinning a Poisson count by hi gives a | G ~ Poisson(λ·G·hi), so a's
//! marginal law is negative binomial (Poisson when v = 0), fixed per cell; b | a ~
//! Binomial(a, lo/hi) does not involve G. So each cell draws a from a precomputed alias table
//! of its negative binomial law and then b from a precomputed binomial alias table of its
//! source: two `u64`s per cell (one when lo = 0 or lo = hi; the second is drawn even when
//! a = 0, which keeps the loop free of unpredictable branches), the same joint law as §4. Sources whose tables would be too
//! large (hundreds of sales per month) are drawn directly instead: G by Marsaglia–Tsang,
//! b ~ Poisson(λ·G·lo) and d ~ Poisson(λ·G·(hi − lo)) independent, a = b + d, again exactly the
//! §4 law given G.
//!
//! **The stream.** One [`Stream`] per simulation, consumed run by run, month by month (January
//! first), source by source (scenario order), so any split into batches gives bit-identical
//! results, and the first k runs of a longer simulation are the k runs of a shorter one. Sales
//! are counted in histograms ([`Histogram`]): exact means and percentiles in bounded memory.

use serde::{Deserialize, Serialize};

use super::expected::{calibrate, month_weights};
use super::histogram::{Bands, Histogram, Stats};
use super::sampling::{
    AliasEntry, Gamma, Stream, alias_sample, alias_table, binomial_by_trials, binomial_pmfs,
    count_pmf, poisson,
};
use super::scenario::{FieldError, Scenario};
use super::staffing::StaffingSuggestion;

/// Largest count table of one cell (values 0..MAX_TABLE_LEN).
const MAX_TABLE_LEN: usize = 1024;
/// Most binomial table entries of all sources together (≈ 12 MB with the guides).
const MAX_BINOMIAL_ENTRIES: usize = 1 << 20;

/// A run of alias-table entries in [`Simulator::tables`].
#[derive(Clone, Copy, Debug, PartialEq)]
struct Span {
    start: u32,
    len: u32,
}

/// How the worse process's sales b follow from the better one's a, per source.
#[derive(Clone, Debug, PartialEq)]
enum Thinning {
    /// lo = 0: the worse process sells nothing.
    None,
    /// lo = hi: both sell the same.
    All,
    /// b ~ Binomial(a, q): from the table at `rows` (row n at `start + n(n+1)/2`, length n + 1)
    /// for a ≤ `max_n`, by trials beyond.
    Rows { q: f64, start: u32, max_n: u32 },
}

/// One (month, source) cell.
#[derive(Clone, Debug, PartialEq)]
enum Cell {
    /// No sales possible (no leads or hi = 0).
    Zero,
    /// a from the table `a`, b by the source's thinning.
    Table { a: Span, source: u32 },
    /// Drawn directly (large volumes).
    Direct {
        /// λ·lo and λ·(hi − lo).
        mean_lo: f64,
        mean_gap: f64,
        gamma: Option<Gamma>,
    },
}

/// A Monte Carlo simulation of a scenario, run in batches.
#[derive(Clone, Debug)]
pub struct Simulator {
    stream: Stream,
    seed: u64,
    runs_total: u32,
    runs_done: u32,
    /// cells[m · sources + i].
    cells: Vec<Cell>,
    /// All alias tables, back to back.
    tables: Vec<AliasEntry>,
    sources: usize,
    thinning: Vec<Thinning>,
    /// Whether the target process is the better one (sells a), per source.
    target_better: Vec<bool>,
    target: Option<f64>,
    revenue_per_sale: f64,
    annual_now: Histogram,
    annual_target: Histogram,
    annual_lost: Histogram,
    month_now: Vec<Histogram>,
    month_target: Vec<Histogram>,
    hits_now: u64,
    hits_target: u64,
}

/// The Monte Carlo's result (MODEL.md §5 `simulation`), over the runs done so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimulationSummary {
    /// Runs summarised.
    pub runs: u32,
    /// The seed used.
    pub seed: u64,
    /// Annual figures.
    pub annual: AnnualStats,
    /// Monthly bands, January first.
    pub months: Vec<MonthBands>,
    /// Share of runs whose annual sales reach the target with today's process; `None` (null)
    /// without a target.
    pub p_hit_target_now: Option<f64>,
    /// Likewise with the target process.
    pub p_hit_target_target: Option<f64>,
    /// The best five blocks of one extra person for three hours (MODEL.md §7); `None` (null)
    /// without a capacity on `process_now`, and until someone computes them
    /// ([`crate::model::staffing::staffing_suggestions`]): the Monte Carlo itself does not.
    #[serde(default)]
    pub staffing_suggestions: Option<Vec<StaffingSuggestion>>,
    /// Annual lost sales per run, for [`SimulationSummary::lost_revenue_histogram`]; not part of
    /// the JSON.
    #[serde(skip)]
    lost: LostSales,
}

/// The distribution of annual lost sales behind a summary (kept out of the JSON).
#[derive(Clone, Debug, Default, PartialEq)]
struct LostSales {
    histogram: Histogram,
    revenue_per_sale: f64,
}

/// Annual statistics (mean, P10, P50, P90).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AnnualStats {
    /// Sales with today's process.
    pub sales_now: Stats,
    /// Sales with the target process.
    pub sales_target: Stats,
    /// sales_target − sales_now, per run.
    pub lost_sales: Stats,
    /// lost_sales · revenue_per_sale.
    pub lost_revenue: Stats,
}

/// One month's bands (P10, P50, P90).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MonthBands {
    /// Sales with today's process.
    pub sales_now: Bands,
    /// Sales with the target process.
    pub sales_target: Bands,
}

impl SimulationSummary {
    /// The distribution of annual lost revenue in at most `bins` equal-width classes:
    /// (low, high, share of runs). Empty when no runs were done, or after a JSON round trip
    /// (the distribution is not serialised: send it separately if needed).
    pub fn lost_revenue_histogram(&self, bins: usize) -> Vec<(f64, f64, f64)> {
        scale_classes(
            self.lost.histogram.classes(bins),
            self.lost.revenue_per_sale,
        )
    }

    /// Like [`Self::lost_revenue_histogram`], in sales units.
    pub fn lost_sales_histogram(&self, bins: usize) -> Vec<(f64, f64, f64)> {
        self.lost.histogram.classes(bins)
    }
}

fn scale_classes(classes: Vec<(f64, f64, f64)>, factor: f64) -> Vec<(f64, f64, f64)> {
    classes
        .into_iter()
        .map(|(lo, hi, share)| (lo * factor, hi * factor, share))
        .collect()
}

/// A [`Cell::Direct`] draw: (a, b). Out of line, as [`binomial_beyond_table`], so that the loop
/// over the cells stays small for the cases most scenarios have: a browser compiles a smaller
/// function to optimised code sooner (WebKit does so in the background, while the first
/// simulation runs on slower code).
#[cold]
#[inline(never)]
fn sample_direct(
    stream: &mut Stream,
    mean_lo: f64,
    mean_gap: f64,
    gamma: Option<&Gamma>,
) -> (u64, u64) {
    let g = gamma.map_or(1.0, |g| g.sample(stream));
    let b = poisson(stream, mean_lo * g);
    let d = poisson(stream, mean_gap * g);
    (b + d, b)
}

/// b ~ Binomial(a, q) for an a beyond its source's table: rare, and out of line (see
/// [`sample_direct`]).
#[cold]
#[inline(never)]
fn binomial_beyond_table(stream: &mut Stream, a: u64, q: f64) -> u64 {
    binomial_by_trials(stream, a, q)
}

impl Simulator {
    /// Validates `s` and prepares `s.simulation.runs` runs with `s.simulation.seed`.
    pub fn new(s: &Scenario) -> Result<Simulator, Vec<FieldError>> {
        let errors = s.validate();
        if !errors.is_empty() {
            return Err(errors);
        }
        let cal = calibrate(s);
        let weights = month_weights(s);
        let cv = s.simulation.volume_cv;
        let shape = (cv > 0.0).then(|| 1.0 / (cv * cv));
        let gamma = shape.map(|k| Gamma::new(k, 1.0 / k));
        let n = s.sources.len();
        let mut cells = vec![Cell::Zero; 12 * n];
        let mut thinning = Vec::with_capacity(n);
        let mut target_better = Vec::with_capacity(n);
        let mut tables: Vec<AliasEntry> = Vec::new();
        let mut budget = MAX_BINOMIAL_ENTRIES;
        for (i, src) in s.sources.iter().enumerate() {
            let (p_now, p_target) = (cal.p_now[i], cal.p_target[i]);
            let (hi, lo) = (p_now.max(p_target), p_now.min(p_target));
            target_better.push(p_target >= p_now);
            let lambda: Vec<f64> = weights
                .iter()
                .map(|w| 12.0 * src.leads_per_month * w)
                .collect();
            if hi.is_nan() || hi <= 0.0 {
                thinning.push(Thinning::None);
                continue;
            }
            let pmfs: Option<Vec<Vec<f64>>> = lambda
                .iter()
                .map(|l| count_pmf(l * hi, shape, MAX_TABLE_LEN))
                .collect();
            let q = lo / hi;
            let max_n = pmfs
                .as_ref()
                .map_or(0, |t| t.iter().map(Vec::len).max().unwrap_or(1) - 1);
            let entries = if q > 0.0 && q < 1.0 {
                (max_n + 1) * (max_n + 2) / 2
            } else {
                0
            };
            let planned = match pmfs {
                Some(pmfs) if entries <= budget => {
                    let rule = if q <= 0.0 {
                        Some(Thinning::None)
                    } else if q >= 1.0 {
                        Some(Thinning::All)
                    } else {
                        let start = u32::try_from(tables.len()).ok();
                        let mut ok = start.is_some();
                        for row in binomial_pmfs(max_n, q) {
                            ok &= push_table(&mut tables, &row).is_some();
                        }
                        match (ok, start) {
                            (true, Some(start)) => Some(Thinning::Rows {
                                q,
                                start,
                                max_n: max_n as u32,
                            }),
                            _ => None,
                        }
                    };
                    let spans: Option<Vec<Span>> =
                        pmfs.iter().map(|p| push_table(&mut tables, p)).collect();
                    rule.zip(spans)
                }
                _ => None,
            };
            match planned {
                Some((rule, spans)) => {
                    budget -= entries;
                    thinning.push(rule);
                    for (m, a) in spans.into_iter().enumerate() {
                        cells[m * n + i] = if a.len <= 1 {
                            Cell::Zero
                        } else {
                            Cell::Table {
                                a,
                                source: i as u32,
                            }
                        };
                    }
                }
                None => {
                    thinning.push(Thinning::None);
                    for (m, l) in lambda.iter().enumerate() {
                        cells[m * n + i] = Cell::Direct {
                            mean_lo: l * lo,
                            mean_gap: l * (hi - lo),
                            gamma: gamma.clone(),
                        };
                    }
                }
            }
        }
        Ok(Simulator {
            stream: Stream::new(s.simulation.seed),
            seed: s.simulation.seed,
            runs_total: s.simulation.runs,
            runs_done: 0,
            cells,
            tables,
            sources: n,
            thinning,
            target_better,
            target: s.target_sales_per_year,
            revenue_per_sale: s.revenue_per_sale,
            annual_now: Histogram::default(),
            annual_target: Histogram::default(),
            annual_lost: Histogram::default(),
            month_now: vec![Histogram::default(); 12],
            month_target: vec![Histogram::default(); 12],
            hits_now: 0,
            hits_target: 0,
        })
    }

    /// Runs up to `max_runs` more runs (fewer when the total is reached); returns how many ran.
    // Never inlined: the worker's warm-up and its requests then run the same function, which the
    // browser optimises once (it tiers WebAssembly up function by function).
    #[inline(never)]
    pub fn run_batch(&mut self, max_runs: u32) -> u32 {
        let todo = max_runs.min(self.runs_total - self.runs_done);
        for _ in 0..todo {
            self.run_once();
        }
        self.runs_done += todo;
        todo
    }

    /// Runs done so far.
    pub fn runs_done(&self) -> u32 {
        self.runs_done
    }

    /// Runs this simulation will do in all.
    pub fn runs_total(&self) -> u32 {
        self.runs_total
    }

    /// Whether all runs are done.
    pub fn is_done(&self) -> bool {
        self.runs_done >= self.runs_total
    }

    fn run_once(&mut self) {
        let n = self.sources;
        let (mut year_now, mut year_target) = (0i64, 0i64);
        for m in 0..12 {
            let (mut now, mut target) = (0i64, 0i64);
            for i in 0..n {
                let (a, b) = self.sample_cell(m * n + i);
                if self.target_better[i] {
                    target += a as i64;
                    now += b as i64;
                } else {
                    now += a as i64;
                    target += b as i64;
                }
            }
            self.month_now[m].add(now);
            self.month_target[m].add(target);
            year_now += now;
            year_target += target;
        }
        self.annual_now.add(year_now);
        self.annual_target.add(year_target);
        self.annual_lost.add(year_target - year_now);
        if let Some(t) = self.target {
            self.hits_now += u64::from(year_now as f64 >= t);
            self.hits_target += u64::from(year_target as f64 >= t);
        }
    }

    /// (a, b): sales of the better and the worse process in cell `c`.
    #[inline]
    fn sample_cell(&mut self, c: usize) -> (u64, u64) {
        let stream = &mut self.stream;
        let table = |span: Span| {
            let end = span.start as usize + span.len as usize;
            self.tables.get(span.start as usize..end).unwrap_or(&[])
        };
        match self.cells.get(c) {
            None | Some(Cell::Zero) => (0, 0),
            Some(&Cell::Table { a, source }) => {
                let a = u64::from(alias_sample(table(a), stream.bits()));
                let b = match self.thinning.get(source as usize) {
                    None | Some(Thinning::None) => 0,
                    Some(Thinning::All) => a,
                    Some(&Thinning::Rows { q, start, max_n }) => {
                        if a <= u64::from(max_n) {
                            // Row a: a + 1 entries after the rows 0..a.
                            let row = Span {
                                start: start + (a * (a + 1) / 2) as u32,
                                len: a as u32 + 1,
                            };
                            u64::from(alias_sample(table(row), stream.bits()))
                        } else {
                            binomial_beyond_table(stream, a, q)
                        }
                    }
                };
                (a, b)
            }
            Some(&Cell::Direct {
                mean_lo,
                mean_gap,
                ref gamma,
            }) => sample_direct(stream, mean_lo, mean_gap, gamma.as_ref()),
        }
    }

    /// The summary over the runs done so far (all zeros before the first run).
    pub fn summary(&self) -> SimulationSummary {
        let runs = self.runs_done;
        let share = |hits: u64| {
            self.target.map(|_| {
                if runs == 0 {
                    0.0
                } else {
                    hits as f64 / f64::from(runs)
                }
            })
        };
        let lost_sales = self.annual_lost.stats();
        SimulationSummary {
            runs,
            seed: self.seed,
            annual: AnnualStats {
                sales_now: self.annual_now.stats(),
                sales_target: self.annual_target.stats(),
                lost_sales,
                lost_revenue: lost_sales.scaled(self.revenue_per_sale),
            },
            months: self
                .month_now
                .iter()
                .zip(&self.month_target)
                .map(|(now, target)| MonthBands {
                    sales_now: now.bands(),
                    sales_target: target.bands(),
                })
                .collect(),
            p_hit_target_now: share(self.hits_now),
            p_hit_target_target: share(self.hits_target),
            staffing_suggestions: None,
            lost: LostSales {
                histogram: self.annual_lost.clone(),
                revenue_per_sale: self.revenue_per_sale,
            },
        }
    }

    /// See [`SimulationSummary::lost_revenue_histogram`].
    pub fn lost_revenue_histogram(&self, bins: usize) -> Vec<(f64, f64, f64)> {
        scale_classes(self.annual_lost.classes(bins), self.revenue_per_sale)
    }
}

/// Appends the alias table of `pmf` to `tables`; where it went.
fn push_table(tables: &mut Vec<AliasEntry>, pmf: &[f64]) -> Option<Span> {
    let entries = alias_table(pmf)?;
    let span = Span {
        start: u32::try_from(tables.len()).ok()?,
        len: u32::try_from(entries.len()).ok()?,
    };
    tables.extend(entries);
    Some(span)
}

/// Validates `s` and runs all its runs.
pub fn simulate(s: &Scenario) -> Result<SimulationSummary, Vec<FieldError>> {
    let mut sim = Simulator::new(s)?;
    sim.run_batch(sim.runs_total());
    Ok(sim.summary())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::default_scenario;

    fn small() -> Scenario {
        let mut s = default_scenario();
        s.simulation.runs = 2000;
        s
    }

    #[test]
    fn batches_give_identical_bits() {
        let s = small();
        let whole = simulate(&s).unwrap_or_else(|e| panic!("{e:?}"));
        let mut sim = Simulator::new(&s).unwrap_or_else(|e| panic!("{e:?}"));
        for size in [1, 7, 0, 500, 3000] {
            sim.run_batch(size);
        }
        assert!(sim.is_done());
        assert_eq!(sim.summary(), whole);
        assert_eq!(sim.run_batch(10), 0);
    }

    #[test]
    fn empty_summary_is_zeros() {
        let sim = Simulator::new(&small()).unwrap_or_else(|e| panic!("{e:?}"));
        let s = sim.summary();
        assert_eq!(s.runs, 0);
        assert_eq!(s.annual.sales_now, Stats::default());
        assert_eq!(s.p_hit_target_now, Some(0.0));
        assert!(sim.lost_revenue_histogram(10).is_empty());
    }

    #[test]
    fn direct_path_agrees_with_tables() {
        // Volumes too large for tables take the direct path; its mean must match §3 too.
        let mut s = default_scenario();
        for src in &mut s.sources {
            src.leads_per_month *= 200.0;
        }
        s.simulation.runs = 400;
        let sim = Simulator::new(&s).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(sim.cells.iter().all(|c| matches!(c, Cell::Direct { .. })));
        let (e, _) = crate::model::expected::expected(&s).unwrap_or_else(|e| panic!("{e:?}"));
        let r = simulate(&s).unwrap_or_else(|e| panic!("{e:?}"));
        // sd of annual sales ≈ 0.15 · mean / √12 per source mix; 400 runs: se ≈ 0.3% of mean.
        for (got, want) in [
            (r.annual.sales_now.mean, e.sales_now),
            (r.annual.sales_target.mean, e.sales_target),
        ] {
            assert!((got / want - 1.0).abs() < 0.01, "{got} vs {want}");
        }
    }

    #[test]
    fn target_worse_than_now_swaps_roles() {
        let mut s = small();
        std::mem::swap(&mut s.process_now.attempts, &mut s.process_target.attempts);
        s.process_target.follow_up_rate = 0.5;
        let r = simulate(&s).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(r.annual.lost_sales.p90 < 0.0);
        let (e, _) = crate::model::expected::expected(&s).unwrap_or_else(|e| panic!("{e:?}"));
        assert!((r.annual.sales_target.mean / e.sales_target - 1.0).abs() < 0.02);
    }
}
