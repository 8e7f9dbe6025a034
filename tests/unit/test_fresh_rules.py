"""Rules from the errors on real news the pipeline had never seen (issue 11, fixtures r480-r519 and
the dev split): each test is built from a real sentence shape."""

from __future__ import annotations

from tests.unit.test_event_rules import _pair, _run

ZAYANI = ("الزياني", "person:abdullatif_bin_rashid_al_zayani", "BHRGOV")
BOU_HABIB = ("عبد الله بو حبيب", "person:abdallah_bou_habib", "LBNGOV")
MIKATI = ("نجيب ميقاتي", "person:najib_mikati", "LBNGOV")
AOUN = ("ميشال عون", "person:michel_aoun", "LBNGOV")
RICHARD = ("إليزابيث ريتشارد", "person:new:richard", "USAGOV")


def test_two_compatriots_are_no_pair_beside_a_foreign_guest() -> None:
    # «الزياني جاء إلى دمشق قادمًا من لبنان، إذ استقبله في مطار بيروت نظيره اللبناني، عبد الله بو
    # حبيب، …، والتقى هناك رئيس حكومة تصريف الأعمال، نجيب ميقاتي»: the guest met the prime minister.
    sentence = (
        "الزياني جاء إلى دمشق قادمًا من لبنان، إذ استقبله في مطار بيروت نظيره اللبناني، عبد الله بو حبيب،"
        " وفق ما نقلته صحيفة الأخبار، والتقى هناك رئيس حكومة تصريف الأعمال، نجيب ميقاتي"
    )
    out = _run(sentence, "والتقى", BOU_HABIB, MIKATI, code="040", others=(ZAYANI,))
    assert _pair(out) == (ZAYANI[1], MIKATI[1])


def test_two_compatriots_stay_a_domestic_pair_when_nobody_else_is_named() -> None:
    # «استقبل رئيس الجمهورية العماد ميشال عون في قصر بعبدا رئيس الحكومة سعد الحريري»
    sentence = "استقبل رئيس الجمهورية ميشال عون في قصر بعبدا رئيس الحكومة نجيب ميقاتي"
    assert _pair(_run(sentence, "استقبل", AOUN, MIKATI)) == (AOUN[1], MIKATI[1])
    # A foreign attendee is no party, so no sign that the compatriots are the wrong pair.
    sentence = "استقبل ميشال عون في قصر بعبدا نجيب ميقاتي بحضور السفيرة الأمريكية إليزابيث ريتشارد"
    assert _pair(_run(sentence, "استقبل", AOUN, MIKATI, others=(RICHARD,))) == (AOUN[1], MIKATI[1])


MENFI = ("محمد يونس المنفي", "person:mohamed_al_menfi", "LBYGOV")
TURKEY = ("التركية", "country:TUR", "TUR")
SISI = ("عبد الفتاح السيسي", "person:abdel_fattah_el_sisi", "EGYGOV")
SAFADI = ("أيمن الصفدي", "person:ayman_safadi", "JORGOV")


def test_a_body_lead_opening_with_an_imperfect_verb_announces() -> None:
    # «يتوجه رئيس المجلس الرئاسي الليبي محمد يونس المنفي إلى العاصمة التركية أنقرة، للقاء الرئيس
    # التركي …»: no time word, yet the lead announces the trip.
    sentence = (
        "يتوجه رئيس المجلس الرئاسي الليبي محمد يونس المنفي إلى العاصمة التركية أنقرة، للقاء الرئيس"
        " التركي رجب طيب أردوغان، لإجراء محادثات حول العلاقات التركية الليبية"
    )
    out = _run(sentence, "يتوجه", MENFI, TURKEY, code="042")
    assert out["status"].to_list() == ["planned"]
    # «يغادر رئيس مجلس السيادة، الفريق أول ركن عبد الفتاح البرهان اليوم (الخميس) إلى …»: leaving
    # is announced like going (the time word is out of reach behind the titles).
    burhan = ("عبد الفتاح البرهان", "person:abdel_fattah_al_burhan", "SDNGOV")
    sentence = (
        "يغادر رئيس مجلس السيادة، الفريق أول ركن عبد الفتاح البرهان اليوم (الخميس) إلى العاصمة التركية"
        " أنقرة، تلبية لدعوة رسمية من الرئيس التركي"
    )
    assert _run(sentence, "يغادر", burhan, TURKEY, code="042")["status"].to_list() == ["planned"]
    # A headline kept as the first sentence reports in the present tense: short, no clause comma.
    out = _run("يستقبل عبد الفتاح السيسي أيمن الصفدي في القاهرة", "يستقبل", SISI, SAFADI)
    assert out["status"].to_list() == ["occurred"]


