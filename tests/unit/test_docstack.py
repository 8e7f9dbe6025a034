"""The tagger's second pass (transforms/openworld/docstack.py): what the first pass said about the same
form elsewhere in the article, and the rescoring from it."""

from __future__ import annotations

import math

import polars as pl
import pytest

from orchestration.transforms.openworld.docstack import (
    LABELS,
    STACK_PREFIX,
    restack,
    stack_columns,
    stack_inputs,
)


def _first_pass(
    keys: list[int], aidx: list[int], pers: list[float], o: list[float] | None = None
) -> pl.DataFrame:
    """Scores where a word's B-PERS score is ``pers``, its O score ``o`` (0 by default) and every other
    label scores 0."""
    zeros = [0.0] * len(keys)
    return pl.DataFrame(
        {
            "wid": range(len(keys)),
            "aidx": aidx,
            "key": keys,
            **{lab: pers if lab == "B-PERS" else (o or zeros) if lab == "O" else zeros for lab in LABELS},
        },
        schema_overrides={"aidx": pl.UInt32, "key": pl.UInt32},
    )


def test_a_form_gets_the_mean_type_probability_of_its_other_occurrences_in_the_article() -> None:
    # انان twice in article 0 (once a confident person), once in article 1; كوفي once.
    t = _first_pass([1, 2, 2, 2], [0, 0, 0, 1], [0.0, 10.0, 0.0, 10.0])
    x = stack_inputs(t)
    assert x["wid"].to_list() == [0, 1, 2, 3]
    # A person is B-PERS or I-PERS.
    p_conf = (math.exp(10.0) + 1) / (math.exp(10.0) + 6)
    p_flat = 2 / 7
    assert x["doc:PERS"].to_list() == pytest.approx([0.0, p_flat, p_conf, 0.0])
    assert x["doc:rep"].to_list() == [0.0, 1.0, 1.0, 0.0]
    # Log-probabilities of the first pass, normalized per word.
    assert abs(x["lp:B-PERS"][1] - math.log(math.exp(10.0) / (math.exp(10.0) + 6))) < 1e-9
    assert abs(sum(math.exp(x[f"lp:{lab}"][0]) for lab in LABELS) - 1.0) < 1e-9


def test_only_candidates_and_the_other_occurrences_of_their_forms_are_rescored() -> None:
    # Word 1 is plainly O but its form is a candidate elsewhere in the article (word 3); word 2 is
    # plainly O and its form is nowhere a candidate; word 4 has the form of word 3 in another article.
    t = _first_pass([1, 2, 3, 2, 2], [0, 0, 0, 0, 1], [5.0, 0.0, 0.0, 5.0, 0.0], [0.0, 30.0, 30.0, 0.0, 30.0])
    x = stack_inputs(t)
    assert x["wid"].to_list() == [0, 1, 3]
    p3 = (math.exp(5.0) + 1) / (math.exp(5.0) + 6)
    assert x["doc:PERS"].to_list() == pytest.approx([0.0, p3, 0.0])
    assert x["doc:rep"].to_list() == [0.0, 1.0, 0.0]


def test_restack_is_the_weighted_sum_of_the_inputs_and_keeps_the_other_columns() -> None:
    t = _first_pass([1, 2, 1], [0, 0, 0], [3.0, 0.0, -1.0]).with_columns(joined=pl.lit(True))
    # The second pass passes B-PERS through and adds the pooled person probability to I-PERS.
    rows = {col: [0.0] * len(LABELS) for col in stack_columns()}
    rows["lp:B-PERS"][LABELS.index("B-PERS")] = 1.0
    rows["doc:PERS"][LABELS.index("I-PERS")] = 2.0
    stack = pl.DataFrame(
        {"feature": [STACK_PREFIX + col for col in rows]}
        | {lab: [rows[col][i] for col in rows] for i, lab in enumerate(LABELS)}
    )
    out = restack(t, stack)
    x = stack_inputs(t)
    assert out.columns == ["wid", "aidx", "joined", *LABELS]
    assert out["B-PERS"].to_list() == x["lp:B-PERS"].to_list()
    assert out["I-PERS"].to_list() == (x["doc:PERS"] * 2.0).to_list()
    assert out["O"].to_list() == [0.0, 0.0, 0.0]
    # Without second-pass rows the first pass stands.
    assert restack(t, stack.clear()).equals(t.drop("key"))
