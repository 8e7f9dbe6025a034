"""Benchmarks: synthetic corpus generator (generate.py); the runner lives beside it."""

from orchestration.allocator import configure_allocator

# ``python -m bench.<script>`` imports this package before the script imports Polars: the
# benchmarks then measure the allocator settings the pipeline runs with.
configure_allocator()
