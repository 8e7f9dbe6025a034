"""issue #12: a found organization named again in its article is the same body (openworld/org_repeats.py)."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _orgs(body: str) -> pl.DataFrame:
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    return m.filter(pl.col("entity_type") == "ORG").sort("char_start")


def test_a_found_organization_repeated_without_its_cue_is_the_same_body() -> None:
    # The quotes after جريدة find the name once; the later bare mentions have no cue of their own.
    m = _orgs(
        'وكتبت جريدة " لوفيغارو " أن الاتفاق انهار . وأضافت لوفيغارو أن المفاوضات ستستأنف . '
        "ونقل مراسل للوفيغارو عن مصدر قوله إن الوفد غادر ."
    )
    rows = m.filter(pl.col("surface") == "لوفيغارو")
    assert rows.height == 3, m
    assert rows["entity_id"].n_unique() == 1
    assert rows["method"].to_list()[1:] == ["repeat", "repeat"]
    # The preposition clitic is left out of the mention.
    body_start = rows["char_start"][2]
    assert body_start > rows["char_start"][1]


def test_a_frequent_word_found_as_an_organization_is_not_repeated() -> None:
    # الاتحاد (Zipf 5.5) as a found one-word body would make every "union" of the article a mention.
    from orchestration.transforms.openworld.org_repeats import COMMON_KEY

    assert COMMON_KEY < 5.5


def test_a_rare_word_closing_a_long_name_is_its_short_form_later() -> None:
    m = _orgs(
        "الاجتماع الذي تنظمه المنظمة العربية للتنمية الصناعية الايدمو في الرباط . "
        "وأن تتبنى الجامعة بالتنسيق مع الايدمو مشروعا موحدا ."
    )
    rows = m.filter(pl.col("surface") == "الايدمو")
    assert rows.height == 1 and rows["method"][0] == "repeat", m
    long = m.filter(pl.col("surface").str.starts_with("المنظمة العربية"))
    assert rows["entity_id"][0] == long["entity_id"][0]


def test_a_found_place_named_again_later_is_the_same_place() -> None:
    m, _ = extract_entity_mentions(
        pl.DataFrame(
            {
                "article_id": ["a"],
                "body": ["عبر الجنود نهر مهروت فجرا . وعلى ضفاف مهروت اشتبكوا مع المسلحين ."],
            }
        ),
        reference_kb(),
    )
    rows = m.filter(pl.col("surface") == "مهروت").sort("char_start")
    assert rows.height == 2 and rows["entity_type"].to_list() == ["PLACE", "PLACE"], m
    assert rows["entity_id"].n_unique() == 1 and rows["method"][1] == "repeat"
