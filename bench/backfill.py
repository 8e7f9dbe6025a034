"""Backfill benchmark: N days x K articles as N daily partition runs, on 1 and on 2 worker processes.

Method (bench/README.md, "Backfill"): the corpus is spread over `YYYY-MM-DD/` inbox folders; each
day is one run of the partitioned `daily_landing` asset (orchestration/partitioned.py), the unit a
Dagster backfill launches. A pool of W processes takes the days in turn, as a run queue limited to
W concurrent runs does. Every worker is warmed first (imports and one partition run of a day with
no files), so the timed runs are those of a long-lived run worker, and the fixed cost of a partition
run is measured apart from the per-article cost. Both, with the parallel efficiency measured on 2
workers, project the wall time of ten years (3,650 days, ~36M articles) on 8 workers.
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
TARGET_MINUTES = 15.0
# Runs of a day with no files on a warm worker: their median is the fixed cost of a partition run.
EMPTY_RUNS = 3
# Dagster's console logger prints every event at DEBUG: a 10-day backfill would flood the report.
QUIET_RUN_CONFIG = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def _days(n: int, first: date = date(2024, 1, 1)) -> list[str]:
    return [(first + timedelta(days=i)).isoformat() for i in range(n)]


def lay_out_by_day(corpus_inbox: Path, inbox: Path, days: list[str]) -> dict[str, int]:
    """Hard-link the corpus inbox files round-robin into one folder per day; files per day."""
    suffixes = {".txt", ".json", ".jsonl"}
    files = sorted(p for p in corpus_inbox.rglob("*") if p.is_file() and p.suffix in suffixes)
    counts = dict.fromkeys(days, 0)
    for i, path in enumerate(files):
        day = days[i % len(days)]
        # chunk folders can reuse a file name: keep the relative path in the name
        target = inbox / day / "__".join(path.relative_to(corpus_inbox).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, target)
        counts[day] += 1
    return counts


# --------------------------------------------------------------------------- projection (pure)


def per_partition_cost(
    partition_s: list[float], empty_s: list[float], articles_per_partition: float
) -> dict[str, float]:
    """Fixed seconds per partition run and seconds per article, from warm-worker runs.

    The fixed cost is the median run of a day with no files (Dagster run set-up, pipeline-version
    hash, knowledge base); the rest of the median full partition is charged to its articles.
    Medians, so that one run slowed by a neighbour on a shared machine does not move the figure.
    """
    fixed = statistics.median(empty_s)
    typical = statistics.median(partition_s)
    return {
        "fixed_s": fixed,
        "typical_partition_s": typical,
        "s_per_article": max(typical - fixed, 0.0) / articles_per_partition,
    }


def parallel_efficiency(wall_1: float, wall_w: float, workers: int) -> float:
    """Speed-up over one worker divided by the workers, capped at 1 (perfect scaling)."""
    return min(1.0, wall_1 / wall_w / workers)


def project_backfill(
    fixed_s: float,
    s_per_article: float,
    efficiency: float,
    days: int = TEN_YEARS_DAYS,
    articles: int = TEN_YEARS_ARTICLES,
    workers: int = PROJECTED_WORKERS,
) -> dict[str, float]:
    """Wall time of `days` daily partitions holding `articles` in all, on `workers` workers.

    Each partition costs `fixed_s + s_per_article x articles per day`; the partitions go in
    ceil(days / workers) waves of `workers` concurrent runs, slowed by 1 / `efficiency`.
    """
    articles_per_day = articles / days
    day_s = fixed_s + s_per_article * articles_per_day
    waves = math.ceil(days / workers)
    wall = waves * day_s / efficiency
    return {
        "articles_per_day": articles_per_day,
        "s_per_day_partition": day_s,
        "waves": waves,
        "fixed_share": fixed_s / day_s if day_s else 0.0,
        "wall_s": wall,
        "wall_min": wall / 60,
        # the same backfill with the fixed cost alone, and with the articles alone
        "fixed_only_min": waves * fixed_s / efficiency / 60,
        "articles_only_min": waves * s_per_article * articles_per_day / efficiency / 60,
    }


# --------------------------------------------------------------------------- measuring


def _run_partition(inbox: str, root: str, day: str) -> dict[str, float]:
    """One partition run of the daily landing asset (in a worker process): wall and CPU seconds."""
    import dagster as dg

    from orchestration.partitioned import daily_definitions, daily_landing
    from orchestration.settings import Settings

    base = Path(root)
    settings = Settings(inbox=Path(inbox), warehouse=base / "news.duckdb", quality_dir=base / "q")
    defs = daily_definitions(settings)
    start, cpu = time.perf_counter(), time.process_time()
    result = dg.materialize(
        [daily_landing],
        resources=defs.resources,
        partition_key=day,
        instance=dg.DagsterInstance.ephemeral(),
        run_config=QUIET_RUN_CONFIG,
        raise_on_error=False,
    )
    if not result.success:
        raise RuntimeError(f"partition {day} failed")
    return {"wall_s": time.perf_counter() - start, "cpu_s": time.process_time() - cpu}


def _warm(warm_inbox: str, root: str, warm_day: str) -> None:
    # A long-lived run worker has paid its imports and first-use costs (the extraction's first run on
    # real text) before the backfill starts: one small day of its own, outside the timed window.
    import warnings

    warnings.filterwarnings("ignore")
    _run_partition(warm_inbox, str(Path(root) / f"warm-{os.getpid()}"), warm_day)


def _ready(barrier: Any) -> int:
    # Each worker blocks here until all are up, so every worker is warm before the clock starts.
    barrier.wait()
    return os.getpid()


def stage_breakdown(inbox: str, day: str) -> dict[str, float]:
    """Wall seconds of each step of one partition's work, called directly (no Dagster run)."""
    from orchestration.defs.ingest import TRANSFORMS_DIR
    from orchestration.settings import REFERENCE_DIR
    from orchestration.transforms.daily import day_plan, extract_day, files_to_read
    from orchestration.transforms.inbox_state import pipeline_version
    from orchestration.transforms.ingest import read_inbox
    from orchestration.transforms.lake import lake_frame
    from orchestration.transforms.reference import load_kb

    times: dict[str, float] = {}
    root, d = Path(inbox), date.fromisoformat(day)

    def clock(name: str, start: float) -> float:
        now = time.perf_counter()
        times[name] = now - start
        return now

    t = time.perf_counter()
    version = pipeline_version(REFERENCE_DIR, TRANSFORMS_DIR)
    t = clock("pipeline_version", t)
    kb = load_kb()
    t = clock("load_kb", t)
    plan = day_plan(root, d, version, None)
    t = clock("scan_inbox", t)
    raw, _, _ = read_inbox(root, files=[root / f for f in files_to_read(plan)])
    t = clock("ingest", t)
    frames = extract_day(raw, kb)
    t = clock("clean_entities_events", t)
    out = Path(inbox).parent / "breakdown"
    out.mkdir(exist_ok=True)
    for i, frame in enumerate(frames):
        lake_frame(frame).write_parquet(out / f"{i}.parquet")
    clock("write_parquet", t)
    return times


