"""Light verbs (issue 11): «أجرى» before a call or talks noun is no name after a title
(«سامح شكري وزير الخارجية أجرى اتصالين هاتفيين»), and its subject slot is the noun trigger's."""

from __future__ import annotations

import polars as pl

from tests.unit.test_openworld import _extract


def test_a_light_verb_after_a_title_is_no_name() -> None:
    m, _ = _extract(
        "صرح المتحدث الرسمي بأن سامح شكري وزير الخارجية أجرى اتصالين هاتفيين يوم الأحد مع نظيره الأردني."
    )
    assert "أجرى" not in m["surface"].to_list(), m.select("entity_id", "surface")
    assert m.filter(pl.col("entity_id") == "person:sameh_shoukry").height == 1
