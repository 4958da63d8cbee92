//! Faults a test can ask for, to reproduce what is otherwise hard to reach:
//! a build stopped between two renames, a file system without an atomic
//! exchange, a full disk. They are read from the environment variable
//! [`VARIABLE`] once per process (tests set it on the `kette` they start),
//! e.g. `KETTE_FAULT=no-exchange,stop-after-first-rename` or
//! `KETTE_FAULT=disk-full-after=20`. Not for users.

use std::sync::OnceLock;

/// The environment variable naming the faults, comma-separated.
pub(crate) const VARIABLE: &str = "KETTE_FAULT";

/// Swap with two renames, as on systems without an atomic exchange.
pub(crate) const NO_EXCHANGE: &str = "no-exchange";
/// End the process right after the output was moved aside, as a kill would.
pub(crate) const STOP_AFTER_FIRST_RENAME: &str = "stop-after-first-rename";
/// End the process after the swap, before the old output is removed.
pub(crate) const STOP_AFTER_SWAP: &str = "stop-after-swap";
/// `disk-full-after=N`: writing fails as on a full disk after N files.
pub(crate) const DISK_FULL_AFTER: &str = "disk-full-after=";

fn faults() -> &'static [String] {
    static FAULTS: OnceLock<Vec<String>> = OnceLock::new();
    FAULTS.get_or_init(|| {
        std::env::var(VARIABLE)
            .map(|v| v.split(',').map(|s| s.trim().to_string()).collect())
            .unwrap_or_default()
    })
}

/// True when the fault `name` was asked for.
pub(crate) fn active(name: &str) -> bool {
    faults().iter().any(|f| f == name)
}

/// Ends the process at once, without cleaning up, when `name` was asked for.
pub(crate) fn stop_if(name: &str) {
    if active(name) {
        std::process::exit(137);
    }
}

/// After how many files the disk is to be full, if asked.
pub(crate) fn disk_full_after() -> Option<usize> {
    faults()
        .iter()
        .find_map(|f| f.strip_prefix(DISK_FULL_AFTER)?.parse().ok())
}
