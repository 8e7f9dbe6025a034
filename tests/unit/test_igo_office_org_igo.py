"""An organization right after an official acting for it names his office, no party (issue #11 igo)."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.spans import drop_title_members


def _m(rows: list[tuple[str, str, str, int, int, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_id": ["a"] * len(rows),
            "sentence_index": [0] * len(rows),
            "entity_id": [r[0] for r in rows],
            "entity_type": [r[1] for r in rows],
            "klass": [r[2] for r in rows],
            "t_start": [r[3] for r in rows],
            "a_start": [r[3] for r in rows],
            "a_end": [r[4] for r in rows],
            "actor_code": [r[5] for r in rows],
        }
    )


def test_the_organization_of_an_office_is_no_party() -> None:
    # h20 shape: كما أجرى الأمين العام للأمم المتحدة اتصالا هاتفيا مع الرئيس الإيراني إبراهيم رئيسي.
    m = _m(
        [
            ("person:antonio_guterres", "PERSON", "agent", 2, 3, "IGOUNO"),  # الأمين العام
            ("org:united_nations", "ORG", "agent", 4, 5, "IGOUNO"),  # للأمم المتحدة
            ("person:ebrahim_raisi", "PERSON", "agent", 11, 12, "IRNGOV"),
        ]
    )
    assert drop_title_members(m)["entity_id"].to_list() == ["person:antonio_guterres", "person:ebrahim_raisi"]


def test_another_organization_after_an_official_stays() -> None:
    # التقى الأمين العام للأمم المتحدة الاتحاد الأفريقي ...: another organization's code, a party.
    m = _m(
        [
            ("person:antonio_guterres", "PERSON", "agent", 2, 3, "IGOUNO"),
            ("org:african_union", "ORG", "agent", 4, 5, "IGOOAU"),
        ]
    )
    assert drop_title_members(m).height == 2
