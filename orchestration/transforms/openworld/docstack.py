"""Second pass of the token tagger: what the first pass said about the same word elsewhere in the article.

A name is mostly mentioned more than once in an article, and only some mentions carry the clues
the word-level model needs (a given name before it, a title, a speech verb): كوفي انان ... قال انان.
The second pass rescores a word from its first-pass label probabilities and from the other
*candidate* occurrences of its bare form in the same article (those the first pass gives at least
``MIN_ENTITY_PROB`` of being a name): their mean probability of being a person, an organization or
a place. It is a small logistic regression over those few numbers (rows ``s2:*`` of
``ner_tagger.csv``), trained on out-of-fold first-pass scores (``scripts/train_ner_tagger.py``).

Only candidates and the other occurrences of their forms are rescored; every other word stays O, at
training time too. Most words are plainly O, so the pass costs a filter and one integer-keyed join
over the words: no per-row Python.
"""

from __future__ import annotations

import math

import polars as pl

LABELS: tuple[str, ...] = ("O", "B-PERS", "I-PERS", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
# Weight-table rows of the second pass start with this (no first-pass feature kind does).
STACK_PREFIX = "s2:"
# The entity types whose probability is pooled over a form's other occurrences.
POOLED: dict[str, tuple[str, str]] = {
    "PERS": ("B-PERS", "I-PERS"),
    "ORG": ("B-ORG", "I-ORG"),
    "LOC": ("B-LOC", "I-LOC"),
}
# A word is a candidate when the first pass gives it at least this probability of a name label.
MIN_ENTITY_PROB = 0.1
# Floor of a log-probability.
MIN_LOG_PROB = math.log(1e-6)


def stack_inputs(t: pl.DataFrame) -> pl.DataFrame:
    """The words to rescore of first-pass scores ``t`` (``aidx``, ``key`` an integer per bare form,
    one score column per label, any other columns kept) with the second pass's inputs: ``lp:<label>`` the
    log-probabilities, ``doc:<TYPE>`` the mean probability of the type over the form's *other*
    candidate occurrences in the article (0 if none), ``doc:rep`` 1 when there are any, and ``bias``."""
    c = pl.col
    ents = [lab for lab in LABELS if lab != "O"]
    top = pl.max_horizontal(list(LABELS))
    log_z = pl.sum_horizontal([(c(lab) - top).exp() for lab in LABELS]).log() + top
    prob = {f"_p{typ}": (c(b) - c("_z")).exp() + (c(i) - c("_z")).exp() for typ, (b, i) in POOLED.items()}
    # One integer per (article, form); the cheap bound (the best name label within a factor of
    # len(ents) of the threshold) leaves the exact probability to the few words it keeps.
    x = t.with_columns(_k=c("aidx").cast(pl.Int64) * (1 << 32) + c("key").cast(pl.Int64))
    bound = pl.max_horizontal(ents) - c("O") >= math.log(MIN_ENTITY_PROB / len(ents))
    is_cand = 1.0 - (c("O") - c("_z")).exp() >= MIN_ENTITY_PROB
    groups = (
        x.filter(bound)
        .with_columns(_z=log_z)
        .filter(is_cand)
        .group_by("_k")
        .agg(_n=pl.len(), **{f"_s{typ}": e.sum() for typ, e in zip(POOLED, prob.values(), strict=True)})
    )
    # The candidates and the other occurrences of their forms (which pool nothing of their own).
    x = (
        x.filter(c("_k").is_in(groups["_k"].implode()))
        .with_columns(_z=log_z)
        .with_columns(_cand=is_cand)
        .with_columns(**{name: pl.when(c("_cand")).then(e).otherwise(0.0) for name, e in prob.items()})
        .join(groups, on="_k", how="left", maintain_order="left")
        .with_columns(_o=c("_n") - c("_cand").cast(pl.UInt32))
    )
    doc = {
        f"doc:{typ}": pl.when(c("_o") > 0).then((c(f"_s{typ}") - c(f"_p{typ}")) / c("_o")).otherwise(0.0)
        for typ in POOLED
    }
    keep = [col for col in t.columns if col not in (*LABELS, "key")]
    return x.select(
        *keep,
        *[(c(lab) - c("_z")).clip(lower_bound=MIN_LOG_PROB).alias(f"lp:{lab}") for lab in LABELS],
        **doc,
        **{"doc:rep": (c("_o") > 0).cast(pl.Float64), "bias": pl.lit(1.0)},
    )


def stack_columns() -> list[str]:
    """The input columns of ``stack_inputs``, in the order of the weight rows."""
    return [f"lp:{lab}" for lab in LABELS] + [f"doc:{typ}" for typ in POOLED] + ["doc:rep", "bias"]


def restack(t: pl.DataFrame, stack: pl.DataFrame) -> pl.DataFrame:
    """First-pass scores ``t`` (``word_scores`` rows plus ``key``) rescored by the second pass: the
    words ``stack_inputs`` keeps (every other word is O), the same columns, the label scores replaced.
    ``stack`` holds the ``s2:<input>`` weight rows; without them the first pass stands."""
    if stack.is_empty():
        return t.drop("key")
    x = stack_inputs(t)
    w = {r["feature"].removeprefix(STACK_PREFIX): r for r in stack.iter_rows(named=True)}
    cols = [col for col in stack_columns() if col in w]
    scores = {lab: pl.sum_horizontal([pl.col(col) * float(w[col][lab]) for col in cols]) for lab in LABELS}
    return x.select(*[col for col in t.columns if col not in (*LABELS, "key")], **scores)
