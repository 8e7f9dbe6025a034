"""Determinism check of the extraction chain (issues #10/#11).

Runs the held-out chain (``tests.heldout_score.run_chain``) several times, each in a fresh process:
plain runs, one run with the inbox rows (and every frame read from them) in a shuffled order, one run
with ``POLARS_MAX_THREADS=1``. Each run writes its entity mentions, event candidates and events,
sorted on all columns; the frames of every run must equal those of the first one.

``python -m bench.determinism [--runs N] [--articles a,b,...]`` prints the differences and exits 1 on any.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
FRAMES = ("mentions", "candidates", "events")


def _canonical(frame: pl.DataFrame) -> pl.DataFrame:
    """Sorted on every column (list/struct columns are cast to text first) so row order is moot."""
    cols = {
        c: pl.col(c).map_batches(_as_text, return_dtype=pl.String)
        if dt.is_nested()
        else pl.col(c).cast(pl.String)
        for c, dt in frame.schema.items()
    }
    flat = frame.select(**cols)
    return flat.select(sorted(flat.columns)).sort(pl.all(), nulls_last=True)


def _as_text(s: pl.Series) -> pl.Series:
    return pl.Series(s.name, [repr(v) for v in s.to_list()], dtype=pl.String)


def run_once(out_dir: Path, shuffle_seed: int | None, articles: list[str] | None, stages: str = "") -> None:
    """One chain run in this process; frames go to ``out_dir`` as parquet."""
    import tests.heldout_score as hs
    from orchestration.transforms import ingest

    real_read = ingest.read_inbox

    def read_inbox(path: Path):  # type: ignore[no-untyped-def]
        raw, *rest = real_read(path)
        if articles:
            stem = pl.col("source_file").str.replace(r"\.txt$", "").str.replace(r"^.*/", "")
            raw = raw.filter(stem.is_in(articles) | pl.col("meta_id").is_in(articles))
        if shuffle_seed is not None:
            raw = raw.sample(fraction=1.0, shuffle=True, seed=shuffle_seed)
        return (raw, *rest)

    ingest.read_inbox = read_inbox
    _capture_candidates()
    if shuffle_seed is not None and stages:
        _shuffle_stages(shuffle_seed, stages)
    chain = hs.run_chain()
    frames = {"mentions": chain.mentions, "candidates": _CAPTURED[-1], "events": chain.events}
    for name, frame in frames.items():
        _canonical(frame).write_parquet(out_dir / f"{name}.parquet")


_CAPTURED: list[pl.DataFrame] = []


def _shuffled(value: object, seed: int) -> object:
    if isinstance(value, pl.DataFrame):
        return value.sample(fraction=1.0, shuffle=True, seed=seed)
    if isinstance(value, tuple):
        return tuple(_shuffled(v, seed) for v in value)
    return value


def _shuffle_stages(seed: int, stages: str) -> None:
    """Shuffles the rows every stage hands on (``stages``: ``chain`` and/or ``kb``), so that a
    result depending on row order shows even where the inbox order does not reach."""
    import dataclasses

    from orchestration.transforms import clean, entities, events, reference, sentences

    def wrap(module: object, name: str) -> None:
        real = getattr(module, name)
        setattr(module, name, lambda *a, **k: _shuffled(real(*a, **k), seed))

    if "chain" in stages:
        wrap(clean, "clean_articles")
        wrap(sentences, "split_sentences")
        wrap(entities, "extract_entity_mentions")
        wrap(events, "extract_event_candidates")
    if "kb" in stages:
        real_kb = reference.load_kb

        def load_kb(*a, **k):  # type: ignore[no-untyped-def]
            kb = real_kb(*a, **k)
            return dataclasses.replace(
                kb, **{f.name: _shuffled(getattr(kb, f.name), seed) for f in dataclasses.fields(kb)}
            )

        reference.load_kb = load_kb


def _capture_candidates() -> None:
    """Keeps the candidates ``run_chain`` passes on to the event rules."""
    import orchestration.transforms.event_rules as er

    real_apply = er.apply_event_rules

    def apply(candidates: pl.DataFrame, *args, **kwargs):  # type: ignore[no-untyped-def]
        _CAPTURED.append(candidates)
        return real_apply(candidates, *args, **kwargs)

    er.apply_event_rules = apply


def _spawn(
    out_dir: Path, seed: int | None, articles: list[str] | None, env: dict[str, str], stages: str = ""
) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "bench.determinism", "--child", str(out_dir)]
    if seed is not None:
        cmd += ["--seed", str(seed), "--stages", stages]
    if articles:
        cmd += ["--articles", ",".join(articles)]
    subprocess.run(cmd, cwd=ROOT, env={**os.environ, **env}, check=True)


def diff(base: Path, other: Path) -> list[str]:
    """Row differences between two runs' frames (rows only in one of them)."""
    lines = []
    for name in FRAMES:
        a, b = pl.read_parquet(base / f"{name}.parquet"), pl.read_parquet(other / f"{name}.parquet")
        if a.equals(b):
            continue
        only_a, only_b = (
            a.join(b, on=a.columns, how="anti", nulls_equal=True),
            b.join(a, on=a.columns, how="anti", nulls_equal=True),
        )
        lines.append(f"{name}: {a.height} vs {b.height} rows; -{only_a.height} +{only_b.height}")
        for tag, rows in (("-", only_a), ("+", only_b)):
            for row in rows.head(12).iter_rows(named=True):
                lines.append(f"  {tag} {row}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", default="")
    parser.add_argument("--child")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--stages", default="")
    args = parser.parse_args()
    articles = [a for a in args.articles.split(",") if a] or None
    if args.child:
        run_once(Path(args.child), args.seed, articles, args.stages)
        return 0
    work = Path(tempfile.mkdtemp(prefix="determinism_"))
    variants: list[tuple[str, int | None, dict[str, str], str]] = [
        (f"plain{i}", None, {}, "") for i in range(args.runs)
    ]
    variants += [
        ("inbox_shuffled", 7, {}, ""),
        ("inbox_shuffled_threads1", 11, {"POLARS_MAX_THREADS": "1"}, ""),
        ("stages_shuffled", 13, {}, "chain"),
        ("kb_shuffled", 17, {}, "kb"),
    ]
    for name, seed, env, stages in variants:
        _spawn(work / name, seed, articles, env, stages)
    bad = 0
    for name, *_ in variants[1:]:
        lines = diff(work / variants[0][0], work / name)
        print(f"== {name} vs {variants[0][0]}: {'identical' if not lines else 'DIFFERENT'}")
        print("\n".join(lines))
        bad += bool(lines)
    print(f"frames in {work}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
