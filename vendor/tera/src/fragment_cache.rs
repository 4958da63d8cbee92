//! kette: the output of `{% cache key, … %}` sections, kept while a set of
//! pages is rendered so that a section shown on many pages with the same
//! keys (an article's card in every list) is rendered once.

use std::collections::HashMap;
use std::io::Write;
use std::sync::RwLock;

use serde_json::Value;

use crate::errors::Result;

/// Output of cache sections by section and key values, shared by every
/// render given it (`Tera::render_to_with_cache`), on any number of threads.
///
/// Its scope is up to its owner: output is kept until the cache is dropped,
/// so one cache should serve renders whose data agree on what the keys
/// stand for (one build of a site, say).
#[derive(Default)]
pub struct FragmentCache {
    sections: RwLock<HashMap<Box<str>, Box<[u8]>, rustc_hash::FxBuildHasher>>,
}

impl FragmentCache {
    /// An empty cache.
    pub fn new() -> FragmentCache {
        FragmentCache::default()
    }

    /// How many outputs are kept.
    pub fn len(&self) -> usize {
        self.sections
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .len()
    }

    /// True when nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes the output kept for `key`, if any; false when there is none.
    pub(crate) fn write_kept(&self, key: &str, write: &mut impl Write) -> Result<bool> {
        let sections = self.sections.read().unwrap_or_else(|e| e.into_inner());
        match sections.get(key) {
            Some(output) => {
                write.write_all(output)?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Keeps `output` for `key` (the first output kept for a key stays:
    /// two threads rendering the same section make the same output).
    pub(crate) fn keep(&self, key: &str, output: Vec<u8>) {
        let mut sections = self.sections.write().unwrap_or_else(|e| e.into_inner());
        sections
            .entry(key.into())
            .or_insert_with(|| output.into_boxed_slice());
    }
}

impl std::fmt::Debug for FragmentCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FragmentCache")
            .field("outputs", &self.len())
            .finish()
    }
}

/// Starts the key of a section's output: the section, and whether the page
/// is escaped (the same section renders differently in an `.html` and a
/// `.txt` page).
pub(crate) fn start_key(key: &mut String, section: usize, escaped: bool) {
    key.clear();
    push_decimal(key, section);
    key.push(if escaped { 'e' } else { 'r' });
}

/// Adds a key value, length first, so that no two lists of values make the
/// same key.
pub(crate) fn push_key_value(key: &mut String, value: &Value) {
    match value {
        Value::String(text) => {
            key.push('s');
            push_decimal(key, text.len());
            key.push(':');
            key.push_str(text);
        }
        other => {
            let json = other.to_string();
            key.push('j');
            push_decimal(key, json.len());
            key.push(':');
            key.push_str(&json);
        }
    }
}

/// `n` in decimal digits, without the formatting machinery (which cost more
/// than the rest of a key).
fn push_decimal(key: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[start..] {
        key.push(d as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key_of(section: usize, escaped: bool, values: &[Value]) -> String {
        let mut key = String::new();
        start_key(&mut key, section, escaped);
        for v in values {
            push_key_value(&mut key, v);
        }
        key
    }

    #[test]
    fn keys_differ_where_values_do() {
        let a = key_of(1, true, &[json!("ab"), json!("c")]);
        let b = key_of(1, true, &[json!("a"), json!("bc")]);
        let c = key_of(1, true, &[json!(1)]);
        let d = key_of(1, true, &[json!("1")]);
        let e = key_of(11, true, &[json!("1")]);
        let f = key_of(1, false, &[json!("ab"), json!("c")]);
        let all = [&a, &b, &c, &d, &e, &f];
        for (i, x) in all.iter().enumerate() {
            for y in &all[i + 1..] {
                assert_ne!(x, y);
            }
        }
        assert_eq!(a, key_of(1, true, &[json!("ab"), json!("c")]));
        assert_eq!(
            key_of(1207, false, &[json!("ab"), json!(0)]),
            "1207rs2:abj1:0"
        );
    }

    #[test]
    fn keeps_the_first_output() {
        let cache = FragmentCache::new();
        let mut out = Vec::new();
        assert!(!cache.write_kept("k", &mut out).unwrap());
        cache.keep("k", b"one".to_vec());
        cache.keep("k", b"two".to_vec());
        assert!(cache.write_kept("k", &mut out).unwrap());
        assert_eq!(out, b"one");
        assert_eq!(cache.len(), 1);
    }
}
