//! Rendering latency of a spectacle prescription (target: p95 ≤ 50 ms).
//! Run with `cargo bench --bench render` (an optimised build).

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use fovea_print::{Paper, spectacle_rx, table};

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

fn measure(name: &str, runs: usize, mut render: impl FnMut() -> usize) {
    // The first call parses the embedded fonts once per process; report it separately.
    let start = Instant::now();
    let bytes = render();
    let first = start.elapsed();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(render());
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "{name}: {runs} runs, {bytes} bytes; first (font parse) {:.1} ms; p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        first.as_secs_f64() * 1000.0,
        percentile(&times, 50.0),
        percentile(&times, 95.0),
        percentile(&times, 99.0),
        percentile(&times, 100.0),
    );
}

fn main() {
    let rx = common::rx(Paper::A4);
    measure("spectacle_rx A4", 200, || {
        spectacle_rx(&rx).map(|pdf| pdf.len()).unwrap_or(0)
    });
    let list = common::reminder_list(120);
    measure("table 120 rows", 50, || {
        table(&list).map(|pdf| pdf.len()).unwrap_or(0)
    });
}
