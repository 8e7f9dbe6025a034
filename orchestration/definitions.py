"""Dagster code location: everything is wired in `orchestration.defs`."""

import warnings

import dagster as dg

from orchestration import defs as defs_package
from orchestration.defs.resources import build_resources

# Loading a package of modules is a preview API in Dagster 1.13; the warning would print on every run.
warnings.filterwarnings("ignore", category=dg.PreviewWarning)

defs = dg.load_definitions_from_package_module(
    defs_package, resources=build_resources(), executor=dg.in_process_executor
)
