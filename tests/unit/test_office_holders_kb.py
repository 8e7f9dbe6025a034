"""Office holders of the African Union states, vice presidents and speakers (issue #12): the build's
new positions, its guard against offices held by several people at once, and role resolution."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.reference import KnowledgeBase
from tests.unit.test_office_holders import build, holders_on

RAW_COLUMNS = ["position", "person", "personID", "start", "end", "enwiki", "country_iso3"]


def raw(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=dict.fromkeys(RAW_COLUMNS, pl.String), orient="row").with_columns(
        snapshot=pl.lit("2022-08-01")
    )


def test_speakers_and_vice_presidents_get_their_office_and_code() -> None:
    got = build.to_spells(
        raw(
            [
                ("Speaker of the Parliament", "Nabih Berri", "Q1", "1992-10-20", None, "Nabih Berri", "LBN"),
                ("Deputy President", "Cyril Ramaphosa", "Q2", "2014-05-26", "2018-02-15", None, "ZAF"),
                ("Speaker of the Senate", "Someone", "Q3", "2013", None, None, "KEN"),
                ("Secretary for Foreign Affairs", "Junior", "Q4", "2013", None, None, "GBR"),
                ("Secretary for Foreign Affairs", "Raychelle Omamo", "Q5", "2020-01-14", None, None, "KEN"),
            ]
        )
    ).sort("entity_id")
    # Not kept: an upper house's speaker, and the Kenyan-only label elsewhere.
    assert got.select("entity_id", "office", "title", "cameo_code").rows() == [
        ("person:cyril_ramaphosa", "vice_president", "vice_president", "ZAFGOV"),
        ("person:nabih_berri", "speaker", "speaker", "LBNLEG"),
        ("person:raychelle_omamo", "foreign_minister", "foreign_minister", "KENGOV"),
    ]


def test_a_label_held_by_several_people_at_once_is_left_out() -> None:
    spells = build.to_spells(
        raw(
            [
                # Iran's many vice presidents at once: the plain label names nobody in particular.
                ("Vice President", "A", "Q1", "2013-08-03", "2017-08-01", None, "IRN"),
                ("Vice President", "B", "Q2", "2013-09-01", "2017-08-01", None, "IRN"),
                ("First Vice President", "C", "Q3", "2013-08-03", "2021-08-03", None, "IRN"),
                # A handover a few days late is no second holder.
                ("Vice President", "D", "Q4", "2009-01-20", "2017-01-25", None, "USA"),
                ("Vice President", "E", "Q5", "2017-01-20", "2021-01-20", None, "USA"),
            ]
        )
    )
    kept = build.single_holder_labels(spells).sort("entity_id")
    assert kept["entity_id"].to_list() == ["person:c", "person:d", "person:e"]


@pytest.mark.parametrize(
    ("iso3", "office", "on", "expected"),
    [
        ("LBN", "speaker", date(2018, 6, 1), "Nabih Berri"),
        ("KEN", "vice_president", date(2015, 1, 1), "William Ruto"),
        ("SEN", "head_of_state", date(2015, 1, 1), "Macky Sall"),
        ("NGA", "head_of_state", date(2016, 1, 1), "Muhammadu Buhari"),
        ("TCD", "head_of_state", date(2010, 1, 1), "Idriss Déby"),
        ("SWZ", "head_of_state", date(2010, 1, 1), "Mswati III"),
    ],
)
def test_spot_checks_of_the_new_states_and_offices(
    kb: KnowledgeBase, iso3: str, office: str, on: date, expected: str
) -> None:
    assert holders_on(kb, iso3, office, on)["name_en"].to_list() == [expected]


def test_speaker_role_resolves_to_the_holder_of_the_day(kb: KnowledgeBase) -> None:
    articles = pl.DataFrame(
        {
            "article_id": ["a"],
            "body": ["واستقبل رئيس البرلمان اللبناني السفير"],
            "published_date": [date(2018, 6, 1)],
        }
    )
    mentions, _ = extract_entity_mentions(articles, kb)
    people = mentions.filter(pl.col("method") == "role").select("entity_id", "actor_code").rows()
    assert people == [("person:nabih_berri", "LBNLEG")]
