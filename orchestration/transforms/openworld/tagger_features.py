"""The features of the open-world tagger (tagger.py): word-form features, per-word context
features and their positional copies for the neighbours at ``OFFSETS``.

Split out of tagger.py (issue #10): training (``scripts/train_ner_tagger.py``) and run-time scoring
must see the same features, so their definition lives apart from the scoring that sums weights.
"""

from __future__ import annotations

import polars as pl

# Offsets of the neighbours whose form features count, and the features a far neighbour keeps.
OFFSETS: tuple[int, ...] = (-2, -1, 0, 1, 2)
FAR_KINDS: tuple[str, ...] = ("w", "s", "f")
# Boolean word-form flags of ``features._vocab`` used as features (``f:<name>``).
FLAGS: tuple[str, ...] = (
    "verbish",
    "adjish",
    "plural",
    "suffixed",
    "stop",
    "generic",
    "al",
    "latin",
    "caps",
    "given",
    "family",
    "connector",
    "title",
    "office",
    "speech",
    "org_head",
    "appositive",
    "conj",
    "lprep",
)
# What precedes a word: article start, space, comma, other punctuation (``context_columns``).
GAPS: tuple[str, ...] = ("E", "S", "C", "P")
# Outside the article: the neighbour "word" at offsets beyond its first or last word.
EDGE = "<edge>"


def form_features(v: pl.DataFrame) -> pl.DataFrame:
    """``vid`` -> ``feats`` (list of ``kind:value``) for distinct word forms (``features._vocab``
    columns). Used by the training script and at run time, so both see the same features."""
    c = pl.col
    stem = pl.when(c("al")).then(c("bare").str.slice(2)).otherwise(c("bare"))
    flags = [pl.when(c(f)).then(pl.lit(f"f:{f}")) for f in FLAGS]
    return v.with_columns(_stem=stem).select(
        "vid",
        feats=pl.concat_list(
            pl.lit("w:") + c("norm"),
            pl.lit("b:") + c("bare"),
            pl.lit("s:") + c("_stem"),
            pl.lit("p2:") + c("_stem").str.slice(0, 2),
            pl.lit("p3:") + c("_stem").str.slice(0, 3),
            pl.lit("x2:") + c("_stem").str.slice(-2),
            pl.lit("x3:") + c("_stem").str.slice(-3),
            pl.lit("z:") + c("zipf").floor().cast(pl.Int64).cast(pl.String),
            pl.lit("n:") + c("_stem").str.len_chars().clip(0, 9).cast(pl.String),
            pl.when(c("token").str.contains(r"\d")).then(pl.lit("f:digit")),
            # Share of long-vowel letters: transliterated foreign names (باريرا، فيرغوسن) are rich in them.
            pl.lit("v:")
            + (c("_stem").str.count_matches("[اويى]") * 4 / c("_stem").str.len_chars().clip(1, None))
            .round(0)
            .cast(pl.Int64)
            .cast(pl.String),
            *flags,
        ).list.drop_nulls(),
    )


def edge_feats() -> list[str]:
    return [f"w:{EDGE}"]


def positional(feats: pl.Expr, offset: int) -> pl.Expr:
    """Features of the word at ``offset`` from the tagged word (``-1:w:...`` is the previous word's
    form); far neighbours keep only their form and flags."""
    tagged = feats
    if abs(offset) > 1:
        tagged = feats.list.eval(
            pl.element().filter(pl.element().str.extract(r"^([a-z0-9]+):", 1).is_in(list(FAR_KINDS)))
        )
    return tagged.list.eval(pl.lit(f"{offset}:") + pl.element())


def context_columns(w: pl.DataFrame) -> pl.DataFrame:
    """Per-word context outside the word form (``features.word_features`` columns): ``cov_kind`` and
    ``cov_type`` (the knowledge-base element covering the word), ``g`` (what precedes the word: ``E``
    article start, ``S`` space, ``C`` comma, ``P`` other punctuation) and ``code``, one small integer
    per distinct context."""
    return context_strings(context_codes(w))


def context_codes(w: pl.DataFrame) -> pl.DataFrame:
    """``cov_kind, cov_type, cov_id, _g`` (index into ``GAPS``) and ``code`` per word: integers only,
    so that the strings of ``context_strings`` can be built once per distinct code."""
    c = pl.col
    same_prev = (c("aidx") == c("aidx").shift(1)).fill_null(False)
    g = pl.when(~same_prev).then(0).when(c("joined")).then(1).when(c("comma")).then(2).otherwise(3)
    return w.select("cov_kind", "cov_type", "cov_id", _g=g).with_columns(
        code=c("cov_id").fill_null(0).cast(pl.Int64) * len(GAPS) + c("_g")
    )


def context_strings(x: pl.DataFrame) -> pl.DataFrame:
    c = pl.col
    return x.select(
        cov_kind=c("cov_kind").fill_null("-"),
        cov_type=c("cov_type").fill_null("-"),
        g=c("_g").replace_strict(dict(enumerate(GAPS)), return_dtype=pl.String),
        code="code",
    )


def context_features(ctx: pl.DataFrame) -> pl.DataFrame:
    """Feature lists of context rows (``context_columns``), by the word they are seen from: ``own``
    (the tagged word), ``prev`` (the word before the tagged one), ``next`` (the word after it)."""
    c = pl.col
    cov = c("cov_kind") + "/" + c("cov_type")
    return ctx.with_columns(
        own=pl.concat_list(
            pl.lit("c0:") + cov, pl.lit("g0:") + c("g"), pl.lit("c0g0:") + cov + "/" + c("g"), pl.lit("bias")
        ),
        prev=pl.concat_list(pl.lit("c-1:") + cov),
        next=pl.concat_list(pl.lit("c+1:") + cov, pl.lit("g1:") + c("g")),
    )


# Beyond the article's edges: the features of a missing neighbour.
EDGE_CONTEXT = {"prev": [f"c-1:{EDGE}"], "next": [f"c+1:{EDGE}", "g1:E"]}


def word_feature_lists(w: pl.DataFrame, v: pl.DataFrame) -> pl.DataFrame:
    """``wid`` -> ``feats``: every feature of every word, spelled out (training only; ``tag_words``
    computes the same sums without materializing these lists)."""
    c = pl.col
    ff = form_features(v)
    ctx = context_features(context_columns(w))
    t = pl.concat([w.select("wid", "aidx", "vid"), ctx.select("own", "prev", "next")], how="horizontal").join(
        ff, on="vid", how="left", maintain_order="left"
    )
    parts = [c("own")]
    for off in OFFSETS:
        own = positional(c("feats"), off)
        if off == 0:
            parts.append(own)
            continue
        edge = [f"{off}:{x}" for x in edge_feats()]
        if abs(off) == 1:
            side = "prev" if off == -1 else "next"
            own = pl.concat_list(own, c(side))
            edge += EDGE_CONTEXT[side]
        inside = (c("aidx").shift(-off) == c("aidx")).fill_null(False)
        parts.append(pl.when(inside).then(own.shift(-off)).otherwise(pl.lit(pl.Series([edge]))))
    return t.select("wid", feats=pl.concat_list(*parts))
