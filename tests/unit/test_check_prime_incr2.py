"""dbt check results prime Dagster's per-step materialization cache in one query (issue #14)."""

from __future__ import annotations

from types import SimpleNamespace

import dagster as dg

from orchestration.dbt_inprocess import prime_check_targets


class FakeCache:
    def __init__(self, known: dict) -> None:
        self.input_asset_version_info = known
        self.fetches: list[list[dg.AssetKey]] = []

    def _fetch_input_asset_version_info(self, keys: list[dg.AssetKey]) -> None:
        self.fetches.append(keys)


def context_with(cache: FakeCache, partitioned: bool = False) -> SimpleNamespace:
    step = SimpleNamespace(_data_version_cache=cache, has_partition_key=partitioned)
    return SimpleNamespace(op_execution_context=SimpleNamespace(_step_execution_context=step))


def checks(*names: str) -> list[dg.AssetCheckResult]:
    return [
        dg.AssetCheckResult(passed=True, asset_key=dg.AssetKey(n), check_name=f"c{i}")
        for i, n in enumerate(names)
    ]


def test_the_checked_assets_not_cached_are_fetched_once_together() -> None:
    cache = FakeCache({dg.AssetKey("dim_articles"): None})
    prime_check_targets(
        context_with(cache), checks("fct_events", "dim_articles", "fct_events", "dim_entities")
    )
    assert cache.fetches == [[dg.AssetKey("fct_events"), dg.AssetKey("dim_entities")]]


def test_a_partitioned_step_keeps_dagsters_own_lookup() -> None:
    cache = FakeCache({})
    prime_check_targets(context_with(cache, partitioned=True), checks("fct_events"))
    assert cache.fetches == []


def test_no_private_cache_no_prime() -> None:
    prime_check_targets(SimpleNamespace(op_execution_context=SimpleNamespace()), checks("fct_events"))
