//! cargo-fuzz target `record`: feeds arbitrary bytes to `harness::record`
//! (see `fuzz/harness.rs`); any panic is a bug.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    harness::record(data);
});
