"""Validation of the reference CSVs in ``data/reference/``: every problem names the file and the line.

A row that lost fields, an id typed twice, a date that does not parse or two holders of one office
on the same day silently change every extraction (a person without a country, a spell that never
matches), so the pipeline refuses to run on them. The rules per file are data (``RULES``); the
checks are vectorized over the whole table. Lines are the CSV's physical line numbers (header = 1).

The raw rows are read with the ``csv`` module rather than the typed loader in ``reference.py``: a
short row must be seen as short, not padded with NULLs.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from orchestration.transforms.reference import REFERENCE_DIR

ISSUE_SCHEMA: dict[str, pl.DataType] = {"file": pl.String(), "line": pl.Int64(), "problem": pl.String()}


@dataclass(frozen=True)
class FileRules:
    columns: tuple[str, ...]
    required: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    numbers: dict[str, tuple[float, float]] = field(default_factory=dict)
    integers: tuple[str, ...] = ()
    patterns: dict[str, str] = field(default_factory=dict)


_ISO3 = r"^[A-Z]{3}$"
_ENTITY = {"entity_id": r"^(?:person|place|org):[a-z0-9_]+$"}
RULES: dict[str, FileRules] = {
    "countries.csv": FileRules(
        columns=("iso3", "iso2", "name_en", "name_ar"),
        required=("iso3", "name_en", "name_ar"),
        unique=("iso3",),
        patterns={"iso3": _ISO3},
    ),
    "persons.csv": FileRules(
        columns=("entity_id", "name_en", "name_ar", "aliases_ar", "country_iso3"),
        required=("entity_id", "name_en", "name_ar"),
        unique=("entity_id",),
        patterns={**_ENTITY, "country_iso3": _ISO3},
    ),
    "office_spells.csv": FileRules(
        columns=(
            "entity_id",
            "office",
            "country_iso3",
            "cameo_code",
            "start_date",
            "end_date",
            "title",
            "org_id",
        ),
        required=("entity_id", "office", "start_date"),
        dates=("start_date", "end_date"),
        patterns={**_ENTITY, "country_iso3": _ISO3},
    ),
    # Generated from Wikidata (scripts/build_office_holders.py); merged under the hand spells.
    "office_holders.csv": FileRules(
        columns=("entity_id", "name_en", "wikidata_id", "country_iso3", "office", "start_date", "end_date"),
        required=("entity_id", "name_en", "country_iso3", "office", "start_date"),
        dates=("start_date", "end_date"),
        patterns={**_ENTITY, "country_iso3": _ISO3, "wikidata_id": r"^Q\d+$"},
    ),
    "places.csv": FileRules(
        columns=("entity_id", "name_en", "name_ar", "country_iso3", "latitude", "longitude"),
        required=("entity_id", "name_ar"),
        unique=("entity_id",),
        numbers={"latitude": (-90, 90), "longitude": (-180, 180)},
        patterns={**_ENTITY, "country_iso3": _ISO3},
    ),
    "organizations.csv": FileRules(
        columns=("entity_id", "name_en", "name_ar", "country_iso3", "cameo_code"),
        required=("entity_id", "name_ar"),
        unique=("entity_id",),
        patterns={**_ENTITY, "country_iso3": _ISO3},
    ),
    "roles.csv": FileRules(
        columns=("role", "office", "pattern_ar", "cameo_role", "rank"),
        required=("role", "pattern_ar", "rank"),
        integers=("rank",),
    ),
    "event_triggers.csv": FileRules(
        columns=("pattern_ar", "event_code", "kind"),
        required=("pattern_ar", "event_code"),
        patterns={"event_code": r"^\d{2,4}$"},
    ),
    "cameo_event_codes.csv": FileRules(
        columns=("cameo_code", "label", "root_code", "quad_class", "goldstein_scale"),
        required=("cameo_code", "label", "root_code"),
        unique=("cameo_code",),
        numbers={"goldstein_scale": (-10, 10), "quad_class": (1, 4)},
        patterns={"cameo_code": r"^\d{2,4}$"},
    ),
}
SPELL_FILES = ("office_spells.csv", "office_holders.csv")
# Offices one person holds at a time per country (or organization); `other` and `envoy` have many.
SINGLE_HOLDER_OFFICES = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "crown_prince",
    "deputy_crown_prince",
    "igo_head",
    "vice_president",
    "speaker",
)


def read_rows(path: Path) -> tuple[list[str], pl.DataFrame, pl.DataFrame]:
    """(header, rows as strings with their `line`, issues for rows whose field count is wrong)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        rows, bad = [], []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                bad.append(
                    (path.name, reader.line_num, f"has {len(row)} fields, the header has {len(header)}")
                )
            rows.append([reader.line_num, *(row + [""] * len(header))[: len(header)]])
    schema = {"line": pl.Int64(), **{name: pl.String() for name in header}}
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    frame = frame.with_columns(pl.col(c).str.strip_chars().replace("", None) for c in header)
    return header, frame, pl.DataFrame(bad, schema=ISSUE_SCHEMA, orient="row")


def _issues(frame: pl.DataFrame, name: str, bad: pl.Expr, problem: pl.Expr) -> pl.DataFrame:
    return frame.filter(bad.fill_null(False)).select(
        file=pl.lit(name), line=pl.col("line"), problem=problem.cast(pl.String)
    )


