"""Data-quality suites for the landing tables (Great Expectations 1.x, no Dagster)."""

from orchestration.quality.deferred_imports import defer

# Before anything imports GX: the modules GX imports for expectations we never use load on first use.
defer()
