# dyadwatch developer entry points. The README's two commands are `make demo` and `make test`;
# CI (.ci/run) calls `make test` and nothing else.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= dyadwatch.duckdb

.PHONY: demo install install-dev browser lint test golden bench train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=25.1"

# The report extra (plotly) comes with the demo, so every command of the README's table
# works after `make demo` (#15.15); the dashboard's extra stays a separate step.
install: $(BIN)/python
	$(BIN)/pip install --quiet ".[report,dashboard]"

demo: install
	$(BIN)/dyadwatch run examples/ --db $(DB)

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[all]" --group dev --group train

browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }

lint: install-dev
	$(BIN)/ruff check src tests bench training
	$(BIN)/mypy
	$(BIN)/lint-imports

# Two pytest workers (pytest-xdist), one test file each at a time: a file's module fixtures
# and its Ray cluster stay in one process. On CI's 2 cores the suite took 6 min this way
# against 9.5 min in one process (2026-12-05). TEST_WORKERS=0 runs it in one process.
# --no-loadscope-reorder keeps the order of tests/conftest.py, which runs the slowest files
# (tests/data/slow_files.txt) first so that both workers finish together. On 2026-12-07 the
# suite had grown to 600-624 s here. With spaCy imported without torch in every coding
# process (extract/_without_torch.py) it took 475 s; later runs took 575-627 s as the shared
# machine slowed (the same files 20-40 % slower). The summed time of the tests, steadier
# on one machine, fell from 1,142 s to 907 s in runs an hour apart.
TEST_WORKERS ?= 2
test: install-dev browser lint
	$(BIN)/pytest -q -p no:cacheprovider -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

golden: install-dev
	$(BIN)/python -m tests.golden.regenerate

# Rebuild the learned coder's model from training/corpus (2 CPU cores, under an hour).
train: install-dev
	$(BIN)/python -m training.train --config training/config.toml

bench: install-dev
	for script in bench/[!_]*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info $(DB) $(DB).wal test-output
