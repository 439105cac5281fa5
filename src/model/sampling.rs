//! Random variates for the Monte Carlo: a seeded PCG stream, normal, gamma, Poisson, and alias
//! tables for fixed discrete laws (negative binomial, Poisson, binomial).
//!
//! **The stream.** [`Stream`] is `rand_pcg::Pcg64Mcg` (PCG XSL RR 128/64, MCG variant) seeded
//! with `SeedableRng::seed_from_u64(seed)`, whose expansion of the seed is specified by
//! `rand_core` and portable. Uniforms take the top 53 bits of one `next_u64`. Every sampler
//! consumes whole `u64`s and uses no `usize` arithmetic on drawn values, and all transcendental
//! functions come from `libm`, so a seed gives the same numbers on every platform.
//!
//! **Exactness.** The samplers are exact in exact arithmetic. Count laws are tabulated up to where
//! the remaining tail mass is below 10⁻¹⁷ and renormalised: a total-variation error per draw
//! below the floating-point rounding of any table sampler, and of no statistical consequence.

use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// 2⁻⁵³.
const EPS53: f64 = 1.0 / 9_007_199_254_740_992.0;
/// Tail mass at which a table stops.
const TAIL: f64 = 1e-17;

/// The seeded random stream of one simulation.
#[derive(Clone, Debug)]
pub struct Stream {
    rng: Pcg64Mcg,
    spare_normal: Option<f64>,
}

impl Stream {
    /// The stream of `seed`.
    pub fn new(seed: u64) -> Stream {
        Stream {
            rng: Pcg64Mcg::seed_from_u64(seed),
            spare_normal: None,
        }
    }

    /// Uniform on [0, 1), multiples of 2⁻⁵³.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 * EPS53
    }

    /// The next 64 random bits.
    #[inline]
    pub fn bits(&mut self) -> u64 {
        self.rng.next_u64()
    }

    /// Uniform on (0, 1): never 0, so its logarithm is finite.
    #[inline]
    pub fn open_uniform(&mut self) -> f64 {
        ((self.rng.next_u64() >> 11) as f64 + 0.5) * EPS53
    }

    /// Standard normal, by Marsaglia's polar method (two normals per accepted pair; the second
    /// is kept for the next call).
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare_normal.take() {
            return z;
        }
        loop {
            let x = 2.0 * self.uniform() - 1.0;
            let y = 2.0 * self.uniform() - 1.0;
            let s = x * x + y * y;
            if s < 1.0 && s > 0.0 {
                let f = libm::sqrt(-2.0 * libm::log(s) / s);
                self.spare_normal = Some(y * f);
                return x * f;
            }
        }
    }
}

/// Gamma(shape, scale) by Marsaglia & Tsang (2000); shapes below 1 by the boost
/// Gamma(k) = Gamma(k + 1) · U^(1/k).
#[derive(Clone, Debug, PartialEq)]
pub struct Gamma {
    d: f64,
    c: f64,
    /// 1/shape when shape < 1.
    boost: Option<f64>,
    scale: f64,
}

impl Gamma {
    /// A gamma law; `shape` and `scale` must be > 0 and finite (not checked).
    pub fn new(shape: f64, scale: f64) -> Gamma {
        let (k, boost) = if shape < 1.0 {
            (shape + 1.0, Some(1.0 / shape))
        } else {
            (shape, None)
        };
        let d = k - 1.0 / 3.0;
        Gamma {
            d,
            c: 1.0 / libm::sqrt(9.0 * d),
            boost,
            scale,
        }
    }

    /// One draw.
    pub fn sample(&self, s: &mut Stream) -> f64 {
        let g = loop {
            let x = s.normal();
            let v = 1.0 + self.c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = s.open_uniform();
            let x2 = x * x;
            if u < 1.0 - 0.0331 * x2 * x2 {
                break self.d * v;
            }
            if libm::log(u) < 0.5 * x2 + self.d * (1.0 - v + libm::log(v)) {
                break self.d * v;
            }
        };
        let g = match self.boost {
            Some(inv) => g * libm::exp(libm::log(s.open_uniform()) * inv),
            None => g,
        };
        g * self.scale
    }
}

