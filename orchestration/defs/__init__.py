"""Dagster wiring only: assets, checks, resources, schedules and sensors.

The logic lives in `orchestration.transforms`; modules here read inputs, call transforms and
return outputs with metadata.
"""
