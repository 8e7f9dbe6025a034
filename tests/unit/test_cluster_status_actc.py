"""A bare noun mention of an announced event is announced too (issue 11), on the real shape
«… بأن رئيس الوزراء العراقي سيزور طهران، يوم الأحد المقبل … فإن زيارة رئيس الوزراء العراقي، تعد أول
زيارة لمسؤول أجنبي … إلى إيران»."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.event_status_rules import cluster_statuses


def _mentions(*rows: tuple[str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_id": ["a"] * len(rows),
            "event_code": ["042"] * len(rows),
            "actor1_entity_id": ["person:mustafa_al_kadhimi"] * len(rows),
            "actor2_entity_id": ["country:IRN"] * len(rows),
            "trigger": [t for t, _ in rows],
            "status": [s for _, s in rows],
        }
    )


def test_a_bare_visit_noun_of_an_announced_visit_is_planned() -> None:
    out = cluster_statuses(_mentions(("سيزور", "planned"), ("يزور", "planned"), ("زيارة", "occurred")))
    assert out["status"].to_list() == ["planned", "planned", "planned"]


def test_a_verb_that_reports_the_visit_keeps_the_nouns_occurred() -> None:
    out = cluster_statuses(_mentions(("سيزور", "planned"), ("وصل إلى", "occurred"), ("زيارته", "occurred")))
    assert out["status"].to_list() == ["planned", "occurred", "occurred"]


def test_without_an_announcement_a_noun_stays_occurred() -> None:
    out = cluster_statuses(_mentions(("زيارة", "occurred"), ("بزيارة", "occurred")))
    assert out["status"].to_list() == ["occurred", "occurred"]
