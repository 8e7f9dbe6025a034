"""The dbt deduplication rule (int_event_mentions -> fct_events) on hand-made event mentions.

Builds a tiny `landing` schema directly in DuckDB and runs `dbt build` on the event models, so the
rule is tested independently of extraction quality.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import polars as pl
import pytest

from orchestration.settings import DBT_PROJECT_DIR
from orchestration.transforms.entities import MENTION_SCHEMA
from orchestration.transforms.inbox_state import STATE_SCHEMA
from orchestration.transforms.ingest import DUPLICATE_SCHEMA, REJECT_SCHEMA
from orchestration.transforms.sentences import SENTENCE_SCHEMA

if TYPE_CHECKING:
    from dbt.cli.main import dbtRunnerResult

D = date.fromisoformat


def _articles() -> pl.DataFrame:
    rows = [
        ("a1", "2017-11-21", "src one"),
        ("a2", "2017-11-21", "src two"),
        ("a3", None, None),  # undated: "yesterday, Monday" -> weekday 1
        ("a4", None, None),  # undated embedded article of a later year: "Monday"
        ("a5", "2019-03-02", "src one"),
    ]
    return pl.DataFrame(
        {
            "article_id": [r[0] for r in rows],
            "source_file": [f"{r[0]}.txt" for r in rows],
            "record_index": [0] * len(rows),
            "encoding": ["utf-8"] * len(rows),
            "title": [None] * len(rows),
            "published_date": [D(r[1]) if r[1] else None for r in rows],
            "published_date_source": ["text" if r[1] else None for r in rows],
            "source_name": [r[2] for r in rows],
            "section": [None] * len(rows),
            "dateline": [None] * len(rows),
            "url": [None] * len(rows),
            "body": ["بوتين اتصل مع ترامب ونتنياهو في سوتشي " * 3] * len(rows),
            "n_chars": [len("بوتين اتصل مع ترامب ونتنياهو في سوتشي " * 3)] * len(rows),
        },
        schema_overrides={"title": pl.String, "section": pl.String, "dateline": pl.String, "url": pl.String},
    )


def _entities() -> pl.DataFrame:
    ids = ["person:putin", "person:trump", "person:netanyahu", "person:assad", "place:sochi"]
    return pl.DataFrame(
        {
            "entity_id": ids,
            "entity_type": ["PERSON"] * 4 + ["PLACE"],
            "name_en": ["Vladimir Putin", "Donald Trump", "Benjamin Netanyahu", "Bashar al-Assad", "Sochi"],
            "name_ar": [None] * 5,
            "country_iso3": ["RUS", "USA", "ISR", "SYR", "RUS"],
            "cameo_code": ["RUSGOV", "USAGOV", "ISRGOV", "SYRGOV", None],
            "latitude": [None, None, None, None, 43.6],
            "longitude": [None, None, None, None, 39.7],
            "origin": ["kb"] * 5,
        },
        schema_overrides={"name_ar": pl.String},
    )


def _candidates() -> pl.DataFrame:
    # (mention, article, code, actor1, actor2, status, date, precision, weekday, location)
    rows = [
        # Putin-Trump call reported by two outlets, once each way round: one event.
        ("m1", "a1", "041", "person:putin", "person:trump", "occurred", "2017-11-21", "day", 2, None),
        ("m2", "a2", "041", "person:trump", "person:putin", "occurred", "2017-11-21", "day", 2, None),
        # Putin-Netanyahu call, 2017 ...
        ("m3", "a1", "041", "person:putin", "person:netanyahu", "occurred", "2017-11-21", "day", 2, None),
        # ... and the same pair on an unknown Monday of a later year: must stay separate.
        ("m4", "a4", "041", "person:putin", "person:netanyahu", "occurred", None, "unknown", 1, None),
        # Putin hosts Assad on Monday 2017-11-20; an undated article says "yesterday, Monday"
        # and another calls it a visit: host and visit fold into one meeting.
        ("m5", "a1", "043", "person:putin", "person:assad", "occurred", "2017-11-20", "day", 1, None),
        ("m6", "a3", "042", "person:assad", "person:putin", "occurred", None, "unknown", 1, "place:sochi"),
        # The same Putin-Trump pair two years later: another event.
        ("m7", "a5", "041", "person:putin", "person:trump", "occurred", "2019-03-01", "day", 5, None),
        # An undated mention in an article that also dates the event joins it (same story).
        ("m8", "a2", "041", "person:putin", "person:trump", "occurred", None, "unknown", None, None),
        # An article of 2019 reports an undated Putin-Netanyahu call on a Tuesday: the weekday fits the
        # 2017 call, but an article cannot report as news a call from two years before.
        ("m9", "a5", "041", "person:putin", "person:netanyahu", "occurred", None, "unknown", 2, None),
        # A Trump-Assad meeting announced for later the same day by two articles, one of which also
        # reads it as occurred: the planned mentions are not overridden by a lone occurred one.
        ("m10", "a1", "043", "person:trump", "person:assad", "planned", "2017-11-21", "day", 2, None),
        ("m11", "a2", "043", "person:assad", "person:trump", "planned", "2017-11-21", "day", 2, None),
        ("m12", "a2", "043", "person:trump", "person:assad", "occurred", "2017-11-21", "day", 2, None),
        # A Netanyahu-Assad meeting announced, then postponed in the same article: postponed.
        ("m13", "a5", "043", "person:netanyahu", "person:assad", "planned", "2019-03-10", "day", 7, None),
        ("m14", "a5", "043", "person:netanyahu", "person:assad", "postponed", "2019-03-10", "day", 7, None),
    ]
    return pl.DataFrame(
        {
            "mention_id": [r[0] for r in rows],
            "article_id": [r[1] for r in rows],
            "sentence_index": list(range(len(rows))),
            "sentence": ["بوتين اتصل مع ترامب"] * len(rows),
            "event_code": [r[2] for r in rows],
            "trigger": ["اتصل"] * len(rows),
            "action_char_offset": [6] * len(rows),
            "actor1_entity_id": [r[3] for r in rows],
            "actor2_entity_id": [r[4] for r in rows],
            "actor1_char_offset": [0] * len(rows),
            "actor2_char_offset": [14] * len(rows),
            "actor1_code": [None] * len(rows),
            "actor2_code": [None] * len(rows),
            "location_entity_id": [r[9] for r in rows],
            "status": [r[5] for r in rows],
            "event_date": [D(r[6]) if r[6] else None for r in rows],
            "date_precision": [r[7] for r in rows],
            "event_weekday": [r[8] for r in rows],
            "confidence": [0.9] * len(rows),
        },
        schema_overrides={"actor1_code": pl.String, "actor2_code": pl.String, "event_weekday": pl.Int32},
    )


def _empty(columns: dict[str, pl.DataType] | dict[str, type[pl.DataType]]) -> pl.DataFrame:
    return pl.DataFrame(schema=columns)


@pytest.fixture(scope="module")
def dedup_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("dedup") / "dedup.duckdb"
    articles = _articles()
    tables = {
        "articles": articles,
        "entities": _entities(),
        "event_candidates": _candidates(),
        "entity_mentions": _empty(MENTION_SCHEMA),
        "sentences": _empty(SENTENCE_SCHEMA),
        "raw_articles": articles.select("article_id", "source_file", pl.lit(0).alias("record_index")),
        "duplicate_articles": _empty(DUPLICATE_SCHEMA),
        "rejected_articles": _empty(REJECT_SCHEMA),
    }
    tables["rejected_clean"] = tables["rejected_articles"]
    tables["inbox_files"] = _empty({**STATE_SCHEMA, "pipeline_version": pl.String, "change": pl.String})
    tables["retracted_articles"] = _empty({"article_id": pl.String})
    with duckdb.connect(str(db)) as con:
        con.execute("create schema landing")
        for name, frame in tables.items():
            con.register("frame", frame.to_arrow())
            con.execute(f"create table landing.{name} as select * from frame")
            con.unregister("frame")
    # Only the events and what they read, with those models' own dbt tests: the other marts would
    # cost a whole build and assert nothing here. The profile reads the database path from the
    # environment; it is set for this build only, so later tests of the worker see their own.
    with pytest.MonkeyPatch.context() as env:
        env.setenv("AKHBAR_BUILD_DB", str(db))
        result = _build_events(db)
    assert result.success, result.exception
    return db


def _build_events(db: Path) -> dbtRunnerResult:
    from dbt.cli.main import dbtRunner

    return dbtRunner().invoke(
        [
            "build",
            "--quiet",
            "--select",
            "+fct_events",
            "+fct_event_mentions",
            # only the tests whose every model is built here (not the relationships to other marts)
            "--indirect-selection",
            "cautious",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(db.parent / "target"),
        ]
    )


def _events(db: Path) -> pl.DataFrame:
    with duckdb.connect(str(db)) as con:
        return con.execute(
            "select e.event_id, e.event_code, e.event_date, e.status, e.num_mentions, e.num_articles, e.num_sources, "
            "list(m.mention_id order by m.mention_id) as mentions "
            "from fct_events e join fct_event_mentions m using (event_id) "
            "group by all order by mentions"
        ).pl()


def _event_of(events: pl.DataFrame, mention: str) -> dict:
    rows = events.filter(pl.col("mentions").list.contains(mention))
    assert rows.height == 1
    return rows.row(0, named=True)


def test_same_call_reported_both_ways_is_one_event(dedup_db: Path) -> None:
    event = _event_of(_events(dedup_db), "m1")
    assert event["mentions"] == ["m1", "m2", "m8"]
    assert event["event_date"] == D("2017-11-21")
    assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (3, 2, 2)


def test_same_pair_years_apart_is_two_events(dedup_db: Path) -> None:
    events = _events(dedup_db)
    assert _event_of(events, "m7")["mentions"] == ["m7"]
    assert _event_of(events, "m4")["mentions"] == ["m4"]
    assert _event_of(events, "m4")["event_date"] is None
    assert _event_of(events, "m3")["mentions"] == ["m3"]


def test_undated_mention_never_joins_an_event_long_before_its_article(dedup_db: Path) -> None:
    assert _event_of(_events(dedup_db), "m9")["mentions"] == ["m9"]


def test_undated_weekday_mention_joins_the_matching_meeting(dedup_db: Path) -> None:
    event = _event_of(_events(dedup_db), "m5")
    assert event["mentions"] == ["m5", "m6"]
    assert event["event_date"] == D("2017-11-20")
    assert event["event_code"] in {"042", "043"}


def test_counts_equal_mention_rows(dedup_db: Path) -> None:
    with duckdb.connect(str(dedup_db)) as con:
        mismatches = con.execute(
            "select count(*) from fct_events e where num_mentions <> "
            "(select count(*) from fct_event_mentions m where m.event_id = e.event_id)"
        ).fetchone()[0]
    assert mismatches == 0


def test_planned_mentions_are_not_overridden_by_a_lone_occurred_one(dedup_db: Path) -> None:
    event = _event_of(_events(dedup_db), "m10")
    assert event["mentions"] == ["m10", "m11", "m12"]
    assert event["status"] == "planned"


def test_a_postponed_meeting_stays_postponed(dedup_db: Path) -> None:
    event = _event_of(_events(dedup_db), "m13")
    assert event["mentions"] == ["m13", "m14"]
    assert event["status"] == "postponed"
