# Akhbar: `make run` builds the warehouse from the bundled sample, `make test` runs the suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Everything local, offline and quiet: no telemetry, no version checks.
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DBT_VERSION_CHECK := false
export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := False
export TQDM_DISABLE := 1
export PYTHONUNBUFFERED := 1
# Let Python cache bytecode in the venv: without it every run recompiles pandas and GX (seconds).
unexport PYTHONDONTWRITEBYTECODE

UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
# Bytecode is compiled at install, once per lock file: otherwise the first run after install compiles
# Dagster, dbt, GX and their imports itself (about 10 CPU s). Compiling on every sync would cost
# `make run` seconds of checking; the marker lives in .venv, so a new venv compiles again.
BYTECODE := .venv/.akhbar-bytecode
RUN := $(UV) run --frozen
# The project's console script and tools, called by path: no activation, no uv start-up per call.
BIN := $(CURDIR)/.venv/bin
AKHBAR := $(BIN)/akhbar
# dbt's partial parse is kept only when the profile matches the run's, and the run points dbt at the
# working database beside the warehouse (orchestration/settings.py): parse with the same path.
WAREHOUSE := $(abspath $(or $(AKHBAR_WAREHOUSE),data/warehouse/news.duckdb))
BUILD_DB := $(dir $(WAREHOUSE))build/$(notdir $(WAREHOUSE))
MANIFEST := dbt_project/target/manifest.json
DBT_SOURCES := $(shell find dbt_project/models dbt_project/macros dbt_project/tests dbt_project/seeds \
	dbt_project/analyses -type f 2>/dev/null) dbt_project/dbt_project.yml dbt_project/profiles.yml

.PHONY: help install manifest run rebuild dev test test-spark lint format docs bench bench-backfill bench-spark clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

install:  ## install Python 3.11 deps from uv.lock (installs uv with pip when missing)
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --inexact --quiet
	@test $(BYTECODE) -nt uv.lock || { echo "compiling bytecode (once per uv.lock)"; \
		$(UV) sync --frozen --inexact --quiet --compile-bytecode && touch $(BYTECODE); }
	@$(MAKE) --no-print-directory $(MANIFEST)

# Parsed again only when a dbt file changed (a parse costs seconds).
$(MANIFEST): $(DBT_SOURCES)
	cd dbt_project && AKHBAR_BUILD_DB=$(BUILD_DB) $(BIN)/dbt parse --quiet --profiles-dir .

manifest:  ## parse the dbt project so dagster-dbt finds target/manifest.json
	cd dbt_project && AKHBAR_BUILD_DB=$(BUILD_DB) $(BIN)/dbt parse --quiet --profiles-dir .

run: install  ## run the pipeline on $$AKHBAR_INBOX (default data/raw), then print what it did
	$(AKHBAR) run
	@$(AKHBAR) status

rebuild: install  ## drop the working database and rebuild everything from the inbox
	$(BIN)/python -m orchestration.summary --reset-build
	$(AKHBAR) run
	@$(AKHBAR) status

dev: install  ## start the Dagster UI on the same definitions (code location `akhbar`)
	$(BIN)/dagster dev -w workspace.yaml

# Worker processes of the suite (pytest-xdist; 0 runs it in this process). A test file goes whole to one
# worker, so its module-scoped pipeline runs once; heavy files come first, in collection order (integration,
# then unit), so the many small unit files fill the end. The sample build is shared (tests/conftest.py).
TEST_WORKERS ?= 2

test: install  ## run the whole test suite
	$(RUN) pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

test-spark: install  ## scale-out tests: dbt on Spark (local PySpark, Java 17) matches DuckDB; daily partitions
	$(UV) sync --frozen --inexact --quiet --group spark
	$(RUN) --group spark pytest tests_spark -p no:cacheprovider

lint:  ## ruff check and format check
	$(RUN) ruff check .
	$(RUN) ruff format --check .

format:
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

docs: install  ## build the dbt docs site into dbt_project/target
	cd dbt_project && $(RUN) dbt docs generate --profiles-dir . --static

bench: install  ## benchmarks: corpus generator, per-stage throughput, peers (see README)
	$(UV) sync --frozen --quiet --group bench
	$(RUN) python -m bench.run

bench-backfill: install  ## backfill of 10 days x 1k articles on 1 and 2 workers, ten-year projection
	$(RUN) python -m bench.backfill

bench-spark: install  ## dbt on Spark vs DuckDB on the 1k-article bench corpus (keys, counts, rows)
	$(UV) sync --frozen --inexact --quiet --group spark
	$(RUN) --group spark python -m bench.spark_parity

clean:
	rm -rf data/warehouse data/quality dbt_project/target .dagster_home/storage .dagster_home/history .dagster_home/logs
