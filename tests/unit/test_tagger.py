"""The open-world token tagger (transforms/openworld/tagger.py): the per-form / per-context sums it
computes equal the plain sum of every word's feature weights, and its BIO decoding."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.transforms.entities.pipeline import open_world_words
from orchestration.transforms.openworld.bio import decode_spans, viterbi_labels
from orchestration.transforms.openworld.tagger import (
    LABELS,
    TAGGER_CSV,
    load_tagger,
    word_feature_lists,
    word_scores,
)
from orchestration.transforms.reference import REFERENCE_DIR
from scripts.eval_ner import load_part, to_articles
from tests.unit.reference_kb import reference_kb


def test_scores_equal_the_sum_of_every_feature_weight() -> None:
    weights = load_tagger(REFERENCE_DIR / TAGGER_CSV)
    if weights.is_empty():
        pytest.skip("tagger weights not built")
    arts, _ = to_articles(load_part("heldout", limit=60), 10)
    w, v = open_world_words(arts, reference_kb())
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
    spans = decode_spans(_scores(labels, joined, conj), viterbi=False)
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


def _rows(scores: list[dict[str, float]], joined: list[bool], conj: list[bool]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "wid": range(len(scores)),
            "aidx": [0] * len(scores),
            "joined": joined,
            "conj": conj,
            **{lab: [r.get(lab, -5.0) for r in scores] for lab in LABELS},
        },
        schema_overrides={"wid": pl.Int64, "aidx": pl.UInt32},
    )


def test_viterbi_takes_the_best_valid_sequence_where_greedy_repairs() -> None:
    scores = [
        # كوفي: slightly more O than B-PERS; انان: I-PERS. Greedy reads O then a lone person; the
        # best valid sequence is B-PERS I-PERS (0.35 + 0.6 > 0.4 + 0.5).
        {"O": 0.4, "B-PERS": 0.35},
        {"I-PERS": 0.6, "B-PERS": 0.5, "O": 0.0},
        # After a comma (not joined) an I-ORG cannot continue: the B-ORG reading wins.
        {"B-ORG": 1.0},
        {"I-ORG": 2.0, "B-ORG": 1.5, "O": 0.0},
        # A conjunction word does not continue a person: وفلان is the next person.
        {"B-PERS": 1.0},
        {"I-PERS": 2.0, "B-PERS": 1.0, "O": 0.0},
    ]
    joined = [True, True, True, False, True, True]
    conj = [False, False, False, False, False, True]
    t = _rows(scores, joined, conj)
    assert [LABELS[i] for i in viterbi_labels(t)] == [
        "B-PERS",
        "I-PERS",
        "B-ORG",
        "B-ORG",
        "B-PERS",
        "B-PERS",
    ]
    got = list(decode_spans(t).select("s", "e", "entity_type").iter_rows())
    assert got == [(0, 1, "PERSON"), (2, 2, "ORG"), (3, 3, "ORG"), (4, 4, "PERSON"), (5, 5, "PERSON")]
    greedy = list(decode_spans(t, viterbi=False).select("s", "e", "entity_type").iter_rows())
    assert greedy[0] == (1, 1, "PERSON")


def test_viterbi_decodes_separate_runs_and_articles_independently() -> None:
    t = _rows([{"B-LOC": 1.0}, {"I-LOC": 1.0}, {"I-LOC": 3.0, "B-LOC": 2.0}], [True, True, True], [False] * 3)
    # Word 2 is in another article: no continuation across the boundary.
    t = t.with_columns(aidx=pl.Series([0, 0, 1], dtype=pl.UInt32))
    assert [LABELS[i] for i in viterbi_labels(t)] == ["B-LOC", "I-LOC", "B-LOC"]
    # A gap in word ids (a dropped O word between) starts a new run too.
    t = t.with_columns(aidx=pl.lit(0, pl.UInt32), wid=pl.Series([0, 1, 3], dtype=pl.Int64))
    assert [LABELS[i] for i in viterbi_labels(t)] == ["B-LOC", "I-LOC", "B-LOC"]
