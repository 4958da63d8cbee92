//! cargo-fuzz target `front_matter`: feeds arbitrary bytes to `harness::front_matter`
//! (see `fuzz/harness.rs`); any panic is a bug.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    harness::front_matter(data);
});
