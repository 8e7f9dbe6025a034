"""Meetings of three or more parties and actor spans on real sentence shapes (issue 11, helper multi)."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def _pairs(body: str) -> set[frozenset[str]]:
    return {frozenset(d[1:]) for d in dyads(run(body))}


def test_a_list_of_participants_of_a_summit_gives_every_pair() -> None:
    # r78 shape: "انطلقت القمة الثلاثية … بمشاركة كل من الرئيس التركي X ونظيريه الروسي Y والإيراني Z".
    body = (
        "انطلقت أمس القمة الثلاثية حول سوريا في العاصمة طهران بمشاركة كل من الرئيس التركي أردوغان "
        "ونظيريه الروسي بوتين والإيراني روحاني."
    )
    assert _pairs(body) == {
        frozenset({"recep_tayyip_erdogan", "vladimir_putin"}),
        frozenset({"recep_tayyip_erdogan", "hassan_rouhani"}),
        frozenset({"vladimir_putin", "hassan_rouhani"}),
    }


def test_a_lone_participant_is_no_partner() -> None:
    # "استقبل X Y بمشاركة Z": Z attends; the guest is still the object.
    assert _pairs("استقبل الرئيس بوتين الرئيس السيسي بمشاركة سيرغي لافروف.") == {
        frozenset({"vladimir_putin", "abdel_fattah_el_sisi"})
    }


def test_participants_of_a_summit_another_event_discussed_are_its_topic() -> None:
    # Seed 001 shape: the call between X and Y discussed the trilateral talks "بمشاركة كل من …".
    body = (
        "كما تناولت المكالمة الهاتفية بين بوتين وترامب المحادثات الثلاثية المقرر عقدها في سوتشي "
        "بمشاركة كل من أردوغان وروحاني والسيسي."
    )
    assert _pairs(body) == {frozenset({"vladimir_putin", "donald_trump"})}
