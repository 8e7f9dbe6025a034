"""Benchmarks: synthetic corpus generator (generate.py); the runner lives beside it."""
