"""The package's own exception types (raised by the native module too)."""

from __future__ import annotations

from typing import Optional


class DecodeError(ValueError):
    """Bytes that are not valid text in the encoding they are read in, or a
    binary file (NUL bytes that are not UTF-16).

    Attributes:
        offset: byte offset of the first bad byte (of the first NUL byte for
            a binary file).
        encoding: the encoding the bytes were read in (``UTF-8``,
            ``GB18030``, ``Big5``, ``UTF-16LE``, ``UTF-16BE``), or None for
            a binary file.

    >>> import zhclaims
    >>> try:
    ...     zhclaims.Extractor().extract_bytes(b"\\xe6\\x96\\xb0\\xff", encoding="utf-8")
    ... except zhclaims.DecodeError as e:
    ...     print(e.encoding, e.offset)
    UTF-8 3
    """

    def __init__(self, message: str, encoding: Optional[str], offset: int) -> None:
        super().__init__(message)
        self.encoding = encoding
        self.offset = offset

    def __reduce__(self):  # type: ignore[override]
        return (type(self), (str(self), self.encoding, self.offset))
