//! The crate's one error type. Extraction itself never fails; only reading
//! bytes and loading user data can.

use std::fmt;

/// What can go wrong outside extraction proper.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input bytes are not UTF-8; `offset` is the first bad byte.
    InvalidUtf8 {
        /// Byte offset of the first byte that is not valid UTF-8.
        offset: usize,
    },
    /// A user-supplied unit or dictionary line could not be read.
    BadUserData {
        /// 1-based line number in the user data.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidUtf8 { offset } => write!(f, "input is not valid UTF-8 at byte {offset}"),
            Error::BadUserData { line, reason } => write!(f, "user data line {line}: {reason}"),
        }
    }
}

impl std::error::Error for Error {}
