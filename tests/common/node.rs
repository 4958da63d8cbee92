//! The theme's `search.js` under Node.js, for tests that check it agrees
//! with kette's Rust side: a harness script gets search.js's path and
//! further arguments, reads JSON on stdin and writes JSON on stdout.

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `harness` (JavaScript, given search.js's path as `process.argv[1]`
/// and `args` after it) with `input` as JSON on stdin, and reads its JSON
/// answer. `None` when Node.js cannot run (said on stderr; a failure with
/// CI=true); `what` names the check in that message.
pub fn search_js<T: serde::de::DeserializeOwned>(
    harness: &str,
    args: &[&str],
    input: &impl serde::Serialize,
    what: &str,
) -> Option<T> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js");
    let mut child = match Command::new("node")
        .arg("-e")
        .arg(harness)
        .arg(&script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true, but node cannot run: {e}"
            );
            eprintln!("skipped: {what} needs Node.js ({e})");
            return None;
        }
    };
    let input = serde_json::to_vec(input).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "node failed");
    Some(serde_json::from_slice(&output.stdout).unwrap())
}