/// Poisson(`mu`) for a mean that changes from draw to draw: inversion below 12, Hörmann's PTRS
/// transformed rejection (1993, as in numpy) from 12 on. `mu` ≤ 0 or NaN gives 0.
pub fn poisson(s: &mut Stream, mu: f64) -> u64 {
    if mu.is_nan() || mu <= 0.0 {
        return 0;
    }
    if mu < 12.0 {
        let u = s.uniform();
        let mut p = libm::exp(-mu);
        let mut cdf = p;
        let mut k = 0u64;
        // The cdf reaches 1 − 10⁻¹⁶ long before k = 200 for mu < 12; the cap only guards rounding.
        while u >= cdf && k < 200 {
            k += 1;
            p *= mu / k as f64;
            cdf += p;
        }
        return k;
    }
    let slam = libm::sqrt(mu);
    let loglam = libm::log(mu);
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = s.uniform() - 0.5;
        let v = s.uniform();
        let us = 0.5 - u.abs();
        let k = libm::floor((2.0 * a / us + b) * u + mu + 0.43);
        if us >= 0.07 && v <= vr {
            return k as u64;
        }
        if k.is_nan() || k < 0.0 || (us < 0.013 && v > us) {
            continue;
        }
        if libm::log(v) + libm::log(inv_alpha) - libm::log(a / (us * us) + b)
            <= -mu + k * loglam - libm::lgamma(k + 1.0)
        {
            return k as u64;
        }
    }
}

/// Binomial(`n`, `q`) by `n` Bernoulli trials: for the rare draws beyond a precomputed table.
pub fn binomial_by_trials(s: &mut Stream, n: u64, q: f64) -> u64 {
    (0..n).filter(|_| s.uniform() < q).count() as u64
}

/// One entry of an alias table: value `i` is kept when the 64-bit coin is below `threshold`
/// (a probability in units of 2⁻⁶⁴), else `alias` is taken.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AliasEntry {
    threshold: u64,
    alias: u32,
}

/// 2⁶⁴ as a float.
const TWO64: f64 = 18_446_744_073_709_551_616.0;

/// Builds the alias table (Walker 1977, Vose's 1991 construction) of the law `pmf` on 0, 1, 2, …
/// (renormalised to sum 1): one `u64` and no data-dependent loop per draw. `None` if the
/// probabilities do not sum to a positive finite number.
pub fn alias_table(pmf: &[f64]) -> Option<Vec<AliasEntry>> {
    let total: f64 = pmf.iter().sum();
    let n = pmf.len();
    if !(total > 0.0 && total.is_finite()) || n == 0 || n > u32::MAX as usize {
        return None;
    }
    let mut scaled: Vec<f64> = pmf.iter().map(|p| p * n as f64 / total).collect();
    let mut entries: Vec<AliasEntry> = (0..n)
        .map(|i| AliasEntry {
            threshold: u64::MAX,
            alias: i as u32,
        })
        .collect();
    let (mut small, mut large): (Vec<u32>, Vec<u32>) =
        (0..n as u32).partition(|&i| scaled[i as usize] < 1.0);
    while let (Some(&s), Some(&l)) = (small.last(), large.last()) {
        small.pop();
        let (si, li) = (s as usize, l as usize);
        entries[si] = AliasEntry {
            // Saturating float → integer conversion: 1.0 maps to u64::MAX.
            threshold: (scaled[si] * TWO64) as u64,
            alias: l,
        };
        scaled[li] = (scaled[li] + scaled[si]) - 1.0;
        if scaled[li] < 1.0 {
            large.pop();
            small.push(l);
        }
    }
    // Leftovers (rounding) keep threshold 1: always themselves.
    Some(entries)
}

/// One draw from an alias table built by [`alias_table`], using the 64 random bits `x`: x·n/2⁶⁴
/// picks the column (high 64 bits of the 128-bit product) and its low 64 bits are the coin.
/// Integer arithmetic throughout, and no branch on the coin.
#[inline]
pub fn alias_sample(entries: &[AliasEntry], x: u64) -> u32 {
    let n = entries.len() as u64;
    let (i, coin) = wide_product(x, n);
    let e = entries.get(i as usize).copied().unwrap_or(AliasEntry {
        threshold: u64::MAX,
        alias: 0,
    });
    let keep = u32::from(coin < e.threshold).wrapping_neg();
    (i & keep) | (e.alias & !keep)
}

