"""`make bench`: throughput, memory, peers and accuracy of the pipeline on generated corpora.

For every size N (``--sizes``):
1. generate the corpus (cached under ``<out>/corpus_<N>_s<seed>/``);
2. in a child process (so that peak RSS is this size's own), time each stage with the real transform
   code: scan, ingest, clean, entities, events, DuckDB load, ``dbt build`` (and ``dbt build`` without
   tests), then the peer entity matchers on a subsample;
3. run the whole Dagster job end to end as a subprocess (peak RSS of the process tree), then add 1 %
   new articles and run it again (incremental);
4. score the published warehouse against the ground truth (``bench.accuracy``).

Results go to ``<out>/results.json`` and ``<out>/results.md``; the Markdown is printed at the end.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import polars as pl

from bench.fixed_cost import measure_fixed_cost, profile_first_run, render_fixed_cost

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_DIR = REPO_ROOT / "dbt_project"
LANDING_TABLES = (
    "inbox_files",
    "raw_articles",
    "duplicate_articles",
    "rejected_articles",
    "rejected_clean",
    "articles",
    "sentences",
    "entities",
    "entity_mentions",
    "event_candidates",
    "retracted_articles",
)
QUIET_ENV = {
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "DBT_VERSION_CHECK": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "False",
    "TQDM_DISABLE": "1",
}
MB = 1e6

# Targets the report compares against (reported, never asserted).
TARGETS = {
    "polars_mb_s": 50.0,
    "spacy_ratio": 25.0,
    "e2e_100k_seconds": 60.0,
    "incremental_ratio": 0.10,
    "rss_100k_gb": 4.0,
}


# --------------------------------------------------------------------------- measuring


def _tree_rss_proc(root: int, seen: set[int]) -> int:
    """RSS of ``root`` and its descendants from /proc (when psutil is not importable)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
    tree, frontier = {root}, [root]
    while frontier:
        kids = [p for p, pp in parents.items() if pp in frontier and p not in tree]
        tree.update(kids)
        frontier = kids
    seen.update(tree)
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    for pid in tree:
        with suppress(OSError, ValueError, IndexError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
    return total


class RssSampler:
    """Peak resident memory of a process and its children, polled on a thread."""

    def __init__(self, pid: int | None = None, interval: float = 0.1) -> None:
        self._pid = pid or os.getpid()
        self.seen: set[int] = set()
        self.load_max = 0.0
        self._interval = interval
        self._peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        try:
            import psutil
        except ImportError:
            # Another checkout user's `uv sync` may drop the bench group under a running benchmark.
            return _tree_rss_proc(self._pid, self.seen)
        total = 0
        try:
            proc = psutil.Process(self._pid)
            procs = [proc, *proc.children(recursive=True)]
        except psutil.Error:
            return 0
        self.seen.update(p.pid for p in procs)
        for p in procs:
            with suppress(psutil.Error):
                total += p.memory_info().rss
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self._peak = max(self._peak, self._sample())
            # Other work on a shared machine inflates wall times: keep the load next to them.
            self.load_max = max(self.load_max, os.getloadavg()[0])
            self._stop.wait(self._interval)

    def __enter__(self) -> RssSampler:
        self._peak = self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._peak = max(self._peak, self._sample())

    @property
    def peak_mb(self) -> float:
        return self._peak / MB


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def timed(results: dict[str, dict[str, Any]], name: str, **extra: Any) -> Iterator[dict[str, Any]]:
    gc.collect()
    entry: dict[str, Any] = dict(extra)
    with RssSampler() as rss:
        cpu0 = _cpu(resource.RUSAGE_SELF)
        started = time.perf_counter()
        yield entry
        entry["seconds"] = time.perf_counter() - started
        entry["cpu_seconds"] = _cpu(resource.RUSAGE_SELF) - cpu0
    entry["peak_rss_mb"] = rss.peak_mb
    entry["load_avg_max"] = rss.load_max
    results[name] = entry
    print(
        f"  {name:<14} {entry['seconds']:8.2f} s  cpu {entry['cpu_seconds']:7.2f} s  "
        f"peak RSS {rss.peak_mb:7.0f} MB  load {rss.load_max:.1f}",
        flush=True,
    )


def inbox_bytes(inbox: Path) -> tuple[int, int]:
    files = [p for p in inbox.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


# --------------------------------------------------------------------------- corpus


def ensure_corpus(root: Path, n: int, seed: int) -> Path:
    """Generate the corpus of (n, seed) once; later runs reuse it."""
    from bench.generate import generate_corpus

    out = root / f"corpus_{n}" if seed == 0 else root / f"corpus_{n}_s{seed}"
    marker = out / "bench_corpus.json"
    if marker.exists() and json.loads(marker.read_text()) == {"n": n, "seed": seed}:
        return out
    print(f"generating corpus n={n} seed={seed} -> {out}", flush=True)
    gt = generate_corpus(out, n_articles=n, seed=seed)
    print(f"  {gt.n_files} files, {gt.n_bytes / MB:.1f} MB in {gt.seconds:.1f} s", flush=True)
    marker.write_text(json.dumps({"n": n, "seed": seed}))
    return out


def link_tree(src: Path, dst: Path) -> None:
    """Hard-link a corpus inbox into a run's inbox (same bytes and mtimes, no copy)."""

    def link(s: str, d: str) -> None:
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)

    shutil.copytree(src, dst, copy_function=link, dirs_exist_ok=True)


# --------------------------------------------------------------------------- in-process stages


def _dbt(args: list[str], db: Path, work: Path) -> dict[str, Any]:
    from dbt.cli.main import dbtRunner

    os.environ["AKHBAR_BUILD_DB"] = str(db)
    common = ["--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR)]
    common += ["--target-path", str(work / "dbt_target"), "--log-path", str(work / "dbt_logs"), "--quiet"]
    res = dbtRunner().invoke([*args, *common])
    nodes = list(getattr(res.result, "results", None) or [])
    bad = [
        {
            "node": r.node.unique_id,
            "status": str(r.status),
            "failures": getattr(r, "failures", None),
            "message": (r.message or "")[:300],
        }
        for r in nodes
        if str(r.status) not in ("success", "pass")
    ]
    if res.exception is not None:
        bad.append({"node": "dbt", "status": "exception", "message": str(res.exception)[:500]})
    return {"success": bool(res.success), "nodes": len(nodes), "not_passed": bad}


def measure_stages(corpus: Path, work: Path, peer_sample: int, dbt_run_only: bool) -> dict[str, Any]:
    """Time every stage on ``corpus/inbox`` in this process; returns the results dict."""
    import duckdb

    from bench import peers
    from orchestration.settings import REFERENCE_DIR
    from orchestration.transforms.clean import clean_articles
    from orchestration.transforms.entities import extract_entity_mentions
    from orchestration.transforms.event_rules import apply_event_rules
    from orchestration.transforms.events import extract_event_candidates
    from orchestration.transforms.inbox_state import pipeline_version, plan_changes, scan_inbox
    from orchestration.transforms.ingest import read_inbox
    from orchestration.transforms.reference import load_kb
    from orchestration.transforms.sentences import split_sentences
    from orchestration.transforms.tokens import build_tokens

    inbox = corpus / "inbox"
    transforms_dir = REPO_ROOT / "orchestration" / "transforms"
    stages: dict[str, dict[str, Any]] = {}
    out: dict[str, Any] = {"stages": stages}

    with timed(stages, "scan") as e:
        inbox_files = plan_changes(None, scan_inbox(inbox), pipeline_version(REFERENCE_DIR, transforms_dir))
        e["rows"] = inbox_files.height
    with timed(stages, "ingest") as e:
        raw, duplicates, rejected = read_inbox(inbox)
        e["rows"] = raw.height
    out["raw_text_bytes"] = int(raw["raw_text"].str.len_bytes().sum())
    out["counts"] = {"raw_articles": raw.height, "duplicates": duplicates.height, "rejected": rejected.height}
    with timed(stages, "clean") as e:
        articles, rejected_clean = clean_articles(raw)
        e["rows"] = articles.height
    kb = load_kb()
    with timed(stages, "entities") as e:
        # Sentences and the token table are built once here; the event stage reads both, as the
        # Dagster assets do (intermediate/tokens).
        sentences = split_sentences(articles)
        cpu0 = _cpu(resource.RUSAGE_SELF)
        tokens = build_tokens(articles, sentences)
        e["tokens_cpu_seconds"] = _cpu(resource.RUSAGE_SELF) - cpu0
        mentions, entities = extract_entity_mentions(articles, kb, sentences, tokens=tokens)
        e["rows"] = mentions.height
        e["sentences"] = sentences.height
        e["tokens"] = tokens.height
    with timed(stages, "events") as e:
        candidates = apply_event_rules(
            extract_event_candidates(articles, sentences, mentions, kb, tokens=tokens), sentences, mentions
        )
        e["rows"] = candidates.height
    del tokens
    out["counts"].update(
        articles=articles.height,
        rejected_clean=rejected_clean.height,
        sentences=sentences.height,
        entity_mentions=mentions.height,
        entities=entities.height,
        event_candidates=candidates.height,
    )

    frames = {
        "inbox_files": inbox_files,
        "raw_articles": raw,
        "duplicate_articles": duplicates,
        "rejected_articles": rejected,
        "rejected_clean": rejected_clean,
        "articles": articles,
        "sentences": sentences,
        "entities": entities,
        "entity_mentions": mentions,
        "event_candidates": candidates,
        "retracted_articles": pl.DataFrame(schema={"article_id": pl.String()}),
    }
    db = work / "stages.duckdb"
    for path in work.glob("stages*.duckdb*"):
        path.unlink()
    with timed(stages, "duckdb_load") as e:
        con = duckdb.connect(str(db))
        try:
            con.execute("create schema if not exists landing")
            for table in LANDING_TABLES:
                arrow = frames[table].to_arrow()
                con.register("obj_arrow", arrow)
                con.execute(f"create or replace table landing.{table} as select * from obj_arrow")
                con.unregister("obj_arrow")
        finally:
            con.close()
        e["rows"] = sum(f.height for f in frames.values())

    # Peers on a fixed subsample (spaCy is slow); our entity stage again on the same rows.
    sample = articles.sort("article_id").head(peer_sample)
    del raw, frames
    peer: dict[str, Any] = {
        "sample_articles": sample.height,
        "sample_mb": sample["body"].str.len_bytes().sum() / MB,
    }
    gc.collect()
    started = time.perf_counter()
    s_sentences = split_sentences(sample)
    s_mentions, _ = extract_entity_mentions(sample, kb, s_sentences)
    peer["ours"] = {"seconds": time.perf_counter() - started, "mentions": s_mentions.height}
    s_names = s_mentions.filter(pl.col("method").is_in(["exact", "alias", "fuzzy"])).height
    peer["ours"]["name_mentions"] = s_names
    lexicon = peers.name_lexicon(kb)
    peer["lexicon_names"] = lexicon.height
    started = time.perf_counter()
    texts = peers.normalized_bodies(sample)
    peer["normalize_seconds"] = time.perf_counter() - started
    for name, run_peer in (("pyahocorasick", peers.run_aho), ("spacy_entity_ruler", peers.run_spacy)):
        try:
            result = run_peer(lexicon, texts)
        except ImportError as exc:  # bench group missing: report, do not lose the other figures
            peer[name] = {"error": repr(exc)}
            continue
        peer[result.name] = {
            "seconds": result.seconds,
            "build_seconds": result.build_seconds,
            "mentions": result.mentions,
            "ratio_to_ours": result.seconds / peer["ours"]["seconds"],
        }
        print(f"  peer {result.name:<20} {result.seconds:8.2f} s ({result.mentions} mentions)", flush=True)
    print(f"  ours on the sample      {peer['ours']['seconds']:8.2f} s", flush=True)
    out["peers"] = peer
    del sample, texts, s_sentences, s_mentions

    # dbt on copies of the loaded database: one build without tests, one full build.
    if dbt_run_only:
        db_run = work / "stages_run.duckdb"
        shutil.copy(db, db_run)
        with timed(stages, "dbt_run") as e:
            e.update(_dbt(["build", "--exclude-resource-type", "test"], db_run, work))
        db_run.unlink()
    with timed(stages, "dbt_build") as e:
        e.update(_dbt(["build"], db, work))
    return out


def profile_polars(corpus: Path, out: Path) -> Path:
    """Profile clean + entities + events on a corpus (pyinstrument when importable, else cProfile)."""
    from orchestration.transforms.ingest import read_inbox

    raw, _, _ = read_inbox(corpus / "inbox")
    return profile_chain(raw, out)


def profile_chain(raw: pl.DataFrame, out: Path) -> Path:
    """Profile the Polars stage on raw articles; writes ``out/profile_polars.txt`` (and .html)."""
    from orchestration.transforms.clean import clean_articles
    from orchestration.transforms.entities import extract_entity_mentions
    from orchestration.transforms.event_rules import apply_event_rules
    from orchestration.transforms.events import extract_event_candidates
    from orchestration.transforms.reference import load_kb
    from orchestration.transforms.sentences import split_sentences

    kb = load_kb()

    def work() -> None:
        articles, _ = clean_articles(raw)
        sentences = split_sentences(articles)
        mentions, _ = extract_entity_mentions(articles, kb, sentences)
        apply_event_rules(extract_event_candidates(articles, sentences, mentions, kb), sentences, mentions)

    try:
        from pyinstrument import Profiler
    except ImportError:
        import cProfile
        import io
        import pstats

        prof = cProfile.Profile()
        prof.runcall(work)
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf).sort_stats("cumulative")
        stats.print_stats(r"orchestration/transforms", 60)
        stats.sort_stats("tottime").print_stats(40)
        path = out / "profile_polars.txt"
        path.write_text(buf.getvalue())
        return path
    profiler = Profiler(interval=0.005)
    profiler.start()
    work()
    profiler.stop()
    path = out / "profile_polars.txt"
    path.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    (out / "profile_polars.html").write_text(profiler.output_html())
    return path


# --------------------------------------------------------------------------- Dagster end to end


def _dagster_cmd() -> list[str]:
    # The project's own entry point: the real Definitions, in-process, on DAGSTER_HOME, quiet.
    return [sys.executable, "-m", "orchestration.cli", "run"]


def run_env(run_dir: Path) -> dict[str, str]:
    env = {**os.environ, **QUIET_ENV}
    env.pop("AKHBAR_BUILD_DB", None)
    env.update(
        AKHBAR_INBOX=str(run_dir / "inbox"),
        AKHBAR_WAREHOUSE=str(run_dir / "news.duckdb"),
        AKHBAR_QUALITY_DIR=str(run_dir / "quality"),
        DAGSTER_HOME=str(run_dir / "dagster_home"),
    )
    return env


def _run_report(dagster_home: Path) -> dict[str, Any]:
    """Status, step durations, failed steps and failed checks of the latest run of an instance."""
    # The instance's event log storage (orchestration/event_storage.py) finds its files under
    # $DAGSTER_HOME, as in the run itself: point it at the run's home while reading.
    saved = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(dagster_home)
    try:
        return _read_run_report(dagster_home)
    finally:
        if saved is None:
            os.environ.pop("DAGSTER_HOME", None)
        else:
            os.environ["DAGSTER_HOME"] = saved


def _read_run_report(dagster_home: Path) -> dict[str, Any]:
    from dagster import DagsterEventType, DagsterInstance

    with DagsterInstance.from_config(str(dagster_home)) as instance:
        runs = instance.get_runs(limit=1)
        if not runs:
            return {"status": "no run"}
        run = runs[0]
        steps: dict[str, list[float]] = {}
        failed_steps: list[dict[str, str]] = []
        checks: list[dict[str, Any]] = []
        for rec in instance.all_logs(run.run_id):
            ev = rec.dagster_event
            if ev is None:
                continue
            if ev.step_key and ev.event_type in (
                DagsterEventType.STEP_START,
                DagsterEventType.STEP_SUCCESS,
                DagsterEventType.STEP_FAILURE,
            ):
                steps.setdefault(ev.step_key, []).append(rec.timestamp)
            if ev.event_type == DagsterEventType.STEP_FAILURE:
                err = ev.event_specific_data.error
                failed_steps.append({"step": ev.step_key, "error": (err.message if err else "")[:500]})
            if ev.event_type == DagsterEventType.ASSET_CHECK_EVALUATION:
                data = ev.event_specific_data
                if not data.passed:
                    checks.append(
                        {
                            "asset": data.asset_key.to_user_string(),
                            "check": data.check_name,
                            "severity": str(getattr(data.severity, "value", data.severity)),
                            "metadata": {
                                k: str(getattr(v, "value", v))[:400] for k, v in data.metadata.items()
                            },
                        }
                    )
        durations = {k: max(v) - min(v) for k, v in steps.items()}
        return {
            "status": str(run.status.value),
            "step_seconds": dict(sorted(durations.items(), key=lambda kv: -kv[1])),
            "failed_steps": failed_steps,
            "failed_checks": checks,
        }


def run_dagster(run_dir: Path, label: str) -> dict[str, Any]:
    """One `akhbar run` (the whole job through Dagster) as a subprocess: wall time and peak RSS."""
    log_path = run_dir / f"dagster_{label}.log"
    cmd = _dagster_cmd()
    with log_path.open("w") as log:
        started = time.perf_counter()
        cpu0 = _cpu(resource.RUSAGE_CHILDREN)
        proc = subprocess.Popen(
            cmd, cwd=REPO_ROOT, env=run_env(run_dir), stdout=log, stderr=subprocess.STDOUT
        )
        with RssSampler(proc.pid, interval=0.25) as rss:
            code = proc.wait()
        seconds = time.perf_counter() - started
        # Includes every descendant the run waited for (the dbt subprocess too).
        cpu_seconds = _cpu(resource.RUSAGE_CHILDREN) - cpu0
        # A failed dbt step can leave its dbt process running (and holding the DuckDB lock).
        orphans = _wait_for_exit(rss.seen - {proc.pid})
    text = log_path.read_text(errors="replace")
    inbox_lines = re.findall(r"inbox \S+: (\{[^}]*\});[^\n]*", text)
    result: dict[str, Any] = {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_rss_mb": rss.peak_mb,
        "load_avg_max": rss.load_max,
        "returncode": code,
        "log": _shown(log_path),
        "inbox_changes": inbox_lines[0] if inbox_lines else None,
        "orphans_wait_seconds": orphans,
    }
    try:
        result.update(_run_report(run_dir / "dagster_home"))
    except Exception as exc:  # the report is a convenience; the timing stands without it
        result["report_error"] = repr(exc)
    if code != 0:
        result["log_tail"] = text[-3000:]
    steps = result.get("step_seconds", {})
    result["startup_seconds"] = seconds - sum(steps.values()) if steps else None
    print(
        f"  dagster {label:<12} {seconds:8.2f} s  cpu {cpu_seconds:7.2f} s  peak RSS {rss.peak_mb:7.0f} MB  "
        f"load {rss.load_max:.1f}  rc={code} "
        f"status={result.get('status')} failed checks={len(result.get('failed_checks', []))}",
        flush=True,
    )
    return result


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _wait_for_exit(pids: set[int], timeout: float = 900.0) -> float:
    """Seconds spent waiting for processes of a finished run that outlived it."""
    started = time.perf_counter()
    while any(_alive(p) for p in pids) and time.perf_counter() - started < timeout:
        time.sleep(0.5)
    return time.perf_counter() - started


def prepare_run_dir(run_dir: Path, corpus: Path) -> None:
    if run_dir.exists():
        shutil.rmtree(run_dir)
    (run_dir / "dagster_home").mkdir(parents=True)
    shutil.copy(REPO_ROOT / ".dagster_home" / "dagster.yaml", run_dir / "dagster_home" / "dagster.yaml")
    link_tree(corpus / "inbox", run_dir / "inbox")


def warehouse_counts(db: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'main'"
            ).fetchall()
        ]
        return {t: con.execute(f'select count(*) from main."{t}"').fetchone()[0] for t in sorted(tables)}
    finally:
        con.close()


