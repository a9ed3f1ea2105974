# Two commands set everything up on a fresh machine: `make demo` and `make test`.
# The venv's interpreter: the distribution's CPython 3.11 where there is one with venv (Debian builds
# it with PGO and LTO and links libpython in: a command costs ~10% fewer instructions than on a plain
# source build such as pyenv's; BENCHMARKS.md), else python3. `make PYTHON=...` chooses another.
PYTHON ?= $(shell /usr/bin/python3.11 -c 'import ensurepip, venv' 2>/dev/null && echo /usr/bin/python3.11 || echo python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test test-fast postgres bench bench-smoke clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

postgres:
	.ci/postgres-up

demo: $(STAMP)
	$(BIN)/udsyn --db sqlite:///udsyn-demo.db demo --replace
	$(BIN)/udsyn --db sqlite:///udsyn-demo.db projections run
	$(BIN)/udsyn --db sqlite:///udsyn-demo.db report annual --year 2025 --format html -o udsyn-demo-2025.html
	$(BIN)/udsyn --db sqlite:///udsyn-demo.db report annual --year 2025 --format xlsx -o udsyn-demo-2025.xlsx
	$(BIN)/udsyn --db sqlite:///udsyn-demo.db audit verify
	$(BIN)/udsyn --db sqlite:///udsyn-demo-holbaek.db demo --municipality holbaek --replace
	$(BIN)/udsyn --db sqlite:///udsyn-demo-holbaek.db projections run
	$(BIN)/udsyn --db sqlite:///udsyn-demo-holbaek.db report annual --year 2025 --format html -o udsyn-demo-holbaek-2025.html
	@echo "demo: udsyn-demo.db (Kalix) and udsyn-demo-holbaek.db (Holbæk); annual reports for 2025 in udsyn-demo*-2025.html/.xlsx"

test: $(STAMP) postgres
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	UDSYN_SKIP_POSTGRES=1 $(BIN)/python -m pytest -x

bench: $(STAMP) postgres
	$(BIN)/python -m bench

bench-smoke: $(STAMP) postgres
	$(BIN)/python -m bench --smoke

clean:
	rm -rf $(VENV) *.egg-info udsyn-demo*
