"""Typo tolerance: one-edit corrections of text words to dictionary words (symmetric deletes)."""

from __future__ import annotations

import polars as pl

# Typo tolerance only for dictionary words this long (without the article): short names sit one edit
# away from ordinary words.
FUZZY_MIN_LEN = 6
# A proclitic (و ف ب ك) then the article, or لل: the start of a definite noun, not of a name.
_CLITIC_ARTICLE = r"^(?:[وفبك]ال|لل)"


def _deletes(words: pl.DataFrame, col: str) -> pl.DataFrame:
    """The word itself (``pos`` -1) and every one-letter deletion of it (``pos`` = deleted index)."""
    s = pl.col(col)
    dels = (
        words.select(col, pos=pl.int_ranges(s.str.len_chars()))
        .explode("pos")
        .with_columns(pl.col("pos").cast(pl.Int64))
        .with_columns(dkey=s.str.head(pl.col("pos")) + s.str.slice(pl.col("pos") + 1))
    )
    return pl.concat([words.select(col, pos=pl.lit(-1, dtype=pl.Int64), dkey=s), dels])


def _one_edit() -> pl.Expr:
    """On symmetric-delete pairs: the deletions are one insertion, deletion, substitution (same
    position) or adjacent transposition (neighbouring positions deleting the same letter: ab/ba;
    الزعيمين/العثيمين also meet at neighbouring positions but are two substitutions apart)."""
    p, t = pl.col("pos"), pl.col("pos_t")
    same_letter = pl.col("query").str.slice(p, 1) == pl.col("target").str.slice(t, 1)
    return (
        ((p == -1) & (t >= 0))
        | ((p >= 0) & (t == -1))
        | ((p >= 0) & (p == t))
        | ((p >= 0) & (t >= 0) & ((p - t).abs() == 1) & same_letter)
        | ((p == -1) & (t == -1))
    )


def within_one_edit(queries: pl.Series, targets: pl.Series) -> pl.DataFrame:
    """``query, target`` pairs at most one insertion, deletion, substitution or adjacent
    transposition apart (equal ones included), by the symmetric-delete join."""
    qry = pl.DataFrame({"query": queries}).drop_nulls().unique()
    tgt = pl.DataFrame({"target": targets}).drop_nulls().unique()
    pairs = _deletes(qry, "query").join(_deletes(tgt, "target"), on="dkey", suffix="_t")
    return pairs.filter(_one_edit()).select("query", "target").unique()


def fuzzy_corrections(queries: pl.Series, targets: pl.Series, min_len: int = FUZZY_MIN_LEN) -> pl.DataFrame:
    """Map each query word to the single target word one edit away (``query, fix``).

    Symmetric-delete join: a query and a target within one insertion, deletion, substitution or
    adjacent transposition share a key in their deletion neighbourhoods. Targets shorter than
    ``min_len`` letters without the article are not eligible. A correction must keep the first and
    last letters (Arabic inflection lives at the word's edges: الروسي/الروسية, طالبات/طالبان) and
    must not be a prefix relation (truncation or suffix), and must be unambiguous.
    """
    tgt = (
        pl.DataFrame({"target": targets})
        .unique()
        .filter(pl.col("target").str.replace(r"^ال", "").str.len_chars() >= min_len)
    )
    qry = (
        pl.DataFrame({"query": queries})
        .unique()
        .filter(pl.col("query").str.len_chars() >= min_len - 1)
        .filter(~pl.col("query").is_in(targets.implode()))
    )
    if tgt.is_empty() or qry.is_empty():
        return pl.DataFrame(schema={"query": pl.String(), "fix": pl.String()})
    pairs = _deletes(qry, "query").join(_deletes(tgt, "target"), on="dkey", suffix="_t")
    q, t = pl.col("query"), pl.col("target")
    ok = (
        pairs.filter(_one_edit())
        .filter(q.str.head(1) == t.str.head(1))
        .filter(q.str.tail(1) == t.str.tail(1))
        .filter(~q.str.starts_with(t) & ~t.str.starts_with(q))
        # A proclitic and the article (بالدور، والمقر، للدور) open a definite common noun: one edit
        # that lands on the article's letters makes no name of it (بالدور is not باندور).
        .filter(~q.str.contains(_CLITIC_ARTICLE) | (q.str.head(3) == t.str.head(3)))
        .select("query", fix="target")
        .unique()
    )
    return ok.filter(pl.len().over("query") == 1)


def fuzzy_ok() -> pl.Expr:
    """Typo corrections only count for names, and only where other evidence backs them: a whole
    one-word match only for persons (ORG/PLACE single words collide with ordinary vocabulary:
    طالبين vs طالبان), and at most one corrected word in a longer name."""
    return (pl.col("nfix") == 0) | (
        (pl.col("kind") == "name")
        & (
            ((pl.col("n") == 1) & (pl.col("entity_type") == "PERSON"))
            | ((pl.col("n") > 1) & (pl.col("nfix") == 1))
        )
    )
