//! Timings for profiling: with the environment variable `KETTE_TIMINGS`
//! set, each phase of a build and the render time of each template are
//! printed to stderr (see docs/performance.md). Without it, nothing is
//! measured.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Whether timings are printed (`KETTE_TIMINGS` is set).
pub(crate) fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("KETTE_TIMINGS").is_some())
}

/// Runs `f`, and prints how long it took when timings are on.
pub(crate) fn timed<T>(phase: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let started = Instant::now();
    let result = f();
    eprintln!("timing: {phase:<12} {:>8.1} ms", millis(started.elapsed()));
    result
}

/// Time spent rendering each template, summed over pages (from several
/// threads), when timings are on.
#[derive(Default)]
pub(crate) struct TemplateTimes {
    times: Mutex<BTreeMap<String, (Duration, usize)>>,
}

impl TemplateTimes {
    /// Renders with `f` and counts the time against `template`.
    pub(crate) fn measure<T>(&self, template: &str, f: impl FnOnce() -> T) -> T {
        if !enabled() {
            return f();
        }
        let started = Instant::now();
        let result = f();
        let took = started.elapsed();
        let mut times = crate::sync::locked(&self.times);
        let entry = times.entry(template.to_string()).or_default();
        entry.0 += took;
        entry.1 += 1;
        result
    }

    /// Prints the times, slowest template first (CPU time of all threads,
    /// so their sum can exceed the wall time of the phase).
    pub(crate) fn print(&self) {
        if !enabled() {
            return;
        }
        let times = crate::sync::locked(&self.times);
        let mut rows: Vec<_> = times.iter().collect();
        rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        for (template, (took, pages)) in rows {
            eprintln!(
                "timing:   {template:<22} {:>8.1} ms  {pages:>6} pages  {:>6.1} µs/page",
                millis(*took),
                took.as_secs_f64() * 1e6 / *pages as f64
            );
        }
    }
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
