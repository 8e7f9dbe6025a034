"""Loaders for the reference knowledge base in ``data/reference/``.

Reference data is data: every dictionary the pipeline uses lives in a CSV there,
documented in ``data/reference/README.md``. This module is the only reader of those CSVs
(``read_table``) and ``REFERENCE_DIR`` is defined here only; it reads and types them. The build
scripts in ``scripts/`` write them back through ``write_table``, so every CSV has one layout.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from orchestration.transforms.office_holders import merge_persons, merge_spells, use_hand_ids

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"


def read_table(
    name: str,
    reference_dir: Path = REFERENCE_DIR,
    schema: dict[str, pl.DataType] | None = None,
    *,
    ragged: bool = False,
) -> pl.DataFrame:
    """``reference_dir / name`` with every column as text, then the ``schema`` columns cast.

    ``ragged`` tolerates rows with more fields than the header (free-text notes with commas)."""
    path = reference_dir / name
    # Everything is read as text first: codes such as CAMEO '041' keep their leading zeros.
    df = pl.read_csv(path, infer_schema=False, truncate_ragged_lines=ragged)
    if schema:
        # Polars 2 no longer casts strings to dates: parse ISO dates explicitly (strictly, so a
        # malformed date fails the load instead of becoming null).
        df = df.with_columns(
            pl.col(c).str.to_date("%Y-%m-%d", strict=True) if t == pl.Date else pl.col(c).cast(t)
            for c, t in schema.items()
            if c in df.columns
        )
    return df


def write_table(
    name: str,
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[str] | None = None,
    reference_dir: Path = REFERENCE_DIR,
) -> Path:
    """Write ``rows`` to ``reference_dir / name`` (header first, ``\\n`` line ends, UTF-8): the
    layout every committed reference CSV has, so a rebuild diffs only where the data changed."""
    path = reference_dir / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns or rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {path}")
    return path


def read_optional(
    name: str, reference_dir: Path = REFERENCE_DIR, schema: dict[str, pl.DataType] | None = None
) -> pl.DataFrame | None:
    """``read_table`` for a CSV a deployment may leave out (None when absent)."""
    if not (reference_dir / name).exists():
        return None
    return read_table(name, reference_dir, schema, ragged=True)


@dataclass(frozen=True)
class KnowledgeBase:
    """All reference tables, loaded once per run."""

    countries: pl.DataFrame
    persons: pl.DataFrame
    office_spells: pl.DataFrame
    places: pl.DataFrame
    organizations: pl.DataFrame
    roles: pl.DataFrame
    event_triggers: pl.DataFrame
    event_types: pl.DataFrame


def load_event_types(reference_dir: Path = REFERENCE_DIR) -> pl.DataFrame:
    return read_table("cameo_event_codes.csv", reference_dir)


def load_kb(reference_dir: Path = REFERENCE_DIR) -> KnowledgeBase:
    persons, office_spells = _persons_and_spells(reference_dir)
    return KnowledgeBase(
        countries=read_table("countries.csv", reference_dir),
        persons=persons,
        office_spells=office_spells,
        places=_places(reference_dir),
        organizations=read_table("organizations.csv", reference_dir),
        roles=read_table("roles.csv", reference_dir, {"rank": pl.Int32}),
        event_triggers=read_table("event_triggers.csv", reference_dir),
        event_types=load_event_types(reference_dir),
    )


def _persons_and_spells(reference_dir: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Hand persons and spells, with the generated office holders (Wikidata) filling the days
    and offices the hand rows leave free (``transforms/office_holders.py``)."""
    dates: dict[str, pl.DataType] = {"start_date": pl.Date, "end_date": pl.Date}
    persons = read_table("persons.csv", reference_dir)
    spells = read_table("office_spells.csv", reference_dir, dates)
    generated = read_optional("office_holders.csv", reference_dir, dates)
    if generated is None:
        return persons, spells.with_columns(source=pl.lit("hand"))
    generated = use_hand_ids(spells, generated, persons)
    spells = merge_spells(spells, generated)
    return merge_persons(persons, spells, generated), spells


def _places(reference_dir: Path) -> pl.DataFrame:
    """Hand places plus the GeoNames city gazetteer and the first-level regions
    (``regions.csv``); an earlier file wins an id a later one reuses."""
    coords: dict[str, pl.DataType] = {"latitude": pl.Float64, "longitude": pl.Float64}
    places = read_table("places.csv", reference_dir, coords)
    for name in ("gazetteer.csv", "regions.csv"):
        extra = read_optional(name, reference_dir, coords)
        if extra is not None:
            extra = extra.join(places.select("entity_id"), on="entity_id", how="anti")
            places = pl.concat([places, extra], how="diagonal_relaxed")
    return places


def spell_active(on: pl.Expr | date) -> pl.Expr:
    """Whether an ``office_spells`` row covers the date ``on`` (a date or a Date expression).

    Spells are half-open: ``start_date <= on < end_date``. ``end_date`` is the day the holder
    left office, which is usually the successor's ``start_date``, so on a handover day only the
    successor holds the office. An empty ``end_date`` means still in office.
    """
    day = on if isinstance(on, pl.Expr) else pl.lit(on, dtype=pl.Date)
    return (pl.col("start_date") <= day) & (pl.col("end_date").is_null() | (day < pl.col("end_date")))


def office_holders(office_spells: pl.DataFrame, on: date) -> pl.DataFrame:
    """Spells in force on ``on`` (all offices and countries; filter further as needed)."""
    return office_spells.filter(spell_active(on))
