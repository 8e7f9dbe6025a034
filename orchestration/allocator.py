"""Allocator settings for Polars, applied before Polars is first imported.

Polars allocates with jemalloc and configures it at import time to give freed pages back to the OS
after half a second (``dirty_decay_ms:500``). The transforms build and drop frames of millions of
rows one after another (the word table alone is ~45 columns of 1.9M words at 10k articles), so with
that setting most of a stage's memory is handed back and faulted in again by the next step: at 10k
articles the entity stage spent a third of its CPU time in the kernel (page faults). Keeping freed
pages for a minute lets the next frame reuse them: at 10k articles (bench seed 0, one Polars
thread, load 13-16) the Polars stage took 9.8-12.1 CPU s instead of 13.3-15.3, kernel time 1.9-2.3 s
instead of 4.5-5.5. The cost is peak RSS: kept pages are not always the size a later frame asks
for, so the same run peaked at 1.56 GB instead of 1.25 GB. A shorter decay (5 s) kept the RSS but
lost most of the gain on a loaded machine (the decay runs on the wall clock). Outputs cannot
change: only where memory comes from does.

At 100k articles, run as the Dagster assets run it (20k-article slices, one process, 2 threads,
bench seed 0, load 6-19), the Polars stage took 127.9 CPU s (21.4 s kernel) and peaked at 6.09 GB
with this setting, against 165.5 CPU s (56.9 s kernel) and 5.50 GB with Polars' default: +11 %
peak RSS for a quarter less CPU. The 4 GB target was broken either way, by the frames the run holds
(the run-wide token table alone was ~1.6 GB at 100k, and its build peaked at 4.2-4.7 GB), not by
this setting, so it stays (bench/README.md, "Speed pass 7"). With the table held narrow
(``transforms/token_table.py``) the same run peaks at 3.2 GB after the tokens and 4.6 GB overall
(bench/README.md, "Speed pass 8").

Polars appends ``_RJEM_MALLOC_CONF`` from the environment to its own defaults, so a value set there
by the user wins: this module only fills it in when it is unset.
"""

from __future__ import annotations

import os
import sys

# Decay of dirty and muzzy pages, in milliseconds (jemalloc option syntax).
JEMALLOC_CONF = "dirty_decay_ms:60000,muzzy_decay_ms:60000"
ENV_VAR = "_RJEM_MALLOC_CONF"


def configure_allocator() -> bool:
    """Set ``_RJEM_MALLOC_CONF`` unless it is set or Polars is already imported (jemalloc reads it
    once, when the Polars library loads). True when the setting will take effect."""
    if "polars" in sys.modules or ENV_VAR in os.environ:
        return False
    os.environ[ENV_VAR] = JEMALLOC_CONF
    return True
