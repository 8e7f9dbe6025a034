"""Events do not depend on the order the entity mentions come in (issue #11: held-out figures
changed from run to run on multi-party summits, r78/r105)."""

from __future__ import annotations

from datetime import date

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.events import extract_event_candidates
from orchestration.transforms.sentences import split_sentences
from tests.unit.reference_kb import reference_kb

BODY = (
    "شهدت الخرطوم أمس قمة رباعية ضمت رؤساء السودان ومصر وتشاد وأوغندا.\n"
    "وبدأت القمة بلقاء بين الرئيس السوداني عمر البشير ونظيره المصري عبدالفتاح السيسي، "
    "وانضم إليها فيما بعد الرئيس التشادي إدريس ديبي والأوغندي يوري موسفيني."
)


def _dyads(events: pl.DataFrame) -> list[tuple[str, str, str]]:
    return sorted(events.select("event_code", "actor1_entity_id", "actor2_entity_id").unique().rows())


def test_events_do_not_depend_on_mention_order() -> None:
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": [BODY], "published_date": [date(2018, 5, 1)]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    kb = reference_kb()
    sentences = split_sentences(articles)
    mentions, _ = extract_entity_mentions(articles, kb, sentences)
    runs = {
        tuple(
            _dyads(
                extract_event_candidates(
                    articles, sentences, mentions.sample(fraction=1.0, shuffle=True, seed=seed), kb
                )
            )
        )
        for seed in range(8)
    }
    assert len(runs) == 1
