"""Output does not depend on the order of input rows (issue #10): where a step keeps the first row
of a group, a total sort key decides it, not the row order that Polars' joins do not guarantee."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.clean import clean_articles
from orchestration.transforms.clean_lines import mark_title
from orchestration.transforms.entities.phrases import attach_persons, role_phrases
from orchestration.transforms.entities.roles import office_roles
from orchestration.transforms.header_dates import today_dates
from orchestration.transforms.ingest import read_inbox
from orchestration.transforms.text import GAP_SPACE
from tests.heldout_score import HELDOUT

SEEDS = (0, 1, 2, 3)


def _shuffles(frame: pl.DataFrame) -> list[pl.DataFrame]:
    return [frame, frame.reverse(), *(frame.sample(fraction=1.0, shuffle=True, seed=s) for s in SEEDS)]


def _canon(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(sorted(frame.columns)).sort(pl.all(), nulls_last=True)


def _same_for_all(outputs: list[pl.DataFrame]) -> None:
    first = _canon(outputs[0])
    for out in outputs[1:]:
        assert _canon(out).equals(first)


def test_title_is_the_first_line_by_number_not_by_row() -> None:
    # الرئيس يستقبل السفير (a headline, first line) then the body: row order must not pick the title.
    lines = pl.DataFrame(
        {
            "_a": [0, 0, 0],
            "line_no": [0, 1, 2],
            "line": [
                "الرئيس يستقبل السفير",
                "استقبل الرئيس اليوم السفير في قصر الرئاسة.",
                "وبحث الجانبان العلاقات.",
            ],
            "n_words": [3, 7, 3],
        },
        schema_overrides={"_a": pl.UInt32},
    ).with_columns(blank=pl.lit(False), bp_drop=pl.lit(False), is_meta=pl.lit(False))
    base = pl.DataFrame({"_a": [0], "meta_title": [""]}, schema_overrides={"_a": pl.UInt32})
    cols = ["_a", "line_no", "is_title", "text_title"]
    outs = [mark_title(rows, base).select(cols) for rows in _shuffles(lines)]
    _same_for_all(outs)
    assert outs[0].filter("is_title")["line_no"].to_list() == [0]


def _country(eid: int, w1: int, iso3: str, surf: str) -> dict[str, object]:
    return {"eid": eid, "aidx": 0, "w0": 1, "w1": w1, "cs": 7, "ce": 7 + len(surf), "surf": surf}


def test_role_country_reading_does_not_depend_on_row_order() -> None:
    # الرئيس + two country readings starting on the same word: the longer one, whatever the order.
    heads = pl.DataFrame(
        [{"eid": 1, "aidx": 0, "w0": 0, "w1": 1, "cs": 0, "ce": 6, "surf": "الرئيس", "kind": "role"}]
    )
    elements = pl.DataFrame(
        [
            {**_country(2, 2, "SYR", "السوري"), "kind": "nisba", "entity_id": None, "iso3": "SYR"},
            {
                **_country(3, 3, "XXX", "السوري الحر"),
                "kind": "name",
                "entity_id": "country:XXX",
                "iso3": "XXX",
            },
        ]
    ).with_columns(prefix=pl.lit(""), gap_before=pl.lit(GAP_SPACE), gap_text=pl.lit(" "))
    outs = [role_phrases(heads, rows) for rows in _shuffles(elements)]
    _same_for_all(outs)
    assert outs[0]["spec_eid"].to_list() == [3]


def test_attached_person_does_not_depend_on_row_order() -> None:
    # A role phrase followed by two person readings on the same word: one choice, whatever the order.
    phrases = pl.DataFrame(
        [
            {
                "eid": 1,
                "aidx": 0,
                "w0": 0,
                "pw1": 2,
                "spec_iso3": "SYR",
                "prefix": "",
                "gap_before": GAP_SPACE,
                "kind": "role",
            }
        ]
    )
    elements = pl.DataFrame(
        [
            {"eid": 6, "aidx": 0, "w0": 2, "w1": 4, "kind": "name", "entity_type": "PERSON"},
            {"eid": 5, "aidx": 0, "w0": 2, "w1": 3, "kind": "name", "entity_type": "PERSON"},
        ]
    ).with_columns(prefix=pl.lit(""), gap_before=pl.lit(GAP_SPACE), gap_text=pl.lit(" "))
    persons = elements.select("eid", "aidx", "w1", iso3=pl.lit("SYR"))
    outs = [attach_persons(phrases, rows, persons)[0] for rows in _shuffles(elements)]
    _same_for_all(outs)
    assert outs[0].height == 1


def test_today_date_does_not_depend_on_row_order() -> None:
    lines = pl.DataFrame(
        {
            "article_id": ["a", "a", "b"],
            "line_no": [0, 1, 0],
            "line": [
                "استقبل الرئيس صباح اليوم الإثنين 5 أبريل 2021 السفير.",
                "وكان قد زار صباح اليوم 6 أبريل 2021 المدينة.",
                "أعلنت الوزارة اليوم 3 مارس 2020 عن الخطة.",
            ],
        }
    )
    _same_for_all([today_dates(rows) for rows in _shuffles(lines)])


def test_clean_articles_does_not_depend_on_row_order() -> None:
    raw, _, _ = read_inbox(HELDOUT)
    raw = raw.sort("source_file").head(40)
    outs = [clean_articles(rows) for rows in _shuffles(raw)[:3]]
    for i in (0, 1):
        _same_for_all([out[i] for out in outs])


def test_office_role_code_tie_does_not_depend_on_row_order() -> None:
    # Two role keys of one office with different CAMEO roles, equally often: one answer.
    roles = pl.DataFrame(
        {
            "office": ["other", "other", "other", "other"],
            "role": ["soldier", "officer", "official", "spokesman"],
            "cameo_role": ["MIL", "MIL", "GOV", "GOV"],
            "rank": [9, 9, 9, 9],
        }
    )
    outs = [office_roles(rows) for rows in _shuffles(roles)]
    _same_for_all(outs)
    assert outs[0]["cameo_role"].to_list() == ["GOV"]
