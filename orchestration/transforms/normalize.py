"""Unicode, digit and space normalization as Polars expressions.

Every expression here works on any string column and is fully vectorized. The body text keeps its
diacritics (entity matching folds them itself); only invisible or presentation-only characters are
touched, so the result is still the text a reader sees.
"""

from __future__ import annotations

import polars as pl

# Exotic spaces that scrapers leave behind (no-break, thin, ideographic ...) -> plain space.
_EXOTIC_SPACES = "[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# Invisible characters: zero-width, BOM, word joiner, soft hyphen, bidi embeddings/isolates, ALM.
_INVISIBLE = "[\u00ad\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069\u061c]"
# C0/C1 controls other than tab/newline/carriage return (stray NUL bytes from broken exports).
_CONTROLS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u0084\u0086-\u009f]"
# Blanks other than the space: tab, vertical tab, form feed and the exotic spaces.
_OTHER_BLANKS = "\t\x0b\x0c" + _EXOTIC_SPACES[1:-1]
_BLANK_RUNS = f"[ {_OTHER_BLANKS}]{{2,}}|[{_OTHER_BLANKS}]"
_LINE_BREAKS = "\r\n|[\r\u0085\u2028\u2029]"
# Both sets are deleted outright, so one pass removes them together.
_DROPPED = _CONTROLS[:-1] + _INVISIBLE[1:]
# NFC can only change a text that holds a character outside these starters (unchanged by NFC,
# combining class 0, never the second half of a canonical composition), or a combining mark that
# is not alone after a starter (two marks in a row may be reordered). Almost every Arabic article
# qualifies through a lone tanween (أيضاً), so this check lets ``nfc`` skip most rows; the ranges are
# verified against ``unicodedata`` in tests/unit/test_normalize.py.
NFC_STABLE_STARTERS = (
    r"\x{0}-\x{24f}\x{600}-\x{60f}\x{61b}-\x{64a}\x{660}-\x{66f}\x{671}-\x{6d5}\x{6dd}-\x{6de}"
    r"\x{6e5}-\x{6e6}\x{6e9}\x{6ee}-\x{6ff}\x{2002}-\x{206f}\x{2190}-\x{21ff}\x{25a0}-\x{25ff}"
    r"\x{fb50}-\x{fdff}\x{fe70}-\x{feff}"
)
NFC_STABLE_MARKS = r"\x{64b}-\x{652}"
NFC_UNSTABLE = rf"[^{NFC_STABLE_STARTERS}{NFC_STABLE_MARKS}]|[{NFC_STABLE_MARKS}]{{2}}"
_TATWEEL = "\u0640"

ARABIC_INDIC_DIGITS = [chr(0x0660 + i) for i in range(10)]
PERSIAN_DIGITS = [chr(0x06F0 + i) for i in range(10)]
ASCII_DIGITS = [str(i) for i in range(10)]


def _col(expr: pl.Expr | str) -> pl.Expr:
    return pl.col(expr) if isinstance(expr, str) else expr


def ascii_digits(expr: pl.Expr | str) -> pl.Expr:
    """Arabic-Indic (٠-٩) and Persian (۰-۹) digits -> ASCII. Length-preserving."""
    return _col(expr).str.replace_many(ARABIC_INDIC_DIGITS + PERSIAN_DIGITS, ASCII_DIGITS + ASCII_DIGITS)


# Any Arabic-Indic or Persian digit: most articles hold none, and testing for one is about half
# the cost of the replacement over every text.
_NON_ASCII_DIGIT = "[\u0660-\u0669\u06f0-\u06f9]"


def ascii_digit_rows(texts: pl.Series) -> pl.Series:
    """``ascii_digits`` run only on the rows that hold such a digit (same result, row order kept)."""
    todo = texts.str.contains(_NON_ASCII_DIGIT).fill_null(False)
    if not todo.any():
        return texts
    fixed = texts.filter(todo).to_frame("t").select(ascii_digits("t"))["t"]
    return texts.scatter(todo.arg_true(), fixed)


def plain_spaces(expr: pl.Expr | str) -> pl.Expr:
    """Exotic spaces -> U+0020. Length-preserving (safe before computing offsets)."""
    return _col(expr).str.replace_all(_EXOTIC_SPACES, " ")


def strip_tatweel(expr: pl.Expr | str) -> pl.Expr:
    """Remove tatweel used as elongation; keep a free-standing run as a single ``ـ``.

    A tatweel attached to a letter (``بـ12``, ``الـ22``, ``سـوريا``) is elongation and goes. A run
    standing between spaces is used as a dash in datelines (``عواصم ـ وكالات``, ``دمشق ـ سانا``)
    and is kept as one character so the dateline stays readable.
    """
    e = _col(expr)
    e = e.str.replace_all(r"([\p{L}\p{M}--\x{0640}])\x{0640}+", "${1}")
    e = e.str.replace_all(r"\x{0640}+([\p{L}\p{M}--\x{0640}])", "${1}")
    return e.str.replace_all(r"\x{0640}+", _TATWEEL)


def nfc(texts: pl.Series) -> pl.Series:
    """``texts.str.normalize("NFC")``, run only on the rows NFC can change (see ``NFC_UNSTABLE``)."""
    todo = texts.str.contains(NFC_UNSTABLE).fill_null(False)
    n = int(todo.sum())
    if n == 0:
        return texts
    if n == texts.len():
        return texts.str.normalize("NFC")
    return texts.scatter(todo.arg_true(), texts.filter(todo).str.normalize("NFC"))


def normalize_text(expr: pl.Expr | str, nfc: bool = True, digits: bool = True) -> pl.Expr:
    """Full normalization for article text (keeps newlines, trims every line).

    NFC; CRLF/CR/NEL/LS/PS -> ``\\n``; control characters dropped; exotic spaces -> space; invisible
    zero-width and bidi characters dropped; tatweel stripped (see :func:`strip_tatweel`); Arabic-Indic
    and Persian digits -> ASCII; runs of spaces/tabs collapsed; each line trimmed; whole text trimmed.
    ``nfc=False`` leaves out the NFC step for a column already passed through :func:`nfc`,
    ``digits=False`` the digit step for one passed through :func:`ascii_digit_rows` (no other step
    reads or makes a digit: tatweel is stripped next to letters, and digits are none).
    """
    e = _col(expr)
    if nfc:
        e = e.str.normalize("NFC")
    e = e.str.replace_all(_LINE_BREAKS, "\n")
    e = e.str.replace_all(_DROPPED, "")
    e = strip_tatweel(e)
    if digits:
        e = ascii_digits(e)
    # Exotic spaces become spaces in the same pass that collapses blanks (neither step above makes
    # or removes a blank): runs of two or more and lone non-space blanks are replaced, a lone space
    # is already right.
    e = e.str.replace_all(_BLANK_RUNS, " ")
    # Spaces are single now, so trimming every line is trimming around each line break.
    e = e.str.replace_all(r" ?\n ?", "\n")
    return e.str.strip_chars()


def content_key(expr: pl.Expr | str) -> pl.Expr:
    """Text used for the article hash: normalized, every whitespace run (newlines too) -> one space.

    The same article saved with other line breaks, blank lines or spacing gets the same key.
    """
    return normalize_text(expr).str.replace_all(r"\s+", " ").str.strip_chars()
