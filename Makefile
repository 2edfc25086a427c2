# The two commands a fresh machine needs: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run dataset test test-fast setup system venv image argilla lint bench clean

RUN_DIR ?= runs/default
RUN_ARGS ?= --tags demo --samples 1

run: setup
	$(BIN)/declean model fetch
	# 75: work left for another run (it says how much); export what is done meanwhile
	$(BIN)/declean run --run-dir $(RUN_DIR) $(RUN_ARGS) || [ $$? -eq 75 ]
	$(BIN)/declean split $(RUN_DIR) --source auto
	$(BIN)/declean export $(RUN_DIR) --source auto --out exports/$(notdir $(RUN_DIR))

# The recommended training set, no endpoint: `make dataset [COURSE=DIR] [EXCLUDE=DIR]`.
dataset: setup
	COURSE="$(COURSE)" EXCLUDE="$(EXCLUDE)" bash scripts/dataset.sh

test: setup
	$(BIN)/python -m pytest -ra $(PYTEST_ARGS)

# What needs no sandbox, argilla, embedded model or browser (tests/needs.py marks the rest):
# about a minute, and only the Python environment to set up.
test-fast: venv
	$(BIN)/python -m pytest -ra -m "not needs" $(PYTEST_ARGS)

setup: system venv image argilla

system:
	bash scripts/install-system.sh

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,local]'
	touch $@

image:
	bash scripts/sandbox-image.sh

# argilla-server lives in its own venv (it pins an old click); installed once, reused.
argilla: venv
	$(BIN)/declean workspace install

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# Every benchmark, its output written into docs/measurements.md with the commit and the date:
# `make bench [BENCH="evidence_speed yield"] [REAL=DIR]` (scripts/bench.py --help).
bench: setup
	$(BIN)/python scripts/bench.py $(if $(REAL),--real $(REAL)) $(BENCH)

clean:
	rm -rf runs .pytest_cache
