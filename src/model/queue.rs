//! The lead queue of MODEL.md §7: response times from who is on duty when, by simulation.
//!
//! **The law.** Followed-up leads arrive as a Poisson process whose rate is Λ · a_h / 60 per
//! minute in hour-of-week h (a the normalised arrival profile, Λ leads a week). A lead that
//! arrives at t can be picked up from t + reaction_minutes. Leads are answered first come, first
//! served; service times are exponential with mean `minutes_per_lead`; a response in progress
//! finishes even when its shift has ended, and a new one starts only while fewer than c(t)
//! people are busy. The response time is the start of the first response minus the arrival.
//! The queue starts empty on Monday 00:00; one warm-up week is simulated, then W =
//! max(4, ⌈20,000 / Λ⌉) weeks (at most 5,200), and the response times of the leads that arrive
//! in those W weeks form the distribution D.
//!
//! **Leads still waiting at the end.** A lead's start depends only on the leads before it
//! (FCFS), so each lead that arrives in the counted weeks is followed until it is answered,
//! even after the horizon: its response time counts. Leads arriving after the horizon are not
//! generated (they could not change an earlier lead's start).
//!
//! **How it is drawn.** Two seeded [`Stream`]s per process (see [`stream_seed`]): one gives
//! the arrivals, one unit exponential per lead, mapped through the inverse of the cumulative
//! arrival intensity (the time-change construction: exact for a piecewise-constant rate, and
//! no draw is wasted at hour boundaries); the other gives the service times, one per lead in
//! arrival order. The queue itself draws nothing, so the same scenario and seed give the same
//! leads whatever the shifts: staffing alternatives are compared with common random numbers,
//! and adding a person can only make every lead's start earlier (tested).
//!
//! **No leads.** When Λ = 0, or no lead happens to arrive in the counted weeks, D is the
//! light-traffic limit: the response time of a lead that finds nobody else waiting (reaction
//! time plus the wait until someone is on duty), estimated from 20,000 probe arrivals of zero
//! work over four weeks with the same arrival profile.
//!
//! **Memory.** D is kept as a histogram ([`ResponseTimes`]), never as a list of leads: an exact
//! count of the leads answered at exactly reaction_minutes (the atom when someone is free), and
//! the others in bins of the f64 exponent and top 10 mantissa bits (relative width ≤ 2⁻¹⁰ ≈
//! 0.1%, from 2⁻¹⁰ minutes to 2²⁷ minutes) for the percentiles, plus coarser bins (2⁻⁶) with the
//! exact sum of their values for means of smooth functions such as P_contact. Count, mean and
//! the shares within 5 and 60 minutes are exact.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::capacity::{WEEK_MINUTES, WeekStaffing};
use super::sampling::Stream;

/// Counted leads the horizon aims for: W = ⌈20,000 / Λ⌉ weeks.
pub const TARGET_LEADS: f64 = 20_000.0;
/// Fewest counted weeks.
pub const MIN_WEEKS: u32 = 4;
/// Most counted weeks (100 years).
pub const MAX_WEEKS: u32 = 5_200;

/// Smallest binned response time: 2^LOW_EXPONENT minutes (below, the first bin).
const LOW_EXPONENT: i64 = -10;
/// Binned octaves (up to 2²⁷ minutes, about 255 years; beyond, the last bin).
const OCTAVES: i64 = 37;
/// Mantissa bits of a fine bin (percentiles).
const FINE_BITS: u32 = 10;
/// Mantissa bits of a coarse bin (means of smooth functions).
const COARSE_BITS: u32 = 6;

/// The counted weeks W for Λ leads a week.
pub fn counted_weeks(lambda: f64) -> u32 {
    if lambda.is_nan() || lambda <= 0.0 {
        return MIN_WEEKS;
    }
    let w = libm::ceil(TARGET_LEADS / lambda);
    // Clamping in f64 first keeps huge and infinite values in range.
    w.clamp(f64::from(MIN_WEEKS), f64::from(MAX_WEEKS)) as u32
}

