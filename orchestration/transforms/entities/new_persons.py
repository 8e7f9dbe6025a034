"""Persons absent from the knowledge base, introduced by a role phrase (``title-pattern``).

The name is the 2-4 words after the phrase (or after an honorific there) that are not stop words,
dictionary matches, conjunction-prefixed or article-prefixed (at the start) words, with a clean
boundary after it, and whose first word is a known given name. Precision over recall: a title
followed by ordinary words (أمير قطر سيستكمل باتصالات) mints nothing. Once minted, the full name
is matched again everywhere in the batch.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.lexicon import col_or_null, key_exprs
from orchestration.transforms.entities.matching import match, words_at

# The name-run stage lives in its own module (issue #10); its constants stay importable from here.
from orchestration.transforms.entities.name_runs import (
    LATER_COMMON,
    MAX_NAME_TOKENS,
    SECOND_COMMON,
    candidate_words,
    found_names,
    name_particles,
    name_runs,
)
from orchestration.transforms.entities.phrases import IS_COUNTRY
from orchestration.transforms.text import normalize_expr

# لدى (normalized): an envoy's host follows it ("سفير X لدى Y").
_HOST = "لدي"

__all__ = [
    "LATER_COMMON",
    "MAX_NAME_TOKENS",
    "MIN_FAMILY_LEN",
    "SECOND_COMMON",
    "family_mentions",
    "rematch",
    "title_persons",
]


def _title_starts(
    free: pl.DataFrame, elements: pl.DataFrame, words: pl.DataFrame, given: pl.Series
) -> pl.DataFrame:
    """The word where each free role phrase's name would start: after the phrase, or after an
    honorific that follows it; kept only when that word is a known given name (the cheap first cut)."""
    honor = elements.filter(pl.col("kind") == "honorific").select("aidx", pw1="w0", h_w1="w1")
    starts = (
        free.select(
            "eid", "aidx", "pw1", "spec_iso3", "role", "cameo_role", spec_code=col_or_null(free, "spec_code")
        )
        .join(honor, on=["aidx", "pw1"], how="left")
        .join(_host_ends(elements, words), on=["aidx", "pw1"], how="left")
        # Only a role that names its country crosses its host: the name then has that country.
        .with_columns(
            host_w1=pl.when(pl.col("spec_iso3").is_not_null() | pl.col("spec_code").is_not_null()).then(
                "host_w1"
            )
        )
        .with_columns(s=pl.coalesce("h_w1", "host_w1", "pw1"))
        .drop("host_w1")
    )
    return (
        words_at(words, starts, "s", {"norm": "_first"})
        .filter(pl.col("_first").is_in(given.implode()))
        .drop("_first")
    )


def _host_ends(elements: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """(aidx, pw1, host_w1): an envoy's host after his role, «لدى» and a country or one word
    («سفير الولايات المتحدة الأمريكية لدى ليبيا ريتشارد نورلاند», «… لدى المملكة X»): the
    name starts after the host."""
    lada = words.filter(pl.col("norm") == _HOST).select("aidx", pw1=pl.col("wid").cast(pl.Int64))
    countries = elements.filter(IS_COUNTRY).select("aidx", c_w0="w0", c_w1="w1")
    return (
        lada.with_columns(c_w0=pl.col("pw1") + 1)
        .join(countries, on=["aidx", "c_w0"], how="left")
        .select("aidx", "pw1", host_w1=pl.coalesce("c_w1", pl.col("pw1") + 2))
        .unique(["aidx", "pw1"])
    )


def _new_entities(found: pl.DataFrame, code: pl.Expr) -> pl.DataFrame:
    """One entity per minted id: its most frequent surface, with a country from any of its titles."""
    # A country any of the person's titles gives (the most frequent, then the smallest): the
    # surface chosen below may be one whose title named none ("رئيس مجلس النواب نبيه بري" beside
    # "رئيس مجلس النواب اللبناني نبيه برّي").
    titled_country = (
        found.filter(pl.col("spec_iso3").is_not_null())
        .group_by("entity_id", "spec_iso3")
        .agg(n=pl.len(), g_code=code.drop_nulls().sort().first())
        .sort("entity_id", "n", "spec_iso3", descending=[False, True, False])
        .unique("entity_id", keep="first", maintain_order=True)
        .select("entity_id", g_iso3="spec_iso3", g_code="g_code")
    )
    # Independent of article order: the most frequent surface form, then the smallest.
    return (
        found.with_columns(n_surf=pl.len().over("entity_id", "surf"))
        .sort(
            "n_surf",
            "surf",
            "spec_iso3",
            "cameo_role",
            descending=[True, False, False, False],
            nulls_last=True,
        )
        .unique("entity_id", keep="first", maintain_order=True)
        .select(
            "entity_id",
            entity_type=pl.lit("PERSON"),
            name_en=pl.lit(None, pl.String()),
            name_ar="surf",
            country_iso3="spec_iso3",
            cameo_code=code,
            origin=pl.lit("title-pattern"),
        )
        .join(titled_country, on="entity_id", how="left")
        .with_columns(
            cameo_code=pl.when(pl.col("country_iso3").is_null()).then("g_code").otherwise("cameo_code"),
            country_iso3=pl.coalesce("country_iso3", "g_iso3"),
        )
        .drop("g_iso3", "g_code")
    )


def title_persons(
    free: pl.DataFrame,
    elements: pl.DataFrame,
    words: pl.DataFrame,
    stop: pl.Series,
    given: pl.Series,
    zipf: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.Series]:
    """(mentions, new person entities, eids of the phrases that introduced them). ``zipf``: the
    ordinary words' frequencies (``name_runs.name_runs``)."""
    starts = _title_starts(free, elements, words, given)
    found = found_names(name_runs(starts, candidate_words(starts, elements, words), stop, given, zipf))
    # An organization's office (``spec_code``) gives its code; a country's, the country+role code.
    code = pl.coalesce("spec_code", pl.concat_str([pl.col("spec_iso3"), pl.col("cameo_role").fill_null("")]))
    mentions = found.select(
        "aidx",
        "cs",
        "ce",
        "surf",
        "entity_id",
        entity_type=pl.lit("PERSON"),
        method=pl.lit("title-pattern"),
        actor_code=code,
        role="role",
    )
    return mentions, _new_entities(found, code), found["eid"]


