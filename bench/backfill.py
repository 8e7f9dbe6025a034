"""Backfill benchmark: N days x K articles as N daily partition runs, on 1 and on 2 worker processes.

Method (bench/README.md, "Backfill"): the corpus is spread over `YYYY-MM-DD/` inbox folders; each
day is one run of the partitioned `daily_landing` asset (orchestration/partitioned.py), the unit a
Dagster backfill launches. A pool of W processes takes the days in turn, as a run queue limited to
W concurrent runs does. The per-partition cost and the parallel efficiency measured here project
the wall time of ten years (3,650 days, ~36M articles) on 8 workers.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import shutil
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

TEN_YEARS_DAYS = 3650
TEN_YEARS_ARTICLES = 36_000_000
PROJECTED_WORKERS = 8


def _days(n: int, first: date = date(2024, 1, 1)) -> list[str]:
    return [(first + timedelta(days=i)).isoformat() for i in range(n)]


def lay_out_by_day(corpus: Path, inbox: Path, days: list[str]) -> dict[str, int]:
    """Hard-link the corpus files round-robin into one folder per day; files per day."""
    suffixes = {".txt", ".json", ".jsonl"}
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in suffixes)
    counts = dict.fromkeys(days, 0)
    for i, path in enumerate(files):
        day = days[i % len(days)]
        target = inbox / day / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, target)
        counts[day] += 1
    return counts


def _run_partition(inbox: str, root: str, day: str) -> float:
    """One partition run of the daily landing asset (in a worker process); its wall seconds."""
    import dagster as dg

    from orchestration.partitioned import daily_definitions, daily_landing
    from orchestration.settings import Settings

    base = Path(root)
    settings = Settings(inbox=Path(inbox), warehouse=base / "news.duckdb", quality_dir=base / "q")
    defs = daily_definitions(settings)
    start = time.perf_counter()
    result = dg.materialize(
        [daily_landing],
        resources=defs.resources,
        partition_key=day,
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )
    if not result.success:
        raise RuntimeError(f"partition {day} failed")
    return time.perf_counter() - start


def _warm(_: int) -> None:
    # Imports are paid once per worker process, as by a long-lived run worker.
    import orchestration.partitioned  # noqa: F401


def backfill(inbox: Path, root: Path, days: list[str], workers: int) -> dict[str, Any]:
    # spawn, not fork: a forked child of a process whose Polars thread pool is running can deadlock
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=spawn) as pool:
        list(pool.map(_warm, range(workers)))
        start = time.perf_counter()
        per_day = list(pool.map(_run_partition, [str(inbox)] * len(days), [str(root)] * len(days), days))
        wall = time.perf_counter() - start
        # a day with no inbox folder, on a warm worker: the fixed cost of a partition run
        no_files = (date.fromisoformat(days[-1]) + timedelta(days=1)).isoformat()
        empty = pool.submit(_run_partition, str(inbox), str(root / "empty"), no_files).result()
    return {"workers": workers, "wall_s": wall, "partition_s": per_day, "empty_partition_s": empty}


def project(one: dict[str, Any], two: dict[str, Any], articles_per_partition: float) -> dict[str, Any]:
    """Ten years on 8 workers from the measured per-partition cost (see bench/README.md)."""
    fixed = one["empty_partition_s"]
    # the median: a worker's first partition also pays its first-use costs
    typical = statistics.median(one["partition_s"])
    per_article = max(typical - fixed, 0.0) / articles_per_partition
    day_articles = TEN_YEARS_ARTICLES / TEN_YEARS_DAYS
    day_s = fixed + per_article * day_articles
    efficiency = min(1.0, one["wall_s"] / two["wall_s"] / 2)
    waves = math.ceil(TEN_YEARS_DAYS / PROJECTED_WORKERS)
    wall = waves * day_s / efficiency
    return {
        "fixed_s_per_partition": fixed,
        "s_per_article": per_article,
        "articles_per_day": day_articles,
        "s_per_day_partition": day_s,
        "parallel_efficiency_2_workers": efficiency,
        "ten_years_8_workers_s": wall,
        "ten_years_8_workers_min": wall / 60,
    }


def bench_backfill(out: Path, n_days: int = 10, per_day: int = 1000, seed: int = 0) -> dict[str, Any]:
    from bench.run import ensure_corpus

    corpus = ensure_corpus(out, n_days * per_day, seed)
    work = out / "backfill"
    shutil.rmtree(work, ignore_errors=True)
    days = _days(n_days)
    files_per_day = lay_out_by_day(corpus, work / "inbox", days)
    runs = {}
    for workers in (1, 2):
        runs[workers] = backfill(work / "inbox", work / f"w{workers}", days, workers)
        wall = runs[workers]["wall_s"]
        print(f"backfill {n_days} days x {per_day} articles, {workers} worker(s): {wall:.1f} s", flush=True)
    result = {
        "days": n_days,
        "articles_per_day": per_day,
        "files_per_day": files_per_day,
        "runs": list(runs.values()),
        "speedup_2_workers": runs[1]["wall_s"] / runs[2]["wall_s"],
        "ratio_2_over_1": runs[2]["wall_s"] / runs[1]["wall_s"],
        "projection": project(runs[1], runs[2], per_day),
    }
    (out / "backfill.md").write_text(render(result))
    return result


def render(r: dict[str, Any]) -> str:
    p = r["projection"]
    lines = [
        f"## Backfill: {r['days']} days x {r['articles_per_day']} articles (daily partitions)",
        "",
        "| workers | wall (s) | mean partition (s) |",
        "|---|---|---|",
    ]
    for run in r["runs"]:
        mean = sum(run["partition_s"]) / len(run["partition_s"])
        lines.append(f"| {run['workers']} | {run['wall_s']:.1f} | {mean:.1f} |")
    lines += [
        "",
        f"2 workers / 1 worker: {r['ratio_2_over_1']:.2f} (target <= 0.6)",
        "",
        f"Projection, ten years ({TEN_YEARS_DAYS} days, {TEN_YEARS_ARTICLES / 1e6:.0f}M articles) on "
        f"{PROJECTED_WORKERS} workers: {p['ten_years_8_workers_min']:.1f} min "
        f"(fixed {p['fixed_s_per_partition']:.1f} s + {p['s_per_article'] * 1000:.1f} ms/article "
        f"x {p['articles_per_day']:.0f} articles per day, parallel efficiency "
        f"{p['parallel_efficiency_2_workers']:.2f})",
    ]
    return "\n".join(lines) + "\n"
