# The two set-up commands: `make run` (install, then build the warehouse from data/articles)
# and `make test` (install, then run every test). Needs only python3 and the package registries.

PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install run test test-fast check format dagster bench clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --quiet
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/skyledger build

# Two test processes (pytest-xdist), each taking whole modules, so that a module's built warehouse
# is built once; the Spark cluster's module starts first (tests/conftest.py) and runs beside the rest
# (--no-loadscope-reorder: by default xdist hands out the modules with most tests first).
TEST_PROCESSES ?= 2
PYTEST := $(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist loadfile --no-loadscope-reorder

test: install browser java
	$(PYTEST)

# Every test but the one that starts a local Spark cluster (tests/test_spark_cluster.py, ~10 min).
test-fast: install browser
	$(PYTEST) -m "not spark_cluster"

# A JVM for the Spark engine's cluster test (Debian's package; pyspark from PyPI brings Spark itself).
.PHONY: java
java:
	command -v java >/dev/null || (apt-get update -qq && \
		(apt-get install -y -qq openjdk-17-jre-headless || apt-get install -y -qq openjdk-21-jre-headless))

# Headless Chromium for tests/test_docs_site.py (Debian's package); those tests fail without it.
.PHONY: browser
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

check: install
	$(BIN)/ruff check orchestration tests bench
	$(BIN)/ruff format --check orchestration tests bench

format: install
	$(BIN)/ruff format orchestration tests bench
	$(BIN)/ruff check --fix orchestration tests bench

# The Dagster UI on http://127.0.0.1:3000 with the whole asset graph. orchestration/dev_server.py
# runs `dagster dev` with the .venv's bin first on PATH (dagster-dbt parses the project with the
# `dbt` it finds there) and stops it, and all it started, within seconds of Ctrl-C or SIGTERM.
# `exec`: the wrapper is the process those signals reach (tests/test_dagster_ui.py starts it so).
DAGSTER_PORT ?= 3000
DAGSTER_HOME ?= $(CURDIR)/data/dagster_home
dagster: install
	mkdir -p $(DAGSTER_HOME) && cp dagster.yaml $(DAGSTER_HOME)/dagster.yaml
	DAGSTER_HOME=$(DAGSTER_HOME) exec $(BIN)/python -m orchestration.dev_server -p $(DAGSTER_PORT)

# The quick benchmarks (a few minutes); bench/README.md has the last figures and the slow ones.
bench: install
	$(BIN)/python bench/extraction_vs_naive.py
	$(BIN)/python bench/parallel_extraction.py
	$(BIN)/python bench/extraction_throughput.py

# A build with nothing to do against a full build (wall time, start-up included).
.PHONY: bench-noop
bench-noop: install
	$(BIN)/python bench/noop_build.py

# skyledger build on 10,000 generated articles: full, 1,000 new, nothing new (tens of minutes).
.PHONY: bench-build
bench-build: install
	$(BIN)/python bench/build_scale.py --articles 10000

clean:
	rm -rf $(VENV) $(TOOLS) dbt_project/target dbt_project/logs data/warehouse.duckdb data/warehouse.skyledger
