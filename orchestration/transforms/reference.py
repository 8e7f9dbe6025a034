"""Loaders for the reference knowledge base in ``data/reference/``.

Reference data is data: every dictionary the pipeline uses lives in a CSV there,
documented in ``data/reference/README.md``. This module only reads and types it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"


def _read(name: str, reference_dir: Path, schema: dict[str, pl.DataType] | None = None) -> pl.DataFrame:
    path = reference_dir / name
    # Everything is read as text first: codes such as CAMEO '041' keep their leading zeros.
    df = pl.read_csv(path, infer_schema=False)
    if schema:
        df = df.with_columns(pl.col(c).cast(t) for c, t in schema.items() if c in df.columns)
    return df


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
    return _read("cameo_event_codes.csv", reference_dir)


def load_kb(reference_dir: Path = REFERENCE_DIR) -> KnowledgeBase:
    return KnowledgeBase(
        countries=_read("countries.csv", reference_dir),
        persons=_read("persons.csv", reference_dir),
        office_spells=_read(
            "office_spells.csv", reference_dir, {"start_date": pl.Date, "end_date": pl.Date}
        ),
        places=_read("places.csv", reference_dir, {"latitude": pl.Float64, "longitude": pl.Float64}),
        organizations=_read("organizations.csv", reference_dir),
        roles=_read("roles.csv", reference_dir, {"rank": pl.Int32}),
        event_triggers=_read("event_triggers.csv", reference_dir),
        event_types=load_event_types(reference_dir),
    )
