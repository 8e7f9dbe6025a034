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

UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
RUN := $(UV) run --frozen
DAGSTER_TARGET := -m orchestration.definitions
# Dagster's console logger defaults to DEBUG (every step event); INFO keeps the progress lines.
QUIET_LOGS := '{"loggers": {"console": {"config": {"log_level": "INFO"}}}}'

.PHONY: help install manifest run rebuild dev test test-spark lint format docs bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

install:  ## install Python 3.11 deps from uv.lock (installs uv with pip when missing)
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --inexact --quiet
	@$(MAKE) --no-print-directory manifest

manifest:  ## parse the dbt project so dagster-dbt finds target/manifest.json
	cd dbt_project && $(RUN) dbt parse --quiet --profiles-dir .

run: install  ## materialize every asset on $$AKHBAR_INBOX (default data/raw) and print a summary
	$(RUN) dagster asset materialize --select "*" $(DAGSTER_TARGET) --config-json $(QUIET_LOGS)
	$(RUN) python -m orchestration.summary

rebuild: install  ## drop the working database and rebuild everything from the inbox
	$(RUN) python -m orchestration.summary --reset-build
	$(RUN) dagster asset materialize --select "*" $(DAGSTER_TARGET) --config-json $(QUIET_LOGS)
	$(RUN) python -m orchestration.summary

dev: install  ## start the Dagster UI on the same definitions
	$(RUN) dagster dev $(DAGSTER_TARGET)

test: install  ## run the whole test suite
	$(RUN) pytest

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

clean:
	rm -rf data/warehouse data/quality dbt_project/target .dagster_home/storage .dagster_home/history .dagster_home/logs
