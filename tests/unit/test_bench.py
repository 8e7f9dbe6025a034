"""Accuracy metrics and the report writer of `make bench`, on tiny hand-made frames."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from bench.accuracy import accuracy_report, bcubed, dedup_scores, event_scores, match_mentions, truth_pairs
from bench.run import _write, render_markdown


def test_bcubed_textbook_example() -> None:
    # truth A={1,2,3}, B={4,5}; predicted X={1,2}, Y={3,4,5}: every item scores 11/15 on average.
    items = pl.DataFrame({"pred": ["X", "X", "Y", "Y", "Y"], "truth": ["A", "A", "A", "B", "B"]})
    s = bcubed(items, "pred", "truth")
    assert s["bcubed_precision"] == pytest.approx(11 / 15)
    assert s["bcubed_recall"] == pytest.approx(11 / 15)
    assert s["bcubed_f1"] == pytest.approx(11 / 15)
    assert s["items"] == 5


def test_bcubed_one_big_cluster_has_full_recall_only() -> None:
    items = pl.DataFrame({"pred": ["X"] * 5, "truth": ["A", "A", "A", "B", "B"]})
    s = bcubed(items, "pred", "truth")
    assert s["bcubed_recall"] == pytest.approx(1.0)
    assert s["bcubed_precision"] == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)
    assert bcubed(items.head(0), "pred", "truth")["bcubed_f1"] == 0.0


TRUTH_EVENTS = pl.DataFrame(
    {
        "event_key": ["E1", "E2"],
        "kind": ["meeting", "condemn_person"],
        "event_code": ["040", "111"],
        "codes_accepted": ["040|042|043", "111|112"],
        "actor1_entity_id": ["person:a", "person:c"],
        "actor2_entity_id": ["person:b", "country:DDD"],
        "actor1_iso3": ["AAA", "CCC"],
        "actor2_iso3": ["BBB", "DDD"],
        "event_date": [date(2020, 1, 1), date(2020, 1, 3)],
    }
)
TRUTH_ARTICLES = pl.DataFrame(
    {
        "article_key": ["A1", "A2"],
        "event_keys": ["E1", "E1|E2"],
        "related_event_keys": ["E2", None],
    }
)


def _pred(rows: list[tuple[str, str, str, str, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema=[
            "mention_id",
            "event_id",
            "article_key",
            "event_code",
            "actor1_entity_id",
            "actor2_entity_id",
        ],
        orient="row",
    )


PRED = _pred(
    [
        ("m1", "ev1", "A1", "043", "person:b", "person:a"),  # E1, reversed pair, accepted code
        ("m2", "ev1", "A2", "046", "person:a", "person:b"),  # E1 by CAMEO root 04, code not accepted
        ("m3", "ev2", "A2", "112", "person:c", "country:DDD"),  # E2
        ("m4", "ev3", "A1", "111", "person:c", "country:DDD"),  # E2 only in A1's headline list
        ("m5", "ev4", "A2", "190", "person:c", "country:DDD"),  # another root: no match
        ("m6", "ev5", "A2", "040", "person:a", "person:x"),  # another pair: no match
        ("m7", "ev5", "A9", "040", "person:a", "person:b"),  # article without truth
    ]
)
PRED_EVENTS = pl.DataFrame(
    {
        "event_id": ["ev1", "ev2", "ev3", "ev4", "ev5", "ev6"],
        "event_code": ["043", "112", "111", "190", "040", "010"],
        "event_date": [date(2020, 1, 1), date(2020, 1, 5), None, None, None, None],
    }
)


def test_truth_pairs_flags_headline_only_events() -> None:
    pairs = truth_pairs(TRUTH_ARTICLES).sort("article_key", "event_key")
    assert pairs.rows() == [("A1", "E1", False), ("A1", "E2", True), ("A2", "E1", False), ("A2", "E2", False)]


def test_match_mentions_uses_article_pair_and_code_family() -> None:
    m = match_mentions(PRED, TRUTH_EVENTS, truth_pairs(TRUTH_ARTICLES)).sort("mention_id")
    assert m["mention_id"].to_list() == ["m1", "m2", "m3", "m4"]
    assert m["event_key"].to_list() == ["E1", "E1", "E2", "E2"]
    assert m["related"].to_list() == [False, False, False, True]
    assert m["code_accepted"].to_list() == [True, False, True, True]
    assert m["same_direction"].to_list() == [False, True, True, True]


def test_match_mentions_at_country_level() -> None:
    pred = _pred([("m1", "ev1", "A2", "111", "actor:CCCGOV", "country:DDD")]).with_columns(
        actor1_iso3=pl.lit("CCC"), actor2_iso3=pl.lit("DDD")
    )
    pairs = truth_pairs(TRUTH_ARTICLES)
    assert match_mentions(pred, TRUTH_EVENTS, pairs, actors="id").height == 0
    assert match_mentions(pred, TRUTH_EVENTS, pairs, actors="country")["event_key"].to_list() == ["E2"]


def test_event_scores() -> None:
    matches = match_mentions(PRED, TRUTH_EVENTS, truth_pairs(TRUTH_ARTICLES))
    s = event_scores(PRED_EVENTS, matches, TRUTH_EVENTS)
    assert s["truth_events_found"] == 2
    assert s["event_recall"] == pytest.approx(1.0)
    # ev3 reports a headline-list event: out of the denominator; ev1, ev2 right; ev4, ev5, ev6 wrong.
    assert s["pred_events_related_only"] == 1
    assert s["event_precision"] == pytest.approx(2 / 5)
    assert s["event_precision_excl_statements"] == pytest.approx(2 / 4)
    assert s["matched_direction_ok"] == pytest.approx(1.0)  # only E2 is directed
    assert s["matched_date_exact"] == pytest.approx(0.5)


def test_dedup_scores_counts_splits() -> None:
    pairs = truth_pairs(TRUTH_ARTICLES)
    whole = dedup_scores(match_mentions(PRED, TRUTH_EVENTS, pairs), pairs)
    assert whole["bcubed_f1"] == pytest.approx(1.0)
    assert whole["item_coverage"] == pytest.approx(1.0)
    # The A2 report of E1 becomes an event of its own: E1 is split.
    split = PRED.with_columns(
        event_id=pl.when(pl.col("mention_id") == "m2").then(pl.lit("ev9")).otherwise("event_id")
    )
    s = dedup_scores(match_mentions(split, TRUTH_EVENTS, pairs), pairs)
    assert s["bcubed_precision"] == pytest.approx(1.0)
    assert s["bcubed_recall"] == pytest.approx((0.5 + 0.5 + 1) / 3)
    assert s["truth_events_split"] == 1
    assert s["pred_events_merged"] == 0


def test_accuracy_report_has_both_levels() -> None:
    pred = PRED.with_columns(actor1_iso3=pl.lit("AAA"), actor2_iso3=pl.lit("BBB"))
    report = accuracy_report(pred, PRED_EVENTS, TRUTH_EVENTS, TRUTH_ARTICLES)
    assert set(report) == {"id", "country"}
    assert report["id"]["pred_mentions"] == 7
    assert report["id"]["pred_mentions_matched"] == 4


def _report(polars_seconds: float, spacy_ratio: float, e2e_seconds: float) -> dict:
    third = polars_seconds / 3
    stage = {"seconds": third, "peak_rss_mb": 100.0}
    return {
        "started": "2026-01-01 00:00 UTC",
        "machine": {
            "cpu": "test cpu",
            "cores_logical": 2,
            "memory_gb": 8,
            "os": "linux",
            "python": "3.11",
            "versions": {"polars": "x"},
        },
        "sizes": [
            {
                "n": 100_000,
                "inbox_bytes": 10_000_000,
                "stages": {"clean": stage, "entities": stage, "events": stage},
                "peers": {
                    "sample_articles": 5000,
                    "sample_mb": 1.0,
                    "ours": {"seconds": 1.0, "mentions": 10},
                    "spacy_entity_ruler": {
                        "seconds": spacy_ratio,
                        "mentions": 9,
                        "ratio_to_ours": spacy_ratio,
                    },
                },
                "e2e": {"seconds": e2e_seconds, "peak_rss_mb": 5000.0, "step_seconds": {"dbt": 10.0}},
                "incremental": {
                    "seconds": e2e_seconds / 20,
                    "ratio_to_full": 0.05,
                    "step_seconds": {"dbt": 1.0},
                },
            }
        ],
    }


def test_render_markdown_reports_figures_and_verdicts() -> None:
    md = render_markdown(_report(polars_seconds=0.2, spacy_ratio=30.0, e2e_seconds=120.0))
    assert "| **Polars (clean+entities+events)** | **0.20 s · 50.0 MB/s · 500,000/s** |" in md
    assert "| Polars stage ≥ 50 MB/s (N=100,000) | 50.0 MB/s | met |" in md
    assert "| ≥ 25× the spaCy EntityRuler | 30.0× | met |" in md
    assert "| full warehouse build of 100k ≤ 60 s | 120.0 s | **not met** |" in md
    assert "| +1 % new articles ≤ 10% of the full run | 5% | met |" in md
    assert "| peak RSS ≤ 4 GB at 100k (N=100,000) | 5.00 GB | **not met** |" in md
    assert "| dbt (full / incremental) | 10.0 / 1.0 |" in md


def test_write_produces_json_and_markdown(tmp_path: Path) -> None:
    report = _report(polars_seconds=1.0, spacy_ratio=2.0, e2e_seconds=30.0)
    md = _write(report, tmp_path)
    assert (tmp_path / "results.md").read_text() == md
    assert json.loads((tmp_path / "results.json").read_text())["sizes"][0]["n"] == 100_000
    assert "| ≥ 25× the spaCy EntityRuler | 2.0× | **not met** |" in md
