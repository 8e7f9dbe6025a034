"""Meetings of three or more parties and actor spans on real sentence shapes (issue 11, helper multi)."""

from __future__ import annotations

import pytest

from tests.unit.test_events import ENTITIES, dyads, run


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


def test_a_name_tail_is_part_of_the_person_and_no_actor(monkeypatch: pytest.MonkeyPatch) -> None:
    # r177 shape: "استقبل … الأمير سعود بن نايف بن عبدالعزيز أمير المنطقة الشرقية سفير …": Nayef
    # bin Abdulaziz is the host's father's name, not the host.
    monkeypatch.setitem(ENTITIES, "نايف بن عبدالعزيز", ("person:nayef_bin_abdulaziz", "PERSON"))
    out = run("استقبل الأمير سعود بن نايف بن عبدالعزيز الرئيس السيسي.")
    assert all("nayef_bin_abdulaziz" not in d for d in dyads(out))


def test_a_list_goes_on_after_a_name_tail(monkeypatch: pytest.MonkeyPatch) -> None:
    # "الملك سلمان بن عبدالعزيز آل سعود والرئيس X": the و item follows the whole name, and "سعود"
    # (read as a new person) is no guest of its own.
    monkeypatch.setitem(ENTITIES, "سعود", ("person:new:saud", "PERSON"))
    body = "استقبل الرئيس السيسي الملك سلمان بن عبدالعزيز آل سعود والرئيس بوتين."
    assert _pairs(body) == {
        frozenset({"abdel_fattah_el_sisi", "salman"}),
        frozenset({"abdel_fattah_el_sisi", "vladimir_putin"}),
    }


def test_the_summit_that_brought_three_leaders_together_gives_every_pair() -> None:
    # r106 shape: "أكدت القمة الثلاثية التي جمعت الرئيس X والرئيس Y والرئيس Z بالقصر الجمهوري".
    body = (
        "أكدت القمة الثلاثية التي جمعت الرئيس بوتين والرئيس السيسي والرئيس أردوغان بالقصر الجمهوري "
        "اليوم أهمية السلام."
    )
    assert _pairs(body) == {
        frozenset({"vladimir_putin", "abdel_fattah_el_sisi"}),
        frozenset({"vladimir_putin", "recep_tayyip_erdogan"}),
        frozenset({"abdel_fattah_el_sisi", "recep_tayyip_erdogan"}),
    }


def test_a_relative_clause_with_its_own_verb_still_ends_the_clause() -> None:
    assert _pairs("التقى بوتين السيسي قبل القمة التي ستجمعه مع أردوغان.") == {
        frozenset({"vladimir_putin", "abdel_fattah_el_sisi"})
    }
