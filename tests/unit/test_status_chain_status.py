"""Announced trips on real sentence shapes (issue 11): a voweled imperfect verb («يتوجّه … مساء اليوم»),
a step chained to a future or opening imperfect verb («سيلتقي … وبعد ذلك يتوجه», «وسيمضي … قبل أن
يتوجه», «ويبدأ … ثم يزور»), «كان يفترض أن», and a light verb with its time before the noun
(«يعقد الرئيس، بعد قليل، لقاءً») are planned; the same shapes in the past stay occurred."""

from __future__ import annotations

from tests.unit.test_event_rules import A, B, _run

_HEADLINE = ("عنوان الخبر",)


def _status(sentence: str, trigger: str, code: str = "042", *, body: bool = True) -> str:
    return _run(sentence, trigger, A, B, code=code, before=_HEADLINE if body else ())["status"][0]


def test_a_voweled_imperfect_verb_with_a_later_time_is_announced() -> None:
    # «يتوجّه وزير الخارجية سامح شكري، مساء اليوم الأحد، إلى موسكو في زيارة رسمية»
    assert (
        _status("يتوجّه فيصل بن فرحان، مساء اليوم الأحد، إلى سامح شكري في زيارة رسمية", "يتوجّه") == "planned"
    )
    # «يبدأ سيرجي لافروف … غدًا السبت، جولة»: tanween before the alif
    assert _status("يزور فيصل بن فرحان، غدًا السبت، سامح شكري", "يزور") == "planned"
    assert _status("توجّه فيصل بن فرحان، مساء أمس، إلى سامح شكري", "توجّه") == "occurred"


def test_a_step_chained_to_a_future_verb_is_announced() -> None:
    # «لافروف سيلتقي في جدة مع الملك سلمان … وبعد ذلك يتوجه إلى الأردن»
    chained = "وأضافت: فيصل بن فرحان سيلتقي في جدة مع الملك وبعد ذلك يتوجه إلى سامح شكري"
    assert _status(chained, "يتوجه") == "planned"
    # «وسيمضي بلينكن بضع ساعات في القاهرة قبل أن يتوجه إلى الأردن»
    before = "وسيمضي فيصل بن فرحان بضع ساعات في القاهرة قبل أن يتوجه إلى سامح شكري"
    assert _status(before, "يتوجه") == "planned"
    # a past head: the sequence is narrated
    assert _status("والتقى فيصل بن فرحان الملك قبل أن يتوجه إلى سامح شكري", "يتوجه") == "occurred"


def test_a_step_after_an_opening_imperfect_verb_is_announced() -> None:
    # «ويبدأ سامح شكري، جولته الأفريقية، بالعاصمة البوروندية بوجمبورا، ثم يزور جنوب أفريقيا»
    opening = "ويبدأ فيصل بن فرحان، جولته الأفريقية، بالعاصمة البوروندية، ثم يزور سامح شكري"
    assert _status(opening, "يزور") == "planned"
    assert _status("وبدأ فيصل بن فرحان جولته بالعاصمة البوروندية، ثم زار سامح شكري", "زار") == "occurred"


def test_what_was_supposed_to_happen_is_no_occurred_event() -> None:
    # «وكان يفترض ان يلتقي مبارك واوباما الثلاثاء المقبل …، قبل ان يتوجه اوباما الى القاهرة»
    sentence = "وكان يفترض ان يلتقي الرئيسان الثلاثاء، قبل ان يتوجه فيصل بن فرحان الى سامح شكري"
    assert _status(sentence, "يتوجه") == "planned"


def test_a_light_verb_with_its_time_before_the_noun_is_announced() -> None:
    # «يعقد الرئيس عبدالفتاح السيسي، بعد قليل، لقاءً مع نظيره الأمريكي دونالد ترامب»
    soon = "يعقد فيصل بن فرحان، بعد قليل، لقاءً مع سامح شكري"
    assert _status(soon, "لقاءً", "043", body=False) == "planned"
    # «يعقد الرئيس المصري …، اليوم الاثنين، اجتماعا في العاصمة الأميركية واشنطن مع الرئيس …»
    today = "يعقد فيصل بن فرحان، اليوم الاثنين، اجتماعا في العاصمة مع سامح شكري"
    assert _status(today, "اجتماعا", "043", body=False) == "planned"
    assert _status("عقد فيصل بن فرحان، اليوم الاثنين، اجتماعا مع سامح شكري", "اجتماعا", "043") == "occurred"


def test_the_shadda_still_tells_postponed_from_for_the_sake_of() -> None:
    # «لماذا أجّل أمير قطر زيارة جودة إلى الدوحة؟»
    assert _status("وأجّل فيصل بن فرحان زيارة سامح شكري", "زيارة") == "postponed"
    assert _status("وزار فيصل بن فرحان سامح شكري من أجل بحث العلاقات", "وزار") == "occurred"


def test_a_body_clause_opening_with_an_imperfect_trigger_is_announced() -> None:
    # «ويلتقي المقداد في طهران نظيره الإيراني محمد جواد ظريف.»
    assert _status("ويلتقي فيصل بن فرحان في طهران سامح شكري.", "ويلتقي", "043") == "planned"
    # «وضمن أجندة المسؤول الأول عن الدبلوماسية المغربية، يلتقي مزوار الأمين العام للجامعة العربية»
    agenda = "وضمن أجندة المسؤول الأول عن الدبلوماسية، يلتقي فيصل بن فرحان سامح شكري"
    assert _status(agenda, "يلتقي", "043") == "planned"
    # the perfect reports; an imperfect inside a clause (after أن) is another rule's
    assert _status("والتقى فيصل بن فرحان في طهران سامح شكري.", "والتقى", "043") == "occurred"
    assert _status("وأكد المتحدث أن فيصل بن فرحان يلتقي سامح شكري بانتظام", "يلتقي", "043") == "occurred"