def test_a_visit_noun_the_clause_goes_on_to_intend_is_planned() -> None:
    # «وأضافت المصادر أن زيارة البرهان إلى تركيا تأتي ضمن جولة خارجية يعتزم رئيس مجلس السيادة
    # القيام بها تشمل قطر»: the visit is a step of an intended tour.
    burhan = ("البرهان", "person:abdel_fattah_al_burhan", "SDNGOV")
    turkey = ("تركيا", "country:TUR", "TUR")
    sentence = (
        "وأضافت المصادر أن زيارة البرهان إلى تركيا تأتي ضمن جولة خارجية يعتزم رئيس مجلس السيادة"
        " القيام بها تشمل قطر"
    )
    assert _run(sentence, "زيارة", burhan, turkey, code="042")["status"].to_list() == ["planned"]
    # A verb reports what happened, whatever is intended after it.
    sentence = "التقى عبد الفتاح السيسي أيمن الصفدي وأكد أنه يعتزم زيارة عمان"
    assert _run(sentence, "التقى", SISI, SAFADI)["status"].to_list() == ["occurred"]


HOUTHIS = ("الحوثيين", "org:houthis", "YEMREB")
COALITION = ("التحالف العربي", "org:saudi_led_coalition", "SAUMIL")
YEMEN = ("اليمنية", "country:YEM", "YEM")


def test_an_attack_pairs_no_state_with_a_force_of_its_own() -> None:
    # «شنت مقاتلات تابعة للتحالف العربي، فجر الخميس، غارات على العاصمة اليمنية صنعاء، الواقعة تحت
    # سيطرة الحوثيين»: the coalition struck; the Houthis hold the city hit.
    sentence = (
        "شنت مقاتلات تابعة للتحالف العربي، فجر الخميس، غارات على العاصمة اليمنية صنعاء، الواقعة تحت"
        " سيطرة الحوثيين"
    )
    coalition = ("للتحالف العربي", *COALITION[1:])
    out = _run(sentence, "غارات", HOUTHIS, YEMEN, code="195", others=(coalition,))
    assert _pair(out) == (COALITION[1], YEMEN[1])
    # Nobody else named: no attack at all.
    sentence = "غارات على العاصمة اليمنية صنعاء، الواقعة تحت سيطرة الحوثيين"
    assert _pair(_run(sentence, "غارات", HOUTHIS, YEMEN, code="195")) is None
    # A force of another state keeps its target.
    sentence = "شنت مقاتلات التحالف العربي غارات على العاصمة اليمنية صنعاء"
    assert _pair(_run(sentence, "غارات", COALITION, YEMEN, code="195")) == (COALITION[1], YEMEN[1])


