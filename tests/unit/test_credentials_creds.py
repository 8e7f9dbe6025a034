"""Receptions of lists of envoys (issue 11, helper creds: events/credentials.py).

Real shapes: r416 «تسلم رئيس المجلس الرئاسي محمد المنفي أوراق اعتماد خمسة سفراء …» then «ضمت قائمة
السفراء كلا من سفير إيران، NAME، وسفير تركيا، NAME …»; r425 «استقبل الملك محمد السادس … عددا من
السفراء الأجانب، الذين قدموا له أوراق اعتمادهم» then one line per envoy «NAME سفير جمهورية الكونغو،»;
r423 «استقبل … سفراء كل من العراق وصربيا وإيطاليا والسعودية». Attendance lists (وحضر المراسم …) and
lists after a sentence with no reception are no guests."""

from __future__ import annotations

import datetime as dt

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.event_rules import extract_ruled_events
from orchestration.transforms.reference import load_kb
from orchestration.transforms.sentences import split_sentences

KB = load_kb()
PUB = dt.date(2025, 3, 20)


def _events(body: str) -> pl.DataFrame:
    articles = pl.DataFrame(
        {"article_id": ["a1"], "title": [""], "body": [body], "published_date": [PUB]},
        schema={"article_id": pl.String, "title": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    sentences = split_sentences(articles)
    mentions, _ = extract_entity_mentions(articles, KB, sentences)
    return extract_ruled_events(articles, sentences, mentions, KB)


def _pairs(body: str) -> set[frozenset[str]]:
    out = _events(body)
    return {
        frozenset({r["actor1_entity_id"], r["actor2_entity_id"]})
        for r in out.iter_rows(named=True)
        if r["event_code"].startswith("04")
    }


def test_the_envoys_of_the_list_sentence_meet_the_host_of_the_credentials_sentence() -> None:
    body = (
        "تسلم رئيس الجمهورية عبد المجيد تبون، اليوم الاثنين، أوراق اعتماد عدد من السفراء الجدد.\n"
        "وضمت قائمة السفراء كلا من سفير إيطاليا، ماريو روسي، وسفير اليابان، كينجي تاناكا، "
        "وسفير صربيا، دراغان نيكوليتش."
    )
    pairs = _pairs(body)
    host = "person:abdelmadjid_tebboune"
    for iso in ("ITA", "JPN", "SRB"):
        assert frozenset({host, f"actor:{iso}GOV:ambassador"}) in pairs, (iso, pairs)


def test_one_line_per_envoy_after_an_opener_with_no_mention() -> None:
    body = (
        "استقبل الملك محمد السادس اليوم الجمعة، بالقصر الملكي بالرباط، عددا من السفراء الأجانب، "
        "الذين قدموا له أوراق اعتمادهم.\n"
        "ويتعلق الأمر بالسادة\n"
        "جان ماري مويل سفير جمهورية الكونغو،\n"
        "زياد عطا الله سفير الجمهورية اللبنانية،\n"
        "محمد بن عياد سفير الجمهورية التونسية."
    )
    pairs = _pairs(body)
    host = "person:mohammed_vi_of_morocco"
    for iso in ("COG", "LBN", "TUN"):
        assert any(host in p and any(iso in a for a in p - {host}) for p in pairs), (iso, pairs)


def test_a_list_of_states_after_ambassadors_of_each_is_one_event_per_state() -> None:
    body = (
        "استقبل رئيس الجمهورية عبد المجيد تبون، اليوم الاثنين، ثلاثة سفراء جدد، وتسلم منهم أوراق اعتمادهم.\n"
        "وهم سفراء كل من العراق وصربيا وإيطاليا المعتمدين لدى الجزائر."
    )
    pairs = _pairs(body)
    host = "person:abdelmadjid_tebboune"
    for iso in ("IRQ", "SRB", "ITA"):
        assert frozenset({host, f"country:{iso}"}) in pairs, (iso, pairs)
    assert frozenset({host, "country:DZA"}) not in pairs


def test_attendees_and_lists_outside_a_reception_are_no_guests() -> None:
    body = (
        "تسلم رئيس الجمهورية عبد المجيد تبون، اليوم الاثنين، أوراق اعتماد عدد من السفراء الجدد.\n"
        "وحضر المراسم سفير إيطاليا، ماريو روسي، وسفير اليابان، كينجي تاناكا.\n"
        "وأكد الرئيس السيسي أهمية العلاقات.\n"
        "وضمت القائمة سفير صربيا، دراغان نيكوليتش."
    )
    pairs = _pairs(body)
    assert not any(any(iso in a for a in p) for p in pairs for iso in ("ITAGOV", "JPNGOV", "SRBGOV")), pairs


def test_an_envoy_event_of_an_undated_credentials_sentence_takes_the_report_date() -> None:
    body = (
        "تسلم رئيس الجمهورية عبد المجيد تبون أوراق اعتماد عدد من السفراء الجدد.\n"
        "وضمت قائمة السفراء كلا من سفير إيطاليا، ماريو روسي، وسفير اليابان، كينجي تاناكا."
    )
    out = _events(body).filter(pl.col("actor2_entity_id") == "actor:JPNGOV:ambassador")
    assert out.height == 1
    assert out["event_date"][0] == PUB and out["status"][0] == "occurred"


def test_an_envoy_reaches_his_state_over_a_state_word_and_non_resident() -> None:
    """r473 «NAME سفير جمهورية كوبا», r474 «والسفير غير المقيم لجمهورية أرمينيا NAME», r422 «السفير
    الجديد لجمهورية فرنسا في نواكشوط NAME»: the ambassador of that state (entities/phrases.py)."""
    body = (
        "والسفراء هم، تانيا أجوير فيرناندز سفير جمهورية كوبا، والسفير غير المقيم لجمهورية أرمينيا "
        "تيكران كيفوركيان، والسفير الجديد لجمهورية فرنسا في نواكشوط روبير موليي."
    )
    articles = pl.DataFrame(
        {"article_id": ["a1"], "title": [""], "body": [body], "published_date": [PUB]},
        schema={"article_id": pl.String, "title": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, _ = extract_entity_mentions(articles, KB, split_sentences(articles))
    found = set(mentions["entity_id"])
    for iso in ("CUB", "ARM", "FRA"):
        assert f"actor:{iso}GOV:ambassador" in found, (iso, found)


def test_a_bullet_line_whose_state_no_entity_reads_keeps_the_list_open() -> None:
    """r471: «تسلّم الرئيس سعيّد أوراق اعتماد كل من:» then «• السيد NAME، بصفته سفيراً جديداً لدولة
    بوركينا فاسو لدى تونس.» (no state the entities read) then «• السيد ميلاد نمور، سفير الجمهورية
    اللبنانية في تونس.»: the Lebanese ambassador still meets the host."""
    body = (
        "وخلال هذا الحفل، تسلّم الرئيس عبد المجيد تبون أوراق اعتماد كل من:\n"
        "• السيد أبولينير سَوَدُغُو، بصفته سفيراً جديداً لدولة بوركينا فاسو لدى الجزائر.\n"
        "• السيد ميلاد نمور، سفير الجمهورية اللبنانية في الجزائر."
    )
    assert frozenset({"person:abdelmadjid_tebboune", "actor:LBNGOV:ambassador"}) in _pairs(body)


def test_envoys_who_present_credentials_meet_the_recipient_after_li_or_ila() -> None:
    """r411 «قدّم سفراء كل من بلجيكا وفنلندا وبلغاريا … نسخة من أوراق إعتمادهم، للسيد السفير X وزير
    الخارجية»: the envoys are the subject, the host follows ل / إلى."""
    body = (
        "قدّم سفراء كل من بلجيكا وفنلندا وبلغاريا، نسخة من أوراق اعتمادهم، لوزير الخارجية أحمد عطاف.\n"
        "وقدم سفير جمهورية كوبا الجديد أوراق اعتماده إلى رئيس الجمهورية عبد المجيد تبون."
    )
    pairs = _pairs(body)
    for iso in ("BEL", "FIN", "BGR"):
        assert frozenset({"person:ahmed_attaf", f"country:{iso}"}) in pairs, (iso, pairs)
    assert frozenset({"person:abdelmadjid_tebboune", "actor:CUBGOV:ambassador"}) in pairs, pairs


def test_a_nisba_right_after_the_credentials_noun_gives_the_envoy_his_state() -> None:
    """r417 «تقبل الرئيس السوري بشار الأسد اليوم أوراق اعتماد الإيراني مهدي سبحاني …»."""
    body = "تقبل الرئيس السوري بشار الأسد اليوم أوراق اعتماد الإيراني مهدي سبحاني سفيرا لبلاده في سوريا."
    out = _events(body).filter(pl.col("actor1_entity_id") == "person:bashar_al_assad")
    assert out.filter(pl.col("actor2_code").str.starts_with("IRN")).height == 1, out


def test_an_announced_ceremony_is_planned() -> None:
    body = (
        "يتسلم رئيس الجمهورية عبد المجيد تبون غدا أوراق اعتماد عدد من السفراء الجدد.\n"
        "وتضم قائمة السفراء سفير إيطاليا، ماريو روسي، وسفير اليابان، كينجي تاناكا."
    )
    out = _events(body).filter(pl.col("actor2_entity_id") == "actor:JPNGOV:ambassador")
    assert out["status"].to_list() == ["planned"] and out["event_date"][0] is None, out


def test_common_spellings_of_envoys_states_are_read() -> None:
    """Spellings of the real lists (r411 مالطا, r412 زيمبابوي, r413 بوركينا فاسو, r425 السينغال and
    فيدرالية روسيا, r473 أنجولا): countries_supplement.csv aliases."""
    body = "سفراء كل من مالطا وزيمبابوي وبوركينا فاسو والسينغال وأنجولا، وسفير فيدرالية روسيا فلان."
    articles = pl.DataFrame(
        {"article_id": ["a1"], "title": [""], "body": [body], "published_date": [PUB]},
        schema={"article_id": pl.String, "title": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, _ = extract_entity_mentions(articles, KB, split_sentences(articles))
    found = set(mentions["entity_id"])
    for iso in ("MLT", "ZWE", "BFA", "SEN", "AGO", "RUS"):
        assert f"country:{iso}" in found, (iso, found)
