# stationdesk developer commands. Quick start: `make run` (demo station) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
BUNDLE := dist/stationdesk
BUNDLE_STAMP := $(VENV)/.installed-bundle
DEB := dist/stationdesk_$(VERSION)_$(shell dpkg --print-architecture 2>/dev/null || echo amd64).deb

.PHONY: run test lint unit translations translations-update bench bench-quick clean bundle deb \
	test-bundle bench-sync soak-sync setup-run setup-test setup-bundle

## The machine's set-up before a target: the Debian packages it needs (the lists live in
## installer/debian-packages.sh only), installed when run as root, else the one apt-get command to run is
## printed; for `run`, a display (else how to use Xvfb). Nothing but a dpkg-query once all is there.
SETUP := PY='$(PY)' VENV='$(VENV)' installer/debian-packages.sh

setup-run setup-test setup-bundle:
	@$(SETUP) $(@:setup-%=%)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(SETUP) venv
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

## Which .ts holds each UI file's strings, kept here and nowhere else. Each area's .ts
## (resources/translations/<area>_zh_CN.ts) takes the files under stationdesk/ui matching its
## patterns; `%` matches across folders, so a module split into a package (pages/cases.py ->
## pages/cases/*.py) or a new file named like its area is found without a new rule. Every
## other file, a new page included, goes to the core stationdesk_zh_CN.ts. A file that leaves
## its area takes its strings to the other .ts untranslated (-no-obsolete drops them from the
## old one), so a moved class keeps its file's area, or its area gets a pattern here.
UI := stationdesk/ui
TS_installer := $(UI)/wizard% $(UI)/pages/settings%
TS_residents := $(UI)/pages/resident%
TS_cases := $(UI)/pages/case% $(UI)/pages/stats%
TS_sync := $(UI)/pages/sync%
TS_certs := $(UI)/pages/certificate% $(UI)/pdf%

TS_AREAS := $(filter-out stationdesk,$(TS:resources/translations/%_zh_CN.ts=%))
UI_SOURCES = $(sort $(shell find $(UI) -name '*.py'))
AREA_SOURCES = $(filter $(foreach area,$(TS_AREAS),$(TS_$(area))),$(UI_SOURCES))
ts_sources = $(if $(filter stationdesk,$1),$(filter-out $(AREA_SOURCES),$(UI_SOURCES)),$(filter $(TS_$1),$(UI_SOURCES)))

## Refresh every .ts from the UI code (then translate new entries in Qt Linguist).
translations-update: $(TS:resources/translations/%_zh_CN.ts=translations-update-%)

translations-update-%: $(STAMP)
	$(if $(call ts_sources,$*),,$(error no UI sources for $*_zh_CN.ts: give it a TS_$* pattern))
	$(BIN)/pyside6-lupdate -no-obsolete $(call ts_sources,$*) -ts resources/translations/$*_zh_CN.ts

## Open the app on the demo station (its own data folder, demo logins on the login screen).
run: setup-run $(STAMP) $(QM)
	$(BIN)/stationdesk --demo

## The fast tests: domain rules, PDFs, signing, translations (no station database, no windows).
unit: $(STAMP)
	$(BIN)/pytest -q tests/unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

## The whole suite: lint, types, layer contracts, then every test (GUI offscreen, real PostgreSQL).
test: setup-test $(STAMP) $(QM) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

## Every figure (P1-P8; P4 and P6 need PostgreSQL) beside its same-run baseline, then a check
## against benchmarks/baseline.json. BENCH_ARGS: --check (exit 1 on a regression),
## --update-baseline (store this run), --only P4 P6 (a subset).
BENCH_ARGS ?=

bench-quick: $(STAMP) $(QM)
	$(BIN)/python -m benchmarks.run --residents 100000 $(BENCH_ARGS)

bench: $(STAMP) $(QM)
	$(BIN)/python -m benchmarks.run --residents 1000000 $(BENCH_ARGS)

$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bundle]'
	touch $@

## The one-folder Linux bundle in dist/stationdesk (PyInstaller, installer/stationdesk.spec).
bundle: setup-bundle $(BUNDLE_STAMP) $(QM)
	rm -rf build/pyinstaller $(BUNDLE)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller installer/stationdesk.spec
	@du -sh $(BUNDLE)

## The .deb (installs to /opt/stationdesk, launcher /usr/bin/stationdesk) from the bundle.
deb: bundle
	installer/linux/build-deb.sh $(BUNDLE) $(VERSION) $(DEB)

## Smoke tests of the built bundle and .deb: --selftest offscreen, CLI, upgrade, installers.
test-bundle: deb
	QT_QPA_PLATFORM=offscreen STATIONDESK_BUNDLE=$(BUNDLE) STATIONDESK_DEB=$(DEB) \
		$(BIN)/pytest -q tests/bundle

## Sync figures: 10,000 ops pushed to a loopback server on PostgreSQL, idle round trips.
bench-sync: $(STAMP)
	$(BIN)/python -m benchmarks.bench_sync --ops 10000

## The randomized sync run (real residents at three stations, faults, crashes) 1,000 times
## against one server; SOAK_RUNS=N for another number of runs.
SOAK_RUNS ?= 1000

soak-sync: $(STAMP)
	$(BIN)/python -m benchmarks.bench_sync --soak $(SOAK_RUNS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache resources/translations/*.qm
