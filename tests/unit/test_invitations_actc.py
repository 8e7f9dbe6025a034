"""An invitation's purpose is no event (issue 11), on the real shapes «دعا وزير الخارجية الايراني
نظيره السوري لزيارة طهران» and «جدد دعوته للرئيس الأمريكى للقيام بزيارة رسمية للكويت»."""

from __future__ import annotations

from tests.unit.test_event_rules import SAU, B, C, _pair, _run


def test_the_visit_an_invitation_asks_for_is_no_event() -> None:
    sentence = "ودعا أيمن الصفدي نظيره سامح شكري لزيارة السعودية"
    assert _pair(_run(sentence, "لزيارة", C, SAU, code="042")) is None
    sentence = "وجدد سامح شكري دعوته لأيمن الصفدي للقيام بزيارة رسمية إلى السعودية"
    assert _pair(_run(sentence, "بزيارة", C, SAU, code="042")) is None
    sentence = "دعا أيمن الصفدي سامح شكري للقاء في عمان"
    assert _pair(_run(sentence, "للقاء", C, B)) is None


def test_a_visit_made_at_an_invitation_stays_an_event() -> None:
    sentence = "وصل أيمن الصفدي تلبية لدعوة سامح شكري لزيارة السعودية"
    assert _pair(_run(sentence, "لزيارة", C, SAU, code="042")) == (C[1], SAU[1])
    sentence = "بدأ أيمن الصفدي بدعوة من سامح شكري زيارة إلى السعودية"
    assert _pair(_run(sentence, "زيارة", C, SAU, code="042")) == (C[1], SAU[1])
