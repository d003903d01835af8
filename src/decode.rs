//! Bytes to text: UTF-8, GB18030 (GBK, GB2312), Big5 and UTF-16, named or
//! detected. Chinese government sites still serve GBK and Big5 pages; every
//! layer (the command-line tool, the Python package) decodes through here,
//! so a document is read the same way everywhere.
//!
//! Spans of the claims of a decoded document refer to its UTF-8 text
//! ([`Decoded::text`]), not to the input bytes.
//!
//! ```
//! use zhclaims::decode::{decode, Encoding};
//! let (gbk, _, _) = encoding_rs::GBK.encode("新增床位1000张");
//! let d = decode(&gbk, Encoding::Auto).unwrap();
//! assert_eq!(d.text, "新增床位1000张");
//! assert_eq!(d.encoding, "GB18030");
//! ```

use std::borrow::Cow;
use std::str::FromStr;

use encoding_rs::DecoderResult;

use crate::error::Error;

/// The encodings a document may be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Encoding {
    /// A byte-order mark, else valid UTF-8, else UTF-16 by its zero bytes,
    /// else GB18030 or Big5 as `chardetng` guesses.
    #[default]
    Auto,
    /// UTF-8 (a leading BOM is skipped).
    Utf8,
    /// GB18030, which also reads GBK and GB2312.
    Gb18030,
    /// Big5 (with the HKSCS extensions of the WHATWG Big5 table).
    Big5,
    /// UTF-16, little-endian unless a byte-order mark says otherwise.
    Utf16,
}

impl FromStr for Encoding {
    type Err = Error;

    /// `auto`, `utf-8`, `gb18030` (also `gbk`, `gb2312`), `big5`, `utf-16`
    /// (also `utf-16le`/`utf-16be`, read by their BOM), case-insensitive.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "gb18030" | "gbk" | "gb2312" => Ok(Encoding::Gb18030),
            "big5" | "big5-hkscs" => Ok(Encoding::Big5),
            "utf-16" | "utf16" | "utf-16le" | "utf-16be" => Ok(Encoding::Utf16),
            _ => Err(Error::UnknownEncoding {
                name: s.to_string(),
            }),
        }
    }
}

/// A decoded document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text (borrowed when the input was UTF-8 already).
    pub text: Cow<'a, str>,
    /// The encoding it was read in: `UTF-8`, `GB18030`, `Big5`,
    /// `UTF-16LE` or `UTF-16BE`.
    pub encoding: &'static str,
}

/// Decodes `bytes` in `encoding` (or the detected one for
/// [`Encoding::Auto`]). Bytes that are not valid in the encoding are an
/// [`Error::Decode`] with the offset of the first bad byte; under `Auto`, a
/// file with NUL bytes that is not UTF-16 is an [`Error::Binary`]. Nothing
/// is ever replaced with U+FFFD silently.
pub fn decode(bytes: &[u8], encoding: Encoding) -> Result<Decoded<'_>, Error> {
    let (enc, skip) = match encoding {
        Encoding::Auto => detect(bytes)?,
        Encoding::Utf8 => (encoding_rs::UTF_8, bom_len(bytes, encoding_rs::UTF_8)),
        Encoding::Gb18030 => (encoding_rs::GB18030, 0),
        Encoding::Big5 => (encoding_rs::BIG5, 0),
        Encoding::Utf16 => match encoding_rs::Encoding::for_bom(bytes) {
            Some((e, n)) if e != encoding_rs::UTF_8 => (e, n),
            _ => (encoding_rs::UTF_16LE, 0),
        },
    };
    let body = &bytes[skip..];
    if enc == encoding_rs::UTF_8 {
        return match std::str::from_utf8(body) {
            Ok(s) => Ok(Decoded {
                text: Cow::Borrowed(s),
                encoding: "UTF-8",
            }),
            Err(e) => Err(Error::Decode {
                encoding: "UTF-8",
                offset: skip + e.valid_up_to(),
            }),
        };
    }
    let text = decode_strict(enc, body).map_err(|at| Error::Decode {
        encoding: name(enc),
        offset: skip + at,
    })?;
    Ok(Decoded {
        text: Cow::Owned(text),
        encoding: name(enc),
    })
}

