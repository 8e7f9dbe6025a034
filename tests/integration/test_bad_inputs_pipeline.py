"""The bad-input corpus through the whole pipeline: nothing crashes, every file is accounted for."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import SAMPLE_INBOX, Pipeline, run_pipeline
from tests.unit.test_ingest import BAD, EXPECTED, make_big_file, make_single_line_file

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bad_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    root = tmp_path_factory.mktemp("bad")
    inbox = root / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox / "a_samples")
    shutil.copytree(BAD, inbox / "bad")
    make_big_file(inbox / "bad" / "big_30mb.txt", 30_000_000)
    make_single_line_file(inbox / "bad" / "single_1mb_line.txt", 1_000_000)
    pipeline = run_pipeline(inbox, root)
    assert pipeline.success
    return pipeline


def _outcome(pipeline: Pipeline, file: str, record: int | None) -> tuple[str, str]:
    record_clause = "record_index is null" if record is None else f"record_index = {record}"
    if rows := pipeline.query(
        f"select reason from rejected_articles where source_file = ? and {record_clause}", [file]
    ):
        return "rejected", rows[0][0]
    if rows := pipeline.query(
        f"select duplicate_of_file from duplicate_articles where source_file = ? and {record_clause}", [file]
    ):
        return "duplicate", rows[0][0]
    if pipeline.query(f"select 1 from dim_articles where source_file = ? and {record_clause}", [file]):
        return "article", ""
    return "lost", ""


@pytest.mark.parametrize(
    ("key", "expected"), list(EXPECTED.items()), ids=[f"{k[0]}#{k[1]}" for k in EXPECTED]
)
def test_outcome_in_the_warehouse(
    bad_pipeline: Pipeline, key: tuple[str, int | None], expected: tuple[str, str]
) -> None:
    file, record = key
    kind, detail = _outcome(bad_pipeline, file, record)
    if file == "bad/boilerplate_only.txt":
        # Decoded fine at ingestion, then nothing but boilerplate was left by cleaning.
        assert (kind, detail) == ("rejected", "boilerplate_only")
    elif expected[0] == "ingested":
        assert kind == "article"
    else:
        assert (kind, detail) == expected


def test_every_file_accounted_for(bad_pipeline: Pipeline) -> None:
    files = {
        p.relative_to(bad_pipeline.inbox).as_posix() for p in bad_pipeline.inbox.rglob("*") if p.is_file()
    }
    inbox_files = {r[0] for r in bad_pipeline.query("select source_file from inbox_files")}
    # Only .txt/.json/.jsonl are inbox files (notes.md is not).
    assert inbox_files == {f for f in files if f.rsplit(".", 1)[-1] in {"txt", "json", "jsonl"}}
    ledger = {
        r[0]
        for r in bad_pipeline.query(
            "select source_file from dim_articles union select source_file from duplicate_articles "
            "union select source_file from rejected_articles"
        )
    }
    assert ledger == inbox_files
    messages = bad_pipeline.query("select count(*) from rejected_articles where length(message) < 10")
    assert messages == [(0,)]
