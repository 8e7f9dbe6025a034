"""Dagster code location: everything is wired in `orchestration.defs`."""

import dagster as dg

from orchestration import defs as defs_package
from orchestration.defs.resources import build_resources

defs = dg.load_definitions_from_package_module(
    defs_package, resources=build_resources(), executor=dg.in_process_executor
)
