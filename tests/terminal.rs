//! What kette prints about a site is safe for the terminal: file names and
//! keys with ESC, CR or LF in them are printed escaped (`\e`, `\r`, `\n`), so
//! they can neither recolour nor clear the terminal, nor forge a line of
//! output (issue 20, item 10). Unix only: other systems refuse such names.
#![cfg(unix)]

use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

#[path = "common/server.rs"]
mod server;

use server::{fixture, write, Server, DEADLINE};

/// A file name that clears the screen, returns to the line's start and
/// writes its own lines, if printed raw.
const EVIL_NAME: &str = "2024-06-01-x\x1b[2J\x1b[31m\rFORGED: done\nFORGED: no problems.md";

/// The same, as kette must print it.
const EVIL_NAME_ESCAPED: &str = "2024-06-01-x\\e[2J\\e[31m\\rFORGED: done\\nFORGED: no problems.md";

/// An article whose front matter has a key with ESC (a YAML `\e` escape):
/// an unknown key, so that a problem names both the file and the key.
const EVIL_ARTICLE: &str =
    "---\ntitle: \"Böse\"\n\"\\e[2Jtitel\\rFORGED: key\": x\n---\nText des Artikels.\n";

/// Panics unless `text` has no raw ESC or CR, no line that a file name or
/// key began, and the escaped file name and key.
fn assert_escaped(what: &str, text: &str) {
    assert!(!text.contains('\x1b'), "{what}: a raw ESC in\n{text:?}");
    assert!(!text.contains('\r'), "{what}: a raw CR in\n{text:?}");
    assert!(
        !text.lines().any(|l| l.starts_with("FORGED")),
        "{what}: a forged line in\n{text}"
    );
    assert!(
        text.contains(EVIL_NAME_ESCAPED),
        "{what}: no escaped file name in\n{text}"
    );
    assert!(
        text.contains("\\e[2Jtitel\\rFORGED: key"),
        "{what}: no escaped key in\n{text}"
    );
}

fn kette(args: &[&str], root: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kette"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run kette")
}

#[test]
fn build_and_check_print_file_names_and_keys_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = fixture(dir.path(), "Text");
    write(&root, &format!("content/news/{EVIL_NAME}"), EVIL_ARTICLE);
    for command in ["build", "check"] {
        let output = kette(&[command], &root);
        assert_eq!(output.status.code(), Some(1), "kette {command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_escaped(&format!("kette {command}"), &stderr);
        assert!(
            stderr.contains("unbekannter Schlüssel"),
            "kette {command}: {stderr}"
        );
    }
}

#[test]
fn serve_prints_file_names_and_keys_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = fixture(dir.path(), "Text");
    let server = Server::start(&root);
    write(&root, &format!("content/news/{EVIL_NAME}"), EVIL_ARTICLE);
    // The rebuild's report: its cause (the file) and the problem.
    let started = Instant::now();
    while !server.stderr().contains("1 Problem") {
        assert!(
            started.elapsed() < DEADLINE,
            "no report of the problem; stderr:\n{}",
            server.stderr()
        );
        thread::sleep(Duration::from_millis(100));
    }
    assert_escaped("kette serve", &server.stderr());
}

#[test]
fn a_verbose_build_prints_copied_file_names_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = fixture(dir.path(), "Text");
    write(&root, "static/a\x1b[2Jb\rFORGED\n.txt", "x");
    let output = kette(&["build", "--verbose"], &root);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        !stdout.contains('\x1b') && !stdout.contains('\r'),
        "{stdout:?}"
    );
    assert!(!stdout.lines().any(|l| l.starts_with("FORGED")), "{stdout}");
    assert!(stdout.contains("  a\\e[2Jb\\rFORGED\\n.txt\n"), "{stdout}");
}
