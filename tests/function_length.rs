//! No function of the library is longer than a reader takes in at once:
//! every `fn` under src/ outside `#[cfg(test)]` modules has at most
//! [`LIMIT`] lines from its `fn` line to its closing brace, unless
//! [`ALLOWED`] names it and a comment above it says why it is one function.
//! Read from the sources with a small lexer that knows strings, characters,
//! lifetimes and comments, so that braces inside them do not count.

#[path = "common/sources.rs"]
mod sources;

/// The most lines a function may have, its signature and braces included.
const LIMIT: usize = 100;

/// Functions over the limit on purpose, as `file:function`; each has a
/// comment above it saying why it is one function.
const ALLOWED: &[&str] = &[
    // Tables: one arm or entry a message, read one at a time.
    "src/messages/import.rs:by_hand",
    "src/messages/samples.rs:samples",
];

/// One function found in a source file.
#[derive(Debug)]
struct Function {
    name: String,
    /// Line of the `fn` keyword, from 1.
    line: usize,
    /// Lines from the `fn` line to the closing brace, both included.
    lines: usize,
    /// Whether a comment or doc comment ends on the line above the item
    /// (attributes between them allowed).
    commented: bool,
}

/// The source with every comment, string and character literal replaced
/// by spaces, newlines kept, so that positions and lines stay as they were.
fn code_only(source: &str) -> Vec<u8> {
    let bytes = source.as_bytes();
    let mut out = bytes.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut out[from..to] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"//") {
            let end = rest
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |p| i + p);
            blank(&mut out, i, end);
            i = end;
        } else if rest.starts_with(b"/*") {
            let mut depth = 0;
            let mut j = i;
            while j < bytes.len() {
                if bytes[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if bytes[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if let Some(end) = raw_string_end(bytes, i) {
            blank(&mut out, i, end);
            i = end;
        } else if bytes[i] == b'"' && !ident_before(bytes, i) {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i, j + 1);
            i = j + 1;
        } else if bytes[i] == b'"' {
            // `b"…"`: the prefix is an identifier character.
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i, j + 1);
            i = j + 1;
        } else if bytes[i] == b'\'' {
            // A character literal ('x', '\n', '\u{..}', '{') or a lifetime.
            if rest.get(1) == Some(&b'\\') {
                let end = rest[2..]
                    .iter()
                    .position(|&b| b == b'\'')
                    .map_or(bytes.len(), |p| i + 2 + p + 1);
                blank(&mut out, i, end);
                i = end;
            } else if let Some(len) = std::str::from_utf8(&rest[1..rest.len().min(6)])
                .ok()
                .or_else(|| std::str::from_utf8(&rest[1..]).ok())
                .and_then(|s| s.chars().next())
                .map(char::len_utf8)
                .filter(|&len| rest.get(1 + len) == Some(&b'\''))
            {
                blank(&mut out, i, i + len + 2);
                i += len + 2;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Whether the byte before `at` is part of an identifier (a string prefix
/// such as `b"`).
fn ident_before(bytes: &[u8], at: usize) -> bool {
    at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_')
}

/// The end of a raw string (`r"…"`, `r#"…"#`, `br#"…"#`) starting at `at`.
fn raw_string_end(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes[at] != b'r' || (at > 0 && bytes[at - 1] != b'b' && ident_before(bytes, at)) {
        return None;
    }
    let mut j = at + 1;
    let mut hashes = 0;
    while bytes.get(j) == Some(&b'#') {
        hashes += 1;
        j += 1;
    }
    if bytes.get(j) != Some(&b'"') {
        return None;
    }
    let mut close = vec![b'"'];
    close.extend(std::iter::repeat_n(b'#', hashes));
    let body = j + 1;
    let end = bytes[body..]
        .windows(close.len())
        .position(|w| w == close.as_slice())
        .map_or(bytes.len(), |p| body + p + close.len());
    Some(end)
}

/// The line (from 1) of byte position `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + bytes[..at].iter().filter(|&&b| b == b'\n').count()
}

/// The position just after the brace that closes the one at `open`.
fn closing(code: &[u8], open: usize) -> usize {
    let mut depth = 0;
    for (i, &b) in code.iter().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// Whether a comment ends right above line `line` (from 1), skipping
/// attribute lines and the item's qualifiers on lines of their own.
fn commented_above(source: &str, line: usize) -> bool {
    let lines: Vec<&str> = source.lines().collect();
    let mut at = line - 1; // index of the `fn` line
    while at > 0 {
        at -= 1;
        let text = lines[at].trim();
        if text.starts_with("#[") || text.ends_with(")]") || text.ends_with(']') {
            continue;
        }
        return text.starts_with("//");
    }
    false
}

/// Every function with a body in `source`, outside `#[cfg(test)]` items.
fn functions(source: &str) -> Vec<Function> {
    let code = code_only(source);
    let text = String::from_utf8_lossy(&code).into_owned();
    // Spans of `#[cfg(test)]` items, left out.
    let mut skipped: Vec<(usize, usize)> = Vec::new();
    for (at, _) in text.match_indices("#[cfg(test)]") {
        let next_brace = code[at..].iter().position(|&b| b == b'{').map(|p| at + p);
        let next_semi = code[at..].iter().position(|&b| b == b';').map(|p| at + p);
        match (next_brace, next_semi) {
            (Some(open), Some(semi)) if semi < open => skipped.push((at, semi)),
            (Some(open), _) => skipped.push((at, closing(&code, open))),
            _ => {}
        }
    }
    let mut found = Vec::new();
    for (at, _) in text.match_indices("fn ") {
        if ident_before(&code, at) || skipped.iter().any(|&(a, b)| at >= a && at < b) {
            continue;
        }
        let name: String = text[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue; // `fn(…)` pointer types
        }
        // The body opens at the first `{` outside parentheses and brackets;
        // a `;` there first means a declaration without a body.
        let mut depth = 0i32;
        let mut open = None;
        for (i, &b) in code.iter().enumerate().skip(at) {
            match b {
                b'(' | b'[' | b'<' => depth += 1,
                b')' | b']' => depth -= 1,
                b'>' if code[i - 1] != b'-' && code[i - 1] != b'=' => depth -= 1,
                b';' if depth <= 0 => break,
                b'{' if depth <= 0 => {
                    open = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(open) = open else { continue };
        let end = closing(&code, open);
        let line = line_of(&code, at);
        found.push(Function {
            name,
            line,
            lines: line_of(&code, end.saturating_sub(1)) - line + 1,
            commented: commented_above(source, line),
        });
    }
    found
}

/// Every `.rs` file under src/, as (path from the repository root, text).
fn sources() -> Vec<(String, String)> {
    sources::rust_files()
        .into_iter()
        .map(|(path, text)| {
            let path = format!("src/{}", path.to_string_lossy().replace('\\', "/"));
            (path, text)
        })
        .collect()
}

#[test]
fn no_function_is_over_the_limit_without_a_reason() {
    let mut problems = Vec::new();
    let mut seen_allowed = Vec::new();
    for (path, source) in sources() {
        for f in functions(&source) {
            if f.lines <= LIMIT {
                continue;
            }
            let key = format!("{path}:{}", f.name);
            if ALLOWED.contains(&key.as_str()) {
                seen_allowed.push(key.clone());
                if !f.commented {
                    problems.push(format!(
                        "{path}:{} `{}` ({} lines) is allowed but has no comment saying why",
                        f.line, f.name, f.lines
                    ));
                }
            } else {
                problems.push(format!(
                    "{path}:{} `{}` has {} lines (limit {LIMIT}): split it into named steps, \
                     or comment why it is one function and add it to ALLOWED",
                    f.line, f.name, f.lines
                ));
            }
        }
    }
    for allowed in ALLOWED {
        if !seen_allowed.iter().any(|s| s == allowed) {
            problems.push(format!(
                "{allowed} is in ALLOWED but no longer over the limit (or gone): remove it"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// The measure itself, on small made-up sources.

#[test]
fn braces_in_strings_characters_and_comments_do_not_count() {
    let source = "fn a() {\n    let s = \"}}\";\n    let c = '}';\n    // }\n    /* } */\n    let r = r#\"}\"#;\n    let l: &'static str = s;\n}\nfn b() {}\n";
    let found = functions(source);
    let names: Vec<(&str, usize)> = found.iter().map(|f| (f.name.as_str(), f.lines)).collect();
    assert_eq!(names, [("a", 8), ("b", 1)]);
}

#[test]
fn test_modules_declarations_and_pointer_types_are_left_out() {
    let source = "/// Why.\n#[must_use]\nfn kept(f: fn(u8) -> u8) -> impl Fn() -> u8 { move || f(1) }\ntrait T { fn declared(&self); }\n#[cfg(test)]\nmod tests {\n    fn hidden() {}\n}\n";
    let found = functions(source);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].name, "kept");
    assert!(found[0].commented);
}
