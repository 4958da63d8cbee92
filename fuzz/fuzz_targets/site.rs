//! cargo-fuzz target `site`: feeds arbitrary bytes to `harness::site_render`
//! (see `fuzz/harness.rs`); any panic is a bug.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    harness::site_render(data);
});
