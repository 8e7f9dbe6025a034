"""Modules GX imports but our suites never use are loaded on first use (issue #14, fixed cost)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Iterator

import pytest

from orchestration.quality.deferred_imports import DeferredModule, defer

# A standard-library module nothing in the test session imports.
SPARE = "colorsys"


@pytest.fixture()
def spare() -> Iterator[str]:
    saved = sys.modules.pop(SPARE, None)
    yield SPARE
    sys.modules.pop(SPARE, None)
    if saved is not None:
        sys.modules[SPARE] = saved


def test_a_deferred_module_loads_on_first_attribute(spare: str) -> None:
    assert defer([spare]) == [spare]
    assert isinstance(sys.modules[spare], DeferredModule)
    # The import system and find_spec accept the stand-in without loading it.
    assert importlib.util.find_spec(spare) is not None
    stand_in = importlib.import_module(spare)
    assert isinstance(stand_in, DeferredModule)
    from colorsys import rgb_to_hsv  # an attribute read: the real module loads

    assert rgb_to_hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0)
    assert not isinstance(sys.modules[spare], DeferredModule)
    assert stand_in.hsv_to_rgb(0.0, 1.0, 1.0) == (1.0, 0.0, 0.0)  # the stand-in keeps working


def test_imported_or_missing_modules_are_left_alone(spare: str) -> None:
    assert defer(["sys", "no_such_module_akhbar"]) == []
    assert sys.modules["sys"] is sys


def test_importing_gx_through_the_quality_package_leaves_scipy_stats_and_altair_unloaded() -> None:
    # A fresh interpreter: another test of the session may have imported them for real.
    code = (
        "import sys\n"
        "import orchestration.quality.gx_suites as g\n"
        "import great_expectations.expectations\n"
        "g._context()\n"
        "print(*(type(sys.modules[m]).__name__ for m in ('scipy.stats', 'altair')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["DeferredModule", "DeferredModule"]


def test_inspect_getmodule_leaves_a_stand_in_unloaded(spare: str) -> None:
    # inspect.getmodule reads `__file__` of every module in sys.modules (inspect.stack() calls it for
    # each frame): a stand-in answers from its spec, without loading the real module.
    import inspect

    defer([spare])
    stand_in = sys.modules[spare]
    assert stand_in.__file__ == importlib.util.find_spec(spare).origin
    assert inspect.getmodule(test_inspect_getmodule_leaves_a_stand_in_unloaded) is sys.modules[__name__]
    inspect.stack()
    assert isinstance(sys.modules[spare], DeferredModule)
