"""Attendees behind a long title (issue 11, helper attach): r305 «اللقاء الذي جمع رئيس الحكومة،
عزيز أخنوش، بحضور وزير الشؤون الخارجية والتعاون الافريقي والمغاربة المقيمين بالخارج ناصر بوريطة،
مع محمد ولد بلال»: the minister is an attendee though his title runs past the usual reach and
holds a nisba."""

from __future__ import annotations

from tests.unit.test_event_rules import A, B, C, _pair, _run

MAR = ("المغاربة", "country:MAR", "MAR")


def test_an_attendee_behind_a_long_title_with_a_nisba_gives_way_to_the_partner() -> None:
    sentence = (
        "اللقاء الذي جمع فيصل بن فرحان، بحضور وزير الشؤون الخارجية والتعاون الافريقي والمغاربة "
        "المقيمين بالخارج سامح شكري، مع أيمن الصفدي"
    )
    out = _run(sentence, "اللقاء", A, B, code="040", others=(C, MAR))
    assert _pair(out) == (A[1], C[1])


def test_a_comma_ends_the_title_chain_of_an_attendee() -> None:
    # «بحضور الوزير، سامح شكري …»: past the reach and after a comma, the name may be a new list item.
    sentence = (
        "اللقاء الذي جمع فيصل بن فرحان، بحضور وزير الشؤون الخارجية والتعاون الافريقي والمغاربة "
        "المقيمين بالخارج، سامح شكري"
    )
    out = _run(sentence, "اللقاء", A, B, code="040", others=(MAR,))
    assert _pair(out) == (A[1], B[1])
