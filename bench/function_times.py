"""Inclusive CPU seconds of chosen transform functions inside one run of the Polars stage.

A profiler inflates call-heavy Python (cProfile) or needs a sampling tool this machine lacks
(py-spy); this wraps each named function with a ``time.process_time`` counter instead, runs
clean -> sentences -> tokens -> entities -> events once to warm up and then ``--repeat`` times,
and prints the smallest total per function (inclusive: nested functions count in both).

    POLARS_MAX_THREADS=1 uv run python -m bench.function_times data/bench/corpus_10000/inbox
    POLARS_MAX_THREADS=1 uv run python -m bench.function_times INBOX --target orchestration.transforms.clean:clean_articles

To compare two commits, run it from a ``git archive`` of each (``PYTHONPATH=<tree>``), alternately.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGETS = [
    "orchestration.transforms.clean:clean_articles",
    "orchestration.transforms.boilerplate:mark_boilerplate",
    "orchestration.transforms.dates:find_dates",
    "orchestration.transforms.sentences:split_sentences",
    "orchestration.transforms.tokens:build_tokens",
    "orchestration.transforms.entities.pipeline:extract_entity_mentions",
    "orchestration.transforms.entities.matching:match",
    "orchestration.transforms.entities.igo_phrases:igo_phrases",
    "orchestration.transforms.openworld.resolve:find_open_world",
    "orchestration.transforms.openworld.features:word_table",
    "orchestration.transforms.openworld.tagger:tag_words",
    "orchestration.transforms.openworld.tagger:word_scores",
    "orchestration.transforms.events.pipeline:extract_event_candidates",
    "orchestration.transforms.events.lexicon:match_lexicon",
    "orchestration.transforms.events.arguments:attach_arguments",
    "orchestration.transforms.events.spans:title_spans",
    "orchestration.transforms.events.dropped:mark_bare_subjects",
    "orchestration.transforms.events.roles:resolve_roles",
]


def _wrap(targets: list[str], spent: dict[str, float], calls: dict[str, int]) -> None:
    """Replace each ``module:function`` wherever a loaded module holds it by a timed wrapper."""
    import orchestration.transforms.clean
    import orchestration.transforms.entities
    import orchestration.transforms.events  # noqa: F401

    for target in targets:
        module, name = target.split(":")
        original = getattr(importlib.import_module(module), name)

        def timed(*args: Any, _f: Callable[..., Any] = original, _t: str = target, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return _f(*args, **kwargs)
            finally:
                spent[_t] += time.process_time() - started
                calls[_t] += 1

        for loaded in list(sys.modules.values()):
            if loaded is not None and getattr(loaded, name, None) is original:
                setattr(loaded, name, timed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inbox", type=Path)
    parser.add_argument("--target", action="append", help="module:function (default: the main stages)")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    targets = args.target or TARGETS
    spent: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    _wrap(targets, spent, calls)

    from orchestration.transforms.clean import clean_articles
    from orchestration.transforms.entities import extract_entity_mentions
    from orchestration.transforms.events import extract_event_candidates
    from orchestration.transforms.ingest import read_inbox
    from orchestration.transforms.reference import load_kb
    from orchestration.transforms.sentences import split_sentences
    from orchestration.transforms.tokens import build_tokens

    raw, _, _ = read_inbox(args.inbox)
    kb = load_kb()

    def work() -> None:
        articles, _ = clean_articles(raw)
        sentences = split_sentences(articles)
        tokens = build_tokens(articles, sentences)
        mentions, _ = extract_entity_mentions(articles, kb, sentences, tokens=tokens)
        extract_event_candidates(articles, sentences, mentions, kb, tokens=tokens)

    work()
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        spent.clear()
        started = time.process_time()
        work()
        best["TOTAL"] = min(best.get("TOTAL", float("inf")), time.process_time() - started)
        for target, seconds in spent.items():
            best[target] = min(best.get(target, float("inf")), seconds)
    mb = raw["raw_text"].str.len_bytes().sum() / 1e6
    print(f"{raw.height} articles, {mb:.1f} MB raw text; CPU s, best of {args.repeat}")
    print(
        f"{best['TOTAL']:7.3f}       clean+sentences+tokens+entities+events ({mb / best['TOTAL']:.2f} MB/s)"
    )
    for target in targets:
        if target in best:
            print(f"{best[target]:7.3f}  {calls[target] // (args.repeat + 1) or '':>3}  {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
