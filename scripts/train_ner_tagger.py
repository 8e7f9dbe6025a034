"""Train the open-world token tagger (``orchestration/transforms/openworld/tagger.py``) on ANERcorp.

Reads only ``tests/fixtures/ner/anercorp_dev.csv`` and ``anercorp_extra.csv``: the first half of the
fixtures' part of ANERcorp's *training* split and the training words after it
(``scripts/build_ner_fixture.py``). The second half (``anercorp_heldout.csv``) is never read here:
it is what ``scripts/eval_ner.py`` reports on. ANERcorp's test split is never used.

The words and their features come from the entity stage itself (``pipeline.open_world_words`` and
``tagger.word_feature_lists``), so training sees exactly what the run-time tagger sees. A word's
label is the BIO tag of the gold span it falls in. The model is a multinomial logistic regression
(scikit-learn, a dev-only dependency); the run time needs only the exported weights, which it
applies with Polars. The second pass (``openworld/docstack.py``, rows ``s2:*``) is a small logistic
regression over out-of-fold first-pass scores: the first pass is fitted on each half of the articles
and scores the other half, so the second pass learns how far to trust first-pass scores on unseen text.

    uv run python scripts/train_ner_tagger.py                      # writes data/reference/ner_tagger.csv
    uv run python scripts/train_ner_tagger.py --train-frac 0.7 --out /tmp/t/ner_tagger.csv
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import polars as pl
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_ner import gold_spans, load_part, to_articles  # noqa: E402

from orchestration.transforms.entities.pipeline import open_world_words  # noqa: E402
from orchestration.transforms.openworld.docstack import STACK_PREFIX, stack_columns, stack_inputs  # noqa: E402
from orchestration.transforms.openworld.tagger import (  # noqa: E402
    LABELS,
    TAGGER_CSV,
    form_keys,
    word_feature_lists,
)
from orchestration.transforms.reference import REFERENCE_DIR, load_kb  # noqa: E402


def word_labels(w: pl.DataFrame, arts: pl.DataFrame, gold: pl.DataFrame) -> pl.Series:
    """BIO label of each word of ``w`` (``wid`` order): the gold span its first character falls in."""
    c = pl.col
    g = (
        gold.join(arts.select("article_id", "aidx"), on="article_id")
        .select(c("aidx").cast(pl.UInt32), gs="start", ge="end", kind="kind")
        .sort("gs")
    )
    x = (
        w.select("wid", "aidx", "char_start")
        .sort("char_start")
        .join_asof(
            g, left_on="char_start", right_on="gs", by="aidx", strategy="backward", check_sortedness=False
        )
        .sort("wid")
        .with_columns(inside=(c("char_start") < c("ge")).fill_null(False))
    )
    first = c("inside") & ~(
        c("inside").shift(1).fill_null(False)
        & (c("gs").shift(1) == c("gs"))
        & (c("aidx").shift(1) == c("aidx"))
    )
    return x.select(
        pl.when(~c("inside"))
        .then(pl.lit("O"))
        .when(first)
        .then(pl.lit("B-") + c("kind"))
        .otherwise(pl.lit("I-") + c("kind"))
    ).to_series()


def design(feats: pl.DataFrame, min_count: int) -> tuple[csr_matrix, list[str]]:
    """Sparse 0/1 matrix of the words' features seen at least ``min_count`` times."""
    long = feats.with_row_index("row").explode("feats").drop_nulls("feats").unique(["row", "feats"])
    vocab = long.group_by("feats").len().filter(pl.col("len") >= min_count).sort("feats")
    vocab = vocab.with_row_index("col")
    long = long.join(vocab.select("feats", "col"), on="feats")
    m = csr_matrix(
        (np.ones(long.height, dtype=np.float32), (long["row"].to_numpy(), long["col"].to_numpy())),
        shape=(feats.height, vocab.height),
    )
    return m, vocab["feats"].to_list()


