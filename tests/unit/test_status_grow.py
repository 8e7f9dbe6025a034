"""Statuses (issue 11): the postponement noun spelled without hamza (تاجيل) as the wires of some
outlets write it."""

from __future__ import annotations

from tests.unit.test_event_rules import A, B, _run


def test_a_postponement_spelled_without_hamza_is_postponed() -> None:
    # "اعلن المتحدث ... عن تاجيل زيارة وزير الخارجية محمد جواد ظريف الى روسيا"
    out = _run("اعلن المتحدث عن تاجيل زيارة فيصل بن فرحان الى سامح شكري", "زيارة", A, B, code="042")
    assert out["status"][0] == "postponed"
