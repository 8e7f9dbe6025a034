"""Persons absent from the knowledge base, introduced by a role phrase (``title-pattern``).

The name is the 2-4 words after the phrase (or after an honorific there) that are not stop words,
dictionary matches, conjunction-prefixed or article-prefixed (at the start) words, with a clean
boundary after it, and whose first word is a known given name. Precision over recall: a title
followed by ordinary words (أمير قطر سيستكمل باتصالات) mints nothing. Once minted, the full name
is matched again everywhere in the batch.
"""

from __future__ import annotations

import hashlib

import polars as pl

from orchestration.transforms.entities import roles as rl
from orchestration.transforms.entities.lexicon import col_or_null, key_exprs
from orchestration.transforms.entities.matching import match, words_at
from orchestration.transforms.text import GAP_COMMA, GAP_SPACE, gap_class, normalize_expr

MAX_NAME_TOKENS = 4
# Zipf frequency (wordfreq scale, ``common_words_ar.csv``) above which an unlisted word ends the
# name: from the third word on (صدام حسين يشكل تهديدا: the verb and its object follow a
# two-word name), and at the second word only when it is this frequent (الرئيس عباس يتحدث).
# Given names and the words of a compound (بن، آل and the word after them) always continue it.
LATER_COMMON = 3.0
SECOND_COMMON = 4.6


def _hash_ids(names: pl.Series) -> pl.DataFrame:
    # A handful of new names per batch: hashed in Python because Polars' hash is not stable
    # across versions and ids must be.
    uniq = names.unique().drop_nulls().to_list()
    return pl.DataFrame(
        {
            "name_norm": uniq,
            "entity_id": [f"person:new:{hashlib.sha1(n.encode('utf-8')).hexdigest()[:12]}" for n in uniq],
        },
        schema={"name_norm": pl.String(), "entity_id": pl.String()},
    )


