# Two commands do everything on a fresh machine with Python 3.11+:
#   make run    the dashboard on the shipped French dataset (http://127.0.0.1:8501)
#   make test   the system parts the tests need, style, types, generated docs, and every
#               test tier
# While working: make fast (the fast tier of unit tests, in seconds).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test fast lint typecheck docs docs-check unit bench audit system-deps browser-deps clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

run: $(VENV)/.installed
	$(PY) -m streamlit run dashboard.py --server.address 127.0.0.1 --server.port $(PORT)

test: $(VENV)/.installed system-deps lint typecheck docs-check
	$(PY) -m pytest -n 2 --dist loadgroup -q

# The fast tier: the unit tests not marked chromium, pdf, subprocess or scale (each of those
# is also marked slow; tests/conftest.py explains them and checks the first three).
fast: $(VENV)/.installed
	$(PY) -m pytest -n 2 -q tests/unit -m "not slow"

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(VENV)/.installed
	$(PY) -m mypy

docs: $(VENV)/.installed
	$(PY) -m monitoring.devtools.docs

docs-check: $(VENV)/.installed
	$(PY) -m monitoring.devtools.docs --check

unit: $(VENV)/.installed
	$(PY) -m pytest -n 2 -q tests/unit

bench: $(VENV)/.installed
	$(PY) bench/run.py
	$(PY) bench/pages_bench.py
	$(PY) bench/import_bench.py
	$(PY) bench/exports_bench.py
	$(PY) bench/changelog_bench.py
	$(PY) bench/hostile_bench.py
	$(PY) bench/cli_bench.py
	$(PY) bench/experience_bench.py

# Known vulnerabilities (PyPI and OSV advisories) in the installed dependencies. Not part
# of `make test`: pip-audit needs the advisory databases (pypi.org's JSON API, api.osv.dev),
# which this project's machines and CI cannot reach. Run it where they can be reached.
# --strict: a package that could not be checked fails the audit; without it, an unreachable
# database reads as "No known vulnerabilities found".
audit: $(VENV)/.installed
	$(PY) -m pip_audit --strict --skip-editable

# Debian's Chromium (chart images, the dossier, the browser tests), the PDF's fonts, nginx
# (the proxy test) and LibreOffice Calc (the .ods round trip): installed with apt-get as
# root, otherwise named, and a failure.
# Then axe-core from the npm registry (the published site's accessibility check), pinned
# by package-lock.json: .ci/node-deps.
system-deps: $(VENV)/.installed
	@sh .ci/system-deps $(PY)
	@sh .ci/node-deps

browser-deps: system-deps  # its former name

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
