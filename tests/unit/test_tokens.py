import polars as pl
import pytest

from orchestration.transforms.sentences import split_sentences
from orchestration.transforms.text import tokenize
from orchestration.transforms.tokens import (
    TOKENS_SCHEMA,
    bare_forms,
    build_tokens,
    clitic_readings,
    concat_tokens,
    validate_frame,
)

BODIES = [
    "قال الرئيسُ الروسي، فلاديمير بوتين (الرياض2)\nأمس. والتقى بالقاهرة وزيرَ الخارجية",
    "  - القاهرة - أ ش أ ... بوتين  ",
    "",
    "وَبوتين 12ب  —  للرئيس",
]


def _articles() -> pl.DataFrame:
    return pl.DataFrame({"article_id": [f"a{i}" for i in range(len(BODIES))], "body": BODIES})


def test_offsets_surfaces_and_gaps_match_the_word_tokenizer() -> None:
    arts = _articles()
    toks = validate_frame(build_tokens(arts, split_sentences(arts)), TOKENS_SCHEMA, "tokens")
    for row in toks.iter_rows(named=True):
        body = BODIES[int(row["article_id"][1:])]
        assert body[row["char_start"] : row["char_end"]] == row["surface"]
    # Same words, offsets and gaps as the reference regex tokenizer.
    ref = tokenize(arts).select("article_id", "token_index", "char_start", "char_end", "gap", surface="token")
    assert toks.select(ref.columns).equals(ref)


def test_sentence_index_and_token_index() -> None:
    arts = _articles()
    toks = build_tokens(arts, split_sentences(arts)).filter(pl.col("article_id") == "a0")
    assert toks["token_index"].to_list() == list(range(toks.height))
    by_word = dict(zip(toks["surface"], toks["sentence_index"], strict=False))
    assert by_word["قال"] == 0 and by_word["أمس"] == 1 and by_word["والتقى"] == 2
    assert build_tokens(arts)["sentence_index"].null_count() == build_tokens(arts).height


def test_norm_bare_and_clitics() -> None:
    toks = build_tokens(_articles())
    rows = {r["surface"]: (r["norm"], r["bare"], r["clitics"]) for r in toks.iter_rows(named=True)}
    assert rows["الرئيسُ"] == ("الرئيس", "الرئيس", "")
    assert rows["بالقاهرة"] == ("بالقاهره", "القاهره", "ب")
    assert rows["للرئيس"] == ("للرئيس", "الرئيس", "ل")  # the elided alef is restored
    assert rows["وزيرَ"] == ("وزير", "وزير", "")  # not و + زير: no article, not a known word
    assert rows["وَبوتين"] == ("وبوتين", "وبوتين", "")


def test_known_words_lose_their_clitics() -> None:
    norms = pl.DataFrame({"norm": ["وبوتين", "وزير", "فلبوتين"]})
    out = bare_forms(norms, known=pl.Series(["بوتين"]))
    assert out.sort("norm").rows() == [
        ("فلبوتين", "بوتين", "فل"),
        ("وبوتين", "بوتين", "و"),
        ("وزير", "وزير", ""),
    ]


def test_clitic_readings_cover_each_split() -> None:
    out = clitic_readings(pl.DataFrame({"norm": ["وللرئيس"]}))
    assert set(out.select("stem", "clitics", "strip").rows()) == {
        ("وللرئيس", "", 0),
        ("للرئيس", "و", 1),
        ("لرئيس", "ول", 2),
        ("الرئيس", "ول", 1),
    }


def test_validator_names_the_broken_columns() -> None:
    with pytest.raises(ValueError, match="missing \\['norm'"):
        validate_frame(
            pl.DataFrame({"article_id": ["a"]}), {"article_id": pl.String(), "norm": pl.String()}, "x"
        )
    with pytest.raises(ValueError, match="char_start"):
        validate_frame(pl.DataFrame({"char_start": ["1"]}), {"char_start": pl.Int64()}, "x")


def test_form_id_names_the_normalized_form() -> None:
    toks = build_tokens(_articles())
    pairs = toks.select("norm", "form_id").unique()
    assert pairs["norm"].n_unique() == pairs["form_id"].n_unique() == pairs.height


def test_tables_of_slices_concatenate_to_the_table_of_all_articles() -> None:
    arts = _articles()
    sents = split_sentences(arts)
    whole = build_tokens(arts, sents)
    chunks = [arts.slice(0, 1), arts.slice(1, 5)]
    parts = [build_tokens(c, sents.join(c.select("article_id"), on="article_id", how="semi")) for c in chunks]
    joined = concat_tokens(parts, [c.height for c in chunks])
    assert joined.drop("form_id").equals(whole.drop("form_id"))
    # Equal norms share one id over the whole table, and distinct norms have distinct ids.
    pairs = joined.select("norm", "form_id").unique()
    assert pairs["norm"].n_unique() == pairs["form_id"].n_unique() == pairs.height
    assert parts[0]["form_id"].min() == parts[1]["form_id"].min() == 0
