"""An attack noun's nisba is that noun's agent, not the subject of a later trigger (issue 11), on
the real shape «وتعود اخر زيارة قام بها متكي الى سوريا … في اوج الهجوم الاسرائيلي على لبنان بينما
كان عائدا من زيارة الى بيروت في طريقه الى طهران»: Israel made no visit."""

from __future__ import annotations

import pytest

from tests.unit import test_events
from tests.unit.test_events import dyads, run


def test_the_nisba_of_an_earlier_attack_noun_is_no_visitor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(test_events.ENTITIES, "الاسرائيلي", ("country:ISR", "PLACE"))
    monkeypatch.setitem(test_events.ENTITIES, "لبنان", ("country:LBN", "PLACE"))
    out = run("زار بوتين سوريا في اوج الهجوم الاسرائيلي على لبنان بينما كان عائدا من زيارة الى مصر.")
    assert not {d for d in dyads(out) if d[0] == "042" and d[1] == "ISR"}
    assert ("042", "vladimir_putin", "SYR") in dyads(out)
    # The attack itself keeps its nisba as agent.
    assert any(d[0].startswith("19") and d[1] == "ISR" for d in dyads(out))
