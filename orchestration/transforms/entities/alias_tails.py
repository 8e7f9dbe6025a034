"""A one-word alias closing a longer unknown name is no mention of the known person (issue 11).

The knowledge base lists bare family names as aliases (زوما for Jacob Zuma). In «بمفوضة الاتحاد
الإفريقي، ناكا زونا ديلامي زوما» the alias is the last word of another person's name: the two words
right before it, joined by plain spaces, are name words (a given name, or no ordinary or stop word)
and no word of the known person's own names. That name is someone else's, so the alias stays free
(the open-world stage may mint its bearer); a title or verb before the alias leaves it alone
(الرئيس زوما، قال زوما), and so does a word another match already reads (a listed name, a role or
an honorific: «وبوتين ونتياهو», «الرئيس بوتين والملك لافروف» are lists of known people).
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.matching import words_at
from orchestration.transforms.text import GAP_SPACE, gap_class

# Name words that must stand right before the alias: one could be a stray unknown word.
_RUN = 2


def drop_alias_tails(
    names: pl.DataFrame,
    elements: pl.DataFrame,
    words: pl.DataFrame,
    lex: pl.DataFrame,
    given: pl.Series,
    ordinary: pl.Series,
) -> pl.DataFrame:
    """``names`` (elements: ``eid, aidx, w0, n, kind, entity_type, entity_id, gap_before``) less the
    one-word person names that close a run of ``_RUN`` foreign name words (``elements``: every
    match, ``aidx, w0, n``; ``lex``: the entity lexicon's ``key, kind, entity_id``; ``ordinary``:
    common and stop words)."""
    c = pl.col
    alias = names.filter(
        (c("kind") == "name")
        & (c("entity_type") == "PERSON")
        & (c("n") == 1)
        & (c("gap_before") == GAP_SPACE)
    ).select("eid", "aidx", "entity_id", "w0")
    if alias.is_empty():
        return names
    own = (
        lex.filter(c("entity_id").is_in(alias["entity_id"].unique().implode()))
        .select("entity_id", word=c("key").str.split(" "))
        .explode("word")
        .unique()
    )
    # Words some match reads (names, nisbas, roles, honorifics) belong to that match, not to an
    # unlisted name.
    read = (
        elements.select("aidx", _w=pl.int_ranges(c("w0"), c("w0") + c("n")))
        .explode("_w")
        .unique()
        .with_columns(c("_w").cast(pl.Int64))
    )
    runs = []
    for back in range(1, _RUN + 1):
        at = alias.with_columns(_w=c("w0") - back).filter(c("_w") >= 0)
        # The word before the alias is glued to it by the alias's own gap; earlier ones by theirs.
        at = words_at(words, at, "_w", {"norm": "word", "gap": "gap"})
        name_word = c("word").is_in(given.implode()) | ~c("word").is_in(ordinary.implode())
        inline = (gap_class(c("gap")) == GAP_SPACE) | pl.lit(back == _RUN)
        ok = (
            at.filter(name_word & inline)
            .join(own, on=["entity_id", "word"], how="anti")
            .join(read, on=["aidx", "_w"], how="anti")
        )
        runs.append(ok.select("eid"))
    foreign = runs[0]
    for r in runs[1:]:
        foreign = foreign.join(r, on="eid", how="semi")
    return names.filter(~c("eid").is_in(foreign["eid"].implode()))
