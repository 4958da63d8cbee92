//! Fuzz regressions (issue 9): replays every file in `tests/fuzz_regressions/`
//! (crashing inputs the fuzzers found, plus seeds of nasty YAML and binary
//! junk) through the three fuzzed paths of `fuzz/harness.rs`, and runs a
//! small deterministic, libFuzzer-free mutation fuzzer over the same paths so
//! that `cargo test` keeps the guarantee without nightly Rust: no input may
//! make front matter splitting, record loading or rendering panic.

use std::path::PathBuf;
use std::time::{Duration, Instant};

#[path = "../fuzz/harness.rs"]
mod harness;

/// The stored inputs, sorted by name.
fn inputs() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fuzz_regressions exists")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).expect("read input");
            (path, bytes)
        })
        .collect()
}

#[test]
fn stored_inputs_do_not_panic_on_any_path() {
    let inputs = inputs();
    assert!(inputs.len() >= 3, "seed inputs are missing");
    for (path, bytes) in &inputs {
        eprintln!("replaying {}", path.display());
        harness::front_matter(bytes);
        harness::record(bytes);
        harness::site_render(bytes);
    }
}

/// xorshift64*: deterministic, so a failure is reproducible from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Fragments that steer mutations towards the interesting parts of the
/// grammar: fences, YAML syntax, keys the records know, odd bytes.
const TOKENS: &[&[u8]] = &[
    b"---\n",
    b"---",
    b"\r\n",
    b"\n",
    b"\xEF\xBB\xBF",
    b"\x00",
    b"\xFF",
    b"\xC0\xAF",
    b"title: ",
    b"date: ",
    b"name: ",
    b"kind: ",
    b"joined: ",
    b"municipalities: ",
    b"topics: ",
    b"draft: true",
    b"aliases: [../x]",
    b"slug: ../../etc",
    b"&a ",
    b"*a",
    b"!!binary ",
    b"!!str ",
    b"? ",
    b": ",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\"",
    b"'",
    b"|\n",
    b">-\n",
    b"#",
    b"%YAML 1.2\n",
    b"2024-02-30",
    b"9999-12-31T25:61:00",
    b"-1e400",
    b"0x",
    b"~",
    b"<<: *a\n",
    b"\t",
    b"    ",
    b"\xE2\x80\xAE",
    b"<script>",
    b"{{ x }}",
    b"{% raw %}",
    b"[link](javascript:x)",
    b"```\n",
    b"![](../../x.jpg)",
];

/// One mutated input: a stored input or token soup, edited a few times.
fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = if seeds.is_empty() || rng.below(4) == 0 {
        Vec::new()
    } else {
        seeds[rng.below(seeds.len())].clone()
    };
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(data.len() + 1);
        match rng.below(5) {
            0 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            1 if at < data.len() => data[at] = rng.next() as u8,
            2 if at < data.len() => {
                let end = (at + 1 + rng.below(16)).min(data.len());
                data.drain(at..end);
            }
            3 if !data.is_empty() => {
                let start = rng.below(data.len());
                let end = (start + 1 + rng.below(32)).min(data.len());
                let piece = data[start..end].to_vec();
                data.splice(at..at, piece);
            }
            _ => data.insert(at, rng.next() as u8),
        }
    }
    data.truncate(4096);
    data
}

/// Many generated inputs, bounded by count and by time: the pure front
/// matter path gets most, the file-backed paths (a temporary site each)
/// fewer.
#[test]
fn generated_inputs_do_not_panic() {
    let seeds: Vec<Vec<u8>> = inputs().into_iter().map(|(_, bytes)| bytes).collect();
    let mut rng = Rng(0x6b65_7474_6539);
    let started = Instant::now();
    let budget = Duration::from_secs(4);
    let mut cases = 0;
    for i in 0..20_000 {
        if started.elapsed() > budget {
            break;
        }
        let data = mutate(&mut rng, &seeds);
        harness::front_matter(&data);
        if i % 50 == 0 {
            harness::record(&data);
        }
        if i % 200 == 0 {
            harness::site_render(&data);
        }
        cases += 1;
    }
    eprintln!("{cases} generated cases in {:?}", started.elapsed());
    assert!(cases >= 100, "too few cases ran: {cases}");
}
