//! Turning a file's bytes into text that the parsers can trust: valid UTF-8,
//! no byte-order mark, no NUL bytes or other control characters but tabs and
//! line breaks, `\n` line endings, NFC-normalised names.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::diagnostics::{Diagnostic, Location};
use crate::messages;

/// The text of a source file, or a diagnostic saying why it is not text.
/// Windows line endings are accepted and turned into `\n`.
pub(crate) fn source_text(bytes: Vec<u8>, file: &Path) -> Result<String, Diagnostic> {
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
            let (message, help) = messages::not_utf8();
            return Err(Diagnostic::at(file, at, message).with_help(help));
        }
    };
    if let Some(i) = first_control(text.as_bytes()) {
        let at = Location::of_offset(&text, i);
        return Err(match text.as_bytes()[i] {
            0 => Diagnostic::at(file, at, messages::nul_byte()),
            _ => Diagnostic::at(
                file,
                at,
                messages::file_control_character(text[i..].chars().next().map_or(0, u32::from)),
            )
            .with_help(messages::control_character_help()),
        });
    }
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Ok(text)
    }
}

/// The offset of the first control character (C0, DEL, C1) other than tab
/// and line breaks: they end up raw in pages, break Atom feeds (XML forbids
/// the C0 ones; feed readers take C1 ones for Windows-1252 punctuation) and
/// are not allowed in iCalendar text. Every source goes through here: the
/// bytes are tested in blocks without branches (which the compiler
/// vectorises), and only a block with a suspect byte is looked at closely.
fn first_control(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 64;
    // 0xC2 begins the C1 controls (U+0080–U+009F), but also U+00A0–U+00BF
    // (no-break space, §, °, «): the next byte tells them apart.
    let suspect =
        |b: u8| (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') || b == 0x7F || b == 0xC2;
    let control_at =
        |i: usize| bytes[i] != 0xC2 || bytes.get(i + 1).is_some_and(|&next| next < 0xA0);
    bytes.chunks(BLOCK).enumerate().find_map(|(n, block)| {
        if !block.iter().fold(false, |any, &b| any | suspect(b)) {
            return None;
        }
        (n * BLOCK..n * BLOCK + block.len()).find(|&i| suspect(bytes[i]) && control_at(i))
    })
}

/// A file or folder name in Unicode normal form C, so that names typed on
/// macOS (NFD) and elsewhere (NFC) give the same slug.
pub(crate) fn normalized_name(name: &str) -> String {
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
        for (c, at) in [("\u{7f}", 5), ("\u{85}", 5), ("\u{9f}", 5), ("\u{80}", 5)] {
            let text = format!("a\n§°\u{a0}«{c}\n");
            let err = source_text(text.into_bytes(), Path::new("x")).unwrap_err();
            assert_eq!((err.line, err.column), (2, at), "{c:?}");
        }
        let ok = "a\tb\r\nc\rd §°\u{a0}«»¿ ä\u{2028}\u{2029}";
        let text = source_text(ok.as_bytes().to_vec(), Path::new("x")).unwrap();
        assert_eq!(text, "a\tb\nc\nd §°\u{a0}«»¿ ä\u{2028}\u{2029}");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = source_text(b"ok\nbad \xFF here".to_vec(), Path::new("x")).unwrap_err();
        assert_eq!((err.line, err.column), (2, 5));
    }
}
