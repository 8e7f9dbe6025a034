"""Undated articles: which dates they can have been written on, and holders spanning all of them.

An article without a date (none in its metadata, header or footer) was written on or after the
latest date its text writes (day or month precision, "في 25 يوليو 2021": news reports the past)
and no later than the knowledge base's present. A role phrase naming nobody («الرئيس الإيراني»)
then names a holder only if one person held the office over that whole span: the spell in force on
the floor is still open. Otherwise it stays a country+role actor (``actor:IRNGOV:president``):
naming today's holder would put Pezeshkian into a 2017 article. Without any date in the text the
floor is the start of the knowledge base's window.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from orchestration.transforms.dates import find_dates
from orchestration.transforms.reference import REFERENCE_DIR

# The knowledge base's window (office spells 1990-2026): an article without any date clue is
# anywhere in it.
EARLIEST_PLAUSIBLE = date(1990, 1, 1)
FLOOR_SCHEMA = {"aidx": pl.UInt32(), "floor": pl.Date()}


def kb_present(office_spells: pl.DataFrame) -> date:
    """The latest day the knowledge base knows of (a spell's start or end): a date the text writes
    after it is a plan or a deadline ("حتى عام 2030"), not a bound on when it was written."""
    latest = office_spells.select(pl.max_horizontal(pl.col("start_date").max(), pl.col("end_date").max()))
    value = latest.item()
    return value if value is not None else EARLIEST_PLAUSIBLE


def undated_floors(arts: pl.DataFrame, present: date, reference_dir: Path = REFERENCE_DIR) -> pl.DataFrame:
    """``aidx, floor`` for the articles of ``arts`` (``aidx, body, date``) without a date: the latest
    day- or month-precision date of their text up to ``present``, else ``EARLIEST_PLAUSIBLE``."""
    undated = arts.filter(pl.col("date").is_null()).select("aidx", "body")
    if undated.is_empty():
        return pl.DataFrame(schema=FLOOR_SCHEMA)
    if not (reference_dir / "months.csv").exists():
        # No date lexicons (a bare test knowledge base): no date of the text can be read.
        return undated.select(pl.col("aidx").cast(pl.UInt32), floor=pl.lit(EARLIEST_PLAUSIBLE))
    # Only lines that write a four-digit year can hold a day or month date with its year.
    lines = (
        undated.select("aidx", line=pl.col("body").str.split("\n"))
        .explode("line")
        .filter(pl.col("line").str.contains("[0-9\u0660-\u0669]{4}"))
        .with_row_index("_l")
    )
    found = (
        find_dates(lines, "line", ["aidx", "_l"], reference_dir)
        .filter(
            pl.col("precision").is_in(["day", "month"])
            & pl.col("date").is_not_null()
            & (pl.col("date") <= present)
        )
        .group_by("aidx")
        .agg(floor=pl.col("date").max())
    )
    return (
        undated.select("aidx")
        .join(found, on="aidx", how="left")
        .select(pl.col("aidx").cast(pl.UInt32), pl.col("floor").fill_null(EARLIEST_PLAUSIBLE))
    )


def spans_all_plausible(floor: pl.Expr) -> pl.Expr:
    """A spell (``start_date``, ``end_date``) in force on ``floor`` and still open: its holder held
    the office on every date the article can have."""
    started = pl.col("start_date").is_null() | (pl.col("start_date") <= floor)
    return started & pl.col("end_date").is_null()
