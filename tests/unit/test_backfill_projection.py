"""The ten-year backfill projection of `make bench` (bench/backfill.py): arithmetic on given costs."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from bench.backfill import lay_out_by_day, parallel_efficiency, per_partition_cost, project_backfill, render


def test_fixed_cost_is_separated_from_the_per_article_cost() -> None:
    # medians: the 9.0 s partition (a neighbour's load) and the 3.0 s empty run move nothing
    cost = per_partition_cost([2.0, 2.2, 9.0, 2.1, 2.3], [0.5, 3.0, 0.4], articles_per_partition=1000)
    assert cost["fixed_s"] == pytest.approx(0.5)
    assert cost["typical_partition_s"] == pytest.approx(2.2)
    assert cost["s_per_article"] == pytest.approx(1.7 / 1000)


def test_a_partition_cheaper_than_the_fixed_cost_charges_nothing_per_article() -> None:
    assert per_partition_cost([1.0], [1.5], 100)["s_per_article"] == 0.0


def test_parallel_efficiency_is_speed_up_per_worker_capped_at_one() -> None:
    assert parallel_efficiency(20.0, 12.5, 2) == pytest.approx(0.8)
    assert parallel_efficiency(20.0, 9.0, 2) == 1.0


def test_projection_counts_waves_of_concurrent_partitions() -> None:
    p = project_backfill(
        fixed_s=1.0, s_per_article=0.001, efficiency=0.5, days=10, articles=20_000, workers=4
    )
    # 2,000 articles a day -> 3 s a partition; ceil(10 / 4) = 3 waves, each twice as slow
    assert p["articles_per_day"] == pytest.approx(2000)
    assert p["s_per_day_partition"] == pytest.approx(3.0)
    assert p["waves"] == 3
    assert p["wall_s"] == pytest.approx(18.0)
    assert p["wall_min"] == pytest.approx(0.3)
    assert p["fixed_share"] == pytest.approx(1 / 3)
    assert p["fixed_only_min"] + p["articles_only_min"] == pytest.approx(p["wall_min"])


def test_ten_years_on_eight_workers_by_default() -> None:
    p = project_backfill(fixed_s=0.0, s_per_article=0.01, efficiency=1.0)
    assert p["waves"] == math.ceil(3650 / 8)
    assert p["articles_per_day"] == pytest.approx(36_000_000 / 3650)
    assert p["wall_s"] == pytest.approx(457 * 0.01 * 36_000_000 / 3650)


def test_lay_out_by_day_spreads_files_round_robin_and_keeps_names_apart(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus" / "inbox"
    for chunk in ("0000", "0001"):
        (corpus / "txt" / chunk).mkdir(parents=True)
        (corpus / "txt" / chunk / "1_ab.txt").write_text("نص")
    (corpus / "feeds").mkdir()
    (corpus / "feeds" / "0000_1.jsonl").write_text("{}\n")
    (corpus / "feeds" / "notes.csv").write_text("not an inbox file")
    days = [date(2024, 1, 1).isoformat(), date(2024, 1, 2).isoformat()]
    counts = lay_out_by_day(corpus, tmp_path / "inbox", days)
    assert counts == {days[0]: 2, days[1]: 1}
    names = sorted(p.name for p in (tmp_path / "inbox").rglob("*") if p.is_file())
    assert names == ["feeds__0000_1.jsonl", "txt__0000__1_ab.txt", "txt__0001__1_ab.txt"]


def test_render_names_the_projection_and_where_the_time_goes() -> None:
    run = {
        "workers": 1,
        "wall_s": 20.0,
        "partition_s": [2.0, 2.0],
        "partition_cpu_s": [3.0, 3.0],
        "load_avg_1m": 1.0,
        "stage_breakdown_s": {"ingest": 0.5, "clean_entities_events": 1.5},
    }
    cost = per_partition_cost([2.0], [0.5], 1000)
    result = {
        "days": 2,
        "articles_per_day": 1000,
        "runs": [run, {**run, "workers": 2, "wall_s": 12.0, "stage_breakdown_s": None}],
        "ratio_2_over_1": 0.6,
        "parallel_efficiency_2_workers": 0.83,
        "cost": cost,
        "projection": project_backfill(cost["fixed_s"], cost["s_per_article"], 0.83),
        "cpu_cost": cost,
        "projection_cpu": project_backfill(cost["fixed_s"], cost["s_per_article"], 1.0),
    }
    text = render(result)
    assert "| 2 | 12.0 |" in text
    assert "clean_entities_events | 1.50 | 75%" in text
    assert f"{result['projection']['wall_min']:.1f} min" in text
