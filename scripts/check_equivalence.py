"""Old extraction vs new extraction, row by row, on the seeds, the held-out suite and a bench corpus.

The old code is the tree of a git commit (default ``5afa049``, the last commit before the
extraction engine was split into stage packages), exported with ``git archive`` into a temporary
folder; the new code is this working tree. Each runs in its own subprocess with this interpreter
(read_inbox -> clean_articles -> split_sentences -> extract_entity_mentions ->
extract_event_candidates), and the two outputs are compared. By default both sides use this tree's
``data/reference`` and knowledge base, so that only the code differs (``--own-data``: each its own):

    uv run python scripts/check_equivalence.py                     # seeds, heldout, bench (2k)
    uv run python scripts/check_equivalence.py --corpus seeds --corpus heldout
    uv run python scripts/check_equivalence.py --bench-size 10000 --old-ref main

``--events-only`` isolates the event stage: cleaning, sentences and entity mentions come from the
old code, and the new ``extract_event_candidates`` runs on those same frames (this replaces the
former ``check_events_equivalence.py``). ``--inbox PATH`` adds any inbox (e.g. a 10k bench corpus).
Each side also reports the CPU seconds of its event stage. ``--added-by METHOD`` sets aside the new
side's entity mentions found by a stage the old code did not have (e.g. ``model``, the open-world
tagger): they are counted and listed, and every old row must still be there.

For ``entity_mentions`` and ``event_candidates`` it prints how many rows are identical, only old and
only new, with examples, and for rows whose key matches but whose other columns differ, which
columns. Exit status 0 only when every table is identical on every corpus.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
OLD_REF = "5afa049"
CORPORA = {"seeds": ROOT / "data" / "raw", "heldout": ROOT / "tests" / "fixtures" / "heldout"}
# Row keys: a difference in any other column of a row with the same key is a changed row.
KEYS = {
    "entity_mentions": ["article_id", "char_start", "char_end", "entity_id"],
    "event_candidates": [
        "article_id",
        "sentence_index",
        "event_code",
        "actor1_entity_id",
        "actor2_entity_id",
    ],
}
# Runs inside the subprocess, with the tree under test first on sys.path.
_RUNNER = """
import sys, time
from pathlib import Path
import polars as pl
from orchestration.transforms.clean import clean_articles
from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.events import extract_event_candidates
from orchestration.transforms.ingest import read_inbox
from orchestration.transforms.reference import load_kb
from orchestration.transforms.sentences import split_sentences

inbox, out = Path(sys.argv[1]), Path(sys.argv[2])
if sys.argv[3] != "-":  # the knowledge base both sides share, as parquet files per table
    import dataclasses
    from orchestration.transforms.reference import KnowledgeBase
    kb_dir = Path(sys.argv[3])
    kb = KnowledgeBase(**{f.name: pl.read_parquet(kb_dir / f"{f.name}.parquet") for f in dataclasses.fields(KnowledgeBase)})
else:
    kb = load_kb()
out.mkdir(parents=True, exist_ok=True)
if sys.argv[4] != "-":  # events only, on the frames the other side dumped
    inputs = Path(sys.argv[4])
    articles, sentences, mentions, entities = (
        pl.read_parquet(inputs / f"{n}.parquet") for n in ("articles", "sentences", "entity_mentions", "entities")
    )
else:
    raw, _, _ = read_inbox(inbox)
    cleaned = clean_articles(raw)
    articles = cleaned[0] if isinstance(cleaned, tuple) else cleaned
    sentences = split_sentences(articles)
    mentions, entities = extract_entity_mentions(articles, kb, sentences)
extract_event_candidates(articles.head(20), sentences, mentions, kb)  # warm caches
started = time.process_time()
events = extract_event_candidates(articles, sentences, mentions, kb)
(out / "events_cpu_seconds").write_text(str(time.process_time() - started))
for name, frame in (("articles", articles), ("sentences", sentences), ("entity_mentions", mentions),
                    ("entities", entities), ("event_candidates", events)):
    frame.write_parquet(out / f"{name}.parquet")
"""


def export_tree(ref: str, dest: Path, same_data: bool) -> Path:
    """The tree of ``ref`` under ``dest`` (reused when already exported). With ``same_data`` its
    ``data/reference`` is replaced by this tree's, so that only the code differs."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", ref], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    tree = dest / (f"tree_{commit}_samedata" if same_data else f"tree_{commit}")
    if not (tree / "orchestration").is_dir():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    if same_data:
        shutil.rmtree(tree / "data" / "reference")
        shutil.copytree(ROOT / "data" / "reference", tree / "data" / "reference")
    return tree


def dump_kb(work: Path) -> Path:
    """This tree's knowledge base as parquet files, for both sides (``--same-data``)."""
    sys.path.insert(0, str(ROOT))
    from orchestration.transforms.reference import load_kb

    kb_dir = work / "kb"
    kb_dir.mkdir(parents=True, exist_ok=True)
    kb = load_kb()
    for field in dataclasses.fields(kb):
        getattr(kb, field.name).write_parquet(kb_dir / f"{field.name}.parquet")
    return kb_dir


