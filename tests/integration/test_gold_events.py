"""fct_events on the sample against tests/gold/events.csv."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import Pipeline
from tests.integration._gold import family, norm_name, read_gold

GOLD = read_gold("events.csv")
MUST = [row for row in GOLD if row["must"] == "yes"]
# E06 may or may not include 004 (gold note).
OPTIONAL_ARTICLES = {"E06": {"004"}}


@pytest.fixture(scope="module")
def events(sample_pipeline: Pipeline) -> list[dict]:
    frame = sample_pipeline.frame(
        """
        select
            e.event_id, e.event_code, e.event_date, e.status,
            e.actor1_name_en, e.actor1_country_iso3, e.actor2_name_en, e.actor2_country_iso3,
            list(distinct substr(a.source_file, 1, 3) order by substr(a.source_file, 1, 3)) as files
        from fct_events e
        join fct_event_mentions m using (event_id)
        join dim_articles a using (article_id)
        group by all
        """
    )
    return frame.to_dicts()


def _actors(row: dict) -> set[tuple[str, str]]:
    return {
        (norm_name(row["actor1_name_en"]), row["actor1_country_iso3"] or ""),
        (norm_name(row["actor2_name_en"]), row["actor2_country_iso3"] or ""),
    }


def _gold_actors(gold: dict[str, str]) -> set[tuple[str, str]]:
    return {
        (norm_name(gold["actor1_en"]), gold["actor1_iso3"]),
        (norm_name(gold["actor2_en"]), gold["actor2_iso3"]),
    }


def _matches(row: dict, gold: dict[str, str]) -> bool:
    return _actors(row) == _gold_actors(gold) and family(row["event_code"]) == gold["kind"].replace(
        "visit", "meeting"
    )


@pytest.mark.parametrize("gold", MUST, ids=lambda g: g["event"])
def test_must_event_is_one_row(events: list[dict], gold: dict[str, str]) -> None:
    accepted = {date.fromisoformat(d) for d in (gold["event_date"], gold["date_also_accepted"]) if d}
    rows = [
        r
        for r in events
        if _matches(r, gold)
        and (
            r["event_date"] in accepted
            if gold["event_date"]
            else r["event_date"] is None or r["event_date"] in accepted
        )
    ]
    assert len(rows) == 1, f"{gold['event']}: {len(rows)} rows match: {rows}"
    files = set(rows[0]["files"])
    expected = set(gold["mentioned_in"].split("|"))
    optional = OPTIONAL_ARTICLES.get(gold["event"], set())
    assert expected - optional <= files <= expected, f"{gold['event']}: mentioned in {sorted(files)}"


def test_same_pair_years_apart_are_two_events(events: list[dict]) -> None:
    e04, e10 = (next(g for g in GOLD if g["event"] == e) for e in ("E04", "E10"))
    rows = [r for r in events if _matches(r, e04)]
    assert {r["event_date"] for r in rows} == {date(2017, 11, 21), None}
    assert next(r for r in rows if r["event_date"] is None)["files"] == e10["mentioned_in"].split("|")


def _country_pair(row: dict) -> frozenset[str]:
    return frozenset({row["actor1_country_iso3"] or "", row["actor2_country_iso3"] or ""})


def _covered(row: dict) -> bool:
    """Whether a gold yes/optional row covers the event, comparing actors at country level."""
    for gold in GOLD:
        if frozenset({gold["actor1_iso3"], gold["actor2_iso3"]}) != _country_pair(row):
            continue
        # O04's note accepts any event code in 0xx.
        if gold["event"] == "O04" and row["event_code"].startswith("0"):
            return True
        if family(row["event_code"]) == gold["kind"].replace("visit", "meeting"):
            return True
    return False


def test_few_events_outside_the_gold(events: list[dict]) -> None:
    extra = [r for r in events if not _covered(r)]
    print("\nevents outside the gold yes/optional rows:")
    for r in extra:
        print(
            f"  {r['event_code']} {r['actor1_name_en']} -> {r['actor2_name_en']} {r['event_date']} {r['files']}"
        )
    assert len(extra) <= 3