def test_two_items_of_one_list_are_no_pair_of_a_one_way_event() -> None:
    # «كان في استقباله وزير الخدمة المدنية … يحيى محمد الشعيبي، ومندوب عن تشريفات رئاسة الجمهورية،
    # والسفير العماني بصنعاء عبد الله بن حمد البادي»: the welcomers; the guest is the pronoun.
    shuaibi = ("يحيى محمد الشعيبي", "person:new:shuaibi", "YEMGOV")
    badi = ("عبد الله بن حمد البادي", "person:new:badi", "OMNGOV")
    sentence = (
        "كان في استقباله وزير الخدمة المدنية والتأمينات الدكتور يحيى محمد الشعيبي، ومندوب عن تشريفات"
        " رئاسة الجمهورية، والسفير العماني بصنعاء عبد الله بن حمد البادي"
    )
    assert _pair(_run(sentence, "استقباله", shuaibi, badi)) is None
    # «واتهمت الحكومة اليمنية والمجلس الانتقالي الجنوبي …، الحوثيين بشن الهجوم»: two accusers.
    government = ("الحكومة اليمنية", "org:government_of_yemen", "YEMGOV")
    stc = ("المجلس الانتقالي الجنوبي", "org:southern_transitional_council", "YEMREB")
    sentence = "واتهمت الحكومة اليمنية والمجلس الانتقالي الجنوبي، المدعوم من الإمارات، الحوثيين بشن الهجوم"
    assert _pair(_run(sentence, "واتهمت", government, stc, code="112", others=(HOUTHIS,))) is None
    # «استقبل سعادة السفير إبراهيم فخرو، رئيس دائرة المراسم بوزارة الخارجية القطرية، وسعادة سفير
    # بلادنا لدى دولة قطر الشقيقة راجح بادي، صباح اليوم في مطار حمد الدولي، معالي الدكتور شائع
    # محسن الزنداني»: two hosts, the first with his title after a comma; the guest comes last.
    fakhro = ("إبراهيم فخرو", "person:new:fakhro", "QATGOV")
    badi = ("راجح بادي", "person:new:rajeh_badi", "YEMGOV")
    sentence = (
        "استقبل سعادة السفير إبراهيم فخرو، رئيس دائرة المراسم بوزارة الخارجية القطرية، وسعادة سفير"
        " بلادنا لدى دولة قطر الشقيقة راجح بادي، صباح اليوم في مطار حمد الدولي، معالي الدكتور شائع"
    )
    assert _pair(_run(sentence, "استقبل", fakhro, badi)) is None
    # A meeting of the two items stays: «التقى X وY».
    sentence = "التقى عبد الفتاح السيسي وأيمن الصفدي في القاهرة"
    assert _pair(_run(sentence, "التقى", SISI, SAFADI, code="040")) == (SISI[1], SAFADI[1])
    # A dyad list after بين is the pair itself.
    sentence = "اندلعت اشتباكات بين الحوثيين والتحالف العربي في مأرب"
    assert _pair(_run(sentence, "اشتباكات", HOUTHIS, COALITION, code="190")) == (HOUTHIS[1], COALITION[1])


def test_the_objects_of_one_meeting_verb_are_no_pair() -> None:
    # «يلتقي خلاله برئيس الجمهورية مسعود بزشكيان، ووزير الخارجية عباس عراقجي، ورئيس البرلمان»: the
    # Iraqi guest (the sentence before) meets each; the two Iranians are not a meeting.
    pezeshkian = ("مسعود بزشكيان", "person:masoud_pezeshkian", "IRNGOV")
    araghchi = ("عباس عراقجي", "person:abbas_araghchi", "IRNGOV")
    sentence = (
        "ان الزيارة ستستمر يوماً واحدا يلتقي خلاله برئيس الجمهورية مسعود بزشكيان، ووزير الخارجية عباس"
        " عراقجي، ورئيس البرلمان الإيراني"
    )
    assert _pair(_run(sentence, "يلتقي", pezeshkian, araghchi, code="040")) is None
    # Two subjects of the verb stay its pair: «التقى الرئيس X ووزير الخارجية Y».
    sentence = "التقى الرئيس عبد الفتاح السيسي ووزير الخارجية أيمن الصفدي في القاهرة"
    assert _pair(_run(sentence, "التقى", SISI, SAFADI, code="040")) == (SISI[1], SAFADI[1])


def test_the_principal_in_a_proxy_title_with_a_preposition_is_no_party() -> None:
    # «كما من المتوقع أن يلتقي بوريطة قبل ذلك بمستشار الرئيس الأمريكي دونالد ترامب، مسعد بولس»:
    # Bourita meets the adviser, not the president.
    bourita = ("بوريطة", "person:nasser_bourita", "MARGOV")
    trump = ("دونالد ترامب", "person:donald_trump", "USAGOV")
    boulos = ("مسعد بولس", "person:new:boulos", "USAGOV")
    sentence = "كما من المتوقع أن يلتقي بوريطة قبل ذلك بمستشار الرئيس الأمريكي دونالد ترامب، مسعد بولس"
    out = _run(sentence, "يلتقي", bourita, trump, code="040", others=(boulos,))
    assert _pair(out) == (bourita[1], boulos[1])
