"""Ruling families: a person absent from the base, named with a Gulf ruling family's name, is of
its country (الدكتور الشيخ عبدالله بن أحمد آل خليفة، وكيل وزارة الخارجية: Bahrain).

A name ending on a family of ``data/reference/ruling_families.csv`` (``آل خليفة``) gives the new
person's country when the text gave none, and the mention a country-only actor code (``BHR``):
the family tells the nationality, not the office.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from orchestration.transforms.reference import REFERENCE_DIR, read_optional
from orchestration.transforms.text import normalize_expr

RULING_FAMILIES_CSV = "ruling_families.csv"


def load_ruling_families(reference_dir: Path = REFERENCE_DIR) -> pl.DataFrame:
    """``family`` (normalized, two words: آل + name) -> ``d_iso3``; empty when the file is absent."""
    table = read_optional(RULING_FAMILIES_CSV, reference_dir)
    if table is None:
        return pl.DataFrame(schema={"family": pl.String(), "d_iso3": pl.String()})
    return table.select(family=normalize_expr(pl.col("family_ar")), d_iso3="iso3").unique("family")


def _family(name: pl.Expr) -> pl.Expr:
    toks = normalize_expr(name).str.split(" ")
    return toks.list.slice(-2, 2).list.join(" ")


def with_ruling_family_country(
    mentions: pl.DataFrame, entities: pl.DataFrame, families: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(mentions, entities) of new persons (``person:new:``) with the country their ruling family
    gives, where they had none."""
    if families.is_empty() or entities.is_empty():
        return mentions, entities
    new = entities.filter(
        pl.col("entity_id").str.starts_with("person:new:") & pl.col("country_iso3").is_null()
    )
    found = (
        new.select("entity_id", family=_family(pl.col("name_ar")))
        .join(families, on="family")
        .select("entity_id", "d_iso3")
    )
    if found.is_empty():
        return mentions, entities
    entities = (
        entities.join(found, on="entity_id", how="left")
        .with_columns(
            country_iso3=pl.coalesce("country_iso3", "d_iso3"), cameo_code=pl.coalesce("cameo_code", "d_iso3")
        )
        .drop("d_iso3")
    )
    mentions = (
        mentions.join(found, on="entity_id", how="left")
        .with_columns(actor_code=pl.coalesce("actor_code", "d_iso3"))
        .drop("d_iso3")
    )
    return mentions, entities