# --------------------------------------------------------------------------- accuracy


def score_warehouse(db: Path, corpus: Path) -> dict[str, Any]:
    import duckdb

    from bench.accuracy import accuracy_report

    gt = corpus / "ground_truth"
    truth_events = pl.read_csv(gt / "events.csv", infer_schema=False).with_columns(
        pl.col("event_date").str.to_date("%Y-%m-%d", strict=False)
    )
    truth_articles = pl.read_csv(gt / "articles.csv", infer_schema=False).with_columns(
        pl.col("record_index").cast(pl.Int64)
    )
    expected = pl.read_csv(gt / "expected_rejects.csv", infer_schema=False).with_columns(
        pl.col("record_index").cast(pl.Int64)
    )
    con = duckdb.connect(str(db), read_only=True)
    try:
        pred = con.execute(
            """
            select m.mention_id, m.event_id, m.event_code, m.actor1_entity_id, m.actor2_entity_id,
                   a.source_file, a.record_index,
                   e1.country_iso3 as actor1_iso3, e2.country_iso3 as actor2_iso3
            from main.fct_event_mentions m
            join main.dim_articles a using (article_id)
            left join main.dim_entities e1 on e1.entity_id = m.actor1_entity_id
            left join main.dim_entities e2 on e2.entity_id = m.actor2_entity_id
            """
        ).pl()
        pred_events = con.execute("select event_id, event_code, event_date from main.fct_events").pl()
        n_articles = con.execute("select count(*) from main.dim_articles").fetchone()[0]
        rejects = con.execute(
            """
            select source_file, record_index, reason as outcome_reason from main.rejected_articles
            union all
            select source_file, record_index, 'duplicate' from main.duplicate_articles
            """
        ).pl()
    finally:
        con.close()
    pred = pred.with_columns(pl.col("record_index").cast(pl.Int64)).join(
        truth_articles.select("source_file", "record_index", "article_key"),
        on=["source_file", "record_index"],
        how="left",
    )
    unplaced = pred.filter(pl.col("article_key").is_null()).height
    report: dict[str, Any] = accuracy_report(
        pred.drop_nulls("article_key"), pred_events, truth_events, truth_articles
    )
    # Ingest: every expected reject / duplicate found with the expected reason.
    exp = expected.select("source_file", "record_index", outcome_reason="reason")
    agree = exp.join(
        rejects, on=["source_file", "record_index", "outcome_reason"], how="semi", nulls_equal=True
    )
    report["ingest"] = {
        "truth_articles": truth_articles.height,
        "warehouse_articles": n_articles,
        "expected_rejects": exp.height,
        "warehouse_rejects": rejects.height,
        "expected_rejects_found": agree.height,
        "mentions_outside_truth_articles": unplaced,
    }
    return report


