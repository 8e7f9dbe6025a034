"""The fixed cost of a run, what a user pays whatever the batch size (issue "Quick, quiet runs").

Cases, each a subprocess timed wall-clock and CPU (children's rusage), on the bundled sample in a
fresh directory: the first `akhbar run` after install, `akhbar run` with nothing new (the pre-check
skips Dagster), the same forced through Dagster (`--force`: what the skip saves), `make run` with
nothing new (install check, dbt parse check, run, status) and `akhbar status`. Output lines are
counted too: quiet runs are part of the cost.

Before the cases, dbt parses the project for this warehouse's working database, as `make install`
does for the default one (dbt keeps a partial parse per database path; see
orchestration/dbt_inprocess.py). After them, `bench.profile_run` runs the sample once more in a fresh
directory and charges its CPU seconds to start-up, each Dagster step and the run's own overhead.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
PYTHON = REPO_ROOT / ".venv" / "bin" / "python"
DBT = REPO_ROOT / ".venv" / "bin" / "dbt"
SAMPLE = REPO_ROOT / "data" / "raw"
AKHBAR = REPO_ROOT / ".venv" / "bin" / "akhbar"
# (label, command, target seconds or None)
CASES: list[tuple[str, list[str], float | None]] = [
    ("sample, first `akhbar run` after install", [str(AKHBAR), "run"], 20.0),
    ("`akhbar run`, nothing new", [str(AKHBAR), "run"], 5.0),
    ("`akhbar run --force`, nothing new (through Dagster)", [str(AKHBAR), "run", "--force"], None),
    ("`make run`, nothing new", ["make", "--no-print-directory", "run"], 10.0),
    ("`akhbar status`", [str(AKHBAR), "status"], None),
]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(cmd: list[str], env: dict[str, str], log: Path) -> dict[str, Any]:
    cpu0, started = _cpu(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu0
    log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "returncode": proc.returncode,
        "output_lines": len((proc.stdout + proc.stderr).splitlines()),
        "load_avg_1m": round(os.getloadavg()[0], 1),
        "log": str(log.relative_to(REPO_ROOT)) if log.is_relative_to(REPO_ROOT) else str(log),
    }


def _fresh(run_dir: Path, base_env: dict[str, str]) -> dict[str, str]:
    """A fresh inbox (the sample), warehouse path and DAGSTER_HOME in `run_dir`; their environment."""
    shutil.rmtree(run_dir, ignore_errors=True)
    shutil.copytree(SAMPLE, run_dir / "inbox")
    (run_dir / "dagster_home").mkdir(parents=True)
    # The project's instance config (telemetry off, its event log storage), as `make run` uses it.
    shutil.copy(REPO_ROOT / ".dagster_home" / "dagster.yaml", run_dir / "dagster_home" / "dagster.yaml")
    env = {k: v for k, v in {**os.environ, **base_env}.items() if k != "AKHBAR_BUILD_DB"}
    env.update(
        AKHBAR_INBOX=str(run_dir / "inbox"),
        AKHBAR_WAREHOUSE=str(run_dir / "news.duckdb"),
        DAGSTER_HOME=str(run_dir / "dagster_home"),
    )
    env.pop("AKHBAR_QUALITY_DIR", None)
    return env


def install_parse(run_dir: Path, env: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """`dbt parse` for the working database of `run_dir`, into the target folder its runs use."""
    from orchestration.dbt_inprocess import target_dir

    build_db = run_dir / "build" / "news.duckdb"
    build_db.parent.mkdir(parents=True, exist_ok=True)
    project = str(REPO_ROOT / "dbt_project")
    cmd = [str(DBT), "parse", "--quiet", "--project-dir", project, "--profiles-dir", project]
    return cmd, {**env, "AKHBAR_BUILD_DB": str(build_db), "DBT_TARGET_PATH": str(target_dir(build_db))}


def profile_first_run(out: Path, base_env: dict[str, str]) -> dict[str, Any]:
    """`bench.profile_run` on the sample in a fresh directory: CPU seconds by phase and step."""
    run_dir = out / "fixed_cost_profile"
    env = _fresh(run_dir, base_env)
    parse_cmd, parse_env = install_parse(run_dir, env)
    subprocess.run(parse_cmd, cwd=REPO_ROOT, env=parse_env, capture_output=True, text=True)
    report_path = run_dir / "profile.json"
    proc = subprocess.run(
        [str(PYTHON), "-m", "bench.profile_run", "--json", str(report_path)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    (run_dir / "profile.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if not report_path.exists():
        return {"error": f"bench.profile_run exited with {proc.returncode}"}
    report: dict[str, Any] = json.loads(report_path.read_text())
    print(f"  fixed cost  profile of a first run: {report['cpu_seconds_total']:.2f} CPU s", flush=True)
    return report


def measure_fixed_cost(out: Path, base_env: dict[str, str]) -> dict[str, Any]:
    """Run every case in order in `<out>/fixed_cost` (wiped first) and return the figures."""
    run_dir = out / "fixed_cost"
    env = _fresh(run_dir, base_env)
    results: dict[str, Any] = {}
    # As `make install` does for the default warehouse: dbt parsed for this working database.
    parse_cmd, parse_env = install_parse(run_dir, env)
    parse = _timed(parse_cmd, parse_env, run_dir / "install_parse.log")
    parse["target_seconds"] = None
    results["install: `dbt parse` for this warehouse (not part of a run)"] = parse
    for i, (label, cmd, target) in enumerate(CASES):
        result = _timed(cmd, env, run_dir / f"case_{i}.log")
        result["target_seconds"] = target
        results[label] = result
        print(
            f"  fixed cost  {label:<52} {result['seconds']:7.2f} s  cpu {result['cpu_seconds']:6.2f} s  "
            f"{result['output_lines']:4d} lines  load {result['load_avg_1m']}  rc={result['returncode']}",
            flush=True,
        )
    return results


def render_fixed_cost(
    results: dict[str, Any], sizes: list[dict[str, Any]], profile: dict[str, Any] | None = None
) -> str:
    lines = [
        "## Fixed cost (the sample; `make bench` section of bench/fixed_cost.py)",
        "",
        "| case | wall s | CPU s | output lines | target | load (1 min) |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for label, r in results.items():
        target = f"≤ {r['target_seconds']:.0f} s" if r.get("target_seconds") else ""
        lines.append(
            f"| {label} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | {r['output_lines']} | {target} | "
            f"{r['load_avg_1m']} |"
        )
    for size in sizes:
        inc, full = size.get("incremental", {}), size.get("e2e", {})
        if "ratio_to_full" in inc:
            cpu_ratio = inc["cpu_seconds"] / full["cpu_seconds"] if full.get("cpu_seconds") else float("nan")
            lines.append(
                f"| 1 % new at {size['n']:,}: incremental / full | {inc['seconds']:.2f} / "
                f"{full['seconds']:.2f} = {inc['ratio_to_full']:.0%} | {inc['cpu_seconds']:.2f} / "
                f"{full['cpu_seconds']:.2f} = {cpu_ratio:.0%} | | ≤ 25 % | |"
            )
    if profile and "phases" in profile:
        lines += [
            "",
            f"Where a first run of the sample spends its CPU (`bench.profile_run`, "
            f"{profile['cpu_seconds_total']:.1f} CPU s in all):",
            "",
            "| phase or step | CPU s |",
            "|---|---:|",
        ]
        lines += [f"| {name} | {sec:.2f} |" for name, sec in profile["phases"].items()]
        lines += [f"| step `{name}` | {s['cpu_seconds']:.2f} |" for name, s in profile["steps"].items()]
    lines.append("")
    return "\n".join(lines)
