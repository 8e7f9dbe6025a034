"""Akhbar: Arabic news -> CAMEO events (Dagster assets, Polars transforms, DuckDB, dbt)."""

from orchestration.allocator import configure_allocator

# Before any submodule imports Polars: jemalloc reads its settings when the library loads.
configure_allocator()
