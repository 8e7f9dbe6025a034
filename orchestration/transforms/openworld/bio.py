"""Best valid BIO label sequence of the tagger's word scores (Viterbi under the BIO constraints).

An ``I-X`` may only follow ``B-X`` or ``I-X`` of the same type, on the next word with no punctuation
between (``joined``), and a conjunction word (وابراهيم) never continues a person; a person word right
after a person word, with none of those between, does (طلعت زكريا is one name). Words the tagger
dropped are O, so the problem splits into runs of consecutive kept words; the runs are decoded
together, one step per position in a run (a few steps: runs are short), each step an array operation
over every run: no per-row Python.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from orchestration.transforms.openworld.docstack import LABELS

ENTITY_TYPE = {"PERS": "PERSON", "ORG": "ORG", "LOC": "PLACE"}
NEG = -1e30
_INSIDE = np.array([lab.startswith("I-") for lab in LABELS])
_PERS_INSIDE = np.array([lab == "I-PERS" for lab in LABELS])
# Two persons side by side with no conjunction or punctuation between are one name (طلعت زكريا):
# a person word right after a person word, with no و/ف on it, continues the name.
_PERS_RESTART = np.where(
    np.array([[lab[2:] == "PERS" and nxt == "B-PERS" for nxt in LABELS] for lab in LABELS]), NEG, 0.0
)
# ALLOWED[p, c]: label c may follow label p inside a run.
ALLOWED = np.array(
    [
        [not _INSIDE[j] or LABELS[i][2:] == LABELS[j][2:] for j in range(len(LABELS))]
        for i in range(len(LABELS))
    ]
)


def viterbi_labels(t: pl.DataFrame) -> np.ndarray:
    """Index into ``LABELS`` of each row of ``t`` (``wid, aidx, joined, conj`` and one score column per
    label, in ``wid`` order): the highest-scoring label sequence that is valid BIO."""
    n = t.height
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    c = pl.col
    flags = t.select(
        cont=(
            (c("wid") == c("wid").shift(1) + 1) & (c("aidx") == c("aidx").shift(1)) & c("joined")
        ).fill_null(False),
        conj="conj",
    )
    cont, conj = flags["cont"].to_numpy(), flags["conj"].to_numpy()
    s = t.select(LABELS).to_numpy().astype(np.float64)
    # Position of each row in its run; a run starts where a word does not continue the previous one.
    start = np.maximum.accumulate(np.where(cont, 0, np.arange(n)))
    pos = np.arange(n) - start
    # A run's first word opens whatever it is: no I- label.
    delta = np.where(cont[:, None] | ~_INSIDE[None, :], s, NEG)
    back = np.zeros((n, len(LABELS)), dtype=np.int64)
    trans = np.where(ALLOWED, 0.0, NEG)
    flowing = trans + _PERS_RESTART
    order = np.argsort(pos, kind="stable")
    bounds = np.searchsorted(pos[order], np.arange(pos.max() + 2))
    for k in range(1, pos.max() + 1):
        r = order[bounds[k] : bounds[k + 1]]
        cand = delta[r - 1][:, :, None] + flowing[None, :, :]
        # The few conjunction words: a new person may start, none continues.
        cj = conj[r]
        cand[cj] = delta[r[cj] - 1][:, :, None] + (trans + np.where(_PERS_INSIDE, NEG, 0.0))[None, :, :]
        back[r] = cand.argmax(axis=1)
        delta[r] = cand.max(axis=1) + s[r]
    label = np.zeros(n, dtype=np.int64)
    last = np.append(~cont[1:], True)
    label[last] = delta[last].argmax(axis=1)
    for k in range(pos.max() - 1, -1, -1):
        r = order[bounds[k] : bounds[k + 1]]
        r = r[~last[r]]
        label[r] = back[r + 1, label[r + 1]]
    return label


def decode_spans(t: pl.DataFrame, viterbi: bool = True) -> pl.DataFrame:
    """Spans of the words' labels (``word_scores`` rows): ``aidx, s, e, entity_type, method, prob``.
    Labels are the best valid BIO sequence (``bio.viterbi_labels``), or with ``viterbi=False`` the
    per-word argmax."""
    c = pl.col
    ents = [lab for lab in LABELS if lab != "O"]
    if viterbi:
        idx = pl.Series("idx", viterbi_labels(t), dtype=pl.UInt8)
        t = t.filter(idx > 0).with_columns(
            label=idx.filter(idx > 0).replace_strict(dict(enumerate(LABELS)), return_dtype=pl.String)
        )
        chosen = pl.when(c("label") == ents[0]).then(c(ents[0]))
        for lab in ents[1:]:
            chosen = chosen.when(c("label") == lab).then(c(lab))
    else:
        # Greedy decoding: most words are O, so the argmax runs on the rest only.
        t = t.filter(pl.max_horizontal(ents) > c("O"))
        chosen = pl.max_horizontal(ents)
        label = pl.when(c(ents[0]) == chosen).then(pl.lit(ents[0]))
        for lab in ents[1:]:
            label = label.when(c(lab) == chosen).then(pl.lit(lab))
        t = t.with_columns(label=label)
    # Softmax probability of the chosen label (confidence of the word).
    t = t.with_columns(prob=1.0 / pl.sum_horizontal([(c(lab) - chosen).exp() for lab in LABELS]))
    kind = c("label").str.slice(2)
    # A span continues only on an I- of the same type, right after the previous word (no punctuation);
    # a conjunction (وابراهيم) starts the next person of a list, not the same one.
    cont = (
        c("label").str.starts_with("I-")
        & ~(c("conj") & (kind == "PERS"))
        & (c("wid").shift(1) == c("wid") - 1).fill_null(False)
        & (kind.shift(1) == kind).fill_null(False)
        & c("joined")
    )
    return (
        t.with_columns(sid=(~cont).cum_sum())
        .group_by("sid", maintain_order=True)
        .agg(
            aidx=c("aidx").first(),
            s=c("wid").first(),
            e=c("wid").last(),
            k=kind.first(),
            prob=c("prob").mean(),
        )
        .select(
            "aidx",
            "s",
            "e",
            entity_type=c("k").replace_strict(ENTITY_TYPE),
            method=pl.lit("model"),
            prob="prob",
        )
    )
