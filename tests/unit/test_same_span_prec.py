"""Two mentions of one span (issue 11): «رؤساء روسيا وسوريا ومصر» names each state and its leader
on the same words. The leader stands for the state, and the result does not depend on the order
the mentions come in."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events import extract_event_candidates
from tests.unit.test_events import KB, _frames, dyads

_BODY = "عقدت قمة ثلاثية ضمت رؤساء روسيا وسوريا ومصر في سوتشي."
_LEADERS = {"country:RUS": "person:vladimir_putin", "country:SYR": "person:bashar_al_assad"}


def _run(reverse: bool) -> pl.DataFrame:
    articles, sentences, mentions = _frames(_BODY, None)
    states = mentions.filter(pl.col("entity_id").is_in(list(_LEADERS)))
    leaders = states.with_columns(
        entity_id=pl.col("entity_id").replace(_LEADERS), entity_type=pl.lit("PERSON")
    )
    both = pl.concat([leaders, mentions] if reverse else [mentions, leaders])
    return extract_event_candidates(articles, sentences, both, KB)


def test_the_leader_on_the_state_s_span_stands_for_it_in_any_order() -> None:
    first, second = dyads(_run(False)), dyads(_run(True))
    assert first == second
    assert ("040", "vladimir_putin", "bashar_al_assad") in first
    assert not any("RUS" in d or "SYR" in d for d in first), first