/// The seed of one of the queue's streams: `process` 0 (now) or 1 (target), `purpose` 0
/// (arrivals) or 1 (service times), derived from the scenario's seed by SplitMix64 so that the
/// four streams, and the Monte Carlo's own, are unrelated.
pub fn stream_seed(seed: u64, process: u64, purpose: u64) -> u64 {
    let tag = 0x5175_6575_6500_0000 | (process << 8) | purpose;
    splitmix64(seed ^ splitmix64(tag))
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Unit exponential draws by the ziggurat method (Marsaglia & Tsang 2000; the 256-layer table
/// and sampling loop of `rand_distr`'s `Exp1`): one `u64` and a multiplication for about 99% of
/// draws, a logarithm or exponential (libm, the same on every platform) for the rest. The
/// tables are built with libm, so they too are the same everywhere.
#[derive(Clone, Debug)]
struct Exponential {
    /// Layer widths, x\[0\] = v / f(r) (the base layer's pseudo-width), x\[1\] = r, …, x\[256\] = 0.
    x: [f64; 257],
    /// f(x) = e^(−x) at each width.
    f: [f64; 257],
}

/// Start of the tail of the 256-layer exponential ziggurat (Marsaglia & Tsang: r = 7.69711747013104972).
const ZIG_R: f64 = 7.697_117_470_131_05;
/// Area of each layer.
const ZIG_V: f64 = 0.003_949_659_822_581_572;

/// The ziggurat's tables, built once (they are the same for every stream and every run).
fn exponential() -> &'static Exponential {
    static TABLES: std::sync::OnceLock<Exponential> = std::sync::OnceLock::new();
    TABLES.get_or_init(Exponential::new)
}

impl Exponential {
    fn new() -> Exponential {
        let mut x = [0.0; 257];
        x[0] = ZIG_V / libm::exp(-ZIG_R);
        x[1] = ZIG_R;
        for i in 2..256 {
            x[i] = -libm::log(ZIG_V / x[i - 1] + libm::exp(-x[i - 1]));
        }
        let f = x.map(|v| libm::exp(-v));
        Exponential { x, f }
    }

    /// One draw.
    #[inline]
    fn sample(&self, s: &mut Stream) -> f64 {
        loop {
            let bits = s.bits();
            let i = (bits & 0xff) as usize;
            let u = (bits >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0);
            let x = u * self.x[i];
            if x < self.x[i + 1] {
                return x;
            }
            if i == 0 {
                // The tail beyond r, by memorylessness.
                return ZIG_R - libm::log(s.open_uniform());
            }
            if self.f[i + 1] + (self.f[i] - self.f[i + 1]) * s.uniform() < libm::exp(-x) {
                return x;
            }
        }
    }
}

/// Poisson arrivals with a piecewise-constant rate per hour of the week, by the time change:
/// unit exponential gaps spent against the expected leads of each hour in turn.
struct Arrivals {
    stream: Stream,
    exponential: &'static Exponential,
    /// Expected leads in each hour of the week, Λ · a_h.
    per_hour: [f64; 168],
    per_week: f64,
    /// Current hour of the week, its week, and the share of the hour already passed.
    hour: u32,
    week: u32,
    passed: f64,
    end_week: u32,
}

impl Arrivals {
    fn new(seed: u64, profile: &[f64; 168], lambda: f64, end_week: u32) -> Arrivals {
        let mut per_hour = [0.0; 168];
        for (p, a) in per_hour.iter_mut().zip(profile) {
            *p = lambda * a;
        }
        Arrivals {
            stream: Stream::new(seed),
            exponential: exponential(),
            per_week: per_hour.iter().sum(),
            per_hour,
            hour: 0,
            week: 0,
            passed: 0.0,
            end_week,
        }
    }
}

impl Iterator for Arrivals {
    type Item = f64;

    /// The next arrival in minutes from the start, or `None` after the horizon.
    fn next(&mut self) -> Option<f64> {
        if self.per_week.is_nan() || self.per_week <= 0.0 {
            return None;
        }
        let mut need = self.exponential.sample(&mut self.stream);
        loop {
            if self.week >= self.end_week {
                return None;
            }
            if self.hour == 0 && self.passed == 0.0 && need >= self.per_week {
                // Whole weeks without a lead (small Λ).
                let skip = libm::floor(need / self.per_week);
                let left = f64::from(self.end_week - self.week);
                if skip >= left {
                    self.week = self.end_week;
                    return None;
                }
                self.week += skip as u32;
                need -= skip * self.per_week;
                // Rounding may leave need a hair above a full week: go through the hours.
            }
            let mu = self.per_hour[self.hour as usize];
            let available = mu * (1.0 - self.passed);
            if need < available {
                self.passed += need / mu;
                let hour = f64::from(self.week) * 168.0 + f64::from(self.hour);
                return Some((hour + self.passed.min(1.0)) * 60.0);
            }
            need -= available;
            self.passed = 0.0;
            self.hour += 1;
            if self.hour == 168 {
                self.hour = 0;
                self.week += 1;
            }
        }
    }
}

/// The distribution D of response times, in bounded memory (see the module docs).
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseTimes {
    reaction: f64,
    count: u64,
    /// Leads answered at exactly the reaction time (nobody ahead, someone free).
    at_reaction: u64,
    sum: f64,
    within_5: u64,
    within_60: u64,
    fine: Vec<u32>,
    coarse_count: Vec<u32>,
    coarse_sum: Vec<f64>,
}

/// Index of the bin of `t` > 0 with `bits` mantissa bits, clamped to the binned range.
#[inline]
fn bin(t: f64, bits: u32) -> usize {
    let key = (t.to_bits() >> (52 - bits)) as i64;
    let low = (1023 + LOW_EXPONENT) << bits;
    let len = OCTAVES << bits;
    (key - low).clamp(0, len - 1) as usize
}

/// The lower edge of bin `i` (with `bits` mantissa bits).
fn bin_low(i: usize, bits: u32) -> f64 {
    let low = ((1023 + LOW_EXPONENT) << bits) as u64;
    f64::from_bits((low + i as u64) << (52 - bits))
}

impl ResponseTimes {
    /// An empty distribution of response times that are at least `reaction` minutes.
    pub fn new(reaction: f64) -> ResponseTimes {
        ResponseTimes {
            reaction,
            count: 0,
            at_reaction: 0,
            sum: 0.0,
            within_5: 0,
            within_60: 0,
            fine: vec![0; (OCTAVES << FINE_BITS) as usize],
            coarse_count: vec![0; (OCTAVES << COARSE_BITS) as usize],
            coarse_sum: vec![0.0; (OCTAVES << COARSE_BITS) as usize],
        }
    }

    /// Adds a lead answered at exactly the reaction time.
    #[inline]
    fn add_immediate(&mut self) {
        self.count += 1;
        self.at_reaction += 1;
        self.sum += self.reaction;
        self.within_5 += u64::from(self.reaction <= 5.0);
        self.within_60 += u64::from(self.reaction <= 60.0);
    }

    /// Adds a lead that waited: response time `t` (> reaction).
    #[inline]
    fn add_waited(&mut self, t: f64) {
        let t = t.max(self.reaction);
        self.count += 1;
        self.sum += t;
        self.within_5 += u64::from(t <= 5.0);
        self.within_60 += u64::from(t <= 60.0);
        if t > 0.0 {
            let f = bin(t, FINE_BITS);
            self.fine[f] = self.fine[f].saturating_add(1);
            let c = bin(t, COARSE_BITS);
            self.coarse_count[c] = self.coarse_count[c].saturating_add(1);
            self.coarse_sum[c] += t;
        } else {
            // t = reaction = 0 after the clamp: an immediate answer after all.
            self.at_reaction += 1;
        }
    }

    /// Leads in D.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The reaction time, the least response time.
    pub fn reaction(&self) -> f64 {
        self.reaction
    }

    /// Mean response time (exact); the reaction time when D is empty.
    pub fn mean(&self) -> f64 {
        if self.count == 0 {
            self.reaction
        } else {
            self.sum / self.count as f64
        }
    }

    /// Share of leads answered within `5` minutes (exact).
    pub fn within_5(&self) -> f64 {
        self.share(self.within_5)
    }

    /// Share of leads answered within 60 minutes (exact).
    pub fn within_60(&self) -> f64 {
        self.share(self.within_60)
    }

    /// Share answered at exactly the reaction time (nobody waiting, someone free).
    pub fn immediate(&self) -> f64 {
        self.share(self.at_reaction)
    }

    fn share(&self, k: u64) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            k as f64 / self.count as f64
        }
    }

    /// The `rank`-th smallest response time (0-based), reading the values in each fine bin as
    /// spread evenly over it.
    fn value_at(&self, rank: u64) -> f64 {
        if rank < self.at_reaction {
            return self.reaction;
        }
        let mut r = rank - self.at_reaction;
        for (i, &k) in self.fine.iter().enumerate() {
            let k = u64::from(k);
            if r < k {
                let lo = bin_low(i, FINE_BITS);
                let hi = bin_low(i + 1, FINE_BITS);
                let v = lo + (r as f64 + 0.5) / k as f64 * (hi - lo);
                return v.max(self.reaction);
            }
            r -= k;
        }
        // Only when saturated counts lost leads: the top of the range.
        bin_low(self.fine.len(), FINE_BITS)
    }

    /// The `p` quantile (0 ≤ p ≤ 1), interpolating linearly between order statistics as in §4
    /// (the order statistics read from the histogram, to about 0.1%). The reaction time when
    /// D is empty.
    pub fn quantile(&self, p: f64) -> f64 {
        if self.count == 0 {
            return self.reaction;
        }
        let pos = p.clamp(0.0, 1.0) * (self.count - 1) as f64;
        let k = libm::floor(pos);
        let frac = pos - k;
        let k = k as u64;
        let lo = self.value_at(k);
        if frac == 0.0 || k + 1 >= self.count {
            return lo;
        }
        lo + frac * (self.value_at(k + 1) - lo)
    }

    /// The median.
    pub fn median(&self) -> f64 {
        self.quantile(0.5)
    }

    /// The 90th percentile.
    pub fn p90(&self) -> f64 {
        self.quantile(0.9)
    }

    /// Share of leads answered within `minutes` (from the histogram; exact at 5 and 60).
    pub fn share_within(&self, minutes: f64) -> f64 {
        if self.count == 0 {
            return f64::from(u8::from(minutes >= self.reaction));
        }
        if minutes < self.reaction {
            return 0.0;
        }
        let mut below = self.at_reaction as f64;
        for (i, &k) in self.fine.iter().enumerate() {
            if k == 0 {
                continue;
            }
            let lo = bin_low(i, FINE_BITS).max(self.reaction);
            let hi = bin_low(i + 1, FINE_BITS);
            if minutes >= hi {
                below += f64::from(k);
            } else if minutes > lo {
                below += f64::from(k) * (minutes - lo) / (hi - lo);
            } else {
                break;
            }
        }
        below / self.count as f64
    }

    /// The mean of `f` over D: exact on the atom, and on each coarse bin `f` at the mean of
    /// the bin's values (relative bin width ≤ 1.6%: for the functions of the contact model, an
    /// error far below 10⁻³). `f` of the reaction time when D is empty.
    pub fn mean_of(&self, mut f: impl FnMut(f64) -> f64) -> f64 {
        self.means(|t| [f(t)])[0]
    }

    /// [`ResponseTimes::mean_of`] for `K` functions at once (one call of `f` per bin).
    pub fn means<const K: usize>(&self, mut f: impl FnMut(f64) -> [f64; K]) -> [f64; K] {
        if self.count == 0 {
            return f(self.reaction);
        }
        let mut total = [0.0; K];
        let mut add = |weight: f64, values: [f64; K]| {
            for (t, v) in total.iter_mut().zip(values) {
                *t += weight * v;
            }
        };
        if self.at_reaction > 0 {
            add(self.at_reaction as f64, f(self.reaction));
        }
        for (&k, &sum) in self.coarse_count.iter().zip(&self.coarse_sum) {
            if k > 0 {
                add(f64::from(k), f(sum / f64::from(k)));
            }
        }
        total.map(|t| t / self.count as f64)
    }
}

