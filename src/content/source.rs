//! Turning a file's bytes into text that the parsers can trust: valid UTF-8,
//! no byte-order mark, no NUL bytes, `\n` line endings, NFC-normalised names.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::diagnostics::{Diagnostic, Location};

/// The text of a source file, or a diagnostic saying why it is not text.
/// Windows line endings are accepted and turned into `\n`.
pub fn source_text(bytes: Vec<u8>, file: &Path) -> Result<String, Diagnostic> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let at = Location::of_offset(&prefix, prefix.len());
            return Err(Diagnostic::at(file, at, "the file is not valid UTF-8 text")
                .with_help("save it as UTF-8 in your editor"));
        }
    };
    // Searched with `memchr`'s vector search: every source goes through here.
    if let Some(i) = memchr::memchr(b'\0', text.as_bytes()) {
        return Err(Diagnostic::at(
            file,
            Location::of_offset(&text, i),
            "the file contains a NUL byte; is it a binary file?",
        ));
    }
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Ok(text)
    }
}

/// A file or folder name in Unicode normal form C, so that names typed on
/// macOS (NFD) and elsewhere (NFC) give the same slug.
pub fn normalized_name(name: &str) -> String {
    // ASCII is in every normal form; composing it character by character
    // cost more than reading the file for every article.
    if name.is_ascii() {
        return name.to_string();
    }
    name.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_composed() {
        assert_eq!(normalized_name("Gru\u{308}n-a"), "Grün-a");
        assert_eq!(normalized_name("Grün-a"), "Grün-a");
        assert_eq!(normalized_name("2017-03-08-start"), "2017-03-08-start");
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let text = source_text(b"\xEF\xBB\xBFa\r\nb\r\n".to_vec(), Path::new("x")).unwrap();
        assert_eq!(text, "a\nb\n");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = source_text(b"ok\nbad \xFF here".to_vec(), Path::new("x")).unwrap_err();
        assert_eq!((err.line, err.column), (2, 5));
    }
}
