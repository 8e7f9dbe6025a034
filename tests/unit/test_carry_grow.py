"""Carried subjects and بـ partners (issue 11): honorific pronouns refer back to the person named
earlier; بـ is a trigger's "with" only next to it, on sentence shapes of real news."""

from __future__ import annotations

import pytest

from tests.unit.test_events import ENTITIES, dyads, run


def _pair(d: tuple[str, str, str]) -> tuple[str, frozenset[str]]:
    return d[0], frozenset(d[1:])


def test_an_honorific_pronoun_after_a_reception_is_the_visitor_named_before() -> None:
    # "وصل … الجبير إلى مسقط … وكان في استقبال معاليه لدى وصوله الوزير … يوسف بن علوي"
    out = run("وصل بوتين إلى مصر في زيارة رسمية. وكان في استقبال فخامته لدى وصوله الرئيس السيسي.")
    assert ("043", frozenset({"vladimir_putin", "abdel_fattah_el_sisi"})) in {_pair(d) for d in dyads(out)}


def test_the_carried_referent_is_the_latest_person_not_a_country() -> None:
    # "موضحاً أن زيارته لسلطنة عمان …" left a country as the latest subject; "معاليه" is a person.
    out = run(
        "وصل بوتين إلى مصر في زيارة رسمية. وأشاد بعمق العلاقات التي تربط روسيا ومصر، موضحا أن زيارته "
        "لمصر تأتي للتشاور. وكان في استقبال فخامته لدى وصوله الرئيس السيسي."
    )
    pairs = {_pair(d) for d in dyads(out) if d[0] == "043"}
    assert pairs == {("043", frozenset({"vladimir_putin", "abdel_fattah_el_sisi"}))}


def test_a_bi_noun_far_from_the_trigger_is_no_partner(monkeypatch: pytest.MonkeyPatch) -> None:
    # "وكان في استقبال معاليه … يوسف بن علوي … وعدد من المسؤولين بوزارة الخارجية العمانية"
    monkeypatch.setitem(ENTITIES, "وزارة الخارجية الروسية", ("org:russian_foreign_ministry", "ORG"))
    out = run(
        "وصل أردوغان إلى روسيا في زيارة رسمية. وكان في استقبال فخامته لدى وصوله الرئيس بوتين وعدد "
        "من المسؤولين بوزارة الخارجية الروسية."
    )
    assert ("043", "recep_tayyip_erdogan", "vladimir_putin") in dyads(out)
    assert not any(d[2] == "russian_foreign_ministry" for d in dyads(out))


def test_a_bi_partner_right_after_the_subject_is_still_the_partner() -> None:
    # "التقى الأمير فيصل بن فرحان بوزير خارجية نيجيريا يوسف مايتاما توجار"
    assert ("040", "vladimir_putin", "recep_tayyip_erdogan") in dyads(
        run("والتقى الرئيس بوتين بأردوغان في سوتشي.")
    )
