"""issue #12: a listed person's name runs on over the ruling family's name written after it
(``titled.widen_over_family``): the base lists خليفة بن زايد, the article writes خليفة بن زايد آل
نهيان, and the name mention is the whole of it, same entity."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.pipeline import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _persons(*texts: str) -> pl.DataFrame:
    arts = pl.DataFrame({"article_id": [str(i) for i in range(len(texts))], "body": list(texts)})
    mentions, _ = extract_entity_mentions(arts, reference_kb())
    return mentions.filter(pl.col("entity_type") == "PERSON")


def test_a_listed_name_takes_the_family_name_after_it() -> None:
    text = "وصل صاحب السمو الشيخ خليفة بن زايد آل نهيان رئيس الدولة إلى باريس امس ."
    p = _persons(text)
    hit = p.filter(pl.col("surface").str.starts_with("خليفة بن زايد"))
    assert hit["surface"].to_list() == ["خليفة بن زايد آل نهيان"], p
    row = hit.row(0, named=True)
    assert text[row["char_start"] : row["char_end"]] == "خليفة بن زايد آل نهيان"
    assert not row["entity_id"].startswith("person:new:")


def test_a_name_without_family_particle_is_unchanged() -> None:
    p = _persons("وصل صاحب السمو الشيخ خليفة بن زايد الى باريس امس .")
    assert "خليفة بن زايد" in p["surface"].to_list(), p
