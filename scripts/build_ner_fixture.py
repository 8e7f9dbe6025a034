"""Rebuild the NER evaluation fixtures from a fetched ANERcorp snapshot (CoNLL, one token a line).

Only the *training* part of ANERcorp is ever read. CAMeL Lab's split is sequential: the sentences
holding the first 5/6 of the words (125,102 words) are train, the rest is the reserved test split.
This script stops at ``EXTRA_TOKENS`` (well inside the training part: the snapshot has 172 more
lines than CAMeL Lab's release, the margin is 5,102 words) and writes three parts:

- ``anercorp_dev.csv``: the first half of the first ``MAX_TOKENS`` words, the only part rules are
  tuned on;
- ``anercorp_heldout.csv``: the second half of them, scored only to report;
- ``anercorp_extra.csv``: the words from ``MAX_TOKENS`` to ``EXTRA_TOKENS``, more training data for
  the token tagger (``scripts/train_ner_tagger.py``), never scored.

One row per sentence: ``sentence_id``, ``text`` (tokens joined by spaces) and ``entities``
(``start:end:TYPE`` character spans separated by ``|``; PERS, ORG, LOC; MISC is not scored).

    uv run python scripts/build_ner_fixture.py /work/.mirror/ITE-5th+arabic-ner/repo
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

import polars as pl

MAX_TOKENS = 110_000
EXTRA_TOKENS = 120_000
OUT_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "ner"
SCORED = ("PERS", "ORG", "LOC")


def read_conll(text: str) -> pl.DataFrame:
    rows = [line.rsplit(" ", 1) for line in text.splitlines() if line.strip()]
    return pl.DataFrame(
        {"token": [r[0].replace("\u200f", "") for r in rows], "tag": [r[-1] for r in rows]}
    ).filter(pl.col("token") != "")


def to_sentences(tokens: pl.DataFrame) -> pl.DataFrame:
    """Sentences end after a token of periods (as in CAMeL Lab's release); spans in characters."""
    t = tokens.with_row_index("i").with_columns(
        sent=pl.col("token").str.contains(r"^[.·•]+$").shift(1, fill_value=False).cum_sum()
    )
    t = t.with_columns(
        start=(pl.col("token").str.len_chars() + 1).cum_sum().over("sent")
        - pl.col("token").str.len_chars()
        - 1
    ).with_columns(end=pl.col("start") + pl.col("token").str.len_chars())
    kind = pl.col("tag").str.slice(2)
    begins = (pl.col("tag").str.starts_with("B-")) | (
        pl.col("tag").str.starts_with("I-") & (pl.col("tag").shift(1).over("sent").str.slice(2) != kind)
    )
    t = t.with_columns(ent=pl.when(pl.col("tag") != "O").then(begins.cast(pl.Int64)).otherwise(0).cum_sum())
    spans = (
        t.filter((pl.col("tag") != "O") & kind.is_in(SCORED))
        .group_by("sent", "ent")
        .agg(start=pl.col("start").min(), end=pl.col("end").max(), kind=kind.first())
        .sort("sent", "start")
        .group_by("sent", maintain_order=True)
        .agg(entities=pl.format("{}:{}:{}", "start", "end", "kind").str.join("|"))
    )
    sents = t.group_by("sent", maintain_order=True).agg(text=pl.col("token").str.join(" "), n=pl.len())
    return (
        sents.join(spans, on="sent", how="left")
        .with_columns(pl.col("entities").fill_null(""))
        .rename({"sent": "sentence_id"})
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="git directory of the fetched snapshot")
    parser.add_argument("--path", default="data/ANERCorp")
    args = parser.parse_args()
    text = subprocess.run(
        ["git", "--git-dir", str(args.repo), "show", f"HEAD:{args.path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    sents = to_sentences(read_conll(text))
    upto = sents.with_columns(upto=pl.col("n").cum_sum())
    extra = upto.filter((pl.col("upto") > MAX_TOKENS) & (pl.col("upto") <= EXTRA_TOKENS))
    sents = upto.filter(pl.col("upto") <= MAX_TOKENS)
    half = int(sents["n"].sum()) // 2
    dev = sents.filter(pl.col("n").cum_sum() <= half)
    held = sents.filter(pl.col("n").cum_sum() > half)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    parts = (("anercorp_dev.csv", dev), ("anercorp_heldout.csv", held), ("anercorp_extra.csv", extra))
    for name, part in parts:
        part.select("sentence_id", "text", "entities").write_csv(OUT_DIR / name)
        print(name, part.height, "sentences", int(part["n"].sum()), "tokens")


if __name__ == "__main__":
    main()
