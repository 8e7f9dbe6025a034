"""Clause-level arguments (issue 11): title spans, trigger frames, lists and multi-party meetings."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.transforms.events.parties import coordinated_chains
from orchestration.transforms.events.roles import load_event_frames
from orchestration.transforms.events.spans import load_title_words, title_spans
from tests.unit.test_events import ENTITIES, dyads, run


def test_a_long_title_chain_does_not_cut_the_partner_off() -> None:
    # Eleven words between مع and the name: the title chain is part of the partner's span.
    out = run(
        "بحث الرئيس بوتين، مع نائب رئيس مجلس الوزراء وزير الخارجية الأمريكي، الدكتور دونالد ترامب، الوضع."
    )
    assert dyads(out) == {("040", "vladimir_putin", "donald_trump")}


def test_a_caller_after_honorifics_is_the_caller() -> None:
    out = run("تلقى الرئيس السيسي اتصالاً هاتفياً من صاحب السمو الشيخ بوتين.")
    assert dyads(out) == {("041", "vladimir_putin", "abdel_fattah_el_sisi")}


def test_a_set_phrase_with_min_is_no_caller() -> None:
    # من جهة أخرى opens the sentence: the subject after تلقى is not the caller.
    out = run("من جهة أخرى، تلقى صاحب السمو الرئيس السيسي اتصالاً هاتفياً من ترامب.")
    assert dyads(out) == {("041", "donald_trump", "abdel_fattah_el_sisi")}


def test_bi_on_the_title_is_the_partner_of_a_call() -> None:
    out = run("أجرى بوتين اتصالا هاتفيا بالرئيس الأمريكي دونالد ترامب.")
    assert dyads(out) == {("041", "vladimir_putin", "donald_trump")}


def test_a_greeting_is_addressed_to_its_partner() -> None:
    out = run("بعث بوتين برقية تهنئة إلى نظيره الأمريكي دونالد ترامب.")
    assert {d[1:] for d in dyads(out)} == {("vladimir_putin", "donald_trump")}


def test_each_item_of_an_object_list_is_a_guest() -> None:
    out = run("استقبل الرئيس بوتين الرئيس السيسي والملك سلمان في سوتشي.")
    assert {d[1:] for d in dyads(out)} == {
        ("vladimir_putin", "abdel_fattah_el_sisi"),
        ("vladimir_putin", "salman"),
    }


def test_a_three_party_summit_gives_every_pair() -> None:
    out = run("عقد الرئيس بوتين والرئيس السيسي والملك سلمان في موسكو اليوم قمة ثلاثية.")
    pairs = {frozenset(d[1:]) for d in dyads(out)}
    assert pairs == {
        frozenset({"vladimir_putin", "abdel_fattah_el_sisi"}),
        frozenset({"vladimir_putin", "salman"}),
        frozenset({"abdel_fattah_el_sisi", "salman"}),
    }


def test_a_two_party_meeting_gives_no_extra_pair() -> None:
    out = run("التقى الرئيس بوتين مع الرئيس السيسي والملك سلمان في موسكو.")
    assert {frozenset(d[1:]) for d in dyads(out)} == {
        frozenset({"vladimir_putin", "abdel_fattah_el_sisi"}),
        frozenset({"vladimir_putin", "salman"}),
    }


def test_title_words_and_frames_load_from_csv() -> None:
    words = load_title_words()
    assert {"وزير", "خارجيه", "سمو", "شيخ"} <= set(words.to_list())
    assert "الي" not in set(words.to_list())  # a connector never starts a chain
    assert not {"عن", "في", "من"} & set(words.to_list())
    frames = load_event_frames()
    assert frames.filter((pl.col("target") == "to") & (pl.col("marker") == "bi")).height == 0
    assert frames.filter((pl.col("target") == "with") & (pl.col("marker") == "bi")).height == 1


def test_title_spans_stop_at_the_previous_actor() -> None:
    tokens = pl.DataFrame(
        {
            "article_id": ["a"] * 6,
            "aidx": pl.Series([0] * 6, dtype=pl.UInt32),
            "token_index": list(range(6)),
            "norm": ["استقبل", "السيسي", "الرئيس", "الفلسطيني", "محمود", "عباس"],
        }
    )
    m = pl.DataFrame(
        {
            "article_id": ["a", "a"],
            "sentence_index": [0, 0],
            "a_start": [1, 4],
            "a_end": [1, 5],
            "bprefix": [False, False],
            "wprefix": [False, False],
        }
    )
    states = pl.DataFrame(schema={"article_id": pl.String, "a_start": pl.Int64, "a_end": pl.Int64})
    out = title_spans(m, tokens, load_title_words(), states).sort("a_start")
    # السيسي looks like a nisba but is the previous actor: the chain starts at الرئيس.
    assert out["t_start"].to_list() == [1, 2]


def test_coordinated_chains_link_items_joined_by_wa() -> None:
    # The fourth item follows "، ونائبه Y،" (an unknown item) after the third: the list goes on.
    m = pl.DataFrame(
        {
            "article_id": ["a"] * 4,
            "sentence_index": [0] * 4,
            "a_start": [0, 3, 7, 14],
            "a_end": [1, 4, 8, 15],
            "t_start": [0, 2, 6, 13],
            "coord": [False, True, False, True],
            "comma_item": [False, False, False, True],
            "comma_after": [False] * 4,
            "conn_item": [False] * 4,
            "list_goes_on": [False, False, True, False],
            "klass": ["agent"] * 4,
        }
    )
    assert coordinated_chains(m)["chain"].to_list() == [1, 1, 2, 2]
    far = m.with_columns(pl.col("list_goes_on").shift(-1).fill_null(False))
    assert coordinated_chains(far)["chain"].to_list() == [1, 1, 2, 3]


def test_joint_signers_of_a_document_are_a_pair() -> None:
    # The subject and its coordinated co-signer, the document far after the verb.
    out = run("وقع الرئيس بوتين، والرئيس الأمريكي دونالد ترامب، اليوم الأحد، في مدينة سوتشي، اتفاقا للتعاون.")
    assert dyads(out) == {("057", "vladimir_putin", "donald_trump")}


def test_waqaa_without_a_document_is_no_signing() -> None:
    out = run("وقع الهجوم بعد لقاء بوتين وترامب في موسكو.")
    assert not any(code.startswith("057") for code, _, _ in dyads(out))


def test_a_marker_inside_a_title_is_the_titles() -> None:
    # إلى belongs to "envoy to Syria", not to the verb: the envoy is the object of التقى.
    out = run("التقى بوتين المبعوث الأممي الجديد إلى سوريا ترامب.")
    assert {d[1:] for d in dyads(out)} == {("vladimir_putin", "donald_trump")}


def test_a_received_call_after_a_long_honorific_chain_keeps_its_direction() -> None:
    out = run(
        "تلقى حضرة صاحب السمو الشيخ الرئيس السيسي رئيس الدولة المفدى، حفظه الله، مساء أمس، "
        "اتصالاً هاتفياً من الرئيس بوتين."
    )
    assert dyads(out) == {("041", "vladimir_putin", "abdel_fattah_el_sisi")}


def test_an_unknown_list_item_keeps_the_object_list_going() -> None:
    # "الرئيس اليمني X، ونائبه علي محسن الأحمر، ورئيس الحكومة Z": the unknown deputy does not end it.
    out = run("استقبل الرئيس بوتين في موسكو الرئيس السيسي، ونائبه علي محسن الأحمر، ورئيس الحكومة ترامب.")
    assert {d[1:] for d in dyads(out)} == {
        ("vladimir_putin", "abdel_fattah_el_sisi"),
        ("vladimir_putin", "donald_trump"),
    }


def test_talks_chaired_by_two_leaders_are_theirs() -> None:
    # "مباحثات موسعة عقدت في مقر مجلس الوزراء، برئاسة X، وY": the chairs are the two parties.
    out = run(
        "وعقدت اليوم في موسكو جلسة مباحثات موسعة في القصر الرئاسي، برئاسة الرئيس بوتين، والرئيس السيسي."
    )
    assert {frozenset(d[1:]) for d in dyads(out)} == {frozenset({"vladimir_putin", "abdel_fattah_el_sisi"})}


def test_an_actor_in_the_occasion_of_an_event_is_no_party() -> None:
    # "أعرب فيه عن التهنئة بمناسبة صدور أمر … الملك سلمان": the king is the occasion, not the greeted.
    for body in [
        "أعرب بوتين عن التهنئة بمناسبة صدور أمر الملك سلمان.",
        "هنأ بوتين السيسي بشأن قرار الملك سلمان.",
    ]:
        assert all("salman" not in d for d in dyads(run(body)))


def test_an_accusative_three_party_meeting_that_brings_parties_together() -> None:
    # "عقد اجتماعا ثلاثياً ضم X وY": the accusative ثلاثيا and ضم (brought together) name the parties.
    out = run("وعقد الرئيس بوتين اجتماعا ثلاثياً ضم السيسي وترامب.")
    assert {frozenset(d[1:]) for d in dyads(out)} == {
        frozenset({"vladimir_putin", "abdel_fattah_el_sisi"}),
        frozenset({"vladimir_putin", "donald_trump"}),
        frozenset({"abdel_fattah_el_sisi", "donald_trump"}),
    }


def test_three_coordinated_subjects_of_a_meeting_give_every_pair() -> None:
    out = run("اجتمع بوتين والسيسي وترامب اليوم في موسكو.")
    assert {frozenset(d[1:]) for d in dyads(out)} == {
        frozenset({"vladimir_putin", "abdel_fattah_el_sisi"}),
        frozenset({"vladimir_putin", "donald_trump"}),
        frozenset({"abdel_fattah_el_sisi", "donald_trump"}),
    }
    # two hosts and one guest stay two dyads
    assert len(dyads(run("استقبل بوتين والسيسي اليوم ترامب في موسكو."))) <= 2


def test_a_list_item_led_by_its_nisba_is_coordinated() -> None:
    # "، والسوري فيصل المقداد": no title word, the nisba carries the و of the list item.
    out = run("وعقد الرئيس بوتين اجتماعا ثلاثياً ضم نظيره المصري عبد الفتاح السيسي، والتركي أردوغان.")
    assert {frozenset(d[1:]) for d in dyads(out)} == {
        frozenset({"vladimir_putin", "abdel_fattah_el_sisi"}),
        frozenset({"vladimir_putin", "recep_tayyip_erdogan"}),
        frozenset({"abdel_fattah_el_sisi", "recep_tayyip_erdogan"}),
    }


def test_heads_listed_by_their_countries_are_coordinated() -> None:
    # "عقد رؤساء الولايات المتحدة جو بايدن، وكوريا الجنوبية يون سوك يول، واليابان ... قمة ثلاثية".
    out = run("عقد رؤساء روسيا فلاديمير بوتين، ومصر عبد الفتاح السيسي، وسوريا بشار الأسد قمة ثلاثية.")
    assert {frozenset(d[1:]) for d in dyads(out)} == {
        frozenset({"vladimir_putin", "abdel_fattah_el_sisi"}),
        frozenset({"vladimir_putin", "bashar_al_assad"}),
        frozenset({"abdel_fattah_el_sisi", "bashar_al_assad"}),
    }
    # a nisba without و is no list item: one host, one guest
    assert len(dyads(run("استقبل الرئيس بوتين اليوم الرئيس المصري عبد الفتاح السيسي في موسكو."))) == 1


def test_a_definite_multi_word_ends_the_meetings_construct_chain() -> None:
    # "في اجتماع آلية التعاون الثلاثي مع نظيريه الأردني ... والمصري ...": الثلاثي describes the
    # meeting three words after it.
    out = run("شارك الرئيس بوتين في اجتماع آلية التعاون الثلاثي مع الرئيس السيسي والملك سلمان.")
    assert {frozenset(d[1:]) for d in dyads(out)} == {
        frozenset({"vladimir_putin", "abdel_fattah_el_sisi"}),
        frozenset({"vladimir_putin", "salman"}),
        frozenset({"abdel_fattah_el_sisi", "salman"}),
    }


def test_a_nisba_before_a_city_is_no_party() -> None:
    # "القمة الثلاثية في العاصمة الإيرانية طهران بمشاركة X ونظيريه Y وZ": Iran is where it met.
    out = run("انطلقت القمة الثلاثية في العاصمة الإيرانية طهران بمشاركة الرئيس بوتين وأردوغان وروحاني.")
    assert {frozenset(d[1:]) for d in dyads(out)} == {
        frozenset({"vladimir_putin", "recep_tayyip_erdogan"}),
        frozenset({"vladimir_putin", "hassan_rouhani"}),
        frozenset({"recep_tayyip_erdogan", "hassan_rouhani"}),
    }


def test_a_role_and_its_name_are_one_list_item() -> None:
    # "برئاسة رئيس وزراء دولة فلسطين د.محمد أشتية ، ورئيس مجلس الوزراء المصري مصطفي مدبولي": the
    # role and the name after it are one actor, so the second head of delegation joins the list.
    out = run(
        "عقدت مباحثات موسعة في القاهرة برئاسة رئيس وزراء فلسطين محمد اشتية، "
        "ورئيس الوزراء المصري مصطفى مدبولي."
    )
    assert {frozenset(d[1:]) for d in dyads(out)} == {frozenset({"mohammad_shtayyeh", "mostafa_madbouly"})}


def test_an_organization_and_a_destination_inside_a_title_are_the_person_s(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "التقى ... المبعوث الخاص للأمين العام للأمم المتحدة إلى اليمن هانس غروندبرغ": the organization
    # and the envoy's destination both qualify the person, who is the partner.
    monkeypatch.setitem(ENTITIES, "جامعة الدول العربية", ("org:arab_league", "ORG"))
    monkeypatch.setitem(ENTITIES, "الأخضر الإبراهيمي", ("person:lakhdar_brahimi", "PERSON"))
    out = run(
        "التقى الرئيس السيسي، اليوم الثلاثاء، المبعوث الخاص لجامعة الدول العربية إلى سوريا الأخضر الإبراهيمي."
    )
    assert {d[1:] for d in dyads(out)} == {("abdel_fattah_el_sisi", "lakhdar_brahimi")}
