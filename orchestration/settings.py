"""Run-time configuration, read from environment variables with repo-relative defaults.

Dagster and dbt both take their paths from here so that they always agree on one warehouse.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# Defined once in the reference loader; re-exported for the Dagster wiring and the bench.
from orchestration.transforms.reference import REFERENCE_DIR as REFERENCE_DIR

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"


def _path(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    path = Path(value) if value else default
    return path if path.is_absolute() else (REPO_ROOT / path)


def _number(var: str, default: float) -> float:
    value = os.environ.get(var, "").strip()
    try:
        return float(value) if value else default
    except ValueError:
        raise ValueError(f"{var}={value!r} is not a number") from None


def _flag(var: str) -> bool:
    return os.environ.get(var, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    inbox: Path
    warehouse: Path
    quality_dir: Path
    # A .txt/.json file over this size is rejected whole as `too_large` (.jsonl feeds are streamed).
    max_file_bytes: int = field(default_factory=lambda: int(_number("AKHBAR_MAX_FILE_BYTES", 20e6)))
    # One JSON Lines record over this size is rejected alone; the rest of the feed is read.
    max_record_bytes: int = field(default_factory=lambda: int(_number("AKHBAR_MAX_RECORD_BYTES", 20e6)))
    # A run whose deleted files would retract more than this share of the articles is stopped...
    max_retract_share: float = field(default_factory=lambda: _number("AKHBAR_MAX_RETRACT_SHARE", 0.05))
    # ...unless the operator says the deletions are meant.
    allow_mass_retraction: bool = field(default_factory=lambda: _flag("AKHBAR_ALLOW_MASS_RETRACTION"))
    # `archive`: files moved out of the inbox after processing stay in the warehouse.
    inbox_mode: str = field(default_factory=lambda: os.environ.get("AKHBAR_INBOX_MODE", "mirror"))
    # How long a run waits for another run on the same paths before giving up.
    run_lock_wait_seconds: float = field(default_factory=lambda: _number("AKHBAR_RUN_LOCK_WAIT", 600))

    # The Parquet lake (landing tables by ingest day); None puts it beside the warehouse.
    lake: Path | None = None

    def __post_init__(self) -> None:
        if self.inbox_mode not in {"mirror", "archive"}:
            raise ValueError(f"AKHBAR_INBOX_MODE must be 'mirror' or 'archive', not {self.inbox_mode!r}")

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
