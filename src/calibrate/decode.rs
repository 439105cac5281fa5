//! Text of a lead export: UTF-8 with or without a byte-order mark, else Windows-1252.
//!
//! Also read, beyond MODEL.md: UTF-16 with a byte-order mark (Excel's "Unicode text" export).
//! Windows-1252 is decoded with its own 32-entry table for 0x80–0x9F (the rest of the code page
//! is Latin-1), which costs the page almost nothing; `encoding_rs` measured +168 KB of
//! WebAssembly (+129 KB gzipped) for the same job.

use std::borrow::Cow;

/// How the bytes were decoded (for the report and tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark, if any, removed).
    Utf8,
    /// Windows-1252 (the bytes were not valid UTF-8).
    Windows1252,
    /// UTF-16 with a byte-order mark.
    Utf16,
}

/// Windows-1252 bytes 0x80..=0x9F. The five bytes the code page leaves undefined map to the C1
/// control of the same number, as the WHATWG encoding standard does.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Decodes `bytes`; borrows when they are UTF-8 already.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
            Err(_) => (Cow::Owned(windows_1252(rest)), Encoding::Windows1252),
        };
    }
    if let Some(le) = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some((true, rest)),
        [0xFE, 0xFF, rest @ ..] => Some((false, rest)),
        _ => None,
    } {
        return (Cow::Owned(utf16(le.1, le.0)), Encoding::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
        Err(_) => (Cow::Owned(windows_1252(bytes)), Encoding::Windows1252),
    }
}

/// Windows-1252 to a string.
pub fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

fn utf16(bytes: &[u8], little_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|p| {
        if little_endian {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("é".as_bytes()), (Cow::Borrowed("é"), Encoding::Utf8));
        assert_eq!(
            decode(b"\xEF\xBB\xBFBron"),
            (Cow::Borrowed("Bron"), Encoding::Utf8)
        );
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        let (text, enc) = decode(b"Caf\xe9 \x80 Citro\xebn \x93x\x94");
        assert_eq!(enc, Encoding::Windows1252);
        assert_eq!(text, "Café € Citroën “x”");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Bron\té".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&le).0, "Bron\té");
        assert_eq!(decode(&be).0, "Bron\té");
    }
}
