"""Clause-level subjects (issue 11, helper attach): a verb whose subject is dropped takes the
subject of the clause it hangs on, not the nearest name before it."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_a_verb_after_qabla_an_has_the_main_clauses_subject() -> None:
    # r71 shape: "ومن المقرر أن يلتقي جوتيريش وزير الخارجية الروسي، سيرجي لافروف، والرئيس
    # الروسي، فلاديمير بوتين، قبل أن يتوجه إلى العاصمة الأوكرانية كييف": the guest goes on to Kyiv.
    out = dyads(run("يلتقي أردوغان سيرغي لافروف والرئيس الروسي فلاديمير بوتين، قبل أن يتوجه إلى سوريا."))
    assert ("042", "recep_tayyip_erdogan", "SYR") in out
    assert ("042", "vladimir_putin", "SYR") not in out


def test_a_verb_after_baada_an_has_the_main_clauses_subject() -> None:
    out = dyads(run("التقى السيسي الرئيس بوتين في موسكو، بعد أن وصل إلى روسيا."))
    assert ("042", "abdel_fattah_el_sisi", "RUS") in out
    assert ("042", "vladimir_putin", "RUS") not in out


def test_the_agent_of_what_is_condemned_is_the_condemnations_target() -> None:
    # r353 shape: "للتنديد بالجريمة التي ارتكبها كيان العدو الإسرائيلي بقصف مستشفى المعمداني":
    # the relative clause names who committed the crime; a condemnation targets him.
    out = dyads(run("أدان السيسي المجازر التي ترتكبها إسرائيل في غزة."))
    assert ("111", "abdel_fattah_el_sisi", "ISR") in out


def test_the_agent_of_a_discussed_crime_is_no_meeting_partner() -> None:
    # Only condemnations and protests read through the relative clause: talks about "the crimes
    # Israel committed" are no meeting with Israel.
    out = dyads(run("بحث السيسي مع بوتين الجرائم التي ارتكبتها إسرائيل في غزة."))
    assert not any(o == "ISR" for _, _, o in out)


def test_a_call_noun_received_by_him_has_the_caller_after_min() -> None:
    # r451 shape: "حديث السيسي جاء خلال اتصال تلقاه من رئيس الوزراء البريطاني ريشي سوناك": the
    # caller after من is actor1, the receiver is the sentence's main subject.
    out = dyads(run("وأوضح البيان أن حديث السيسي جاء خلال اتصال تلقاه من الرئيس بوتين."))
    assert ("041", "vladimir_putin", "abdel_fattah_el_sisi") in out
    assert ("041", "abdel_fattah_el_sisi", "vladimir_putin") not in out


def test_a_possessed_noun_opening_its_sentence_refers_back_to_the_last_subject() -> None:
    # r455 shape: "وصل رئيس الوزراء المصري، مصطفى مدبولي، … إلى السودان" then, a new sentence,
    # "وكان في استقباله لدى وصوله مطار الخرطوم عبد الله حمدوك": Hamdok received Madbouly.
    out = dyads(
        run(
            "وصل رئيس الوزراء المصري مصطفى مدبولي إلى روسيا في زيارة رسمية.\n"
            "وكان في استقباله لدى وصوله مطار موسكو الرئيس بوتين."
        )
    )
    assert ("043", "mostafa_madbouly", "vladimir_putin") in out
