"""Partner rules on real sentence shapes (issue 11): who is named in a sentence but is no party of
its event (a speaker before بأن, a sender by بتكليف من, a ruler whose envoy comes)."""

from __future__ import annotations

from tests.unit.test_event_rules import SAU, A, B, C, _pair, _run


def test_the_speaker_before_bi_anna_is_no_party_of_the_reported_event() -> None:
    # «صرَّح السفير أحمد أبو زيد، المتحدث الرسمي …، بأن سامح شكري وزير الخارجية أجرى اتصالين»
    sentence = "وصرَّح أيمن الصفدي، المتحدث الرسمي، بأن وزير الخارجية قام بزيارة إلى السعودية"
    assert _pair(_run(sentence, "بزيارة", C, SAU, code="042")) is None
    # بأنه: the speaker reports his own visit.
    sentence = "وصرح أيمن الصفدي بأنه قام بزيارة إلى السعودية"
    assert _pair(_run(sentence, "بزيارة", C, SAU, code="042")) == (C[1], SAU[1])
    # The subject of the reported clause stays a party.
    sentence = "وصرح المتحدث الرسمي بأن أيمن الصفدي التقى سامح شكري"
    assert _pair(_run(sentence, "التقى", C, B)) == (C[1], B[1])


def test_the_first_greetings_after_the_trigger_count_when_a_later_verb_greets_too() -> None:
    # «ونقل وزير الخارجية، في بداية الاستقبال، تحيات خادم الحرمين …، وولي العهد …، لسلطان عُمان
    # …، فيما حمله سلطان عُمان تحياته …»: the parties after the first تحيات are greeted, not met.
    sentence = "ونقل الوزير، في بداية الاستقبال، تحيات أيمن الصفدي، و سامح شكري، فيما حمله الوزير تحياته"
    assert _pair(_run(sentence, "الاستقبال", C, B)) is None


def test_a_role_that_continues_a_person_s_titles_is_that_person() -> None:
    # «استقبل السلطان هيثم بن طارق …، صاحب السمو الملكي الأمير محمد بن سلمان ولي العهد ورئيس مجلس
    # الوزراء السعودي»: the prime minister is the crown prince just named, not a second guest.
    pm = ("رئيس مجلس الوزراء السعودي", "actor:SAUGOV:prime_minister", "SAUGOV")
    guest = ("فيصل بن فرحان", "person:faisal_bin_farhan_al_saud", "")
    sentence = "استقبل سامح شكري أمس، الأمير فيصل بن فرحان ولي العهد ورئيس مجلس الوزراء السعودي"
    assert _pair(_run(sentence, "استقبل", B, pm, others=(guest,))) == (B[1], guest[1])
    # A role of another state after the name is a guest of its own.
    other = ("رئيس مجلس الوزراء الأردني", "actor:JORGOV:prime_minister", "JORGOV")
    sentence = "استقبل سامح شكري أمس، الأمير فيصل بن فرحان ورئيس مجلس الوزراء الأردني"
    guest = ("فيصل بن فرحان", "person:faisal_bin_farhan_al_saud", "SAUGOV")
    assert _pair(_run(sentence, "استقبل", B, other, others=(guest,))) == (B[1], other[1])


def test_the_one_who_sent_the_envoy_is_no_party() -> None:
    # «استقبل … بتكليف من الرئيس X، Y»: X sent him; «مبعوث صاحب السمو الشيخ نواف»: the emir is
    # represented by his envoy.
    sentence = "استقبل سامح شكري بتكليف من الرئيس أيمن الصفدي الوزير فيصل بن فرحان"
    assert _pair(_run(sentence, "استقبل", B, C, others=(A,))) == (B[1], A[1])
    sentence = "التقى سامح شكري مبعوث صاحب السمو الشيخ أيمن الصفدي"
    assert _pair(_run(sentence, "التقى", B, C)) is None


def test_a_role_right_after_a_name_of_its_state_is_that_person() -> None:
    # «بأن "علي أكبر صالحي" وزير الخارجية الإيراني السابق كان قد أجرى اتصالاً»
    fm = ("وزير الخارجية الأردني", "actor:JORGOV:foreign_minister", "JORGOV")
    sentence = 'وأجرى "أيمن الصفدي" وزير الخارجية الأردني اتصالا مع سامح شكري'
    assert _pair(_run(sentence, "اتصالا", fm, B, code="041", others=(C,))) == (C[1], B[1])
    # A host without a known code keeps a foreign role after his name as his guest.
    host = ("سامح شكري", "person:sameh_shoukry", None)
    sentence = "استقبل سامح شكري وزير الخارجية الأردني"
    assert _pair(_run(sentence, "استقبل", host, fm)) == (host[1], fm[1])
