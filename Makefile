# stationdesk developer commands. Quick start: `make run` (demo station) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)

.PHONY: run test lint unit translations translations-update bench bench-quick clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

## Refresh the core .ts from the UI code (then translate new entries in Qt Linguist).
## An area with its own .ts (residents_zh_CN.ts, ...) refreshes it from its own files.
translations-update: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete $(shell find stationdesk/ui -maxdepth 1 -name "*.py") stationdesk/ui/pages/placeholder.py stationdesk/ui/pages/settings.py -ts resources/translations/stationdesk_zh_CN.ts
	$(BIN)/pyside6-lupdate -no-obsolete stationdesk/ui/pages/residents.py stationdesk/ui/pages/resident_forms.py -ts resources/translations/residents_zh_CN.ts
	$(BIN)/pyside6-lupdate -no-obsolete stationdesk/ui/pages/certificates.py stationdesk/ui/pages/certificate_dialogs.py -ts resources/translations/certs_zh_CN.ts

## Open the app on the demo station (its own data folder, demo logins on the login screen).
run: $(STAMP) $(QM)
	$(BIN)/stationdesk --demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

## The whole suite: lint, types, layer contracts, then every test (GUI offscreen, real PostgreSQL).
test: $(STAMP) $(QM) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

bench-quick: $(STAMP) $(QM)
	$(BIN)/python -m benchmarks.run --residents 100000

bench: $(STAMP) $(QM)
	$(BIN)/python -m benchmarks.run --residents 1000000

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache resources/translations/*.qm
