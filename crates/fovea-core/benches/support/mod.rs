//! Timing helpers shared by the benchmarks: warm up, time each call, report percentiles in milliseconds.

use std::time::{Duration, Instant};

/// Runs `f` on the first inputs to warm the page and statement caches, then times it once per input.
pub fn measure<T>(inputs: &[T], mut f: impl FnMut(&T)) -> Vec<Duration> {
    for q in inputs.iter().take(50) {
        f(q);
    }
    inputs
        .iter()
        .map(|q| {
            let t = Instant::now();
            f(q);
            t.elapsed()
        })
        .collect()
}

/// Times `f` once per input with no warm-up: for work that cannot be repeated on the same input (issuing a draft).
#[allow(dead_code)]
pub fn time_each<T>(inputs: &[T], mut f: impl FnMut(&T)) -> Vec<Duration> {
    inputs
        .iter()
        .map(|q| {
            let t = Instant::now();
            f(q);
            t.elapsed()
        })
        .collect()
}

/// p50, p95 and p99 in milliseconds.
pub fn percentiles(mut d: Vec<Duration>) -> [f64; 3] {
    d.sort();
    let at = |p: f64| d[((d.len() as f64 * p) as usize).min(d.len() - 1)].as_secs_f64() * 1000.0;
    [at(0.50), at(0.95), at(0.99)]
}

pub fn print_header(label: &str) {
    println!(
        "{label:<34} {:>8} {:>8} {:>8}   {:>8} {:>8} {:>8}  {:>6}",
        "p50", "p95", "p99", "raw p50", "raw p95", "raw p99", "ratio"
    );
}

/// One line: the service's percentiles beside the raw query's, and the ratio of the p95s.
pub fn print_row(label: &str, service: [f64; 3], raw: [f64; 3]) {
    let (s, r) = (service, raw);
    println!(
        "{label:<34} {:>8.3} {:>8.3} {:>8.3}   {:>8.3} {:>8.3} {:>8.3}  {:>5.2}x",
        s[0],
        s[1],
        s[2],
        r[0],
        r[1],
        r[2],
        s[1] / r[1].max(1e-9)
    );
}