def backfill(
    inbox: Path, warm_inbox: Path, root: Path, days: list[str], workers: int, empty_day: str
) -> dict[str, Any]:
    # spawn, not fork: a forked child of a process whose Polars thread pool is running can deadlock
    spawn = multiprocessing.get_context("spawn")
    with (
        spawn.Manager() as manager,
        ProcessPoolExecutor(
            max_workers=workers,
            mp_context=spawn,
            initializer=_warm,
            initargs=(str(warm_inbox), str(root / "warm"), empty_day),
        ) as pool,
    ):
        barrier = manager.Barrier(workers)
        pids = list(pool.map(_ready, [barrier] * workers))
        start = time.perf_counter()
        runs = list(pool.map(_run_partition, [str(inbox)] * len(days), [str(root)] * len(days), days))
        wall = time.perf_counter() - start
        empty = [
            pool.submit(_run_partition, str(inbox), str(root / f"empty{i}"), empty_day).result()
            for i in range(EMPTY_RUNS)
        ]
        breakdown = pool.submit(stage_breakdown, str(inbox), days[0]).result() if workers == 1 else None
    return {
        "workers": workers,
        "worker_pids": sorted(set(pids)),
        "wall_s": wall,
        "partition_s": [r["wall_s"] for r in runs],
        "partition_cpu_s": [r["cpu_s"] for r in runs],
        "empty_partition_s": [r["wall_s"] for r in empty],
        "empty_partition_cpu_s": [r["cpu_s"] for r in empty],
        "stage_breakdown_s": breakdown,
        "load_avg_1m": os.getloadavg()[0],
    }


