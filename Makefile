# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint clean screenshot

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dev]"
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/recon run --month 2020-04 --out recon-output --force

# the suite, after the checks a reviewer would make first: lint, formatting, types
test: $(STAMP)
	$(BIN)/ruff check recon tests benchmarks packaging
	$(BIN)/ruff format --check --quiet recon tests benchmarks packaging
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check recon tests benchmarks packaging
	$(BIN)/mypy

clean:
	rm -rf $(VENV) recon-output dist

# Offline install folder for PCs without registry access (issue 9): dist/wheelhouse/ and dist/wheelhouse.zip.
WHEELHOUSE ?= dist/wheelhouse
WHEELHOUSE_PLATFORMS ?= win_amd64 manylinux_x86_64
WHEELHOUSE_PYTHONS ?= 3.11 3.12 3.13

.PHONY: wheelhouse
wheelhouse: $(STAMP)
	$(BIN)/python packaging/build_wheelhouse.py --out $(WHEELHOUSE) \
		$(foreach p,$(WHEELHOUSE_PLATFORMS),--platform $(p)) $(foreach v,$(WHEELHOUSE_PYTHONS),--python $(v))

# Performance figures (issue 7): dev-only, not part of `make test`. Results land in benchmarks/results/;
# BENCHMARKS.md quotes them. BENCH_SCALES 2000 is the province month (~10M rows, minutes per run).
BENCH_DATA ?= /tmp/recon-bench
BENCH_RUNS ?= 3
BENCH_SCALES ?= 1,10,100,1000
BENCH_PROVINCE ?= 2000
BENCH_PEER_SCALE ?= 100
BENCH_RSS_LIMIT_MB ?= 16000

.PHONY: bench
bench: $(STAMP)
	@test -x /usr/bin/time || (apt-get update -qq && apt-get install -y -qq time)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	cd benchmarks && RECON_BENCH_DATA=$(BENCH_DATA) ../$(BIN)/python county_month.py --runs $(BENCH_RUNS)
	cd benchmarks && RECON_BENCH_DATA=$(BENCH_DATA) ../$(BIN)/python scaling.py --scales $(BENCH_SCALES) --runs $(BENCH_RUNS)
	cd benchmarks && RECON_BENCH_DATA=$(BENCH_DATA) ../$(BIN)/python scaling.py --scales $(BENCH_PROVINCE) --rss-limit-mb $(BENCH_RSS_LIMIT_MB) --runs $(BENCH_RUNS) --name province
	cd benchmarks && RECON_BENCH_DATA=$(BENCH_DATA) ../$(BIN)/python peers.py --scale $(BENCH_PEER_SCALE) --runs $(BENCH_RUNS)
	$(BIN)/python benchmarks/link_quality.py --people 80000

# Dev only: the largest month this machine runs (2 and 3 province months side by side, ~20M and ~30M
# rows; needs ~18 GB of RAM and a few minutes per run). Builds the Parquet province month first if needed.
.PHONY: bench-largest
bench-largest: $(STAMP)
	cd benchmarks && RECON_BENCH_DATA=$(BENCH_DATA) ../$(BIN)/python largest_month.py --copies 2,3 --runs 1

# Dev only (not part of `make test`): render the demo workbook as an auditor sees it on paper.
# Installs LibreOffice and poppler from Debian packages, converts anomalies.xlsx to PDF, crops page images.
SHOT_DIR := build/screenshot
screenshot: demo
	command -v soffice >/dev/null && command -v pdftoppm >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc poppler-utils fonts-noto-cjk)
	rm -rf $(SHOT_DIR) && mkdir -p $(SHOT_DIR)
	cp recon-output/anomalies.xlsx $(SHOT_DIR)/
	cd $(SHOT_DIR) && soffice --headless --convert-to pdf anomalies.xlsx >/dev/null
	pdftoppm -png -r 110 -f 1 -l 1 $(SHOT_DIR)/anomalies.pdf $(SHOT_DIR)/summary
	pdftoppm -png -r 200 -f 2 -l 2 -x 0 -y 0 -W 1900 -H 420 $(SHOT_DIR)/anomalies.pdf $(SHOT_DIR)/rule-sheet
	@echo "pages rendered under $(SHOT_DIR)/"
