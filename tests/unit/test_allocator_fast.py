"""The jemalloc settings of ``orchestration.allocator`` reach Polars when the package is imported first."""

from __future__ import annotations

import os
import subprocess
import sys

from orchestration.allocator import ENV_VAR, JEMALLOC_CONF, configure_allocator

_PROBE = "import orchestration, polars, os; print(os.environ.get('_RJEM_MALLOC_CONF', ''))"


def _probe(env: dict[str, str]) -> str:
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_package_import_sets_the_decay_before_polars_loads() -> None:
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    # Polars appends the environment's value to its own defaults: the last setting wins.
    assert _probe(env).endswith(JEMALLOC_CONF)


def test_a_users_setting_is_kept() -> None:
    env = {**os.environ, ENV_VAR: "dirty_decay_ms:0"}
    conf = _probe(env)
    assert conf.endswith("dirty_decay_ms:0") and JEMALLOC_CONF not in conf


def test_no_effect_once_polars_is_loaded() -> None:
    import polars  # noqa: F401

    assert configure_allocator() is False
