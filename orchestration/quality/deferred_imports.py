"""Modules that Great Expectations imports eagerly but our suites never use, loaded on first use.

Importing GX imports every core expectation, and with them `scipy.stats` (for the KS-test and
KL-divergence expectations) and `altair` (for charts of profiling renderers): about 2 of the ~4.5 CPU
seconds GX costs a run, paid by every run's quality step. Our suites use neither. `defer` puts a
stand-in module in `sys.modules` that imports the real one the first time any of its attributes is
read, so code that does use it (here or in GX) still gets the real module, one attribute access later.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from collections.abc import Iterable
from typing import Any

# What GX imports at import time and no expectation of ours calls (see the module docstring).
GX_UNUSED = ("scipy.stats", "altair")


class DeferredModule(types.ModuleType):
    """Stands in `sys.modules` for a module until an attribute of it is read."""

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes the stand-in lacks, i.e. all of the real module's.
        return getattr(load(self.__name__), name)

    def __dir__(self) -> list[str]:
        return dir(load(self.__name__))


def load(name: str) -> types.ModuleType:
    """The real module `name`, imported now if only its stand-in was there."""
    module = sys.modules.get(name)
    if isinstance(module, DeferredModule):
        del sys.modules[name]
        module = importlib.import_module(name)
    return module if module is not None else importlib.import_module(name)


def defer(names: Iterable[str] = GX_UNUSED) -> list[str]:
    """Put a stand-in for each module not imported yet and installed; returns the names deferred."""
    deferred = []
    for name in names:
        if name in sys.modules:
            continue
        try:
            # For a submodule this imports its package (`scipy`: a few ms), not the submodule.
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None:
            continue
        stand_in = DeferredModule(name)
        # The real spec: the import system reads `__spec__._initializing` of a module it finds in
        # sys.modules, and `importlib.util.find_spec` returns it.
        stand_in.__spec__ = spec
        # Where the real module lives, as the real one would say: `inspect.getmodule` (called by
        # `inspect.stack()`, e.g. by dbt for each adapter behaviour flag) reads `__file__` of every
        # module in sys.modules, and reading it through `__getattr__` would load the module.
        stand_in.__file__ = spec.origin if spec.has_location else None
        if spec.submodule_search_locations is not None:
            stand_in.__path__ = list(spec.submodule_search_locations)
        sys.modules[name] = stand_in
        deferred.append(name)
    return deferred
