"""A subject's columns come from one mention (issue 11): the actor code of the sentence's main
subject is never filled in from another candidate of the subject slot."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events import extract_event_candidates
from tests.unit.test_events import KB, _frames


def test_the_main_subject_keeps_its_own_empty_actor_code() -> None:
    # "استقبل الرئيس السيسي نظيره الإريتري … خلال زيارته إلى مصر" (real wire shape): the subject of
    # the possessed noun is the main subject; the guest's code (nearest actor before) is not his.
    articles, sentences, mentions = _frames("استقبل الرئيس السيسي نظيره الأمريكي خلال زيارته إلى مصر.", None)
    codes = pl.when(pl.col("entity_id") == "person:donald_trump").then(pl.lit("USAGOV"))
    mentions = mentions.with_columns(actor_code=codes.otherwise(pl.col("actor_code")))
    out = extract_event_candidates(articles, sentences, mentions, KB)
    rows = out.filter(pl.col("actor1_entity_id") == "person:abdel_fattah_el_sisi")
    assert rows.height > 0
    assert rows["actor1_code"].is_null().all(), rows.select("trigger", "actor1_code")
