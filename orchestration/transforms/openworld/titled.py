"""A known person's mention starts at the name, not at the title the alias spelled with it.

Knowledge-base aliases hold titled forms (الرئيس بشار الأسد، الملك محمد السادس، الشيخ محمد بن راشد
آل مكتوم) so that the matcher finds the person from them. The title is the person's role, not their
name: a name mention (ANERcorp's convention, and what a reader marks) is بشار الأسد. The match stays
the same entity with the same code; only its start moves past the title word (and a proclitic
conjunction on it: والرئيس).
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.text import normalize_expr

# The mention methods of knowledge-base name matches.
NAME_METHODS: tuple[str, ...] = ("exact", "alias", "fuzzy")


def trim_titles(mentions: pl.DataFrame, titles: pl.Series) -> pl.DataFrame:
    """``mentions`` (``cs, ce, surf, entity_type, method``, any other columns kept) with a person
    name match's leading title word cut off, when at least two words remain (الملك عبدالله stays
    whole: one word would be a bare given name)."""
    if mentions.is_empty():
        return mentions
    c = pl.col
    first = c("surf").str.extract(r"^(\S+)\s+\S+\s+\S", 1)
    norm = normalize_expr(first)
    is_title = norm.is_in(titles.implode()) | (
        norm.str.contains(r"^[وف]..") & norm.str.slice(1).is_in(titles.implode())
    )
    cut = (
        pl.when(
            (c("entity_type") == "PERSON") & c("method").is_in(list(NAME_METHODS)) & is_title.fill_null(False)
        )
        .then(c("surf").str.extract(r"^(\S+\s+)", 1).str.len_chars())
        .otherwise(0)
    )
    return (
        mentions.with_columns(_cut=cut)
        .with_columns(cs=c("cs") + c("_cut"), surf=c("surf").str.slice(c("_cut")))
        .drop("_cut")
    )
