"""Clauses (issue 11): dropped subjects, clause ends at reporting verbs, taa marbuta, places after في."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.transforms.events import extract_event_candidates
from tests.unit.test_events import ENTITIES, KB, PUB, _frames, dyads, run


def test_a_bare_title_after_the_verb_carries_the_earlier_subject() -> None:
    # "كما التقى وزير الخارجية، اليوم، سفير …": the minister named sentences before is the subject.
    out = run(
        "التقى وزير الخارجية الروسي سيرغي لافروف الرئيس السيسي في موسكو. "
        # a caption: the pronoun of لقائه is the minister, the name after it is the one met
        "الوزير خلال لقائه ريكس تيلرسون. "
        "كما التقى وزير الخارجية، اليوم، ريكس تيلرسون."
    )
    assert ("040", "sergey_lavrov", "rex_tillerson") in dyads(out)
    assert not any(d[1] == "rex_tillerson" for d in dyads(out))


def test_the_object_after_an_adverbial_visit_belongs_to_the_verb() -> None:
    # "وقد التقى المبعوث الأممي خلال زيارته لصنعاء زعيم …": the visit does not end the clause.
    out = run(
        "بحث وزير الخارجية الروسي سيرغي لافروف مع ريكس تيلرسون الوضع في سوريا. "
        "وقد التقى الوزير خلال زيارته لمصر الرئيس السيسي."
    )
    assert ("040", "sergey_lavrov", "abdel_fattah_el_sisi") in dyads(out)


def test_a_bare_title_with_nobody_named_before_invents_no_subject() -> None:
    out = run("كما التقى وزير الخارجية، اليوم، الرئيس السيسي.")
    assert not any(d[1] == "abdel_fattah_el_sisi" for d in dyads(out))


def test_a_title_chain_that_runs_into_a_name_is_no_bare_title() -> None:
    # The chain breaks at an unknown word (والتعاون) but leads to its name: that name is the subject.
    out = run("التقى بوتين أمس السيسي. والتقى وزير الخارجية والتعاون الدولي سيرغي لافروف الرئيس السيسي.")
    assert ("040", "sergey_lavrov", "abdel_fattah_el_sisi") in dyads(out)
    assert ("040", "vladimir_putin", "abdel_fattah_el_sisi") in dyads(out)


def test_a_final_taa_marbuta_is_no_pronoun_suffix() -> None:
    # "وزارة" (ministry) normalizes like و+زار+ه (and he visited him): only the latter is a visit.
    assert run("بوتين في وزارة الخارجية المصرية مع السيسي.").filter(pl.col("trigger") == "وزارة").height == 0
    # the suffixed verb still reads as a visit
    out = run("وزاره الرئيس السيسي في موسكو أمس.")
    assert out.filter(pl.col("trigger") == "وزاره")["event_code"].to_list() == ["042"]


def test_a_reporting_verb_after_a_comma_ends_the_clause() -> None:
    # "أدانت السعودية الاقتحام، وقالت وزارة الخارجية …": the one who speaks was not condemned.
    assert dyads(run("أدان بوتين بشدة، وقال ترامب إن الهجوم مرفوض.")) == set()


def test_an_organization_just_after_fi_is_where_not_who(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ENTITIES, "وزارة الخارجية الروسية", ("org:russian_foreign_ministry", "ORG"))
    out = run("استقبل الرئيس بوتين اليوم في قصر ضيافة وزارة الخارجية الروسية بمدينة موسكو الرئيس السيسي.")
    assert dyads(out) == {("043", "vladimir_putin", "abdel_fattah_el_sisi")}


def test_the_nisba_after_an_attack_noun_and_its_adjective_is_the_attacker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "الغارة الجوية الإسرائيلية الجديدة استهدفت مدينة غزة": Israel struck. A bare nisba is a weak
    # country mention: it counts only as the agent of an event noun.
    monkeypatch.setitem(ENTITIES, "الإسرائيلية", ("country:ISR", "PLACE"))
    articles, sentences, mentions = _frames(
        "وأفاد المراسل بأن الغارة الجوية الإسرائيلية الجديدة استهدفت موسكو.", PUB
    )
    weak = pl.when(pl.col("entity_id") == "country:ISR").then(0.3).otherwise(pl.col("confidence"))
    out = extract_event_candidates(articles, sentences, mentions.with_columns(confidence=weak), KB)
    assert dyads(out) == {("195", "ISR", "RUS")}


def test_a_short_name_after_a_light_verb_refers_back_to_its_person(monkeypatch: pytest.MonkeyPatch) -> None:
    # "كما تلقّى الأمير سلطان أمس اتصالاً هاتفياً من …": سلطان is the crown prince named first, not
    # the last subject (the Qatari emir who called in between).
    monkeypatch.setitem(ENTITIES, "الأمير سلطان بن عبدالعزيز", ("person:sultan_bin_abdulaziz", "PERSON"))
    out = run(
        "تلقى ولي العهد الأمير سلطان بن عبدالعزيز اتصالاً هاتفياً من ترامب. "
        "وخلال الاتصال، هنأ ترامب الرئيس السيسي. "
        "كما تلقى الأمير سلطان أمس اتصالاً هاتفياً من الرئيس بوتين."
    )
    assert ("041", "vladimir_putin", "sultan_bin_abdulaziz") in dyads(out)
    assert not any(d[1] == "vladimir_putin" and d[2] != "sultan_bin_abdulaziz" for d in dyads(out))


def test_a_bare_title_before_a_call_noun_carries_the_subject() -> None:
    # "وتلقى صاحب السمو رئيس الدولة اتصالاً هاتفياً من …": the head of state named before.
    out = run("استقبل الرئيس السيسي اليوم ترامب. وتلقى صاحب السمو رئيس الدولة اتصالاً هاتفياً من بوتين.")
    assert ("041", "vladimir_putin", "abdel_fattah_el_sisi") in dyads(out)


def test_an_organization_inside_the_caller_s_title_is_part_of_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # "من رئيس المكتب السياسي لحركة حماس خالد مشعل": the title, organization included, is Mashal's.
    monkeypatch.setitem(ENTITIES, "حركة حماس", ("org:hamas", "ORG"))
    monkeypatch.setitem(ENTITIES, "خالد مشعل", ("person:khaled_mashal", "PERSON"))
    out = run("تلقى الرئيس السيسي اتصالاً هاتفياً من رئيس المكتب السياسي لحركة حماس خالد مشعل.")
    assert dyads(out) == {("041", "khaled_mashal", "abdel_fattah_el_sisi")}


def test_a_surname_alone_after_the_verb_is_the_person_named_before() -> None:
    # "حيث استقبل السوداني كلا من: سفير دولة الكويت …، وسفير …": the surname is left unlinked
    # (it reads as a nisba); the subject is the prime minister named in the sentence before.
    out = run(
        "استقبل رئيس مجلس الوزراء محمد شياع السوداني، اليوم، سفراء عدد من الدول، كل على حدة.\n"
        "حيث استقبل السوداني كلا من: الرئيس بوتين، وريكس تيلرسون، وأنغيلا ميركل."
    )
    assert {d[1:] for d in dyads(out)} == {
        ("mohammed_shia_al_sudani", "vladimir_putin"),
        ("mohammed_shia_al_sudani", "rex_tillerson"),
        ("mohammed_shia_al_sudani", "angela_merkel"),
    }


def test_a_detached_wa_still_coordinates_the_pair() -> None:
    # "بحث الرئيس التونسى الباجي قائد السبسي و أحمد أبو الغيط …": و typed apart from the name.
    out = run("بحث الرئيس الروسي فلاديمير بوتين و عبد الفتاح السيسي تطورات الأوضاع.")
    assert ("040", "vladimir_putin", "abdel_fattah_el_sisi") in dyads(out)
    # three subjects joined by detached و: every pair
    assert len(dyads(run("اجتمع بوتين و السيسي و ترامب أمس."))) == 3


def test_a_titled_partner_after_wa_is_coordinated() -> None:
    # "بحث X والرئيس المصري Y": the partner's titles stand between the و and the name.
    out = run("بحث فلاديمير بوتين والرئيس المصري عبد الفتاح السيسي تطورات الأوضاع.")
    assert ("040", "vladimir_putin", "abdel_fattah_el_sisi") in dyads(out)


def test_a_time_phrase_between_a_call_and_bayna() -> None:
    # "جرى اتصال هاتفي صباح الإثنين، بين X ، وY": the time phrase belongs to the call.
    for when in ["صباح الإثنين،", "مساء اليوم"]:
        out = run(f"جرى اتصال هاتفي {when} بين الرئيس بوتين ، والرئيس السيسي.")
        assert ("041", "vladimir_putin", "abdel_fattah_el_sisi") in dyads(out), when


def test_where_a_trip_comes_from_is_no_partner() -> None:
    # "وصل … إلى سلطنة عمان في زيارة خاصة، قادما من نيودلهي"
    out = run("وكان ترامب قد وصل إلى روسيا في زيارة خاصة، قادما من مصر.")
    assert ("042", "donald_trump", "RUS") in dyads(out)
    assert not any(d[2] == "EGY" for d in dyads(out))


def test_a_subordinator_ends_the_clause() -> None:
    # "زار ظريف الموقع التذكاري حيث قتل قاسم سليماني": the one killed there was not visited;
    # "لزيارة العراق، منذ مقتل …": nor is the one whose death dates the visit.
    assert dyads(run("زار بوتين الموقع التذكاري حيث قتل ترامب.")) == set()
    assert dyads(run("تعد هذه الزيارة الأولى لبوتين لزيارة مصر، منذ مقتل ترامب.")) == set()
    # a trigger after حيث keeps its own clause
    out = run("وصل بوتين إلى القاهرة حيث التقى الرئيس السيسي.")
    assert ("040", "vladimir_putin", "abdel_fattah_el_sisi") in dyads(out)