/// (x·n / 2⁶⁴, x·n mod 2⁶⁴), truncated to 32 bits for the first.
#[inline]
fn wide_product(x: u64, n: u64) -> (u32, u64) {
    if cfg!(target_arch = "wasm32") && n <= u64::from(u32::MAX) {
        wide_product_by_halves(x, n)
    } else {
        // One instruction on 64-bit CPUs.
        let wide = u128::from(x) * u128::from(n);
        ((wide >> 64) as u32, wide as u64)
    }
}

/// [`wide_product`] for n < 2³² without 128-bit arithmetic, which WebAssembly lacks: the
/// compiler's general 128-bit multiply is a library call, and it made this product a large part
/// of the Monte Carlo's time in the browser. Two 64-bit products give it exactly:
/// x·n = x_hi·n·2³² + x_lo·n, and x_hi·n + (x_lo·n >> 32) < 2⁶⁴.
#[inline]
fn wide_product_by_halves(x: u64, n: u64) -> (u32, u64) {
    let low = (x & 0xffff_ffff) * n;
    let middle = (x >> 32) * n + (low >> 32);
    ((middle >> 32) as u32, x.wrapping_mul(n))
}

/// Poisson or negative binomial, by its log-probabilities and successive ratios.
enum CountLaw {
    Poisson {
        mu: f64,
        ln_mu: f64,
    },
    NegativeBinomial {
        k: f64,
        /// ln P(0) − ln Γ(k).
        offset: f64,
        /// μ / (k + μ).
        q: f64,
        ln_q: f64,
    },
}

impl CountLaw {
    fn new(mu: f64, k: Option<f64>) -> CountLaw {
        match k {
            None => CountLaw::Poisson {
                mu,
                ln_mu: libm::log(mu),
            },
            Some(k) => CountLaw::NegativeBinomial {
                k,
                offset: -k * libm::log1p(mu / k) - libm::lgamma(k),
                q: mu / (k + mu),
                ln_q: libm::log(mu / (k + mu)),
            },
        }
    }

    /// ln P(j).
    fn ln_pmf(&self, j: f64) -> f64 {
        match *self {
            CountLaw::Poisson { mu, ln_mu } => -mu + j * ln_mu - libm::lgamma(j + 1.0),
            CountLaw::NegativeBinomial {
                k, offset, ln_q, ..
            } => libm::lgamma(k + j) - libm::lgamma(j + 1.0) + offset + j * ln_q,
        }
    }

    /// P(j + 1) / P(j).
    fn ratio(&self, j: f64) -> f64 {
        match *self {
            CountLaw::Poisson { mu, .. } => mu / (j + 1.0),
            CountLaw::NegativeBinomial { k, q, .. } => (k + j) / (j + 1.0) * q,
        }
    }
}

/// The number of sales in one cell: Poisson(λ·G·p) mixed over G ~ Gamma(k, 1/k), i.e. negative
/// binomial with mean `mu` and size `k`; `k = None` means no volume variation (Poisson).
/// Returns P(0), P(1), … up to where the remaining tail is below 10⁻¹⁷, or `None` if that
/// would take more than `max_len` values.
pub fn count_pmf(mu: f64, k: Option<f64>, max_len: usize) -> Option<Vec<f64>> {
    if !(mu >= 0.0 && mu.is_finite()) {
        return None;
    }
    if mu == 0.0 {
        return Some(vec![1.0]);
    }
    let law = CountLaw::new(mu, k);
    let asymptote = match k {
        None => 0.0,
        Some(k) => mu / (k + mu),
    };
    let mode = match k {
        None => libm::floor(mu),
        Some(k) if k > 1.0 => libm::floor((k - 1.0) * mu / k),
        Some(_) => 0.0,
    };
    if mode + 1.0 > max_len as f64 {
        return None;
    }
    let mode_len = mode as usize + 1;
    let mut pmf = vec![0.0; mode_len];
    pmf[mode_len - 1] = libm::exp(law.ln_pmf(mode));
    for j in (0..mode_len - 1).rev() {
        pmf[j] = pmf[j + 1] / law.ratio(j as f64);
    }
    let mut j = mode;
    let mut p = pmf[mode_len - 1];
    loop {
        let r = law.ratio(j);
        let bound = r.max(asymptote);
        if bound < 1.0 && p * bound / (1.0 - bound) < TAIL {
            break;
        }
        if pmf.len() >= max_len {
            return None;
        }
        p *= r;
        j += 1.0;
        pmf.push(p);
    }
    Some(pmf)
}

