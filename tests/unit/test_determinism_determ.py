"""The extraction chain gives the same frames whatever order its input rows come in (issues #10/#11).

``bench/determinism.py`` checks the whole held-out suite in fresh processes; this is the cheap guard:
a few held-out real articles whose events flipped between runs, run once as they come and once with
every stage's rows (and the knowledge-base tables) reversed.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import polars as pl
import pytest

from orchestration.transforms.clean import clean_articles
from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.entities.roles import person_spells_on
from orchestration.transforms.event_rules import apply_event_rules
from orchestration.transforms.events import extract_event_candidates
from orchestration.transforms.ingest import read_inbox
from orchestration.transforms.reference import KnowledgeBase
from orchestration.transforms.sentences import split_sentences
from tests.heldout_score import HELDOUT
from tests.unit.reference_kb import reference_kb

# Multi-party summits (r78, r105), a received crown prince whose title and name give two candidates on
# one dyad (r113), presidents who also hold the defence portfolio (r198, r259).
ARTICLES = (
    "r78_akhbarelyoum_2018",
    "r105_alwatan_sa",
    "r113_alanba",
    "r198_alwatanqa_2021",
    "r259_jawharafm_2014",
)


def _canonical(frame: pl.DataFrame) -> pl.DataFrame:
    flat = frame.select(pl.all().cast(pl.String))
    return flat.select(sorted(flat.columns)).sort(pl.all(), nulls_last=True)


def _chain(articles: pl.DataFrame, kb: KnowledgeBase, flip: bool) -> dict[str, pl.DataFrame]:
    def f(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.reverse() if flip else frame

    sentences = f(split_sentences(articles))
    mentions, _ = extract_entity_mentions(articles, kb, sentences)
    mentions = f(mentions)
    candidates = f(extract_event_candidates(articles, sentences, mentions, kb))
    events = apply_event_rules(candidates, sentences, mentions)
    return {"mentions": mentions, "candidates": candidates, "events": events}


@pytest.fixture(scope="module")
def runs() -> tuple[dict[str, pl.DataFrame], dict[str, pl.DataFrame]]:
    raw, _, _ = read_inbox(HELDOUT)
    stem = pl.col("source_file").str.replace(r"\.txt$", "").str.replace(r"^.*/", "")
    raw = raw.filter(stem.is_in(ARTICLES))
    assert raw.height == len(ARTICLES)
    cleaned = clean_articles(raw)
    articles = cleaned[0] if isinstance(cleaned, tuple) else cleaned
    kb = reference_kb()
    flipped_kb = dataclasses.replace(
        kb,
        **{
            f.name: getattr(kb, f.name).reverse()
            for f in dataclasses.fields(kb)
            if isinstance(getattr(kb, f.name), pl.DataFrame)
        },
    )
    return _chain(articles, kb, flip=False), _chain(articles.reverse(), flipped_kb, flip=True)


@pytest.mark.parametrize("frame", ["mentions", "candidates", "events"])
def test_the_chain_does_not_depend_on_row_order(runs, frame: str) -> None:  # type: ignore[no-untyped-def]
    plain, flipped = runs
    assert plain[frame].height > 0
    assert _canonical(plain[frame]).equals(_canonical(flipped[frame]))


def test_a_president_holding_the_defence_portfolio_is_coded_by_the_senior_office() -> None:
    # Two spells starting the same day (data/reference/office_spells.csv, Bouteflika): the code must
    # not follow the order of the rows.
    spells = pl.DataFrame(
        {
            "entity_id": ["person:p", "person:p"],
            "office": ["defence_minister", "head_of_state"],
            "country_iso3": ["DZA", "DZA"],
            "cameo_code": ["DZAMIL", "DZAGOV"],
            "start_date": [date(1999, 4, 27)] * 2,
            "end_date": [date(2019, 4, 2)] * 2,
            "title": ["defence_minister", "president"],
        }
    )
    requests = pl.DataFrame(
        {"req_id": [0, 1], "entity_id": ["person:p"] * 2, "date": [date(2014, 6, 8), None]},
        schema={"req_id": pl.UInt32, "entity_id": pl.String, "date": pl.Date},
    )
    for rows in (spells, spells.reverse()):
        got = person_spells_on(requests, rows).sort("req_id")
        # Dated and undated alike: the senior office (the portfolio is held within the presidency,
        # so the undated codes no longer conflict; test_concurrent_portfolios_actr).
        assert got["spell_cameo_code"].to_list() == ["DZAGOV", "DZAGOV"]


def test_a_name_without_a_code_takes_that_of_its_first_coded_mention_in_the_text() -> None:
    from orchestration.transforms.events.mentions import shared_actor_codes

    # «رئيس جمهورية جنوب السودان سلفاكير» ... «الرئيس سلفاكير» ... a later mention read otherwise.
    m = pl.DataFrame(
        {
            "article_id": ["a"] * 3,
            "entity_id": ["person:x"] * 3,
            "char_start": [10, 50, 90],
            "char_end": [20, 60, 100],
            "actor_code": ["SSDGOV", None, "SSDMIL"],
        }
    )
    for rows in (m, m.reverse()):
        got = shared_actor_codes(rows).sort("char_start")["actor_code"].to_list()
        assert got == ["SSDGOV", "SSDGOV", "SSDMIL"]
