"""A nisba right after a name particle is part of a proper name, not a nationality adjective.

``مطار أم التونسي``, ``أبو المصري``: after أم/أبو/ابن/بن/بنت/آل the nisba completes a kunya or a
lineage name (of a person, or of a place or facility named after one). It says nothing about the
country of anything, so it is no country mention and gives no country to a role or a name.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from orchestration.transforms.entities.matching import words_at
from orchestration.transforms.text import GAP_SPACE, gap_class, normalize_text


def drop_name_nisbas(matches: pl.DataFrame, words: pl.DataFrame, particles: Sequence[str]) -> pl.DataFrame:
    """``matches`` (``kind``, ``aidx``, ``w0``) less nisbas whose previous word, glued by spaces
    only, is a name particle (``particles``: the matcher's ``roles.NAME_PARTICLES``)."""
    nisbas = matches.with_row_index("_mid").filter((pl.col("kind") == "nisba") & (pl.col("w0") > 0))
    if nisbas.is_empty():
        return matches
    forms = pl.Series([normalize_text(p) for p in particles]).implode()
    prev = words_at(words, nisbas.select("_mid", "aidx", pw=pl.col("w0") - 1), "pw", {"norm": "ptok"})
    gaps = words_at(words, nisbas.select("_mid", "aidx", "w0"), "w0", {"gap": "g"})
    prev = prev.join(gaps.select("_mid", "g"), on="_mid")
    named = prev.filter(pl.col("ptok").is_in(forms) & (gap_class(pl.col("g")) == GAP_SPACE))["_mid"]
    return matches.with_row_index("_mid").filter(~pl.col("_mid").is_in(named.implode())).drop("_mid")
