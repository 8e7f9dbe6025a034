"""The name after a role phrase: the run of name-like words a titled new person is minted from.

Split out of ``new_persons`` (issue #10): this is the word-level stage (which words may continue a
name, where the run stops, its span, surface and stable id); ``new_persons`` turns the runs into
mentions and entities.
"""

from __future__ import annotations

import hashlib

import polars as pl

from orchestration.transforms.entities import roles as rl
from orchestration.transforms.text import GAP_COMMA, GAP_SPACE, gap_class, normalize_expr

MAX_NAME_TOKENS = 4
# Zipf frequency (wordfreq scale, ``common_words_ar.csv``) above which an unlisted word ends the
# name: from the third word on (صدام حسين يشكل تهديدا: the verb and its object follow a
# two-word name), and at the second word only when it is this frequent (الرئيس عباس يتحدث).
# Given names and the words of a compound (بن، آل and the word after them) always continue it.
LATER_COMMON = 3.0
SECOND_COMMON = 4.6


def hash_ids(names: pl.Series) -> pl.DataFrame:
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


def candidate_words(starts: pl.DataFrame, elements: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
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


def name_runs(
    starts: pl.DataFrame, w: pl.DataFrame, stop: pl.Series, given: pl.Series, zipf: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Candidates with ``run`` name-like words after the phrase (2..MAX_NAME_TOKENS), word columns
    ``tok{p}``, ``raw{p}``, ``gap{p}``, ``cs{p}``, ``ce{p}`` side by side. With ``zipf`` (``word``,
    ``zipf``: ordinary words), a frequent unlisted word ends the run (``LATER_COMMON``)."""
    frame = starts
    oks: list[pl.Expr] = []
    particles = name_particles().implode()
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


def name_particles() -> pl.Series:
    """The compound particles (بن، آل ...) normalized as the words are: they continue a name but never end it."""
    return pl.DataFrame({"p": list(rl.NAME_PARTICLES)}).select(normalize_expr(pl.col("p")))["p"]


def found_names(frame: pl.DataFrame) -> pl.DataFrame:
    """Name span, normalized name, surface and id of each run that does not end on a particle."""
    particles = name_particles()
    at_run = range(MAX_NAME_TOKENS)
    last_tok = pl.coalesce([pl.when(pl.col("run") == k + 1).then(pl.col(f"tok{k}")) for k in at_run])
    last_ce = pl.coalesce([pl.when(pl.col("run") == k + 1).then(pl.col(f"ce{k}")) for k in at_run])
    name_norm = pl.concat_list([pl.col(f"tok{k}") for k in at_run]).list.head(pl.col("run"))
    pieces = [pl.col("raw0")] + [pl.col(f"{c}{k}") for k in range(1, MAX_NAME_TOKENS) for c in ("gap", "raw")]
    surface = pl.concat_list(pieces).list.head(2 * pl.col("run") - 1).list.join("")
    found = frame.filter(~last_tok.is_in(particles.implode())).with_columns(
        cs="cs0", ce=last_ce, name_norm=name_norm.list.join(" "), surf=surface
    )
    return found.join(hash_ids(found["name_norm"]), on="name_norm")