def fit(x: csr_matrix, y: np.ndarray, c: float, intercept: bool = False) -> np.ndarray:
    """Weights (features x ``LABELS``) of a multinomial logistic regression."""
    model = LogisticRegression(C=c, max_iter=2000, fit_intercept=intercept)
    model.fit(x, y)
    coef = np.zeros((x.shape[1], len(LABELS)), dtype=np.float64)
    for i, lab in enumerate(model.classes_):
        coef[:, LABELS.index(lab)] = model.coef_[i]
    return coef


def second_pass(x: csr_matrix, y: np.ndarray, aidx: np.ndarray, key: pl.Series, c: float) -> np.ndarray:
    """Second-pass weights (``stack_columns`` x ``LABELS``) fitted on out-of-fold first-pass scores:
    two folds of whole articles, each scored by the first pass fitted on the other."""
    fold = aidx >= np.median(aidx)
    scores = np.zeros((x.shape[0], len(LABELS)))
    for part in (fold, ~fold):
        scores[part] = x[part] @ fit(x[~part], y[~part], c)
    t = pl.DataFrame({"wid": np.arange(x.shape[0]), "aidx": aidx, "key": key}).with_columns(
        **{lab: scores[:, i] for i, lab in enumerate(LABELS)}
    )
    # Only the words the run time rescores: the others stay O there.
    inputs = stack_inputs(t)
    rows = inputs["wid"].to_numpy()
    print(f"second pass: {rows.size} words of {x.shape[0]} rescored")
    return fit(csr_matrix(inputs.select(stack_columns()).to_numpy()), y[rows], 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="dev,extra", help="fixture parts to train on (never heldout)")
    parser.add_argument("--train-frac", type=float, default=1.0, help="train on the first part only")
    parser.add_argument(
        "--hold-dev-first",
        type=float,
        default=0.0,
        help="leave the first fraction of dev out (to score it with eval_ner.py --first)",
    )
    parser.add_argument("--group", type=int, default=10, help="sentences per pseudo-article (as eval_ner)")
    parser.add_argument("--c", type=float, default=1.5, help="inverse L2 regularization strength")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--min-weight", type=float, default=0.02, help="prune features below this")
    parser.add_argument("--out", type=Path, default=REFERENCE_DIR / TAGGER_CSV)
    args = parser.parse_args()

    parts = args.parts.split(",")
    if "heldout" in parts:
        parser.error("the held-out part is what eval_ner.py reports on")
    frames = [load_part(p) for p in parts]
    if args.hold_dev_first and "dev" in parts:
        dev = frames[parts.index("dev")]
        frames[parts.index("dev")] = dev.slice(int(dev.height * args.hold_dev_first))
    sents = pl.concat(frames)
    sents = sents.head(int(sents.height * args.train_frac))
    arts, s = to_articles(sents, args.group)
    arts = arts.with_row_index("aidx")
    w, v = open_world_words(arts.select("article_id", "body"), load_kb())
    y = word_labels(w, arts, gold_spans(s))
    x, names = design(word_feature_lists(w, v).select("feats"), args.min_count)
    print(f"{sents.height} sentences, {x.shape[0]} words, {x.shape[1]} features")
    print(y.value_counts().sort("count", descending=True))
    coef = fit(x, y.to_numpy(), args.c)
    keep = np.abs(coef).max(axis=1) >= args.min_weight
    stack = second_pass(x, y.to_numpy(), w["aidx"].to_numpy(), form_keys(w, v), args.c)
    table = pl.DataFrame(
        {
            "feature": [n for n, k in zip(names, keep, strict=True) if k]
            + [STACK_PREFIX + n for n in stack_columns()]
        }
        | {lab: np.round(np.concatenate([coef[keep, i], stack[:, i]]), 4) for i, lab in enumerate(LABELS)}
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    table.write_csv(args.out)
    print(
        f"{table.height} features kept of {x.shape[1]} -> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)"
    )


if __name__ == "__main__":
    main()
