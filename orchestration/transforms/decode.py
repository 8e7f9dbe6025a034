"""Decode an inbox file's bytes to text (see ``ingest``'s docstring for the order of encodings
tried and the binary test), and reduce HTML to its visible text. Per file, stdlib only.
"""

from __future__ import annotations

import html
import re

from orchestration.transforms.records import Reject

MIN_ARABIC_SHARE = 0.5
MAX_CONTROL_SHARE = 0.05

# File-format signatures (not a linguistic dictionary): bytes a text file never starts with.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet file"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_HTML_SNIFF = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|script|div|p|article)\b", re.I)
_HTML_DROP = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_HTML_BLOCK = re.compile(
    r"<\s*/?\s*(?:p|div|br|h[1-6]|li|ul|ol|tr|td|th|table|article|section|header|footer|title|"
    r"blockquote|figcaption|pre|hr)\b[^>]*>",
    re.I,
)
_HTML_TAG = re.compile(r"<[^>]+>")


def _arabic_letter_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f") / len(letters)


def _binary_kind(data: bytes) -> str | None:
    for magic, label in _MAGIC:
        if data.startswith(magic):
            return label
    return None


def utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    # In UTF-16 one byte column holds the high bytes: 0x00 for ASCII (spaces, digits, newlines) and 0x06
    # for Arabic letters, while the other column has almost no NULs.
    even_06 = sample[0::2].count(6) / len(sample[0::2])
    odd_06 = sample[1::2].count(6) / len(sample[1::2])
    if odd_nul + odd_06 > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul + even_06 > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes -> (text, encoding). Raises Reject for binary or undecodable content."""
    kind = _binary_kind(data)
    if kind:
        raise Reject("binary", f"file is binary ({kind}), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise Reject(
                "undecodable", f"file starts with a UTF-8 BOM but is not valid UTF-8 ({exc.reason})"
            ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise Reject(
                "undecodable", f"file starts with a UTF-16 BOM but is not valid UTF-16 ({exc.reason})"
            ) from None
    utf16 = utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    controls = sum(data.count(b) for b in _CONTROL_BYTES)
    if controls > MAX_CONTROL_SHARE * len(data):
        raise Reject(
            "binary",
            f"file looks binary: {controls / len(data):.0%} of its bytes are control bytes (NUL etc.)",
        )
    # Stray NULs (possibly inside a multi-byte sequence) are dropped before decoding.
    data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lossy = data.decode("utf-8", errors="replace")
    # A few broken sequences in otherwise valid UTF-8 (truncated copy, bad splice): keep UTF-8 rather
    # than misreading the whole file as Windows-1256 mojibake.
    if lossy.count("\ufffd") <= max(2, 0.002 * len(lossy)):
        return lossy.replace("\ufffd", ""), "utf-8-lossy"
    try:
        text = data.decode("cp1256")
        if _arabic_letter_share(text) >= MIN_ARABIC_SHARE:
            return text, "windows-1256"
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    c1 = sum(1 for c in text if "\x80" <= c <= "\x9f")
    if c1 > 0.05 * max(1, len(text.strip())):
        raise Reject("undecodable", "file is neither UTF-8, UTF-16, Windows-1256 nor Latin-1 text")
    return text, "latin-1"


def html_to_text(text: str) -> str:
    """Visible text of an HTML page or fragment (per file, stdlib only)."""
    text = _HTML_DROP.sub(" ", text)
    text = _HTML_BLOCK.sub("\n", text)
    text = _HTML_TAG.sub(" ", text)
    return html.unescape(text)


def looks_html(text: str) -> bool:
    head = text[:5000]
    return bool(_HTML_SNIFF.search(head)) and len(_HTML_TAG.findall(head)) >= 3
