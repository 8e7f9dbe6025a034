"""dbt names a behaviour flag's source without `inspect.stack()` (issue #14, fixed cost)."""

from __future__ import annotations

import inspect

from dbt_common.behavior_flags import BehaviorFlagRendered

from orchestration.dbt_inprocess import _caller_module, cheap_behavior_flag_source

FLAG = {"name": "akhbar_test_flag", "default": False, "description": "a flag of this test"}


def _made_here() -> BehaviorFlagRendered:
    return BehaviorFlagRendered(FLAG, {})  # type: ignore[arg-type]


def _stock_source() -> str:
    # dbt_common's own answer, as its `_default_source` computes it.
    for frame in inspect.stack():
        if (module := inspect.getmodule(frame[0])) and module.__name__ != "dbt_common.behavior_flags":
            return module.__name__
    return "Unknown"


def test_the_caller_module_is_the_one_inspect_stack_names() -> None:
    assert _caller_module() == _stock_source() == __name__


def test_a_flag_made_after_the_patch_names_its_module_without_inspect_stack(monkeypatch) -> None:
    monkeypatch.setattr(BehaviorFlagRendered, "_default_source", BehaviorFlagRendered._default_source)

    def no_stack(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("inspect.stack() called")

    cheap_behavior_flag_source()
    monkeypatch.setattr(inspect, "stack", no_stack)
    flag = _made_here()
    assert flag._behavior_change_event.flag_source == __name__
    assert flag.setting is False
