//! Count histograms of integer outcomes (sales per run): exact means and percentiles without
//! storing samples, in memory bounded by [`MAX_BINS`].
//!
//! Each histogram counts values in bins of width 2^`shift`, starting at `shift = 0` (one bin per
//! integer: percentiles are then exact). Should the values of one statistic ever span more than
//! [`MAX_BINS`] integers (only with tens of thousands of sales per month), neighbouring bins are
//! merged (the width doubles) and percentiles interpolate within a bin, an error of at most one
//! bin width, i.e. 1/65,536 of the spread. The result depends only on the sequence of values
//! added, never on how the runs were batched.

use serde::{Deserialize, Serialize};

/// Most bins one histogram keeps (256 KiB of counts).
pub const MAX_BINS: usize = 1 << 16;

/// A histogram of i64 values with an exact count and sum.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Histogram {
    shift: u32,
    /// Bin number (value >> shift) of `counts[0]`.
    base: i64,
    counts: Vec<u32>,
    n: u64,
    sum: i128,
}

/// Mean and 10th, 50th and 90th percentile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Mean.
    pub mean: f64,
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
}

impl Stats {
    /// Every figure multiplied by `factor` (≥ 0 keeps the percentiles in order).
    pub fn scaled(self, factor: f64) -> Stats {
        Stats {
            mean: self.mean * factor,
            p10: self.p10 * factor,
            p50: self.p50 * factor,
            p90: self.p90 * factor,
        }
    }
}

/// 10th, 50th and 90th percentile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bands {
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
}

impl Histogram {
    /// Counts `v` once.
    #[inline]
    pub fn add(&mut self, v: i64) {
        self.n += 1;
        self.sum += i128::from(v);
        let idx = (v >> self.shift).wrapping_sub(self.base);
        match usize::try_from(idx)
            .ok()
            .and_then(|i| self.counts.get_mut(i))
        {
            Some(c) => *c += 1,
            None => self.add_outside(v),
        }
    }

    #[cold]
    fn add_outside(&mut self, v: i64) {
        loop {
            let bin = v >> self.shift;
            if self.counts.is_empty() {
                self.base = bin;
                self.counts.push(1);
                return;
            }
            let top = self.base + self.counts.len() as i64 - 1;
            let (lo, hi) = (self.base.min(bin), top.max(bin));
            let span = (hi - lo + 1) as u64;
            if span > MAX_BINS as u64 {
                self.coarsen();
                continue;
            }
            // Leave slack on the growing side, so that a drifting range grows in few steps.
            let slack = (span / 2).clamp(16, 4096);
            let (lo, hi) = if bin < self.base {
                (lo - slack as i64, hi)
            } else {
                (lo, hi + slack as i64)
            };
            let span = ((hi - lo + 1) as u64).min(MAX_BINS as u64);
            let lo = if bin < self.base {
                hi - span as i64 + 1
            } else {
                lo
            };
            let mut counts = vec![0u32; span as usize];
            let offset = (self.base - lo) as usize;
            counts[offset..offset + self.counts.len()].copy_from_slice(&self.counts);
            counts[(bin - lo) as usize] += 1;
            self.base = lo;
            self.counts = counts;
            return;
        }
    }

    /// Doubles the bin width, merging neighbours.
    fn coarsen(&mut self) {
        let base = self.base >> 1;
        let top = (self.base + self.counts.len() as i64 - 1) >> 1;
        let mut counts = vec![0u32; (top - base + 1) as usize];
        for (i, &c) in self.counts.iter().enumerate() {
            counts[(((self.base + i as i64) >> 1) - base) as usize] += c;
        }
        self.shift += 1;
        self.base = base;
        self.counts = counts;
    }

    /// Number of values counted.
    pub fn len(&self) -> u64 {
        self.n
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The exact mean (0 when empty).
    pub fn mean(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.sum as f64 / self.n as f64
        }
    }

    /// The `k`-th smallest value (0-based), `k < len()`.
    fn order_statistic(&self, k: u64) -> f64 {
        let width = 1i64 << self.shift;
        let mut before = 0u64;
        for (i, &c) in self.counts.iter().enumerate() {
            let c = u64::from(c);
            if before + c > k {
                let lo = (self.base + i as i64) * width;
                if width == 1 {
                    return lo as f64;
                }
                // Merged bin: spread its values evenly over the bin.
                return lo as f64 + (k - before) as f64 * width as f64 / c as f64;
            }
            before += c;
        }
        ((self.base + self.counts.len() as i64) * width - 1) as f64
    }

