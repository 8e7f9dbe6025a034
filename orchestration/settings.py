"""Run-time configuration, read from environment variables with repo-relative defaults.

Dagster and dbt both take their paths from here so that they always agree on one warehouse.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# Defined once in the reference loader; re-exported for the Dagster wiring and the bench.
from orchestration.transforms.reference import REFERENCE_DIR as REFERENCE_DIR

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"


def _path(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    path = Path(value) if value else default
    return path if path.is_absolute() else (REPO_ROOT / path)


@dataclass(frozen=True)
class Settings:
    inbox: Path
    warehouse: Path
    quality_dir: Path
    # The Parquet lake (landing tables by ingest day); None puts it beside the warehouse.
    lake: Path | None = None

    @property
    def build_database(self) -> Path:
        """The working database every run writes to; only `publish` copies it to `warehouse`.

        BI tools open `warehouse` read-only, so they never see a half-built file.
        """
        return self.warehouse.parent / "build" / self.warehouse.name

    @property
    def lake_dir(self) -> Path:
        return self.lake or self.warehouse.parent / "lake"


def quality_dir_for(warehouse: Path) -> Path:
    """Data Docs beside their warehouse (`news.duckdb` -> `news_quality/`): one set per warehouse."""
    return warehouse.with_name(f"{warehouse.stem}_quality")


def get_settings() -> Settings:
    warehouse = _path("AKHBAR_WAREHOUSE", REPO_ROOT / "data" / "warehouse" / "news.duckdb")
    return Settings(
        inbox=_path("AKHBAR_INBOX", REPO_ROOT / "data" / "raw"),
        warehouse=warehouse,
        quality_dir=_path("AKHBAR_QUALITY_DIR", quality_dir_for(warehouse)),
        lake=_path("AKHBAR_LAKE", REPO_ROOT / "data" / "lake"),
    )
