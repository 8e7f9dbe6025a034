"""Score entity extraction against an Arabic NER corpus: PERS/ORG/LOC precision, recall, F1, micro-F1.

The fixtures (``tests/fixtures/ner``, built by ``scripts/build_ner_fixture.py``) come from the
training part of ANERcorp only. Rules are tuned on ``anercorp_dev.csv``; figures are reported on
``anercorp_heldout.csv``, which nobody tunes on. ANERcorp's test split is never used.

Consecutive sentences are grouped into pseudo-articles (``--group``), since the corpus is running
news text and in-article coreference needs more than one sentence.

Scoring is exact match on token spans (CoNLL style). A predicted span is widened to the corpus
tokens it touches, since the corpus keeps proclitics on the token (وألمانيا is one LOC token).
Only name mentions count: role phrases resolved to an office holder (الرئيس الروسي) and nisba
adjectives are not named-entity mentions.

    uv run python scripts/eval_ner.py                 # held-out part
    uv run python scripts/eval_ner.py --part dev --errors 40

The committed tagger is trained on the dev part, so its errors there are few and not those it makes
on unseen text (dev micro-F1 0.89 against 0.71 held out). For an error analysis on dev, train a
tagger without the first half of dev and score that half with it:

    uv run python scripts/train_ner_tagger.py --hold-dev-first 0.5 --out /tmp/t/ner_tagger.csv
    uv run python scripts/eval_ner.py --part dev --first 0.5 --tagger /tmp/t/ner_tagger.csv --classes
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import polars as pl

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "ner"
TYPES = ("PERS", "ORG", "LOC")
TYPE_MAP = {"PERSON": "PERS", "ORG": "ORG", "PLACE": "LOC"}
# Mentions below this confidence are nisba adjectives or unsupported ambiguous forms.
MIN_CONFIDENCE = 0.5


def load_part(part: str, fixtures: Path = FIXTURES, limit: int | None = None) -> pl.DataFrame:
    df = pl.read_csv(fixtures / f"anercorp_{part}.csv", schema_overrides={"entities": pl.String})
    return df.head(limit) if limit else df


def to_articles(sents: pl.DataFrame, group: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Pseudo-articles of ``group`` sentences and each sentence's offset in its article body."""
    s = sents.with_row_index("i").with_columns(article_id=(pl.col("i") // group).cast(pl.String))
    s = s.with_columns(
        offset=(pl.col("text").str.len_chars() + 1).cum_sum().over("article_id")
        - pl.col("text").str.len_chars()
        - 1
    )
    arts = s.group_by("article_id", maintain_order=True).agg(body=pl.col("text").str.join(" "))
    return arts, s.select("article_id", "sentence_id", "offset", "text", "entities")


def gold_spans(s: pl.DataFrame) -> pl.DataFrame:
    return (
        s.select("article_id", "offset", e=pl.col("entities").fill_null("").str.split("|"))
        .explode("e")
        .filter(pl.col("e") != "")
        .with_columns(p=pl.col("e").str.split(":"))
        .select(
            "article_id",
            start=pl.col("p").list.get(0).cast(pl.Int64) + pl.col("offset"),
            end=pl.col("p").list.get(1).cast(pl.Int64) + pl.col("offset"),
            kind=pl.col("p").list.get(2),
        )
    )


def corpus_tokens(arts: pl.DataFrame) -> pl.DataFrame:
    """Whitespace tokens of each body with character offsets (the corpus' own tokenization)."""
    t = arts.select("article_id", tok=pl.col("body").str.split(" ")).explode("tok")
    return t.with_columns(
        end=(pl.col("tok").str.len_chars() + 1).cum_sum().over("article_id") - 1
    ).with_columns(start=pl.col("end") - pl.col("tok").str.len_chars())


def predicted_spans(mentions: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Name mentions widened to whole corpus tokens, one per (span, type)."""
    m = mentions.filter(
        pl.col("entity_type").is_in(list(TYPE_MAP))
        & (pl.col("method") != "role")
        & (pl.col("confidence") >= MIN_CONFIDENCE)
    ).select(
        "article_id",
        cs="char_start",
        ce="char_end",
        kind=pl.col("entity_type").replace_strict(TYPE_MAP),
        surface="surface",
    )
    tk = tokens.select("article_id", "start", "end").sort("start")
    m = m.sort("cs").join_asof(
        tk.rename({"start": "ts", "end": "_e"}),
        left_on="cs",
        right_on="ts",
        by="article_id",
        strategy="backward",
        check_sortedness=False,
    )
    m = m.with_columns(last=pl.col("ce") - 1).sort("last")
    m = m.join_asof(
        tk.rename({"start": "_s", "end": "te"}).sort("te"),
        left_on="last",
        right_on="te",
        by="article_id",
        strategy="forward",
        check_sortedness=False,
    )
    return m.select("article_id", start="ts", end="te", kind="kind", surface="surface").unique(
        ["article_id", "start", "end", "kind"]
    )


def score(gold: pl.DataFrame, pred: pl.DataFrame) -> pl.DataFrame:
    """Per type and micro: tp, n_gold, n_pred, precision, recall, f1."""
    key = ["article_id", "start", "end", "kind"]
    tp = gold.select(key).unique().join(pred.select(key).unique(), on=key, how="semi")
    rows = []
    for kind in (*TYPES, "micro"):
        sel = (lambda d: d) if kind == "micro" else (lambda d, k=kind: d.filter(pl.col("kind") == k))
        t, g, p = sel(tp).height, sel(gold).height, sel(pred).height
        prec = t / p if p else 0.0
        rec = t / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append({"kind": kind, "tp": t, "gold": g, "pred": p, "precision": prec, "recall": rec, "f1": f1})
    return pl.DataFrame(rows)


def evaluate(
    sents: pl.DataFrame, group: int = 10, reference_dir: Path | None = None
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(scores, gold spans, predicted spans) of the pipeline's entity extraction on ``sents``
    (with the knowledge base and tagger of ``reference_dir``, the repository's by default)."""
    from orchestration.transforms.entities import extract_entity_mentions
    from orchestration.transforms.reference import REFERENCE_DIR, load_kb

    ref = reference_dir or REFERENCE_DIR
    arts, s = to_articles(sents, group)
    mentions, _ = extract_entity_mentions(arts, load_kb(ref), reference_dir=ref)
    gold = gold_spans(s)
    pred = predicted_spans(mentions, corpus_tokens(arts))
    return score(gold, pred), gold, pred


def with_tagger(weights: Path, into: Path) -> Path:
    """A reference folder ``into`` that is the repository's with ``weights`` as the tagger: links,
    nothing copied. For error analysis with a tagger that has not seen the scored sentences."""
    from orchestration.transforms.openworld.tagger import TAGGER_CSV
    from orchestration.transforms.reference import REFERENCE_DIR

    into.mkdir(parents=True, exist_ok=True)
    for f in REFERENCE_DIR.iterdir():
        link = into / f.name
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(weights.resolve() if f.name == TAGGER_CSV else f)
    return into


def error_classes(gold: pl.DataFrame, pred: pl.DataFrame) -> pl.DataFrame:
    """Misses (``side`` fn) and false alarms (fp) per type and class: ``boundary`` (a span of the
    same type overlaps), ``type`` (only another type overlaps) or ``none``."""
    key = ["article_id", "start", "end", "kind"]
    rows = []
    for side, a, b in (("fn", gold, pred), ("fp", pred, gold)):
        miss = a.select(key).unique().join(b.select(key), on=key, how="anti")
        ov = miss.join(b.select("article_id", bs="start", be="end", bk="kind"), on="article_id").filter(
            (pl.col("bs") < pl.col("end")) & (pl.col("be") > pl.col("start"))
        )
        cls = ov.group_by(key).agg(same=(pl.col("bk") == pl.col("kind")).any())
        label = (
            pl.when(pl.col("same"))
            .then(pl.lit("boundary"))
            .when(pl.col("same").is_not_null())
            .then(pl.lit("type"))
            .otherwise(pl.lit("none"))
        )
        rows.append(miss.join(cls, on=key, how="left").select("kind", side=pl.lit(side), cls=label))
    counts = pl.concat(rows).group_by("side", "kind", "cls").len()
    return counts.sort("side", "kind", "len", descending=[False, False, True])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", default="heldout", choices=["dev", "heldout"])
    parser.add_argument("--limit", type=int, help="first N sentences only")
    parser.add_argument("--group", type=int, default=10, help="sentences per pseudo-article")
    parser.add_argument("--errors", type=int, default=0, help="print N misses and N false alarms per type")
    parser.add_argument(
        "--first",
        type=float,
        help="score only this first fraction of the part (of dev: what a tagger trained with "
        "train_ner_tagger.py --hold-dev-first has not seen)",
    )
    parser.add_argument("--tagger", type=Path, help="tagger weights to use instead of the committed ones")
    parser.add_argument("--classes", action="store_true", help="count misses and false alarms by class")
    args = parser.parse_args()
    sents = load_part(args.part, limit=args.limit)
    if args.first:
        sents = sents.head(int(sents.height * args.first))
    ref = with_tagger(args.tagger, Path(tempfile.mkdtemp(prefix="eval_ner_ref_"))) if args.tagger else None
    started = time.perf_counter()
    scores, gold, pred = evaluate(sents, args.group, ref)
    elapsed = time.perf_counter() - started
    pl.Config.set_tbl_rows(20)
    print(f"ANERcorp train part '{args.part}': {sents.height} sentences, {elapsed:.1f} s")
    print(scores.with_columns(pl.col("precision", "recall", "f1").round(3)))
    if args.classes:
        with pl.Config(tbl_rows=40):
            print(error_classes(gold, pred))
    if args.errors:
        arts, _ = to_articles(sents, args.group)
        key = ["article_id", "start", "end", "kind"]
        body = arts.select("article_id", "body")
        span = pl.col("body").str.slice(pl.col("start"), pl.col("end") - pl.col("start"))
        miss = gold.join(pred, on=key, how="anti").join(body, on="article_id").with_columns(text=span)
        fa = pred.join(gold, on=key, how="anti").join(body, on="article_id").with_columns(text=span)
        with pl.Config(fmt_str_lengths=60, tbl_rows=args.errors * 3):
            for kind in TYPES:
                print(f"--- {kind} missed")
                print(miss.filter(pl.col("kind") == kind).select("text").head(args.errors))
                print(f"--- {kind} false")
                print(fa.filter(pl.col("kind") == kind).select("text").head(args.errors))


if __name__ == "__main__":
    main()
