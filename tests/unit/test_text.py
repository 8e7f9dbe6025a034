import polars as pl
import pytest

from orchestration.transforms.text import (
    GAP_COMMA,
    GAP_OTHER,
    GAP_SPACE,
    gap_class,
    normalize_expr,
    normalize_text,
    original_prefix_len,
    tokenize,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أحمد", "احمد"),  # hamza above alef
        ("إيران", "ايران"),  # hamza below alef
        ("آسيا", "اسيا"),  # madda
        ("ٱلله", "الله"),  # wasla
        ("موسى", "موسي"),  # alef maqsura -> ya
        ("القاهرة", "القاهره"),  # ta marbuta -> ha
        ("بُوتِينُ", "بوتين"),  # harakat
        ("محمّد", "محمد"),  # shadda
        ("هٰذا", "هذا"),  # superscript alef
        ("بـــوتين", "بوتين"),  # tatweel
        ("پزشکیان", "پزشكيان"),  # Persian keheh and yeh
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_normalize_expr_is_the_same_rule_on_columns() -> None:
    s = pl.Series(["الرئيسُ الرُّوسيّ", "أمريكا", "الإمارات"])
    out = pl.select(normalize_expr(pl.lit(s))).to_series().to_list()
    assert out == ["الرئيس الروسي", "امريكا", "الامارات"]


def test_tokenize_offsets_and_gaps() -> None:
    body = "قال الرئيسُ الروسي، فلاديمير بوتين (الرياض2)\nأمس"
    df = pl.DataFrame({"article_id": ["a"], "body": [body]})
    toks = tokenize(df)
    assert toks["token"].to_list() == ["قال", "الرئيسُ", "الروسي", "فلاديمير", "بوتين", "الرياض", "2", "أمس"]
    for row in toks.iter_rows(named=True):
        assert body[row["char_start"] : row["char_end"]] == row["token"]
    assert toks["token_index"].to_list() == list(range(8))
    assert toks["gap"].to_list()[:4] == ["", " ", " ", "، "]
    classes = toks.select(c=gap_class(pl.col("gap")))["c"].to_list()
    assert classes[1:5] == [GAP_SPACE, GAP_SPACE, GAP_COMMA, GAP_SPACE]
    assert classes[5] == GAP_OTHER  # " (" before الرياض
    assert classes[7] == GAP_OTHER  # line break


def test_tokenize_keeps_articles_apart() -> None:
    df = pl.DataFrame({"article_id": ["a", "b", "c"], "body": ["بوتين", "", "ترامب ترامب"]})
    toks = tokenize(df)
    assert toks.group_by("article_id").len().sort("article_id").rows() == [("a", 1), ("c", 2)]
    assert toks.filter(pl.col("article_id") == "c")["char_start"].to_list() == [0, 6]


def test_original_prefix_len_skips_marks_after_clitic() -> None:
    df = pl.DataFrame({"token": ["وَبوتين", "وبوتين", "وَبِـبوتين", "بوتين"], "k": [1, 2, 2, 0]})
    out = df.select(n=original_prefix_len(pl.col("token"), pl.col("k")))["n"].to_list()
    assert out == [2, 2, 5, 0]
