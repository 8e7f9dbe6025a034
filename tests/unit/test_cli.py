"""The `akhbar` CLI without a pipeline run: arguments, safe binding, quiet output, the pre-check."""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest

from orchestration import cli
from orchestration.analyses import AnalysisError, parse_vars, run_query
from orchestration.precheck import precheck, write_stamp
from orchestration.runner import DBT_STEP, Progress, ProgressHandler, _dbt_report
from orchestration.settings import Settings
from orchestration.summary import Reject, delta_lines

# ------------------------------------------------------------------ arguments


def test_run_parses_verbose_and_force() -> None:
    args = cli.build_parser().parse_args(["run", "-v", "--force"])
    assert (args.command, args.verbose, args.force) == ("run", True, True)
    assert cli.build_parser().parse_args(["run"]).verbose is False


def test_analyses_collects_repeated_vars() -> None:
    args = cli.build_parser().parse_args(
        ["analyses", "actor_timeline", "--var", "actor_name_en=Ma'an", "--var", "x=a=b"]
    )
    assert args.name == "actor_timeline" and args.var == ["actor_name_en=Ma'an", "x=a=b"]


def test_a_command_is_required() -> None:
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args([])


def test_parse_vars_keeps_the_value_verbatim() -> None:
    assert parse_vars(["actor_name_en=Ma'an al-Sadr", "expr=a=b", "empty="]) == {
        "actor_name_en": "Ma'an al-Sadr",
        "expr": "a=b",
        "empty": "",
    }


@pytest.mark.parametrize("bad", ["novalue", "1x=2", "a b=1", "x;drop table t=1", "=v"])
def test_parse_vars_refuses_names_that_are_not_identifiers(bad: str) -> None:
    with pytest.raises(AnalysisError, match="NAME=VALUE"):
        parse_vars([bad])


# ------------------------------------------------------------------ read-only, bound values


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table actors as select * from (values ('O''Brien'), ('Putin')) t(name)")
    return path


def test_a_value_with_an_apostrophe_is_bound_not_spliced(warehouse: Path) -> None:
    sql = "select name from actors where name = getvariable('who')"
    assert run_query(warehouse, sql, {"who": "O'Brien"}).rows == [("O'Brien",)]
    # an injection attempt is just a name nobody has
    assert run_query(warehouse, sql, {"who": "x' or '1'='1"}).rows == []


def test_query_cannot_write_the_warehouse_or_other_files(warehouse: Path, tmp_path: Path) -> None:
    with pytest.raises(AnalysisError, match="read-only"):
        run_query(warehouse, "drop table actors")
    with pytest.raises(AnalysisError):
        run_query(warehouse, f"copy actors to '{tmp_path / 'out.csv'}'")
    assert not (tmp_path / "out.csv").exists()
    assert run_query(warehouse, "select count(*) from actors").rows == [(2,)]


def test_query_without_a_warehouse_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(AnalysisError, match="make run"):
        run_query(tmp_path / "missing.duckdb", "select 1")


def test_table_format_counts_and_truncates() -> None:
    text = cli.format_table(["a", "b"], [(1, None), (2, "x" * 100)], max_rows=1)
    lines = text.splitlines()
    assert lines[0].split() == ["a", "b"] and "NULL" in lines[2]
    assert lines[-1] == "(2 rows, 1 shown (--csv for all))"


# ------------------------------------------------------------------ quiet output


def _record(
    step: str, message: str = "", event: object = None, level: int = logging.INFO
) -> logging.LogRecord:
    record = logging.LogRecord("dagster", level, __file__, 1, message, None, None)
    record.dagster_meta = {"step_key": step, "dagster_event": event, "orig_message": message}
    return record


def _event(kind: str, **data: object) -> SimpleNamespace:
    return SimpleNamespace(event_type_value=kind, event_specific_data=SimpleNamespace(**data))


def _check(name: str, passed: bool, severity: str = "ERROR") -> SimpleNamespace:
    key = SimpleNamespace(to_user_string=lambda: name)
    return _event(
        "ASSET_CHECK_EVALUATION", asset_check_key=key, passed=passed, severity=SimpleNamespace(value=severity)
    )


def test_quiet_output_is_one_line_per_step_and_a_dbt_summary() -> None:
    out = io.StringIO()
    handler = ProgressHandler(Progress(out=out))
    handler.emit(_record("inbox_articles", "read 5 files -> 5 articles"))
    handler.emit(_record("inbox_articles", "debug chatter", level=logging.DEBUG))
    handler.emit(_record(DBT_STEP, "Running dbt command: `dbt build`"))
    for name in ("a", "b", "c"):
        handler.emit(_record(DBT_STEP, event=_event("ASSET_MATERIALIZATION")))
        handler.emit(_record(DBT_STEP, event=_check(f"unique_{name}", True)))
    handler.emit(_record(DBT_STEP, event=_event("STEP_SUCCESS")))
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].split(maxsplit=1) == ["inbox_articles", "read 5 files -> 5 articles"]
    assert "dbt: 3 models built, 3 tests passed (0 with warnings)" in lines[1]