def run_extraction(
    tree: Path, inbox: Path, out: Path, kb_dir: Path | None = None, inputs: Path | None = None
) -> dict[str, pl.DataFrame]:
    """The extraction outputs of the code in ``tree`` on ``inbox`` (with the knowledge base in
    ``kb_dir`` when given, else the tree's own); with ``inputs`` (another run's ``out``), only the
    event stage runs, on that run's articles, sentences and mentions."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    args = [str(inbox), str(out), str(kb_dir or "-"), str(inputs or "-")]
    subprocess.run([sys.executable, "-c", _RUNNER, *args], cwd=tree, env=env, check=True)
    return {name: pl.read_parquet(out / f"{name}.parquet") for name in KEYS}


def compare(old: pl.DataFrame, new: pl.DataFrame, keys: list[str], examples: int = 3) -> dict[str, object]:
    """Counts of identical / only-old / only-new rows, the columns that differ on shared keys and
    a few examples of each."""
    cols = [c for c in old.columns if c in new.columns and c != "mention_id"]
    o, n = old.select(cols), new.select(cols)
    same = o.join(n, on=cols, how="semi", nulls_equal=True)
    only_old = o.join(n, on=cols, how="anti", nulls_equal=True)
    only_new = n.join(o, on=cols, how="anti", nulls_equal=True)
    changed = only_old.join(only_new, on=keys, how="inner", suffix="_new", nulls_equal=True)
    diff_cols = {
        c: int(changed.select(pl.col(c).ne_missing(pl.col(f"{c}_new")).sum()).item())
        for c in cols
        if c not in keys
    }
    return {
        "identical": same.height,
        "only_old": only_old.height,
        "only_new": only_new.height,
        "changed_columns": {c: k for c, k in diff_cols.items() if k},
        "examples_old": only_old.head(examples),
        "examples_new": only_new.head(examples),
        "missing_columns": sorted(set(old.columns) ^ set(new.columns)),
    }


def bench_inbox(work: Path, n: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from bench.generate import generate_corpus

    out = work / f"bench_{n}"
    if not (out / "inbox").is_dir():
        generate_corpus(out, n_articles=n, seed=0, jsonl_share=0.3)
    return out / "inbox"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=["seeds", "heldout", "bench"])
    parser.add_argument("--inbox", type=Path, action="append", default=[], help="another inbox to compare on")
    parser.add_argument("--events-only", action="store_true", help="compare the event stage alone")
    parser.add_argument("--bench-size", type=int, default=2000)
    parser.add_argument(
        "--added-by",
        action="append",
        default=[],
        metavar="METHOD",
        help="entity mentions of this new method are additions, listed apart (old rows must all stay)",
    )
    parser.add_argument("--old-ref", default=OLD_REF)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "akhbar_equivalence")
    parser.add_argument(
        "--own-data",
        action="store_true",
        help="each side with its own data/reference (default: both with this tree's, to compare code)",
    )
    args = parser.parse_args(argv)
    corpora = [*(args.corpus or ([] if args.inbox else ["seeds", "heldout", "bench"])), *args.inbox]
    args.work.mkdir(parents=True, exist_ok=True)
    same_data = not args.own_data
    old_tree = export_tree(args.old_ref, args.work, same_data)
    kb_dir = dump_kb(args.work) if same_data else None
    pl.Config.set_tbl_rows(20).set_fmt_str_lengths(40).set_tbl_width_chars(200)
    status = 0
    for corpus in corpora:
        if isinstance(corpus, Path):
            inbox, label = corpus, corpus.parent.name or corpus.name
        else:
            inbox = bench_inbox(args.work, args.bench_size) if corpus == "bench" else CORPORA[corpus]
            label = corpus
        old_out, new_out = args.work / f"out_old_{label}", args.work / f"out_new_{label}"
        old = run_extraction(old_tree, inbox, old_out, kb_dir)
        new = run_extraction(ROOT, inbox, new_out, kb_dir, old_out if args.events_only else None)
        cpu = [float((d / "events_cpu_seconds").read_text()) for d in (old_out, new_out)]
        print(f"{label:8} event stage CPU s: old {cpu[0]:.2f}, new {cpu[1]:.2f}", flush=True)
        for table, keys in KEYS.items():
            if args.events_only and table != "event_candidates":
                continue
            new_rows = new[table]
            if args.added_by and "method" in new_rows.columns:
                added = new_rows.filter(pl.col("method").is_in(args.added_by))
                new_rows = new_rows.filter(~pl.col("method").is_in(args.added_by))
                if added.height:
                    print(f"{label:8} {table:17} added by {'/'.join(args.added_by)}: {added.height} rows")
                    print(added.select("article_id", "entity_type", "surface", "method", "confidence"))
            result = compare(old[table], new_rows, keys)
            differs = result["only_old"] or result["only_new"] or result["missing_columns"]
            status |= bool(differs)
            print(
                f"{label:8} {table:17} identical {result['identical']:7}  only-old {result['only_old']:6}"
                f"  only-new {result['only_new']:6}  {'OK' if not differs else 'DIFFERS'}",
                flush=True,
            )
            if differs:
                print(f"  changed columns on shared keys: {result['changed_columns']}")
                print(f"  columns in one output only: {result['missing_columns']}")
                print("  only old:", result["examples_old"], "  only new:", result["examples_new"], sep="\n")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
