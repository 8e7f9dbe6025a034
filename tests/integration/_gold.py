"""Comparing warehouse rows with the gold answers (tests/gold): names, countries, code families."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "gold"


def read_gold(name: str) -> list[dict[str, str]]:
    with (GOLD / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def norm_name(name: str | None) -> str:
    """Casefolded ASCII letters only: 'Recep Tayyip Erdoğan' == 'recep tayyip erdogan'."""
    if not name:
        return ""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join("".join(c if c.isalnum() else " " for c in ascii_name.casefold()).split())


def family(code: str) -> str:
    """The gold's kinds: call = 041; meeting = 040/042/043/044; otherwise the 3-digit base code."""
    base = code[:3]
    if base == "041":
        return "call"
    if base in {"040", "042", "043", "044"}:
        return "meeting"
    return base
