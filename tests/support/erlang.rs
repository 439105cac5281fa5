//! Erlang C, the textbook M/M/c formula the staffing tests check the queue against.

/// Erlang C: P(wait > 0) for `c` servers and offered load `a` (erlangs, `a < c`).
pub fn erlang_c(c: u32, a: f64) -> f64 {
    let mut term = 1.0;
    let mut sum = 0.0;
    for k in 0..c {
        if k > 0 {
            term *= a / f64::from(k);
        }
        sum += term;
    }
    let top = term * a / f64::from(c) * f64::from(c) / (f64::from(c) - a);
    top / (sum + top)
}