/// The laws Binomial(n, q) for n = 0..=`max_n`, each as P(0), …, P(n). `q` must be in (0, 1).
pub fn binomial_pmfs(max_n: usize, q: f64) -> Vec<Vec<f64>> {
    let odds = q / (1.0 - q);
    let (ln_q, ln_1q) = (libm::log(q), libm::log1p(-q));
    (0..=max_n)
        .map(|n| {
            let nf = n as f64;
            let mode = libm::floor((nf + 1.0) * q).min(nf);
            let mut pmf = vec![0.0; n + 1];
            let m = mode as usize;
            pmf[m] = libm::exp(
                libm::lgamma(nf + 1.0) - libm::lgamma(mode + 1.0) - libm::lgamma(nf - mode + 1.0)
                    + mode * ln_q
                    + (nf - mode) * ln_1q,
            );
            for j in m + 1..=n {
                pmf[j] = pmf[j - 1] * (nf - (j - 1) as f64) / j as f64 * odds;
            }
            for j in (0..m).rev() {
                pmf[j] = pmf[j + 1] * (j + 1) as f64 / (nf - j as f64) / odds;
            }
            pmf
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wide_product_is_exact() {
        let mut r = Pcg64Mcg::seed_from_u64(3);
        let xs = [0, 1, 0xffff_ffff, 0x1_0000_0000, u64::MAX - 1, u64::MAX];
        let ns = [1, 2, 3, 1000, 0xffff_ffff, 0x1_0000_0000, u64::MAX];
        let pairs = xs
            .iter()
            .flat_map(|&x| ns.iter().map(move |&n| (x, n)))
            .chain((0..100_000).map(|_| (r.next_u64(), r.next_u64() >> (r.next_u64() % 64))));
        for (x, n) in pairs {
            let wide = u128::from(x) * u128::from(n);
            let want = ((wide >> 64) as u32, wide as u64);
            assert_eq!(wide_product(x, n), want, "{x} × {n}");
            if n <= u64::from(u32::MAX) {
                assert_eq!(wide_product_by_halves(x, n), want, "{x} × {n} by halves");
            }
        }
    }

    fn moments(draws: impl Iterator<Item = f64>) -> (f64, f64, usize) {
        let v: Vec<f64> = draws.collect();
        let n = v.len();
        let mean = v.iter().sum::<f64>() / n as f64;
        let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        (mean, var, n)
    }

    /// Mean and variance of a law given as probabilities.
    fn pmf_moments(pmf: &[f64]) -> (f64, f64) {
        let total: f64 = pmf.iter().sum();
        let m1: f64 = pmf
            .iter()
            .enumerate()
            .map(|(j, p)| j as f64 * p)
            .sum::<f64>()
            / total;
        let m2: f64 = pmf
            .iter()
            .enumerate()
            .map(|(j, p)| (j * j) as f64 * p)
            .sum::<f64>()
            / total;
        (m1, m2 - m1 * m1)
    }

    /// Mean within 5 standard errors, variance within 5% (large samples).
    fn check(name: &str, (mean, var, n): (f64, f64, usize), want_mean: f64, want_var: f64) {
        let se = (want_var / n as f64).sqrt();
        assert!(
            (mean - want_mean).abs() < 5.0 * se + 1e-12,
            "{name}: mean {mean} vs {want_mean} (se {se})"
        );
        assert!(
            (var - want_var).abs() < 0.05 * want_var + 1e-12,
            "{name}: var {var} vs {want_var}"
        );
    }

    #[test]
    fn stream_is_pinned() {
        // Value stability: PCG64 MCG seeded by rand_core's seed_from_u64(42).
        let mut s = Stream::new(42);
        let first: Vec<u64> = (0..3).map(|_| s.bits()).collect();
        let mut t = Stream::new(42);
        assert_eq!(first, (0..3).map(|_| t.bits()).collect::<Vec<_>>());
        assert_ne!(Stream::new(42).uniform(), Stream::new(43).uniform());
        let u = Stream::new(7).uniform();
        assert!((0.0..1.0).contains(&u));
    }

    #[test]
    fn normal_moments() {
        let mut s = Stream::new(1);
        check(
            "normal",
            moments((0..200_000).map(|_| s.normal())),
            0.0,
            1.0,
        );
    }

    #[test]
    fn gamma_moments() {
        let mut s = Stream::new(2);
        for cv in [0.05, 0.15, 0.5, 1.0, 1.5, 2.0] {
            let k = 1.0 / (cv * cv);
            let g = Gamma::new(k, cv * cv);
            let m = moments((0..200_000).map(|_| g.sample(&mut s)));
            // Heavy tails at cv > 1 make the sample variance noisy: check the mean only.
            if cv > 1.0 {
                assert!((m.0 - 1.0).abs() < 0.03, "cv {cv}: mean {}", m.0);
            } else {
                check(&format!("gamma cv {cv}"), m, 1.0, cv * cv);
            }
        }
    }

    #[test]
    fn poisson_moments() {
        let mut s = Stream::new(3);
        for mu in [0.3, 2.5, 11.9, 12.0, 30.0, 250.0, 1e5] {
            let m = moments((0..200_000).map(|_| poisson(&mut s, mu) as f64));
            check(&format!("poisson {mu}"), m, mu, mu);
        }
        assert_eq!(poisson(&mut s, 0.0), 0);
        assert_eq!(poisson(&mut s, f64::NAN), 0);
    }

    #[test]
    fn count_laws_have_exact_moments() {
        for (mu, k) in [
            (0.5, None),
            (25.0, None),
            (25.0, Some(44.4)),
            (3.0, Some(0.25)),
            (120.0, Some(1.0 / 0.0225)),
            (400.0, Some(0.25)),
        ] {
            let pmf = count_pmf(mu, k, 1_000_000).unwrap_or_else(|| panic!("pmf {mu}"));
            let (m1, var) = pmf_moments(&pmf);
            let want_var = mu + k.map_or(0.0, |k| mu * mu / k);
            assert!((m1 - mu).abs() < 1e-9 * mu.max(1.0), "mean {m1} vs {mu}");
            assert!(
                (var - want_var).abs() < 1e-7 * want_var,
                "var {var} vs {want_var}"
            );
        }
        assert!(count_pmf(1e6, None, 1000).is_none());
        assert_eq!(count_pmf(0.0, None, 10), Some(vec![1.0]));
    }

    #[test]
    fn alias_tables_reproduce_their_law() {
        let pmf = [0.5, 0.0, 0.2, 0.3];
        let t = alias_table(&pmf).unwrap_or_else(|| panic!());
        // The exact probability of each value: column mass 1/n split by threshold and alias.
        let mut p = [0.0; 4];
        for (i, e) in t.iter().enumerate() {
            let keep = e.threshold as f64 / TWO64;
            p[i] += keep / 4.0;
            p[e.alias as usize] += (1.0 - keep) / 4.0;
        }
        for (got, want) in p.iter().zip(pmf) {
            assert!((got - want).abs() < 1e-15);
        }
        assert_eq!(alias_sample(&t, 0), 0);
        assert_eq!(alias_sample(&t, u64::MAX) as usize, t[3].alias as usize);
        let mut s = Stream::new(4);
        let pmf = count_pmf(7.0, Some(10.0), 10_000).unwrap_or_else(|| panic!());
        let t = alias_table(&pmf).unwrap_or_else(|| panic!());
        let m = moments((0..200_000).map(|_| f64::from(alias_sample(&t, s.bits()))));
        check("negbin draws", m, 7.0, 7.0 + 4.9);
        assert!(alias_table(&[]).is_none());
        assert!(alias_table(&[0.0]).is_none());
    }

    #[test]
    fn binomial_laws_are_binomial() {
        for q in [0.01, 0.58, 0.99] {
            for (n, pmf) in binomial_pmfs(60, q).iter().enumerate() {
                let (m1, var) = pmf_moments(pmf);
                let nf = n as f64;
                assert_eq!(pmf.len(), n + 1);
                assert!((m1 - nf * q).abs() < 1e-10 * nf.max(1.0));
                assert!((var - nf * q * (1.0 - q)).abs() < 1e-9 * nf.max(1.0));
            }
        }
        let mut s = Stream::new(5);
        let m = moments((0..100_000).map(|_| binomial_by_trials(&mut s, 20, 0.3) as f64));
        check("binomial trials", m, 6.0, 4.2);
    }
}