/// The FCFS queue with time-varying staff, fed leads one at a time in arrival order.
struct Queue<'a> {
    staff: &'a WeekStaffing,
    /// The staffing segment of the latest time looked at: its index, and its end and its week's
    /// start in minutes from the start (times only grow, so it moves forward).
    segment: usize,
    segment_end: f64,
    week_start: f64,
    reaction: f64,
    /// Completion times (as bits: positive floats order like their bits) of responses in
    /// progress.
    busy: BinaryHeap<Reverse<u64>>,
    last_start: f64,
}

impl<'a> Queue<'a> {
    fn new(staff: &'a WeekStaffing, reaction: f64) -> Queue<'a> {
        Queue {
            staff,
            segment: 0,
            segment_end: f64::from(staff.at(0).1),
            week_start: 0.0,
            reaction,
            busy: BinaryHeap::new(),
            last_start: 0.0,
        }
    }

    /// (people on duty, end of their segment in minutes from the start) at time `s`, which is
    /// never before the time asked for last.
    #[inline]
    fn staffing_at(&mut self, s: f64) -> (u32, f64) {
        let week = f64::from(WEEK_MINUTES);
        if s >= self.segment_end + week {
            // A jump of a week or more: look the segment up.
            self.week_start = libm::floor(s / week) * week;
            self.segment = self.staff.segment(s - self.week_start);
            self.segment_end = self.week_start + f64::from(self.staff.at(self.segment).1);
        }
        while s >= self.segment_end {
            if self.segment_end >= self.week_start + week {
                self.segment = 0;
                self.week_start += week;
            } else {
                self.segment += 1;
            }
            self.segment_end = self.week_start + f64::from(self.staff.at(self.segment).1);
        }
        let (people, _) = self.staff.at(self.segment);
        (people, self.segment_end)
    }

    /// The start of the first response to a lead arriving at `arrival` with work `service`,
    /// and whether it was picked up the moment it could be (arrival + reaction).
    #[inline]
    fn answer(&mut self, arrival: f64, service: f64) -> (f64, bool) {
        let ready = arrival + self.reaction;
        let mut s = ready.max(self.last_start);
        loop {
            while let Some(&Reverse(done)) = self.busy.peek() {
                if f64::from_bits(done) <= s {
                    self.busy.pop();
                } else {
                    break;
                }
            }
            let (people, end) = self.staffing_at(s);
            if (self.busy.len() as u64) < u64::from(people) {
                break;
            }
            // Blocked: the next moment that can change it is a completion or a change of staff.
            let mut next = end;
            if let Some(&Reverse(done)) = self.busy.peek() {
                next = next.min(f64::from_bits(done));
            }
            s = next;
        }
        self.last_start = s;
        // A start never lies before 0, so the completion is a positive float (or +0).
        self.busy.push(Reverse((s + service).to_bits()));
        (s, s == ready)
    }
}

/// What the queue needs of a process with capacity.
#[derive(Clone, Debug)]
pub struct QueueSetup<'a> {
    /// People on duty through the week.
    pub staff: &'a WeekStaffing,
    /// The normalised arrival profile.
    pub profile: &'a [f64; 168],
    /// Λ, followed-up leads a week.
    pub lambda: f64,
    /// Mean work of a first response, minutes.
    pub minutes_per_lead: f64,
    /// Minutes before a lead can be picked up.
    pub reaction_minutes: f64,
    /// Seed of the arrivals stream.
    pub arrivals_seed: u64,
    /// Seed of the service-times stream.
    pub service_seed: u64,
}

