"""A linear BIO token tagger for names the rules and the knowledge base miss, applied with Polars.

The weights (``data/reference/ner_tagger.csv``: ``feature`` and one weight column per label) are
trained offline by ``scripts/train_ner_tagger.py`` on the first half of ANERcorp's training split.
A word's score for a label is the sum of the weights of its features. Every feature is either a
property of one word form (its own, or a neighbour's at offset -2..+2) or of a small per-word
context (the knowledge-base element covering it, the punctuation around it), so the scores are
computed once per distinct form and once per distinct context, joined back onto the words and
shifted into place: no per-row Python, one join per table.

A second pass (``docstack.py``) rescores each word from its first-pass probabilities and from
what the first pass said about the same form elsewhere in the article.

Decoding is greedy (argmax per word), then a BIO repair: an ``I-X`` that does not continue an X span
opens one. A span never crosses punctuation or an article boundary.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import polars as pl

from orchestration.transforms.openworld.bio import decode_spans
from orchestration.transforms.openworld.docstack import LABELS, STACK_PREFIX, restack

# The feature definitions live in tagger_features.py (issue #10); word_feature_lists stays
# importable from here for the training script and the tests.
from orchestration.transforms.openworld.tagger_features import (
    EDGE_CONTEXT,
    OFFSETS,
    context_codes,
    context_features,
    context_strings,
    edge_feats,
    form_features,
    positional,
)
from orchestration.transforms.openworld.tagger_features import (
    word_feature_lists as word_feature_lists,
)

TAGGER_CSV = "ner_tagger.csv"


@lru_cache(maxsize=4)
def load_tagger(path: Path) -> pl.DataFrame:
    """The weight table (``feature`` + one Float32 column per label); empty if the file is absent
    (a reference folder without a model tags nothing)."""
    schema = {"feature": pl.String, **{lab: pl.Float32 for lab in LABELS}}
    if not path.exists():
        return pl.DataFrame(schema=schema)
    return pl.read_csv(path, schema_overrides=schema).select(list(schema))


def _score(keys: pl.DataFrame, key: str, feats: str, weights: pl.DataFrame) -> pl.DataFrame:
    """Summed label weights per distinct key (a key with no known feature scores 0)."""
    hit = (
        keys.select(key, feats)
        .explode(feats)
        .join(weights, left_on=feats, right_on="feature", how="inner")
        .group_by(key)
        .agg(pl.col(list(LABELS)).sum())
    )
    return keys.select(key).join(hit, on=key, how="left").with_columns(pl.col(list(LABELS)).fill_null(0.0))


def _per_word(scores: pl.DataFrame, key: list[str], suffix: str) -> pl.DataFrame:
    return scores.rename({lab: f"{lab}@{suffix}" for lab in LABELS}).select(
        *key, *[f"{lab}@{suffix}" for lab in LABELS]
    )


# The tagger's spans (``tag_words``): words ``s``..``e`` of article ``aidx``.
MODEL_SPANS_SCHEMA: dict[str, pl.DataType] = {
    "aidx": pl.UInt32(),
    "s": pl.Int64(),
    "e": pl.Int64(),
    "entity_type": pl.String(),
    "method": pl.String(),
    "prob": pl.Float64(),
}


def tag_words(w: pl.DataFrame, v: pl.DataFrame, weights: pl.DataFrame) -> pl.DataFrame:
    """Model spans over ``w`` (``features.word_features`` rows, in ``wid`` order) given the distinct
    forms ``v`` (``features._vocab``): ``aidx, s, e, entity_type, method, prob``."""
    if weights.is_empty() or w.is_empty():
        return pl.DataFrame(schema=MODEL_SPANS_SCHEMA)
    second = pl.col("feature").str.starts_with(STACK_PREFIX)
    t = word_scores(w, v, weights.filter(~second)).with_columns(key=form_keys(w, v))
    return decode_spans(restack(t, weights.filter(second)))


def form_keys(w: pl.DataFrame, v: pl.DataFrame) -> pl.Series:
    """One integer per bare form, per word of ``w``: the second pass pools a form's occurrences
    (``docstack.py``) on it, and an integer key groups faster than the string."""
    return v["bare"].rank("dense").gather(w["vid"]).alias("key")


def word_scores(w: pl.DataFrame, v: pl.DataFrame, weights: pl.DataFrame) -> pl.DataFrame:
    """``wid, aidx, joined, conj`` and one score column per label: the sum of the weights of every
    feature of the word (``word_feature_lists``), computed per distinct form and context."""
    c = pl.col
    ff = form_features(v)
    # Score tables: per distinct form, what it adds to the label of the word ``-off`` away; per
    # distinct context, what it adds seen from the word itself and from its neighbours. Both are
    # gathered onto the words by row number (``vid``, ``code``): no join on the word table.
    per_form = ff.select("vid")
    edge: dict[int, dict[str, float]] = {}
    for off in OFFSETS:
        sc = _score(ff.select("vid", f=positional(c("feats"), off)), "vid", "f", weights)
        per_form = per_form.join(_per_word(sc, ["vid"], str(off)), on="vid", how="left")
        e = pl.DataFrame({"vid": [0], "f": [[f"{off}:{x}" for x in edge_feats()]]})
        edge[off] = _score(e, "vid", "f", weights).row(0, named=True)
    # Context strings only for the first word of each distinct context code.
    codes = context_codes(w)
    cf = context_features(context_strings(codes[codes["code"].arg_unique()]))
    code = codes["code"]
    per_ctx = pl.DataFrame({"code": pl.int_range(0, code.max() + 1, eager=True)})
    for side in ("own", "prev", "next"):
        sc = _score(cf.select("code", side), "code", side, weights)
        per_ctx = per_ctx.join(_per_word(sc, ["code"], side), on="code", how="left")
        if side != "own":
            e = pl.DataFrame({"code": [0], side: [EDGE_CONTEXT[side]]})
            row = _score(e, "code", side, weights).row(0, named=True)
            edge[-1 if side == "prev" else 1] |= {f"{lab}ctx": row[lab] for lab in LABELS}
    per_form = per_form.sort("vid").drop("vid").fill_null(0.0)
    per_ctx = per_ctx.sort("code").drop("code").fill_null(0.0)
    scores = _assemble(w["aidx"].to_numpy(), w["vid"].to_numpy(), code.to_numpy(), per_form, per_ctx, edge)
    return w.select("wid", "aidx", "joined", "conj").with_columns(
        pl.Series(lab, scores[lab], dtype=pl.Float32) for lab in LABELS
    )


def _assemble(
    aidx: np.ndarray,
    vid: np.ndarray,
    code: np.ndarray,
    per_form: pl.DataFrame,
    per_ctx: pl.DataFrame,
    edge: dict[int, dict[str, float]],
) -> dict[str, np.ndarray]:
    """Per label, every word's score from the per-form and per-context tables, gathered by row
    number with numpy. Word i gets, from the word at i+off, that form's weights for offset off;
    beyond the article edge the edge pseudo-word's; the neighbours' context counts the same way.
    The float32 additions run in the order the former Polars expression used, so the sums are
    bit-identical to it (one fixed order: own form, own context, then offsets -2, -1, 1, 2)."""
    n = len(aidx)
    vid, code = vid.astype(np.intp), code.astype(np.intp)
    # Per offset, the table rows of the neighbour's form and context; outside the article, an
    # extra last row that holds the edge pseudo-word's weights (and 0 for the context). Each
    # label then costs gathers and additions into two reused buffers: fresh arrays of millions
    # of words cost more in page faults than the arithmetic.
    nb: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for off in OFFSETS:
        if off == 0:
            continue
        same = _same_article(aidx, off)
        nb[off] = (_shifted(vid, off, same, per_form.height), _shifted(code, off, same, per_ctx.height))
    buf, ctx_buf = np.empty(n, dtype=np.float32), np.empty(n, dtype=np.float32)
    out: dict[str, np.ndarray] = {}
    for lab in LABELS:
        total = np.take(per_form[f"{lab}@0"].to_numpy(), vid, mode="clip")
        np.add(total, np.take(per_ctx[f"{lab}@own"].to_numpy(), code, out=buf, mode="clip"), out=total)
        for off, (nv, nc) in nb.items():
            fill = edge[off][lab]
            if abs(off) == 1:
                fill += edge[off][f"{lab}ctx"]
            table = np.append(per_form[f"{lab}@{off}"].to_numpy(), np.float32(fill))
            np.take(table, nv, out=buf, mode="clip")
            if abs(off) == 1:
                side = "prev" if off == -1 else "next"
                ctx = np.append(per_ctx[f"{lab}@{side}"].to_numpy(), np.float32(0.0))
                np.add(buf, np.take(ctx, nc, out=ctx_buf, mode="clip"), out=buf)
            np.add(total, buf, out=total)
        out[lab] = total
    return out


def _same_article(aidx: np.ndarray, off: int) -> np.ndarray:
    """For the words that have a word ``off`` away, whether it is in the same article: slices of
    the arrays compared, not gathers."""
    k = abs(off)
    return aidx[k:] == aidx[: len(aidx) - k]


def _shifted(values: np.ndarray, off: int, same: np.ndarray, fill: int) -> np.ndarray:
    """``values`` of the word ``off`` away (``same``: ``_same_article``), ``fill`` where that word
    is outside the article or the table."""
    n, k = len(values), abs(off)
    out = np.full(n, fill, dtype=values.dtype)
    if k >= n:
        return out
    if off > 0:
        np.copyto(out[: n - k], values[k:], where=same)
    else:
        np.copyto(out[k:], values[: n - k], where=same)
    return out
