"""A name the tagger found right after a state's office phrase or nisba is that state's official
(issue 11, helper actr). Real shapes: «المتحدث باسم وزارة الخارجية الصينية وانغ ون بين» (wire copy),
«الأمين العام لمجلس وزراء حكومة الوحدة الوطنيّة اللّيبيّة، راشد صالح الصّغير» (ennaharonline), and
the trap «لرئيس الوزراء العراقي آنذاك ، حيدر العبادي» (an adverb is no name)."""

from __future__ import annotations

from datetime import date

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _run(body: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": [body], "published_date": [date(2021, 6, 1)]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    return extract_entity_mentions(articles, reference_kb())


def _new_codes(body: str) -> dict[str, str | None]:
    mentions, _ = _run(body)
    new = mentions.filter(pl.col("entity_id").str.starts_with("person:new:"))
    return dict(zip(new["surface"], new["actor_code"], strict=True))


def test_a_name_after_a_ministry_is_its_official() -> None:
    codes = _new_codes("وقال المتحدث باسم وزارة الخارجية الصينية وانغ ون بين إن بكين ترحب بالاتفاق.")
    assert codes and set(codes.values()) == {"CHNGOV"}, codes


def test_a_name_after_a_nisba_and_a_comma_is_of_that_state() -> None:
    body = (
        "استقبل الأمين العام لوزارة الشؤون الخارجية، صبيحة اليوم بمقر الوزارة، الأمين العام لمجلس "
        "وزراء حكومة الوحدة الوطنيّة اللّيبيّة، راشد صالح الصّغير أبو غفّة."
    )
    mentions, entities = _run(body)
    ids = mentions.filter(pl.col("surface").str.starts_with("راشد"))["entity_id"].to_list()
    assert ids, mentions.select("surface", "entity_id", "actor_code")
    assert entities.filter(pl.col("entity_id").is_in(ids))["country_iso3"].to_list() == ["LBY"] * len(
        set(ids)
    )


def test_an_adverb_after_a_nisba_takes_no_code() -> None:
    codes = _new_codes("في 2018، ألغت إيران زيارة لرئيس الوزراء العراقي آنذاك ، حيدر العبادي.")
    assert codes.get("آنذاك") is None, codes


def test_a_title_in_apposition_after_the_name_gives_its_state() -> None:
    # Real shape (Al-Masry Al-Youm 2016): the envoy is named first, his title follows.
    codes = _new_codes(
        "استقبل الرئيس عبدالفتاح السيسي، اليوم الأحد، إبراهيم ولد داداه، وزير العدل والمبعوث الشخصي "
        "للرئيس الموريتاني، وذلك بحضور السفير الموريتاني بالقاهرة."
    )
    assert codes.get("إبراهيم ولد داداه") == "MRTGOV", codes


def test_a_title_opened_by_wa_is_the_next_list_item() -> None:
    # Real shape (Libya Witness): «سفير روسيا لدى ليبيا حيدر أغانين، ونائب رئيس هيئة الأركان العامة
    # للدفاع البريطانية، هارفي سميث»: the British title belongs to the next guest.
    codes = _new_codes(
        "التقى رئيس المجلس الرئاسي اليوم كلا من حيدر أغانين، ونائب رئيس هيئة الأركان العامة للدفاع "
        "البريطانية، هارفي سميث."
    )
    assert codes.get("حيدر أغانين") != "GBR", codes
