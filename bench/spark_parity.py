"""Spark parity on a generated corpus: the marts built by dbt on Spark match the DuckDB build.

`make bench-spark` (needs the `spark` dependency group and Java 17): the real pipeline (`akhbar run`,
a subprocess) builds a generated corpus (default 1k articles, `bench.generate`) into DuckDB and the
Parquet lake; then dbt builds the same models on Spark (dbt-spark `session`, local PySpark) from the
lake alone, and the four tables of issue 15 are compared: keys, row counts, and every compared
column row for row. Results: `<out>/spark_parity.md` and `.json`; exit code 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
# table -> compared columns, the key first (as tests_spark/test_spark_parity.py)
TABLES = {
    "fct_events": ["event_id", "event_code", "event_date", "status", "num_mentions", "num_articles"],
    "fct_event_mentions": ["mention_id", "event_id", "article_id", "event_code"],
    "fct_entity_mentions": ["entity_mention_id", "article_id", "entity_id", "char_start", "char_end"],
    "dim_articles": ["article_id", "source_file", "published_date", "source_id", "n_chars"],
}


def _text_rows(rows: list[tuple]) -> list[tuple]:
    # both engines' values as text: DuckDB and Spark return dates, decimals and ints as other types
    return sorted(tuple("" if v is None else str(v) for v in row) for row in rows)


def compare(duckdb_rows: list[tuple], spark_rows: list[tuple]) -> dict[str, Any]:
    """Keys (first column), row counts and whole rows of one table on both engines."""
    expected, got = _text_rows(duckdb_rows), _text_rows(spark_rows)
    keys_d, keys_s = {r[0] for r in expected}, {r[0] for r in got}
    only_d, only_s = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
    return {
        "duckdb_rows": len(expected),
        "spark_rows": len(got),
        "duckdb_keys": len(keys_d),
        "spark_keys": len(keys_s),
        "same_keys": keys_d == keys_s,
        "same_rows": expected == got,
        "only_duckdb": [list(r) for r in only_d[:5]],
        "only_spark": [list(r) for r in only_s[:5]],
    }


def spark_build(lake_landing: Path, work: Path) -> Any:
    """`dbt build` (no tests) on the spark target from the lake; the Spark session it built in."""
    from dbt.cli.main import dbtRunner
    from pyspark.sql import SparkSession

    os.environ["AKHBAR_SPARK_WAREHOUSE"] = str(work / "spark_warehouse")
    dbt_dir = REPO_ROOT / "dbt_project"
    args = ["build", "--exclude-resource-type", "test", "--target", "spark", "--full-refresh", "--quiet"]
    args += ["--project-dir", str(dbt_dir), "--profiles-dir", str(dbt_dir)]
    args += [
        "--target-path",
        str(work / "spark_target"),
        "--vars",
        json.dumps({"landing_lake": str(lake_landing)}),
    ]
    result = dbtRunner().invoke(args)
    if not result.success:
        raise RuntimeError(f"dbt build on Spark failed: {result.exception}")
    return SparkSession.builder.getOrCreate()


def bench_spark_parity(out: Path, n: int = 1000, seed: int = 0, reuse: bool = False) -> dict[str, Any]:
    """`reuse`: compare with the DuckDB build and lake of an earlier run in `<out>/spark_parity_<n>/`."""
    import duckdb

    from bench.run import ensure_corpus, prepare_run_dir, run_dagster
    from orchestration.settings import Settings

    corpus = ensure_corpus(out, n, seed)
    work = out / f"spark_parity_{n}"
    settings = Settings(
        inbox=work / "inbox", warehouse=work / "news.duckdb", quality_dir=work / "quality", lake=work / "lake"
    )
    if not reuse:
        prepare_run_dir(work, corpus)
        # the run's lake beside its warehouse, not the project's data/lake
        os.environ["AKHBAR_LAKE"] = str(settings.lake_dir)
        run = run_dagster(work, "duckdb")
        if run["returncode"] != 0:
            raise RuntimeError(f"the DuckDB pipeline failed: {run.get('log_tail', '')[-1000:]}")
        pipeline_seconds = run["seconds"]
    else:
        pipeline_seconds = float("nan")
    started = time.perf_counter()
    session = spark_build(settings.lake_dir / "landing", work)
    spark_seconds = time.perf_counter() - started
    tables = {}
    try:
        with duckdb.connect(str(settings.build_database), read_only=True) as con:
            for table, columns in TABLES.items():
                cols = ", ".join(columns)
                in_duckdb = con.execute(f"select {cols} from main.{table}").fetchall()
                in_spark = [tuple(r) for r in session.sql(f"select {cols} from main.{table}").collect()]
                tables[table] = compare(in_duckdb, in_spark)
    finally:
        session.stop()
    result = {
        "articles": n,
        "seed": seed,
        "duckdb_pipeline_seconds": pipeline_seconds,
        "spark_dbt_seconds": spark_seconds,
        "tables": tables,
        "agree": all(t["same_keys"] and t["same_rows"] for t in tables.values()),
    }
    (out / "spark_parity.json").write_text(json.dumps(result, indent=2))
    (out / "spark_parity.md").write_text(render(result))
    return result


def render(r: dict[str, Any]) -> str:
    lines = [
        f"## Spark parity: {r['articles']}-article bench corpus (seed {r['seed']})",
        "",
        f"DuckDB pipeline {r['duckdb_pipeline_seconds']:.0f} s; dbt on Spark {r['spark_dbt_seconds']:.0f} s. "
        f"**{'Agree' if r['agree'] else 'DIFFER'}** on every key, count and compared column.",
        "",
        "| table | DuckDB rows | Spark rows | DuckDB keys | Spark keys | same keys | same rows |",
        "|---|---|---|---|---|---|---|",
    ]
    for table, t in r["tables"].items():
        lines.append(
            f"| {table} | {t['duckdb_rows']} | {t['spark_rows']} | {t['duckdb_keys']} | {t['spark_keys']} "
            f"| {t['same_keys']} | {t['same_rows']} |"
        )
    for table, t in r["tables"].items():
        if t["only_duckdb"] or t["only_spark"]:
            lines += ["", f"{table}: only in DuckDB {t['only_duckdb']}; only in Spark {t['only_spark']}"]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="dbt on Spark vs DuckDB on a generated corpus.")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("data/bench"))
    parser.add_argument("--reuse", action="store_true", help="keep the last DuckDB build, rebuild Spark only")
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    result = bench_spark_parity(out, args.n, args.seed, args.reuse)
    print(render(result))
    return 0 if result["agree"] else 1


if __name__ == "__main__":
    sys.exit(main())