/// Simulates the queue and returns D (see the module docs). Never empty when someone is ever
/// on duty; a week without anyone on duty gives an empty D (not a valid capacity).
pub fn response_times(q: &QueueSetup) -> ResponseTimes {
    if q.staff.is_empty() {
        return ResponseTimes::new(q.reaction_minutes);
    }
    if q.lambda > 0.0 {
        let d = run(q, q.lambda, q.minutes_per_lead);
        if d.count() > 0 {
            return d;
        }
    }
    // Light traffic: probes that find nobody waiting (zero work never blocks anyone).
    run(q, TARGET_LEADS / f64::from(MIN_WEEKS), 0.0)
}

fn run(q: &QueueSetup, lambda: f64, minutes_per_lead: f64) -> ResponseTimes {
    let weeks = counted_weeks(lambda);
    let counted_from = f64::from(WEEK_MINUTES);
    let arrivals = Arrivals::new(q.arrivals_seed, q.profile, lambda, weeks + 1);
    let mut service = Stream::new(q.service_seed);
    let exponential = exponential();
    let mut queue = Queue::new(q.staff, q.reaction_minutes);
    let mut d = ResponseTimes::new(q.reaction_minutes);
    for arrival in arrivals {
        let work = minutes_per_lead * exponential.sample(&mut service);
        let (start, immediate) = queue.answer(arrival, work);
        if arrival < counted_from {
            continue;
        }
        if immediate {
            d.add_immediate();
        } else {
            d.add_waited(start - arrival);
        }
    }
    d
}

