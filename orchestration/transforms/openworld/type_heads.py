"""An organization's name mention starts after the word that says what kind of body it is.

قناة الجزيرة، صحيفة نيويورك تايمز، مجلة الثقافة الجديدة، شبكة سي.أن.أن: the medium's type word is a
description before the name, the way a title is before a person's (``titled.trim_titles``); a reader
(and ANERcorp) marks الجزيرة، نيويورك تايمز. A movement's type word (حركة، تنظيم) is cut only when
what follows is itself a listed form of the same body (حركة طالبان -> طالبان، تنظيم القاعدة), since
حركة المقاومة الفلسطينية حماس is named with its head. The mention stays the same entity.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.text import normalize_expr

# Normalized (ة -> ه as the matcher spells them).
MEDIA_HEADS: tuple[str, ...] = ("قناه", "فضائيه", "صحيفه", "جريده", "مجله", "شبكه")
MOVEMENT_HEADS: tuple[str, ...] = ("حركه", "تنظيم")


def trim_type_heads(mentions: pl.DataFrame, lex: pl.DataFrame) -> pl.DataFrame:
    """``mentions`` (``cs, surf, entity_type, entity_id``, any other columns kept) with an
    organization's leading type word cut off. ``lex``: the matcher's lexicon (``key, entity_id``)."""
    c = pl.col
    if mentions.is_empty():
        return mentions
    # Only organizations lose a type word: the regexes, normalization and lexicon join run on their
    # rows (a few percent of the name mentions), which are then written back in place.
    rows = mentions.select(pl.arg_where(c("entity_type") == "ORG")).to_series()
    if rows.is_empty():
        return mentions
    orgs = _trim_orgs(mentions[rows], lex)
    return mentions.with_columns(
        mentions["cs"].scatter(rows, orgs["cs"]),
        mentions["surf"].scatter(rows, orgs["surf"]),
    )


def _trim_orgs(mentions: pl.DataFrame, lex: pl.DataFrame) -> pl.DataFrame:
    """``cs, surf`` of organization mentions (``trim_type_heads``), in their order."""
    c = pl.col
    first = normalize_expr(c("surf").str.extract(r"^(\S+)\s+\S", 1))
    # A proclitic conjunction or preposition on the type word (وقالت صحيفة، لقناة، بحركة).
    bare = pl.when(first.str.contains(r"^[وفبل]..")).then(first.str.slice(1)).otherwise(first)
    head = pl.coalesce(
        pl.when(first.is_in(list(MEDIA_HEADS + MOVEMENT_HEADS))).then(first),
        pl.when(bare.is_in(list(MEDIA_HEADS + MOVEMENT_HEADS))).then(bare),
    )
    rest = c("surf").str.extract(r"^\S+\s+(.+)$", 1)
    keys = lex.select(_rest_key="key", entity_id="entity_id").unique()
    m = mentions.select(
        "cs", "surf", "entity_id", _head=head, _rest_key=normalize_expr(rest), _cut=rest.str.len_chars()
    )
    m = m.join(
        keys.with_columns(_listed=pl.lit(True)),
        on=["_rest_key", "entity_id"],
        how="left",
        maintain_order="left",
    )
    cut = c("_head").is_not_null() & (c("_head").is_in(list(MEDIA_HEADS)) | c("_listed").fill_null(False))
    return m.select(
        cs=pl.when(cut).then(c("cs") + c("surf").str.len_chars() - c("_cut")).otherwise(c("cs")),
        surf=pl.when(cut).then(rest).otherwise(c("surf")),
    )