def _candidate_words(starts: pl.DataFrame, elements: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """The few words after each candidate phrase, with whether a dictionary match covers them."""
    needed = (
        starts.select(wid=pl.int_ranges(pl.col("s"), pl.col("s") + MAX_NAME_TOKENS + 1))
        .explode("wid")
        .drop_nulls()
        .with_columns(pl.col("wid").cast(pl.Int64))
        .unique()
    )
    covered = (
        elements.select(wid=pl.int_ranges("w0", "w1"))
        .explode("wid")
        .with_columns(pl.col("wid").cast(pl.Int64), cov=pl.lit(True))
        .unique()
    )
    needed = needed.filter(pl.col("wid") < words.height)
    return (
        words.select(pl.all().gather(needed["wid"]))
        .join(covered, on="wid", how="left")
        .select(
            "wid",
            "aidx",
            "char_start",
            "char_end",
            "norm",
            raw="surface",
            gap_text="gap",
            gap=gap_class(pl.col("gap")),
            cov=pl.col("cov").fill_null(False),
        )
    )


def _name_runs(
    starts: pl.DataFrame, w: pl.DataFrame, stop: pl.Series, given: pl.Series, zipf: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Candidates with ``run`` name-like words after the phrase (2..MAX_NAME_TOKENS), word columns
    ``tok{p}``, ``raw{p}``, ``gap{p}``, ``cs{p}``, ``ce{p}`` side by side. With ``zipf`` (``word``,
    ``zipf``: ordinary words), a frequent unlisted word ends the run (``LATER_COMMON``)."""
    frame = starts
    oks: list[pl.Expr] = []
    particles = _particles().implode()
    if zipf is not None:
        w = w.join(zipf.rename({"word": "norm", "zipf": "_zipf"}), on="norm", how="left")
    else:
        w = w.with_columns(_zipf=pl.lit(None, pl.Float64))
    w = w.with_columns(
        _listed=pl.col("norm").is_in(given.implode()) | pl.col("norm").is_in(particles),
        _zipf=pl.col("_zipf").fill_null(0.0),
    )
    for p in range(MAX_NAME_TOKENS + 1):
        sub = w.select(
            "aidx",
            wid=pl.col("wid") - p,
            **{
                f"tok{p}": "norm",
                f"raw{p}": "raw",
                f"gap{p}": "gap_text",
                f"cs{p}": "char_start",
                f"ce{p}": "char_end",
            },
            **{
                f"ok{p}": pl.col("norm").str.contains(r"^\p{L}{2,}$")
                & ~pl.col("norm").is_in(stop.implode())
                & ~pl.col("cov")
                & ~pl.col("norm").str.contains(r"^(?:و|[فبلك]?ال|[وف][بلك]?ال|لل)")
                & (pl.col("gap").is_in([GAP_SPACE, GAP_COMMA]) if p == 0 else pl.col("gap") == GAP_SPACE)
            },
            **{f"listed{p}": "_listed", f"zipf{p}": "_zipf"},
        )
        frame = frame.join(sub, left_on=["aidx", "s"], right_on=["aidx", "wid"], how="left")
        ok = pl.col(f"ok{p}").fill_null(False)
        if p >= 1:
            limit = SECOND_COMMON if p == 1 else LATER_COMMON
            after_particle = pl.col(f"tok{p - 1}").is_in(particles).fill_null(False)
            ok = ok & (
                pl.col(f"listed{p}").fill_null(False)
                | after_particle
                | (pl.col(f"zipf{p}").fill_null(0.0) < limit)
            )
        oks.append(ok)
    run = pl.sum_horizontal([pl.all_horizontal(oks[: k + 1]).cast(pl.Int64) for k in range(len(oks))])
    return frame.with_columns(run=run).filter(
        (pl.col("run") >= 2) & (pl.col("run") <= MAX_NAME_TOKENS) & pl.col("tok0").is_in(given.implode())
    )


def _particles() -> pl.Series:
    return pl.DataFrame({"p": list(rl.NAME_PARTICLES)}).select(normalize_expr(pl.col("p")))["p"]


def _found(frame: pl.DataFrame) -> pl.DataFrame:
    """Name span, normalized name, surface and id of each run that does not end on a particle."""
    particles = _particles()
    at_run = range(MAX_NAME_TOKENS)
    last_tok = pl.coalesce([pl.when(pl.col("run") == k + 1).then(pl.col(f"tok{k}")) for k in at_run])
    last_ce = pl.coalesce([pl.when(pl.col("run") == k + 1).then(pl.col(f"ce{k}")) for k in at_run])
    name_norm = pl.concat_list([pl.col(f"tok{k}") for k in at_run]).list.head(pl.col("run"))
    pieces = [pl.col("raw0")] + [pl.col(f"{c}{k}") for k in range(1, MAX_NAME_TOKENS) for c in ("gap", "raw")]
    surface = pl.concat_list(pieces).list.head(2 * pl.col("run") - 1).list.join("")
    found = frame.filter(~last_tok.is_in(particles.implode())).with_columns(
        cs="cs0", ce=last_ce, name_norm=name_norm.list.join(" "), surf=surface
    )
    return found.join(_hash_ids(found["name_norm"]), on="name_norm")


def title_persons(
    free: pl.DataFrame,
    elements: pl.DataFrame,
    words: pl.DataFrame,
    stop: pl.Series,
    given: pl.Series,
    zipf: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.Series]:
    """(mentions, new person entities, eids of the phrases that introduced them). ``zipf``: the
    ordinary words' frequencies (``_name_runs``)."""
    honor = elements.filter(pl.col("kind") == "honorific").select("aidx", pw1="w0", h_w1="w1")
    starts = (
        free.select(
            "eid", "aidx", "pw1", "spec_iso3", "role", "cameo_role", spec_code=col_or_null(free, "spec_code")
        )
        .join(honor, on=["aidx", "pw1"], how="left")
        .with_columns(s=pl.coalesce("h_w1", "pw1"))
    )
    # Cheap first cut: the first name word must be a known given name.
    starts = (
        words_at(words, starts, "s", {"norm": "_first"})
        .filter(pl.col("_first").is_in(given.implode()))
        .drop("_first")
    )
    found = _found(_name_runs(starts, _candidate_words(starts, elements, words), stop, given, zipf))
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
    # A country any of the person's titles gives (the most frequent, then the smallest): the
    # surface chosen below may be one whose title named none ("رئيس مجلس النواب نبيه بري" beside
    # "رئيس مجلس النواب اللبناني نبيه برّي").
    given = (
        found.filter(pl.col("spec_iso3").is_not_null())
        .group_by("entity_id", "spec_iso3")
        .agg(n=pl.len(), g_code=code.drop_nulls().sort().first())
        .sort("entity_id", "n", "spec_iso3", descending=[False, True, False])
        .unique("entity_id", keep="first", maintain_order=True)
        .select("entity_id", g_iso3="spec_iso3", g_code="g_code")
    )
    # Independent of article order: the most frequent surface form, then the smallest.
    entities = (
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
        .join(given, on="entity_id", how="left")
        .with_columns(
            cameo_code=pl.when(pl.col("country_iso3").is_null()).then("g_code").otherwise("cameo_code"),
            country_iso3=pl.coalesce("country_iso3", "g_iso3"),
        )
        .drop("g_iso3", "g_code")
    )
    return mentions, entities, found["eid"]


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
        & ~pl.col("norm").is_in(_particles().implode())
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
    """New persons can recur without their title elsewhere in the batch: match their full names."""
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
