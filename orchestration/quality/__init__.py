"""Data-quality suites for the landing tables (Great Expectations 1.x, no Dagster)."""