def check_rows(name: str, header: list[str], frame: pl.DataFrame, rules: FileRules) -> list[pl.DataFrame]:
    """Per-row checks of one file against its rules."""
    missing = [c for c in rules.columns if c not in header]
    if missing:
        return [
            pl.DataFrame(
                [(name, 1, f"header lacks column(s) {', '.join(missing)}")], ISSUE_SCHEMA, orient="row"
            )
        ]
    found = []
    for col in rules.required:
        found.append(_issues(frame, name, pl.col(col).is_null(), pl.lit(f"'{col}' is empty")))
    for col in rules.unique:
        dup = pl.col(col).is_not_null() & pl.col(col).is_duplicated()
        found.append(
            _issues(frame, name, dup, pl.format(f"'{col}' {{}} appears more than once", pl.col(col)))
        )
    for col in rules.dates:
        bad = pl.col(col).is_not_null() & pl.col(col).str.to_date("%Y-%m-%d", strict=False).is_null()
        found.append(
            _issues(frame, name, bad, pl.format(f"'{col}' {{}} is not a YYYY-MM-DD date", pl.col(col)))
        )
    for col, (low, high) in rules.numbers.items():
        value = pl.col(col).cast(pl.Float64, strict=False)
        bad = pl.col(col).is_not_null() & (value.is_null() | (value < low) | (value > high))
        found.append(
            _issues(
                frame, name, bad, pl.format(f"'{col}' {{}} is not a number in [{low}, {high}]", pl.col(col))
            )
        )
    for col in rules.integers:
        bad = pl.col(col).is_not_null() & pl.col(col).cast(pl.Int64, strict=False).is_null()
        found.append(_issues(frame, name, bad, pl.format(f"'{col}' {{}} is not a whole number", pl.col(col))))
    for col, pattern in rules.patterns.items():
        bad = pl.col(col).is_not_null() & ~pl.col(col).str.contains(pattern)
        found.append(
            _issues(
                frame,
                name,
                bad,
                pl.concat_str(pl.lit(f"'{col}' "), pl.col(col), pl.lit(f" does not match {pattern}")),
            )
        )
    return found


def check_spells(frame: pl.DataFrame, name: str = "office_spells.csv") -> list[pl.DataFrame]:
    """Spells end after they start; no two regular holders of a single-holder office overlap, and
    no person holds the same office twice at once."""
    spells = frame.with_columns(
        start=pl.col("start_date").str.to_date("%Y-%m-%d", strict=False),
        end=pl.col("end_date").str.to_date("%Y-%m-%d", strict=False),
        place=pl.coalesce(*(c for c in ("org_id", "country_iso3") if c in frame.columns), pl.lit("")),
    ).filter(pl.col("start").is_not_null())
    found = [
        _issues(
            spells,
            name,
            pl.col("end") <= pl.col("start"),
            pl.format("spell of {} ends ({}) before it starts ({})", "entity_id", "end_date", "start_date"),
        )
    ]
    regular = pl.col("office").is_in(SINGLE_HOLDER_OFFICES) & pl.col("status").is_null()
    if "status" not in spells.columns:
        regular = pl.col("office").is_in(SINGLE_HOLDER_OFFICES)
    pairs = spells.join(spells, on=["office", "place"], suffix="_b").filter(
        (pl.col("line") < pl.col("line_b"))
        & (pl.col("start") < pl.col("end_b").fill_null(pl.date(9999, 1, 1)))
        & (pl.col("start_b") < pl.col("end").fill_null(pl.date(9999, 1, 1)))
    )
    both_regular = regular & pl.col("status_b").is_null() if "status" in spells.columns else regular
    clash = (pl.col("entity_id") == pl.col("entity_id_b")) | both_regular
    found.append(
        _issues(
            pairs,
            name,
            clash,
            pl.format("{} spell of {} overlaps line {} ({})", "office", "entity_id", "line_b", "entity_id_b"),
        )
    )
    return found


def validate_reference(reference_dir: Path = REFERENCE_DIR) -> pl.DataFrame:
    """Every problem in the reference CSVs (ISSUE_SCHEMA), sorted; empty when all is well."""
    found: list[pl.DataFrame] = [pl.DataFrame(schema=ISSUE_SCHEMA)]
    for name, rules in RULES.items():
        path = reference_dir / name
        if not path.exists():
            found.append(pl.DataFrame([(name, None, "file is missing")], ISSUE_SCHEMA, orient="row"))
            continue
        header, frame, short = read_rows(path)
        found.append(short)
        found.extend(check_rows(name, header, frame, rules))
        if name in SPELL_FILES and not any(c not in header for c in rules.columns):
            found.extend(check_spells(frame, name))
    return pl.concat(found).unique().sort("file", "line", "problem")


def describe(issues: pl.DataFrame, limit: int = 10) -> str:
    """The first problems as `file:line: problem` lines, for a check's description."""
    lines = [f"{f}:{n}: {p}" if n is not None else f"{f}: {p}" for f, n, p in issues.head(limit).iter_rows()]
    more = issues.height - limit
    return "\n".join(lines + ([f"... and {more} more"] if more > 0 else []))
