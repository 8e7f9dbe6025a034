"""Dagster code location: everything is wired in `orchestration.defs`."""

import warnings

import dagster as dg

from orchestration import defs as defs_package
from orchestration.defs.resources import build_resources
from orchestration.settings import Settings

# Loading a package of modules is a preview API in Dagster 1.13; the warning would print on every run.
warnings.filterwarnings("ignore", category=dg.PreviewWarning)


def build_definitions(settings: Settings | None = None) -> dg.Definitions:
    """The Definitions on `settings` (default: the environment as it is now, not at first import)."""
    return dg.load_definitions_from_package_module(
        defs_package, resources=build_resources(settings), executor=dg.in_process_executor
    )


defs = build_definitions()
