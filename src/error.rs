//! The crate's one error type. Extraction itself never fails; only reading
//! bytes, loading user data and scoring against gold files can.

use std::fmt;
use std::path::PathBuf;

/// What can go wrong outside extraction proper: invalid input bytes, bad
/// user data, and files the evaluation ([`crate::eval`]) cannot score
/// (wherever the reference `score.py` stops with an error, so does it).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The input bytes are not UTF-8; `offset` is the first bad byte.
    InvalidUtf8 {
        /// Byte offset of the first byte that is not valid UTF-8.
        offset: usize,
    },
    /// The input bytes are not valid in the encoding they are read in.
    Decode {
        /// The encoding (`UTF-8`, `GB18030`, `Big5`, `UTF-16LE`, `UTF-16BE`).
        encoding: &'static str,
        /// Byte offset of the first byte that is not valid.
        offset: usize,
    },
    /// The input holds NUL bytes and is not UTF-16: a binary file.
    Binary {
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// An encoding name that is not one of `auto`, `utf-8`, `gb18030`,
    /// `big5`, `utf-16`.
    UnknownEncoding {
        /// The name given.
        name: String,
    },
    /// A user-supplied unit or dictionary line could not be read.
    BadUserData {
        /// 1-based line number in the user data.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// A file or directory could not be read.
    Io {
        /// The path being read.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file is not valid UTF-8.
    NotUtf8 {
        /// The file.
        path: PathBuf,
    },
    /// A line of a JSON Lines file is not valid JSON.
    BadJson {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The parser's message.
        message: String,
    },
    /// A line parsed as JSON but is not a well-formed gold claim or
    /// prediction (not an object, a required field missing or mistyped,
    /// offsets that are not integers).
    BadRecord {
        /// Where the record comes from (a file path, or a document name).
        source: String,
        /// 1-based line number (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A gold claim's `context` does not occur in the document.
    ContextNotFound {
        /// Document name.
        document: String,
        /// The missing context.
        context: String,
    },
    /// A gold claim's `context` occurs more than once in the document.
    ContextNotUnique {
        /// Document name.
        document: String,
        /// The ambiguous context.
        context: String,
    },
    /// A gold claim's `text` does not occur inside its `context`.
    TextNotInContext {
        /// Document name.
        document: String,
        /// The claim's surface text.
        text: String,
        /// Its context.
        context: String,
    },
    /// A prediction's byte offset is past the end of the document or not on
    /// a character boundary.
    BadOffset {
        /// Document name.
        document: String,
        /// 0-based index of the prediction in its file.
        index: usize,
        /// The offending byte offset.
        offset: usize,
    },
    /// A field has a value the reference scorer cannot compare (for example a
    /// subject that is a number, or a gold value that is not a number).
    BadField {
        /// Document name.
        document: String,
        /// Field name.
        field: &'static str,
        /// The value, as JSON.
        value: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidUtf8 { offset } => write!(f, "input is not valid UTF-8 at byte {offset}"),
            Error::Decode { encoding, offset } => {
                write!(f, "input is not valid {encoding} at byte {offset}")
            }
            Error::Binary { offset } => {
                write!(f, "binary file (NUL byte at {offset}), not text")
            }
            Error::UnknownEncoding { name } => write!(
                f,
                "unknown encoding {name:?} (expected auto, utf-8, gb18030, big5 or utf-16)"
            ),
            Error::BadUserData { line, reason } => write!(f, "user data line {line}: {reason}"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::NotUtf8 { path } => write!(f, "{}: not valid UTF-8", path.display()),
            Error::BadJson {
                path,
                line,
                message,
            } => {
                write!(f, "{}:{line}: bad JSON: {message}", path.display())
            }
            Error::BadRecord {
                source,
                line,
                message,
            } => {
                write!(f, "{source}:{line}: {message}")
            }
            Error::ContextNotFound { document, context } => {
                write!(f, "{document}: context not found: {context:?}")
            }
            Error::ContextNotUnique { document, context } => {
                write!(f, "{document}: context not unique: {context:?}")
            }
            Error::TextNotInContext {
                document,
                text,
                context,
            } => {
                write!(
                    f,
                    "{document}: text {text:?} not inside context {context:?}"
                )
            }
            Error::BadOffset {
                document,
                index,
                offset,
            } => write!(
                f,
                "{document}: prediction {index} without valid byte offsets: \
                 {offset} is not a character boundary of the text"
            ),
            Error::BadField {
                document,
                field,
                value,
            } => {
                write!(f, "{document}: cannot compare field {field} = {value}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
