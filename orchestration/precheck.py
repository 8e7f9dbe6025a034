"""Is there anything for a run to do? Answered before Dagster starts, in milliseconds.

After a successful `akhbar run` a stamp beside the working database records what that run saw: every
inbox file's path, size and mtime, and a fingerprint of the code and data that shape the warehouse
(transforms, assets, dbt project, reference CSVs). When the inbox and that fingerprint are exactly
as recorded and the published warehouse exists, a run would read no file and change no row, so the
CLI skips it. Anything else (a touched file, an edit to a model, a missing warehouse, no stamp)
starts the full Dagster run, whose ingest decides by content hash what to read.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from orchestration.settings import DBT_PROJECT_DIR, REFERENCE_DIR, REPO_ROOT, Settings

STAMP_NAME = "last_run.json"
INBOX_EXTENSIONS = (".txt", ".json", ".jsonl")
# What shapes the warehouse besides the inbox: a change here must rebuild, not skip.
_CODE_ROOTS = (
    (REPO_ROOT / "orchestration", (".py",)),
    (DBT_PROJECT_DIR / "models", (".sql", ".yml")),
    (DBT_PROJECT_DIR / "macros", (".sql",)),
    (DBT_PROJECT_DIR / "tests", (".sql",)),
    (DBT_PROJECT_DIR / "seeds", (".csv", ".yml")),
    (REFERENCE_DIR, (".csv",)),
)


@dataclass(frozen=True)
class Precheck:
    up_to_date: bool
    reason: str
    files: int
    inbox_state: dict[str, list[int]]
    code: str


def inbox_stat(inbox: Path) -> dict[str, list[int]]:
    """{relative path: [size, mtime_ns]} of every inbox file; one `stat` each, no content read."""
    state: dict[str, list[int]] = {}
    if not inbox.is_dir():
        return state
    for root, dirs, names in os.walk(inbox, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith(".") or not name.lower().endswith(INBOX_EXTENSIONS):
                continue
            path = Path(root) / name
            try:
                stat = path.stat()
            except OSError:
                continue  # vanished or unreadable: the run itself reports it
            state[path.relative_to(inbox).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return state


def code_fingerprint() -> str:
    """Hash of the files (names, sizes, mtimes) that shape the warehouse, plus the dbt project file."""
    digest = hashlib.sha256()
    for root, suffixes in _CODE_ROOTS:
        for path in sorted(p for p in root.rglob("*") if p.suffix in suffixes and p.is_file()):
            stat = path.stat()
            digest.update(f"{path.relative_to(REPO_ROOT)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    digest.update((DBT_PROJECT_DIR / "dbt_project.yml").read_bytes())
    return digest.hexdigest()[:16]


def stamp_path(settings: Settings) -> Path:
    return settings.build_database.parent / STAMP_NAME


def _paths(settings: Settings) -> dict[str, str]:
    return {"inbox": str(settings.inbox), "warehouse": str(settings.warehouse)}


def precheck(settings: Settings) -> Precheck:
    """Compare the inbox and the code with the stamp of the last successful run."""
    state = inbox_stat(settings.inbox)
    code = code_fingerprint()

    def verdict(up_to_date: bool, reason: str) -> Precheck:
        return Precheck(up_to_date, reason, len(state), state, code)

    if not settings.warehouse.exists():
        return verdict(False, "no published warehouse yet")
    if not settings.build_database.exists():
        return verdict(False, "no working database yet")
    try:
        stamp = json.loads(stamp_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return verdict(False, "no record of a successful run")
    if stamp.get("paths") != _paths(settings):
        return verdict(False, "inbox or warehouse path changed")
    if stamp.get("code") != code:
        return verdict(False, "code, dbt models or reference data changed")
    if stamp.get("inbox") != state:
        return verdict(False, "inbox files added, changed or removed")
    return verdict(True, f"nothing new in {settings.inbox} ({len(state)} files unchanged)")


def write_stamp(settings: Settings, check: Precheck) -> None:
    """Record what a successful run saw; written atomically so a crash leaves the old stamp or none."""
    path = stamp_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(
        json.dumps({"paths": _paths(settings), "code": check.code, "inbox": check.inbox_state}),
        encoding="utf-8",
    )
    os.replace(tmp, path)


def clear_stamp(settings: Settings) -> None:
    stamp_path(settings).unlink(missing_ok=True)