# Shortest family name (normalized letters) that names a new person again on its own.
MIN_FAMILY_LEN = 4


def family_mentions(
    new_mentions: pl.DataFrame,
    new_entities: pl.DataFrame,
    words: pl.DataFrame,
    elements: pl.DataFrame,
    not_names: pl.Series,
) -> pl.DataFrame:
    """A new person's family name alone, later in the article that named them in full (محمد الغالي
    ... أن الغالي سيلتقي): the same person. Not a given name or an ordinary word (``not_names``), not
    the particle of a compound (آل), and never a word a dictionary match covers: a known person
    always wins."""
    if new_entities.is_empty():
        return new_mentions.head(0)
    toks = normalize_expr(pl.col("name_ar")).str.split(" ")
    fam = new_entities.select("entity_id", n=toks.list.len(), norm=toks.list.last()).filter(
        (pl.col("n") >= 2)
        & (pl.col("norm").str.replace(r"^ال", "").str.len_chars() >= MIN_FAMILY_LEN)
        & ~pl.col("norm").is_in(not_names.implode())
        & ~pl.col("norm").is_in(name_particles().implode())
    )
    # Unambiguous within the article: one new person per family name there.
    # What the article said about the person (code, role) rides along, as for found persons.
    first = (
        new_mentions.with_columns(
            actor_code=col_or_null(new_mentions, "actor_code"), role=col_or_null(new_mentions, "role")
        )
        .sort("aidx", "cs")
        .group_by("aidx", "entity_id", maintain_order=True)
        .agg(
            first_ce=pl.col("ce").min(),
            actor_code=pl.col("actor_code").drop_nulls().first(),
            role=pl.col("role").drop_nulls().first(),
        )
    )
    cand = first.join(fam.select("entity_id", "norm"), on="entity_id").filter(
        pl.col("entity_id").n_unique().over("aidx", "norm") == 1
    )
    hits = (
        words.select("aidx", "wid", "norm", "char_start", "char_end", "surface")
        # A set lookup keeps the few words spelled like some family name before the join.
        .filter(pl.col("norm").is_in(cand["norm"].unique().implode()))
        .join(cand, on=["aidx", "norm"])
        .filter(pl.col("char_start") >= pl.col("first_ce"))
    )
    # Words a dictionary match covers: the few hits against their articles' element spans (not
    # every element exploded into its words).
    covered = (
        hits.select("aidx", "wid")
        .join(elements.select("aidx", "w0", "w1"), on="aidx")
        .filter((pl.col("wid") >= pl.col("w0")) & (pl.col("wid") < pl.col("w1")))
        .select("aidx", "wid")
    )
    hits = hits.join(covered, on=["aidx", "wid"], how="anti")
    # Nor a word inside the person's own full-name mentions (found again by ``rematch``).
    inside = (
        hits.select("aidx", "wid", "char_start")
        .join(new_mentions.select("aidx", m_cs="cs", m_ce="ce"), on="aidx")
        .filter((pl.col("char_start") >= pl.col("m_cs")) & (pl.col("char_start") < pl.col("m_ce")))
        .select("aidx", "wid")
    )
    return hits.join(inside, on=["aidx", "wid"], how="anti").select(
        "aidx",
        cs="char_start",
        ce="char_end",
        surf="surface",
        entity_id="entity_id",
        entity_type=pl.lit("PERSON"),
        method=pl.lit("title-pattern"),
        actor_code="actor_code",
        role="role",
    )


def rematch(
    new_mentions: pl.DataFrame, new_entities: pl.DataFrame, words: pl.DataFrame, readings: pl.DataFrame
) -> pl.DataFrame:
    """New persons can recur without their title later in their article: match their full names."""
    if new_entities.is_empty():
        return new_mentions
    new_lex = (
        new_entities.select(
            *key_exprs(pl.col("name_ar")),
            kind=pl.lit("name"),
            entity_id="entity_id",
            entity_type=pl.lit("PERSON"),
            iso3="country_iso3",
            is_primary=pl.lit(True),
            prio=pl.lit(3),
        )
        .sort("key", "entity_id")
        .unique("key", keep="first", maintain_order=True)
    )
    no_fix = pl.Series([], dtype=pl.String())
    again = match(words, readings, new_lex, no_fix, no_fix).filter(
        pl.col("prefix").is_in(["", "و", "ف", "ب", "ل", "ك"])
    )
    # Only in an article that names them with their title: what another article of the batch says
    # must not change this one, or the result would hang on how the inbox is sliced and batched.
    again = again.join(
        new_mentions.select("aidx", "entity_id").unique(), on=["aidx", "entity_id"], how="semi"
    )
    return pl.concat(
        [
            new_mentions,
            again.select(
                "aidx",
                "cs",
                "ce",
                "surf",
                "entity_id",
                entity_type=pl.lit("PERSON"),
                method=pl.lit("title-pattern"),
            ),
        ],
        how="diagonal_relaxed",
    )
