//! Reaching a lead (MODEL.md §2): the response curve, repeated attempts, and the expected
//! contact over log-normal response times, by Gauss–Legendre quadrature.
//!
//! All transcendental functions come from `libm`, so the numbers are the same on every platform
//! (native and WebAssembly), not only on the same one.

use super::scenario::{Contact, Process};

/// σ of the log-normal response time per unit of ln(spread): 1 / z₀.₉, so that the 90th
/// percentile is median × spread.
pub const Z90: f64 = 1.281_551_565_544_600_4;

/// The response-curve factor r(t) at `minutes`: linear in (ln t, ln r) between points, flat
/// before the first and after the last. An empty curve is 1 everywhere.
pub fn response_factor(curve: &[(f64, f64)], minutes: f64) -> f64 {
    let (Some(&(t0, r0)), Some(&(tn, rn))) = (curve.first(), curve.last()) else {
        return 1.0;
    };
    // NaN goes to the first point too.
    if minutes.is_nan() || minutes <= t0 {
        return r0;
    }
    if minutes >= tn {
        return rn;
    }
    // First point strictly after `minutes`; 1 ≤ j < len since t0 < minutes < tn.
    let j = curve.partition_point(|&(t, _)| t <= minutes);
    let ((ta, ra), (tb, rb)) = (curve[j - 1], curve[j]);
    let u = (libm::log(minutes) - libm::log(ta)) / (libm::log(tb) - libm::log(ta));
    if ra > 0.0 && rb > 0.0 {
        libm::exp(libm::log(ra) + u * (libm::log(rb) - libm::log(ra)))
    } else {
        // Not a valid curve (factors must be > 0), but stay defined.
        ra + u * (rb - ra)
    }
}

/// Chance that `attempts` attempts, the first at delay `minutes`, reach the lead:
/// 1 − ∏ₖ (1 − first_attempt · r(t) · attempt_decay^(k−1)).
pub fn contact_probability(contact: &Contact, minutes: f64, attempts: u32) -> f64 {
    let x = contact.first_attempt * response_factor(&contact.response_curve, minutes);
    miss_all(x, contact.attempt_decay, attempts)
}

/// 1 − ∏_{k<attempts} (1 − x·decay^k), with x clamped to [0, 1].
fn miss_all(x: f64, decay: f64, attempts: u32) -> f64 {
    let mut reach = x.clamp(0.0, 1.0);
    let mut miss = 1.0;
    for _ in 0..attempts {
        miss *= 1.0 - reach;
        reach *= decay;
    }
    1.0 - miss
}

/// Ten-point Gauss–Legendre nodes on [−1, 1] (positive half).
const GL_NODES: [f64; 5] = [
    0.148_874_338_981_631_22,
    0.433_395_394_129_247_2,
    0.679_409_568_299_024_4,
    0.865_063_366_688_984_5,
    0.973_906_528_517_171_7,
];
/// The matching weights.
const GL_WEIGHTS: [f64; 5] = [
    0.295_524_224_714_752_87,
    0.269_266_719_309_996_36,
    0.219_086_362_515_982_04,
    0.149_451_349_150_580_6,
    0.066_671_344_308_688_14,
];
/// The integral runs over z in [−Z_MAX, Z_MAX]; the normal mass outside is 1.5·10⁻²³.
const Z_MAX: f64 = 10.0;
/// Longest quadrature piece in z.
const PIECE: f64 = 1.0;
/// 1/√(2π).
const INV_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

/// E[P_contact(T, N)] for T log-normal with median `process.median_response_minutes` and
/// σ = ln(`response_spread`) / z₀.₉, N = `process.attempts`: for a process with a typed
/// response time. A process with a capacity ignores those fields; its contact is the mean over
/// its queue's distribution ([`crate::model::staffing::contact_means`]).
///
/// In z = (ln t − ln m)/σ the integrand is φ(z) times a function that is smooth between the
/// curve's points (ln r is linear in z there). The range [−10, 10] is cut at the curve's points
/// and into pieces of length ≤ 1, each integrated with 10-point Gauss–Legendre: relative error
/// below 10⁻¹² in tests against a dense reference (the requirement is 10⁻⁶). Spread 1 means
/// every lead at exactly the median.
pub fn expected_contact(contact: &Contact, process: &Process) -> f64 {
    let m = process.median_response_minutes;
    let sigma = libm::log(process.response_spread) / Z90;
    let n = process.attempts;
    let curve = &contact.response_curve;
    if sigma.is_nan() || sigma <= 0.0 || curve.is_empty() {
        return contact_probability(contact, m, n);
    }
    let ln_m = libm::log(m);
    // Segments in z: (start, end, ln r at z = 0 of the segment's line, slope of ln r in z).
    let z_of = |t: f64| (libm::log(t) - ln_m) / sigma;
    let mut total = 0.0;
    let mut z_lo = -Z_MAX;
    for j in 0..=curve.len() {
        let z_hi = if j < curve.len() {
            z_of(curve[j].0).min(Z_MAX)
        } else {
            Z_MAX
        };
        if z_hi > z_lo {
            // ln r(z) = intercept + slope · z on this segment.
            let (intercept, slope) = if j == 0 {
                (libm::log(curve[0].1), 0.0)
            } else if j == curve.len() {
                (libm::log(curve[j - 1].1), 0.0)
            } else {
                let (ta, ra) = curve[j - 1];
                let (tb, rb) = curve[j];
                let (la, lb) = (libm::log(ta), libm::log(tb));
                let k = (libm::log(rb) - libm::log(ra)) / (lb - la);
                // ln r = ln ra + k (ln m + σ z − ln ta)
                (libm::log(ra) + k * (ln_m - la), k * sigma)
            };
            total += integrate_segment(z_lo, z_hi, |z| {
                let r = libm::exp(intercept + slope * z);
                miss_all(contact.first_attempt * r, contact.attempt_decay, n)
            });
            z_lo = z_hi;
        }
        if z_lo >= Z_MAX {
            break;
        }
    }
    total
}