    /// The `p`-quantile (0 ≤ p ≤ 1) by linear interpolation between order statistics, as numpy's
    /// default (`(n − 1)·p`); 0 when empty.
    pub fn quantile(&self, p: f64) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        let h = (self.n - 1) as f64 * p;
        let lo = h.floor();
        let k = lo as u64;
        let x_lo = self.order_statistic(k);
        let frac = h - lo;
        if frac == 0.0 || k + 1 >= self.n {
            return x_lo;
        }
        let x_hi = self.order_statistic(k + 1);
        x_lo + frac * (x_hi - x_lo)
    }

    /// Mean and 10/50/90th percentiles.
    pub fn stats(&self) -> Stats {
        let b = self.bands();
        Stats {
            mean: self.mean(),
            p10: b.p10,
            p50: b.p50,
            p90: b.p90,
        }
    }

    /// 10/50/90th percentiles.
    pub fn bands(&self) -> Bands {
        Bands {
            p10: self.quantile(0.1),
            p50: self.quantile(0.5),
            p90: self.quantile(0.9),
        }
    }

    /// At most `bins` equal-width classes over the observed range, each as (low, high, share of
    /// runs), in value units; empty when nothing was counted.
    pub fn classes(&self, bins: usize) -> Vec<(f64, f64, f64)> {
        let width = 1i64 << self.shift;
        let occupied: Vec<(i64, u32)> = self
            .counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(i, &c)| ((self.base + i as i64) * width, c))
            .collect();
        let (Some(&(first, _)), Some(&(last, _))) = (occupied.first(), occupied.last()) else {
            return Vec::new();
        };
        if bins == 0 {
            return Vec::new();
        }
        // Integers v cover [v − ½, v + ½); a merged bin covers [lo − ½, lo + width − ½).
        let lo = first as f64 - 0.5;
        let hi = (last + width) as f64 - 0.5;
        let values = ((last + width - first) / width) as usize;
        let k = bins.min(values).max(1);
        let step = (hi - lo) / k as f64;
        let mut out: Vec<(f64, f64, f64)> = (0..k)
            .map(|j| (lo + j as f64 * step, lo + (j + 1) as f64 * step, 0.0))
            .collect();
        let n = self.n as f64;
        for (v, c) in occupied {
            let j = (((v as f64 - lo) / step) as usize).min(k - 1);
            out[j].2 += f64::from(c) / n;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// numpy.percentile's default, on sorted samples.
    fn numpy_quantile(sorted: &[i64], p: f64) -> f64 {
        let h = (sorted.len() - 1) as f64 * p;
        let lo = h.floor() as usize;
        let hi = (lo + 1).min(sorted.len() - 1);
        sorted[lo] as f64 + (h - h.floor()) * (sorted[hi] - sorted[lo]) as f64
    }

    #[test]
    fn quantiles_match_sorted_samples() {
        let mut values: Vec<i64> = (0..1001).map(|i| (i * 7919 % 263) - 40).collect();
        let mut h = Histogram::default();
        for &v in &values {
            h.add(v);
        }
        values.sort();
        for p in [0.0, 0.1, 0.25, 0.5, 0.9, 1.0] {
            assert_eq!(h.quantile(p), numpy_quantile(&values, p), "p = {p}");
        }
        let mean = values.iter().sum::<i64>() as f64 / values.len() as f64;
        assert_eq!(h.mean(), mean);
        for n in [1usize, 2, 3, 10] {
            let mut h = Histogram::default();
            for &v in &values[..n] {
                h.add(v);
            }
            let mut s = values[..n].to_vec();
            s.sort();
            assert_eq!(h.quantile(0.1), numpy_quantile(&s, 0.1));
        }
    }

    #[test]
    fn empty_is_zero() {
        let h = Histogram::default();
        assert_eq!(h.stats(), Stats::default());
        assert!(h.classes(10).is_empty());
    }

    #[test]
    fn wide_ranges_coarsen_within_one_bin_width() {
        let mut h = Histogram::default();
        let mut values: Vec<i64> = (0..50_000i64)
            .map(|i| i * i % 1_000_003 * 7 - 3_000_000)
            .collect();
        for &v in &values {
            h.add(v);
        }
        assert!(h.counts.len() <= MAX_BINS);
        values.sort();
        let width = f64::from(1u32 << h.shift);
        for p in [0.1, 0.5, 0.9] {
            assert!((h.quantile(p) - numpy_quantile(&values, p)).abs() <= width);
        }
    }

    #[test]
    fn classes_share_sums_to_one() {
        let mut h = Histogram::default();
        for v in [3, 3, 4, 9, 10, 10] {
            h.add(v);
        }
        let c = h.classes(4);
        assert_eq!(c.len(), 4);
        assert_eq!(c[0].0, 2.5);
        assert_eq!(c[3].1, 10.5);
        let total: f64 = c.iter().map(|x| x.2).sum();
        assert!((total - 1.0).abs() < 1e-12);
    }
}
