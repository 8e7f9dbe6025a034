"""Spelling variants of known persons' names, added as lexicon keys.

- ``عبد`` compounds are written joined or apart (عبدالعزيز / عبد العزيز, عبدالله / عبد الله).
- A name in the Gulf style whose father's and grandfather's names carry the article is shortened
  to its first name and family name (مشعل الصباح for مشعل الأحمد الجابر الصباح). Not in the بن
  style, where first and family name together name too many people (محمد آل سعود), nor from
  aliases, which carry titles (العقيد القذافي). Compound given names (عز الدين, عبد الله) are no family name.
- After an alif, ي inside a word is also written with its hamza seat ئ and the other way round
  (فائز السراج for فايز السراج, قايد for قائد).
- A family name with the article is also written without it (فيصل مقداد for فيصل المقداد): the
  last word loses its article when it is not part of a compound (عبد الله, أبو الغيط, بن الحسين).

- A foreign name's words are written glued after a letter that does not join the next one
  (سلفاكير ميارديت for سلفا كير ميارديت): two words are joined when the first ends in ا د ذ ر ز و
  and neither is a one- or two-letter stub; one pair at a time.

A variant is kept only where no other entity has that key, as a variant or as a name.
"""

from __future__ import annotations

import polars as pl


def _abd_variants(names: pl.DataFrame) -> pl.DataFrame:
    key = pl.col("key")
    joined = key.str.replace_all(r"(^| )عبد (\S)", "${1}عبد${2}")
    split = key.str.replace_all(r"(^| )عبد(ال\S+)", "${1}عبد ${2}")
    return pl.concat([names.with_columns(key=joined), names.with_columns(key=split)])


def _hamza_seat_variants(names: pl.DataFrame) -> pl.DataFrame:
    key = pl.col("key")
    to_hamza = key.str.replace_all(r"(\S)اي(\S)", "${1}ائ${2}")
    to_ya = key.str.replace_all(r"(\S)ائ(\S)", "${1}اي${2}")
    return pl.concat([names.with_columns(key=to_hamza), names.with_columns(key=to_ya)]).filter(
        pl.col("key").str.contains("ائ|اي")
    )


def _short_forms(names: pl.DataFrame) -> pl.DataFrame:
    toks = pl.col("key").str.split(" ")
    rest = toks.list.slice(1)
    gulf = names.filter(
        pl.col("is_primary")
        & (toks.list.len() >= 3)
        & rest.list.eval(
            pl.element().str.starts_with("ال") & ~pl.element().is_in(["الله", "الدين"])
        ).list.all()
        & ~toks.list.first().str.starts_with("ال")
        & ~toks.list.first().is_in(["عبد", "ابو"])
    )
    return gulf.with_columns(key=toks.list.first() + " " + toks.list.last())


# Words that make the next one part of a compound, not a family name of its own.
_COMPOUND_HEADS = ["عبد", "ابو", "ام", "بن", "بنت", "ال"]


def _without_article(names: pl.DataFrame) -> pl.DataFrame:
    toks = pl.col("key").str.split(" ")
    last = toks.list.last()
    bare = last.str.replace(r"^ال", "")
    keep = names.filter(
        (toks.list.len() >= 2)
        & last.str.starts_with("ال")
        # Three letters at least: الأسد/أسد, not a two-letter stub.
        & (bare.str.len_chars() >= 3)
        & ~last.is_in(["الله", "الدين", "الرحمن", "الرحيم"])
        & ~toks.list.get(-2, null_on_oob=True).is_in(_COMPOUND_HEADS).fill_null(False)
        & ~toks.list.first().str.starts_with("ال")
    )
    return keep.with_columns(key=toks.list.head(toks.list.len() - 1).list.join(" ") + " " + bare)


# Letters that never join the next one: a writer can drop the space after them unseen.
_NON_JOINING_END = r"[ادذرزو]$"
# Name words up to this many glued pairs are tried (first and second, second and third ...).
_MAX_GLUED_PAIR = 3


def _glued_variants(names: pl.DataFrame) -> pl.DataFrame:
    toks = pl.col("key").str.split(" ")
    out = []
    for i in range(_MAX_GLUED_PAIR):
        first, second = toks.list.get(i, null_on_oob=True), toks.list.get(i + 1, null_on_oob=True)
        glue = (
            first.str.contains(_NON_JOINING_END)
            & (first.str.len_chars() >= 3)
            & (second.str.len_chars() >= 3)
            # عبد compounds have their own rule; an article-initial second word stays apart.
            & (first != "عبد")
            & ~second.str.starts_with("ال")
        ).fill_null(False)
        glued = (
            toks.list.head(i).list.concat(pl.concat_list(first + second)).list.concat(toks.list.slice(i + 2))
        )
        out.append(names.filter(glue).with_columns(key=glued.list.join(" ")))
    return pl.concat(out)


def person_variants(names: pl.DataFrame) -> pl.DataFrame:
    """Variant keys (same columns as ``names``, ``is_primary`` false) of the PERSON rows of
    ``names`` (lexicon name rows with ``key`` and ``n``) that no other entity claims."""
    persons = names.filter(pl.col("entity_type") == "PERSON")
    variants = (
        pl.concat(
            [
                _abd_variants(persons),
                _hamza_seat_variants(persons),
                _short_forms(persons),
                _without_article(persons),
                _glued_variants(persons),
            ]
        )
        .with_columns(
            n=pl.col("key").str.split(" ").list.len().cast(pl.Int64),
            is_primary=pl.lit(False),
        )
        .unique(["key", "entity_id"])
    )
    variants = variants.filter(pl.col("entity_id").n_unique().over("key") == 1)
    return variants.join(names.select("key").unique(), on="key", how="anti").select(names.columns)
