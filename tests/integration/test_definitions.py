"""The Definitions load, and Python assets and dbt sources form one lineage graph."""

from __future__ import annotations

import dagster as dg


def test_definitions_load() -> None:
    from orchestration.definitions import defs

    repo = defs.get_repository_def()
    keys = {key.to_user_string() for key in repo.asset_graph.get_all_asset_keys()}
    for expected in (
        "landing/raw_articles",
        "landing/rejected_articles",
        "landing/articles",
        "landing/entity_mentions",
        "landing/event_candidates",
        "staging/stg_articles",
        "dim_articles",
        "dim_sources",
        "fct_events",
        "fct_event_mentions",
        "fct_entity_mentions",
        "dim_entities",
        "dim_event_types",
        "published_warehouse",
    ):
        assert expected in keys, expected


def test_dbt_sources_are_the_python_assets() -> None:
    from orchestration.definitions import defs

    graph = defs.get_repository_def().asset_graph
    parents = graph.get(dg.AssetKey(["staging", "stg_articles"])).parent_keys
    assert dg.AssetKey(["landing", "articles"]) in parents
    # the landing asset is materializable (a Python asset), not an external source stub
    assert graph.get(dg.AssetKey(["landing", "articles"])).is_materializable


def test_dbt_tests_are_asset_checks() -> None:
    from orchestration.definitions import defs

    checks = {key.name for key in defs.get_repository_def().asset_graph.asset_check_keys}
    # one NOT NULL and UNIQUE check per model (`not_null_columns`), not one per column (issue #14)
    assert {"columns_fct_events", "columns_dim_articles", "columns_stg_articles"} <= checks, sorted(checks)[
        :20
    ]
    assert not any(name.startswith(("not_null_", "unique_")) for name in checks)


def test_entities_and_events_read_one_token_table() -> None:
    from orchestration.definitions import defs

    graph = defs.get_repository_def().asset_graph
    tokens = dg.AssetKey(["intermediate", "tokens"])
    assert graph.get(tokens).parent_keys == {
        dg.AssetKey(["landing", "articles"]),
        dg.AssetKey(["landing", "sentences"]),
    }
    for stage in ("entity_mentions", "entities", "event_candidates"):
        assert tokens in graph.get(dg.AssetKey(["landing", stage])).parent_keys, stage


def test_the_token_store_keeps_a_run_s_frame_and_saves_it_for_later_runs(tmp_path) -> None:
    import polars as pl

    from orchestration.defs.resources import TokenStoreIOManager

    store = TokenStoreIOManager(directory=str(tmp_path))
    key = dg.AssetKey(["intermediate", "tokens"])
    frame = pl.DataFrame({"article_id": ["a", "b"], "aidx": [0, 1]})
    store.handle_output(dg.build_output_context(asset_key=key, run_id="run-1"), frame)
    assert (tmp_path / "intermediate" / "tokens.arrow").exists()
    # Another run (here: no run at all) reads the saved file, not the frame held in memory.
    loaded = store.load_input(dg.build_input_context(asset_key=key))
    assert loaded.equals(frame) and loaded is not frame