def bench_backfill(out: Path, n_days: int = 10, per_day: int = 1000, seed: int = 0) -> dict[str, Any]:
    from bench.run import ensure_corpus

    corpus = ensure_corpus(out, n_days * per_day, seed)
    work = out / "backfill"
    shutil.rmtree(work, ignore_errors=True)
    days = _days(n_days)
    # the day after the window has no inbox folder: a partition run with no files
    empty_day = (date.fromisoformat(days[-1]) + timedelta(days=1)).isoformat()
    files_per_day = lay_out_by_day(corpus / "inbox", work / "inbox", days)
    # the warm-up day: the first 2 % of the first day's files, in an inbox of its own
    warm = work / "warm_inbox" / empty_day
    warm.mkdir(parents=True)
    first_day = sorted((work / "inbox" / days[0]).iterdir())
    for path in first_day[: max(1, len(first_day) // 50)]:
        os.link(path, warm / path.name)
    runs = {}
    for workers in (1, 2):
        runs[workers] = backfill(
            work / "inbox", work / "warm_inbox", work / f"w{workers}", days, workers, empty_day
        )
        wall = runs[workers]["wall_s"]
        print(f"backfill {n_days} days x {per_day} articles, {workers} worker(s): {wall:.1f} s", flush=True)
    one, two = runs[1], runs[2]
    cost = per_partition_cost(one["partition_s"], one["empty_partition_s"], per_day)
    efficiency = parallel_efficiency(one["wall_s"], two["wall_s"], 2)
    # CPU seconds (all threads) of the same runs: what a partition costs on a core of its own, the
    # steadier figure on a shared machine (each of 8 busy workers gets about one of 8 cores).
    cpu_cost = per_partition_cost(one["partition_cpu_s"], one["empty_partition_cpu_s"], per_day)
    result = {
        "days": n_days,
        "articles_per_day": per_day,
        "files_per_day": files_per_day,
        "runs": [one, two],
        "speedup_2_workers": one["wall_s"] / two["wall_s"],
        "ratio_2_over_1": two["wall_s"] / one["wall_s"],
        "cost": cost,
        "parallel_efficiency_2_workers": efficiency,
        "projection": project_backfill(cost["fixed_s"], cost["s_per_article"], efficiency),
        "cpu_cost": cpu_cost,
        "projection_cpu": project_backfill(cpu_cost["fixed_s"], cpu_cost["s_per_article"], 1.0),
    }
    (out / "backfill.md").write_text(render(result))
    return result


def render(r: dict[str, Any]) -> str:
    p, c = r["projection"], r["cost"]
    q, cq = r["projection_cpu"], r["cpu_cost"]
    lines = [
        f"## Backfill: {r['days']} days x {r['articles_per_day']} articles (daily partitions)",
        "",
        "| workers | wall (s) | median partition (s) | partition CPU (s, mean) | load avg |",
        "|---|---|---|---|---|",
    ]
    for run in r["runs"]:
        median = statistics.median(run["partition_s"])
        cpu = sum(run["partition_cpu_s"]) / len(run["partition_cpu_s"])
        lines.append(
            f"| {run['workers']} | {run['wall_s']:.1f} | {median:.2f} | {cpu:.2f} | {run['load_avg_1m']:.1f} |"
        )
    lines += [
        "",
        f"2 workers / 1 worker: {r['ratio_2_over_1']:.2f} (target <= 0.6); parallel efficiency "
        f"{r['parallel_efficiency_2_workers']:.2f}",
        "",
        f"Warm worker: fixed {c['fixed_s']:.2f} s per partition run (median of {EMPTY_RUNS} runs of a day "
        f"with no files) + {c['s_per_article'] * 1000:.2f} ms per article.",
        "",
        f"Projection, ten years ({TEN_YEARS_DAYS} days, {TEN_YEARS_ARTICLES / 1e6:.0f}M articles, "
        f"{p['articles_per_day']:.0f} a day) on {PROJECTED_WORKERS} workers: **{p['wall_min']:.1f} min** "
        f"(target <= {TARGET_MINUTES:.0f}); {p['waves']} waves x {p['s_per_day_partition']:.1f} s "
        f"per day partition / efficiency. Of that, fixed costs {p['fixed_only_min']:.1f} min, "
        f"articles {p['articles_only_min']:.1f} min.",
        "",
        f"From CPU seconds instead (one core per worker, efficiency 1): fixed {cq['fixed_s']:.2f} s + "
        f"{cq['s_per_article'] * 1000:.2f} ms per article -> **{q['wall_min']:.1f} min** "
        f"(fixed {q['fixed_only_min']:.1f} min, articles {q['articles_only_min']:.1f} min).",
    ]
    breakdown = next((run["stage_breakdown_s"] for run in r["runs"] if run["stage_breakdown_s"]), None)
    if breakdown:
        total = sum(breakdown.values())
        lines += [
            "",
            f"Where a {r['articles_per_day']}-article partition's time goes (steps called directly, "
            "1 worker, wall s):",
            "",
            "| step | s | share |",
            "|---|---|---|",
        ]
        lines += [f"| {k} | {v:.2f} | {v / total:.0%} |" for k, v in breakdown.items()]
    return "\n".join(lines) + "\n"


def main() -> int:
    import argparse
    import json

    parser = argparse.ArgumentParser(description="Backfill benchmark (bench/README.md, Backfill).")
    parser.add_argument("--days", type=int, default=10)
    parser.add_argument("--per-day", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("data/bench"))
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    result = bench_backfill(out, args.days, args.per_day, args.seed)
    (out / "backfill.json").write_text(json.dumps(result, indent=2, default=str))
    print()
    print(render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