# --------------------------------------------------------------------------- one size


def bench_size(n: int, args: argparse.Namespace) -> dict[str, Any]:
    root: Path = args.out
    corpus = ensure_corpus(root, n, args.seed)
    n_files, n_bytes = inbox_bytes(corpus / "inbox")
    result: dict[str, Any] = {"n": n, "seed": args.seed, "inbox_files": n_files, "inbox_bytes": n_bytes}
    print(f"== N={n}: {n_files} files, {n_bytes / MB:.1f} MB", flush=True)

    work = root / f"work_{n}"
    work.mkdir(parents=True, exist_ok=True)
    stages_json = work / "stages.json"
    if not args.skip_stages:
        uv = shutil.which("uv")
        # `--group bench` re-installs spaCy & co. if a concurrent `uv sync` removed them.
        python = [uv, "run", "--frozen", "--group", "bench", "python"] if uv else [sys.executable]
        cmd = [*python, "-m", "bench.run", "--stages-only", str(corpus), "--work", str(work)]
        cmd += ["--peer-sample", str(args.peer_sample), "--json-out", str(stages_json)]
        if args.no_dbt_run:
            cmd.append("--no-dbt-run")
        env = {**os.environ, **QUIET_ENV}
        code = subprocess.run(cmd, cwd=REPO_ROOT, env=env).returncode
        if code != 0 or not stages_json.exists():
            result["stages_error"] = f"stage child exited with {code}"
        else:
            result.update(json.loads(stages_json.read_text()))

    if not args.skip_dagster:
        run_dir = root / f"run_{n}"
        prepare_run_dir(run_dir, corpus)
        full = run_dagster(run_dir, "full")
        result["e2e"] = full
        published = run_dir / "news.duckdb"
        build_db = run_dir / "build" / "news.duckdb"
        scored_db = published if published.exists() else build_db
        full["published"] = published.exists()
        if scored_db.exists():
            # The figures above stand even when the warehouse cannot be read (lock, missing table).
            try:
                full["warehouse_counts"] = warehouse_counts(scored_db)
                result["accuracy"] = score_warehouse(scored_db, corpus)
                result["accuracy"]["scored_database"] = _shown(scored_db)
            except Exception as exc:
                result["accuracy_error"] = repr(exc)
        # Incremental: 1 % new articles (another seed) under new names, then the same job again.
        n_new = max(1, n // 100)
        extra = ensure_corpus(root, n_new, args.seed + 1000 + n)
        link_tree(extra / "inbox", run_dir / "inbox" / "incremental")
        new_files, new_bytes = inbox_bytes(extra / "inbox")
        inc = run_dagster(run_dir, "incremental")
        inc.update(new_articles=n_new, new_files=new_files, new_bytes=new_bytes)
        inc["ratio_to_full"] = inc["seconds"] / full["seconds"]
        if (run_dir / "news.duckdb").exists():
            try:
                inc["warehouse_counts"] = warehouse_counts(run_dir / "news.duckdb")
            except Exception as exc:
                inc["warehouse_counts_error"] = repr(exc)
        result["incremental"] = inc
    return result


# --------------------------------------------------------------------------- report


def machine() -> dict[str, Any]:
    def version(pkg: str) -> str:
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            return "-"

    cpu = platform.processor() or ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = re.findall(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = names[0] if names else cpu
    return {
        "cpu": cpu,
        "cores_logical": os.cpu_count(),
        "cores_available": len(os.sched_getaffinity(0)),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": {
            p: version(p)
            for p in (
                "polars",
                "duckdb",
                "dagster",
                "dagster-dbt",
                "dbt-core",
                "dbt-duckdb",
                "spacy",
                "pyahocorasick",
            )
        },
        "polars_threads": pl.thread_pool_size(),
    }


def _f(value: float | None, fmt: str = "{:.2f}") -> str:
    return "-" if value is None else fmt.format(value)


def _vs(value: float | None, target: float, higher_is_better: bool) -> str:
    if value is None:
        return "-"
    ok = value >= target if higher_is_better else value <= target
    return "met" if ok else "**not met**"


def render_markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        f"# Akhbar benchmark ({report['started']})",
        "",
        f"Machine: {m['cpu']}, {m['cores_logical']} logical cores, {m['memory_gb']} GB RAM, {m['os']}; "
        f"Python {m['python']}; " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()) + ".",
        "",
        "MB = 10^6 bytes of inbox files on disk. Stage times come from the real transform functions in one",
        "process per size (peak RSS of that process during the stage); end to end is `dagster asset",
        "materialize --select '*'` as a subprocess (peak RSS of its process tree).",
        "",
    ]
    sizes = report["sizes"]
    header = "| stage | " + " | ".join(f"N={r['n']:,}" for r in sizes) + " |"
    sep = "|---|" + "---|" * len(sizes)
    lines += [
        "## Throughput per stage",
        "",
        "wall s (CPU s, all threads) · MB/s · articles/s · peak RSS MB; MB/s and articles/s from wall time",
        "",
        header,
        sep,
    ]
    stage_names = ["scan", "ingest", "clean", "entities", "events", "duckdb_load", "dbt_run", "dbt_build"]
    for stage in stage_names:
        cells = []
        for r in sizes:
            s = r.get("stages", {}).get(stage)
            if not s:
                cells.append("-")
                continue
            mbs = r["inbox_bytes"] / MB / s["seconds"]
            aps = r["n"] / s["seconds"]
            flag = "" if s.get("success", True) else " (failed)"
            cpu = f" (cpu {s['cpu_seconds']:.2f})" if "cpu_seconds" in s else ""
            cells.append(f"{s['seconds']:.2f} s{cpu} · {mbs:.1f} · {aps:,.0f} · {s['peak_rss_mb']:.0f}{flag}")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    cells = []
    for r in sizes:
        st = r.get("stages", {})
        if all(k in st for k in ("clean", "entities", "events")):
            sec = sum(st[k]["seconds"] for k in ("clean", "entities", "events"))
            mbs = r["inbox_bytes"] / MB / sec
            r["polars_mb_s"] = mbs
            cells.append(f"**{sec:.2f} s · {mbs:.1f} MB/s · {r['n'] / sec:,.0f}/s**")
        else:
            cells.append("-")
    lines.append("| **Polars (clean+entities+events)** | " + " | ".join(cells) + " |")
    cells = []
    for r in sizes:
        e = r.get("e2e")
        if e:
            cells.append(
                f"**{e['seconds']:.1f} s · {r['inbox_bytes'] / MB / e['seconds']:.2f} · "
                f"{r['n'] / e['seconds']:,.0f} · {e['peak_rss_mb']:.0f}**"
            )
        else:
            cells.append("-")
    lines.append("| **end to end (Dagster)** | " + " | ".join(cells) + " |")
    cells = []
    for r in sizes:
        i = r.get("incremental")
        cells.append(f"{i['seconds']:.1f} s ({i['ratio_to_full']:.0%} of full)" if i else "-")
    lines.append("| +1 % new articles (Dagster) | " + " | ".join(cells) + " |")
    cells = []
    for r in sizes:
        runs = [*r.get("stages", {}).values(), r.get("e2e", {}), r.get("incremental", {})]
        loads = [x["load_avg_max"] for x in runs if x and "load_avg_max" in x]
        cells.append(f"{max(loads):.1f}" if loads else "-")
    lines.append(
        f"| max 1-min load average ({m.get('cores_available', '?')} cores) | " + " | ".join(cells) + " |"
    )

    lines += ["", "## End-to-end run: where the time goes (Dagster step durations, s)", "", header, sep]
    steps: list[str] = []
    for r in sizes:
        for k in r.get("e2e", {}).get("step_seconds", {}):
            if k not in steps:
                steps.append(k)
    for step in [*steps, "startup and teardown"]:
        cells = []
        for r in sizes:
            full, inc = r.get("e2e", {}), r.get("incremental", {})
            if step == "startup and teardown":
                a, b = full.get("startup_seconds"), inc.get("startup_seconds")
            else:
                a, b = full.get("step_seconds", {}).get(step), inc.get("step_seconds", {}).get(step)
            cells.append(f"{_f(a, '{:.1f}')} / {_f(b, '{:.1f}')}")
        lines.append(f"| {step} (full / incremental) | " + " | ".join(cells) + " |")

    lines += ["", "## Peers (entity matching on the same normalized bodies)", "", header, sep]
    for key, label in (
        ("ours", "Akhbar entity stage"),
        ("pyahocorasick", "pyahocorasick"),
        ("spacy_entity_ruler", "spaCy EntityRuler"),
    ):
        cells = []
        for r in sizes:
            p = r.get("peers", {}).get(key)
            if not p or "seconds" not in p:
                cells.append(p["error"] if p else "-")
                continue
            extra = "" if key == "ours" else f" · {p['ratio_to_ours']:.2f}× ours' time"
            cells.append(f"{p['seconds']:.2f} s · {p['mentions']:,} mentions{extra}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    cells = [
        f"{r['peers']['sample_articles']:,} articles ({r['peers']['sample_mb']:.1f} MB of body)"
        if r.get("peers")
        else "-"
        for r in sizes
    ]
    lines.append("| sample | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Peers get the pipeline's own name lexicon (names and aliases of persons, places, organizations, countries),",
        "normalized with `text.normalize_expr`, and bodies normalized the same way (normalization time not charged",
        "to them); they match names only, while the Akhbar stage also handles clitics, roles, nisbas, fuzzy names,",
        "sentences and offsets. Matcher construction is excluded. Above the sample size all three run on the first",
        "articles by article_id.",
    ]

    lines += ["", "## Accuracy against the ground truth (end-to-end warehouse)", "", header, sep]
    rows = [
        ("event recall (entity ids)", "id", "event_recall"),
        ("event precision (entity ids)", "id", "event_precision"),
        ("event precision excl. 01x statements", "id", "event_precision_excl_statements"),
        ("matched: exact/accepted code", "id", "matched_code_accepted"),
        ("matched: direction right (directed kinds)", "id", "matched_direction_ok"),
        ("matched: event date exact", "id", "matched_date_exact"),
        ("dedup B-cubed precision", "id", "bcubed_precision"),
        ("dedup B-cubed recall", "id", "bcubed_recall"),
        ("dedup B-cubed F1", "id", "bcubed_f1"),
        ("(article, event) items found", "id", "item_coverage"),
        ("event recall (countries)", "country", "event_recall"),
        ("event precision (countries)", "country", "event_precision"),
        ("dedup B-cubed F1 (countries)", "country", "bcubed_f1"),
    ]
    for label, level, key in rows:
        cells = [_f(r.get("accuracy", {}).get(level, {}).get(key), "{:.3f}") for r in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    counts = [
        (
            "truth events / predicted events",
            lambda a: f"{a['id']['truth_events']:,} / {a['id']['pred_events']:,}",
        ),
        (
            "truth events split / predicted events merging",
            lambda a: f"{a['id']['truth_events_split']} / {a['id']['pred_events_merged']}",
        ),
        (
            "articles truth / warehouse",
            lambda a: f"{a['ingest']['truth_articles']:,} / {a['ingest']['warehouse_articles']:,}",
        ),
        (
            "expected rejects+duplicates found",
            lambda a: (
                f"{a['ingest']['expected_rejects_found']} of {a['ingest']['expected_rejects']} (warehouse lists {a['ingest']['warehouse_rejects']})"
            ),
        ),
    ]
    for label, fn in counts:
        cells = [fn(r["accuracy"]) if r.get("accuracy") else "-" for r in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    lines += ["", "## Targets", "", "| target | value | verdict |", "|---|---|---|"]
    big = max(sizes, key=lambda r: r["n"])
    pm = big.get("polars_mb_s")
    lines.append(
        f"| Polars stage ≥ {TARGETS['polars_mb_s']:.0f} MB/s (N={big['n']:,}) | {_f(pm, '{:.1f}')} MB/s | {_vs(pm, TARGETS['polars_mb_s'], True)} |"
    )
    sp = big.get("peers", {}).get("spacy_entity_ruler", {}).get("ratio_to_ours")
    lines.append(
        f"| ≥ {TARGETS['spacy_ratio']:.0f}× the spaCy EntityRuler | {_f(sp, '{:.1f}')}× | {_vs(sp, TARGETS['spacy_ratio'], True)} |"
    )
    e2e = big.get("e2e", {}).get("seconds")
    scaled, note = e2e, ""
    if big["n"] != 100_000 and e2e:
        # Through the two largest sizes: the fixed start-up cost does not scale with N.
        runs = sorted((r["n"], r["e2e"]["seconds"]) for r in sizes if r.get("e2e"))
        if len(runs) >= 2 and runs[-1][0] > runs[-2][0]:
            (n0, t0), (n1, t1) = runs[-2], runs[-1]
            scaled = t1 + (t1 - t0) / (n1 - n0) * (100_000 - n1)
        else:
            scaled = e2e * 100_000 / big["n"]
        note = f" (N={big['n']:,}; extrapolated to 100k: {_f(scaled, '{:.0f}')} s)"
    lines.append(
        f"| full warehouse build of 100k ≤ {TARGETS['e2e_100k_seconds']:.0f} s | {_f(e2e, '{:.1f}')} s{note} | {_vs(scaled, TARGETS['e2e_100k_seconds'], False)} |"
    )
    ir = big.get("incremental", {}).get("ratio_to_full")
    lines.append(
        f"| +1 % new articles ≤ {TARGETS['incremental_ratio']:.0%} of the full run | {_f(ir, '{:.0%}')} | {_vs(ir, TARGETS['incremental_ratio'], False)} |"
    )
    rss = big.get("e2e", {}).get("peak_rss_mb")
    rss_gb = rss / 1000 if rss else None
    lines.append(
        f"| peak RSS ≤ {TARGETS['rss_100k_gb']:.0f} GB at 100k (N={big['n']:,}) | {_f(rss_gb, '{:.2f}')} GB | {_vs(rss_gb, TARGETS['rss_100k_gb'], False)} |"
    )

    problems = []
    for r in sizes:
        for stage in ("dbt_run", "dbt_build"):
            for bad in r.get("stages", {}).get(stage, {}).get("not_passed", []):
                problems.append(
                    f"N={r['n']}: {stage} {bad['node']} {bad['status']}: {bad.get('message', '')}"
                )
        for label in ("e2e", "incremental"):
            run = r.get(label, {})
            if run.get("returncode"):
                problems.append(
                    f"N={r['n']}: {label} Dagster run exited {run['returncode']} ({run.get('status')})"
                )
            for fs in run.get("failed_steps", []):
                problems.append(
                    f"N={r['n']}: {label} step {fs['step']} failed: {' '.join(fs['error'].split())[:240]}"
                )
            for fc in run.get("failed_checks", []):
                problems.append(
                    f"N={r['n']}: {label} check {fc['asset']}:{fc['check']} ({fc['severity']}) failed"
                )
            if run and not run.get("published", True):
                problems.append(
                    f"N={r['n']}: {label} did not publish the warehouse; scored the build database"
                )
        if r.get("stages_error"):
            problems.append(f"N={r['n']}: {r['stages_error']}")
        if r.get("accuracy_error"):
            problems.append(f"N={r['n']}: accuracy: {r['accuracy_error']}")
        inc = r.get("incremental", {})
        if inc.get("inbox_changes") and re.search(r"'(changed|reprocess|deleted)'", inc["inbox_changes"]):
            problems.append(
                f"N={r['n']}: incremental run did more than the new files: {inc['inbox_changes']}"
            )
    if problems:
        lines += ["", "## Problems and notes", ""] + [f"- {p}" for p in problems]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- main


def _sizes(text: str) -> list[int]:
    return [int(s.replace("_", "")) for s in text.split(",") if s.strip()]


def _shown(path: Path) -> str:
    """``path`` relative to the repository when it lies inside it (``--out`` may point elsewhere)."""
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Akhbar benchmarks (see bench/README.md).")
    # BENCH_SIZES lets `BENCH_SIZES=1000 make bench` pick sizes (the Makefile passes no arguments).
    default_sizes = os.environ.get("BENCH_SIZES", "1000,10000,100000")
    parser.add_argument(
        "--sizes", type=_sizes, default=_sizes(default_sizes), help=f"default {default_sizes}"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("data/bench"))
    parser.add_argument("--peer-sample", type=int, default=5000, help="articles the peers run on")
    parser.add_argument("--no-dbt-run", action="store_true", help="skip the dbt build without tests")
    parser.add_argument("--skip-stages", action="store_true", help="only the Dagster runs")
    parser.add_argument("--skip-dagster", action="store_true", help="only the in-process stages")
    parser.add_argument("--skip-fixed-cost", action="store_true", help="skip the fixed-cost cases")
    parser.add_argument(
        "--profile", type=int, metavar="N", help="profile the Polars stage on corpus N and exit"
    )
    # Internal: the per-size child process.
    parser.add_argument("--stages-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.out = args.out if args.out.is_absolute() else (REPO_ROOT / args.out)
    args.out.mkdir(parents=True, exist_ok=True)
    for k, v in QUIET_ENV.items():
        os.environ.setdefault(k, v)

    if args.stages_only:
        res = measure_stages(args.stages_only, args.work, args.peer_sample, not args.no_dbt_run)
        args.json_out.write_text(json.dumps(res, indent=2, default=str))
        return 0
    if args.profile:
        corpus = ensure_corpus(args.out, args.profile, args.seed)
        path = profile_polars(corpus, args.out)
        print(path.read_text()[:20000])
        return 0

    report: dict[str, Any] = {
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "targets": TARGETS,
        "sizes": [],
    }
    if not args.skip_fixed_cost:
        report["fixed_cost"] = measure_fixed_cost(args.out, QUIET_ENV)
        report["fixed_cost_profile"] = profile_first_run(args.out, QUIET_ENV)
    for n in args.sizes:
        report["sizes"].append(bench_size(n, args))
        _write(report, args.out)
    if os.environ.get("BENCH_BACKFILL", "1") != "0":
        # Daily partitions on 1 and 2 workers, with the ten-year projection (bench/backfill.py).
        from bench.backfill import bench_backfill

        report["backfill"] = bench_backfill(args.out)
        _write(report, args.out)
    md = _write(report, args.out)
    print()
    print(md)
    return 0


def _write(report: dict[str, Any], out: Path) -> str:
    md = render_markdown(report)
    if report.get("fixed_cost"):
        md += "\n" + render_fixed_cost(
            report["fixed_cost"], report["sizes"], report.get("fixed_cost_profile")
        )
    if report.get("backfill"):
        from bench.backfill import render as render_backfill

        md += "\n" + render_backfill(report["backfill"])
    (out / "results.json").write_text(json.dumps(report, indent=2, default=str))
    (out / "results.md").write_text(md)
    return md


if __name__ == "__main__":
    raise SystemExit(main())