/// ∫ φ(z) f(z) dz over [a, b], in pieces of length ≤ [`PIECE`].
fn integrate_segment(a: f64, b: f64, f: impl Fn(f64) -> f64) -> f64 {
    let pieces = ((b - a) / PIECE).ceil().max(1.0);
    let h = (b - a) / pieces;
    let mut sum = 0.0;
    let mut k = 0.0;
    while k < pieces {
        let mid = a + (k + 0.5) * h;
        let half = 0.5 * h;
        let mut piece = 0.0;
        for (x, w) in GL_NODES.iter().zip(GL_WEIGHTS) {
            for z in [mid - half * x, mid + half * x] {
                piece += w * libm::exp(-0.5 * z * z) * f(z);
            }
        }
        sum += piece * half;
        k += 1.0;
    }
    sum * INV_SQRT_2PI
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::{CurvePreset, default_scenario};

    #[test]
    fn gauss_legendre_integrates_degree_19_exactly() {
        for k in 0..10 {
            let deg = 2 * k;
            let mut s = 0.0;
            for (x, w) in GL_NODES.iter().zip(GL_WEIGHTS) {
                s += 2.0 * w * x.powi(deg);
            }
            let exact = 2.0 / f64::from(deg + 1);
            assert!((s - exact).abs() < 1e-15, "degree {deg}: {s} vs {exact}");
        }
    }

    #[test]
    fn response_factor_interpolates_in_log_log() {
        let curve = CurvePreset::AutomotiveNl.points();
        assert_eq!(response_factor(&curve, 1.0), 1.0);
        assert_eq!(response_factor(&curve, 5.0), 1.0);
        assert_eq!(response_factor(&curve, 60.0), 0.9);
        assert_eq!(response_factor(&curve, 1e6), 0.3);
        // Geometric midpoint of 60 and 480 → geometric mean of 0.9 and 0.7.
        let mid = response_factor(&curve, (60.0f64 * 480.0).sqrt());
        assert!((mid - (0.9f64 * 0.7).sqrt()).abs() < 1e-15);
        assert_eq!(response_factor(&[], 10.0), 1.0);
        assert_eq!(response_factor(&curve, f64::NAN), 1.0);
    }

    #[test]
    fn attempts_formula() {
        let c = default_scenario().contact;
        // At 5 minutes r = 1: 1 − (1 − 0.6)(1 − 0.42).
        let p = contact_probability(&c, 5.0, 2);
        assert!((p - (1.0 - 0.4 * 0.58)).abs() < 1e-15);
        assert_eq!(contact_probability(&c, 5.0, 0), 0.0);
    }

    #[test]
    fn spread_one_is_deterministic_time() {
        let s = default_scenario();
        let mut p = s.process_now.clone();
        p.response_spread = 1.0;
        assert_eq!(
            expected_contact(&s.contact, &p),
            contact_probability(&s.contact, 480.0, 2)
        );
    }

    /// A dense reference: composite Simpson over z in [−12, 12] with 2.4 million intervals,
    /// through the public point functions (a separate code path from the quadrature).
    fn reference(contact: &Contact, process: &Process) -> f64 {
        let sigma = process.response_spread.ln() / Z90;
        let n = 2_400_000;
        let (a, b) = (-12.0, 12.0);
        let h = (b - a) / n as f64;
        let f = |z: f64| {
            let t = process.median_response_minutes * (sigma * z).exp();
            (-0.5 * z * z).exp() * INV_SQRT_2PI * contact_probability(contact, t, process.attempts)
        };
        let mut s = f(a) + f(b);
        for i in 1..n {
            let w = if i % 2 == 1 { 4.0 } else { 2.0 };
            s += w * f(a + i as f64 * h);
        }
        s * h / 3.0
    }

    #[test]
    fn quadrature_matches_dense_reference_to_1e_6() {
        let s = default_scenario();
        let mut cases = vec![
            (s.contact.clone(), s.process_now.clone()),
            (s.contact.clone(), s.process_target.clone()),
        ];
        for preset in [CurvePreset::Hbr2011, CurvePreset::Mit2007] {
            let mut c = s.contact.clone();
            c.response_curve = preset.points();
            c.first_attempt = 0.05;
            for (median, spread, attempts) in [(7.0, 3.0, 6), (480.0, 100.0, 1), (60.0, 1.001, 20)]
            {
                let p = Process::typed(1.0, median, spread, attempts);
                cases.push((c.clone(), p));
            }
        }
        for (c, p) in cases {
            let got = expected_contact(&c, &p);
            let want = reference(&c, &p);
            let rel = ((got - want) / want).abs();
            assert!(rel < 1e-6, "{p:?}: {got} vs {want} (rel {rel:e})");
        }
    }

    #[test]
    fn faster_and_more_attempts_reach_more() {
        let s = default_scenario();
        let now = expected_contact(&s.contact, &s.process_now);
        let target = expected_contact(&s.contact, &s.process_target);
        assert!(now > 0.0 && now < target && target <= 1.0, "{now} {target}");
    }
}
