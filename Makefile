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

test: install browser java
	$(BIN)/python -m pytest

# Every test but the one that starts a local Spark cluster (tests/test_spark_cluster.py, ~6 min).
test-fast: install browser
	$(BIN)/python -m pytest -m "not spark_cluster"

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

# The Dagster UI on http://127.0.0.1:3000 with the whole asset graph.
dagster: install
	mkdir -p data/dagster_home && cp dagster.yaml data/dagster_home/dagster.yaml
	DAGSTER_HOME=$(CURDIR)/data/dagster_home $(BIN)/dagster dev -m orchestration.definitions

bench: install
	$(BIN)/python bench/extraction_throughput.py

clean:
	rm -rf $(VENV) $(TOOLS) dbt_project/target dbt_project/logs data/warehouse.duckdb
