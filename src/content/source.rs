//! Turning a file's bytes into text that the parsers can trust: valid UTF-8,
//! no byte-order mark, no NUL bytes or other control characters but tabs and
//! line breaks, `\n` line endings, NFC-normalised names.

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
    if let Some(i) = first_control(text.as_bytes()) {
        let at = Location::of_offset(&text, i);
        return Err(match text.as_bytes()[i] {
            0 => Diagnostic::at(file, at, "the file contains a NUL byte; is it a binary file?"),
            c => Diagnostic::at(
                file,
                at,
                format!("the file contains the control character U+{c:04X}; only tabs and line breaks are allowed"),
            )
            .with_help("delete it; editors show it as a box, `^A` or the like, if at all"),
        });
    }
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Ok(text)
    }
}

/// The offset of the first C0 control character other than tab and line
/// breaks: they end up raw in pages, break Atom feeds (XML forbids them) and
/// are not allowed in iCalendar text. Every source goes through here: the
/// bytes are tested in blocks without branches (which the compiler
/// vectorises), and only a block with a hit is searched.
fn first_control(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 64;
    let control = |b: u8| b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r';
    let block = bytes
        .chunks(BLOCK)
        .position(|c| c.iter().fold(false, |any, &b| any | control(b)))?;
    let start = block * BLOCK;
    bytes[start..]
        .iter()
        .position(|&b| control(b))
        .map(|i| start + i)
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
    fn control_characters_are_located() {
        for c in [0x01u8, 0x08, 0x0b, 0x0c, 0x1b, 0x1f] {
            let mut bytes = b"title: x\n".repeat(20);
            bytes.extend_from_slice(b"ab");
            bytes.push(c);
            let err = source_text(bytes, Path::new("x")).unwrap_err();
            assert_eq!((err.line, err.column), (21, 3), "{c}");
            assert!(
                err.message.contains(&format!("U+{c:04X}")),
                "{}",
                err.message
            );
        }
        let err = source_text(b"a\n\0".to_vec(), Path::new("x")).unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        assert!(err.message.contains("NUL"));
        let text = source_text(b"a\tb\r\nc\rd\x7f\xc2\x85".to_vec(), Path::new("x")).unwrap();
        assert_eq!(text, "a\tb\nc\nd\x7f\u{85}");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = source_text(b"ok\nbad \xFF here".to_vec(), Path::new("x")).unwrap_err();
        assert_eq!((err.line, err.column), (2, 5));
    }
}
