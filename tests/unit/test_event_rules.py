"""Unit tests for the sanity and status rules (orchestration/transforms/event_rules.py).

Each case is one hand-made candidate over a hand-made sentence, with the mentions of that sentence,
so that every rule is checked on its own.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from orchestration.transforms.entities import MENTION_SCHEMA
from orchestration.transforms.event_rules import apply_event_rules
from orchestration.transforms.events import EVENT_CANDIDATES_SCHEMA

Actor = tuple[str, str, str]  # surface, entity_id, actor_code

A = ("فيصل بن فرحان", "person:faisal_bin_farhan_al_saud", "SAUGOV")
B = ("سامح شكري", "person:sameh_shoukry", "EGYGOV")
C = ("أيمن الصفدي", "person:ayman_safadi", "JORGOV")
SAU = ("السعودية", "country:SAU", "SAU")
SAU_ROLE = ("أمير منطقة الرياض", "actor:SAUGOV:governor", "SAUGOV")
A2 = ("عادل الجبير", "person:adel_al_jubeir", "SAUGOV")


def _run(
    sentence: str,
    trigger: str,
    a1: Actor,
    a2: Actor,
    code: str = "043",
    others: tuple[Actor, ...] = (),
    before: tuple[str, ...] = (),
    status: str = "occurred",
) -> pl.DataFrame:
    """One candidate in the last of ``before + (sentence,)``; mentions are ``a1, a2, others``."""
    texts = [*before, sentence]
    starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
    base, index = starts[-1], len(texts) - 1
    sentences = pl.DataFrame(
        {
            "article_id": ["a"] * len(texts),
            "sentence_index": list(range(len(texts))),
            "char_start": starts,
            "char_end": [s + len(t) for s, t in zip(starts, texts, strict=True)],
            "sentence": texts,
        }
    )

    def at(surface: str) -> int:
        pos = sentence.find(surface)
        assert pos >= 0, surface
        return base + pos

    mentions = pl.DataFrame(
        {
            "article_id": ["a"] * (2 + len(others)),
            "entity_id": [m[1] for m in (a1, a2, *others)],
            "entity_type": ["PLACE" if m[1].startswith("country:") else "PERSON" for m in (a1, a2, *others)],
            "surface": [m[0] for m in (a1, a2, *others)],
            "char_start": [at(m[0]) for m in (a1, a2, *others)],
            "char_end": [at(m[0]) + len(m[0]) for m in (a1, a2, *others)],
            "sentence_index": [index] * (2 + len(others)),
            "method": ["exact"] * (2 + len(others)),
            "confidence": [0.9] * (2 + len(others)),
            "actor_code": [m[2] for m in (a1, a2, *others)],
            "role": [None] * (2 + len(others)),
        },
        schema=MENTION_SCHEMA,
    )
    candidates = pl.DataFrame(
        {
            "mention_id": ["m1"],
            "article_id": ["a"],
            "sentence_index": [index],
            "sentence": [sentence],
            "event_code": [code],
            "trigger": [trigger],
            "action_char_offset": [at(trigger)],
            "actor1_entity_id": [a1[1]],
            "actor2_entity_id": [a2[1]],
            "actor1_char_offset": [at(a1[0])],
            "actor2_char_offset": [at(a2[0])],
            "actor1_code": [a1[2]],
            "actor2_code": [a2[2]],
            "location_entity_id": [None],
            "status": [status],
            "event_date": [dt.date(2023, 5, 1)],
            "date_precision": ["day"],
            "event_weekday": [1],
            "confidence": [0.8],
        },
        schema=EVENT_CANDIDATES_SCHEMA,
    )
    out = apply_event_rules(candidates, sentences, mentions)
    assert out.schema == candidates.schema
    return out


def _pair(out: pl.DataFrame) -> tuple[str, str] | None:
    if out.height == 0:
        return None
    assert out.height == 1
    return out["actor1_entity_id"][0], out["actor2_entity_id"][0]


def test_a_plain_meeting_passes_unchanged() -> None:
    out = _run("استقبل فيصل بن فرحان اليوم سامح شكري", "استقبل", A, B)
    assert _pair(out) == (A[1], B[1])
    assert out["status"][0] == "occurred"


def test_link_lines_hold_no_event() -> None:
    assert _pair(_run("رابط الخبر: فيصل بن فرحان يستقبل سامح شكري", "يستقبل", A, B)) is None
    # «اقرأ أيضا..» split off as a sentence of its own: the headline after it is the link.
    out = _run("فيصل بن فرحان يستقبل سامح شكري", "يستقبل", A, B, before=("اقرأ أيضا..",))
    assert _pair(out) is None


def test_the_object_of_an_attendance_verb_is_no_meeting() -> None:
    assert _pair(_run("حضر الاستقبال فيصل بن فرحان و سامح شكري", "الاستقبال", A, B)) is None


def test_an_attendee_after_bihudur_gives_way_to_the_partner() -> None:
    sentence = "التقى فيصل بن فرحان، بحضور عادل الجبير، أيمن الصفدي وزير خارجية الأردن"
    out = _run(sentence, "التقى", A, A2, others=(C,))
    assert _pair(out) == (A[1], C[1])


def test_an_attendance_list_closing_the_sentence_is_no_partner() -> None:
    sentence = "استقبل سامح شكري أيمن الصفدي في القاهرة بحضور فيصل بن فرحان"
    assert _pair(_run(sentence, "استقبل", B, A, others=(C,))) == (B[1], C[1])


def test_the_sender_of_conveyed_greetings_is_no_partner() -> None:
    sentence = "استقبل سامح شكري أيمن الصفدي الذي نقل إليه تحيات فيصل بن فرحان"
    assert _pair(_run(sentence, "استقبل", B, A, others=(C,))) == (B[1], C[1])


def test_own_country_partner_falls_back_to_the_foreign_one() -> None:
    sentence = "استقبل فيصل بن فرحان وزير خارجية السعودية في مكتبه سامح شكري"
    assert _pair(_run(sentence, "استقبل", A, SAU, others=(B,))) == (A[1], B[1])


def test_own_country_pair_without_another_actor_is_dropped() -> None:
    assert _pair(_run("استقبل فيصل بن فرحان أمير منطقة الرياض", "استقبل", A, SAU_ROLE)) is None
    assert _pair(_run("استقبل فيصل بن فرحان اليوم فيصل بن فرحان", "استقبل", A, A)) is None


def test_own_country_rule_is_for_bilateral_kinds_only() -> None:
    # A minister may well criticize a policy of his own state (CAMEO 111 is not bilateral).
    out = _run("انتقد فيصل بن فرحان قرار السعودية", "انتقد", A, SAU, code="111")
    assert _pair(out) == (A[1], SAU[1])


def test_two_compatriots_stay_a_domestic_meeting() -> None:
    assert _pair(_run("استقبل فيصل بن فرحان اليوم عادل الجبير", "استقبل", A, A2)) == (A[1], A2[1])


def test_a_country_named_as_the_place_is_no_partner_but_a_destination_is() -> None:
    sentence = "التقى سامح شكري بالعاصمة السعودية الرياض أيمن الصفدي"
    assert _pair(_run(sentence, "التقى", B, SAU, others=(C,))) == (B[1], C[1])
    visit = _run("بدأ سامح شكري زيارة إلى السعودية", "زيارة", B, SAU, code="042")
    assert _pair(visit) == (B[1], SAU[1])
    # the area an attack hits is its target ("قصفت طائرات … عشرات المواقع في قطاع غزة")
    strike = _run(
        "قصف سامح شكري عشرات المواقع في السعودية قرب أيمن الصفدي", "قصف", B, SAU, code="190", others=(C,)
    )
    assert _pair(strike) == (B[1], SAU[1])


def test_postponed_cancelled_and_expected_statuses() -> None:
    def status(sentence: str, trigger: str) -> str:
        return _run(sentence, trigger, A, B)["status"][0]

    assert status("أعلنت الرياض تأجيل القمة بين فيصل بن فرحان و سامح شكري", "القمة") == "postponed"
    assert status("ألغى فيصل بن فرحان اجتماعه مع سامح شكري", "اجتماعه") == "cancelled"
    assert status("ومن المتوقع أن يلتقي فيصل بن فرحان سامح شكري", "يلتقي") == "planned"
    assert status("وصل فيصل بن فرحان إلى القاهرة لعقد لقاء مع سامح شكري", "لقاء") == "planned"
    # a rescheduled event is postponed
    assert (
        status("وقالت الرئاسة إن زيارة فيصل بن فرحان إلى سامح شكري ستجري في موعد جديد", "زيارة")
        == "postponed"
    )
    # "ومن المقرر أن" announces the whole sentence, however far the trigger stands
    lead = "ومن المقرر أن يتوجه فيصل بن فرحان ظهر الأربعاء إلى رام الله ثم إلى العقبة للمشاركة في القمة الثلاثية مع سامح شكري"
    assert status(lead, "القمة") == "planned"


def test_an_imperfect_verb_with_a_later_time_is_an_announcement_outside_headlines() -> None:
    body = _run("ويلتقي فيصل بن فرحان مساء اليوم سامح شكري", "ويلتقي", A, B, before=("وصل الوزير",))
    assert body["status"][0] == "planned"
    headline = _run("فيصل بن فرحان يلتقي اليوم سامح شكري", "يلتقي", A, B)
    assert headline["status"][0] == "occurred"
    ongoing = _run("وقال سامح شكري الذي يزور حاليا السعودية اليوم", "يزور", B, SAU, code="042", before=("x",))
    assert ongoing["status"][0] == "occurred"
    recalled = _run("تأجيل قمة فيصل بن فرحان و سامح شكري", "قمة", A, B, status="historical")
    assert recalled["status"][0] == "postponed"


def test_no_candidates_give_the_empty_table() -> None:
    empty = pl.DataFrame(schema=EVENT_CANDIDATES_SCHEMA)
    sentences = pl.DataFrame(
        schema={
            "article_id": pl.String,
            "sentence_index": pl.Int64,
            "char_start": pl.Int64,
            "char_end": pl.Int64,
            "sentence": pl.String,
        }
    )
    out = apply_event_rules(empty, sentences, pl.DataFrame(schema=MENTION_SCHEMA))
    assert out.is_empty() and out.schema == empty.schema


def test_a_state_running_into_a_name_is_that_person_s_title() -> None:
    syr = ("السورية", "country:SYR", "SYR")
    mekdad = ("فيصل المقداد", "person:faisal_mekdad", "SYRGOV")
    sentence = "تلقى سامح شكري اتصالا من وزير الخارجية السورية، فيصل المقداد"
    assert _pair(_run(sentence, "اتصالا", B, syr, code="041", others=(mekdad,))) == (B[1], mekdad[1])


def test_a_person_and_the_organization_of_his_own_title_are_no_pair() -> None:
    gheit = ("أحمد أبو الغيط", "person:ahmed_aboul_gheit", "")
    league = ("جامعة الدول العربية", "org:arab_league", "IGOARL")
    sentence = "استقبل أحمد أبو الغيط الأمين العام لجامعة الدول العربية اليوم سامح شكري"
    assert _pair(_run(sentence, "استقبل", gheit, league, others=(B,))) == (gheit[1], B[1])
    # An organization that is the partner (a delegation of it) stays.
    delegation = "استقبل أحمد أبو الغيط وفد جامعة الدول العربية"
    assert _pair(_run(delegation, "استقبل", gheit, league)) == (gheit[1], league[1])


def test_an_official_of_an_organization_is_not_paired_with_it() -> None:
    # "استقبل قيس سعيّد أحمد أبو الغيط، الأمين العام لجامعة الدول العربية. وتناول اللقاء ...": the
    # Secretary-General acts for the League (IGOARL), the League is not his partner.
    gheit = ("أحمد أبو الغيط", "person:ahmed_aboul_gheit", "IGOARL")
    league = ("جامعة الدول العربية", "org:arab_league", "IGOARL")
    sentence = "التقى أحمد أبو الغيط الأمين العام لجامعة الدول العربية اليوم سامح شكري"
    assert _pair(_run(sentence, "التقى", gheit, league, others=(B,))) == (gheit[1], B[1])
    assert _pair(_run("التقى أحمد أبو الغيط جامعة الدول العربية", "التقى", gheit, league)) is None


def test_a_person_named_after_an_envoy_word_is_represented_not_a_party() -> None:
    # «خلال استقباله ... سفير خادم الحرمين الشريفين لدى الكويت الأمير سلطان بن سعد»
    sentence = "استقبل أيمن الصفدي سفير فيصل بن فرحان لدى الأردن سامح شكري"
    assert _pair(_run(sentence, "استقبل", C, A, others=(B,))) == (C[1], B[1])
    # «حل ... لتمثيل صاحب الجلالة الملك X»: without another actor the pair is dropped.
    sentence = "استقبل أيمن الصفدي لتمثيل صاحب الجلالة فيصل بن فرحان"
    assert _pair(_run(sentence, "استقبل", C, A)) is None
    # The definite word is the person's own title: «التقى ... السفير خالد اليماني».
    sentence = "التقى أيمن الصفدي السفير فيصل بن فرحان"
    assert _pair(_run(sentence, "التقى", C, A)) == (C[1], A[1])


def test_the_speaker_before_a_bare_inna_is_no_party_of_the_reported_event() -> None:
    # «وقالت المتحدثة … زاخاروفا في المؤتمر الصحفي، إن وزير الخارجية سيقوم بزيارة رسمية إلى …»
    sentence = "وقال أيمن الصفدي في المؤتمر الصحفي، إن وزير الخارجية سيقوم بزيارة إلى السعودية"
    assert _pair(_run(sentence, "بزيارة", C, SAU, code="042")) is None
    # إنه: the speaker is the subject of what he reports.
    sentence = "وقال أيمن الصفدي إنه قام بزيارة إلى السعودية"
    assert _pair(_run(sentence, "بزيارة", C, SAU, code="042")) == (C[1], SAU[1])


def test_prepared_awaited_and_future_auxiliary_events_are_planned() -> None:
    def status(sentence: str, trigger: str, code: str = "043", before: tuple[str, ...] = ()) -> str:
        return _run(sentence, trigger, A, B, code=code, before=before)["status"][0]

    # «الاستعدادات قائمة … تحضيرا لزيارة رسمية للملك محمد السادس لجمهورية مصر»: visits too.
    assert status("الاستعدادات قائمة تحضيرا لزيارة فيصل بن فرحان إلى سامح شكري", "لزيارة", "042") == "planned"
    assert status("وتأتي الزيارة المرتقبة لفيصل بن فرحان إلى سامح شكري", "الزيارة", "042") == "planned"
    # «وسيكون اللقاء بين محمد السادس وعبد الفتاح السيسي هو الأول من نوعه»
    assert status("وسيكون اللقاء بين فيصل بن فرحان و سامح شكري الأول", "اللقاء") == "planned"
    # «يلتقي الرئيس الأمريكي خلالها بخادم الحرمين»: a meeting the announced visit is to hold.
    assert status("يلتقي فيصل بن فرحان خلالها سامح شكري", "يلتقي", before=("x",)) == "planned"
    # A lead that opens with the verb and names the day announces: «يلتقي سامح شكري وزير الخارجية، اليوم».
    assert status("يلتقي فيصل بن فرحان وزير الخارجية، اليوم الأربعاء، سامح شكري", "يلتقي") == "planned"
    # The same words about something else leave a reported meeting alone.
    assert status("التقى فيصل بن فرحان سامح شكري في زيارته", "التقى") == "occurred"
    assert status("التقى فيصل بن فرحان سامح شكري تحضيرا للقمة", "التقى") == "occurred"


def test_an_organization_as_venue_or_accreditation_is_no_partner() -> None:
    # «خلال استقبال سمو الأمير المفدى له … في مكتبه بالديوان الأميري»: the diwan is the venue.
    diwan = ("الديوان الأميري", "org:amiri_diwan_qatar", "QATGOV")
    sentence = "استقبل فيصل بن فرحان سامح شكري في مكتبه بالديوان الأميري"
    assert _pair(_run(sentence, "استقبل", A, diwan, others=(B,))) == (A[1], B[1])
    # «بسفير خادم الحرمين … ومندوب المملكة الدائم لدى جامعة الدول العربية»: where he is accredited.
    league = ("جامعة الدول العربية", "org:arab_league", "IGOARL")
    assert _pair(_run("التقى سامح شكري بالمندوب الدائم لدى جامعة الدول العربية", "التقى", B, league)) is None
    # The organization after a meeting verb is still a partner (a delegation of it).
    assert _pair(_run("استقبل سامح شكري وفد جامعة الدول العربية", "استقبل", B, league)) == (B[1], league[1])


def test_the_sender_of_a_letter_handed_over_is_no_party_of_the_meeting() -> None:
    # «سيلتقي الرئيس سلفاكير … ويسلمه رسالة خطية من رئيس مجلس السيادة … البرهان»
    sentence = "التقى سامح شكري أيمن الصفدي وسلمه رسالة خطية من رئيس المجلس الفريق فيصل بن فرحان"
    assert _pair(_run(sentence, "التقى", B, A, others=(C,))) == (B[1], C[1])
    # A letter before the trigger leaves its later actors alone.
    sentence = "تسلم أيمن الصفدي رسالة من فيصل بن فرحان خلال استقباله سامح شكري"
    assert _pair(_run(sentence, "استقباله", C, B, others=(A,))) == (C[1], B[1])


def test_states_listed_as_the_stops_of_one_tour_are_no_visit_of_each_other() -> None:
    egy = ("مصر", "country:EGY", "EGY")
    jor = ("الأردن", "country:JOR", "JOR")
    # «زيارة لدول المنطقة، تشمل إسرائيل ومصر والأردن»
    sentence = "وكان من المقرر أن يجري سامح شكري زيارة لدول المنطقة، تشمل السعودية ومصر والأردن"
    assert _pair(_run(sentence, "زيارة", SAU, jor, code="042", others=(B, egy))) is None
    assert _pair(_run(sentence, "زيارة", B, jor, code="042", others=(SAU, egy))) == (B[1], jor[1])
    # A summit of listed states is a meeting of each pair.
    summit = "انعقدت قمة تضم السعودية ومصر والأردن"
    assert _pair(_run(summit, "قمة", SAU, jor, others=(egy,))) == (SAU[1], jor[1])
