"""The equivalence harness (scripts/check_equivalence.py): old vs new extraction on the seeds."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import polars as pl

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_equivalence.py"
_spec = importlib.util.spec_from_file_location("check_equivalence", SCRIPT)
assert _spec and _spec.loader
equivalence = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(equivalence)


def test_compare_counts_identical_missing_and_changed_rows() -> None:
    old = pl.DataFrame({"article_id": ["a", "a", "b"], "char_start": [0, 5, 1], "entity_id": ["x", "y", "z"]})
    new = pl.DataFrame({"article_id": ["a", "a", "c"], "char_start": [0, 5, 2], "entity_id": ["x", "w", "z"]})
    out = equivalence.compare(old, new, ["article_id", "char_start"])
    assert (out["identical"], out["only_old"], out["only_new"]) == (1, 2, 2)
    assert out["changed_columns"] == {"entity_id": 1}


def test_seeds_extract_the_same_rows_as_the_old_engine(tmp_path: Path) -> None:
    """Every row of the old engine is still there; the open-world tagger (method `model`, which the
    old engine did not have) may only add entity mentions."""
    args = ["--corpus", "seeds", "--work", str(tmp_path), "--added-by", "model"]
    assert equivalence.main(args) == 0
