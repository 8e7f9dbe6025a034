"""The Great Expectations suites pass on contract-abiding frames and name the broken expectation otherwise.

Importing GX costs ~6 s once per process, and each validation ~0.1 s, so every bad frame breaks
several rows in different ways and the test asserts, per failed expectation, how many rows broke it.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from orchestration.quality import gx_suites as q
from orchestration.transforms.reference import load_event_types
from orchestration.transforms.schemas import ARTICLES_SCHEMA, ENTITY_MENTIONS_SCHEMA, EVENT_CANDIDATES_SCHEMA

BODY_1 = (
    "موسكو (رويترز) - أجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا مع الرئيس الأمريكي دونالد ترامب "
    "يوم الثلاثاء لبحث الأزمة السورية، وقال الكرملين إن الجانبين اتفقا على مواصلة الاتصالات."
)
BODY_2 = (
    "الرياض ـ واس: استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز في قصر اليمامة وزير الخارجية "
    "المصري سامح شكري، وجرى خلال الاستقبال استعراض العلاقات الثنائية بين البلدين."
)
ID_1, ID_2 = "a1b2c3d4e5f60718", "0f1e2d3c4b5a6978"
TODAY = date(2024, 6, 1)

IN_SET = "expect_column_values_to_be_in_set"
BETWEEN = "expect_column_values_to_be_between"
NOT_NULL = "expect_column_values_to_not_be_null"
UNIQUE = "expect_column_values_to_be_unique"
REGEX = "expect_column_values_to_match_regex"
PAIR = "expect_column_pair_values_a_to_be_greater_than_b"
COMPOUND_UNIQUE = "expect_compound_columns_to_be_unique"


def _article(article_id: str | None, body: str = BODY_1, **overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "article_id": article_id,
        "source_file": f"{article_id}.txt",
        "encoding": "utf-8",
        "published_date": date(2017, 11, 21),
        "published_date_source": "text",
        "body": body,
    }
    return row | overrides


def _full(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """The frame with every column of the landing schema (absent ones null), in schema order."""
    return frame.select(
        pl.col(c).cast(t) if c in frame.columns else pl.lit(None, dtype=t).alias(c) for c, t in schema.items()
    )


def _articles() -> pl.DataFrame:
    return _full(
        pl.DataFrame(
            [
                _article(ID_1),
                _article(
                    ID_2,
                    BODY_2,
                    encoding="windows-1256+html",
                    published_date=None,
                    published_date_source=None,
                ),
            ]
        ),
        ARTICLES_SCHEMA,
    )


def _mention(article: int, surface: str, entity_id: str, entity_type: str, method: str = "exact") -> dict:
    body = (BODY_1, BODY_2)[article]
    start = body.index(surface)
    return {
        "article_id": (ID_1, ID_2)[article],
        "entity_id": entity_id,
        "entity_type": entity_type,
        "surface": surface,
        "char_start": start,
        "char_end": start + len(surface),
        "sentence_index": 0,
        "method": method,
        "confidence": 0.9,
    }


MENTIONS = [
    _mention(0, "موسكو", "place:moscow", "PLACE"),
    _mention(0, "رويترز", "org:reuters", "ORG"),
    _mention(0, "فلاديمير بوتين", "person:vladimir_putin", "PERSON"),
    _mention(0, "دونالد ترامب", "person:donald_trump", "PERSON"),
    _mention(0, "السورية", "country:SYR", "PLACE", "alias"),
    _mention(0, "الكرملين", "org:kremlin", "ORG", "alias"),
    _mention(1, "الرياض", "place:riyadh", "PLACE"),
    _mention(1, "الملك سلمان بن عبدالعزيز", "person:salman", "PERSON", "fuzzy"),
    _mention(1, "قصر اليمامة", "place:al_yamamah_palace", "PLACE"),
    _mention(1, "وزير الخارجية", "actor:EGYGOV", "PERSON", "role"),
    _mention(1, "سامح شكري", "person:new:1a2b3c", "PERSON", "title-pattern"),
]


def _mentions() -> pl.DataFrame:
    return _full(pl.DataFrame(MENTIONS), ENTITY_MENTIONS_SCHEMA)


def _entities() -> pl.DataFrame:
    ids = [*sorted({m["entity_id"] for m in MENTIONS}), "country:RUS"]
    return pl.DataFrame({"entity_id": ids})


def _event(mention_id: str, **overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "mention_id": mention_id,
        "article_id": ID_1,
        "event_code": "041",
        "actor1_code": "RUSGOV",
        "actor2_code": "USAGOV",
        "status": "occurred",
        "event_date": date(2017, 11, 21),
        "date_precision": "day",
        "confidence": 0.9,
    }
    return row | overrides


def _events() -> pl.DataFrame:
    return _full(
        pl.DataFrame(
            [
                _event("m1"),
                _event("m2", event_code="042", actor1_code="SAUGOV", actor2_code=None, status="planned"),
                _event(
                    "m3", event_code="0241", actor1_code="USA", status="historical", date_precision="year"
                ),
            ]
        ),
        EVENT_CANDIDATES_SCHEMA,
    )


@functools.cache
def _event_types() -> pl.DataFrame:
    return load_event_types()


def _failure_counts(result: q.SuiteResult) -> dict[tuple[str, str | None], int | None]:
    return {(o.expectation, o.column): o.unexpected_count for o in result.failures}


@pytest.fixture(scope="module")
def good() -> dict[str, q.SuiteResult]:
    return {
        "articles": q.validate_articles(_articles(), today=TODAY),
        "entity_mentions": q.validate_entity_mentions(_mentions(), _articles(), _entities()),
        "event_candidates": q.validate_event_candidates(_events(), _event_types()),
    }


# ----------------------------------------------------------------- derived columns (Polars only)


def test_arabic_share_counts_letters_only() -> None:
    frame = pl.DataFrame({"body": ["مرحبا hello ١٢٣ !!", "English only 2024", "١٢٣ ... ٤٥"]})
    shares = q.prepare_articles(frame)["arabic_share"].to_list()
    assert shares == pytest.approx([0.5, 0.0, 0.0])  # digits and punctuation are not letters


def test_surface_ok_uses_character_offsets() -> None:
    prepared = q.prepare_entity_mentions(_mentions(), _articles())
    assert prepared["surface_ok"].all()
    assert prepared.filter(pl.col("article_id") == ID_1)["n_chars"].unique().to_list() == [len(BODY_1)]
    # UTF-8 byte offsets (what str.find_many returns) do not spell the surface
    as_bytes = _mentions().with_columns(pl.col("char_start") * 2, pl.col("char_end") * 2)
    assert not q.prepare_entity_mentions(as_bytes, _articles())["surface_ok"].any()


# ----------------------------------------------------------------- good frames pass


def test_good_frames_pass(good: dict[str, q.SuiteResult]) -> None:
    for suite, result in good.items():
        assert result.success, result.summary()
        assert result.evaluated == result.successful > 0, suite
    assert (good["articles"].evaluated, good["entity_mentions"].evaluated) == (9, 13)
    assert good["event_candidates"].evaluated == 11
    assert good["entity_mentions"].rows == len(MENTIONS)


def test_declared_severities_match_the_suites(good: dict[str, q.SuiteResult]) -> None:
    assert set(good) == set(q.SUITE_SEVERITIES)
    for suite, result in good.items():
        assert {o.severity for o in result.outcomes} == set(q.SUITE_SEVERITIES[suite]), suite
        parts = [result.only(s) for s in q.SUITE_SEVERITIES[suite]]
        assert sum(p.evaluated for p in parts) == result.evaluated


def test_empty_table_passes() -> None:
    assert q.validate_articles(_articles().clear(), today=TODAY).success


# ----------------------------------------------------------------- bad frames name the expectation


def test_articles_bad_frame() -> None:
    bad = pl.DataFrame(
        [
            _article(ID_1),
            _article(ID_2, BODY_2),
            _article(ID_1),  # duplicate id
            _article(None),
            _article("short", "خبر قصير جدا"),
            _article("latin", "Moscow (Reuters) - Russian President Vladimir Putin spoke by phone. " * 3),
            _article("future", published_date=date(2024, 6, 3)),
            _article("tomorrow", published_date=date(2024, 6, 2)),  # still accepted
            _article("ancient", published_date=date(1899, 1, 1)),
            _article("ebcdic", encoding="ebcdic"),
            _article("mtime", published_date_source="file_mtime"),
        ]
    )
    result = q.validate_articles(_full(bad, ARTICLES_SCHEMA), today=TODAY)
    assert not result.success
    assert _failure_counts(result) == {
        (UNIQUE, "article_id"): 2,
        (NOT_NULL, "article_id"): 1,
        (IN_SET, "published_date_source"): 1,
        (BETWEEN, "body_chars"): 1,
        (BETWEEN, "arabic_share"): 1,
        (BETWEEN, "published_date"): 2,
        (REGEX, "encoding"): 1,
    }
    severities = {o.column: o.severity for o in result.failures}
    assert severities["article_id"] == severities["published_date_source"] == q.ERROR
    assert {severities[c] for c in ("body_chars", "arabic_share", "published_date", "encoding")} == {q.WARN}
    errors = result.only(q.ERROR)
    assert not errors.success and errors.evaluated == 5 and errors.successful == 2
    # the offending rows are named by the table key
    encoding = next(o for o in result.failures if o.column == "encoding")
    assert encoding.unexpected_values == ("ebcdic",)
    assert encoding.unexpected_rows[0]["article_id"] == "ebcdic"
    dates = next(o for o in result.failures if o.column == "published_date")
    assert {r["article_id"] for r in dates.unexpected_rows} == {"future", "ancient"}


def test_warnings_alone_leave_the_error_part_passing() -> None:
    frame = pl.concat([_articles(), pl.DataFrame([_article("short", "خبر قصير")], schema=_articles().schema)])
    result = q.validate_articles(frame, today=TODAY)
    assert not result.success
    assert result.only(q.ERROR).success
    assert not result.only(q.WARN).success


def test_missing_column_fails_with_an_error_message() -> None:
    result = q.validate_articles(_articles().drop("encoding"), today=TODAY)
    by_kind = {f.expectation: f for f in result.failures}
    assert set(by_kind) == {"expect_table_columns_to_match_set", REGEX}
    failure = by_kind[REGEX]
    assert failure.column == "encoding"
    assert failure.error and "encoding" in failure.error


def test_entity_mentions_bad_frame() -> None:
    broken = {
        0: {"char_end": 10_000},  # past the end of the body
        1: {"char_start": -1},
        2: {"char_start": MENTIONS[2]["char_start"] + 1, "char_end": MENTIONS[2]["char_end"] + 1},
        3: {"entity_id": "person:nobody"},
        4: {"entity_type": "GPE"},
        5: {"method": "regex"},
        6: {"confidence": 1.5},
        7: {"article_id": "ffffffffffffffff"},  # no such article
    }
    rows = [m | broken.get(i, {}) for i, m in enumerate(MENTIONS)] + [MENTIONS[9]]  # + a duplicate
    result = q.validate_entity_mentions(
        _full(pl.DataFrame(rows), ENTITY_MENTIONS_SCHEMA), _articles(), _entities()
    )
    assert _failure_counts(result) == {
        (COMPOUND_UNIQUE, "article_id,char_start,entity_id"): 2,
        (BETWEEN, "char_start"): 1,
        (NOT_NULL, "n_chars"): 1,
        (PAIR, "n_chars,char_end"): 2,
        (IN_SET, "surface_ok"): 4,
        (IN_SET, "entity_id"): 1,
        (IN_SET, "entity_type"): 1,
        (IN_SET, "method"): 1,
        (BETWEEN, "confidence"): 1,
    }
    assert all(o.severity == q.ERROR for o in result.failures)
    unknown = next(o for o in result.failures if o.column == "entity_id")
    assert unknown.unexpected_values == ("person:nobody",)
    assert unknown.unexpected_rows[0]["article_id"] == ID_1


def test_event_candidates_bad_frame() -> None:
    bad = pl.DataFrame(
        [
            *_events().to_dicts(),
            _event("lost-zero", event_code="41"),
            _event("not-numeric", event_code="04a"),
            _event("not-cameo", event_code="9999"),
            _event("lower-actor", actor1_code="rusgov"),
            _event("short-actor", actor2_code="US"),
            _event("rumour", status="rumoured"),
            _event("weekly", date_precision="week"),
            _event("negative", confidence=-0.1),
            _event("m1"),  # duplicate mention id
        ]
    )
    result = q.validate_event_candidates(bad, _event_types())
    assert _failure_counts(result) == {
        (UNIQUE, "mention_id"): 2,
        (REGEX, "event_code"): 1,
        (IN_SET, "event_code"): 3,
        (REGEX, "actor1_code"): 1,
        (REGEX, "actor2_code"): 1,
        (BETWEEN, "confidence"): 1,
        (IN_SET, "status"): 1,
        (IN_SET, "date_precision"): 1,
    }
    codes = next(o for o in result.failures if o.expectation == IN_SET and o.column == "event_code")
    assert set(codes.unexpected_values) == {"41", "04a", "9999"}


# ----------------------------------------------------------------- Data Docs


def test_data_docs_index_lists_the_latest_validations(tmp_path: Path, good: dict[str, q.SuiteResult]) -> None:
    site = tmp_path / "quality"
    for result in good.values():
        index = q.write_data_docs(site, result)
    assert index == (site / "index.html").resolve()
    html = index.read_text(encoding="utf-8")
    assert all(f"<h2>{suite} " in html for suite in good)
    pages = {p.relative_to(site / "validations").parts[0] for p in (site / "validations").rglob("*.html")}
    assert pages >= set(good)
    # offline: no page loads a stylesheet, script or image from the network
    for page in site.rglob("*.html"):
        assert not re.search(r"src=[\"']https?://|<link\b[^>]*href=[\"']https?://", page.read_text()), page
    # a new validation replaces the previous one in the site rather than piling up
    q.validate_articles(_articles(), today=TODAY)
    q.write_data_docs(site)
    assert len(list((site / "validations" / "articles").rglob("*.html"))) == 1


def test_a_missing_or_extra_column_breaks_the_schema_expectation() -> None:
    result = q.validate_event_candidates(
        _events().drop("trigger").with_columns(extra=pl.lit(1)), _event_types()
    )
    failed = {o.expectation for o in result.failures}
    assert "expect_table_columns_to_match_set" in failed


def test_in_set_value_sets_hold_only_the_known_values_the_frame_uses() -> None:
    known = pl.Series(["person:a", "person:b", "person:c", None])
    frame = pl.DataFrame({"entity_id": ["person:b", "person:zz", None, "person:b"]})
    assert q.known_values(frame, "entity_id", known) == ["person:b"]
    # Nothing known in the frame: one known value stays (GX needs a set), so every row is unexpected.
    unknown = pl.DataFrame({"entity_id": ["person:zz"]})
    assert len(q.known_values(unknown, "entity_id", known)) == 1
    assert q.known_values(unknown, "entity_id", known)[0] in {"person:a", "person:b", "person:c"}
