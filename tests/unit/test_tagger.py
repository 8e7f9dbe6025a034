"""The open-world token tagger (transforms/openworld/tagger.py): the per-form / per-context sums it
computes equal the plain sum of every word's feature weights, and its BIO decoding."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.transforms.entities.pipeline import open_world_words
from orchestration.transforms.openworld.tagger import (
    LABELS,
    TAGGER_CSV,
    decode_spans,
    load_tagger,
    word_feature_lists,
    word_scores,
)
from orchestration.transforms.reference import REFERENCE_DIR, load_kb
from scripts.eval_ner import load_part, to_articles


def test_scores_equal_the_sum_of_every_feature_weight() -> None:
    weights = load_tagger(REFERENCE_DIR / TAGGER_CSV)
    if weights.is_empty():
        pytest.skip("tagger weights not built")
    arts, _ = to_articles(load_part("heldout", limit=60), 10)
    w, v = open_world_words(arts, load_kb())
    fast = word_scores(w, v, weights).sort("wid")
    slow = (
        word_feature_lists(w, v)
        .explode("feats")
        .join(weights, left_on="feats", right_on="feature", how="left")
        .group_by("wid")
        .agg(pl.col(list(LABELS)).fill_null(0.0).sum())
        .sort("wid")
    )
    assert fast.height == slow.height == w.height
    for lab in LABELS:
        diff = (fast[lab].cast(pl.Float64) - slow[lab].cast(pl.Float64)).abs().max()
        assert diff is not None and diff < 1e-3, lab
    # The model finds names in news text at all (a sanity check on the shipped weights).
    labels = fast.select(pl.concat_list(list(LABELS)).list.arg_max())
    assert (labels.to_series() > 0).sum() > 50


def _scores(labels: list[str], joined: list[bool], conj: list[bool]) -> pl.DataFrame:
    rows = {lab: [1.0 if x == lab else 0.0 for x in labels] for lab in LABELS}
    return pl.DataFrame(
        {"wid": range(len(labels)), "aidx": [0] * len(labels), "joined": joined, "conj": conj, **rows},
        schema_overrides={"wid": pl.Int64, "aidx": pl.UInt32},
    )


def test_decoding_repairs_bio_and_splits_on_punctuation_and_conjunctions() -> None:
    labels = ["O", "B-PERS", "I-PERS", "I-PERS", "I-ORG", "I-ORG", "B-LOC", "I-LOC", "O", "I-LOC"]
    joined = [True, True, True, True, True, False, True, True, True, True]
    # Word 3 is وفلان: a conjunction starts the next person of a list.
    conj = [False, False, False, True, False, False, False, False, False, False]
    spans = decode_spans(_scores(labels, joined, conj))
    got = list(spans.select("s", "e", "entity_type").iter_rows())
    assert got == [
        (1, 2, "PERSON"),
        (3, 3, "PERSON"),
        (4, 4, "ORG"),  # an I- opening a span is a B-
        (5, 5, "ORG"),  # a comma before it: no continuation
        (6, 7, "PLACE"),
        (9, 9, "PLACE"),
    ]
    assert spans["method"].unique().to_list() == ["model"]
