"""Inbox bookkeeping for the sensor: which files are new or changed since the last run request.

Dagster-free, so that it is tested directly.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

INBOX_SUFFIXES = frozenset({".txt", ".json", ".jsonl"})


@dataclass(frozen=True)
class FileState:
    size: int
    mtime_ns: int
    sha256: str


def list_inbox(inbox: Path) -> list[Path]:
    """Inbox files the pipeline reads, sorted for a deterministic order."""
    if not inbox.is_dir():
        return []
    return sorted(p for p in inbox.rglob("*") if p.is_file() and p.suffix.lower() in INBOX_SUFFIXES)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def scan(inbox: Path, previous: dict[str, FileState]) -> dict[str, FileState]:
    """Current state of every inbox file; content is re-hashed only when size or mtime moved."""
    state: dict[str, FileState] = {}
    for path in list_inbox(inbox):
        rel = path.relative_to(inbox).as_posix()
        stat = path.stat()
        old = previous.get(rel)
        if old and old.size == stat.st_size and old.mtime_ns == stat.st_mtime_ns:
            state[rel] = old
        else:
            state[rel] = FileState(stat.st_size, stat.st_mtime_ns, _sha256(path))
    return state


def changed_files(previous: dict[str, FileState], current: dict[str, FileState]) -> list[str]:
    """Files that are new, or whose content changed, or that were deleted."""
    changed = [rel for rel, st in current.items() if rel not in previous or previous[rel].sha256 != st.sha256]
    deleted = [rel for rel in previous if rel not in current]
    return sorted(changed + deleted)


def batch_key(current: dict[str, FileState], files: list[str]) -> str:
    """Run key of a batch: the content hashes of its files, so one batch is never requested twice."""
    payload = sorted((rel, current[rel].sha256 if rel in current else "deleted") for rel in files)
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()[:32]


def dump_state(state: dict[str, FileState]) -> str:
    return json.dumps({rel: [s.size, s.mtime_ns, s.sha256] for rel, s in state.items()}, sort_keys=True)


def load_state(cursor: str | None) -> dict[str, FileState]:
    if not cursor:
        return {}
    return {rel: FileState(*values) for rel, values in json.loads(cursor).items()}