def test_failures_are_shown_in_full() -> None:
    out = io.StringIO()
    progress = Progress(out=out)
    handler = ProgressHandler(progress)
    handler.emit(_record(DBT_STEP, event=_check("fct_events:unique_fct_events_event_id", False)))
    error = SimpleNamespace(to_string=lambda: "Traceback (most recent call last):\n  ValueError: boom")
    handler.emit(_record("cleaned_articles", event=_event("STEP_FAILURE", error=error)))
    text = out.getvalue()
    assert "FAILED check fct_events:unique_fct_events_event_id" in text
    assert "Traceback (most recent call last):\n  ValueError: boom" in text
    assert progress.checks_failed == ["fct_events:unique_fct_events_event_id"]
    assert progress.step_failures == ["cleaned_articles"]


def test_dbt_report_keeps_failures_and_the_closing_block() -> None:
    captured = "\n".join(
        [
            "1 of 3 PASS unique_a ......... [PASS in 0.1s]",
            "2 of 3 FAIL 2 not_null_b ..... [FAIL 2 in 0.1s]",
            "3 of 3 OK created sql table model main.c",
            "Completed with 1 error, 0 partial successes, and 0 warnings:",
            "Failure in test not_null_b (models/b.yml)",
            "  Got 2 results, configured to fail if != 0",
        ]
    )
    report = _dbt_report(captured)
    assert report[0].startswith("2 of 3 FAIL")
    assert report[-1].strip() == "Got 2 results, configured to fail if != 0"
    assert not any("PASS" in line or "OK created" in line for line in report)


def test_dbt_report_finds_the_closing_block_behind_dbt_timestamps() -> None:
    captured = "\n".join(
        [
            "17:34:46  3 of 3 FAIL 1 unique_a ......... [FAIL 1 in 0.04s]",
            "17:34:46  Completed with 1 error, 0 partial successes, and 0 warnings:",
            "17:34:46  Failure in test unique_a (models/a.yml)",
            "17:34:46    Got 1 result, configured to fail if != 0",
            "17:34:46    compiled code at target/compiled/unique_a.sql",
        ]
    )
    report = _dbt_report(captured)
    assert report[0].endswith("[FAIL 1 in 0.04s]")
    assert report[-2].endswith("Got 1 result, configured to fail if != 0")
    assert report[-1].endswith("compiled code at target/compiled/unique_a.sql")


# ------------------------------------------------------------------ status delta


def test_delta_lists_each_rejected_file_with_its_reason() -> None:
    run = {
        "run_at": "2026-01-01 10:00:00+00",
        "files_new": 3,
        "files_changed": 1,
        "files_reprocessed": 0,
        "files_deleted": 1,
        "articles_added": 2,
        "articles_changed": 1,
        "articles_retracted": 1,
        "duplicates": 1,
        "rejected": 2,
    }
    rejects = [
        Reject("empty.txt", None, "empty", "The file is empty."),
        Reject("feed.jsonl", 4, "malformed_json", "Line 5 is truncated."),
    ]
    text = "\n".join(delta_lines(run, rejects))
    assert "3 new, 1 changed, 0 reprocessed, 1 deleted" in text
    assert "2 added, 1 changed, 1 retracted, 1 duplicates, 2 rejected" in text
    assert "rejected empty.txt: empty (The file is empty.)" in text
    assert "rejected feed.jsonl #4: malformed_json (Line 5 is truncated.)" in text


# ------------------------------------------------------------------ pre-check


def test_precheck_skips_only_when_inbox_and_code_are_as_the_last_run_saw_them(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("خبر", encoding="utf-8")
    (inbox / ".hidden.txt").write_text("x", encoding="utf-8")
    settings = Settings(inbox=inbox, warehouse=tmp_path / "news.duckdb", quality_dir=tmp_path / "q")
    assert not precheck(settings).up_to_date  # nothing published yet

    settings.warehouse.write_bytes(b"")
    settings.build_database.parent.mkdir()
    settings.build_database.write_bytes(b"")
    first = precheck(settings)
    assert not first.up_to_date and first.files == 1  # no stamp yet; hidden files are not inbox files
    write_stamp(settings, first)
    assert precheck(settings).up_to_date

    stat = (inbox / "a.txt").stat()
    os.utime(inbox / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert not precheck(settings).up_to_date  # a touched file
    write_stamp(settings, precheck(settings))
    (inbox / "sub").mkdir()
    (inbox / "sub" / "b.jsonl").write_text("{}", encoding="utf-8")
    assert precheck(settings).reason == "inbox files added, changed or removed"
    (inbox / "sub" / "b.jsonl").unlink()
    assert precheck(settings).up_to_date
    settings.warehouse.unlink()
    assert not precheck(settings).up_to_date  # the published file is gone
