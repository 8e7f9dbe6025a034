"""Old vs new event extraction on the same inputs: seeds (data/raw), the held-out suite and a bench inbox.

The old code is the tree at a git commit (default 5afa049, the last commit with the monolithic
``transforms/events.py``), exported to a temporary folder. Cleaning, sentences and entity mentions
are computed once, by the OLD code, so that the comparison isolates the events stage; the old and
the new ``extract_event_candidates`` then run on those same frames (old in a subprocess, with the
old tree first on ``sys.path``) and their outputs are compared row by row.

    uv run python scripts/check_events_equivalence.py /tmp/corpus_2k/inbox
    uv run python scripts/check_events_equivalence.py --commit 5afa049 --keep /tmp/ev_eq data/raw

Exit status 1 when any corpus differs; the differing rows are printed (old-only / new-only).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = [ROOT / "data" / "raw", ROOT / "tests" / "fixtures" / "heldout"]
INPUTS = ("articles", "sentences", "entity_mentions")

# Run inside the subprocess: `stage` is "inputs" (old code: clean, sentences, mentions, then
# events) or "events" (code on sys.path[0]: events from the dumped inputs).
_CHILD = """
import sys, time
from pathlib import Path
import polars as pl
src, stage, inbox, out = sys.argv[1], sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
sys.path.insert(0, src)
from orchestration.transforms.events import extract_event_candidates
from orchestration.transforms.reference import load_kb
kb = load_kb()
if stage == "inputs":
    from orchestration.transforms.clean import clean_articles
    from orchestration.transforms.entities import extract_entity_mentions
    from orchestration.transforms.ingest import read_inbox
    from orchestration.transforms.sentences import split_sentences
    raw, _, _ = read_inbox(inbox)
    articles, _ = clean_articles(raw)
    sentences = split_sentences(articles)
    mentions, _ = extract_entity_mentions(articles, kb, sentences)
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in (("articles", articles), ("sentences", sentences), ("entity_mentions", mentions)):
        frame.write_parquet(out / f"{name}.parquet")
    (out / "raw_bytes").write_text(str(int(raw["raw_text"].str.len_bytes().sum())))
frames = {n: pl.read_parquet(out / f"{n}.parquet") for n in ("articles", "sentences", "entity_mentions")}
extract_event_candidates(frames["articles"].head(20), frames["sentences"], frames["entity_mentions"], kb)
started = time.perf_counter()
events = extract_event_candidates(frames["articles"], frames["sentences"], frames["entity_mentions"], kb)
seconds = time.perf_counter() - started
events.write_parquet(out / f"events_{stage}.parquet")
print(seconds)
"""


def export_commit(commit: str, dest: Path) -> Path:
    """The tree at ``commit`` (only ``orchestration`` and ``data``) unpacked under ``dest``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "orchestration", "data"], check=True, capture_output=True
    ).stdout
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def _child(src: Path, stage: str, inbox: Path, out: Path) -> float:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(src), stage, str(inbox), str(out)],
        check=True,
        capture_output=True,
        text=True,
        cwd=src,
    )
    return float(done.stdout.strip().splitlines()[-1])


def compare(old: pl.DataFrame, new: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(rows only in old, rows only in new), ignoring row order."""
    if old.schema != new.schema:
        raise SystemExit(f"schemas differ:\n old {old.schema}\n new {new.schema}")
    return old.join(new, on=old.columns, how="anti", nulls_equal=True), new.join(
        old, on=old.columns, how="anti", nulls_equal=True
    )


def check_corpus(old_src: Path, inbox: Path, work: Path, reuse: bool = False) -> bool:
    out = work / inbox.resolve().as_posix().strip("/").replace("/", "_")
    old_times = out / "old_seconds"
    if not (reuse and old_times.exists()):
        old_times.parent.mkdir(parents=True, exist_ok=True)
        old_times.write_text(str(_child(old_src, "inputs", inbox, out)))
    old_sec = float(old_times.read_text())
    new_sec = _child(ROOT, "events", inbox, out)
    old, new = (pl.read_parquet(out / f"events_{s}.parquet") for s in ("inputs", "events"))
    only_old, only_new = compare(old, new)
    mb = int((out / "raw_bytes").read_text()) / 1e6
    same = only_old.height == 0 and only_new.height == 0 and old.height == new.height
    print(
        f"{inbox}: {mb:.2f} MB, old {old.height} rows {old_sec:.2f} s ({mb / old_sec:.1f} MB/s), "
        f"new {new.height} rows {new_sec:.2f} s ({mb / new_sec:.1f} MB/s): "
        + ("IDENTICAL" if same else f"{only_old.height} old-only, {only_new.height} new-only")
    )
    with pl.Config(tbl_rows=40, tbl_cols=-1, fmt_str_lengths=40, tbl_width_chars=250):
        cols = [
            "article_id",
            "sentence_index",
            "event_code",
            "trigger",
            "actor1_entity_id",
            "actor2_entity_id",
        ]
        for label, rows in (("old-only", only_old), ("new-only", only_new)):
            if rows.height:
                print(f"  {label}:\n{rows.drop('sentence', 'mention_id').sort(cols[:2])}")
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inboxes", type=Path, nargs="*", help="bench inboxes besides the seeds and held-out")
    parser.add_argument("--commit", default="5afa049", help="the old code")
    parser.add_argument("--keep", type=Path, help="keep the dumped frames in this folder")
    parser.add_argument("--reuse", action="store_true", help="reuse the old outputs already in --keep")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        old_src = export_commit(args.commit, Path(tmp) / "old")
        started = time.perf_counter()
        results = [
            check_corpus(old_src, inbox, work, args.reuse and args.keep is not None)
            for inbox in [*DEFAULT_CORPORA, *args.inboxes]
        ]
    print(f"{'all identical' if all(results) else 'DIFFERENCES'} ({time.perf_counter() - started:.0f} s)")
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