/// The name reported for an encoding (encoding_rs spells GB18030 in lower case).
fn name(enc: &'static encoding_rs::Encoding) -> &'static str {
    if enc == encoding_rs::GB18030 {
        "GB18030"
    } else {
        enc.name()
    }
}

/// The byte-order mark's length when `bytes` starts with `enc`'s BOM.
fn bom_len(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> usize {
    match encoding_rs::Encoding::for_bom(bytes) {
        Some((e, n)) if e == enc => n,
        _ => 0,
    }
}

/// The encoding of `bytes` and the length of its BOM.
fn detect(bytes: &[u8]) -> Result<(&'static encoding_rs::Encoding, usize), Error> {
    if let Some(found) = encoding_rs::Encoding::for_bom(bytes) {
        return Ok(found);
    }
    if let Some(order) = utf16_by_zeros(bytes).filter(|&e| reads_as_text(e, bytes)) {
        return Ok((order, 0));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary { offset: nul });
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok((encoding_rs::UTF_8, 0));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(None, chardetng::Utf8Detection::Deny);
    // GBK pages are read as GB18030, its superset; Big5 stays Big5. Other
    // guesses (a Japanese or Korean legacy encoding, a Latin code page) are
    // not what Chinese government text is written in: GB18030 reads them
    // strictly and reports the first byte it cannot.
    Ok((
        if guess == encoding_rs::BIG5 {
            encoding_rs::BIG5
        } else {
            encoding_rs::GB18030
        },
        0,
    ))
}

/// UTF-16 without a BOM: at least 8 bytes, even length, and a zero byte in
/// the same half of most code units (CJK text has few, but every ASCII
/// char — digits, spaces, line ends — has one).
fn utf16_by_zeros(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 8 || bytes.len() % 2 != 0 {
        return None;
    }
    let units = bytes.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // A quarter of the units with a zero high byte, none with a zero low byte.
    if odd * 4 >= units && even == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if even * 4 >= units && odd == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Whether `bytes` decode strictly in `enc` to text without control
/// characters other than tab, line feed, form feed and carriage return: a
/// binary file can have the zero bytes of UTF-16 but not its text.
fn reads_as_text(enc: &'static encoding_rs::Encoding, bytes: &[u8]) -> bool {
    decode_strict(enc, bytes).is_ok_and(|text| {
        !text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
    })
}

/// Decodes without replacement; `Err(offset)` of the first malformed byte.
fn decode_strict(enc: &'static encoding_rs::Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut dec = enc.new_decoder_without_bom_handling();
    let cap = dec
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(cap);
    let mut read = 0;
    loop {
        let (res, n) = dec.decode_to_string_without_replacement(&bytes[read..], &mut out, true);
        read += n;
        match res {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::Malformed(bad, after) => {
                return Err(read - usize::from(after) - usize::from(bad));
            }
            // The buffer was sized for the worst case; grow and go on if not.
            DecoderResult::OutputFull => out.reserve(bytes.len() - read + 16),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "為3195戶農村低保戶發放補貼2.5萬元。\n新增床位1000张，增长6.2%。";

    fn utf16(text: &str, big: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if big {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn every_encoding_round_trips() {
        let (gbk, _, bad) = encoding_rs::GB18030.encode(TEXT);
        assert!(!bad);
        let (big5, _, bad) =
            encoding_rs::BIG5.encode("為3195戶農村低保戶發放補貼2.5萬元。增長6.2%");
        assert!(!bad);
        let cases: Vec<(Vec<u8>, Encoding, &str)> = vec![
            (TEXT.as_bytes().to_vec(), Encoding::Auto, "UTF-8"),
            (TEXT.as_bytes().to_vec(), Encoding::Utf8, "UTF-8"),
            (
                [b"\xEF\xBB\xBF", TEXT.as_bytes()].concat(),
                Encoding::Auto,
                "UTF-8",
            ),
            (gbk.to_vec(), Encoding::Auto, "GB18030"),
            (gbk.to_vec(), Encoding::Gb18030, "GB18030"),
            (utf16(TEXT, false), Encoding::Auto, "UTF-16LE"),
            (utf16(TEXT, true), Encoding::Auto, "UTF-16BE"),
            (
                [&[0xFF, 0xFE][..], &utf16(TEXT, false)].concat(),
                Encoding::Utf16,
                "UTF-16LE",
            ),
            (
                [&[0xFE, 0xFF][..], &utf16(TEXT, true)].concat(),
                Encoding::Auto,
                "UTF-16BE",
            ),
            (utf16(TEXT, false), Encoding::Utf16, "UTF-16LE"),
        ];
        for (bytes, enc, name) in cases {
            let d = decode(&bytes, enc).unwrap_or_else(|e| panic!("{enc:?} {name}: {e}"));
            assert_eq!(d.text, TEXT, "{enc:?} {name}");
            assert_eq!(d.encoding, name);
        }
        let d = decode(&big5, Encoding::Auto).unwrap();
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.text, "為3195戶農村低保戶發放補貼2.5萬元。增長6.2%");
        assert_eq!(decode(&big5, Encoding::Big5).unwrap().text, d.text);
    }

    #[test]
    fn bad_bytes_name_their_offset() {
        let e = decode(b"abc\xFFdef", Encoding::Utf8).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Decode {
                    encoding: "UTF-8",
                    offset: 3
                }
            ),
            "{e}"
        );
        // 0x81 0x20 is not a GB18030 sequence.
        let e = decode(b"ab\x81\x20cd", Encoding::Gb18030).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Decode {
                    encoding: "GB18030",
                    offset: 2
                }
            ),
            "{e}"
        );
        let e = decode(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", Encoding::Auto).unwrap_err();
        assert!(matches!(e, Error::Binary { offset: 7 }), "{e}");
        // Zero bytes in one half of the units, but a control char once read
        // as UTF-16: binary, not text.
        let e = decode(b"\x00\x01binary", Encoding::Auto).unwrap_err();
        assert!(matches!(e, Error::Binary { offset: 0 }), "{e}");
        // BOM-less UTF-16 text with line ends still reads.
        let b = utf16("2024年增长5%\r\n", false);
        assert_eq!(decode(&b, Encoding::Auto).unwrap().text, "2024年增长5%\r\n");
        // An odd trailing byte of UTF-16 is malformed, not dropped.
        let mut b = utf16("增长", false);
        b.push(0x41);
        assert!(matches!(
            decode(&b, Encoding::Utf16),
            Err(Error::Decode { offset: 4, .. })
        ));
        assert!(decode(b"", Encoding::Auto).unwrap().text.is_empty());
    }

    #[test]
    fn names_parse() {
        for (name, want) in [
            ("auto", Encoding::Auto),
            ("UTF-8", Encoding::Utf8),
            ("utf8", Encoding::Utf8),
            ("GBK", Encoding::Gb18030),
            ("gb18030", Encoding::Gb18030),
            ("big5", Encoding::Big5),
            ("utf-16", Encoding::Utf16),
        ] {
            assert_eq!(name.parse::<Encoding>().unwrap(), want, "{name}");
        }
        assert!("latin1".parse::<Encoding>().is_err());
    }
}
