"""issue #12: organizations introduced by a head noun in apposition (openworld/org_names.py)."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.openworld import resolve, tagger
from orchestration.transforms.openworld.org_names import trim_appositive
from tests.unit.reference_kb import reference_kb


def _orgs(body: str) -> list[str]:
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    return m.filter(pl.col("entity_type") == "ORG").sort("char_start")["surface"].to_list()


def test_a_quoted_name_after_a_head_noun_is_the_organization() -> None:
    assert "فيتش ريتنغز" in _orgs('رفعت مؤسسة " فيتش ريتنغز " للتصنيفات الائتمانية تصنيفها للبلاد .')
    assert "New Yorker" in _orgs('وقد نوهت مجلة " New Yorker " به بوصفه أحد أكثر عقول العصر .')
    assert "السفير" in _orgs('وكتبت صحيفة " السفير " المقربة تقليديا من القادة السوريين أن الاتفاق انهار .')


def test_a_quote_without_a_head_noun_before_it_names_nothing() -> None:
    assert _orgs('وقال إن " المستقبل " سيكون أفضل للجميع .') == []


def test_the_proper_name_after_a_facility_head_is_the_institution() -> None:
    # Without the head the two words read as a person's name (بيل is a given name).
    assert _orgs("ونقل المعتقل إلى سجن بيل مارش جنوب لندن لقضاء عقوبته .") == ["بيل مارش"]
    # An ordinary word after the head is no name: سجن انفرادي، مستشفى المدينة.
    assert _orgs("وقضى ثلاث سنوات في سجن انفرادي قبل نقله إلى مستشفى المدينة .") == []


def test_an_appositive_head_before_a_rare_name_is_left_out_of_the_span() -> None:
    # The tagger's span صحيفة التايمز (words 0-1) and وكالة الأنباء (words 2-3).
    w = pl.DataFrame(
        {
            "appositive": [True, False, True, False],
            "al": [False, True, False, True],
            "zipf": [4.5, 2.1, 4.4, 5.0],
        }
    )
    spans = pl.DataFrame({"s": [0, 2], "e": [1, 3], "entity_type": ["ORG", "ORG"]})
    assert trim_appositive(spans, w)["s"].to_list() == [1, 2]


def test_an_organizations_adjective_form_without_support_is_a_nisba_not_a_name() -> None:
    # الأوروبي (the EU's ambiguous short form) qualifying a noun: the EU as an adjective.
    m, _ = extract_entity_mentions(
        pl.DataFrame({"article_id": ["a"], "body": ["دون أن يكون شريكا في صنع القرار الأوروبي منذ سنوات."]}),
        reference_kb(),
    )
    eu = m.filter(pl.col("entity_id") == "org:european_union")
    assert eu.select("method", "confidence").rows() == [("nisba", 0.3)]
    # The full name stays a name.
    m, _ = extract_entity_mentions(
        pl.DataFrame({"article_id": ["a"], "body": ["وقال الاتحاد الأوروبي إن العقوبات ستستمر."]}),
        reference_kb(),
    )
    assert m.filter(pl.col("entity_id") == "org:european_union")["method"].to_list() == ["exact"]


def test_an_organization_takes_the_country_of_the_nationality_adjective_after_it() -> None:
    m, _ = extract_entity_mentions(
        pl.DataFrame(
            {"article_id": ["a"], "body": ['ونقلت صحيفة " الغد " الأردنية عن مصادر قولها إن الوفد وصل .']}
        ),
        reference_kb(),
    )
    org = m.filter(pl.col("entity_type") == "ORG")
    # A Jordanian medium (type_heads.code_media: a newspaper reports events, it is no party).
    assert org.select("surface", "actor_code").rows() == [("الغد", "JORMED")]


def test_a_head_noun_alone_is_no_organization(monkeypatch: pytest.MonkeyPatch) -> None:
    # The tagger reads جامعة before a known city (جامعة ليدز) as a one-word organization.
    def tag(w: pl.DataFrame, _v: pl.DataFrame, _weights: pl.DataFrame) -> pl.DataFrame:
        hit = w.filter(pl.col("token") == "جامعة")
        rows = [(a, s, s, "ORG", "model", 0.9) for a, s in zip(hit["aidx"], hit["wid"], strict=True)]
        return pl.DataFrame(rows, schema=tagger.MODEL_SPANS_SCHEMA, orient="row")

    monkeypatch.setattr(resolve, "tag_words", tag)
    # The university named after its city is an organization (openworld/org_places.py); the head
    # noun alone never is.
    assert "جامعة" not in _orgs("وخلال سنوات دراسته في جامعة ليدز تعرف على زملائه .")
    assert _orgs("وخلال سنوات دراسته في جامعة عريقة تعرف على زملائه .") == []


def _ids(body: str) -> list[str]:
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    return m.filter(pl.col("entity_type") == "ORG")["entity_id"].to_list()


def test_an_ambiguous_bodys_name_heading_a_phrase_is_the_common_word() -> None:
    # فتح "opening" with its object, القاعدة "the base" with its adjective.
    assert _ids("وتوجه إلى وكالات بنكية من أجل فتح حسابات بمبالغ كبيرة .") == []
    assert _ids("وهبطت الطائرة في القاعدة الجوية قرب العاصمة .") == []
    # The name standing alone, before a conjunction or a grammar word, stays the body.
    assert _ids("وقالت فتح إن الاتفاق لم يوقع بعد .") == ["org:fatah"]
    assert "org:fatah" in _ids("واتفقت فتح وحماس على الهدنة .")