/// Feeds explicit (arrival, work) leads through the queue and returns their start times: the
/// queue's rules without the randomness, for tests.
pub fn starts(staff: &WeekStaffing, reaction: f64, leads: &[(f64, f64)]) -> Vec<f64> {
    let mut queue = Queue::new(staff, reaction);
    leads.iter().map(|&(a, w)| queue.answer(a, w).0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::capacity::{Day, Shift};

    fn all_week(people: u32) -> WeekStaffing {
        WeekStaffing::new(&[Shift {
            days: Day::ALL.to_vec(),
            from: 0,
            to: 1440,
            people,
        }])
    }

    #[test]
    fn the_ziggurat_draws_unit_exponentials() {
        let z = Exponential::new();
        // The table closes: the top layer's width is tiny and positive, f rises to 1.
        assert!(z.x[255] > 0.0 && z.x[255] < 0.2, "{}", z.x[255]);
        assert!((z.f[256] - 1.0).abs() < 1e-15);
        let mut s = Stream::new(11);
        let n = 400_000;
        let draws: Vec<f64> = (0..n).map(|_| z.sample(&mut s)).collect();
        let mean = draws.iter().sum::<f64>() / n as f64;
        let var = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        // Standard errors: 1/√n for the mean, about 2/√n for the variance.
        assert!((mean - 1.0).abs() < 5.0 / (n as f64).sqrt(), "{mean}");
        assert!((var - 1.0).abs() < 10.0 / (n as f64).sqrt(), "{var}");
        for t in [0.1, 1.0, 3.0, 8.0] {
            let p = draws.iter().filter(|&&x| x > t).count() as f64 / n as f64;
            let want = (-t).exp();
            let se = (want * (1.0 - want) / n as f64).sqrt();
            assert!(
                (p - want).abs() < 5.0 * se + 1e-6,
                "P(X > {t}) = {p} vs {want}"
            );
        }
    }

    #[test]
    fn bins_cover_the_range_in_order() {
        assert_eq!(bin(1e-9, FINE_BITS), 0);
        assert_eq!(bin(1e300, FINE_BITS), (OCTAVES << FINE_BITS) as usize - 1);
        for t in [0.01, 1.0, 2.0, 7.3, 480.0, 1e6] {
            let i = bin(t, FINE_BITS);
            assert!(
                bin_low(i, FINE_BITS) <= t && t < bin_low(i + 1, FINE_BITS),
                "{t}"
            );
            let c = bin(t, COARSE_BITS);
            assert!(bin_low(c, COARSE_BITS) <= t && t < bin_low(c + 1, COARSE_BITS));
            let width = bin_low(i + 1, FINE_BITS) / bin_low(i, FINE_BITS) - 1.0;
            assert!(width <= 1.0 / 1024.0 + 1e-15);
        }
    }

    #[test]
    fn the_queue_follows_its_rules() {
        // Monday 09:00–10:00, one person; reaction 2 minutes.
        let staff = WeekStaffing::new(&[Shift {
            days: vec![Day::Mon],
            from: 540,
            to: 600,
            people: 1,
        }]);
        let leads = [
            (100.0, 5.0),  // before the shift: waits for 09:00
            (530.0, 5.0),  // ready 532, waits for 09:00 and the lead before: 545
            (560.0, 3.0),  // ready 562, free: immediately
            (590.0, 20.0), // ready 592: starts, runs past 10:00
            (597.0, 1.0),  // ready 599: busy until 612, shift over: next Monday 09:00
        ];
        let s = starts(&staff, 2.0, &leads);
        assert_eq!(s[..4], [540.0, 545.0, 562.0, 592.0]);
        assert_eq!(s[4], 540.0 + f64::from(WEEK_MINUTES));
    }

    #[test]
    fn a_person_coming_on_duty_starts_waiting_leads_in_order() {
        let staff = all_week(2);
        let s = starts(
            &staff,
            0.0,
            &[(0.0, 10.0), (1.0, 10.0), (2.0, 10.0), (3.0, 1.0)],
        );
        assert_eq!(s, vec![0.0, 1.0, 10.0, 11.0]);
    }

    #[test]
    fn arrivals_follow_the_profile() {
        let mut profile = [0.0; 168];
        profile[10] = 0.75;
        profile[100] = 0.25;
        let weeks = 200;
        let arrivals: Vec<f64> = Arrivals::new(9, &profile, 100.0, weeks).collect();
        let n = arrivals.len() as f64;
        // 20,000 expected: within 4 standard deviations.
        assert!((n - 20_000.0).abs() < 4.0 * 20_000f64.sqrt(), "{n}");
        let in_10 = arrivals
            .iter()
            .filter(|&&t| ((t / 60.0) as u64) % 168 == 10)
            .count() as f64;
        let in_100 = arrivals
            .iter()
            .filter(|&&t| ((t / 60.0) as u64) % 168 == 100)
            .count() as f64;
        assert_eq!(in_10 + in_100, n);
        assert!((in_10 / n - 0.75).abs() < 0.012, "{}", in_10 / n);
        assert!(arrivals.windows(2).all(|w| w[0] <= w[1]));
        // Tiny volumes skip whole weeks and stop at the horizon.
        let few: Vec<f64> = Arrivals::new(9, &profile, 0.01, 5200).collect();
        assert!(few.len() < 200 && few.iter().all(|&t| t < 5200.0 * 10080.0));
    }

    /// Bounded memory (issue 12): the queue's state does not grow with the number of leads. At
    /// 6,000 and 60,000 leads a week both runs take the fewest weeks (4), so the second sees ten
    /// times the leads; D's histograms keep the same fixed sizes, and the only buffer of the
    /// queue, the responses in progress, never holds more than the people on duty. The
    /// exhaustive patterns make a new field of either fail to compile here until it is looked at.
    #[test]
    fn memory_does_not_grow_with_the_leads() {
        let people = 100;
        let staff = all_week(people);
        let profile = [1.0 / 168.0; 168];
        let footprint = |lambda: f64| {
            let d = response_times(&QueueSetup {
                staff: &staff,
                profile: &profile,
                lambda,
                minutes_per_lead: 8.0,
                reaction_minutes: 2.0,
                arrivals_seed: 1,
                service_seed: 2,
            });
            let ResponseTimes {
                reaction: _,
                count,
                at_reaction: _,
                sum: _,
                within_5: _,
                within_60: _,
                fine,
                coarse_count,
                coarse_sum,
            } = &d;
            let sizes = [
                fine.len(),
                fine.capacity(),
                coarse_count.len(),
                coarse_count.capacity(),
                coarse_sum.len(),
                coarse_sum.capacity(),
            ];
            // The queue of `run`, fed the same leads: the largest its buffer ever gets.
            let mut queue = Queue::new(&staff, 2.0);
            let mut service = Stream::new(2);
            let mut most = (0, 0);
            for arrival in Arrivals::new(1, &profile, lambda, counted_weeks(lambda) + 1) {
                queue.answer(arrival, 8.0 * exponential().sample(&mut service));
                let Queue {
                    staff: _,
                    segment: _,
                    segment_end: _,
                    week_start: _,
                    reaction: _,
                    busy,
                    last_start: _,
                } = &queue;
                most = (most.0.max(busy.len()), most.1.max(busy.capacity()));
            }
            (*count, sizes, most)
        };
        let (few, few_sizes, few_busy) = footprint(6_000.0);
        let (many, many_sizes, many_busy) = footprint(60_000.0);
        assert!(many as f64 > 9.5 * few as f64, "{few} and {many} leads");
        assert_eq!(few_sizes, many_sizes);
        let fine = (OCTAVES << FINE_BITS) as usize;
        let coarse = (OCTAVES << COARSE_BITS) as usize;
        assert_eq!(few_sizes, [fine, fine, coarse, coarse, coarse, coarse]);
        for (len, capacity) in [few_busy, many_busy] {
            assert!(len <= people as usize, "{len} responses in progress");
            assert!(capacity < 2 * people as usize, "{capacity}");
        }
        // Ten times the leads keep more people busy at once, still within the bound.
        assert!(many_busy.0 > few_busy.0, "{few_busy:?} {many_busy:?}");
    }

    #[test]
    fn quantiles_of_a_histogram_are_close_to_exact() {
        let mut d = ResponseTimes::new(2.0);
        let mut values = Vec::new();
        let mut s = Stream::new(5);
        for _ in 0..30_000 {
            if s.uniform() < 0.3 {
                d.add_immediate();
                values.push(2.0);
            } else {
                let t = 2.0 - 100.0 * s.open_uniform().ln();
                d.add_waited(t);
                values.push(t);
            }
        }
        values.sort_by(f64::total_cmp);
        let exact = |p: f64| {
            let pos = p * (values.len() - 1) as f64;
            let k = pos.floor() as usize;
            values[k] + (pos - k as f64) * (values[k + 1] - values[k])
        };
        for p in [0.1, 0.29, 0.5, 0.9, 0.99] {
            let (got, want) = (d.quantile(p), exact(p));
            assert!((got / want - 1.0).abs() < 1e-3, "p{p}: {got} vs {want}");
        }
        assert_eq!(d.quantile(0.2), 2.0);
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        assert!((d.mean() - mean).abs() < 1e-9 * mean);
        let g = |t: f64| 1.0 / (1.0 + t / 50.0);
        let want = values.iter().map(|&t| g(t)).sum::<f64>() / values.len() as f64;
        assert!((d.mean_of(g) / want - 1.0).abs() < 1e-4);
        let within = values.iter().filter(|&&t| t <= 30.0).count() as f64 / values.len() as f64;
        assert!((d.share_within(30.0) - within).abs() < 1e-3);
    }
}
