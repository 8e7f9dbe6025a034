"""Merge the generated office holders (``office_holders.csv``, Wikidata) under the hand-kept spells.

The hand files ``persons.csv`` and ``office_spells.csv`` are authoritative: a generated spell only
fills the days on which no hand spell holds the same single-holder office of the same country
(the generated spell is cut to the gaps between hand spells, so a one-day disagreement on a
handover date cannot create two holders). A generated person is added only when a kept spell
refers to them and the hand file has no row with that id; they have an English name and no
Arabic one (the source has none), so they resolve roles but are never matched by name.
"""

from __future__ import annotations

from datetime import date

import polars as pl

# The offices one person holds at a time (reference_validation.SINGLE_HOLDER_OFFICES, country-level).
_KEY = ["office", "country_iso3"]
_FAR_PAST = date(1, 1, 1)
_FAR_FUTURE = date(9999, 12, 31)
# A generated spell cut to a sliver shorter than this by hand spells disagrees with them on a
# handover date (a day or a few weeks); the sliver is dropped, not kept as a holder.
MIN_CUT_DAYS = 31


def same_people(hand: pl.DataFrame, generated: pl.DataFrame, hand_persons: pl.DataFrame) -> pl.DataFrame:
    """``(gen_id, entity_id)``: a generated id that is a hand person under another spelling
    (``moustafa_madbouly`` / ``mostafa_madbouly``): both files have them in the same office of the
    same state, starting within ``MIN_CUT_DAYS`` of each other and ending so too (or the hand spell
    still runs where the source's was open at its snapshot). Ids with two candidates are left alone."""
    gen = generated.join(hand_persons.select("entity_id"), on="entity_id", how="anti")
    pairs = gen.select(*_KEY, "start_date", "end_date", "notes", gen_id="entity_id").join(
        hand.select(*_KEY, "entity_id", h_start="start_date", h_end="end_date"), on=_KEY
    )
    close = (pl.col("start_date") - pl.col("h_start")).dt.total_days().abs() < MIN_CUT_DAYS
    ends_close = (pl.col("end_date") - pl.col("h_end")).dt.total_days().abs() < MIN_CUT_DAYS
    still_open = pl.col("h_end").is_null() & pl.col("notes").fill_null("").str.contains("open in the source")
    found = (
        pairs.filter(close & (ends_close.fill_null(False) | still_open))
        .select("gen_id", "entity_id")
        .unique()
    )
    return found.filter(pl.len().over("gen_id") == 1)


def hand_gaps(hand: pl.DataFrame) -> pl.DataFrame:
    """Per (office, country) held by hand spells, the intervals ``[gap_start, gap_end)`` no hand
    spell covers (rival claimants do not count as holding the office)."""
    held = hand.filter(pl.col("country_iso3").is_not_null() & (pl.col("status").fill_null("") != "rival"))
    held = held.select(*_KEY, "start_date", end=pl.col("end_date").fill_null(_FAR_FUTURE)).sort(
        [*_KEY, "start_date"]
    )
    # Coverage so far = running max of the ends: overlapping or nested hand spells leave no gap.
    covered = pl.col("end").cum_max().shift(1).over(_KEY)
    inner = held.select(*_KEY, gap_start=covered.fill_null(_FAR_PAST), gap_end=pl.col("start_date"))
    tail = held.group_by(_KEY).agg(gap_start=pl.col("end").max(), gap_end=pl.lit(_FAR_FUTURE))
    return pl.concat([inner, tail], how="diagonal_relaxed").filter(pl.col("gap_start") < pl.col("gap_end"))


def use_hand_ids(hand: pl.DataFrame, generated: pl.DataFrame, hand_persons: pl.DataFrame) -> pl.DataFrame:
    """The generated rows, with the ids of people the hand files know under another spelling
    replaced by the hand id (so their other offices attach to the hand person and Arabic name)."""
    ids = same_people(hand, generated, hand_persons)
    renamed = generated.join(
        ids.rename({"entity_id": "hand_id", "gen_id": "entity_id"}), on="entity_id", how="left"
    )
    return renamed.with_columns(entity_id=pl.coalesce("hand_id", "entity_id")).drop("hand_id")


def merge_spells(hand: pl.DataFrame, generated: pl.DataFrame) -> pl.DataFrame:
    """Hand spells, then the generated spells cut to the days the hand spells leave free (pieces
    under ``MIN_CUT_DAYS`` dropped)."""
    hand = hand.with_columns(source=pl.lit("hand"))
    gen = generated.with_columns(source=pl.lit("wikidata"), end=pl.col("end_date").fill_null(_FAR_FUTURE))
    keys = hand.filter(pl.col("country_iso3").is_not_null()).select(_KEY).unique()
    free = gen.join(keys, on=_KEY, how="anti")
    cut = (
        gen.join(hand_gaps(hand), on=_KEY)
        .with_columns(
            start_date=pl.max_horizontal("start_date", "gap_start"),
            end=pl.min_horizontal("end", "gap_end"),
            whole_start=pl.col("start_date"),
            whole_end=pl.col("end"),
        )
        .filter(pl.col("start_date") < pl.col("end"))
    )
    whole = (pl.col("start_date") == pl.col("whole_start")) & (pl.col("end") == pl.col("whole_end"))
    long_enough = (pl.col("end") - pl.col("start_date")).dt.total_days() >= MIN_CUT_DAYS
    cut = cut.filter(whole | long_enough).drop("whole_start", "whole_end")
    kept = pl.concat([free, cut], how="diagonal_relaxed").with_columns(
        end_date=pl.when(pl.col("end") < _FAR_FUTURE).then(pl.col("end"))
    )
    # Person columns (name, Wikidata id) belong in persons; a spell row keeps the spell layout.
    spell_columns = [c for c in kept.columns if c in hand.columns]
    return pl.concat([hand, kept.select(spell_columns)], how="diagonal_relaxed")


def merge_persons(hand: pl.DataFrame, spells: pl.DataFrame, generated: pl.DataFrame) -> pl.DataFrame:
    """Hand persons (with the Wikidata id the source gives them), then the generated people some
    kept generated spell refers to."""
    used = spells.filter(pl.col("source") == "wikidata").select("entity_id").unique()
    latest = generated.sort("start_date", descending=True).unique(
        "entity_id", keep="first", maintain_order=True
    )
    people = (
        latest.join(used, on="entity_id")
        .join(hand.select("entity_id"), on="entity_id", how="anti")
        .select(
            "entity_id",
            "name_en",
            "country_iso3",
            "wikidata_id",
            notes=pl.lit("generated from Wikidata (office_holders.csv); no Arabic name"),
        )
    )
    known = hand.join(latest.select("entity_id", "wikidata_id"), on="entity_id", how="left")
    return pl.concat([known, people], how="diagonal_relaxed")
