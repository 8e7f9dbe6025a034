"""A bare noun turned planned by its announced cluster (issue 11) takes the announcement's date, not
the publication day an occurred mention was given: «… سيزور طهران، يوم الأحد المقبل … فإن زيارة رئيس
الوزراء العراقي، تعد أول زيارة …»."""

from __future__ import annotations

import datetime as dt

import polars as pl

from orchestration.transforms.event_status_rules import cluster_statuses

PUB = dt.date(2020, 7, 16)  # a Thursday
SUNDAY = dt.date(2020, 7, 19)


def _mentions(*rows: tuple[str, str, dt.date | None, str]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_id": ["a"] * len(rows),
            "event_code": ["042"] * len(rows),
            "actor1_entity_id": ["person:mustafa_al_kadhimi"] * len(rows),
            "actor2_entity_id": ["country:IRN"] * len(rows),
            "trigger": [r[0] for r in rows],
            "status": [r[1] for r in rows],
            "event_date": [r[2] for r in rows],
            "date_precision": [r[3] for r in rows],
        },
        schema_overrides={"event_date": pl.Date},
    )


def test_a_bare_noun_of_an_announced_visit_takes_its_date() -> None:
    out = cluster_statuses(_mentions(("سيزور", "planned", SUNDAY, "day"), ("زيارة", "occurred", PUB, "day")))
    assert out["status"].to_list() == ["planned", "planned"]
    assert out["event_date"].to_list() == [SUNDAY, SUNDAY]


def test_a_bare_noun_of_an_undated_announcement_is_undated() -> None:
    out = cluster_statuses(
        _mentions(("سيزور", "planned", None, "unknown"), ("زيارة", "occurred", PUB, "day"))
    )
    assert out["event_date"].to_list() == [None, None]
    assert out["date_precision"].to_list() == ["unknown", "unknown"]


def test_a_reported_visit_keeps_its_dates() -> None:
    rows = (
        ("سيزور", "planned", SUNDAY, "day"),
        ("وصل إلى", "occurred", PUB, "day"),
        ("زيارته", "occurred", PUB, "day"),
    )
    out = cluster_statuses(_mentions(*rows))
    assert out["event_date"].to_list() == [SUNDAY, PUB, PUB]
