"""Proclitic readings of normalized words: the conjunctions و/ف and prepositions ب/ل/ك before a stem.

Split out of ``tokens`` (issue #10): the token table uses ``bare_forms`` for its ``bare`` and
``clitics`` columns, the dictionary matcher joins ``clitic_readings`` on its keys. Both work on the
distinct normalized words only, never on every token.
"""

from __future__ import annotations

import polars as pl

# Proclitic readings of a normalized word, as (regex the word must match, clitic letters,
# letters stripped from the surface, whether the elided alef of ل + ال is restored). Conjunctions
# و/ف, prepositions ب/ل/ك and their combinations; ل + ال is written لل (للرئيس = ل + الرئيس).
_READINGS: tuple[tuple[str, int, int, bool], ...] = (
    (r"^[وفبلك]", 1, 1, False),
    (r"^[وف][بلك]", 2, 2, False),
    (r"^لل", 1, 0, True),
    (r"^[وف]لل", 2, 1, True),
)
CLITIC_READINGS_SCHEMA: dict[str, pl.DataType] = {
    "norm": pl.String(),
    "stem": pl.String(),
    "clitics": pl.String(),
    "strip": pl.Int64(),
}


def clitic_readings(norms: pl.DataFrame) -> pl.DataFrame:
    """Every proclitic reading of each normalized word (``CLITIC_READINGS_SCHEMA``), the word itself
    (no clitic) included. ``strip`` is how many normalized letters precede the surface span that a
    match on ``stem`` reports (for ل + ال the whole word is the surface). Stems shorter than two
    letters are not readings. Which reading is right depends on a lexicon (وزير is not و + زير):
    stages join these on their dictionary keys."""
    t = pl.col("norm")
    frames = [norms.select("norm", stem=t, clitics=pl.lit(""), strip=pl.lit(0, dtype=pl.Int64))]
    for pattern, n_clitic, strip, restore_alef in _READINGS:
        stem = t.str.slice(n_clitic)
        frames.append(
            norms.filter(t.str.contains(pattern)).select(
                "norm",
                stem=pl.lit("ا") + stem if restore_alef else stem,
                clitics=t.str.head(n_clitic),
                strip=pl.lit(strip, dtype=pl.Int64),
            )
        )
    return pl.concat(frames).filter(pl.col("stem").str.len_chars() >= 2)


def bare_forms(norms: pl.DataFrame, known: pl.Series | None = None) -> pl.DataFrame:
    """One reading per normalized word: ``norm, bare, clitics``.

    A proclitic is removed when what remains starts with the article (والرئيس، بالقاهرة، للرئيس) or
    is a ``known`` word (a lexicon's vocabulary); the longest such reading wins. Otherwise the word
    is its own bare form (وزير stays وزير)."""
    readings = clitic_readings(norms).filter(pl.col("clitics") != "")
    ok = pl.col("stem").str.starts_with("ال")
    if known is not None:
        ok = ok | pl.col("stem").is_in(known.implode())
    best = (
        readings.filter(ok)
        .sort(
            "norm",
            pl.col("clitics").str.len_chars(),
            "clitics",
            "stem",
            descending=[False, True, False, False],
        )
        .unique("norm", keep="first", maintain_order=True)
        .select("norm", bare="stem", clitics="clitics")
    )
    return (
        norms.select("norm")
        .join(best, on="norm", how="left")
        .select("norm", bare=pl.coalesce("bare", "norm"), clitics=pl.col("clitics").fill_null(""))
    )
