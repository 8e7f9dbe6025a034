"""issue #12: continents and oceans are places (``places.csv`` macro regions without a country):
the gazetteer holds cities only, and أفريقيا or المحيط الأطلسي were missed places. A country named
after one (جنوب أفريقيا) stays the country."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.pipeline import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _places(text: str) -> dict[str, str]:
    arts = pl.DataFrame({"article_id": ["a"], "body": [text]})
    mentions, _ = extract_entity_mentions(arts, reference_kb())
    m = mentions.filter(pl.col("entity_type") == "PLACE")
    return dict(zip(m["surface"].to_list(), m["entity_id"].to_list(), strict=True))


def test_continents_and_oceans_are_places() -> None:
    p = _places("وكان صيادو الأسماك يعيشون بشرق افريقيا وعلى ضفاف المحيط الأطلسي منذ قرون .")
    assert p.get("افريقيا") == "place:africa", p
    assert p.get("المحيط الأطلسي") == "place:atlantic_ocean", p


def test_a_country_named_after_a_continent_stays_the_country() -> None:
    p = _places("وصل الرئيس الى جنوب أفريقيا امس في زيارة رسمية .")
    assert "place:africa" not in p.values(), p
